"""A participant's standing in a treaty on one day, from its acts replayed in order."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from treaties.rules.acts import CONSENT_KINDS, SIGNATURE_KINDS, Act, in_order
from treaties.rules.entry import EntryIntoForceClause, consent_in_force
from treaties.rules.withdrawal import ConditionState, WithdrawalClause, WithdrawalEffect, effect_of
from treaties.rules.wording import LabelledEnum, spell_date


class Standing(LabelledEnum):
    NOT_PARTICIPANT = "not_participant", "Not a participant"
    SIGNATORY = "signatory"
    CONTRACTING_STATE = "contracting_state", "Contracting State"
    PARTY = "party"
    WITHDRAWAL_PENDING = "withdrawal_pending", "Party, withdrawal pending"
    WITHDRAWN = "withdrawn"


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
    kind, on = act.kind, spell_date(act.date)
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
    on = spell_date(act.date)
    if history.consent is None:
        history.notes.append(f"withdrawal notified on {on} without a consent on record (no effect)")
        return
    effect = effect_of(act, clause, condition)
    if effect.date is None and not effect.deferred:
        history.notes.append(f"withdrawal notified on {on}: the treaty has no withdrawal clause, "
                             f"so no date of effect follows (standing unchanged)")
        return
    history.pending.append(_PendingWithdrawal(act, effect))


def _revoke_withdrawal(history: _History, act: Act) -> None:
    """Cancel the pending withdrawals, or note that none was left to revoke."""
    on = spell_date(act.date)
    if not history.pending:
        history.notes.append(f"revocation of withdrawal on {on} with no withdrawal pending (no effect)")
        return
    notified = ", ".join(spell_date(w.act.date) for w in history.pending)
    history.notes.append(f"withdrawal notified on {notified} revoked on {on}")
    history.revoked_withdrawal_on = act.date
    history.pending.clear()


def _revoke_consent(history: _History, act: Act) -> None:
    """Undo the standing consent: the participant falls back to what it was before it."""
    on = spell_date(act.date)
    if history.consent is None:
        history.notes.append(f"revocation of consent on {on} without a consent on record (no effect)")
        return
    consent = history.consent.act
    history.notes.append(f"{consent.kind.replace('_', ' ')} of {spell_date(consent.date)} revoked on {on}")
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
    for act in in_order(acts):
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
