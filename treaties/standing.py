"""Keep each participant's standing in each treaty as stored spans.

The spans are derived facts: `daterules.standing_spans` computes them from the
acts and the treaty's clauses, and this module stores them in the transaction
that changes either, so that pages only read them (`StandingSpan.objects`).
Saving an act or a treaty refreshes what it touches; loaders that write in bulk
wrap their work in `refreshed_after()`, which rebuilds the treaties they touched
once, at the end, inside their transaction.
"""

from collections import defaultdict, namedtuple
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from operator import attrgetter

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from treaties import daterules
from treaties.models import (
    ActKind,
    Coverage,
    ParticipationAct,
    RevokedWithdrawal,
    StandingSpan,
    Strength,
    Treaty,
    TreatyCount,
    recorded_effect,
)

BATCH_SIZE = 2000
# From the surest to the least sure: a span is as sure as the weakest date it rests on.
_STRENGTH_ORDER = [Strength.PRIMARY, Strength.SECONDARY, Strength.THIRD_PARTY, Strength.COMPUTED]
_ACT_FIELDS = [
    "treaty_id",
    "participant_id",
    "kind",
    "date",
    "effective_date",
    "override_date",
    "condition_state",
    "strength",
    "checked_on",
]

# The date a stored withdrawal took or takes effect, which a later revocation comes too late to undo.
EFFECT_DATE = attrgetter("effect_date")

# Inside `refreshed_after()`: the ids of the treaties whose spans must be rebuilt on leaving it.
_deferred: ContextVar[set | None] = ContextVar("deferred_standing_refresh", default=None)


@contextmanager
def refreshed_after():
    """Defer span refreshes while a loader writes, then rebuild the touched treaties once."""
    if _deferred.get() is not None:  # already inside one: the outer one rebuilds
        yield
        return
    touched = set()
    token = _deferred.set(touched)
    try:
        yield
    finally:
        _deferred.reset(token)
    # Only reached when the block succeeded: a failed load rolls back and rebuilds nothing.
    rebuild(touched)


def mark_touched(treaty_ids: Iterable[int]):
    """Rebuild the spans of these treaties: now, or when the enclosing load ends."""
    treaty_ids = set(treaty_ids)
    deferred = _deferred.get()
    if deferred is not None:
        deferred.update(treaty_ids)
    else:
        rebuild(treaty_ids)


def rebuild(treaty_ids: Iterable[int] | None = None):
    """Recompute and store the spans of these treaties (every treaty when None) from their acts."""
    treaties = Treaty.objects.all()
    if treaty_ids is not None:
        treaties = treaties.filter(pk__in=list(treaty_ids))
    _replace_spans(
        {treaty.pk: treaty for treaty in treaties},
        ParticipationAct.objects.all() if treaty_ids is None else ParticipationAct.objects.filter(treaty__in=treaties),
    )


def store_every_revocation():
    """Store the revoked withdrawals of every treaty afresh: for a database whose spans predate them."""
    RevokedWithdrawal.objects.all().delete()
    _store_revocations(Treaty.objects.in_bulk(), ParticipationAct.objects.all())


def refresh_pair(treaty_id: int, participant_id: int):
    """Recompute and store one participant's spans in one treaty."""
    if (deferred := _deferred.get()) is not None:
        deferred.add(treaty_id)
        return
    treaty = Treaty.objects.get(pk=treaty_id)
    acts = ParticipationAct.objects.filter(treaty_id=treaty_id, participant_id=participant_id)
    _replace_spans({treaty_id: treaty}, acts, participant_id=participant_id)


def _replace_spans(treaties, acts, participant_id=None):
    """Delete the stored spans of `treaties` (or of one participant in them) and store fresh ones."""
    for model in (StandingSpan, RevokedWithdrawal):
        stale = model.objects.filter(treaty__in=list(treaties))
        if participant_id is not None:
            stale = stale.filter(participant_id=participant_id)
        stale.delete()
    _store_revocations(treaties, acts)
    by_pair = defaultdict(list)
    for row in acts.values_list(*_ACT_FIELDS).iterator(chunk_size=5000):
        by_pair[row[0], row[1]].append(row)
    spans = (
        span
        for (treaty_id, participant_id), rows in by_pair.items()
        for span in spans_of(treaties[treaty_id], participant_id, rows)
    )
    StandingSpan.objects.bulk_create(spans, batch_size=BATCH_SIZE)
    _replace_counts(list(treaties))


def _store_revocations(treaties, acts):
    """Store each withdrawal notice among `acts` that a revocation undid, with that revocation.

    Only the notices and revocations are read, whole: a notice's date of effect
    comes from its treaty's articles (`ParticipationAct.effect_date`).
    """
    notices = (
        acts.withdrawal_notices().filter(date__isnull=False).order_by("treaty_id", "participant_id", "date", "pk")
    )
    by_pair = defaultdict(list)
    for act in notices.iterator(chunk_size=5000):
        act.treaty = treaties[act.treaty_id]
        by_pair[act.treaty_id, act.participant_id].append(act)
    revoked = (
        RevokedWithdrawal(
            treaty_id=treaty_id,
            participant_id=participant_id,
            notice=notice.act,
            revocation=notice.revocation,
            revoked_on=notice.revocation.date,
        )
        for (treaty_id, participant_id), pair_acts in by_pair.items()
        for notice in daterules.withdrawal_notices(pair_acts, effect_on=EFFECT_DATE)
        if notice.revocation is not None
    )
    RevokedWithdrawal.objects.bulk_create(revoked, batch_size=BATCH_SIZE)


