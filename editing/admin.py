"""The base of every admin class whose records editors change."""

from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_manager_for_model

from editing.bounded import chosen_record_filter_media
from editing.forms import LOADED_VERSION, EditForm
from editing.paging import COUNT_CAP, SEARCH_COUNT_CAP, CappedCountPaginator, IndexedSortChangeList


class EditFormMixin:
    """Edit through EditForm, and render its hidden version even where the fields are listed by hand."""

    form = EditForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if LOADED_VERSION in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [LOADED_VERSION], "classes": ["hidden"]})]


class EditedModelAdmin(EditFormMixin, SimpleHistoryAdmin):
    """Keep the history of every edit; revert to a version; recover a deleted record; refuse stale saves."""

    change_list_template = "editing/change_list.html"
    recover_list_template = "editing/recover_list.html"
    # Counting every row of a large table for "N total" costs more than the page itself;
    # the paginator counts the rows a search or a filter matches up to a cap.
    show_full_result_count = False
    paginator = CappedCountPaginator

    @property
    def media(self):
        return super().media + chosen_record_filter_media(self)

    def action_checkbox(self, obj):
        # The same input the checkbox widget renders, without a template render for each of
        # a hundred rows (a quarter of a change list's time).
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            str(obj),
        )

    def get_changelist(self, request, **kwargs):
        return IndexedSortChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The change list's search is `q`; the autocomplete widgets' is `term`.
        searched = any(request.GET.get(name, "").strip() for name in (SEARCH_VAR, "term"))
        cap = SEARCH_COUNT_CAP if searched else COUNT_CAP
        return self.paginator(queryset, per_page, orphans, allow_empty_first_page, cap=cap)

    def get_urls(self):
        opts = self.model._meta
        recover_list = path(
            "recover/",
            self.admin_site.admin_view(self.recover_list_view),
            name=f"{opts.app_label}_{opts.model_name}_recover_list",
        )
        return [recover_list, *super().get_urls()]

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history 3.13 calls select_related() with no names for a model
        # with no foreign keys, which Django 6.1 deprecates; name them here.
        relations = [field.name for field in history_manager.model.tracked_fields if field.many_to_one]
        return history_manager.filter(**{pk_name: object_id}).select_related("history_user", *relations)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert is a save like the change form's: all or nothing, in one transaction.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def recover_list_view(self, request):
        """List the deleted records, each linked to the form that restores it."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Recover deleted {opts.verbose_name_plural}",
            "deletions": deleted_records(self.model),
        }
        return TemplateResponse(request, self.recover_list_template, context)


def deleted_records(model):
    """Return the deletion record of each record of `model` deleted and not restored, latest first."""
    history = get_history_manager_for_model(model)
    latest = history.latest_of_each().filter(history_type="-")
    return latest.select_related("history_user").order_by("-history_date")
