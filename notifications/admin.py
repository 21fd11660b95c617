from django.contrib import admin
from django.urls import path

from editing.admin import EditedModelAdmin, EditFormMixin
from notifications.import_admin import import_view
from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage, Theme


class QuotedPassageInline(EditFormMixin, admin.StackedInline):
    model = QuotedPassage
    fk_name = "notification"
    fields = ["order", "text", "themes"]
    extra = 0


class NotificationReferenceInline(EditFormMixin, admin.TabularInline):
    model = NotificationReference
    fk_name = "source"
    fields = ["reference", "context", "target_link"]
    readonly_fields = ["target_link"]
    extra = 0

    @admin.display(description="stored notification")
    def target_link(self, citation):
        return citation.target or "not stored"


@admin.register(DepositaryNotification)
class DepositaryNotificationAdmin(EditedModelAdmin):
    list_display = ["reference", "heading", "date_effected", "date_issued", "treaty_key"]
    list_filter = ["kind", "cn_year", "treaty"]
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
    autocomplete_fields = ["source"]
