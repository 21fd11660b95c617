"""The data twins of list pages: streamed CSV and JSON of exactly what the page shows, and their feeds.

A twin is held to the page's own rules: a parameter the page refuses is
refused by the twin too, with status 400 in the twin's own format, and a
format the page has no twin in is a 400 that names the ones it has.
"""

import csv
import io
import itertools
import re
from collections import namedtuple
from functools import wraps

from django.contrib.syndication.views import Feed
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse, StreamingHttpResponse
from django.utils.feedgenerator import Atom1Feed

DataFormat = namedtuple("DataFormat", ["name", "media_type", "label"])
DATA_FORMATS = {
    "csv": DataFormat("csv", "text/csv", "CSV"),
    "json": DataFormat("json", "application/json", "JSON"),
}
# Export columns that hold an address on this site: written out whole in exports,
# so that a row still leads to its page once the file is far from the site.
URL_COLUMNS = {"url", "source_url"}

# A spreadsheet runs a cell that starts with one of these as a formula, so data
# such as a participant named "=HYPERLINK(...)" would become a live link.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A download's name is built from data (a reference, a slug): anything but
# these becomes "_", so that no quote or line break can reach the header.
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
# Stands for "the export has no rows" (a row itself is never this object).
_NO_ROWS = object()
# Rows an export's server-side cursor fetches at a time (QuerySet.iterator's chunk_size):
# enough that fetching costs little a row, few enough that a worker's memory stays flat.
FETCH_SIZE = 2000
# Rows sent to the client in one chunk: each chunk costs Django and the WSGI server a
# conversion and a write, as much as formatting a dozen rows; the header goes alone, at once.
ROWS_PER_CHUNK = 100


# What a download calls after each chunk it sends, to say that its worker is not
# stuck (keep_worker_alive_with); nothing outside gunicorn.
_worker_alive = None


def keep_worker_alive_with(notify):
    """Have every download call `notify()` after each chunk it sends (gunicorn.conf.py passes its worker's).

    A sync worker tells gunicorn's arbiter it is alive only between requests,
    and the arbiter kills a worker silent for longer than its timeout (30 s) as
    stuck. A download is one request: the CSV of 1,000,000 notifications took
    longer than that and was cut off mid-file (bench/RESULTS.md). A download
    that keeps sending is not stuck; one that stops sending still meets the
    timeout, and each read of its rows meets the database's statement timeout.
    """
    global _worker_alive
    _worker_alive = notify


def _sent():
    if _worker_alive is not None:
        _worker_alive()


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


class InvalidParameters(Exception):
    """The parameters of an export fail the form of its page: the view answers 400 in the format asked for."""

    def __init__(self, form):
        super().__init__(form.errors)
        self.form = form


def data_twins(*formats, linked=True):
    """Mark a view whose page has data twins in these formats (all, if none is named).

    The page's head links each twin (`base.html`) and its body offers them
    (`partials/_export_links.html`), both from the page's own address with
    `format` set: the twin holds what the page shows, with the same filters.
    A page whose twins need a choice made first (the research tables) is not
    `linked`: it offers its own links once the choice is made.

    A `format` the page has no twin in is refused here, and InvalidParameters,
    raised wherever the view checks its form (config.forms.as_of_date,
    refuse_invalid_export), becomes bad_request, as Http404 becomes not_found
    for a twin: each view need not.
    """
    twins = [DATA_FORMATS[name] for name in formats or DATA_FORMATS]

    def decorate(view):
        @wraps(view)
        def view_with_twins(request, *args, **kwargs):
            request.data_formats = {twin.name for twin in twins}
            request.data_twins = twins if linked else []
            asked = request.GET.get("format", "")
            if asked and asked not in request.data_formats:
                return unknown_format(asked, twins)
            try:
                return view(request, *args, **kwargs)
            except InvalidParameters as invalid:
                return bad_request(request, invalid.form)
            except Http404 as missing:
                if requested_format(request):
                    return not_found(request, str(missing) or "Nothing is stored at this address.")
                raise

        return view_with_twins

    return decorate


def requested_format(request):
    """Return "csv" or "json" when the request asks for a twin its page has, or None for the HTML page."""
    value = request.GET.get("format", "")
    # A request no view marked (an export built directly, as in tests) may ask for any.
    return value if value in getattr(request, "data_formats", DATA_FORMATS) else None


def refuse_invalid_export(request, form):
    """Raise InvalidParameters when a twin is asked for with parameters its page's form refuses.

    The HTML page shows the errors on itself, with status 400: its view does that.
    """
    if requested_format(request) and form.is_bound and not form.is_valid():
        raise InvalidParameters(form)


def export(request, filename, header, rows):
    """Stream `rows` (dicts keyed by `header`) in the format the request asks for, with whole addresses.

    `rows` should be lazy (a generator reading `QuerySet.iterator(chunk_size=FETCH_SIZE)`):
    it is read in one transaction, a chunk at a time, as the response is sent.
    """
    rows = _first_row_fetched(_in_one_transaction(_with_whole_urls(request, header, rows)))
    if requested_format(request) == "csv":
        return stream_csv(filename, header, rows)
    return stream_json(filename, rows)


