"""Build what the treaty, participant and withdrawal pages show from stored spans and acts.

Standing, counts and curves come from `StandingSpan` rows read with SQL; acts are
fetched only to show their dates, strengths and notifications. Each function
makes a fixed number of queries, whatever the size of the data.
"""

import itertools
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import itemgetter

from treaties import charts, daterules, table_sql
from treaties.daterules import read_day
from treaties.models import (
    CONSENT_KINDS,
    COUNT_FIELDS,
    SIGNATURE_KINDS,
    WITHDRAWAL_KINDS,
    ActKind,
    Coverage,
    Participant,
    ParticipationAct,
    RevokedWithdrawal,
    StandingSpan,
    Treaty,
    TreatyCount,
    counts_of,
)
from treaties.standing import EFFECT_DATE

NO_COUNTS = daterules.Counts(signatories=0, contracting_states=0, parties=0, un_count=0)


def acts_with_reports(acts, chunk_size):
    """Yield the acts of `acts` by date, each with `reported_in`: the references of the notifications that reported it.

    In the notifications' own order, as `act.reported_by` lists them on a page.
    Two queries read side by side, `chunk_size` rows at a time: the acts, and
    the links from those acts to their notifications in the same order, so
    that neither is held whole in memory. Written from the reverse relation:
    this app never imports notifications.
    """
    acts = acts.order_by("date", "pk")
    relation = ParticipationAct._meta.get_field("notifications")
    notification = relation.field.m2m_field_name()  # the link's field naming the notification
    act = relation.field.m2m_reverse_field_name()  # and the act
    notification_order = [
        f"-{notification}__{name[1:]}" if name.startswith("-") else f"{notification}__{name}"
        for name in relation.related_model._meta.ordering
    ]
    links = (
        relation.through.objects.filter(**{f"{act}__in": acts.values("pk")})
        .order_by(f"{act}__date", act, *notification_order)
        .values_list(act, f"{notification}__reference")
    )
    reports = itertools.groupby(links.iterator(chunk_size=chunk_size), key=itemgetter(0))
    pending = next(reports, None)
    for each in acts.iterator(chunk_size=chunk_size):
        each.reported_in = []
        if pending is not None and pending[0] == each.pk:
            each.reported_in = [reference for _, reference in pending[1]]
            pending = next(reports, None)
        yield each


@dataclass
class ParticipationRow:
    """One participant's line in a treaty's participation table, on the day it is read."""

    participant: object
    span: StandingSpan | None  # None: its only acts have no known date
    signature: object = None
    consent: object = None
    withdrawal: object = None
    revocation: object = None
    other_acts: list = field(default_factory=list)

    @property
    def standing_withdrawal(self):
        """Return the withdrawal notified, unless it was revoked."""
        return None if self.revocation is not None else self.withdrawal

    @property
    def withdrawal_effect(self):
        """Return the withdrawal's date of effect under the treaty's article, unless it was revoked."""
        withdrawal = self.standing_withdrawal
        return withdrawal.computed_effect() if withdrawal else None

    @property
    def withdrawal_effective(self):
        """Return the day the withdrawal took or takes effect (on record, else computed); None once revoked."""
        withdrawal = self.standing_withdrawal
        return withdrawal.effect_date if withdrawal else None

    @property
    def acts(self):
        named = (self.signature, self.consent, self.withdrawal, self.revocation)
        return [act for act in named if act] + self.other_acts

    @cached_property
    def _reported_by(self):
        """Return each act with the stored notifications that reported it (prefetched with the acts)."""
        return [(act, act.reported_by) for act in self.acts]

    @property
    def notifications(self):
        """Return the stored notifications that reported the row's acts."""
        return [notification for _, notifications in self._reported_by for notification in notifications]

    @property
    def unlinked_references(self):
        """Return the references on record for acts whose notification is not stored."""
        return [act.reference for act, notifications in self._reported_by if act.reference and not notifications]


