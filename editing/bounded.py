"""Admin pieces whose pages stay the same size whatever the number of records.

A treaty can hold hundreds of acts and a notification many passages: an inline
shows one page of them, with links to the whole filtered change list and to
the add form. A change list filters by a treaty or a participant chosen with
the autocomplete widget, never from a list of every one of them.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Max, Min
from django.forms.models import BaseInlineFormSet
from django.urls import reverse


class PagedInlineFormSet(BaseInlineFormSet):
    """Edit one page of a record's related rows; the page is named in the address."""

    per_page = 10
    page_parameter = "page"
    query = None  # the change page's query string, set per request

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = Paginator(self.queryset, self.per_page).get_page(self.query.get(self.page_parameter))

    def get_queryset(self):
        if not hasattr(self, "_rows"):
            # A save edits the rows the editor was shown, wherever they now fall in the order.
            self._rows = self.queryset.filter(pk__in=self.posted_ids()) if self.is_bound else self.page.object_list
        return self._rows

    def posted_ids(self):
        """Return the ids of the rows posted back, leaving out any that is not an id."""
        pk = self.model._meta.pk
        ids = []
        for index in range(min(self.initial_form_count(), self.per_page)):
            try:
                ids.append(pk.to_python(self.data.get(f"{self.add_prefix(index)}-{pk.name}")))
            except ValidationError:
                continue
        return [row_id for row_id in ids if row_id is not None]

    def page_url(self, number):
        """Return this change page's address showing page `number` of the rows."""
        query = self.query.copy()
        query[self.page_parameter] = number
        return f"?{query.urlencode()}"

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None

    @property
    def list_url(self):
        """Return the related model's change list, filtered to this record's rows."""
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{self.fk.name}__{self.fk.target_field.name}__exact={self.instance.pk}"

    @property
    def add_url(self):
        """Return the related model's add form, with this record already chosen."""
        opts = self.model._meta
        return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_add')}?{self.fk.name}={self.instance.pk}"


class PagedInlineMixin:
    """Show one page of the related rows, `per_page` at most; new rows are added on their own form."""

    formset = PagedInlineFormSet
    per_page = 10
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.per_page = self.per_page
        formset.page_parameter = f"{self.model._meta.model_name}_page"
        formset.query = request.GET
        return formset

    def has_add_permission(self, request, obj=None):
        return False  # the add link opens the related model's own form


class PagedTabularInline(PagedInlineMixin, admin.TabularInline):
    template = "editing/paged_tabular.html"


class PagedStackedInline(PagedInlineMixin, admin.StackedInline):
    template = "editing/paged_stacked.html"


class ChosenRecordFilter(admin.FieldListFilter):
    """Filter by one related record, chosen by typing (autocomplete); list none of the others."""

    template = "editing/chosen_record_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = field.verbose_name
        # The widget posts an empty value for "any": that is no filter, not a bad one.
        chosen = [value for value in self.used_parameters.pop(self.lookup_kwarg, []) if value]
        if chosen:
            self.used_parameters[self.lookup_kwarg] = chosen
        self.form = self.choice_form(field, model_admin.admin_site, chosen[-1] if chosen else None)
        self.kept_parameters = [
            (name, value)
            for name, values in request.GET.lists()
            if name not in {self.lookup_kwarg, "p"}
            for value in values
        ]

    def choice_form(self, field, admin_site, chosen):
        """Return a one-field form whose autocomplete widget shows the chosen record."""
        choice = forms.ModelChoiceField(
            queryset=field.remote_field.model._default_manager.all(),
            widget=AutocompleteSelect(field, admin_site),
            required=False,
            label=f"Find a {field.verbose_name}",
        )
        form = forms.Form(initial={self.lookup_kwarg: chosen}, auto_id="id_filter_%s")
        form.fields[self.lookup_kwarg] = choice
        return form

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def choices(self, changelist):
        yield {
            "selected": not self.used_parameters,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg]),
            "display": "All",
        }


def chosen_record_filter_media(model_admin):
    """Return the autocomplete widget's scripts and styles if the change list filters with it."""
    fields = [
        entry[0] for entry in model_admin.list_filter if isinstance(entry, tuple) and entry[1] is ChosenRecordFilter
    ]
    if not fields:
        return forms.Media()
    return AutocompleteSelect(model_admin.model._meta.get_field(fields[0]), model_admin.admin_site).media


class YearRangeFilter(admin.FieldListFilter):
    """Filter by one year, chosen among the years from the first to the last one recorded.

    It stands in for the admin's date hierarchy, whose list of years reads every
    row: the first and the last year are the two ends of an index.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        is_date = isinstance(field, models.DateField)
        self.lookup_kwarg = f"{field_path}__year" if is_date else field_path
        super().__init__(field, request, params, model, model_admin, field_path)
        self.model = model
        self.is_date = is_date
        self.chosen = self.used_parameters.get(self.lookup_kwarg, [None])[-1]

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def has_output(self):
        return True

    def years(self):
        """Return the years from the first recorded to the last, latest first."""
        ends = self.model._default_manager.aggregate(first=Min(self.field_path), last=Max(self.field_path))
        if ends["first"] is None:
            return []
        first, last = (ends["first"].year, ends["last"].year) if self.is_date else (ends["first"], ends["last"])
        return range(last, first - 1, -1)

    def choices(self, changelist):
        yield {
            "selected": self.chosen is None,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg]),
            "display": "All",
        }
        for year in self.years():
            yield {
                "selected": str(year) == str(self.chosen),
                "query_string": changelist.get_query_string({self.lookup_kwarg: year}),
                "display": str(year),
            }
