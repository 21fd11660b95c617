"""A treaty's counts on one day (signatories, contracting states, parties), and its curve of parties."""

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from treaties.rules.acts import SIGNATURE_KINDS, Act
from treaties.rules.entry import EntryIntoForceClause
from treaties.rules.status import Status, status_on
from treaties.rules.withdrawal import ConditionState, WithdrawalClause


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


def condition_for(conditions: Mapping[Hashable, ConditionState] | None, key: Hashable) -> ConditionState:
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
                           withdrawal_clause=withdrawal_clause, condition=condition_for(conditions, key))
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


def party_curve(parties_from: Iterable[tuple[date, int]]) -> list[tuple[date, int]]:
    """Keep, from (day, known parties from then) in date order, the days the number of parties changes."""
    curve, parties = [], 0
    for day, count in parties_from:
        if count != parties:
            parties = count
            curve.append((day, parties))
    return curve
