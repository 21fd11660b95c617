"""Standing as consecutive spans, and a treaty's counts as steps: what the site stores and reads."""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from treaties.rules.acts import CONSENT_KINDS, SIGNATURE_KINDS, Act
from treaties.rules.counts import Counts, condition_for, party_curve
from treaties.rules.entry import EntryIntoForceClause, consent_in_force
from treaties.rules.status import Standing, status_on
from treaties.rules.withdrawal import ConditionState, WithdrawalClause, effect_of


def read_day(day: date, horizon: date | None) -> date:
    """Return the day a record that reaches `horizon` can answer for when asked about `day`.

    A record checked on some day says nothing about the days after it: asked about later, it answers for that day.
    """
    return min(day, horizon) if horizon else day


@dataclass(frozen=True)
class Span:
    """A stretch of days over which a participant's standing in a treaty stays the same.

    `start` is the first day, `end` the first day after it (None: it lasts as far as the
    recorded acts reach). The fields are those of `Status` that can change over time.
    """

    standing: Standing
    start: date
    end: date | None
    since: date | None  # when it took this standing, as `Status.since` (a party: since the treaty is in force for it)
    in_force_from: date | None
    in_force_unknown: bool
    signed_on: date | None  # the first signature on or before `start`: the UN counts signatories so
    withdrawal_notified: date | None
    withdrawal_due: date | None
    withdrawal_conditional: bool
    revoked_withdrawal_on: date | None

    def covers(self, day: date) -> bool:
        """Say whether `day` falls within this span."""
        return self.start <= day and (self.end is None or day < self.end)


def standing_spans(
    acts: Iterable[Act],
    *,
    treaty_in_force: date | None,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    condition: ConditionState = ConditionState.NOT_ASSESSED,
) -> list[Span]:
    """Return a participant's standing over time, from its first act on, as consecutive spans."""
    acts = list(acts)
    signatures = sorted(act.date for act in acts if act.kind in SIGNATURE_KINDS)
    spans: list[Span] = []
    # A status only changes on an act's date or a date computed from one, so
    # evaluating it on those days alone gives every change.
    for day in change_dates(acts, entry_clause, withdrawal_clause, treaty_in_force, condition):
        status = status_on(acts, day, treaty_in_force=treaty_in_force, entry_clause=entry_clause,
                           withdrawal_clause=withdrawal_clause, condition=condition)
        span = Span(
            standing=status.standing, start=day, end=None, since=status.since, in_force_from=status.in_force_from,
            in_force_unknown=status.in_force_unknown,
            signed_on=next((signed for signed in signatures if signed <= day), None),
            withdrawal_notified=status.withdrawal_notified, withdrawal_due=status.withdrawal_due,
            withdrawal_conditional=status.withdrawal_conditional,
            revoked_withdrawal_on=status.revoked_withdrawal_on,
        )
        if spans and replace(spans[-1], start=day) == span:
            continue  # nothing a page shows has changed
        if spans:
            spans[-1] = replace(spans[-1], end=day)
        spans.append(span)
    return spans


@dataclass(frozen=True)
class CountStep:
    """A treaty's counts over a stretch of days in which none of them changes."""

    start: date
    end: date | None  # the first day after it; None: as far as the record reaches
    counts: Counts
    pending: int  # withdrawals notified and not yet in effect
    listed: int  # participants with a span, whatever their standing: the rows of the treaty's table


_CONTRACTING = (Standing.CONTRACTING_STATE, Standing.PARTY, Standing.WITHDRAWAL_PENDING)
_PARTY = (Standing.PARTY, Standing.WITHDRAWAL_PENDING)


def _tally(span) -> tuple[int, int, int, int, int, int]:
    """Return what one span adds to each count while it lasts, in `CountStep` order."""
    return (span.signed_on is not None, span.standing in _CONTRACTING, span.standing in _PARTY,
            span.in_force_unknown, span.withdrawal_notified is not None, 1)


_TALLIED = 6  # the values `_tally` gives


def count_steps(spans: Iterable) -> list[CountStep]:
    """Return a treaty's counts as steps, from its participants' spans (anything with Span's fields)."""
    changes: dict[date, list[int]] = {}
    for span in spans:
        tally = _tally(span)
        for day, sign in ((span.start, 1), (span.end, -1)):
            if day is not None:
                change = changes.setdefault(day, [0] * _TALLIED)
                for position, value in enumerate(tally):
                    change[position] += sign * value
    steps: list[CountStep] = []
    totals = [0] * _TALLIED
    for day in sorted(changes):
        if not any(changes[day]):
            continue  # a party whose withdrawal became pending is still a party
        totals = [total + change for total, change in zip(totals, changes[day], strict=True)]
        if steps:
            steps[-1] = replace(steps[-1], end=day)
        signatories, contracting, parties, unknown, pending, listed = totals
        counts = Counts(signatories=signatories, contracting_states=contracting, parties=parties,
                        un_count=contracting, parties_unknown=unknown)
        steps.append(CountStep(start=day, end=None, counts=counts, pending=pending, listed=listed))
    return steps


def change_dates(
    acts: list[Act],
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    treaty_in_force: date | None,
    condition: ConditionState,
) -> list[date]:
    """Return every date on which this participant's status can change, ascending."""
    dates = {act.date for act in acts}
    for act in acts:
        if act.kind in CONSENT_KINDS and (start := consent_in_force(act, entry_clause, treaty_in_force)):
            dates.add(start)
        if act.kind == "withdrawal" and (due := effect_of(act, withdrawal_clause, condition).date):
            dates.add(due)
    return sorted(dates)


def participation_curve(
    acts_by_participant: Mapping[Hashable, Iterable[Act]],
    *,
    treaty_in_force: date | None,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    conditions: Mapping[Hashable, ConditionState] | None = None,
) -> list[tuple[date, int]]:
    """Return the number of parties on each date it changes, ascending."""
    spans = [
        span
        for key, acts in acts_by_participant.items()
        for span in standing_spans(acts, treaty_in_force=treaty_in_force, entry_clause=entry_clause,
                                   withdrawal_clause=withdrawal_clause, condition=condition_for(conditions, key))
    ]
    return party_curve((step.start, step.counts.parties) for step in count_steps(spans))
