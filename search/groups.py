"""Search every kind of record at once, each kind a group of its best matches.

    search_everything(text, full_text=True)  # [Group, ...], one query a group

Each group costs one query whatever the data size: its first GROUP_SIZE
matches, best first, each row carrying the number of all matches (a window
count), so that the page can say "see all 25" without counting again.

The notifications and the quoted passages are searched by their own querysets
(notifications/search.py); the participants by the participants list's name
filter (treaties/name_search.py), which reads the whole query as a name; only
the treaties' search is written here.
On PostgreSQL it is full-text search over the short title and other names
(weight A) and the title (B), with trigram word similarity for near spellings
of a short title or other name ("Otawa Convention"); on SQLite, every word
must appear in one of them, ignoring the case of ASCII letters. Either way a
word after a minus sign (-Rome) excludes every treaty whose names contain it,
and a typed treaty key (XXVI.5, XXVI-5) or a reference naming a treaty
(C.N.362.2025.TREATIES-XXVI.5) finds that treaty first.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Replace
from django.urls import reverse

from notifications.models import (
    LISTED_REASON_FIELDS,
    NEWEST_REASONS_FIRST,
    DepositaryNotification,
    QuotedPassage,
    listed_notifications,
)
from notifications.search import (
    RANKED_UP_TO,
    REFERENCE_BONUS,
    count_matches_up_to,
    excluded_words,
    read_reference_term,
    snippet,
    wanted_query,
    wanted_words,
    web_search_query,
)
from treaties.models import NAME_FIELDS, Participant, ParticipantName, Treaty
from treaties.name_search import participant_name_filter

GROUP_SIZE = 10
# A treaty's search document: its short title and other names (weight A), then its
# title (B), a column PostgreSQL computes on every write and the models do not
# declare (treaties/migrations/0017_treaty_search_document.py). Read from the
# treaties queried here, which are not aliased.
TREATY_DOCUMENT = RawSQL('"treaties_treaty"."search_document"', (), output_field=SearchVectorField())
# Its short title and other names, one per line, likewise computed by PostgreSQL,
# with a trigram index for near spellings (treaties/migrations/0018_treaty_search_indexes.py).
TREATY_NAMES = '"treaties_treaty"."search_names"'
# pg_trgm's own default for word similarity: "Otawa Convention" (0.84 against
# the Mine Ban Convention's names) and "Otawa" (0.63) pass; a word that merely
# shares a few letters with a name does not.
NEAR_TITLE_THRESHOLD = 0.6


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    # What the page says when nothing of this kind matches.
    nothing: str
    hits: list
    total: int
    # The group's own list page, filtered by the query, where there is one.
    # More than `total` match: the group counted no further, and shows the first
    # rows in its own order (the newest, for notifications and reasons), not ranked.
    capped: bool = False
    see_all: str = ""

    @property
    def cut(self):
        """Return whether more records match than are shown."""
        return self.total > len(self.hits)


def search_everything(text, *, full_text):
    """Return the groups of records matching `text`, each with its first matches, best first."""
    notifications, reasons = _filtered("notifications:list", q=text), _filtered("notifications:reasons", q=text)
    participants = _filtered("treaties:participant_list", name=text)
    reservations = _filtered("notifications:reservations", q=text)
    return [
        Group("treaties", "Treaties", "No treaty matches.", *_first(_treaties(text, full_text))),
        Group(
            "participants",
            "Participants",
            "No participant matches.",
            *_first(_participants(text)),
            see_all=participants,
        ),
        Group(
            "notifications",
            "Depositary notifications",
            "No notification matches.",
            *_first_ranked(_notifications(text), text, DepositaryNotification._meta.ordering),
            see_all=notifications,
        ),
        Group(
            "reasons",
            "Reasons states gave",
            "No quoted reason matches.",
            *_first_ranked(_reasons(text), text, NEWEST_REASONS_FIRST),
            see_all=reasons,
        ),
        Group(
            "reservations",
            "Reservations and declarations",
            "No reservation or declaration matches.",
            *_first_ranked(_reservations(text), text, ()),
            see_all=reservations,
        ),
    ]


def _first_ranked(queryset, text, newest_first):
    """Return the first GROUP_SIZE rows, the number of all rows and whether it is capped, in two queries.

    Ranking reads every match's whole document, and a common word matches a
    third of the notifications: past RANKED_UP_TO matches, the group counts no
    further and shows its first rows in `newest_first` order (its own if empty).
    """
    counted = count_matches_up_to(queryset, text, RANKED_UP_TO + 1)
    if counted <= RANKED_UP_TO:
        return list(queryset[:GROUP_SIZE]), counted, False
    return list(queryset.order_by(*newest_first or queryset.model._meta.ordering)[:GROUP_SIZE]), RANKED_UP_TO, True


def _first(queryset):
    """Return the first GROUP_SIZE rows and the number of all rows, in one query."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:GROUP_SIZE])
    return rows, rows[0].total if rows else 0


