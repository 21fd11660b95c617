"""What changed since a day, as the edit history knows it.

The history holds every save in the admin and every save by the curated
loader; the bulk import of the UN's 2015 tables writes none, so a record
changed only by a re-import is not found here.
"""

from datetime import UTC, datetime, time

import django_filters
from django.db.models import Q, Subquery
from simple_history.utils import get_history_manager_for_model

from editing.versions import BULK_LOADED


def start_of(day):
    """Return the first moment of `day`, in UTC (the site's time zone)."""
    return datetime.combine(day, time(), tzinfo=UTC)


def edits_since(model, day):
    """Return the history rows of `model` saved on or after `day`, without the versions kept before a first edit."""
    history = get_history_manager_for_model(model)
    return history.filter(history_date__gte=start_of(day)).exclude(history_change_reason=BULK_LOADED)


class ChangedSinceFilter(django_filters.DateFilter):
    """Keep the records edited on or after a day, or whose records in `also` were (model, field naming this one)."""

    def __init__(self, *args, also=(), **kwargs):
        kwargs.setdefault("label", "Changed since")
        kwargs.setdefault("help_text", "YYYY-MM-DD: records added, changed or removed since, by the edit history.")
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": "Enter the date as YYYY-MM-DD, e.g. 2025-12-01."})
        super().__init__(*args, **kwargs)
        self.also = also

    def filter(self, queryset, value):
        if value is None:
            return queryset
        model = queryset.model
        edited = Q(pk__in=Subquery(edits_since(model, value).values(model._meta.pk.attname)))
        for related_model, field in self.also:
            edited |= Q(pk__in=Subquery(edits_since(related_model, value).values(field)))
        return queryset.filter(edited)
