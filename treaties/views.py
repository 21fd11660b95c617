from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from config.exports import export, requested_format
from config.forms import as_of_date
from config.pagination import paginate
from treaties.filters import ParticipantFilter
from treaties.models import Participant, ParticipantName, ParticipationAct, Treaty
from treaties.participation import (
    curve_points,
    participation_table,
    standings_by_treaty,
    treaty_summaries,
    withdrawals_on,
)

PARTICIPANTS_PER_PAGE = 100


def _acts_with_notifications():
    # The notifications that reported each act, by reverse relation: treaties
    # never imports the notifications app.
    return ParticipationAct.objects.select_related("participant").prefetch_related("notifications")


def treaty_list(request):
    """List every treaty with its counts as at a date."""
    form, day = as_of_date(request)
    entries = treaty_summaries(Treaty.objects.all(), day)
    if requested_format(request):
        rows = (_treaty_row(entry, day) for entry in entries)
        return export(request, f"treaties-{day}", TREATY_COLUMNS, rows)
    context = {"form": form, "day": day, "entries": entries}
    return render(request, "treaties/treaty_list.html", context, status=400 if form.errors else 200)


TREATY_COLUMNS = [
    "mtdsg",
    "title",
    "short_title",
    "as_of",
    "signatories",
    "contracting_states",
    "parties",
    "un_count",
    "pending_withdrawals",
    "status_as_at",
    "url",
]


def _treaty_row(entry, day):
    treaty, counts = entry["treaty"], entry["counts"]
    return {
        "mtdsg": treaty.key,
        "title": treaty.title,
        "short_title": treaty.short_title,
        "as_of": day,
        "signatories": counts.signatories,
        "contracting_states": counts.contracting_states,
        "parties": counts.parties,
        "un_count": counts.un_count,
        "pending_withdrawals": entry["pending"],
        "status_as_at": treaty.status_as_at,
        "url": treaty.get_absolute_url(),
    }


def treaty_detail(request, slug):
    """Show a treaty's facts, its participation table as at a date, its curve and pending withdrawals."""
    form, day = as_of_date(request)
    treaty = get_object_or_404(Treaty, slug=slug)
    acts = list(_acts_with_notifications().filter(treaty=treaty))
    for act in acts:
        act.treaty = treaty  # every act is on this treaty: no query to fetch it again
    rows = participation_table(treaty, acts, day)
    if requested_format(request):
        return export(request, f"{treaty.slug}-{day}", PARTICIPATION_COLUMNS, (_participation_row(row) for row in rows))
    dated = [act for act in acts if act.date]
    curve = treaty.participation_curve(dated)
    context = {
        "form": form,
        "day": day,
        "treaty": treaty,
        "rows": rows,
        "counts": treaty.counts_on(dated, day),
        "pending": [row for row in rows if row.status.has_pending_withdrawal],
        "curve": curve,
        "chart": curve_points(curve),
    }
    return render(request, "treaties/treaty_detail.html", context, status=400 if form.errors else 200)


PARTICIPATION_COLUMNS = [
    "participant",
    "iso3",
    "status",
    "signature",
    "consent",
    "consent_kind",
    "in_force_from",
    "withdrawal_received",
    "withdrawal_effective",
    "withdrawal_article",
    "notifications",
]


def _participation_row(row):
    withdrawal_effect = row.withdrawal_effect
    return {
        "participant": row.participant.name,
        "iso3": row.participant.iso3,
        "status": row.status.standing.label,
        "signature": row.signature.date if row.signature else None,
        "consent": row.consent.date if row.consent else None,
        "consent_kind": row.consent.get_kind_display() if row.consent else "",
        "in_force_from": row.status.in_force_from,
        "withdrawal_received": row.withdrawal.date if row.withdrawal else None,
        "withdrawal_effective": row.withdrawal.effect_date if row.withdrawal else None,
        "withdrawal_article": withdrawal_effect.article if withdrawal_effect else "",
        "notifications": [n.reference for act in row.acts for n in act.notifications.all()],
    }


def participant_list(request):
    """List participants, filtered by any of their names."""
    participants = Participant.objects.prefetch_related(
        Prefetch("other_names", queryset=ParticipantName.objects.order_by("name"))
    )
    filterset = ParticipantFilter(request.GET or None, queryset=participants)
    if filterset.is_bound and not filterset.is_valid():
        context = {"filter": filterset, "page": None}
        return render(request, "treaties/participant_list.html", context, status=400)
    if requested_format(request):
        rows = (
            {
                "name": p.name,
                "iso3": p.iso3,
                "other_names": [n.name for n in p.other_names.all()],
                "url": p.get_absolute_url(),
            }
            for p in filterset.qs
        )
        return export(request, "participants", ["name", "iso3", "other_names", "url"], rows)
    page = paginate(request, filterset.qs, PARTICIPANTS_PER_PAGE)
    return render(request, "treaties/participant_list.html", {"filter": filterset, "page": page})


def participant_detail(request, slug):
    """Show a participant's status in every treaty it acted on, and one timeline of its acts."""
    form, day = as_of_date(request)
    participant = get_object_or_404(Participant.objects.prefetch_related("other_names"), slug=slug)
    acts = list(
        ParticipationAct.objects.filter(participant=participant)
        .select_related("treaty")
        .prefetch_related("notifications")
    )
    for act in acts:
        act.participant = participant
    standings = standings_by_treaty(acts, day)
    timeline = sorted((act for act in acts if act.date and act.date <= day), key=lambda act: (act.date, act.pk))
    if requested_format(request):
        rows = (_timeline_row(act) for act in timeline)
        return export(request, f"{participant.slug}-{day}", TIMELINE_COLUMNS, rows)
    context = {"form": form, "day": day, "participant": participant, "standings": standings, "timeline": timeline}
    return render(request, "treaties/participant_detail.html", context, status=400 if form.errors else 200)


TIMELINE_COLUMNS = ["date", "date_precision", "treaty", "kind", "effective", "strength", "reference", "notifications"]


def _timeline_row(act):
    return {
        "date": act.date,
        "date_precision": act.date_precision,
        "treaty": act.treaty.key,
        "kind": act.get_kind_display(),
        "effective": act.effect_date,
        "strength": act.strength,
        "reference": act.reference,
        "notifications": [n.reference for n in act.notifications.all()],
    }


def pending_withdrawals(request):
    """List every withdrawal pending on a date, and those that have taken effect by then."""
    form, day = as_of_date(request)
    pending, effective = withdrawals_on(day)
    if requested_format(request):
        rows = [_withdrawal_row(entry, "pending") for entry in pending] + [
            _withdrawal_row(entry, "took effect") for entry in effective
        ]
        return export(request, f"withdrawals-{day}", WITHDRAWAL_COLUMNS, rows)
    context = {"form": form, "day": day, "pending": pending, "effective": effective}
    return render(request, "treaties/pending_withdrawals.html", context, status=400 if form.errors else 200)


WITHDRAWAL_COLUMNS = [
    "state",
    "participant",
    "treaty",
    "received",
    "due",
    "days_left",
    "condition",
    "article",
    "strength",
]


def _withdrawal_row(entry, state):
    act, status = entry["act"], entry["status"]
    return {
        "state": state,
        "participant": act.participant.name,
        "treaty": act.treaty.key,
        "received": act.date,
        "due": status.withdrawal_due if state == "pending" else act.effect_date,
        "days_left": entry.get("days_left"),
        "condition": act.get_condition_state_display() if act.treaty.withdrawal_condition else "",
        "article": entry["effect"].article if entry["effect"] else "",
        "strength": act.effective_strength or act.strength,
    }