def _filtered(url_name, **query):
    return f"{reverse(url_name)}?{urlencode(query)}"


def _treaties(text, full_text):
    named = _treaty_named(text)
    fields = ["title", "short_title", "other_names"]
    if full_text:
        query = web_search_query(text)
        words = " ".join(wanted_words(text))
        nearness = RawSQL(f"word_similarity(%s, {TREATY_NAMES})", (words,), output_field=FloatField())
        # Aliases, not annotations: the rank reads them in SQL, and the rows need not carry the document.
        treaties = Treaty.objects.alias(document=TREATY_DOCUMENT, nearness=nearness).filter(
            Q(document=query) | (_nearly_spelled(words) & Q(nearness__gte=NEAR_TITLE_THRESHOLD)) | named
        )
        wanted = wanted_query(text)
        relevance = SearchRank(F("document"), wanted, normalization=32) if wanted else Value(0.0)
        rank = relevance + F("nearness") + _bonus(named)
    else:
        treaties = Treaty.objects.filter(_every_word_in(wanted_words(text), fields) | named)
        rank = _bonus(named)
    # A near spelling must not bring back what a minus sign excluded.
    for word in excluded_words(text):
        treaties = treaties.exclude(_anywhere(word, fields))
    # The group shows a treaty's names and key, and a snippet cut in SQL: not its articles' texts and notes.
    treaties = treaties.only(*NAME_FIELDS).annotate(
        rank=rank, snippet=snippet(_title_and_names(), text, full_text=full_text)
    )
    return treaties.order_by("-rank", "sort_key")


def _nearly_spelled(words):
    """Return the condition, found through the trigram index, that `words` nearly spell a treaty's names.

    `<%` is word_similarity at or above pg_trgm.word_similarity_threshold, 0.6
    unless a server says otherwise; the caller also tests NEAR_TITLE_THRESHOLD itself.
    """
    return Q(RawSQL(f"%s <%% {TREATY_NAMES}", (words,), output_field=BooleanField()))


def _title_and_names():
    """Return a treaty's title followed by its other names, as the snippet's source."""
    names = Replace("other_names", Value("\n"), Value("; "), output_field=TextField())
    return Case(
        When(other_names="", then=F("title")),
        default=Concat("title", Value(" (also known as "), names, Value(")"), output_field=TextField()),
        output_field=TextField(),
    )


def _treaty_named(text):
    """Return the condition that a treaty is one a typed key or reference in `text` names (never true if none)."""
    named = Q(pk__in=[])
    for word in text.split():
        reference = read_reference_term(word.strip("()[],;:'\""))
        if reference is not None and reference.chapter is not None:
            named |= Q(chapter=reference.chapter, number=reference.number)
    return named


def _bonus(condition):
    return Case(When(condition, then=Value(REFERENCE_BONUS)), default=Value(0.0), output_field=FloatField())


def _every_word_in(words, fields):
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        condition &= _anywhere(word, fields)
    return condition


def _anywhere(word, fields):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _participants(text):
    other_name = ParticipantName.objects.filter(participant=OuterRef("pk"), name__icontains=text.strip())
    participants = participant_name_filter(Participant.objects.all(), text).annotate(
        other_name=Subquery(other_name.order_by("name").values("name")[:1]),
        closeness=Case(
            When(name__iexact=text.strip(), then=Value(0)),
            When(name__istartswith=text.strip(), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    )
    return participants.order_by("closeness", "name")


def _notifications(text):
    # The snippet is cut from the full text in SQL: the row reads what a list shows, not the text itself.
    return listed_notifications().search(text)


def _reasons(text):
    passages = QuotedPassage.objects.filter(notification__isnull=False)
    return passages.select_related("notification__participant").only(*LISTED_REASON_FIELDS).search(text)


# What the group shows of each reservation: its source, and the act's kind, date, participant and treaty.
_RESERVATION_FIELDS = (
    "source_url",
    "act__kind",
    "act__date",
    "act__date_precision",
    "act__participant__name",
    "act__participant__slug",
    "act__treaty__title",
    "act__treaty__short_title",
    "act__treaty__slug",
)


def _reservations(text):
    passages = QuotedPassage.objects.filter(act__isnull=False)
    return passages.select_related("act__treaty", "act__participant").only(*_RESERVATION_FIELDS).search(text)
