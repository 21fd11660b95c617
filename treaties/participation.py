"""Build what the treaty and participant pages show from already-fetched acts.

Everything here but `withdrawals_on` works on lists the views fetched with a
fixed number of queries; `withdrawals_on` makes its own three queries.
"""

from dataclasses import dataclass, field
from datetime import date

from treaties import daterules
from treaties.models import CONSENT_KINDS, SIGNATURE_KINDS, ActKind, ParticipationAct, status_on


@dataclass
class ParticipationRow:
    """One participant's line in a treaty's participation table, as at a date."""

    participant: object
    status: daterules.Status
    signature: object = None
    consent: object = None
    withdrawal: object = None
    other_acts: list = field(default_factory=list)

    @property
    def consent_effect(self):
        return self.consent.computed_effect() if self.consent else None

    @property
    def withdrawal_effect(self):
        return self.withdrawal.computed_effect() if self.withdrawal else None

    @property
    def acts(self):
        return [act for act in (self.signature, self.consent, self.withdrawal) if act] + self.other_acts


def acts_up_to(acts, day):
    """Keep the acts effected on or before `day` (and those with no known date)."""
    return [act for act in acts if act.date is None or act.date <= day]


def participation_table(treaty, acts, day):
    """Return one row per participant with its acts up to `day` and its status then."""
    by_participant = {}
    for act in acts_up_to(acts, day):
        by_participant.setdefault(act.participant, []).append(act)
    rows = [_row(treaty, participant, its_acts, day) for participant, its_acts in by_participant.items()]
    return sorted(rows, key=lambda row: row.participant.name)


def _row(treaty, participant, acts, day):
    row = ParticipationRow(participant=participant, status=status_on(treaty, acts, day))
    for act in sorted(acts, key=lambda act: (act.date or date.min, act.pk)):
        # The latest of each kind is what the table shows; earlier ones stay in other_acts.
        if act.kind in SIGNATURE_KINDS and act.kind not in CONSENT_KINDS:
            _keep_latest(row, "signature", act)
        elif act.kind in CONSENT_KINDS:
            _keep_latest(row, "consent", act)
        elif act.kind == ActKind.WITHDRAWAL:
            _keep_latest(row, "withdrawal", act)
        else:
            row.other_acts.append(act)
    return row


def _keep_latest(row, slot, act):
    earlier = getattr(row, slot)
    if earlier is not None:
        row.other_acts.append(earlier)
    setattr(row, slot, act)


@dataclass
class TreatyStanding:
    """A participant's status in one treaty, for its page."""

    treaty: object
    status: daterules.Status
    acts: list


def standings_by_treaty(acts, day):
    """Group one participant's acts by treaty and give its status in each on `day`."""
    by_treaty = {}
    for act in acts_up_to(acts, day):
        by_treaty.setdefault(act.treaty, []).append(act)
    standings = [
        TreatyStanding(treaty, status_on(treaty, its_acts, day), its_acts) for treaty, its_acts in by_treaty.items()
    ]
    return sorted(standings, key=lambda standing: standing.treaty.sort_key)


def curve_points(curve, width=640, height=200, padding=30):
    """Scale a participation curve to SVG coordinates: a step line, and labelled axis ends."""
    if not curve:
        return None
    first, last = curve[0][0], curve[-1][0]
    span = max((last - first).days, 1)
    top = max(count for _, count in curve) or 1

    def x(day):
        return padding + (day - first).days * (width - 2 * padding) / span

    def y(count):
        return height - padding - count * (height - 2 * padding) / top

    # A step line: the count holds until the next date it changes.
    points = []
    previous = None
    for day, count in curve:
        if previous is not None:
            points.append(f"{x(day):.1f},{y(previous):.1f}")
        points.append(f"{x(day):.1f},{y(count):.1f}")
        previous = count
    return {
        "points": " ".join(points),
        "width": width,
        "height": height,
        "first": first,
        "last": last,
        "top": top,
        "baseline": height - padding,
        "left": padding,
        "right": width - padding,
        "top_y": padding,
    }


def withdrawals_on(day):
    """Return the withdrawals pending on `day` and those that took effect by then, with three queries."""
    withdrawals = list(
        ParticipationAct.objects.withdrawals()
        .exclude(date__isnull=True)
        .select_related("treaty", "participant")
        .prefetch_related("notifications")
    )
    # Revocations and consents decide whether a withdrawal is still pending.
    related = ParticipationAct.objects.filter(
        treaty__in={act.treaty_id for act in withdrawals}, participant__in={act.participant_id for act in withdrawals}
    ).exclude(date__isnull=True)
    by_pair = {}
    for act in related:
        by_pair.setdefault((act.treaty_id, act.participant_id), []).append(act)
    treaties = {act.treaty_id: act.treaty for act in withdrawals}
    for acts in by_pair.values():
        for act in acts:
            act.treaty = treaties[act.treaty_id]
    return _split_withdrawals(withdrawals, by_pair, day)


def _split_withdrawals(withdrawals, by_pair, day):
    """Return the withdrawals pending on `day`, and those that took effect by then."""
    notified = [act for act in withdrawals if act.date <= day]
    latest = {}
    for act in sorted(notified, key=lambda act: act.date):
        latest[(act.treaty_id, act.participant_id)] = act
    pending, effective = [], []
    for act in notified:
        others = by_pair.get((act.treaty_id, act.participant_id), [])
        status = status_on(act.treaty, others, day)
        entry = {"act": act, "status": status, "effect": act.computed_effect()}
        if latest[(act.treaty_id, act.participant_id)] is act and status.has_pending_withdrawal:
            entry["days_left"] = (status.withdrawal_due - day).days if status.withdrawal_due else None
            pending.append(entry)
        elif _took_effect(act, others, day):
            effective.append(entry)
    pending.sort(key=lambda entry: (entry["status"].withdrawal_due or date.max, entry["act"].participant.name))
    effective.sort(key=lambda entry: (entry["act"].effect_date, entry["act"].participant.name), reverse=True)
    return pending, effective


def _took_effect(withdrawal, others, day):
    """Say whether a withdrawal took effect on or before `day` without being revoked first."""
    effect = withdrawal.effect_date
    if effect is None or effect > day:
        return False
    return not any(
        other.kind == ActKind.WITHDRAWAL_REVOCATION and withdrawal.date <= other.date < effect for other in others
    )


def treaty_summaries(treaties, day):
    """Return (treaty, counts, number of pending withdrawals) for each treaty, from one query.

    The list page covers every act in the database, so the acts are read as
    plain tuples, not model instances.
    """
    fields = ["treaty_id", "participant_id", "kind", "date", "effective_date", "override_date", "condition_state"]
    acts_by_treaty = {}
    conditions_by_treaty = {}
    rows = ParticipationAct.objects.exclude(date__isnull=True).values_list(*fields)
    for treaty_id, participant_id, kind, day_effected, effective, override, condition in rows.iterator(chunk_size=5000):
        act = daterules.Act(kind=kind, date=day_effected, effective=override or effective)
        acts_by_treaty.setdefault(treaty_id, {}).setdefault(participant_id, []).append(act)
        if kind == ActKind.WITHDRAWAL:
            conditions_by_treaty.setdefault(treaty_id, {})[participant_id] = daterules.ConditionState(condition)
    summaries = []
    for treaty in treaties:
        counts, pending = daterules.summary_on(
            acts_by_treaty.get(treaty.pk, {}), day, conditions=conditions_by_treaty.get(treaty.pk), **treaty.rules()
        )
        summaries.append({"treaty": treaty, "counts": counts, "pending": len(pending)})
    return summaries
