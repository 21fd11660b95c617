from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from config.exports import FETCH_SIZE, bad_request, data_twins, export, refuse_invalid_export, requested_format
from config.forms import as_of_date
from config.pagination import paginate
from treaties import charts, daterules
from treaties.filters import ParticipantFilter
from treaties.forms import STATUS_CHOICES, table_choices
from treaties.models import Coverage, Participant, ParticipantName, ParticipationAct, Treaty
from treaties.name_search import participant_name_filter
from treaties.participation import (
    LISTED_FIELDS,
    NO_COUNTS,
    acts_with_reports,
    beside_the_table,
    count_steps,
    participant_spans,
    participant_standings,
    participation_rows,
    read_day,
    step_on,
    timeline_entries,
    treaties_with_counts,
    treaty_summaries,
    withdrawals_on,
)
from treaties.sections import PARTICIPANT_PAGE, TREATY_PAGE, sections_of
from treaties.table_sql import TABLE_ORDERS, TableSpans
from treaties.withdrawal_lists import SHOWN_WITHDRAWALS, recent_pending, recent_revoked, recent_took_effect

PARTICIPANTS_PER_PAGE = 100
TREATIES_PER_PAGE = 50
# A treaty's table is paged: the counts, the curve and the exports cover every participant.
# Rows are what a page costs beyond a fixed part (bench/RESULTS.md): 25 a page brings the
# page to about ten times a bare view; the table's search box finds a participant, and
# the CSV and JSON hold every row.
TABLE_ROWS_PER_PAGE = 25
# A participant's acts, a page at a time, in date order.
TIMELINE_ACTS_PER_PAGE = 100
# A participant's standings, a page of treaties at a time: at a million notifications a participant
# is in thousands of treaties. The standing timeline draws the treaties of the table's page.
STANDINGS_PER_PAGE = 50


@data_twins()
def treaty_list(request):
    """List every treaty with its counts as at a date, each read on its own horizon."""
    form, day = as_of_date(request)
    treaties = treaties_with_counts(day)
    if requested_format(request):
        # The export also says whether each treaty is in force and since when, which the page does not read.
        exported = treaties.only(*LISTED_FIELDS, "in_force", "entry_into_force")
        rows = (_treaty_row(entry, day) for entry in treaty_summaries(exported, day))
        return export(request, f"treaties-{day}", TREATY_COLUMNS, rows)
    page = paginate(request, treaties, TREATIES_PER_PAGE)
    context = {
        "form": form,
        "day": day,
        "page": page,
        "entries": treaty_summaries(page.object_list, day),
        # A date the reader chose follows the links to each treaty; today's does not.
        "link_as_of": day.isoformat() if request.GET.get("as_of") else "",
    }
    return render(request, "treaties/treaty_list.html", context, status=400 if form.errors else 200)


TREATY_COLUMNS = [
    "mtdsg",
    "title",
    "short_title",
    "as_of",
    "read_on",
    "horizon",
    "participation_recorded",
    "in_force",
    "entry_into_force",
    "signatories",
    "contracting_states",
    "parties",
    "parties_at_least",
    "parties_at_most",
    "un_count",
    "pending_withdrawals",
    "url",
]


def _treaty_row(entry, day):
    treaty, counts = entry["treaty"], entry["counts"]
    row = {
        "mtdsg": treaty.key,
        "title": treaty.title,
        "short_title": treaty.short_title,
        "as_of": day,
        "read_on": entry["read_on"],
        "horizon": treaty.horizon,
        "participation_recorded": treaty.coverage,
        "in_force": treaty.in_force,
        "entry_into_force": treaty.entry_into_force,
        "pending_withdrawals": entry["pending"],
        "url": treaty.get_absolute_url(),
    }
    # No table recorded: every count is unknown (null), never 0.
    row.update(_count_fields(counts))
    return row


def _count_fields(counts):
    """Return the counts as export fields: an unknown number of parties is null, with its bounds."""
    if counts is None:
        return dict.fromkeys(
            ["signatories", "contracting_states", "parties", "parties_at_least", "parties_at_most", "un_count"]
        )
    return {
        "signatories": counts.signatories,
        "contracting_states": counts.contracting_states,
        "parties": counts.parties if counts.parties_known else None,
        "parties_at_least": counts.parties,
        "parties_at_most": counts.parties_most,
        "un_count": counts.un_count,
    }


