"""The research data: participant codes, panels, dated releases and what changed since."""

import itertools
from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from config.exports import DataFeed, bad_request, data_twins, export, refuse_invalid_export, requested_format
from config.pagination import paginate
from research import releases, tables
from research.changes import (
    CHANGE_COLUMNS,
    act_changes,
    act_row,
    earliest_edit,
    notification_changes,
    notification_row,
)
from research.filters import CodesFilter
from research.forms import ChangesForm, PanelForm, SelectionForm
from treaties.models import Participant

CODES_PER_PAGE = 100
CODEBOOK = [
    ("Participant × year panel", "panel", tables.PANEL_COLUMNS),
    ("Participant × treaty dates", "dates", tables.DATES_COLUMNS),
    ("Participants and their codes", "participants", tables.PARTICIPANT_COLUMNS),
]


def data_home(request):
    """Describe the research tables, list the releases, and offer the panels for chosen treaties."""
    context = {"form": PanelForm(), "releases": releases.listing(), "codebook": CODEBOOK}
    return render(request, "research/data_home.html", context)


# The tables' twins need a choice of treaties or participant first: the page links them once made.
@data_twins(linked=False)
def panel(request):
    """Serve the participant × year panel of the chosen treaties or participant."""

    def rows(data, spans):
        years = {name: data[name] for name in ("first_year", "last_year", "month", "day")}
        return tables.panel_rows(spans, **years)

    return _table(request, PanelForm(request.GET or None), "panel", tables.PANEL_COLUMNS, rows)


@data_twins(linked=False)
def dates(request):
    """Serve the participant × treaty table of dates of the chosen treaties or participant."""

    def rows(data, spans):
        return tables.dates_rows(spans, tables.selected_acts(data["treaty"], data["participant"]))

    return _table(request, SelectionForm(request.GET or None), "dates", tables.DATES_COLUMNS, rows)


def _table(request, form, table, columns, rows):
    """Stream a table of the selection the form names, or show the form (with its errors, 400)."""
    if not form.is_bound or not form.is_valid() or not requested_format(request):
        return _table_page(request, form, table)
    data = form.cleaned_data
    spans = tables.selected_spans(data["treaty"], data["participant"])
    return export(request, f"{table}-{_selection_name(data)}", [c.name for c in columns], rows(data, spans))


def _table_page(request, form, table):
    """Show the form of a table with its errors (400 in the format asked for), or the links to download it."""
    invalid = form.is_bound and not form.is_valid()
    if requested_format(request) and (invalid or not form.is_bound):
        if not form.is_bound:
            form = type(form)({})
            form.is_valid()
        return bad_request(request, form)
    context = {"form": form, "table": table, "query": request.GET.urlencode() if form.is_bound and not invalid else ""}
    return render(request, "research/table.html", context, status=400 if invalid else 200)


def _selection_name(data):
    """Return a file name for the selection: the treaty's or participant's slug, or how many treaties."""
    treaties, participant = list(data["treaty"]), data["participant"]
    names = (
        [treaty.slug for treaty in treaties]
        if len(treaties) == 1
        else ([f"{len(treaties)}-treaties"] if treaties else [])
    )
    return "-".join(names + ([participant.slug] if participant else []))


@data_twins()
def participant_codes(request):
    """List participants with their codes, filtered by name, kind or code; with CSV and JSON twins."""
    filterset = CodesFilter(request.GET or None, queryset=Participant.objects.select_related("codes"))
    refuse_invalid_export(request, filterset.form)
    if filterset.is_bound and not filterset.is_valid():
        return render(request, "research/participant_codes.html", {"filter": filterset, "page": None}, status=400)
    if requested_format(request):
        columns = [column.name for column in tables.PARTICIPANT_COLUMNS]
        return export(request, "participant-codes", columns, tables.participant_rows(filterset.qs))
    page = paginate(request, filterset.qs.order_by("name"), CODES_PER_PAGE)
    return render(request, "research/participant_codes.html", {"filter": filterset, "page": page})


def release_file(request, version, name):
    """Serve one file of a release, as written."""
    path = releases.release_file(version, name)
    if path is None or not path.is_file():
        raise Http404(f"Release {version[:20]} has no file {name[:60]}.")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)


CHANGES_SHOWN = 200
FEED_SIZE = 50


@data_twins()
def changes(request):
    """List the acts and notifications added, changed or removed since a date or a release."""
    form = ChangesForm(request.GET or None)
    refuse_invalid_export(request, form)
    if form.is_bound and not form.is_valid():
        return render(request, "research/changes.html", {"form": form}, status=400)
    if not form.is_bound:
        if requested_format(request):
            form = ChangesForm({})
            form.is_valid()
            return bad_request(request, form)
        return render(request, "research/changes.html", {"form": form})
    day = form.cleaned_data["since"]
    acts, notifications = act_changes(day), notification_changes(day)
    if requested_format(request):
        rows = itertools.chain(
            (act_row(version) for version in acts.iterator(chunk_size=500)),
            (notification_row(version) for version in notifications.iterator(chunk_size=500)),
        )
        return export(request, f"changes-since-{day}", CHANGE_COLUMNS, rows)
    context = {
        "form": form,
        "day": day,
        "acts": [act_row(version) for version in acts[:CHANGES_SHOWN]],
        "act_count": acts.count(),
        "notifications": [notification_row(version) for version in notifications[:CHANGES_SHOWN]],
        "notification_count": notifications.count(),
        "shown": CHANGES_SHOWN,
        "history_since": earliest_edit(),
        "feed_url": reverse("research:changes_feed") + f"?since={day.isoformat()}",
    }
    return render(request, "research/changes.html", context)


class ChangesFeed(DataFeed):
    """An Atom feed of the latest changes to acts and notifications since a day."""

    title = "Depositary: changes to acts and notifications"
    subtitle = "Acts and notifications added, changed or removed, from the edit history."

    def get_object(self, request):
        return self.day

    def link(self, day):
        return reverse("research:changes") + f"?since={day.isoformat()}"

    def items(self, day):
        rows = [act_row(version) for version in act_changes(day)[:FEED_SIZE]]
        rows += [notification_row(version) for version in notification_changes(day)[:FEED_SIZE]]
        return sorted(rows, key=lambda row: row["at"], reverse=True)[:FEED_SIZE]

    def item_title(self, row):
        what = row["reference"] or f"{row['participant']}: {row['kind']} of {row['treaty']}"
        return f"{row['record'].capitalize()} {row['change']}: {what}"

    def item_description(self, row):
        return f"{row['kind']} of {row['treaty']}{', dated ' + row['date'].isoformat() if row['date'] else ''}."

    def item_link(self, row):
        return row["url"] or reverse("research:changes")

    def item_guid(self, row):
        # An Atom id is a URI that never changes: a tag URI (RFC 4151) naming the site, the day and the change.
        change = f"{row['record']}/{row['at'].isoformat()}/{row['treaty']}/{row['participant']}/{row['kind']}"
        return f"tag:{self.request.get_host()},{row['at'].date().isoformat()}:{quote(change, safe='/:')}"

    def item_guid_is_permalink(self, row):
        return False

    def item_updateddate(self, row):
        return row["at"]

    def item_pubdate(self, row):
        return None


def changes_feed(request):
    """Serve the feed of changes since a day, refusing a bad day with a plain message."""
    form = ChangesForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    feed = ChangesFeed()
    feed.day = form.cleaned_data["since"]
    return feed(request)
