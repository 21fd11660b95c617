"""The codes researchers merge participants on, kept beside each participant."""

from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from research import codes
from treaties.models import Participant, choices_from

Kind = choices_from("Kind", codes.Kind)


TEXT_CODES = ("iso3", "cow_abbreviation")


def _code_or_reason(name):
    """Require a code or the reason it has none, never both or neither."""
    value = ~Q(**{name: ""}) if name in TEXT_CODES else Q(**{f"{name}__isnull": False})
    return models.CheckConstraint(
        condition=(value & Q(**{f"{name}_reason": ""})) | (~value & ~Q(**{f"{name}_reason": ""})),
        name=f"research_codes_{name}_or_reason",
    )


class ParticipantCodes(models.Model):
    """A participant's ISO 3166-1, UN M49 and Correlates of War codes, each with the reason when it has none.

    Derived from the participant's name and ISO code by `research.codes`, from
    the code libraries, whenever the participant is saved and by
    `manage.py fill_participant_codes` after a bulk load. Kept in a table of its
    own so that the participant's record stays the editors' and the derived
    codes are refilled without touching it; an editor can only say what kind
    of participant it is when the code lists do not know the name.
    """

    participant = models.OneToOneField(Participant, models.CASCADE, primary_key=True, related_name="codes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    kind_by_editor = models.CharField(
        "kind, as an editor says",
        max_length=16,
        choices=Kind.choices,
        blank=True,
        help_text="Only where the code lists do not recognise the name; empty: as the code lists say.",
    )
    iso3 = models.CharField("ISO 3166-1 alpha-3", max_length=3, blank=True)
    iso3_reason = models.TextField(blank=True)
    iso_numeric = models.PositiveSmallIntegerField("ISO 3166-1 numeric", null=True, blank=True)
    iso_numeric_reason = models.TextField(blank=True)
    m49 = models.PositiveSmallIntegerField("UN M49", null=True, blank=True)
    m49_reason = models.TextField(blank=True)
    cow_number = models.PositiveSmallIntegerField("Correlates of War number", null=True, blank=True)
    cow_number_reason = models.TextField(blank=True)
    cow_abbreviation = models.CharField("Correlates of War abbreviation", max_length=3, blank=True)
    cow_abbreviation_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "participant's codes"
        verbose_name_plural = "participants' codes"
        ordering = ["participant__name"]
        constraints = [_code_or_reason(name) for name in codes.CODE_NAMES]

    def __str__(self):
        return f"Codes of {self.participant}"

    def refill(self):
        """Set every code from the code libraries, for the participant's name and ISO code as stored."""
        kind = codes.Kind(self.kind_by_editor) if self.kind_by_editor else None
        found = codes.codes_for(self.participant.name, self.participant.iso3, kind=kind)
        self.kind = found.kind
        for name in codes.CODE_NAMES:
            code = getattr(found, name)
            empty = "" if name in TEXT_CODES else None
            setattr(self, name, empty if code.value is None else code.value)
            setattr(self, f"{name}_reason", code.reason)

    def code_or_reason(self, name):
        """Return the code called `name`, or "none" when the participant has none (the reason says why)."""
        value = getattr(self, name)
        return "none" if value in (None, "") else value


def fill_codes(participants):
    """Store the codes of these participants, refilled from the libraries (the editors' kinds kept).

    Return how many were created or changed; unchanged codes are not written again.
    """
    participants = list(participants)
    stored = ParticipantCodes.objects.in_bulk([participant.pk for participant in participants])
    written = 0
    for participant in participants:
        entry = stored.get(participant.pk) or ParticipantCodes(participant=participant)
        before = _stored_values(entry) if participant.pk in stored else None
        entry.participant = participant
        entry.refill()
        if _stored_values(entry) != before:
            entry.save()
            written += 1
    return written


def _stored_values(entry):
    return [field.value_from_object(entry) for field in ParticipantCodes._meta.concrete_fields]


@receiver(post_save, sender=Participant)
def _participant_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaded from a fixture: its codes come with it
        return
    # In the participant's transaction, so that an edit and its codes are saved together.
    with transaction.atomic():
        fill_codes([instance])
