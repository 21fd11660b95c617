"""Middleware that keeps bad input and database trouble from becoming server errors."""

import logging
import re

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest

logger = logging.getLogger(__name__)

# C0 control characters and DEL. No address or filter value the site accepts
# contains one, and PostgreSQL refuses NUL in text outright (a 500 otherwise).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def has_control_characters(request):
    """Return whether the path or any query parameter's name or value holds a control character."""
    texts = [request.path_info]
    for name, values in request.GET.lists():
        texts.append(name)
        texts.extend(values)
    return any(CONTROL_CHARACTERS.search(text) for text in texts)


class RejectControlCharactersMiddleware:
    """Answer 400, before any view runs, to a request whose address holds control characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            return HttpResponseBadRequest(
                "Bad request: the address contains control characters.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


# Seconds a client should wait before trying again.
RETRY_AFTER = 30
# Written out in full: rendering a template could itself need the database.
UNAVAILABLE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Depositary is briefly unavailable</title></head>
<body>
<h1>Depositary is briefly unavailable</h1>
<p>The database did not answer in time. Please try again in a minute.</p>
</body>
</html>
"""


class DatabaseUnavailableMiddleware:
    """Answer 503 with a plain page and Retry-After when the database is refused, dropped or too slow."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s", request.path, exc_info=exception)
        response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER)
        return response
