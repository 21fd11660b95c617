import django_filters

from research.models import Kind
from treaties.models import Participant
from treaties.name_search import participant_name_filter


class CodesFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label="Name", method="filter_any_name", help_text="Any of its names.")
    kind = django_filters.ChoiceFilter(
        field_name="codes__kind", label="Kind of participant", choices=Kind.choices, empty_label="Any kind"
    )
    iso3 = django_filters.CharFilter(field_name="codes__iso3", lookup_expr="iexact", label="ISO alpha-3", max_length=3)
    cow_number = django_filters.NumberFilter(field_name="codes__cow_number", label="COW number", min_value=1)

    class Meta:
        model = Participant
        fields = []

    def filter_any_name(self, queryset, name, value):
        return participant_name_filter(queryset, value)
