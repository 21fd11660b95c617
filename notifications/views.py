from collections import namedtuple
from datetime import UTC, date, datetime, time

from django.db.models import CharField, IntegerField, OuterRef, Prefetch, StringAgg, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Upper
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from config.exports import (
    FETCH_SIZE,
    DataFeed,
    bad_request,
    data_twins,
    export,
    not_found,
    refuse_invalid_export,
    requested_format,
)
from config.pagination import paginate
from notifications.filters import NotificationFilter, ReasonFilter, ReservationFilter
from notifications.models import (
    LISTED_REASON_FIELDS,
    NEWEST_REASONS_FIRST,
    DepositaryNotification,
    NotificationReference,
    QuotedPassage,
    Theme,
    listed_notifications,
    notification_addresses,
    notification_url,
    reference_key_expression,
)
from notifications.parser import cite
from notifications.references import reference_key
from notifications.reservations import (
    UN_TABLE_SOURCE,
    PassageKind,
    Reservation,
    act_dating,
    by_treaty,
    notification_dating,
)
from notifications.search import DOCUMENT_FIELDS, RANKED_UP_TO, count_matches_up_to
from notifications.text import segments
from treaties.daterules import spell_date
from treaties.models import NAME_FIELDS, RULE_FIELDS, ActKind, ParticipationAct, Treaty
from treaties.mtdsg import canonical_reference, treaty_key, un_copies
from treaties.withdrawal_lists import Bounded, recent_pending

NOTIFICATIONS_PER_PAGE = 50
# A list counts its rows up to here and pages the first this many (40 pages):
# counting all of 1,000,000 costs more than the page; past it, the page says
# "more than", and the CSV and JSON hold every row. Counting 10,000 rows that
# quote reasons took 28 ms at 1,000,000 notifications, the rest of the page 12.
LIST_COUNTED_UP_TO = 2_000
REASONS_PER_PAGE = 50
RESERVATIONS_PER_PAGE = 50
FEED_SIZE = 50


def _notifications():
    return DepositaryNotification.objects.select_related("treaty", "participant")


LATEST_NOTIFICATIONS = 10
# The pending withdrawals the home page lists; the page on pending withdrawals lists fifty, its exports every one.
# Drawn in the template, fifty took a third of the home page at 1,000,000 notifications.
HOME_WITHDRAWALS = 10
# The treaties the home page lists: it once listed every one (4,000 links at 1,000,000 notifications).
HOME_TREATIES = 40


def home(request):
    """Show what changed lately, the withdrawals pending today, a search box and the first treaties covered."""
    today = date.today()
    context = {
        "today": today,
        # Only what the list shows: a notification's text and search document are its largest columns.
        "latest": DepositaryNotification.objects.only("reference", "heading", "date_issued")[:LATEST_NOTIFICATIONS],
        # The most recently notified, as the pending-withdrawals page shows them; it links there for the rest.
        "pending": recent_pending(today, HOME_WITHDRAWALS),
        "treaties": first_treaties(),
    }
    return render(request, "home.html", context)


def first_treaties(limit=HOME_TREATIES):
    """Return the first `limit` treaties in the depositary's order, and how many there are in all (one query)."""
    treaties = Treaty.objects.only("slug", "chapter", "number", "title", "short_title", "sort_key")
    # Counted apart, once: a window count walked every treaty in order before the limit
    # (6.5 ms for 4,000), where the count alone reads only the index.
    total = RawSQL(f"SELECT count(*) FROM {Treaty._meta.db_table}", (), output_field=IntegerField())
    shown = list(treaties.annotate(total=total)[:limit])
    return Bounded(shown, shown[0].total if shown else 0)


