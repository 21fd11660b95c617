import django_filters

from editing.changes import ChangedSinceFilter
from treaties.models import Participant, ParticipationAct
from treaties.name_search import participant_name_filter


class ParticipantFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label="Name", method="filter_any_name", help_text="Any of its names: Turkey finds Türkiye."
    )

    # The participant's own record, or any of its acts.
    changed_since = ChangedSinceFilter(also=[(ParticipationAct, "participant_id")])

    class Meta:
        model = Participant
        fields = ["name"]

    def filter_any_name(self, queryset, name, value):
        # Near spellings too, on PostgreSQL ("Phillipines" finds the Philippines).
        return participant_name_filter(queryset, value)
