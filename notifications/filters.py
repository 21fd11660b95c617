import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from editing.changes import ChangedSinceFilter
from notifications.models import DepositaryNotification, QuotedPassage, Theme
from treaties.models import ActKind, Participant, Treaty

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _search(queryset, name, value):
    """Filter by the text query, through the model's own search."""
    value = value.strip()
    if not value:
        return queryset
    return queryset.search(value)


class NotificationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method=_search, max_length=500)
    treaty = django_filters.ModelChoiceFilter(
        queryset=Treaty.objects.all(), to_field_name="slug", empty_label="Any treaty"
    )
    participant = django_filters.ModelChoiceFilter(
        queryset=Participant.objects.all(), to_field_name="slug", empty_label="Any participant"
    )
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
        fields=[("date_issued", "issued"), ("date_effected", "effected"), ("reference", "reference")],
        field_labels={"date_issued": "Date of issue", "date_effected": "Date effected", "reference": "Reference"},
    )

    class Meta:
        model = DepositaryNotification
        fields = []

    def filter_has_reasons(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(passages__isnull=not value).distinct()


class ReasonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method=_search, max_length=500)
    treaty = django_filters.ModelChoiceFilter(
        field_name="notification__treaty",
        queryset=Treaty.objects.all(),
        to_field_name="slug",
        empty_label="Any treaty",
    )
    participant = django_filters.ModelChoiceFilter(
        field_name="notification__participant",
        queryset=Participant.objects.all(),
        to_field_name="slug",
        empty_label="Any participant",
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="slug", empty_label="Any theme"
    )
    year = django_filters.NumberFilter(
        field_name="notification__date_issued__year",
        label="Year of issue",
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )

    class Meta:
        model = QuotedPassage
        fields = []
