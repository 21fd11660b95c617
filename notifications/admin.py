from django.contrib import admin
from django.urls import path
from django.utils.functional import cached_property

from editing.admin import EditedModelAdmin, EditFormMixin
from editing.bounded import ChosenRecordFilter, PagedInlineFormSet, PagedStackedInline, PagedTabularInline
from notifications.import_admin import import_view
from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage, Theme
from treaties.models import ParticipationAct


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
    list_filter = ["kind", "cn_year", ("treaty", ChosenRecordFilter), ("participant", ChosenRecordFilter)]
    list_select_related = ["treaty"]
    search_fields = ["reference", "heading", "participant__name", "treaty__short_title", "text"]
    autocomplete_fields = ["treaty", "participant", "acts"]
    date_hierarchy = "date_issued"
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

    def get_urls(self):
        page = self.admin_site.admin_view(lambda request: import_view(self, request))
        return [path("import/", page, name="notifications_depositarynotification_import"), *super().get_urls()]

    @admin.display(description="treaty", ordering="treaty__sort_key")
    def treaty_key(self, notification):
        return notification.treaty.key


@admin.register(QuotedPassage)
class QuotedPassageAdmin(EditedModelAdmin):
    list_display = ["__str__", "notification", "act", "order"]
    list_filter = ["themes"]
    list_select_related = ["notification", "act__participant", "act__treaty"]
    search_fields = ["text", "notification__reference", "act__participant__name"]
    autocomplete_fields = ["notification", "act"]
    filter_horizontal = ["themes"]

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
    search_fields = ["reference", "source__reference"]
    autocomplete_fields = ["source", "target"]


def acts_with_names():
    """Return the acts with what their names are made of (participant, treaty), read in the same query."""
    return ParticipationAct.objects.select_related("participant", "treaty")
