import django_filters
from django.db.models import Q

from treaties.models import Participant


class ParticipantFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label="Name", method="filter_any_name", help_text="Any of its names: Turkey finds Türkiye."
    )

    class Meta:
        model = Participant
        fields = ["name"]

    def filter_any_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(other_names__name__icontains=value)).distinct()