def participation_rows(treaty, spans, day):
    """Return a row for each span (a participant's standing on `day`), with its acts up to then (1 query).

    Participants whose only acts have no known date get a row with no span, after the others.
    """
    spans = list(spans)
    participants = {span.participant_id: span.participant for span in spans}
    by_participant, undated = {}, {}
    for act in table_sql.acts_with_reports(treaty, list(participants), day):
        act.treaty = treaty  # every act is on this treaty: no query to fetch it again
        if act.participant_id in participants:
            act.participant = participants[act.participant_id]
            by_participant.setdefault(act.participant_id, []).append(act)
        else:
            undated.setdefault(act.participant_id, []).append(act)
    rows = [_row(span.participant, span, by_participant.get(span.participant_id, [])) for span in spans]
    return rows + [_row(_participant_of(acts[0]), None, acts) for acts in undated.values()]


def _participant_of(act):
    """Return the participant of an act read with `participant_<field>` annotations, as a model instance."""
    fields = {name: getattr(act, f"participant_{name}") for name in table_sql.SHOWN_PARTICIPANT_NAMES}
    act.participant = Participant(pk=act.participant_id, **fields)
    return act.participant


def _row(participant, span, acts):
    row = ParticipationRow(participant=participant, span=span)
    withdrawal_acts = []
    for act in acts:  # in date order
        # The latest of each kind is what the table shows; earlier ones stay in other_acts.
        if act.kind in SIGNATURE_KINDS and act.kind not in CONSENT_KINDS:
            _keep_latest(row, "signature", act)
        elif act.kind in CONSENT_KINDS:
            _keep_latest(row, "consent", act)
        elif act.kind in WITHDRAWAL_KINDS:
            withdrawal_acts.append(act)
        else:
            row.other_acts.append(act)
    if notices := daterules.withdrawal_notices(withdrawal_acts, effect_on=EFFECT_DATE):
        row.withdrawal, row.revocation = notices[-1]
    row.other_acts += [act for act in withdrawal_acts if act is not row.withdrawal and act is not row.revocation]
    return row


def _keep_latest(row, slot, act):
    earlier = getattr(row, slot)
    if earlier is not None:
        row.other_acts.append(earlier)
    setattr(row, slot, act)


@dataclass(frozen=True)
class BesideTheTable:
    """What a treaty's page lists beside its table, from the spans `table_sql.side_spans` reads."""

    later: list  # spans of records that reach past the treaty's horizon, each read as far as it reaches
    withdrawals: list  # a WithdrawalNote for each withdrawal pending, in effect or revoked, as far as recorded


def beside_the_table(treaty, day):
    """Return the later records and the withdrawals a treaty's page lists beside its table (one query).

    Later: the spans of participants whose record reaches beyond the treaty's
    table, each read on `day` or as far as its own record reaches (for a treaty
    with no table recorded, every participant's).
    """
    recorded = treaty.coverage == Coverage.COMPLETE
    # Few spans ever carry a withdrawal, or reach past the table's horizon; the day is chosen among them here.
    spans = table_sql.side_spans(treaty, everyone=not recorded)
    later = []
    for span in spans:
        beyond = not recorded or (treaty.horizon and span.horizon and span.horizon > treaty.horizon)
        if beyond and span.covers(read_day(day, span.horizon)):
            span.read_on = read_day(day, span.horizon)
            later.append(span)
    return BesideTheTable(later, withdrawal_notes(spans, day))


@dataclass(frozen=True)
class WithdrawalNote:
    """A withdrawal from a treaty on a day: who notified it, when, and whether it is pending, in effect or revoked."""

    span: StandingSpan  # the span that shows it: pending, the first withdrawn one, or the revoking one
    notified: date | None  # None where the notice's span is not on record
    read_on: date  # the day it was read on: the one asked about, or the participant's horizon if earlier

    @property
    def participant(self):
        return self.span.participant

    @property
    def pending(self):
        return self.span.withdrawal_notified is not None

    @property
    def took_effect(self):
        return self.span.start if self.span.standing == daterules.Standing.WITHDRAWN else None

    @property
    def revoked(self):
        return None if self.pending or self.took_effect else self.span.revoked_withdrawal_on