@data_twins()
def treaty_detail(request, slug):
    """Show a treaty's facts, its counts and withdrawals on a day, its participation table and its curve."""
    form, day = as_of_date(request)
    treaty = get_object_or_404(Treaty, slug=slug)
    table_day = read_day(day, treaty.horizon)
    recorded = treaty.coverage == Coverage.COMPLETE
    table, ask = table_choices(request)
    refuse_invalid_export(request, table)
    order = ask.get("sort") or "participant"
    # "Find a participant in this table": any of its names, as on the participants list.
    participant_name = ask.get("participant", "")
    named = participant_name_filter(Participant.objects.all(), participant_name) if participant_name else None
    # One span per participant with a dated act up to the day the table is read on.
    spans = (
        TableSpans(
            treaty,
            table_day,
            None if named is None else named.values("pk"),
            standing=ask.get("status") or None,
            order=order,
        )
        if recorded
        else []
    )
    if requested_format(request):
        rows = participation_rows(treaty, spans, table_day)
        return export(request, f"{treaty.slug}-{day}", PARTICIPATION_COLUMNS, (_participation_row(row) for row in rows))
    steps = count_steps(treaty) if recorded else []
    step = step_on(steps, table_day)
    # The stored step says how many rows the whole table has; a narrowed table is counted.
    narrowed = bool(ask.get("participant") or ask.get("status"))
    whole_table = step.listed if step else 0
    page = paginate(request, spans, TABLE_ROWS_PER_PAGE, count=None if narrowed else whole_table)
    page_spans = list(page.object_list)
    beside = beside_the_table(treaty, day)
    rows = {row.participant.pk: row for row in participation_rows(treaty, page_spans, table_day)}
    counts = step.as_counts if step else NO_COUNTS
    curve = daterules.party_curve((each.start, each.parties) for each in steps)
    context = {
        "form": form,
        "day": day,
        "table_day": table_day,
        "treaty": treaty,
        "table": table,
        "table_order": order,
        "table_narrowed": narrowed,
        "status_label": dict(STATUS_CHOICES).get(ask.get("status")) if ask.get("status") else "",
        "status_facets": _status_facets(request, ask.get("status", "")),
        "order_label": TABLE_ORDERS[order][1],
        "participant_name": participant_name,
        "recorded": recorded,
        "page": page,
        "rows": [rows[span.participant_id] for span in page_spans],
        "undated": [row for row in rows.values() if row.span is None],
        "counts": counts if recorded else None,
        "later": beside.later,
        "withdrawals": beside.withdrawals,
        "curve": curve,
        # Today, not the day asked about: the chart dashes what is still to come.
        "chart": charts.party_charts(curve, today=date.today(), horizon=treaty.horizon),
        "sections": sections_of(TREATY_PAGE, treaty),
    }
    return render(request, "treaties/treaty_detail.html", context, status=400 if form.errors or table.errors else 200)


def _status_facets(request, shown):
    """Return a link for each status the table can be narrowed to, the one shown marked current."""
    facets = []
    for value, label in STATUS_CHOICES:
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("status", None)
        if value:
            query["status"] = value
        facets.append({"label": label, "url": f"?{query.urlencode()}", "current": value == shown})
    return facets


PARTICIPATION_COLUMNS = [
    "participant",
    "iso3",
    "read_on",
    "status",
    "in_force_known",
    "signature",
    "consent",
    "consent_kind",
    "in_force_from",
    "withdrawal_received",
    "withdrawal_effective",
    "withdrawal_revoked",
    "withdrawal_article",
    "strength",
    "notifications",
]


def _participation_row(row):
    span, withdrawal_effect = row.span, row.withdrawal_effect
    return {
        "participant": row.participant.name,
        "iso3": row.participant.iso3,
        "read_on": span.read_on if span else None,
        "status": span.standing_label if span else "No dated act",
        # Unknown is not "no": null where no date of entry into force can be computed.
        "in_force_known": (not span.in_force_unknown) if span else None,
        "signature": row.signature.date if row.signature else None,
        "consent": row.consent.date if row.consent else None,
        "consent_kind": row.consent.get_kind_display() if row.consent else "",
        "in_force_from": span.in_force_from if span else None,
        "withdrawal_received": row.withdrawal.date if row.withdrawal else None,
        "withdrawal_effective": row.withdrawal_effective,
        "withdrawal_revoked": row.revocation.date if row.revocation else None,
        "withdrawal_article": withdrawal_effect.article if withdrawal_effect else "",
        "strength": span.strength if span else "",
        "notifications": [notification.reference for notification in row.notifications],
    }


