"""Reservations, declarations and objections: the quoted passages that are one, and what each needs shown.

A passage's kind is derived from what the data holds, never guessed:
- quoted from a notification of a reservation, declaration or objection: that kind;
- on an act of one of those kinds, with no notification: that kind;
- on a consent or signature act, with no notification: a block of the UN status
  pages of 14 March 2015 (notifications.untc_declarations), whose column holds
  reservations and declarations together, so "reservation or declaration".
Any other passage (a reason quoted from a withdrawal) is not one of these.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Case, CharField, Exists, F, Q, Value, When
from django.db.models.functions import Coalesce

from notifications.models import QuotedPassage
from notifications.search import DOCUMENT_FIELDS
from treaties.daterules import spell_date
from treaties.models import (
    CONSENT_KINDS,
    SIGNATURE_KINDS,
    ActKind,
    DatePrecision,
    ParsableChoices,
    Participant,
)
from treaties.name_search import participant_name_filter
from treaties.untc_import import STATUS_AS_AT

UN_TABLE_SOURCE = f"UN Treaty Collection status page, {spell_date(STATUS_AS_AT)}"
EDITOR_SOURCE = "as recorded by an editor"


class PassageKind(ParsableChoices):
    """What a passage is, as far as its source says."""

    RESERVATION = "reservation", "Reservation"
    DECLARATION = "declaration", "Declaration"
    OBJECTION = "objection", "Objection"
    RESERVATION_OR_DECLARATION = "reservation_or_declaration", "Reservation or declaration"


_ACT_KIND_LABELS = dict(ActKind.choices)
# The kinds a notification or an act states outright.
STATED_KINDS = [PassageKind.RESERVATION, PassageKind.DECLARATION, PassageKind.OBJECTION]
# The acts the UN table's "Declarations and Reservations" blocks hang on.
UN_TABLE_ANCHORS = sorted(CONSENT_KINDS | SIGNATURE_KINDS)

_KIND = Case(
    When(notification__kind__in=STATED_KINDS, then=F("notification__kind")),
    When(notification__isnull=True, act__kind__in=STATED_KINDS, then=F("act__kind")),
    When(
        notification__isnull=True,
        act__kind__in=UN_TABLE_ANCHORS,
        then=Value(PassageKind.RESERVATION_OR_DECLARATION.value),
    ),
    default=Value(""),
    output_field=CharField(),
)


def reservation_passages():
    """Return the reservations, declarations and objections, with `kind`, `treaty_ref` and `participant_ref`."""
    return (
        QuotedPassage.objects.annotate(
            kind=_KIND,
            # A notification names the treaty and participant; a passage from the UN table has only its act.
            treaty_ref=Coalesce("notification__treaty", "act__treaty"),
            participant_ref=Coalesce("notification__participant", "act__participant"),
            treaty_sort=Coalesce("notification__treaty__sort_key", "act__treaty__sort_key"),
            participant_name=Coalesce("notification__participant__name", "act__participant__name"),
        )
        .exclude(kind="")
        .select_related("notification__treaty", "notification__participant", "act__treaty", "act__participant")
        .defer("search_vector", *(f"notification__{name}" for name in DOCUMENT_FIELDS))
    )


def by_treaty():
    """Return the passages in MTDSG order, each treaty's by participant."""
    return reservation_passages().order_by("treaty_sort", "participant_name", "act__date", "order", "pk")


def by_participant():
    """Return the passages by participant, each one's in MTDSG order."""
    return reservation_passages().order_by("participant_name", "treaty_sort", "act__date", "order", "pk")


@dataclass(frozen=True)
class Reservation:
    """A passage as the pages and the exports show it: who, on what, when, from which source."""

    passage: QuotedPassage
    kind: str
    treaty: object
    participant: object
    date: object
    date_precision: str
    date_display: str
    date_meaning: str
    source: str
    source_url: str
    notification: object

    @classmethod
    def of(cls, passage):
        """Return what is shown of a passage from reservation_passages()."""
        notification, act = passage.notification, passage.act
        if notification is not None:
            dating = notification_dating(notification.reference, notification.date_effected, notification.date_issued)
            return cls(
                passage=passage,
                kind=PassageKind(passage.kind).label,
                treaty=notification.treaty,
                participant=notification.participant or (act.participant if act else None),
                date=dating.date,
                date_precision=dating.precision,
                date_display=spell_date(dating.date) if dating.date else "date unknown",
                date_meaning=dating.meaning,
                source=dating.source,
                source_url=notification.get_absolute_url(),
                notification=notification,
            )
        dating = act_dating(passage.kind, act.kind, act.date, act.date_precision)
        return cls(
            passage=passage,
            kind=PassageKind(passage.kind).label,
            treaty=act.treaty,
            participant=act.participant,
            date=dating.date,
            date_precision=dating.precision,
            date_display=act.date_display,
            date_meaning=dating.meaning,
            source=dating.source,
            source_url=passage.source_url,
            notification=None,
        )

    @property
    def text(self):
        return self.passage.text


class Dating(NamedTuple):
    """The date a passage carries, how precise it is, which date it is, and the source it is quoted from."""

    date: object
    precision: str
    meaning: str
    source: str


def notification_dating(reference, effected, issued):
    """Return the dating of a passage quoted from a notification: the date its act was effected, else its issue."""
    day = effected or issued
    meaning = ("effected" if effected else "notification issued") if day else ""
    return Dating(day, DatePrecision.DAY, meaning, reference)


def act_dating(passage_kind, act_kind, act_date, act_precision):
    """Return the dating of a passage that hangs on an act, with no notification: the act's own date."""
    source = UN_TABLE_SOURCE if passage_kind == PassageKind.RESERVATION_OR_DECLARATION else EDITOR_SOURCE
    return Dating(act_date, act_precision, _act_date_meaning(act_kind), source)


def _act_date_meaning(act_kind):
    """Say which date an act-borne passage carries: its own, or that of the act the UN table lists it with."""
    if act_kind in STATED_KINDS:
        return "effected"
    # As the act's get_kind_display(): a kind with no label shows as it is.
    return f"date of the {str(_ACT_KIND_LABELS.get(act_kind, act_kind)).lower()} it is listed with"


def matching_participants_condition(value):
    """Return a condition on passages: their participant has the slug `value`, or else any name like it."""
    by_slug = Participant.objects.filter(slug=value)
    named = participant_name_filter(Participant.objects.all(), value)
    # An exact slug ("niger") names one participant, not every name that contains it (Nigeria).
    return Q(participant_ref__in=by_slug.values("pk")) | (~Exists(by_slug) & Q(participant_ref__in=named.values("pk")))