# The span fields a treaty's counts rest on, read back as light rows.
_CountedSpan = namedtuple(
    "_CountedSpan", ["treaty_id", "standing", "start", "end", "signed_on", "in_force_unknown", "withdrawal_notified"]
)


def _replace_counts(treaty_ids):
    """Recompute the count steps of these treaties from their stored spans."""
    TreatyCount.objects.filter(treaty__in=treaty_ids).delete()
    by_treaty = defaultdict(list)
    rows = StandingSpan.objects.filter(treaty__in=treaty_ids).values_list(*_CountedSpan._fields).order_by()
    for row in rows.iterator(chunk_size=5000):
        span = _CountedSpan(*row)
        by_treaty[span.treaty_id].append(span)
    steps = (
        TreatyCount(
            treaty_id=treaty_id,
            start=step.start,
            end=step.end,
            signatories=step.counts.signatories,
            contracting_states=step.counts.contracting_states,
            parties=step.counts.parties,
            parties_unknown=step.counts.parties_unknown,
            pending_withdrawals=step.pending,
            listed=step.listed,
        )
        for treaty_id, spans in by_treaty.items()
        for step in daterules.count_steps(spans)
    )
    TreatyCount.objects.bulk_create(steps, batch_size=BATCH_SIZE)


def spans_of(treaty, participant_id, rows):
    """Return the spans one participant's acts (rows of `_ACT_FIELDS`) give in `treaty`."""
    dated = [row for row in rows if row[3] is not None]  # an act with no date cannot place it in time
    acts = [
        daterules.Act(kind=kind, date=day, effective=recorded_effect(override, effective))
        for _, _, kind, day, effective, override, _, _, _ in dated
    ]
    withdrawals = sorted((row for row in dated if row[2] == ActKind.WITHDRAWAL), key=lambda row: row[3])
    condition = daterules.ConditionState(withdrawals[-1][6]) if withdrawals else daterules.ConditionState.NOT_ASSESSED
    horizon = pair_horizon(treaty, rows)
    act_days = {row[3] for row in dated}
    previous = None
    for span in daterules.standing_spans(acts, condition=condition, **treaty.rules()):
        rests_on = [row[7] for row in dated if row[3] <= span.start]
        computed = span.start not in act_days
        if computed and treaty.entry_into_force_strength:
            rests_on.append(treaty.entry_into_force_strength)
        yield StandingSpan(
            treaty_id=treaty.pk,
            participant_id=participant_id,
            standing=span.standing,
            start=span.start,
            end=span.end,
            since=span.since,
            in_force_from=span.in_force_from,
            in_force_unknown=span.in_force_unknown,
            signed_on=span.signed_on,
            withdrawal_notified=span.withdrawal_notified,
            withdrawal_due=span.withdrawal_due,
            withdrawal_conditional=span.withdrawal_conditional,
            revoked_withdrawal_on=span.revoked_withdrawal_on,
            strength=weakest(rests_on),
            start_computed=computed,
            horizon=horizon,
            withdrawal_took_effect=_withdrawal_takes_effect(span, previous, withdrawals),
        )
        previous = span


def _withdrawal_takes_effect(span, previous, withdrawals):
    """Say whether a withdrawal takes effect on the span's first day.

    There a withdrawn stretch begins (the span before, if any, is not a
    withdrawn one that it merely continues), resting on a notice received by then.
    """
    withdrawn = daterules.Standing.WITHDRAWN
    if span.standing != withdrawn:
        return False
    continued = previous is not None and previous.standing == withdrawn and previous.end == span.start
    return not continued and any(row[3] <= span.start for row in withdrawals)


def weakest(strengths):
    """Return the least sure of these strength codes (primary when there are none)."""
    known = [code for code in strengths if code in _STRENGTH_ORDER]
    return max(known, key=_STRENGTH_ORDER.index, default=Strength.PRIMARY)


def pair_horizon(treaty, rows):
    """Return the day one participant's record in `treaty` is complete to; None: no limit recorded.

    The treaty's table reaches its horizon; a participant's own acts, and the day
    its sources were last checked, can carry its record further (Hungary's 2026
    revocation on a treaty whose table stops in 2015).
    """
    if treaty.horizon is None and treaty.coverage == Coverage.COMPLETE:
        return None
    reaches = [treaty.horizon] + [row[3] for row in rows] + [row[8] for row in rows]
    return max((day for day in reaches if day is not None), default=None)


# --- Keeping the spans in step with every save ------------------------------------------


@receiver(pre_save, sender=ParticipationAct)
def _remember_previous_pair(sender, instance, raw=False, **kwargs):
    """Note which participant and treaty an edited act belonged to before, to refresh both."""
    instance._previous_pair = None
    if instance.pk is not None:
        instance._previous_pair = (
            ParticipationAct.objects.filter(pk=instance.pk).values_list("treaty_id", "participant_id").first()
        )


@receiver(post_save, sender=ParticipationAct)
def _act_saved(sender, instance, **kwargs):
    pairs = {(instance.treaty_id, instance.participant_id), getattr(instance, "_previous_pair", None)}
    for pair in pairs - {None}:
        refresh_pair(*pair)


@receiver(post_delete, sender=ParticipationAct)
def _act_deleted(sender, instance, **kwargs):
    refresh_pair(instance.treaty_id, instance.participant_id)


@receiver(post_save, sender=Treaty)
def _treaty_saved(sender, instance, created=False, **kwargs):
    # A new treaty has no acts yet; any other save may have changed its clauses or horizon.
    if not created:
        mark_touched([instance.pk])
