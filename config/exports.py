"""The data twins of list pages: streamed CSV and JSON of exactly what the page shows."""

import csv
import itertools
import json
import re
from collections import namedtuple
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse

DataFormat = namedtuple("DataFormat", ["name", "media_type", "label"])
DATA_FORMATS = {
    "csv": DataFormat("csv", "text/csv", "CSV"),
    "json": DataFormat("json", "application/json", "JSON"),
}
FORMATS = set(DATA_FORMATS)

# A spreadsheet runs a cell that starts with one of these as a formula, so data
# such as a participant named "=HYPERLINK(...)" would become a live link.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A download's name is built from data (a reference, a slug): anything but
# these becomes "_", so that no quote or line break can reach the header.
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
# Stands for "the export has no rows" (a row itself is never this object).
_NO_ROWS = object()


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def data_twins(*formats):
    """Mark a view whose page has data twins in these formats (all, if none is named).

    The page's head links each twin (`base.html`) and its body offers them
    (`partials/_export_links.html`), both from the page's own address with
    `format` set: the twin holds what the page shows, with the same filters.
    """
    twins = [DATA_FORMATS[name] for name in formats or DATA_FORMATS]

    def decorate(view):
        @wraps(view)
        def view_with_twins(request, *args, **kwargs):
            request.data_twins = twins
            return view(request, *args, **kwargs)

        return view_with_twins

    return decorate


def requested_format(request):
    """Return "csv", "json" or None for the HTML page."""
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def export(request, filename, header, rows):
    """Stream `rows` (dicts keyed by `header`) in the format the request asks for."""
    rows = _first_row_fetched(rows)
    if requested_format(request) == "csv":
        return stream_csv(filename, header, rows)
    return stream_json(filename, rows)


def bad_request(request, form):
    """Answer 400 with a form's errors in the format asked for: JSON for JSON, plain text for CSV or a feed."""
    if requested_format(request) == "json":
        return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400)
    lines = "\n".join(
        f"{'request' if name == '__all__' else name}: {' '.join(errors)}" for name, errors in form.errors.items()
    )
    return HttpResponseBadRequest(f"Invalid request.\n{lines}\n", content_type="text/plain; charset=utf-8")


def stream_csv(filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(row[name]) for name in header])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}.csv"'
    return response


def stream_json(filename, rows):
    def chunks():
        yield "["
        for position, row in enumerate(rows):
            yield ("," if position else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{safe_filename(filename)}.json"'
    return response


def safe_filename(name):
    """Return `name` with only letters, digits, dots, hyphens and underscores, and never a leading dot."""
    return _UNSAFE_IN_FILENAME.sub("_", name).lstrip(".") or "export"


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
    return rows if first is _NO_ROWS else itertools.chain([first], rows)


def _cell(value):
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
