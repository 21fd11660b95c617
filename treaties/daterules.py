"""Dates that follow from a treaty's final clauses, and a participant's status on a day.

Pure functions on plain dates, no Django: the models pass acts in and store or
show what comes out. Every date a researcher sees is computed here, so each
rule names the clause it follows.
"""

import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

# --- Periods -----------------------------------------------------------------


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class Snap(StrEnum):
    NONE = "none"  # the date the offset lands on
    MONTH_START = "month_start"  # first day of the month the offset lands in
    NEXT_MONTH_START = "next_month_start"  # first day of the month after it


_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven",
              "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
             "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")


def _cardinal(number: int) -> str:
    """Spell a count the way treaty texts do: words up to twelve, then digits."""
    return _CARDINALS[number] if number < len(_CARDINALS) else str(number)


def _ordinal(number: int) -> str:
    """Spell an ordinal: words up to twelfth, then digits ("60th", "21st")."""
    if number < len(_ORDINALS):
        return _ORDINALS[number]
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _spell(day: date) -> str:
    """Write a date as researchers cite it ("27 December 2025"), whatever the locale."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Period:
    """A length of time a clause counts from an event, maybe snapped to a month's start."""

    count: int
    unit: Unit
    snap: Snap = Snap.NONE

    def __post_init__(self):
        # Accept the stored strings ("months") so model fields can be passed straight in.
        object.__setattr__(self, "unit", Unit(self.unit))
        object.__setattr__(self, "snap", Snap(self.snap))
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise ValueError(f"a period counts whole units from zero up, not {self.count!r}")

    def after(self, anchor: date) -> date:
        """Return the date this period after `anchor` designates, by the calendar."""
        # relativedelta clips to the month's end: six months after 31 August is 28/29 February.
        landed = anchor + relativedelta(**{self.unit.value: self.count})
        if self.snap is Snap.MONTH_START:
            landed = landed.replace(day=1)
        elif self.snap is Snap.NEXT_MONTH_START:
            landed = landed.replace(day=1) + relativedelta(months=1)
        # A date counted "after" an event can never precede it, whatever a snap says.
        return max(landed, anchor)

    def describe(self) -> str:
        """Return the period in plain English, ready to be followed by the event it counts from."""
        if self.count == 0:
            return {Snap.NONE: "the day of",
                    Snap.MONTH_START: "the first day of the month of",
                    Snap.NEXT_MONTH_START: "the first day of the month after"}[self.snap]
        if self.unit is Unit.DAYS:
            offset = f"the {_ordinal(self.count)} day"
            if self.snap is Snap.MONTH_START:
                return f"the first day of the month containing {offset} after"
            if self.snap is Snap.NEXT_MONTH_START:
                return f"the first day of the month after {offset} after"
            return f"{offset} after"
        if self.snap is Snap.NONE:
            noun = self.unit.value if self.count != 1 else self.unit.value.removesuffix("s")
            return f"{_cardinal(self.count)} {noun} after"
        # Snapped to a month, years read best as months: "the first day of the sixth month after".
        months = self.count * (12 if self.unit is Unit.YEARS else 1)
        if self.snap is Snap.NEXT_MONTH_START:
            months += 1
        return f"the first day of the {_ordinal(months)} month after"


# --- Withdrawal ----------------------------------------------------------------


class ConditionState(StrEnum):
    NOT_ASSESSED = "not_assessed"
    IN_FORCE = "in_force"
    LIFTED = "lifted"


