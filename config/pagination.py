"""Strict pagination: a page that does not exist is a 404 that says which pages do."""

from functools import cached_property
from math import ceil

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


class PageNotFound(Http404):
    """A page number past the end, or not a number."""


def count_up_to(queryset, limit):
    """Return the number of rows of `queryset`, counting no further than `limit`.

    Unordered and only the keys: PostgreSQL stops at `limit` rows, sorts
    nothing and computes no annotation (a search's rank or snippet).
    """
    return keys_up_to(queryset, limit).count()


def keys_up_to(queryset, limit):
    """Return the first `limit` keys of `queryset`, unordered: what a bounded count reads."""
    return queryset.order_by().values("pk")[:limit]


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` + 1 rows, and pages only the first `cap`.

    Counting every row of a large list costs as much as reading them; past the
    cap the page says "more than" the cap (`capped`), never a total it did not count.
    """

    def __init__(self, object_list, per_page, *args, cap, counter=count_up_to, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = cap
        self.counter = counter

    @cached_property
    def count(self):
        return self.counter(self.object_list, self.cap + 1)

    @property
    def capped(self):
        """Return whether more rows match than were counted."""
        return self.count > self.cap

    @cached_property
    def num_pages(self):
        if not self.capped:
            return super().num_pages
        return ceil(self.cap / self.per_page)


def paginate(request, queryset, per_page, *, count=None, cap=None, past_cap=None, counter=count_up_to, param="page"):
    """Return the requested page of `queryset`, or raise PageNotFound with a helpful message.

    `param` names the query parameter holding the page number: a page with two
    paged lists gives each its own. The page's `previous_query` and `next_query`
    are what `{% querystring %}` takes to link to its neighbours.

    `count`, where the number of rows is already known (stored with the data), spares counting them.
    `cap` counts at most that many rows (see CappedPaginator), with
    `counter(queryset, limit)` (count_up_to unless given); when more match,
    `past_cap(queryset)`, if given, returns the queryset in the order to page them in.
    """
    if cap is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = CappedPaginator(queryset, per_page, cap=cap, counter=counter)
        if past_cap is not None and paginator.capped:
            paginator.object_list = past_cap(queryset)
    if count is not None:
        paginator.count = count
    number = request.GET.get(param, "1")
    try:
        page = paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise PageNotFound(f"There is no page {number!s:.20}: {_pages_of(paginator)}.") from error
    page.previous_query, page.next_query = {param: page.number - 1}, {param: page.number + 1}
    return page


def _pages_of(paginator):
    pages = f"{paginator.num_pages} page{'s' if paginator.num_pages != 1 else ''}"
    if getattr(paginator, "capped", False):
        return f"this list shows its first {paginator.cap:,} rows in {pages}"
    return f"this list has {pages}"
