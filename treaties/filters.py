import django_filters

from treaties.models import Participant
from treaties.name_search import participant_name_filter


class ParticipantFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label="Name", method="filter_any_name", help_text="Any of its names: Turkey finds Türkiye."
    )

    class Meta:
        model = Participant
        fields = ["name"]

    def filter_any_name(self, queryset, name, value):
        # Near spellings too, on PostgreSQL ("Phillipines" finds the Philippines).
        return participant_name_filter(queryset, value)
