"""Middleware that keeps bad input and database trouble from becoming server errors."""

import re

from django.http import HttpResponseBadRequest

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
