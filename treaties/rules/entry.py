"""A treaty's entry-into-force clause: for the treaty itself, and for a participant that joins later."""

from dataclasses import dataclass
from datetime import date

from treaties.rules.acts import Act
from treaties.rules.periods import Period


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


def consent_in_force(act: Act, clause: EntryIntoForceClause, treaty_in_force: date | None) -> date | None:
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