@data_twins()
def notification_list(request):
    """List notifications with filters, sorting and pagination; the same filters feed exports and the feed."""
    filterset = NotificationFilter(request.GET or None, queryset=listed_notifications())
    refuse_invalid_export(request, filterset.form)
    if filterset.is_bound and not filterset.is_valid():
        return render(request, "notifications/notification_list.html", {"filter": filterset, "page": None}, status=400)
    notifications = filterset.qs
    if requested_format(request):
        address = notification_addresses()
        rows = (notification_row(values, address) for values in _export_values(notifications, NOTIFICATION_VALUES))
        return export(request, "notifications", NOTIFICATION_COLUMNS, rows)
    newest_first = DepositaryNotification._meta.ordering
    page = _capped_page(request, filterset, notifications, NOTIFICATIONS_PER_PAGE, newest_first)
    context = {
        "filter": filterset,
        "page": page,
        "newest_first": _newest_first_past_cap(filterset, page),
        "feed_url": reverse("notifications:feed") + _query_without(request, {"page", "format", "sort"}),
    }
    return render(request, "notifications/notification_list.html", context)


NOTIFICATION_COLUMNS = [
    "reference",
    "heading",
    "treaty",
    "participant",
    "kind",
    "date_effected",
    "date_issued",
    "original_language",
    "url",
]


# What an export reads of each notification, in notification_row's order: no model
# instance is built (the text and the search document stay unread).
NOTIFICATION_VALUES = [
    "reference",
    "heading",
    "treaty__chapter",
    "treaty__number",
    "participant__name",
    "kind",
    "date_effected",
    "date_issued",
    "original_language",
]
KIND_LABELS = {value: str(label) for value, label in ActKind.choices}


def notification_row(values, address=notification_url):
    """Return a notification's export row from its NOTIFICATION_VALUES; `address` turns a reference into its page's."""
    reference, heading, chapter, number, participant, kind, effected, issued, language = values
    return {
        "reference": reference,
        "heading": heading,
        "treaty": treaty_key(chapter, number),
        "participant": participant or "",
        # As get_kind_display(): a value with no label shows as it is.
        "kind": KIND_LABELS.get(kind, kind),
        "date_effected": effected,
        "date_issued": issued,
        "original_language": language,
        "url": address(reference),
    }


def _export_values(queryset, names):
    """Return the rows of `queryset` as tuples of `names`, fetched FETCH_SIZE at a time (a server-side cursor)."""
    return queryset.values_list(*names).iterator(chunk_size=FETCH_SIZE)


def _values_of(record, names):
    """Return what `_export_values` reads of one record already in memory: `names` followed through relations."""
    values = []
    for name in names:
        value = record
        for step in name.split("__"):
            value = None if value is None else getattr(value, step)
        values.append(value)
    return values


def _capped_page(request, filterset, queryset, per_page, newest_first):
    """Return the page, counting at most a search's or a list's cap; a broad search past its cap comes newest first."""
    if not _searched(filterset):
        return paginate(request, queryset, per_page, cap=LIST_COUNTED_UP_TO)
    text = filterset.form.cleaned_data["q"]

    def counter(matches, limit):
        return count_matches_up_to(matches, text, limit)

    if _sorted(filterset):
        return paginate(request, queryset, per_page, cap=RANKED_UP_TO, counter=counter)
    return paginate(
        request,
        queryset,
        per_page,
        cap=RANKED_UP_TO,
        counter=counter,
        past_cap=lambda matches: matches.order_by(*newest_first),
    )


def _searched(filterset):
    return bool(filterset.is_bound and (filterset.form.cleaned_data.get("q") or "").strip())


def _sorted(filterset):
    return bool(filterset.is_bound and filterset.form.cleaned_data.get("sort"))


def _newest_first_past_cap(filterset, page):
    """Return whether the page lists a broad search's matches newest first instead of ranking them."""
    return _searched(filterset) and page.paginator.capped and not _sorted(filterset)