# "the withdrawal shall not take effect before the end of the armed conflict" (Mine Ban art. 20(3)).
_CONDITION_END = re.compile(r"\bnot (?:take effect )?(?:before|until) (?P<end>[^.;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class WithdrawalClause:
    """A treaty's withdrawal (denunciation) article, as far as dates follow from it."""

    article: str  # e.g. "art. 20(3)"
    period: Period | None  # None: the treaty has no withdrawal clause (e.g. ICCPR)
    later_date_allowed: bool = False  # Rome art. 127(1): "unless the notification specifies a later date"
    condition: str = ""  # the sentence that can defer the effect; "" if none

    @property
    def article_name(self) -> str:
        """Return the article to cite, or a stand-in when none was recorded."""
        return self.article or "the withdrawal clause"

    @property
    def condition_end(self) -> str:
        """Return what a condition in force makes the withdrawal wait for, in the clause's words."""
        if found := _CONDITION_END.search(self.condition):
            return found["end"].strip()
        return f"the condition in {self.article_name} ceases to hold"


@dataclass(frozen=True)
class WithdrawalEffect:
    """When a withdrawal takes effect, and the sentence that says why."""

    date: date | None  # the date it takes effect, when one can be given
    earliest: date | None  # when deferred by a condition in force: "not before" this date
    conditional: bool  # a condition may still defer it (condition not assessed)
    deferred: bool  # the condition is in force: no date until the condition ends
    explanation: str  # one plain sentence a researcher can read, naming the article
    article: str


def withdrawal_effect(
    clause: WithdrawalClause,
    received: date,
    *,
    date_specified: date | None = None,
    condition: ConditionState = ConditionState.NOT_ASSESSED,
) -> WithdrawalEffect:
    """Return when a withdrawal received on `received` takes effect under `clause`."""
    if clause.period is None:
        return WithdrawalEffect(
            date=None, earliest=None, conditional=False, deferred=False, article=clause.article,
            explanation=(f"The treaty has no withdrawal clause, so no date of effect follows from its "
                         f"text for the withdrawal received on {_spell(received)}."),
        )
    base = clause.period.after(received)
    reason = f"{clause.period.describe()} its receipt on {_spell(received)} ({clause.article_name})"
    due = base
    if date_specified is not None and clause.later_date_allowed and date_specified > base:
        due = date_specified
        reason = (f"the later date the notification specifies, as {clause.article_name} allows "
                  f"({clause.period.describe()} receipt would give {_spell(base)})")
    effect = _apply_condition(clause, received, due, reason, condition)
    if date_specified is not None and date_specified != due:
        effect = replace(effect, explanation=_add_ignored_date(effect.explanation, clause, date_specified))
    return effect


def _apply_condition(
    clause: WithdrawalClause, received: date, due: date, reason: str, condition: ConditionState,
) -> WithdrawalEffect:
    """Return the effect on `due`, deferred or qualified by the clause's condition if it has one."""
    if not clause.condition:
        return WithdrawalEffect(
            date=due, earliest=None, conditional=False, deferred=False, article=clause.article,
            explanation=f"The withdrawal takes effect on {_spell(due)}, {reason}.",
        )
    if condition is ConditionState.IN_FORCE:
        return WithdrawalEffect(
            date=None, earliest=due, conditional=False, deferred=True, article=clause.article,
            explanation=(f"The withdrawal received on {_spell(received)} takes effect not before "
                         f"{clause.condition_end} ({clause.article_name}), and in no case before {_spell(due)}."),
        )
    if condition is ConditionState.LIFTED:
        return WithdrawalEffect(
            date=due, earliest=None, conditional=False, deferred=False, article=clause.article,
            explanation=(f"The withdrawal takes effect on {_spell(due)}, {reason}; the condition "
                         f"in {clause.article_name} is recorded as lifted."),
        )
    return WithdrawalEffect(
        date=due, earliest=None, conditional=True, deferred=False, article=clause.article,
        explanation=(f"The withdrawal takes effect on {_spell(due)}, {reason}, subject to the "
                     f"condition in {clause.article_name}."),
    )


def _add_ignored_date(explanation: str, clause: WithdrawalClause, date_specified: date) -> str:
    """Append to `explanation` why the date the notification names was not used."""
    if clause.later_date_allowed:
        why = "it is not later than the date the clause gives"
    else:
        why = f"{clause.article_name} does not let the notification choose the date"
    named = _spell(date_specified)
    return f"{explanation.removesuffix('.')}; the date the notification names, {named}, is ignored because {why}."


# --- Entry into force ------------------------------------------------------------


@dataclass(frozen=True)
class EntryIntoForceClause:
    """A treaty's article on entry into force for a participant that joins later."""

    article: str
    period: Period | None  # None: wording/period unknown, no date is computed
    # What the sources say of the treaty itself when it has no date of entry into
    # force: True when it is known not to be in force (the CTBT), False when the
    # date is merely unrecorded, so that a consent's effect is unknown, not "never".
    treaty_known_not_in_force: bool = False


def entry_into_force_for(clause: EntryIntoForceClause, deposit: date, treaty_in_force: date | None) -> date | None:
    """Return the date the treaty enters into force for a participant that deposited on `deposit`."""
    if treaty_in_force is None or clause.period is None:
        return None
    # Later-joiner clauses (Mine Ban art. 17(2), Rome art. 126(2), Paris art. 21(3)) apply
    # to every deposit after the one that brought the treaty into force, even one made
    # before that date: Nicaragua ratified the Mine Ban Convention on 30 Nov 1998 and
    # became a party on 1 May 1999, not 1 March 1999. Deposits up to that triggering one
    # land on or before the treaty's own date, so the later of the two is right for both.
    # A clause that counts only from the treaty's own entry into force can differ for a
    # deposit made within its period before that date: record `effective` there.
    return max(treaty_in_force, clause.period.after(deposit))


def consent_in_force(act: "Act", clause: EntryIntoForceClause, treaty_in_force: date | None) -> date | None:
    """Return when the treaty is in force for the participant whose consent is `act`, if known."""
    if act.effective is not None:
        return act.effective
    if act.kind == "succession" and treaty_in_force is not None:
        # A successor State is bound from the date of the succession of States, which
        # the depositary's tables do not give: the site uses the date of the notice (or
        # the treaty's own entry into force, if later), by which it was certainly bound.
        return max(act.date, treaty_in_force)
    return entry_into_force_for(clause, act.date, treaty_in_force)


def treaty_entry_into_force(period: Period, deposits: list[date], required: int) -> date | None:
    """Return the date the treaty itself enters into force, `period` after the `required`th deposit."""
    if required < 1:
        raise ValueError(f"a treaty needs at least one deposit to enter into force, not {required}")
    ordered = sorted(deposits)
    if len(ordered) < required:
        return None
    return period.after(ordered[required - 1])


# --- Acts and status ---------------------------------------------------------------

# A signatory has signed in one of these ways (a definitive signature both
# signs and consents).
SIGNATURE_KINDS = frozenset({
    "signature", "signature_succession", "signature_ad_referendum", "signature_confirmation",
    "definitive_signature",
})
# Consent to be bound. Provisional application or acceptance is not consent.
CONSENT_KINDS = frozenset({
    "definitive_signature", "ratification", "acceptance", "approval", "accession",
    "succession", "formal_confirmation", "consent_to_be_bound", "participation",
    "simplified_procedure",
})
ACT_KINDS = SIGNATURE_KINDS | CONSENT_KINDS | frozenset({
    "reservation", "declaration", "objection", "reservation_withdrawal",
    "territorial_application", "withdrawal", "withdrawal_revocation",
    "consent_revocation", "suspension", "provisional_application", "provisional_acceptance",
    "application", "notification", "other",
})

# Acts of one day are read in the order they must have happened: a signature before
# the consent that follows it, a withdrawal before its revocation, a consent before
# the revocation of that consent.
_SAME_DAY_ORDER = {
    **dict.fromkeys(SIGNATURE_KINDS - CONSENT_KINDS, 0),
    **dict.fromkeys(CONSENT_KINDS, 1),
    "withdrawal": 3, "suspension": 3, "withdrawal_revocation": 4, "consent_revocation": 5,
}


@dataclass(frozen=True)
class Act:
    """One act of a participant on a treaty, as the depositary recorded it."""

    kind: str  # one of ACT_KINDS
    date: date  # date effected (instrument received / signed)
    effective: date | None = None  # a stored or computed effect date, if any

    def __post_init__(self):
        if self.kind not in ACT_KINDS:
            raise ValueError(f"unknown act kind {self.kind!r}")


class Standing(StrEnum):
    NOT_PARTICIPANT = "not_participant"
    SIGNATORY = "signatory"
    CONTRACTING_STATE = "contracting_state"
    PARTY = "party"
    WITHDRAWAL_PENDING = "withdrawal_pending"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """Return the words a page shows for this standing."""
        return _STANDING_LABELS[self]


_STANDING_LABELS = {
    Standing.NOT_PARTICIPANT: "Not a participant",
    Standing.SIGNATORY: "Signatory",
    Standing.CONTRACTING_STATE: "Contracting State",
    Standing.PARTY: "Party",
    Standing.WITHDRAWAL_PENDING: "Party, withdrawal pending",
    Standing.WITHDRAWN: "Withdrawn",
}


@dataclass(frozen=True)
class Status:
    """A participant's standing in a treaty on one day, in the Vienna Convention's words."""

    # WITHDRAWAL_PENDING is kept for parties, so it always counts as one: a participant
    # not yet bound that notifies a withdrawal stays a CONTRACTING_STATE, with
    # `withdrawal_due` / `withdrawal_conditional` set.

    standing: Standing
    since: date | None  # date of the act (or effect date) that put it in this standing
    in_force_from: date | None  # contracting state / party (and withdrawn): when the treaty is/was in force for it
    withdrawal_due: date | None  # pending: the due date (None if deferred by a condition)
    withdrawal_conditional: bool  # pending: its effect hangs on a condition (not assessed, or in force)
    revoked_withdrawal_on: date | None  # the day it revoked a notified withdrawal (South Africa, The Gambia)
    notes: tuple[str, ...]  # e.g. "suspension notified on 18 July 2025 (not a withdrawal)"
    # A consent stands but no date of entry into force for it follows from the
    # recorded dates and clauses: it may or may not be a party.
    in_force_unknown: bool = False
    withdrawal_notified: date | None = None  # pending: the day the governing notice was received

    @property
    def is_contracting_state(self) -> bool:
        """Say whether it has consented to be bound, in force for it or not, and not withdrawn."""
        return self.standing in (Standing.CONTRACTING_STATE, Standing.PARTY, Standing.WITHDRAWAL_PENDING)

    @property
    def is_party(self) -> bool:
        """Say whether it has consented and the treaty is in force for it."""
        return self.standing in (Standing.PARTY, Standing.WITHDRAWAL_PENDING)

    @property
    def has_pending_withdrawal(self) -> bool:
        """Say whether a notified, unrevoked withdrawal has yet to take effect."""
        return self.withdrawal_due is not None or self.withdrawal_conditional


@dataclass
class _Consent:
    act: Act
    in_force_from: date | None
    in_force_unknown: bool


@dataclass
class _PendingWithdrawal:
    act: Act
    effect: WithdrawalEffect


@dataclass
class _History:
    """The acts of one participant replayed in date order, up to some day."""

    signed_on: date | None = None
    consent: _Consent | None = None
    pending: list[_PendingWithdrawal] = field(default_factory=list)
    withdrawn_on: date | None = None
    withdrawn_in_force_from: date | None = None
    fell_back_on: date | None = None  # a consent was revoked: the standing it fell back to starts here
    revoked_withdrawal_on: date | None = None
    notes: list[str] = field(default_factory=list)


def _in_order(acts: Iterable[Act]) -> list[Act]:
    """Return the acts in the order they happened."""
    return sorted(acts, key=lambda act: (act.date, _SAME_DAY_ORDER.get(act.kind, 2)))


def _effect_of(act: Act, clause: WithdrawalClause, condition: ConditionState) -> WithdrawalEffect:
    """Return the effect of a withdrawal act, preferring the effect date on record."""
    computed = withdrawal_effect(clause, act.date, condition=condition)
    if act.effective is None:
        return computed
    # A recorded date replaces the computed one (the US has one for the WHO though the
    # Constitution has no clause), but a condition in force still holds it back.
    recorded = max(act.effective, act.date)  # never before receipt
    if clause.period is None:
        return replace(computed, date=recorded,
                       explanation=f"The withdrawal takes effect on {_spell(recorded)}, the date on record.")
    reason = f"the date on record ({clause.article_name})"
    return _apply_condition(clause, act.date, recorded, reason, condition)


def _settle(history: _History, day: date) -> None:
    """Let a pending withdrawal due on or before `day` take effect."""
    due_dates = [w.effect.date for w in history.pending if w.effect.date is not None]
    if not due_dates or min(due_dates) > day or history.consent is None:
        return
    history.withdrawn_on = min(due_dates)
    history.withdrawn_in_force_from = history.consent.in_force_from
    history.consent = None
    history.pending.clear()


def _apply(
    history: _History,
    act: Act,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    treaty_in_force: date | None,
    condition: ConditionState,
) -> None:
    """Update `history` with one act."""
    kind, on = act.kind, _spell(act.date)
    if kind in SIGNATURE_KINDS and history.signed_on is None:
        history.signed_on = act.date
    if kind in CONSENT_KINDS:
        if history.consent is None:
            in_force_from = consent_in_force(act, entry_clause, treaty_in_force)
            unknown = in_force_from is None and not entry_clause.treaty_known_not_in_force
            history.consent = _Consent(act, in_force_from, unknown)
        else:
            history.notes.append(f"{kind.replace('_', ' ')} of {on} recorded while an earlier consent stands")
    elif kind == "withdrawal":
        _notify_withdrawal(history, act, withdrawal_clause, condition)
    elif kind == "withdrawal_revocation":
        _revoke_withdrawal(history, act)
    elif kind == "consent_revocation":
        _revoke_consent(history, act)
    elif kind == "suspension":
        history.notes.append(f"suspension notified on {on} (not a withdrawal)")


def _notify_withdrawal(history: _History, act: Act, clause: WithdrawalClause, condition: ConditionState) -> None:
    """Record a withdrawal as pending, or note why it has no effect."""
    on = _spell(act.date)
    if history.consent is None:
        history.notes.append(f"withdrawal notified on {on} without a consent on record (no effect)")
        return
    effect = _effect_of(act, clause, condition)
    if effect.date is None and not effect.deferred:
        history.notes.append(f"withdrawal notified on {on}: the treaty has no withdrawal clause, "
                             f"so no date of effect follows (standing unchanged)")
        return
    history.pending.append(_PendingWithdrawal(act, effect))


def _revoke_withdrawal(history: _History, act: Act) -> None:
    """Cancel the pending withdrawals, or note that none was left to revoke."""
    on = _spell(act.date)
    if not history.pending:
        history.notes.append(f"revocation of withdrawal on {on} with no withdrawal pending (no effect)")
        return
    notified = ", ".join(_spell(w.act.date) for w in history.pending)
    history.notes.append(f"withdrawal notified on {notified} revoked on {on}")
    history.revoked_withdrawal_on = act.date
    history.pending.clear()


def _revoke_consent(history: _History, act: Act) -> None:
    """Undo the standing consent: the participant falls back to what it was before it."""
    on = _spell(act.date)
    if history.consent is None:
        history.notes.append(f"revocation of consent on {on} without a consent on record (no effect)")
        return
    consent = history.consent.act
    history.notes.append(f"{consent.kind.replace('_', ' ')} of {_spell(consent.date)} revoked on {on}")
    history.consent = None
    history.pending.clear()
    history.fell_back_on = act.date


def _replay(
    acts: Iterable[Act],
    day: date,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    treaty_in_force: date | None,
    condition: ConditionState,
) -> _History:
    """Replay the acts dated on or before `day`, letting withdrawals take effect when due."""
    history = _History()
    for act in _in_order(acts):
        if act.date > day:
            break
        # A withdrawal due today takes effect before today's acts: Trinidad and Tobago's
        # re-accession on 26 Aug 1998 came the day its denunciation took effect.
        _settle(history, act.date)
        _apply(history, act, entry_clause, withdrawal_clause, treaty_in_force, condition)
    _settle(history, day)
    return history


def _status_from(history: _History, day: date) -> Status:
    """Return the status the replayed `history` gives on `day`."""
    status = Status(
        standing=Standing.NOT_PARTICIPANT, since=history.fell_back_on, in_force_from=None,
        withdrawal_due=None, withdrawal_conditional=False,
        revoked_withdrawal_on=history.revoked_withdrawal_on, notes=tuple(history.notes),
    )
    if history.consent is not None:
        return _consented_status(status, history.consent, history.pending, day)
    # Revoking a consent starts the standing it falls back to: Russia is a CTBT
    # signatory again from its 2023 revocation.
    fallback = [history.fell_back_on] if history.fell_back_on else []
    if history.withdrawn_on is not None:
        return replace(status, standing=Standing.WITHDRAWN, since=max([history.withdrawn_on, *fallback]),
                       in_force_from=history.withdrawn_in_force_from)
    if history.signed_on is not None:
        return replace(status, standing=Standing.SIGNATORY, since=max([history.signed_on, *fallback]))
    return status


def _consented_status(status: Status, consent: _Consent, pending: list[_PendingWithdrawal], day: date) -> Status:
    """Return the status of a participant whose consent stands on `day`."""
    in_force = consent.in_force_from is not None and consent.in_force_from <= day
    status = replace(status, standing=Standing.CONTRACTING_STATE, since=consent.act.date,
                     in_force_from=consent.in_force_from, in_force_unknown=consent.in_force_unknown)
    if in_force:
        status = replace(status, standing=Standing.PARTY, since=consent.in_force_from)
    if not pending:
        return status
    # Several notices may be pending; the first due governs, a deferred one only if none is dated.
    first = min(pending, key=lambda w: (w.effect.date is None, w.effect.date or date.max))
    status = replace(status, withdrawal_due=first.effect.date, withdrawal_notified=first.act.date,
                     withdrawal_conditional=first.effect.conditional or first.effect.deferred)
    if in_force:
        status = replace(status, standing=Standing.WITHDRAWAL_PENDING, since=first.act.date)
    return status


def status_on(
    acts: Iterable[Act],
    day: date,
    *,
    treaty_in_force: date | None,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    condition: ConditionState = ConditionState.NOT_ASSESSED,
) -> Status:
    """Return a participant's status on `day`, from its acts dated on or before it."""
    history = _replay(acts, day, entry_clause, withdrawal_clause, treaty_in_force, condition)
    return _status_from(history, day)


# --- Treaty-level counts ---------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """How many participants stand where on one day; each figure names what it counts.

    - signatories: participants that have signed (signature, signature by
      succession or definitive signature) on or before the day, whatever they did
      next, as the UN's "Signatories" column counts them.
    - contracting_states: participants whose consent to be bound stands on the day
      (deposited, not revoked, not undone by a withdrawal that has taken effect),
      whether or not the treaty is in force for them (VCLT art. 2(1)(f)).
    - parties: contracting states for which the treaty is in force on the day; a
      participant with a withdrawal pending is still a party (VCLT art. 2(1)(g)).
    - un_count: participants with a consent deposit up to the day, less those whose
      withdrawal has taken effect; a revoked instrument (Russia's CTBT ratification,
      Malaysia's Rome accession) counts as withdrawn. This is the figure the UN status
      page heads "Parties". Under these rules it equals contracting_states; it is
      kept apart so that every page says which count it shows.
    - parties_unknown: contracting states whose entry into force is not known, so
      that the number of parties lies between `parties` and `parties_most`.
    """

    signatories: int
    contracting_states: int
    parties: int
    un_count: int
    parties_unknown: int = 0

    @property
    def parties_most(self) -> int:
        """Return the most parties there can be: the known ones and every unknown one."""
        return self.parties + self.parties_unknown

    @property
    def parties_known(self) -> bool:
        """Say whether the number of parties is exact."""
        return self.parties_unknown == 0


def _condition_for(conditions: Mapping[Hashable, ConditionState] | None, key: Hashable) -> ConditionState:
    """Return the state of the withdrawal condition recorded for one participant."""
    if conditions is None:
        return ConditionState.NOT_ASSESSED
    return conditions.get(key, ConditionState.NOT_ASSESSED)


def _statuses(
    acts_by_participant: Mapping[Hashable, Iterable[Act]],
    day: date,
    treaty_in_force: date | None,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    conditions: Mapping[Hashable, ConditionState] | None,
) -> Iterator[tuple[Hashable, list[Act], Status]]:
    """Yield each participant's key, acts and status on `day`."""
    for key, acts in acts_by_participant.items():
        acts = list(acts)
        status = status_on(acts, day, treaty_in_force=treaty_in_force, entry_clause=entry_clause,
                           withdrawal_clause=withdrawal_clause, condition=_condition_for(conditions, key))
        yield key, acts, status


def summary_on(
    acts_by_participant: Mapping[Hashable, Iterable[Act]],
    day: date,
    *,
    treaty_in_force: date | None,
    entry_clause: EntryIntoForceClause,
    withdrawal_clause: WithdrawalClause,
    conditions: Mapping[Hashable, ConditionState] | None = None,
) -> tuple[Counts, list[tuple[Hashable, Status]]]:
    """Return the counts and the pending withdrawals on `day`, working out each status once."""
    signatories = contracting_states = parties = un_count = parties_unknown = 0
    pending = []
    for key, acts, status in _statuses(acts_by_participant, day, treaty_in_force, entry_clause,
                                       withdrawal_clause, conditions):
        signatories += any(a.kind in SIGNATURE_KINDS and a.date <= day for a in acts)
        contracting_states += status.is_contracting_state
        parties += status.is_party
        un_count += status.is_contracting_state
        parties_unknown += status.in_force_unknown
        if status.has_pending_withdrawal:
            pending.append((key, status))
    counts = Counts(signatories=signatories, contracting_states=contracting_states,
                    parties=parties, un_count=un_count, parties_unknown=parties_unknown)
    # Soonest due first; those deferred by a condition last.
    pending.sort(key=lambda item: (item[1].withdrawal_due is None, item[1].withdrawal_due or date.max))
    return counts, pending


def counts_on(acts_by_participant: Mapping[Hashable, Iterable[Act]], day: date, **rules) -> Counts:
    """Return the treaty's signatories, contracting states, parties and UN count on `day`."""
    return summary_on(acts_by_participant, day, **rules)[0]


def pending_withdrawals(
    acts_by_participant: Mapping[Hashable, Iterable[Act]], day: date, **rules
) -> list[tuple[Hashable, Status]]:
    """Return the participants with a withdrawal pending on `day`, soonest due first, deferred last."""
    return summary_on(acts_by_participant, day, **rules)[1]


def _change_dates(
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
        if act.kind == "withdrawal" and (due := _effect_of(act, withdrawal_clause, condition).date):
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
                                   withdrawal_clause=withdrawal_clause, condition=_condition_for(conditions, key))
    ]
    return party_curve((step.start, step.counts.parties) for step in count_steps(spans))


def party_curve(parties_from: Iterable[tuple[date, int]]) -> list[tuple[date, int]]:
    """Keep, from (day, known parties from then) in date order, the days the number of parties changes."""
    curve, parties = [], 0
    for day, count in parties_from:
        if count != parties:
            parties = count
            curve.append((day, parties))
    return curve


# --- Standing as spans ---------------------------------------------------------------


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
    for day in _change_dates(acts, entry_clause, withdrawal_clause, treaty_in_force, condition):
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
