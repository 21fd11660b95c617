import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, OuterRef

from editing.changes import ChangedSinceFilter
from notifications.models import DepositaryNotification, QuotedPassage, Theme
from notifications.reservations import PassageKind, matching_participants_condition
from treaties.filters import TYPED_PARTICIPANT, TYPED_TREATY, NamedRecordFilter
from treaties.models import ActKind
from treaties.name_search import MAX_NAME_LENGTH, clean_text

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _search(queryset, name, value):
    """Filter by the text query, through the model's own search."""
    value = value.strip()
    if not value:
        return queryset
    return queryset.search(value)


class NotificationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method=_search, max_length=500)
    treaty = NamedRecordFilter(field_name="treaty", **TYPED_TREATY)
    participant = NamedRecordFilter(field_name="participant", **TYPED_PARTICIPANT)
    kind = django_filters.ChoiceFilter(label="Kind of act", choices=ActKind.choices, empty_label="Any kind")
    effected_from = django_filters.DateFilter(
        field_name="date_effected", lookup_expr="gte", label="Effected from", widget=DATE_INPUT
    )
    effected_to = django_filters.DateFilter(
        field_name="date_effected", lookup_expr="lte", label="Effected to", widget=DATE_INPUT
    )
    issued_from = django_filters.DateFilter(
        field_name="date_issued", lookup_expr="gte", label="Issued from", widget=DATE_INPUT
    )
    issued_to = django_filters.DateFilter(
        field_name="date_issued", lookup_expr="lte", label="Issued to", widget=DATE_INPUT
    )
    year = django_filters.NumberFilter(
        field_name="date_issued__year",
        label="Year of issue",
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )
    has_reasons = django_filters.BooleanFilter(
        label="Quotes reasons",
        method="filter_has_reasons",
        widget=forms.Select(choices=[("", "Either"), ("true", "Yes"), ("false", "No")]),
    )
    changed_since = ChangedSinceFilter(widget=DATE_INPUT)
    sort = django_filters.OrderingFilter(
        label="Sort by",
        # Unsorted, the list comes newest first, or best match first when searching (notifications.search).
        empty_label="Newest first (best match first when searching)",
        fields=[("date_issued", "issued"), ("date_effected", "effected"), ("reference", "reference")],
        field_labels={"date_issued": "Date of issue", "date_effected": "Date effected", "reference": "Reference"},
    )

    class Meta:
        model = DepositaryNotification
        fields = []

    def filter_has_reasons(self, queryset, name, value):
        if value is None:
            return queryset
        # EXISTS, not a join made distinct: PostgreSQL stops at a notification's first passage.
        quoted = Exists(QuotedPassage.objects.filter(notification=OuterRef("pk")))
        return queryset.filter(quoted if value else ~quoted)


class ReasonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method=_search, max_length=500)
    treaty = NamedRecordFilter(field_name="notification__treaty", **TYPED_TREATY)
    participant = NamedRecordFilter(field_name="notification__participant", **TYPED_PARTICIPANT)
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", label="Theme", queryset=Theme.objects.all(), to_field_name="slug", empty_label="Any theme"
    )
    year = django_filters.NumberFilter(
        field_name="notification__date_issued__year",
        label="Year of issue",
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )

    class Meta:
        model = QuotedPassage
        fields = []


class ReservationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search the text", method=_search, max_length=500)
    treaty = NamedRecordFilter(field_name="treaty_ref", **TYPED_TREATY)
    participant = django_filters.CharFilter(
        label="Participant",
        method="filter_participant",
        max_length=MAX_NAME_LENGTH,
        help_text="Its address on this site (lithuania) or any of its names.",
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", field_name="kind", choices=PassageKind.choices, empty_label="Any kind"
    )

    class Meta:
        model = QuotedPassage
        fields = []

    def filter_participant(self, queryset, name, value):
        value = clean_text(value, MAX_NAME_LENGTH)
        return queryset.filter(matching_participants_condition(value)) if value else queryset