def _query_without(request, names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return f"?{query.urlencode()}" if query else ""


@data_twins()
def notification_detail(request, reference):
    """Show a notification: full text with its quoted passages marked, dates of effect, citations."""
    notification = _stored_notification(reference)
    if notification is None:
        return _not_stored(request, reference)
    if notification.reference != reference:
        return _redirect_keeping_query(request, notification.get_absolute_url(), permanent=True)
    passages = list(notification.passages.prefetch_related("themes"))
    acts = list(notification.acts.select_related("treaty", "participant").only(*NOTIFIED_ACT_FIELDS))
    if requested_format(request):
        row = notification_row(_values_of(notification, NOTIFICATION_VALUES)) | {
            "text": notification.text,
            "passages": [passage.text for passage in passages],
        }
        return export(request, notification.reference, [*NOTIFICATION_COLUMNS, "text", "passages"], [row])
    context = {
        "notification": notification,
        "passages": passages,
        "segments": segments(notification.text, [(passage.order, passage.text) for passage in passages]),
        "effects": [(act, act.computed_effect()) for act in acts],
        "cites": {c.normalised: c for c in notification.outgoing_references.select_related("target").only(*_CITES)},
        **_cited_by(notification),
        "permalink": request.build_absolute_uri(notification.get_absolute_url()),
        "un_copies": un_copies(notification.reference),
    }
    return render(request, "notifications/notification_detail.html", context)


CITED_BY_SHOWN = 50
# A citation's other end is a link: its reference is all that is read.
_CITES = ("reference", "normalised", "context", "target__reference")
# What the notification page reads of the treaty and participant of a notification or an act:
# their names, and the treaty's rules that give the acts' dates of effect.
_NAMED = (
    *[f"treaty__{name}" for name in (*NAME_FIELDS, *RULE_FIELDS)],
    "participant__name",
    "participant__slug",
)
# The acts' own columns but their notes and sources.
NOTIFIED_ACT_FIELDS = (
    *[field.name for field in ParticipationAct._meta.concrete_fields if field.name not in ("note", "sources")],
    *_NAMED,
)


def _cited_by(notification):
    """Return the first CITED_BY_SHOWN notifications citing this one (as stored), and whether more do, in one query."""
    citing = notification.incoming_references.select_related("source").only("source__reference")
    citations = list(citing[: CITED_BY_SHOWN + 1])
    return {"cited_by": citations[:CITED_BY_SHOWN], "cited_by_more": len(citations) > CITED_BY_SHOWN}


def _reference_keys(reference):
    """Return the forms a reference in any spelling is compared in: as typed, and as the depositary writes it."""
    canonical = canonical_reference(reference)
    return {reference_key(reference), *([reference_key(canonical)] if canonical else [])}


# The notification's own columns but its search document.
NOTIFICATION_PAGE_FIELDS = (
    *[field.name for field in DepositaryNotification._meta.concrete_fields if field.name not in DOCUMENT_FIELDS],
    *_NAMED,
)


def _stored_notification(reference):
    """Return the stored notification a reference names in any case or spelling, the one written so first; or None."""
    # The unique index on the reference's key (migration 0005) serves this look-up.
    matches = list(
        _notifications()
        .only(*NOTIFICATION_PAGE_FIELDS)
        .order_by()
        .annotate(reference_key=reference_key_expression())
        .filter(reference_key__in=_reference_keys(reference))
    )
    return next((n for n in matches if n.reference == reference), matches[0] if matches else None)


def _redirect_keeping_query(request, url, *, permanent):
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url, permanent=permanent)


def _not_stored(request, reference):
    """Show what the notifications that cite a reference the site does not hold say of it; 404 when none does."""
    citations = list(
        NotificationReference.objects.annotate(key=Upper("normalised"))
        .filter(key__in=_reference_keys(reference))
        .select_related("source__treaty", "source__participant")
        .order_by("source__date_issued", "source__reference")
    )
    if not citations:
        raise Http404(f"No notification with the reference {reference[:100]} is stored or cited here.")
    # Cited only: the address is the reference as the first citation writes it.
    # A redirect, not a permanent one: once the notification is stored, its own spelling rules.
    written = citations[0].normalised
    if reference != written:
        return _redirect_keeping_query(request, reverse("notifications:detail", args=[written]), permanent=False)
    entries = [_what_a_citation_says(citation) for citation in citations]
    if requested_format(request):
        return not_found(
            request,
            f"This site does not hold {written}; other notifications cite it.",
            {
                "reference": written,
                "cited_by": [_cited_by_row(request, entry) for entry in entries],
                "un_copies": {copy.language: copy.url for copy in un_copies(written)},
            },
        )
    context = {"reference": written, "citations": entries, "un_copies": un_copies(written)}
    return render(request, "notifications/not_stored.html", context, status=404)


def _what_a_citation_says(citation):
    """Return a citation with the date and act its notification states for the notification it cites."""
    stated = cite(citation.reference, citation.context)
    return {
        "citation": citation,
        "source": citation.source,
        "stated_date": stated.date,
        "stated_kind": ActKind(stated.kind).label if stated.kind else "",
        "stated_participant": stated.participant,
    }


