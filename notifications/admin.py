from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import connections
from django.db.models import Q
from django.urls import path
from django.utils.functional import cached_property

from editing.admin import EditedModelAdmin, EditFormMixin
from editing.bounded import (
    ChosenRecordFilter,
    PagedInlineFormSet,
    PagedStackedInline,
    PagedTabularInline,
    YearRangeFilter,
)
from notifications.import_admin import import_view
from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage, Theme
from notifications.search import filter_notifications, filter_passages
from treaties.admin_search import one_of
from treaties.models import ParticipationAct
from treaties.mtdsg import normalise_reference


class PassageFormSet(PagedInlineFormSet):
    """One page of passages, the themes to choose from read once for all of them."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        themes = form.fields["themes"]
        themes.choices = self.theme_choices
        getattr(themes.widget, "widget", themes.widget).choices = self.theme_choices

    @cached_property
    def theme_choices(self):
        return list(Theme.objects.values_list("pk", "name"))


class QuotedPassageInline(EditFormMixin, PagedStackedInline):
    model = QuotedPassage
    formset = PassageFormSet
    fk_name = "notification"
    fields = ["order", "text", "themes"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")


class NotificationReferenceInline(EditFormMixin, PagedTabularInline):
    model = NotificationReference
    fk_name = "source"
    fields = ["reference", "context", "target_link"]
    readonly_fields = ["target_link"]
    per_page = 20

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "target").order_by("pk")

    @admin.display(description="stored notification")
    def target_link(self, citation):
        return citation.target or "not stored"


@admin.register(DepositaryNotification)
class DepositaryNotificationAdmin(EditedModelAdmin):
    list_display = ["reference", "heading", "date_effected", "date_issued", "treaty_key"]
    list_filter = [
        "kind",
        ("date_issued", YearRangeFilter),
        ("cn_year", YearRangeFilter),
        ("treaty", ChosenRecordFilter),
        ("participant", ChosenRecordFilter),
    ]
    list_select_related = ["treaty"]
    # The other columns have no index to sort a hundred thousand rows by.
    sortable_by = ["reference", "date_issued"]
    # Searched through the stored document (get_search_results); the names here only turn the search bar on.
    search_fields = ["reference", "heading", "participant__name", "treaty__short_title", "text"]
    search_help_text = (
        "Whole words of the reference, heading, text, quoted passages, treaty or participant "
        '(C.N.362.2025, XXVI.5, Ukraine); "a phrase"; -word leaves out.'
    )
    autocomplete_fields = ["treaty", "participant", "acts"]
    readonly_fields = ["cn_number", "cn_year", "reference_chapter", "reference_treaty_number"]
    inlines = [QuotedPassageInline, NotificationReferenceInline]
    change_list_template = "admin/notifications/change_list.html"
    fieldsets = [
        (None, {"fields": ["reference", ("cn_number", "cn_year", "reference_chapter", "reference_treaty_number")]}),
        ("What it reports", {"fields": ["treaty", "participant", "kind", "heading", "acts"]}),
        ("Dates", {"fields": [("date_effected", "date_issued"), "original_language"]}),
        ("Text", {"fields": ["text", "source_url", "note"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "acts":
            kwargs["queryset"] = acts_with_names()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # Substring matches over joins read every row; the stored document has an index.
        return filter_notifications(queryset, search_term), False

    def get_urls(self):
        page = self.admin_site.admin_view(lambda request: import_view(self, request))
        return [path("import/", page, name="notifications_depositarynotification_import"), *super().get_urls()]

    @admin.display(description="treaty", ordering="treaty__sort_key")
    def treaty_key(self, notification):
        return notification.treaty.key


class ThemeFilter(admin.SimpleListFilter):
    """Filter passages by one theme, without the DISTINCT the admin adds to a many-to-many filter.

    A passage has a theme once at most, so one theme's passages hold no duplicate;
    DISTINCT would compare every column of every match, text included.
    """

    title = "themes"
    parameter_name = "themes__id__exact"

    def lookups(self, request, model_admin):
        return list(Theme.objects.values_list("pk", "name"))

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            return queryset.filter(themes__id=int(self.value()))
        except ValueError:
            raise IncorrectLookupParameters(f"No theme has the id {self.value()!r}.") from None


@admin.register(QuotedPassage)
class QuotedPassageAdmin(EditedModelAdmin):
    list_display = ["__str__", "notification", "act", "order"]
    list_filter = [ThemeFilter]
    list_select_related = ["notification", "act__participant", "act__treaty"]
    # Latest first, read backwards along the primary key: the passages' own order
    # (their order within a notification) means nothing across notifications and has no index.
    ordering = ["-pk"]
    sortable_by = []
    # Searched by words of the text or a notification's reference (get_search_results).
    search_fields = ["text", "notification__reference"]
    search_help_text = 'Whole words of the passage ("a phrase", -word), or the beginning of a reference (C.N.362.2025).'
    autocomplete_fields = ["notification", "act"]
    filter_horizontal = ["themes"]

    def get_search_results(self, request, queryset, search_term):
        if looks_like_reference(search_term):
            notifications = DepositaryNotification.objects.filter(reference__startswith=search_term.strip().upper())
            return queryset.filter(one_of("notification_id", notifications, is_postgres(queryset))), False
        return filter_passages(queryset, search_term), False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "act":
            kwargs["queryset"] = acts_with_names()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Theme)
class ThemeAdmin(EditedModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NotificationReference)
class NotificationReferenceAdmin(EditedModelAdmin):
    list_display = ["source", "reference", "target"]
    list_select_related = ["source", "target"]
    sortable_by = []  # listed in the order they were recorded; no other column has an index
    # Searched by the beginning of either reference (get_search_results).
    search_fields = ["reference", "source__reference"]
    search_help_text = "The beginning of the reference cited or of the citing notification's (C.N.362.2025)."
    autocomplete_fields = ["source", "target"]

    def get_search_results(self, request, queryset, search_term):
        # Both through an index: the normalised reference, and the notifications' references.
        start = search_term.strip().upper()
        if not start:
            return queryset, False
        citing = DepositaryNotification.objects.filter(reference__startswith=start)
        return queryset.filter(
            Q(normalised__startswith=normalise_reference(search_term))
            | one_of("source_id", citing, is_postgres(queryset))
        ), False


def looks_like_reference(text):
    """Return whether a search is the beginning of a notification's reference (C.N.362...)."""
    return text.strip().upper().startswith("C.N.")


def is_postgres(queryset):
    return connections[queryset.db].vendor == "postgresql"


def acts_with_names():
    """Return the acts with what their names are made of (participant, treaty), read in the same query."""
    return ParticipationAct.objects.select_related("participant", "treaty")