def withdrawal_notes(spans, day):
    """Return each withdrawal pending on `day`, then each that took effect or was revoked by then, latest first.

    `spans` are a treaty's spans that carry a withdrawal, in participant and date
    order: the span before a withdrawn one, or a revoking one, holds the notice.
    Each participant's spans are read as far as its own record reaches, which
    can be beyond the treaty's table.
    """
    pending, past, previous = [], [], None
    for span in spans:
        follows = previous is not None and previous.participant_id == span.participant_id and previous.end == span.start
        reach = read_day(day, span.horizon)
        if span.withdrawal_notified and span.covers(reach):
            pending.append(WithdrawalNote(span, span.withdrawal_notified, reach))
        elif span.start <= reach and _first_to_show(span, previous if follows else None):
            past.append(WithdrawalNote(span, previous.withdrawal_notified if follows else None, reach))
        previous = span
    pending.sort(key=lambda note: (note.span.withdrawal_due or date.max, note.participant.name))
    past.sort(key=lambda note: (note.took_effect or note.revoked, note.participant.name), reverse=True)
    return pending + past


def _first_to_show(span, previous):
    """Say whether `span` is the first of its participant's to show a withdrawal in effect, or a revocation."""
    if span.standing == daterules.Standing.WITHDRAWN:
        return previous is None or previous.standing != daterules.Standing.WITHDRAWN
    if span.revoked_withdrawal_on:
        return previous is None or previous.revoked_withdrawal_on != span.revoked_withdrawal_on
    return False


class Step(namedtuple("Step", ["start", *COUNT_FIELDS])):
    """A stored count step read as a plain row: a treaty can have hundreds, read on every page view."""

    @property
    def as_counts(self):
        return counts_of(self)


def count_steps(treaty):
    """Return the treaty's stored count steps up to its horizon, in date order (one query)."""
    return [Step(*row) for row in table_sql.count_step_rows(treaty, Step._fields)]


def step_on(steps, day):
    """Return the step in force on `day`, from `count_steps`; None before the first act."""
    current = [step for step in steps if step.start <= day]
    return current[-1] if current else None


def counts_on(steps, day):
    """Return (counts, pending withdrawals) of the step in force on `day`, from `count_steps`."""
    step = step_on(steps, day)
    if step is None:
        return NO_COUNTS, 0
    return step.as_counts, step.pending_withdrawals


def participant_standings(participant, day):
    """Return a participant's standing in each treaty on `day`, each read as far as its record reaches,
    in the treaties' order: a sliceable for the paginator (a query a page, and one to count)."""
    return table_sql.ParticipantStandings(participant, day, LISTED_FIELDS)


def participant_spans(participant, treaties):
    """Return every span of the participant in `treaties`, in the treaties' order, then by date (one query)."""
    return table_sql.participant_spans(participant, LISTED_FIELDS, [treaty.pk for treaty in treaties])


def timeline_entries(spans):
    """Group `participant_spans` by treaty as the standing timeline takes them: (label, title, spans)."""
    entries = {}
    for span in spans:
        treaty = span.treaty
        entry = entries.setdefault(treaty.pk, (treaty.key, treaty.short_title or treaty.title, []))
        entry[2].append(charts.SpanInput(span.standing, span.start, span.end, span.horizon))
    return list(entries.values())


@dataclass
class WithdrawalEntry:
    """A withdrawal on the pending page: its span, the act notified, and the day it was read on."""

    span: StandingSpan | None
    act: ParticipationAct
    read_on: date
    revocation: ParticipationAct | None = None

    @property
    def effect(self):
        return self.act.computed_effect()

    @property
    def days_left(self):
        if self.span is None or self.span.withdrawal_due is None:
            return None
        return (self.span.withdrawal_due - self.read_on).days


def withdrawals_on(day):
    """Return the withdrawals pending on `day`, those revoked by then and those that took effect, in 5 queries."""
    acts = _withdrawal_acts(day)
    # Where a withdrawal took effect is stored with the spans (treaties.standing), as the page reads it.
    took_effect = (
        StandingSpan.objects.filter(withdrawal_took_effect=True).started_by(day).select_related("treaty", "participant")
    )
    return _pending(day, acts), _revoked(acts, day), _took_effect(took_effect, acts, day)