def _cited_by_row(request, entry):
    """Return what one citing notification says of the notification it cites, as data."""
    source = entry["source"]
    return {
        "notification": source.reference,
        "url": request.build_absolute_uri(source.get_absolute_url()),
        "date_issued": source.date_issued,
        "cites_it_as": f"{entry['citation'].reference} {entry['citation'].context}".strip(),
        "stated_date": entry["stated_date"],
        "stated_kind": entry["stated_kind"],
        "stated_participant": entry["stated_participant"],
    }


@data_twins()
def reason_list(request):
    """List the reasons states gave, quoted from their instruments, with filters."""
    passages = (
        QuotedPassage.objects.filter(notification__isnull=False)
        .select_related("notification__participant")
        # A plain list (`listed_themes`): read through `passage.themes`, Django built a manager for each passage.
        .prefetch_related(Prefetch("themes", to_attr="listed_themes"))
        .order_by(*NEWEST_REASONS_FIRST)
        # The page shows the passages and whose they are, not the notifications' full texts,
        # any search document, or the treaties.
        .only(*LISTED_REASON_FIELDS)
    )
    filterset = ReasonFilter(request.GET or None, queryset=passages)
    refuse_invalid_export(request, filterset.form)
    if filterset.is_bound and not filterset.is_valid():
        return render(request, "notifications/reason_list.html", {"filter": filterset, "page": None}, status=400)
    if requested_format(request):
        return export(request, "reasons", REASON_COLUMNS, _reason_rows(filterset.qs))
    page = _capped_page(request, filterset, filterset.qs, REASONS_PER_PAGE, NEWEST_REASONS_FIRST)
    context = {"filter": filterset, "page": page, "newest_first": _newest_first_past_cap(filterset, page)}
    return render(request, "notifications/reason_list.html", context)


def passage_theme_ids():
    """Return each passage's theme ids as one text, "3,1", in no order (SQLite cannot order inside an aggregate)."""
    links = QuotedPassage.themes.through.objects.filter(quotedpassage=OuterRef("pk")).order_by()
    ids = StringAgg(Cast("theme_id", CharField()), delimiter=Value(","))
    return Subquery(links.values("quotedpassage").annotate(ids=ids).values("ids"))


REASON_COLUMNS = ["notification", "participant", "treaty", "date_issued", "order", "themes", "text", "url"]


REASON_VALUES = [
    "notification__reference",
    "notification__participant__name",
    "notification__treaty__chapter",
    "notification__treaty__number",
    "notification__date_issued",
    "order",
    "theme_ids",
    "text",
]


def _reason_rows(passages):
    """Yield the export row of each passage: its themes read as ids in the same query, named from one read of them."""
    # Themes in the order of their names, as passage.themes.all() lists them; there are a handful.
    themes = list(Theme.objects.order_by("name").values_list("pk", "name"))
    rank = {pk: position for position, (pk, _) in enumerate(themes)}
    theme_names = dict(themes)
    address = notification_addresses()
    for values in _export_values(passages.annotate(theme_ids=passage_theme_ids()), REASON_VALUES):
        reference, participant, chapter, number, issued, order, ids, text = values
        yield {
            "notification": reference,
            "participant": participant or "",
            "treaty": treaty_key(chapter, number),
            "date_issued": issued,
            "order": order,
            "themes": [theme_names[pk] for pk in sorted(map(int, ids.split(",")), key=rank.get)] if ids else [],
            "text": text,
            "url": address(reference),
        }


@data_twins()
def reservation_list(request):
    """List reservations, declarations and objections with dates and sources, by treaty, participant and kind."""
    # The page sorts every passage before it pages them: the sorted rows carry no notification's full text.
    passages = by_treaty().defer("notification__text")
    filterset = ReservationFilter(request.GET or None, queryset=passages)
    refuse_invalid_export(request, filterset.form)
    if filterset.is_bound and not filterset.is_valid():
        context = {"filter": filterset, "page": None}
        return render(request, "notifications/reservation_list.html", context, status=400)
    if requested_format(request):
        return export(request, "reservations", RESERVATION_COLUMNS, _reservation_rows(filterset.qs))
    page = paginate(request, filterset.qs, RESERVATIONS_PER_PAGE)
    context = {
        "filter": filterset,
        "page": page,
        "reservations": [Reservation.of(passage) for passage in page.object_list],
        "un_table_source": UN_TABLE_SOURCE,
    }
    return render(request, "notifications/reservation_list.html", context)


