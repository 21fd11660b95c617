"""Tell the benchmark's client how many queries each request ran: bench settings only, never the site's own.

Every answer carries `X-Bench-Queries` (the queries run before its headers)
and `X-Bench-Worker` (the pid of the gunicorn worker that served it, whose
memory the client reads from /proc). A streamed answer (an export) runs most
of its queries after its headers are sent, so when the request names itself
in `X-Bench-Request` and BENCH_QUERY_DIR is set, its final count is written to
that folder, under that name, before the last chunk goes out.
"""

import os
import re
from pathlib import Path

from django.conf import settings
from django.db import connection

QUERIES_HEADER = "X-Bench-Queries"
WORKER_HEADER = "X-Bench-Worker"
REQUEST_HEADER = "X-Bench-Request"
# What a request may call itself: the name becomes a file name.
REQUEST_NAME = re.compile(r"[A-Za-z0-9-]{1,64}")


class QueryCounter:
    """An execute wrapper that counts the queries run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(get_response):
    """Count the queries of each request, the session's and the user's included (it comes first)."""

    def middleware(request):
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = get_response(request)
        response[QUERIES_HEADER] = str(counter.count)
        response[WORKER_HEADER] = str(os.getpid())
        if response.streaming:
            response.streaming_content = _counted(response.streaming_content, counter, _final_count_file(request))
        return response

    return middleware


def _final_count_file(request):
    folder = getattr(settings, "BENCH_QUERY_DIR", "")
    name = request.headers.get(REQUEST_HEADER, "")
    if not folder or not REQUEST_NAME.fullmatch(name):
        return None
    return Path(folder) / name


def _counted(chunks, counter, final_count_file):
    """Yield the streamed chunks, counting the queries run while they are made; then write the total down."""
    with connection.execute_wrapper(counter):
        yield from chunks
    if final_count_file is not None:
        final_count_file.write_text(str(counter.count))
