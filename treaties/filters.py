import textwrap

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from editing.changes import ChangedSinceFilter
from treaties import mtdsg
from treaties.models import Participant, ParticipationAct, Treaty
from treaties.name_search import MAX_NAME_LENGTH, clean_text, participant_name_filter

# How many candidates an ambiguous name is answered with.
CANDIDATES_SHOWN = 5
MAX_TREATY_TEXT_LENGTH = 300


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


def find_treaty(text):
    """Return the one treaty `text` names: its slug, its MTDSG number (XXVI.5, XXVI-5), or its title or words of it."""
    exactly = Q(slug=text) | Q(title__iexact=text) | Q(short_title__iexact=text)
    if key := mtdsg.read_typed_key(text):
        exactly |= Q(chapter=key[0], number=key[1])
    found = list(Treaty.objects.filter(exactly)[: CANDIDATES_SHOWN + 1])
    if not found:
        words = Q(title__icontains=text) | Q(short_title__icontains=text)
        found = list(Treaty.objects.filter(words)[: CANDIDATES_SHOWN + 1])
    return the_one(
        found, text, "treaty", "its MTDSG number (e.g. XXVI.5), its address name (e.g. mine-ban) or more of its title"
    )


def find_participant(text):
    """Return the one participant `text` names: its slug or any of its names, or one they nearly spell."""
    exactly = Q(slug=text) | Q(name__iexact=text) | Q(other_names__name__iexact=text)
    found = list(Participant.objects.filter(exactly).distinct()[: CANDIDATES_SHOWN + 1])
    if not found:
        found = list(participant_name_filter(Participant.objects.all(), text)[: CANDIDATES_SHOWN + 1])
    return the_one(found, text, "participant", "more of its name, or its address name (e.g. lithuania)")


def the_one(found, text, noun, what_to_give):
    """Return the one record found for `text`, or refuse with the candidates and what to type instead."""
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(f"No {noun} is known by “{text}”: give {what_to_give}.", code="unknown")
    names = "; ".join(textwrap.shorten(str(record), 70, placeholder="…") for record in found[:CANDIDATES_SHOWN])
    more = ", and more" if len(found) > CANDIDATES_SHOWN else ""
    raise ValidationError(
        f"“{text}” names more than one {noun} ({names}{more}): give {what_to_give}.", code="ambiguous"
    )


class NamedRecordField(forms.CharField):
    """A text box for one record, typed as a visitor knows it; never a list of every record."""

    def __init__(self, *, find, max_length, **kwargs):
        super().__init__(max_length=None, **kwargs)
        self.find, self.longest = find, max_length

    def clean(self, value):
        text = clean_text(super().clean(value), self.longest)
        return self.find(text) if text else None


class SeveralValuesInput(forms.TextInput):
    """One text box for values that may also come as a repeated parameter (?treaty=a&treaty=b)."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def format_value(self, value):
        return "; ".join(value) if isinstance(value, list) else super().format_value(value)


class NamedTreatiesField(forms.Field):
    """Several treaties, each typed as for one, separated by semicolons or repeated; at most `most` of them."""

    widget = SeveralValuesInput

    def __init__(self, *, most, **kwargs):
        super().__init__(**kwargs)
        self.most = most

    def clean(self, value):
        values = value if isinstance(value, list) else [value or ""]
        typed = list(dict.fromkeys(text for text in self.typed_texts(values) if text))
        if len(typed) > self.most:
            raise ValidationError(f"Choose at most {self.most} treaties; every treaty's table is in each release.")
        # One query for the slugs a link carries; each other value is looked up on its own.
        by_slug = {treaty.slug: treaty for treaty in Treaty.objects.filter(slug__in=typed)}
        found = [by_slug.get(text) or find_treaty(text) for text in typed]
        return list({treaty.pk: treaty for treaty in found}.values())

    def typed_texts(self, values):
        """Return each value typed, cleaned: a repeated parameter, or several in one box separated by semicolons."""
        for value in values[: self.most + 1]:
            for part in str(value).split(";")[: self.most + 1]:
                yield clean_text(part, MAX_TREATY_TEXT_LENGTH)


class NamedRecordFilter(django_filters.Filter):
    """Filter on the one record a typed slug, number or name stands for."""

    field_class = NamedRecordField

    def filter(self, queryset, value):
        # By its id: the field may be a foreign key or an id computed in the query (reservations' treaty_ref).
        return queryset.filter(**{self.field_name: value.pk}) if value else queryset


# What a treaty or a participant filter asks for: NamedRecordFilter(**TYPED_TREATY).
TYPED_TREATY = {
    "label": "Treaty",
    "find": find_treaty,
    "max_length": MAX_TREATY_TEXT_LENGTH,
    "help_text": "Its number (XXVI.5), address name (mine-ban) or title.",
}
TYPED_PARTICIPANT = {
    "label": "Participant",
    "find": find_participant,
    "max_length": MAX_NAME_LENGTH,
    "help_text": "Any of its names (Turkey finds Türkiye), or its address name.",
}
