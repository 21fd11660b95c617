"""A change list paginator that stops counting at a cap.

Counting every row a search or a filter matches costs more than the page
itself on a table of a million notifications. The paginator counts up to
COUNT_CAP rows and no further: past the cap the list says "more than 10,000",
and the pages are still reached one after the other, each read with one row
more than it shows to know whether another page follows.

The change list sorts only on the columns its admin's `sortable_by` names
(those an index serves), even when an old address asks for another.
"""

from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

from config.pagination import CappedPaginator

COUNT_CAP = 10_000
# A search checks each match against its text's document, which costs more
# than a filter's index: its matches are counted up to a lower cap.
SEARCH_COUNT_CAP = 1_000
# Pages shown either side of the current one when the last page is not known.
PAGES_AROUND = 3


class CappedPage(Page):
    """A page of a list counted only up to the cap: whether a next page exists was read with the page."""

    def __init__(self, object_list, number, paginator, *, more):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more


class CappedCountPaginator(CappedPaginator):
    """Count up to `cap` rows; past it, open any page that has rows, without knowing the last one.

    The count is the public lists' (config.pagination); unlike them, the admin
    pages on past the cap, so its number of pages is Paginator's own.
    """

    num_pages = Paginator.num_pages

    def __init__(self, object_list, per_page, *args, cap=COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, *args, cap=cap, **kwargs)

    @property
    def count_is_capped(self):
        return self.capped

    def validate_number(self, number):
        if not self.count_is_capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number):
        if not self.count_is_capped:
            return super().page(number)
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows:
            raise EmptyPage("That page contains no results")
        self.current = CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)
        return self.current

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        if not self.count_is_capped:
            yield from super().get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends)
            return
        yield from capped_page_range(number, has_next=self.current.has_next())


def capped_page_range(number, *, has_next):
    """Return the page numbers to link when the last page is unknown: the first, those near `number`, the next."""
    first_near = max(1, number - PAGES_AROUND)
    pages = [1, Paginator.ELLIPSIS] if first_near > 2 else list(range(1, first_near))
    pages += range(first_near, number + 1)
    if has_next:
        pages += [number + 1, Paginator.ELLIPSIS]
    return pages


class IndexedSortChangeList(ChangeList):
    """A change list that sorts only on the columns `sortable_by` names, whatever the address asks.

    A column asked for and not sortable is dropped from the address, so the list
    keeps its own order (not the newest-first order Django falls back to).
    """

    def get_ordering(self, request, queryset):
        asked = self.params.get(ORDER_VAR)
        if asked is not None:
            kept = [column for column in asked.split(".") if self.is_sortable(column)]
            if kept:
                self.params[ORDER_VAR] = ".".join(kept)
            else:
                del self.params[ORDER_VAR]
        return super().get_ordering(request, queryset)

    def is_sortable(self, column):
        """Return whether an `o` parameter's column ("-3") is one `sortable_by` names."""
        try:
            field_name = self.list_display[int(column.rpartition("-")[2])]
        except (ValueError, IndexError):
            return False
        return self.sortable_by is None or field_name in self.sortable_by
