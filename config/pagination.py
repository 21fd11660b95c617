"""Strict pagination: a page that does not exist is a 404 that says which pages do."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


class PageNotFound(Http404):
    """A page number past the end, or not a number."""


def paginate(request, queryset, per_page, *, count=None):
    """Return the requested page of `queryset`, or raise PageNotFound with a helpful message.

    `count`, where the number of rows is already known (stored with the data), spares counting them.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise PageNotFound(
            f"There is no page {number!s:.20}: this list has {paginator.num_pages} "
            f"page{'s' if paginator.num_pages != 1 else ''}."
        ) from error
