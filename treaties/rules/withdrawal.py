"""A treaty's withdrawal (denunciation) clause, and when a withdrawal takes effect under it."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

from treaties.rules.acts import Act, ActKind
from treaties.rules.periods import Period
from treaties.rules.wording import LabelledEnum, spell_date


class ConditionState(LabelledEnum):
    """Whether a condition that may defer a withdrawal holds (e.g. Mine Ban art. 20(3))."""

    NOT_ASSESSED = "not_assessed", "Not assessed"
    IN_FORCE = "in_force", "In force: the withdrawal is deferred"
    LIFTED = "lifted", "Lifted: the withdrawal takes effect on its date"


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
                         f"text for the withdrawal received on {spell_date(received)}."),
        )
    base = clause.period.after(received)
    reason = f"{clause.period.describe()} its receipt on {spell_date(received)} ({clause.article_name})"
    due = base
    if date_specified is not None and clause.later_date_allowed and date_specified > base:
        due = date_specified
        reason = (f"the later date the notification specifies, as {clause.article_name} allows "
                  f"({clause.period.describe()} receipt would give {spell_date(base)})")
    effect = apply_condition(clause, received, due, reason, condition)
    if date_specified is not None and date_specified != due:
        effect = replace(effect, explanation=_add_ignored_date(effect.explanation, clause, date_specified))
    return effect


def apply_condition(
    clause: WithdrawalClause, received: date, due: date, reason: str, condition: ConditionState,
) -> WithdrawalEffect:
    """Return the effect on `due`, deferred or qualified by the clause's condition if it has one."""
    if not clause.condition:
        return WithdrawalEffect(
            date=due, earliest=None, conditional=False, deferred=False, article=clause.article,
            explanation=f"The withdrawal takes effect on {spell_date(due)}, {reason}.",
        )
    if condition is ConditionState.IN_FORCE:
        return WithdrawalEffect(
            date=None, earliest=due, conditional=False, deferred=True, article=clause.article,
            explanation=(f"The withdrawal received on {spell_date(received)} takes effect not before "
                         f"{clause.condition_end} ({clause.article_name}), and in no case before {spell_date(due)}."),
        )
    if condition is ConditionState.LIFTED:
        return WithdrawalEffect(
            date=due, earliest=None, conditional=False, deferred=False, article=clause.article,
            explanation=(f"The withdrawal takes effect on {spell_date(due)}, {reason}; the condition "
                         f"in {clause.article_name} is recorded as lifted."),
        )
    return WithdrawalEffect(
        date=due, earliest=None, conditional=True, deferred=False, article=clause.article,
        explanation=(f"The withdrawal takes effect on {spell_date(due)}, {reason}, subject to the "
                     f"condition in {clause.article_name}."),
    )


def _add_ignored_date(explanation: str, clause: WithdrawalClause, date_specified: date) -> str:
    """Append to `explanation` why the date the notification names was not used."""
    if clause.later_date_allowed:
        why = "it is not later than the date the clause gives"
    else:
        why = f"{clause.article_name} does not let the notification choose the date"
    named = spell_date(date_specified)
    return f"{explanation.removesuffix('.')}; the date the notification names, {named}, is ignored because {why}."


def effect_of(act: Act, clause: WithdrawalClause, condition: ConditionState) -> WithdrawalEffect:
    """Return the effect of a withdrawal act, preferring the effect date on record."""
    computed = withdrawal_effect(clause, act.date, condition=condition)
    if act.effective is None:
        return computed
    # A recorded date replaces the computed one (the US has one for the WHO though the
    # Constitution has no clause), but a condition in force still holds it back.
    recorded = max(act.effective, act.date)  # never before receipt
    if clause.period is None:
        return replace(computed, date=recorded,
                       explanation=f"The withdrawal takes effect on {spell_date(recorded)}, the date on record.")
    reason = f"the date on record ({clause.article_name})"
    return apply_condition(clause, act.date, recorded, reason, condition)


class Notice(NamedTuple):
    """A withdrawal notice and the revocation that undid it, if one did."""

    act: Any  # anything with a `kind` and a `date`: a rules Act, a stored act, a table row
    revocation: Any = None


def withdrawal_notices(
    acts: Iterable[Any], *, effect_on: Callable[[Any], date | None] = lambda notice: None,
) -> list[Notice]:
    """Return each withdrawal notice among `acts`, given in the order they happened, with its revocation.

    A revocation undoes the latest notice before it, unless that one is revoked
    already or took effect on or before the revocation's day (`effect_on`
    gives a notice's date of effect, None while none is known): as `status_on`
    replays them, a withdrawal due on a day takes effect before that day's
    acts. The latest notice is the one that counts: earlier ones were
    superseded or revoked.
    """
    notices = []
    for act in acts:
        if act.kind == ActKind.WITHDRAWAL:
            notices.append(Notice(act))
        elif act.kind == ActKind.WITHDRAWAL_REVOCATION and notices and notices[-1].revocation is None:
            effect = effect_on(notices[-1].act)
            if effect is None or act.date is None or act.date < effect:
                notices[-1] = notices[-1]._replace(revocation=act)
    return notices