def bad_request(request, form):
    """Answer 400 with a form's errors in the format asked for: a JSON object for JSON, plain text otherwise.

    JSON: {"error": "...", "fields": {"as_of": ["..."]}}, the errors that
    belong to no one parameter in "error" itself. CSV and feeds: plain text,
    one line a parameter, which a spreadsheet or a feed reader shows as it is.
    """
    errors = {name: [str(error) for error in messages] for name, messages in form.errors.items()}
    general = " ".join(errors.pop("__all__", []))
    summary = general or f"Invalid parameter{'s' if len(errors) != 1 else ''}: {', '.join(errors)}."
    if requested_format(request) == "json":
        return JsonResponse({"error": summary, "fields": errors}, status=400)
    lines = "".join(f"{name}: {' '.join(messages)}\n" for name, messages in errors.items())
    return HttpResponseBadRequest(f"{summary}\n{lines}", content_type="text/plain; charset=utf-8")


def not_found(request, message, details=None):
    """Answer 404 in the format asked for: a JSON object for JSON (the message, any details), plain text otherwise."""
    if requested_format(request) == "json":
        return JsonResponse({"error": message, **(details or {})}, status=404)
    return HttpResponseNotFound(f"{message}\n", content_type="text/plain; charset=utf-8")


def unknown_format(asked, twins):
    """Answer 400 to a format the page has no twin in, naming the ones it has."""
    offered = ", ".join(f"format={twin.name} ({twin.label})" for twin in twins)
    return HttpResponseBadRequest(
        f"Unknown format {asked[:30]!r}. This page is available as HTML (no format) or as {offered}.\n",
        content_type="text/plain; charset=utf-8",
    )


class WholeAtomFeed(Atom1Feed):
    """Atom written into a string first, then into the response at once.

    Written straight into the response, each of a feed's 1,200 pieces (tags,
    texts) went through the response's own write: a sixth of a 50-entry feed.
    """

    def write(self, outfile, encoding):
        written = io.StringIO()
        super().write(written, encoding)
        outfile.write(written.getvalue())


class DataFeed(Feed):
    """An Atom feed whose self link keeps the request's filters; every link and id is a whole address."""

    feed_type = WholeAtomFeed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def feed_url(self):
        # Django's default is the path alone: a reader would subscribe to the unfiltered feed.
        return self.request.get_full_path()


def _with_whole_urls(request, header, rows):
    """Return `rows` with every address on this site in them written out whole (scheme and host)."""
    columns = URL_COLUMNS.intersection(header)
    if not columns:
        return rows
    site = request.build_absolute_uri("/").removesuffix("/")
    return ({**row, **{name: site + row[name] for name in columns if _is_path(row[name])}} for row in rows)


def _is_path(value):
    return isinstance(value, str) and value.startswith("/") and not value.startswith("//")


def stream_csv(filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        try:
            yield writer.writerow(header)
            for batch in _batches(rows):
                yield "".join([writer.writerow([_cell(row[name]) for name in header]) for row in batch])
                _sent()
        finally:
            _close(rows)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}.csv"'
    return response


def stream_json(filename, rows):
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        try:
            yield "["
            before = "\n"
            for batch in _batches(rows):
                yield before + ",\n".join([encoder.encode(row) for row in batch])
                before = ",\n"
                _sent()
            yield "\n]\n"
        finally:
            _close(rows)

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{safe_filename(filename)}.json"'
    return response


def _batches(rows):
    """Yield lists of ROWS_PER_CHUNK rows (the last one shorter), each sent as one chunk."""
    rows = iter(rows)
    return iter(lambda: list(itertools.islice(rows, ROWS_PER_CHUNK)), [])


def _close(rows):
    """Close `rows` if it is a generator: a download that stops early ends its transaction (_in_one_transaction)."""
    close = getattr(rows, "close", None)
    if close is not None:
        close()


def safe_filename(name):
    """Return `name` with only letters, digits, dots, hyphens and underscores, and never a leading dot."""
    return _UNSAFE_IN_FILENAME.sub("_", name).lstrip(".") or "export"


def _in_one_transaction(rows):
    """Yield `rows`, read inside a transaction that ends with the last row or when the download stops.

    Outside a transaction, Django declares a server-side cursor WITH HOLD, and
    PostgreSQL then runs the whole query and copies its result before the
    first row comes back (0.9 s for 100,000 notifications, all of it counted
    by the statement timeout); inside one, each fetch reads only the next rows.
    A download that stops early closes this generator (the response closes its
    stream, which closes the rows it reads: stream_csv, stream_json), which
    rolls the transaction back. It is opened only where none is open already
    (a test's, say), so that it never leaves a savepoint behind a response
    nobody reads. The middleware's work on the response, done while it is
    open, writes nothing on a GET.
    """
    if not transaction.get_autocommit():
        yield from rows
        return
    with transaction.atomic():
        yield from rows


def _first_row_fetched(rows):
    """Return `rows` with the first one already read, so that a database error comes before the first byte.

    An error then is still a 503 page (config.middleware). An error after the
    first byte propagates out of the stream: the WSGI server cannot change the
    status any more, so it drops the connection without ending the response
    (gunicorn logs "Error handling request" and closes the socket before the
    last chunk), and the client sees an incomplete download, never a clean end.
    """
    rows = iter(rows)
    first = next(rows, _NO_ROWS)
    return rows if first is _NO_ROWS else _after(first, rows)


def _after(first, rows):
    """Yield `first`, then `rows`; closing this generator closes `rows` too (itertools.chain would not)."""
    yield first
    yield from rows


def _cell(value):
    if type(value) is str:  # most cells: the checks below in short
        return neutralise_formula(value)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " | ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    # Only text is neutralised: a negative number stays a number.
    return neutralise_formula(value) if isinstance(value, str) else value


def neutralise_formula(text):
    """Return `text` so that a spreadsheet shows it as text and never runs it as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text