@data_twins()
def participant_list(request):
    """List participants, filtered by any of their names."""
    # A plain list (`listed_names`): read through `participant.other_names`, Django built a manager for each row.
    participants = Participant.objects.prefetch_related(
        Prefetch("other_names", queryset=ParticipantName.objects.order_by("name"), to_attr="listed_names")
    )
    filterset = ParticipantFilter(request.GET or None, queryset=participants)
    if filterset.is_bound and not filterset.is_valid():
        if requested_format(request):
            return bad_request(request, filterset.form)
        context = {"filter": filterset, "page": None}
        return render(request, "treaties/participant_list.html", context, status=400)
    if requested_format(request):
        rows = (
            {
                "name": p.name,
                "iso3": p.iso3,
                "other_names": [n.name for n in p.listed_names],
                "url": p.get_absolute_url(),
            }
            for p in filterset.qs
        )
        return export(request, "participants", ["name", "iso3", "other_names", "url"], rows)
    page = paginate(request, filterset.qs, PARTICIPANTS_PER_PAGE)
    return render(request, "treaties/participant_list.html", {"filter": filterset, "page": page})


@data_twins()
def participant_detail(request, slug):
    """Show a participant's standing in every treaty it acted on, and one timeline of its acts."""
    form, day = as_of_date(request)
    participant = get_object_or_404(
        Participant.objects.select_related("codes").prefetch_related("other_names"), slug=slug
    )
    acts = (
        ParticipationAct.objects.filter(participant=participant, date__lte=day)
        .select_related("treaty")
        .order_by("date", "pk")
    )
    if requested_format(request):
        # Every act, read a chunk at a time beside the notifications that reported them.
        rows = (_timeline_row(act) for act in acts_with_reports(acts, FETCH_SIZE))
        return export(request, f"{participant.slug}-{day}", TIMELINE_COLUMNS, rows)
    acts = acts.with_reports()
    # A participant can have acted hundreds of times: the list is paged, its exports hold every act.
    page = paginate(request, acts, TIMELINE_ACTS_PER_PAGE)
    for act in page.object_list:
        act.participant = participant
    standings = paginate(request, participant_standings(participant, day), STANDINGS_PER_PAGE, param="treaties")
    # Every span of the page's treaties: the timeline draws each up to the day asked about.
    spans = participant_spans(participant, [span.treaty for span in standings.object_list])
    context = {
        "form": form,
        "day": day,
        "participant": participant,
        "standings": standings,
        "standings_per_page": STANDINGS_PER_PAGE,
        "page": page,
        "standing_chart": charts.standing_timelines(timeline_entries(spans), day=day),
        "standing_legend": charts.TIMELINE_LEGEND,
        "sections": sections_of(PARTICIPANT_PAGE, participant),
    }
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
        "notifications": act.reported_in,
    }


@data_twins()
def pending_withdrawals(request):
    """List the withdrawals pending on a date, those revoked and those that took effect by then."""
    form, day = as_of_date(request)
    if requested_format(request):
        # The twins hold every withdrawal; the page shows the most recent of each kind.
        pending, revoked, effective = withdrawals_on(day)
        rows = [
            *(_withdrawal_row(entry, "pending") for entry in pending),
            *(_withdrawal_row(entry, "revoked") for entry in revoked),
            *(_withdrawal_row(entry, "took effect") for entry in effective),
        ]
        return export(request, f"withdrawals-{day}", WITHDRAWAL_COLUMNS, rows)
    context = {
        "form": form,
        "day": day,
        "pending": recent_pending(day),
        "revoked": recent_revoked(day),
        "effective": recent_took_effect(day),
        "shown_at_most": SHOWN_WITHDRAWALS,
    }
    return render(request, "treaties/pending_withdrawals.html", context, status=400 if form.errors else 200)


WITHDRAWAL_COLUMNS = [
    "state",
    "participant",
    "treaty",
    "received",
    "due",
    "days_left",
    "revoked",
    "read_on",
    "condition",
    "article",
    "strength",
]


def _withdrawal_row(entry, state):
    act, span = entry.act, entry.span
    due = {"pending": span.withdrawal_due if span else None, "took effect": span.start if span else None}
    return {
        "state": state,
        "participant": act.participant.name,
        "treaty": act.treaty.key,
        "received": act.date,
        "due": due.get(state),
        "days_left": entry.days_left if state == "pending" else None,
        "revoked": entry.revocation.date if entry.revocation else None,
        "read_on": entry.read_on,
        "condition": act.get_condition_state_display() if act.treaty.withdrawal_condition else "",
        "article": entry.effect.article if entry.effect else "",
        "strength": act.effective_strength or act.strength,
    }
