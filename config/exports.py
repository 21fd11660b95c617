"""The data twins of list pages: streamed CSV and JSON of exactly what the page shows."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

FORMATS = {"csv", "json"}

# A spreadsheet runs a cell that starts with one of these as a formula, so data
# such as a participant named "=HYPERLINK(...)" would become a live link.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def requested_format(request):
    """Return "csv", "json" or None for the HTML page."""
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def export(request, filename, header, rows):
    """Stream `rows` (dicts keyed by `header`) in the format the request asks for."""
    if requested_format(request) == "csv":
        return stream_csv(filename, header, rows)
    return stream_json(filename, rows)


def stream_csv(filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(row[name]) for name in header])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def stream_json(filename, rows):
    def chunks():
        yield "["
        for position, row in enumerate(rows):
            yield ("," if position else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


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