RESERVATION_COLUMNS = [
    "kind",
    "participant",
    "treaty",
    "date",
    "date_precision",
    "date_is",
    "source",
    "source_url",
    "text",
]


# What the export reads of a reservation passage, its notification and its act, in _reservation_rows's order.
RESERVATION_VALUES = [
    "kind",
    "text",
    "source_url",
    "notification_id",
    "notification__reference",
    "notification__date_effected",
    "notification__date_issued",
    "notification__treaty__chapter",
    "notification__treaty__number",
    "notification__participant__name",
    "act__kind",
    "act__date",
    "act__date_precision",
    "act__treaty__chapter",
    "act__treaty__number",
    "act__participant__name",
]


def _reservation_rows(passages):
    """Yield the export row of each passage from its RESERVATION_VALUES, dated and sourced as Reservation.of does."""
    address = notification_addresses()
    for values in _export_values(passages, RESERVATION_VALUES):
        kind, text, source_url, notification, reference, effected, issued = values[:7]
        notification_chapter, notification_number, notification_participant = values[7:10]
        act_kind, act_date, act_precision, act_chapter, act_number, act_participant = values[10:]
        if notification is not None:
            dating = notification_dating(reference, effected, issued)
            treaty = treaty_key(notification_chapter, notification_number)
            participant, url = notification_participant or act_participant, address(reference)
        else:
            dating = act_dating(kind, act_kind, act_date, act_precision)
            treaty, participant, url = treaty_key(act_chapter, act_number), act_participant, source_url
        yield {
            "kind": PassageKind(kind).label,
            "participant": participant or "",
            "treaty": treaty,
            "date": dating.date,
            "date_precision": dating.precision,
            "date_is": dating.meaning,
            "source": dating.source,
            "source_url": url,
            "text": text,
        }


class NotificationFeed(DataFeed):
    """An Atom feed of the latest notifications matching the list's filters."""

    title = "Depositary: latest depositary notifications"
    subtitle = "Treaty actions notified by the depositary, newest first."

    def get_object(self, request):
        return self.filterset

    def link(self):
        return reverse("notifications:list") + _query_without(self.request, {"page", "format"})

    def items(self, filterset):
        # A feed shows no snippet: its search's highlights would cost the most. Its entries are plain rows:
        # building 50 notifications and their treaties as models took about a sixth of the feed.
        newest = filterset.qs.annotate(snippet=Value("", output_field=TextField()))
        rows = newest.order_by(*DepositaryNotification._meta.ordering).values_list(*FEED_ENTRY_FIELDS)
        return [FeedEntry(*row) for row in rows[:FEED_SIZE]]

    def item_title(self, entry):
        return f"{entry.reference}: {entry.heading}"

    def item_description(self, entry):
        effected = f"Effected on {spell_date(entry.date_effected)}. " if entry.date_effected else ""
        return f"{effected}{entry.treaty_title}"

    def item_link(self, entry):
        return notification_url(entry.reference)

    def item_pubdate(self, entry):
        return None

    def item_updateddate(self, entry):
        day = entry.date_issued or entry.date_effected
        return datetime.combine(day, time(), tzinfo=UTC) if day else None


# What an entry of the notifications feed shows, read as a row.
FEED_ENTRY_FIELDS = ("reference", "heading", "date_effected", "date_issued", "treaty__title")
FeedEntry = namedtuple("FeedEntry", ["reference", "heading", "date_effected", "date_issued", "treaty_title"])


def notification_feed(request):
    """Serve the feed, refusing invalid filters with a plain message."""
    filterset = NotificationFilter(request.GET or None, queryset=listed_notifications())
    if filterset.is_bound and not filterset.is_valid():
        return bad_request(request, filterset.form)
    feed = NotificationFeed()
    feed.filterset = filterset
    return feed(request)