def pending_on(day):
    """Return the withdrawals pending on `day`, soonest due first, in 3 queries."""
    return _pending(day, _withdrawal_acts(day))


def _withdrawal_acts(day):
    """Return every withdrawal notice and revocation up to `day`, in date order, with their notifications."""
    return list(
        ParticipationAct.objects.withdrawal_notices()
        .effected_by(day)
        .select_related("treaty", "participant")
        .with_reports()
        .order_by("date", "pk")
    )


def _pending(day, acts):
    """Return an entry per stored span with a withdrawal pending on `day`, with the notice it rests on."""
    notices = {(act.treaty_id, act.participant_id, act.date): act for act in acts if act.kind == ActKind.WITHDRAWAL}
    entries = []
    for span in StandingSpan.objects.pending(at=day):
        notice = notices.get((span.treaty_id, span.participant_id, span.withdrawal_notified))
        if notice is not None:  # always, unless the notice's date is unknown
            entries.append(WithdrawalEntry(span, notice, span.read_on))
    return sorted(entries, key=lambda entry: (entry.span.withdrawal_due or date.max, entry.act.participant.name))


def _by_pair(acts):
    """Return the acts of each (treaty, participant) pair, keeping their order."""
    pairs = {}
    for act in acts:
        pairs.setdefault((act.treaty_id, act.participant_id), []).append(act)
    return pairs


def _revoked(acts, day):
    """Return each revocation up to `day` with the withdrawal it revoked, latest first (one query).

    The pairs are those `treaties.standing` stored; `acts` holds both acts of each.
    """
    by_id = {act.pk: act for act in acts}
    pairs = RevokedWithdrawal.objects.filter(revoked_on__lte=day).values_list("notice_id", "revocation_id")
    return [WithdrawalEntry(None, by_id[notice], day, revocation=by_id[revocation]) for notice, revocation in pairs]


def _took_effect(spans, acts, day):
    """Return each withdrawal that took effect by `day`, from the spans on which one did."""
    acts_of = _by_pair(acts)
    entries = []
    for span in spans:
        if notice := notice_that_took_effect(span, acts_of.get((span.treaty_id, span.participant_id), [])):
            entries.append(WithdrawalEntry(span, notice, day))
    return sorted(entries, key=lambda entry: (entry.span.start, entry.act.participant.name), reverse=True)


def notice_that_took_effect(span, acts):
    """Return the notice behind a span on which a withdrawal took effect: the one that counts by its start.

    `acts` are the pair's acts in date order; which notice counts is the date rules' (`withdrawal_notices`).
    """
    notices = daterules.withdrawal_notices(act for act in acts if act.date <= span.start)
    return notices[-1].act if notices else None


# What the treaty list shows of a treaty: its long texts are left unread.
LISTED_FIELDS = ["chapter", "number", "slug", "title", "short_title", "horizon", "coverage", "sort_key"]


def treaties_with_counts(day):
    """Return the treaties, each annotated with the id of its stored counts on `day` or on its horizon."""
    return Treaty.objects.only(*LISTED_FIELDS).annotate(count_id=TreatyCount.objects.latest_id_on(day))


def treaty_summaries(treaties, day):
    """Return, per treaty from `treaties_with_counts`, its counts on `day` read on its horizon (1 query more)."""
    treaties = list(treaties)
    ids = [treaty.count_id for treaty in treaties if treaty.count_id]
    steps = {row[0]: Step(*row[1:]) for row in TreatyCount.objects.filter(pk__in=ids).values_list("pk", *Step._fields)}
    summaries = []
    for treaty in treaties:
        step = steps.get(treaty.count_id)
        recorded = treaty.coverage == Coverage.COMPLETE
        summaries.append(
            {
                "treaty": treaty,
                "read_on": read_day(day, treaty.horizon),
                "counts": (step.as_counts if step else NO_COUNTS) if recorded else None,
                "pending": (step.pending_withdrawals if step else 0) if recorded else None,
            }
        )
    return summaries
