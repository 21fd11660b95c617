"""The withdrawals a page shows on a day, bounded: the most recent of each kind, and how many there are in all.

The pending-withdrawals page once drew every withdrawal notified, revoked or
taken effect (about 1,600 rows and 380 KB at 100,000 notifications, close to a
second a request). Each list here is counted whole with SQL and read only as far
as the page shows it; the acts behind the shown rows are read for their pairs
of treaty and participant alone. The data twins still hold every row
(`participation.withdrawals_on`).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import prefetch_related_objects

from treaties.models import ActKind, ParticipationAct, RevokedWithdrawal, StandingSpan
from treaties.models.acts import reports
from treaties.participation import WithdrawalEntry, notice_that_took_effect
from treaties.table_sql import SHOWN_ACT_NAMES, TREATY_RULE_NAMES, read_acts, read_instances

# The most recent withdrawals of each kind a page shows; the exports hold them all.
SHOWN_WITHDRAWALS = 50

# What the lists read (`read_instances`): built as models, the page's 750 records cost about a tenth
# of its time at 1,000,000 notifications. A span's every column, its treaty's names and date rules,
# its participant's name and address; of an act, what its row and its date of effect need.
SPAN_NAMES = [field.attname for field in StandingSpan._meta.concrete_fields]
SPAN_RECORDS = {"treaty": TREATY_RULE_NAMES, "participant": ["id", "name", "slug"]}


@dataclass(frozen=True)
class Bounded:
    """The first entries of a list, in the page's order, and how many entries the whole list has."""

    entries: list
    total: int

    @property
    def capped(self):
        return self.total > len(self.entries)

    def __bool__(self):
        return self.total > 0

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)

    def __getitem__(self, index):
        return self.entries[index]


def recent_pending(day, limit=SHOWN_WITHDRAWALS):
    """Return the `limit` most recently notified withdrawals pending on `day`, soonest due first, in 4 queries.

    Counted on their own: with a window count in the same read, PostgreSQL read
    every span ever pending (10,000 at a million notifications) instead of
    stopping at the first `limit` of the most recently notified.
    """
    spans = StandingSpan.objects.pending(at=day)
    latest = spans.order_by("-withdrawal_notified", "-pk")[:limit]
    shown = read_instances(latest, [*SPAN_NAMES, "read_on"], SPAN_RECORDS)
    notices = _acts_of_pairs(shown, ActKind.WITHDRAWAL, day, notifications=True)
    entries = []
    for span in shown:
        on_day = (act for act in notices.get(_pair(span), []) if act.date == span.withdrawal_notified)
        if notice := next(on_day, None):  # always: a span with a notice pending rests on its notice's date
            entries.append(WithdrawalEntry(span, _with_records(notice, span), span.read_on))
    entries.sort(key=lambda entry: (entry.span.withdrawal_due or date.max, entry.act.participant.name))
    return Bounded(entries, spans.count())


def recent_revoked(day, limit=SHOWN_WITHDRAWALS):
    """Return the `limit` latest revocations up to `day`, each with the notice it revoked, latest first, in 3 queries.

    Whether a revocation undid a notice is stored with the spans (`RevokedWithdrawal`); here they are only read.
    Counted on their own: a window count would join every revocation's acts before the limit.
    """
    stored = RevokedWithdrawal.objects.filter(revoked_on__lte=day)
    records = {"notice": SHOWN_ACT_NAMES, "revocation": SHOWN_ACT_NAMES, **SPAN_RECORDS}
    shown = read_instances(stored[:limit], ["id", "treaty_id", "participant_id", "revoked_on"], records)
    for pair in shown:
        for act in (pair.notice, pair.revocation):
            act.treaty, act.participant = pair.treaty, pair.participant
    # The page links the notifications that reported each revocation, not the notice's.
    prefetch_related_objects([pair.revocation for pair in shown], reports())
    entries = [WithdrawalEntry(None, pair.notice, day, revocation=pair.revocation) for pair in shown]
    return Bounded(entries, stored.count())


def recent_took_effect(day, limit=SHOWN_WITHDRAWALS):
    """Return the `limit` latest withdrawals that took effect by `day`, latest first, in 3 queries.

    A withdrawal took effect where a withdrawn stretch begins, on a notice
    received by then: the standing rules mark that span when they store it
    (`StandingSpan.withdrawal_took_effect`).
    """
    took_effect = StandingSpan.objects.filter(withdrawal_took_effect=True).started_by(day)
    latest = took_effect.order_by("-start", "-participant__name")[:limit]
    shown = read_instances(latest, SPAN_NAMES, SPAN_RECORDS)
    notices = _acts_of_pairs(shown, ActKind.WITHDRAWAL, day)
    entries = []
    for span in shown:
        if notice := notice_that_took_effect(span, notices.get(_pair(span), [])):
            entries.append(WithdrawalEntry(span, _with_records(notice, span), day))
    return Bounded(entries, took_effect.count())


def _acts_of_pairs(spans, kind, day, *, notifications=False):
    """Return the acts of `kind` up to `day` of each span's pair, in date order, by pair, in one query.

    Read for the spans' treaties and participants, a few more than their
    pairs: one condition per pair took Django longer to build than the read.
    """
    if not spans:
        return {}
    acts = ParticipationAct.objects.filter(
        kind=kind,
        treaty_id__in={span.treaty_id for span in spans},
        participant_id__in={span.participant_id for span in spans},
        date__lte=day,
    ).order_by("date", "pk")
    by_pair = {}
    for act in read_acts(acts, with_reports=notifications):
        by_pair.setdefault(_pair(act), []).append(act)
    return by_pair


def _pair(record):
    return record.treaty_id, record.participant_id


def _with_records(act, span):
    """Give an act the treaty and participant its span already read."""
    act.treaty, act.participant = span.treaty, span.participant
    return act
