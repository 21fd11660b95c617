"""Search depositary notifications and the passages they quote.

What the pages call:

    DepositaryNotification.objects.search(text)  # a NotificationQuerySet
    QuotedPassage.objects.search(text)           # a PassageQuerySet
    search_is_full_text(using="default")         # False on SQLite: say "simple search"
    refresh_search_vectors(queryset=None)        # after bulk work; returns a row count

and, for the participants list's name filter (in the treaties app, which
knows nothing of notifications):

    treaties.name_search.participant_name_filter(queryset, text)

`search()` filters the queryset, annotates each row with `rank` (a float,
higher is better) and `snippet` (a SafeString: the text escaped, the matches
in <mark>), orders by rank, then by the model's own ordering (replacing any
earlier ordering; order again after it to sort otherwise), and defers the
stored document, which no page shows. It chains with any other filter, so a
django-filter FilterSet can call it from a method filter:

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

The syntax is PostgreSQL's web-search syntax: every word must match;
"quoted words" must match together, in order; `or` between two terms accepts
either; a leading minus excludes (-Ukraine).

On PostgreSQL (full-text search):
- Each notification has a stored, weighted document in `search_vector`, with a
  GIN index: A, the reference, heading, treaty key and short title, and the
  participant's name and other names, also unaccented; B, the quoted
  passages; C, the treaty's title and the full text. Words are stemmed as
  English ("withdrawals" finds "withdrawal").
- A term that is a reference or part of one (`C.N.362.2025.TREATIES-XXVI.5`,
  `C.N.362.2025`, `362.2025`, `XXVI.5`, `XXVI-5`) also matches the
  notifications that reference names, and these come first; notifications
  citing it in their text match too, below them.
- A word that nearly names a participant (`Turkey`, `Turkiye`, `Phillipines`)
  also matches that participant's notifications, which rank above notifications
  that merely mention it (see treaties/name_search.py).
- `snippet` is the full text's fragments with the most matches, cut in
  Python from the lexemes PostgreSQL makes of the query (snippets.py).
- A passage's document is its own text only: the Reasons page searches the
  states' words, not the notifications around them.
- A phrase that PostgreSQL reads as two adjacent words ("armed conflict") is
  looked up by that pair: each notification stores the pairs of adjacent words
  of its document (`phrase_pairs`, a generated column with a GIN index of its
  own), which find exactly what the phrase operator finds (phrase_pairs.py).
  Reading the phrase takes one small query before the search, and one before
  its count.

On SQLite (simple search, and `search_is_full_text()` is False): every term
must appear, ignoring the case of ASCII letters, in the reference, heading,
full text, a passage or a participant's name or other name; phrases as
written; `or` and minus work; no stemming and no near spellings. The rank is
2 for a reference match, 1 for a participant-name or heading match, else 0.
`snippet` is the text around the first match, escaped, every term marked.

Either way: a query with no terms (empty, spaces, only quotes, minus signs,
`or` or punctuation) filters nothing: the queryset comes back whole, in its own
order, with rank 0 and an empty snippet. On PostgreSQL, stop words alone
("the") likewise filter nothing. Only the first MAX_QUERY_LENGTH characters
and MAX_TERMS terms are read; NUL and other control characters count as
spaces. No query string raises.

This module never imports notifications.models (which imports it for the
querysets below): it finds the notifications' models in the app registry, or
in a migration's historical one.

The documents stay current through signal receivers (in models.py) on every
save and delete of a notification, a passage, a treaty, a participant or one
of its other names. Bulk work (bulk_create, update, raw SQL) must call
refresh_search_vectors() afterwards, as load_reference_data does.
"""

import re
import string
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank, SearchVector, SearchVectorField
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.db.models.lookups import Exact
from django.utils.html import escape
from django.utils.safestring import mark_safe

from config.pagination import count_up_to, keys_up_to
from notifications import snippets
from notifications.phrase_pairs import pair_query
from treaties import mtdsg
from treaties.models import Participant, ParticipantName, Treaty
from treaties.name_search import EqualsAny, clean_text, nearly_named_ids

CONFIG = "english"
MAX_QUERY_LENGTH = 300
MAX_TERMS = 12
# The most matches a page ranks by relevance: ranking reads every match's whole
# document, and a common word matches a third of the notifications. Past it, the
# lists and the site search count no further and show the matches newest first.
# Even counting that far reads each document: 1,000 took a common word's search
# 28 ms at 1,000,000 notifications, half its page (bench/RESULTS.md).
RANKED_UP_TO = 500
# ts_rank is normalised to [0, 1) (normalization 32), so these bonuses put the
# notifications a typed reference names first, then those of a named participant.
REFERENCE_BONUS = 2.0
PARTICIPANT_BONUS = 1.0
# The rows, by key, a phrase search counts its matches in first (count_matches_up_to):
# 2% of the notifications at 1,000,000 of them.
PHRASE_FIRST_ROWS = 20_000
# Characters removed from a snippet's source text, so that they can mark the
# matches until the snippet is escaped, and then be swapped for <mark>.
MARK_START, MARK_STOP = "\x02", "\x03"
# The stored columns that only the search reads: a page reading a whole row leaves them out.
DOCUMENT_FIELDS = ("search_vector", "phrase_pairs")
# Between a full-text snippet's text and the query's lexemes (SnippetField).
LEXEMES_SEPARATOR = "\x1f"
SIMPLE_SNIPPET_LENGTH = 240

# A reference in text or in a query gets its parts as words of their own, on
# both sides (the document's SQL and the query's Python), so that `C.N.362.2025`
# and `362.2025` find `C.N.362.2025.TREATIES-XXVI.5`: PostgreSQL's parser reads
# that whole string as the words `c.n.362.2025.treaties` and `xxvi.5`.
_CITATION = r"C\.N\.(\d+)\.(\d{4})(?:\.(TREATIES)-)?"
_CITATION_WORDS = r"C.N.\1.\2 \1.\2 \3 "
_CITATION_RE = re.compile(_CITATION, re.IGNORECASE)

# A quoted phrase (its closing quote optional, as in websearch_to_tsquery), or a word.
_TOKEN = re.compile(r'(?P<minus>-*)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_EDGES = string.punctuation + "“”‘’«»…"


def search_is_full_text(using=DEFAULT_DB_ALIAS):
    """Return whether search on this database is full-text search, not the simple SQLite fallback."""
    return connections[using].vendor == "postgresql"


class NotificationQuerySet(models.QuerySet):
    def search(self, text):
        """Return the notifications matching `text` (web-search syntax), best first, with `rank` and `snippet`."""
        return search_notifications(self, text)


class PassageQuerySet(models.QuerySet):
    def search(self, text):
        """Return the passages matching `text` (web-search syntax), best first, with `rank` and `snippet`."""
        return search_passages(self, text)


# -- Reading a query -------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ReferenceTerm:
    cn_number: int | None
    cn_year: int | None
    chapter: str | None
    number: str | None


# The query is split into terms here, and only each term goes to PostgreSQL's
# websearch_to_tsquery (_tsquery): a term may also name a reference or nearly
# name a participant, conditions that no tsquery can hold, and the simple
# search on SQLite reads the same syntax.
def parse_query(text):
    """Return the query's terms in groups: every group must match, and any one term of a group will do."""
    groups, alternative = [], False
    terms = 0
    for token in _TOKEN.finditer(clean_text(text, MAX_QUERY_LENGTH)):
        if token["word"] is not None:
            negated = token["word"].startswith("-")
            term = Term(token["word"].lstrip("-").strip(_EDGES), negated=negated)
            if term.text.lower() == "or" and not negated:
                alternative = bool(groups)
                continue
        else:
            words = " ".join(token["phrase"].split()).strip(_EDGES)
            term = Term(words, phrase=" " in words, negated=bool(token["minus"]))
        if not any(char.isalnum() for char in term.text):
            continue
        if alternative:
            groups[-1] = (*groups[-1], term)
        else:
            groups.append((term,))
        alternative = False
        terms += 1
        if terms == MAX_TERMS:
            break
    return groups


def read_reference_term(text):
    """Return the parts of a reference a term names, or None if it is not one.

    A researcher types `C.N.362.2025[.TREATIES-XXVI.5]`, `362.2025`, `XXVI.5`,
    `XXVI-5`, `XXVII.7.d` or `TREATIES-XI-A-5`.
    """
    if reference := mtdsg.read_typed_reference(text):
        return ReferenceTerm(*reference)
    treaty = mtdsg.read_typed_key(text)
    return ReferenceTerm(None, None, *treaty) if treaty else None


def _citation_words(text):
    return _CITATION_RE.sub(_CITATION_WORDS, text)


# -- Searching -------------------------------------------------------------


def search_notifications(queryset, text, *, full_text=None):
    """Return the notifications in `queryset` matching `text`, best first, with `rank` and `snippet`."""
    groups = parse_query(text)
    if not groups:
        return _unsearched(queryset)
    if full_text is None:
        full_text = search_is_full_text(queryset.db)
    positive = [term for group in groups for term in group if not term.negated]
    references = [reference for term in positive if (reference := _reference_of(term))]
    by_reference = _any(_reference_condition(reference, full_text) for reference in references)

    if full_text:
        tsquery = _combined_tsquery(groups)
        near = _participants_named(groups, queryset.db)
        named = _named_by(near, positive)
        rank = _rank(tsquery) + _bonus(by_reference, REFERENCE_BONUS) + _bonus(named, PARTICIPANT_BONUS)
        snippet = _headline(Coalesce(NullIf(F("text"), Value("")), F("heading"), output_field=TextField()), positive)
        match = _notification_full_text_match(near, _phrase_pairs_of(groups, queryset.db))
    else:
        named = _any(Q(heading__icontains=term.text) | _participant_contains(term.text) for term in positive)
        whens = [When(by_reference, then=Value(REFERENCE_BONUS))] if by_reference else []
        whens += [When(named, then=Value(PARTICIPANT_BONUS))] if named else []
        rank = Case(*whens, default=Value(0.0), output_field=FloatField())
        snippet = _simple_snippet(Coalesce(NullIf(F("text"), Value("")), F("heading")), positive)
        match = _notification_simple_match
    return _ranked(queryset.filter(_condition(groups, match, full_text)), rank, snippet)


def filter_notifications(queryset, text, *, full_text=None):
    """Return the notifications in `queryset` matching `text`, in the queryset's order: no rank, no snippet.

    The admin's search: the same matches as search_notifications, without
    ranking every match to show one page of them.
    """
    def full_text_match(groups):
        near, pairs = _participants_named(groups, queryset.db), _phrase_pairs_of(groups, queryset.db)
        return _notification_full_text_match(near, pairs)

    return _filtered(queryset, text, full_text, full_text_match, _notification_simple_match)


def filter_passages(queryset, text, *, full_text=None):
    """Return the quoted passages in `queryset` matching `text`, in the queryset's order: the admin's search."""
    return _filtered(queryset, text, full_text, lambda groups: _passage_full_text_match, _passage_simple_match)


def _filtered(queryset, text, full_text, full_text_match, simple_match):
    """Filter by the query's terms; `full_text_match(groups)` returns the full-text search's match of a term."""
    groups = parse_query(text)
    if not groups:
        return queryset
    if full_text is None:
        full_text = search_is_full_text(queryset.db)
    return queryset.filter(_condition(groups, full_text_match(groups) if full_text else simple_match, full_text))


def search_passages(queryset, text, *, full_text=None):
    """Return the quoted passages in `queryset` matching `text`, best first, with `rank` and `snippet`."""
    groups = parse_query(text)
    if not groups:
        return _unsearched(queryset)
    if full_text is None:
        full_text = search_is_full_text(queryset.db)
    positive = [term for group in groups for term in group if not term.negated]
    if full_text:
        rank = _rank(_combined_tsquery(groups))
        snippet = _headline(F("text"), positive)
        match = _passage_full_text_match
    else:
        rank = Value(0.0, output_field=FloatField())
        snippet = _simple_snippet(F("text"), positive)
        match = _passage_simple_match
    return _ranked(queryset.filter(_condition(groups, match, full_text)), rank, snippet)


def _ranked(queryset, rank, snippet):
    """Return the matches with their rank and snippet, best first, then in the model's own order."""
    ranked = queryset.annotate(rank=rank, snippet=snippet).order_by("-rank", *queryset.model._meta.ordering)
    return without_documents(ranked)


def _unsearched(queryset):
    return without_documents(
        queryset.annotate(rank=Value(0.0, output_field=FloatField()), snippet=Value("", output_field=SnippetField()))
    )


def without_documents(queryset):
    """Return `queryset` without the stored search documents and pairs, which no page shows."""
    present = {field.name for field in queryset.model._meta.concrete_fields}
    return queryset.defer(*(name for name in DOCUMENT_FIELDS if name in present))


def _condition(groups, match, full_text):
    """Return the filter: every group matches, through at least one of its terms."""
    condition = Q()
    for group in groups:
        alternatives = Q()
        for term in group:
            matched = match(term)
            if term.negated:
                matched = ~never_null(matched)
            if full_text:
                # A term of stop words only ("the") has no lexemes: it is ignored, as
                # websearch_to_tsquery ignores it. PostgreSQL folds this test away.
                matched = Q(Exact(Func(_tsquery(term), function="numnode", output_field=IntegerField()), 0)) | matched
            alternatives |= matched
        condition &= alternatives
    return condition


def _notification_full_text_match(near, pairs):
    """Return the match of one term.

    `near` holds the participants each term nearly names (`_participants_named`);
    `pairs`, the pair of adjacent words each phrase is, if it is one (`_phrase_pairs_of`).
    """

    def match(term):
        # A phrase of two adjacent words matches exactly the notifications holding them as a pair.
        pair = pairs.get(term.text)
        condition = Q(_holds_pair(pair)) if pair else Q(search_vector=_tsquery(term))
        if named := near.get(term.text):
            condition |= Q(participant_id__in=named)
        if reference := _reference_of(term):
            condition |= _reference_condition(reference, full_text=True)
        return condition

    return match


def _participants_named(groups, using):
    """Return, by term, the ids of the participants each term nearly names, in one query (none if no term may name)."""
    return nearly_named_ids([term.text for group in groups for term in group if _may_name(term)], using)


def _phrase_pairs_of(groups, using):
    """Return, by phrase, the pair of adjacent words it is, if it is one (phrase_pairs.py), in one query.

    PostgreSQL reads each phrase into its lexemes (stemmed, stop words dropped), as the search does.
    No query without a phrase.
    """
    phrases = _wanted_phrases(groups)
    if not phrases:
        return {}
    read = ", ".join(["websearch_to_tsquery(%s::regconfig, %s)::text"] * len(phrases))
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {read}", [value for text in phrases for value in (CONFIG, _phrase_query_text(text))])
        queries = cursor.fetchone()
    return {text: pair for text, query in zip(phrases, queries, strict=True) if (pair := pair_query(query))}


def _named_by(near, terms):
    """Return the condition that a notification is a participant's that one of `terms` nearly names (empty if none)."""
    named = sorted({pk for term in terms for pk in near.get(term.text, ())})
    return Q(participant_id__in=named) if named else Q()


def _notification_simple_match(term):
    text = term.text
    condition = (
        Q(reference__icontains=text)
        | Q(heading__icontains=text)
        | Q(text__icontains=text)
        | Exists(_passages().objects.filter(notification=OuterRef("pk"), text__icontains=text))
        | _participant_contains(text)
    )
    if reference := _reference_of(term):
        condition |= _reference_condition(reference, full_text=False)
    return condition


def _passage_full_text_match(term):
    return Q(search_vector=_tsquery(term))


def _passage_simple_match(term):
    return Q(text__icontains=term.text)


def _participant_contains(text):
    return Exists(Participant.objects.filter(pk=OuterRef("participant_id"), name__icontains=text)) | Exists(
        ParticipantName.objects.filter(participant=OuterRef("participant_id"), name__icontains=text)
    )


def _reference_of(term):
    return None if term.phrase or term.negated else read_reference_term(term.text)


def _reference_condition(reference, full_text):
    """Return the condition that a notification is the one (or on the treaty) a typed reference names."""
    condition = Q()
    if reference.cn_number is not None:
        condition &= Q(cn_number=reference.cn_number, cn_year=reference.cn_year)
    if reference.chapter is not None:
        treaties = Treaty.objects.filter(chapter=reference.chapter, number=reference.number).values("pk")
        # Under OR, `= ANY(ARRAY(...))` can use the treaty index; `IN (SELECT ...)` cannot.
        condition &= Q(EqualsAny("treaty_id", ArraySubquery(treaties))) if full_text else Q(treaty__in=treaties)
    return condition


def _may_name(term):
    """Return whether a term is worth comparing with participants' names: short words are too loose."""
    return sum(char.isalpha() for char in term.text) >= 4 and read_reference_term(term.text) is None


def _tsquery(term):
    """Return one term as PostgreSQL's websearch_to_tsquery reads it: words all wanted, a phrase in order."""
    text = _phrase_query_text(term.text) if term.phrase else _citation_words(term.text)
    return SearchQuery(text, config=CONFIG, search_type="websearch")


def _holds_pair(pair):
    """Return the condition that a notification's stored pairs hold `pair` (a tsquery's text, from pair_query)."""
    pair_tsquery = Cast(Value(pair), output_field=SearchQueryField())
    return Func(
        F("phrase_pairs"), pair_tsquery, template="(%(expressions)s)", arg_joiner=" @@ ", output_field=BooleanField()
    )


def _phrase_query_text(text):
    return f'"{_citation_words(text)}"'


def _combined_tsquery(groups):
    """Return the query's wanted terms as one tsquery, for ranking and highlighting.

    Excluded terms are left out: no match shows them, and ts_rank gives 0 to
    every row for a query with a negation in it.
    """
    combined = None
    for group in groups:
        alternatives = None
        for term in group:
            if not term.negated:
                alternatives = _tsquery(term) if alternatives is None else alternatives | _tsquery(term)
        if alternatives is not None:
            combined = alternatives if combined is None else combined & alternatives
    return combined


def _rank(tsquery):
    if tsquery is None:
        return Value(0.0)
    return SearchRank(F("search_vector"), tsquery, normalization=32)


def _any(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def _bonus(condition, value):
    if not condition:
        return Value(0.0)
    return Case(When(condition, then=Value(value)), default=Value(0.0), output_field=FloatField())


def never_null(condition):
    """Return `condition` with NULL read as false, so that its negation filters as expected."""
    wrapped = ExpressionWrapper(condition, output_field=BooleanField())
    return Q(Exact(Coalesce(wrapped, Value(False)), True))


# -- Counting --------------------------------------------------------------


def count_matches_up_to(queryset, text, limit):
    """Return the number of rows of `queryset`, a search for `text`, counting no further than `limit`, in one query.

    A phrase is found in two steps: the GIN index holds no word positions, so
    PostgreSQL first reads every row (notification or passage) holding all its
    words, then checks their positions. For two words that 153,000 of 1,000,000
    notifications both hold, the first step alone took 30-44 ms, however few
    matches were wanted. Where the phrase is common, the table's
    first PHRASE_FIRST_ROWS rows by key already hold `limit` of them: they are
    counted there first, walking the key's index (10-15 ms for 500 matches of a
    phrase in 4% of the notifications, at most 20 ms for none), and the index's
    way, which every other search takes, only if they fall short. PostgreSQL
    runs the second count only when it is needed.

    The first rows are counted by key, not by place on disk: after a bulk
    update, the table's first 5,000 pages held 239 of its 1,000,000 rows.

    A phrase of two adjacent words, in a search of notifications, has an index
    of its own (its pair, phrase_pairs.py) and is counted as a word is: walking
    the first rows, PostgreSQL would decompress each one's pairs.
    """
    if not search_is_full_text(queryset.db) or not _has_unpaired_phrase(queryset, text):
        return count_up_to(queryset, limit)
    first_sql, first_params = _sql_of(_first_keys(queryset, limit))
    all_sql, all_params = _sql_of(keys_up_to(queryset, limit))
    sql = (
        f"SELECT CASE WHEN (SELECT count(*) FROM ({first_sql}) first_rows) >= %s THEN %s "
        f"ELSE (SELECT count(*) FROM ({all_sql}) all_rows) END"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, (*first_params, limit, limit, *all_params))
        return cursor.fetchone()[0]


def _first_keys(queryset, limit):
    """Return the first `limit` keys of `queryset` among the table's first PHRASE_FIRST_ROWS rows, in key order.

    In key order, so that PostgreSQL walks the key's index and stops at `limit`;
    the bound keeps the walk short when the matches are few.
    """
    keys = queryset.model._base_manager.using(queryset.db).order_by("pk").values("pk")
    # A table of fewer rows is walked to its last.
    bound = Coalesce(Subquery(keys[PHRASE_FIRST_ROWS - 1 : PHRASE_FIRST_ROWS]), Subquery(keys.reverse()[:1]))
    return queryset.filter(pk__lte=bound).order_by("pk").values("pk")[:limit]


def _sql_of(queryset):
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def _has_unpaired_phrase(queryset, text):
    """Return whether `text` wants a phrase that the search of `queryset` does not look up by its pair."""
    groups = parse_query(text)
    phrases = _wanted_phrases(groups)
    if not phrases or queryset.model is not _notifications():
        return bool(phrases)
    return not set(phrases) <= _phrase_pairs_of(groups, queryset.db).keys()


def _wanted_phrases(groups):
    """Return the texts of the query's phrases a match must hold (not those excluded), once each, in order."""
    return list(dict.fromkeys(term.text for group in groups for term in group if term.phrase and not term.negated))


# -- Snippets --------------------------------------------------------------


def web_search_query(text):
    """Return `text` as PostgreSQL's websearch_to_tsquery reads it, references split into words: for matching."""
    return SearchQuery(_citation_words(clean_text(text, MAX_QUERY_LENGTH)), config=CONFIG, search_type="websearch")


def wanted_query(text):
    """Return the wanted terms of `text` as one tsquery, for ranking and highlighting; None if there are none.

    Not web_search_query(text): with an excluded term in it, ts_rank gives
    every row the same rank and ts_headline marks the excluded word.
    """
    return _combined_tsquery(parse_query(text))


def wanted_words(text):
    """Return the words and phrases of `text` that a match must contain (the simple search's terms)."""
    return [term.text for group in parse_query(text) for term in group if not term.negated]


def excluded_words(text):
    """Return the words and phrases of `text` that a match must not contain (-Ukraine)."""
    return [term.text for group in parse_query(text) for term in group if term.negated]


def snippet(source, text, *, full_text):
    """Return `source` as a snippet expression for the query `text`: escaped, the matches in <mark>."""
    if full_text:
        return _headline(source, [term for group in parse_query(text) for term in group if not term.negated])
    return ExpressionWrapper(source, output_field=SnippetField(words=tuple(wanted_words(text))))


def marked(value, words):
    """Return a short text (a name) as HTML, every occurrence of `words` in <mark>."""
    return highlighted(_mark_words(value, words))


class SnippetField(models.TextField):
    """A snippet as the database returns it, turned into HTML: escaped, the matches in <mark>.

    With `words`, the value is a whole text (the simple search's): it is cut
    to the part around the first match, and the words are marked here. With
    `lexemes`, the value is a whole text, LEXEMES_SEPARATOR and the query's
    lexemes (the full-text search's): it is cut to the fragments with the most
    matches (notifications/snippets.py).
    """

    def __init__(self, *args, words=None, lexemes=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = words
        self.lexemes = lexemes

    def from_db_value(self, value, expression, connection):
        value = value or ""
        if self.lexemes:
            text, _, lexemes = value.rpartition(LEXEMES_SEPARATOR)
            value = snippets.fragments(_unmarked(text), lexemes.split(), MARK_START, MARK_STOP)
        elif self.words is not None:
            value = _mark_words(value, self.words)
        return highlighted(value)


def highlighted(value):
    """Return the text as HTML: spaces collapsed, escaped, each MARK_START ... MARK_STOP span in <mark>."""
    # Escaping first means that nothing in the data can become markup; the
    # marks are control characters, which escaping leaves as they are.
    html = escape(" ".join(value.split()))
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def _headline(source, terms):
    """Return `source` as a snippet expression: its fragments around the words that match `terms`.

    The database returns the whole text and, after LEXEMES_SEPARATOR, what its
    English dictionary makes of the terms' words; SnippetField cuts the
    fragments in Python. ts_headline did it in SQL at ten times the cost
    (notifications/snippets.py).
    """
    if not terms:
        return _simple_snippet(source, ())
    words = " ".join(_citation_words(term.text) for term in terms)
    # The configuration is named through text, so that PostgreSQL finds it as the query
    # runs, not as it plans it: the lexemes are then not a constant, the snippet counts
    # as costly, and PostgreSQL builds it after the sort and the limit, for the rows
    # shown, instead of reading every match's text (a rare word's query, 318 matches
    # at 1,000,000 notifications: 5.5 -> 2.5 ms).
    config = Func(Value(CONFIG), template="%(expressions)s::text::regconfig", output_field=TextField())
    lexemes = Func(Func(config, Value(words), function="to_tsvector"), function="tsvector_to_array")
    lexemes = Func(lexemes, Value(" "), function="array_to_string", output_field=TextField())
    both = Concat(source, Value(LEXEMES_SEPARATOR), lexemes, output_field=TextField())
    return ExpressionWrapper(both, output_field=SnippetField(lexemes=True))


def _simple_snippet(source, terms):
    return ExpressionWrapper(source, output_field=SnippetField(words=tuple(term.text for term in terms)))


def _unmarked(text):
    """Return `text` without the marks: only the snippet's own marks may stand in it."""
    return text.replace(MARK_START, "").replace(MARK_STOP, "")


def _mark_words(text, words):
    """Return the part of `text` around the first of `words`, each occurrence between the marks."""
    text = _unmarked(text)
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text) if words else None
    start = 0
    if first and first.start() > SIMPLE_SNIPPET_LENGTH // 3:
        start = first.start() - SIMPLE_SNIPPET_LENGTH // 4
        # Begin at a word, unless the match is inside a very long one.
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    end = start + SIMPLE_SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", first.end() if first and first.end() < end else start, end)
        end = space if space > start else end
    window = " ".join(text[start:end].split())
    if words:
        window = pattern.sub(lambda match: f"{MARK_START}{match[0]}{MARK_STOP}", window)
    return ("… " if start else "") + window + (" …" if end < len(text) else "")


# -- Keeping the documents current -----------------------------------------


def notification_document(apps=global_apps):
    """Return a notification's weighted search document, as an expression over its row.

    `apps` is the registry to take the models from: a migration passes its own.
    """
    treaty = apps.get_model("treaties", "Treaty").objects.filter(pk=OuterRef("treaty_id"))
    other_names = (
        apps.get_model("treaties", "ParticipantName")
        .objects.filter(participant=OuterRef("pk"))
        .order_by("name")
        .values("name")
    )
    names = Subquery(
        apps.get_model("treaties", "Participant")
        .objects.filter(pk=OuterRef("participant_id"))
        .annotate(names=Concat("name", Value(" "), _joined(other_names), output_field=TextField()))
        .values("names")
    )
    passages = _passages(apps).objects.filter(notification=OuterRef("pk")).order_by("order", "pk").values("text")
    return (
        SearchVector(
            _with_citation_words(F("reference")),
            "heading",
            Subquery(treaty.annotate(key=Concat("chapter", Value("."), "number")).values("key")),
            Subquery(treaty.values("short_title")),
            names,
            Func(names, function="unaccent", output_field=TextField()),
            config=CONFIG,
            weight="A",
        )
        + SearchVector(_joined(passages), config=CONFIG, weight="B")
        + SearchVector(Subquery(treaty.values("title")), _with_citation_words(F("text")), config=CONFIG, weight="C")
    )


class PhrasePairs(Func):
    """A notification's pairs of adjacent words, computed by PostgreSQL from its search document (phrase_pairs.py).

    The SQL function is the migration's (0013_phrase_pairs); SQLite, which has
    no documents, stores NULL.
    """

    function = "notification_phrase_pairs"
    output_field = SearchVectorField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


def passage_document():
    """Return a quoted passage's search document, as an expression over its row."""
    return SearchVector("text", config=CONFIG)


def refresh_search_vectors(queryset=None, *, apps=global_apps):
    """Recompute the search documents of these notifications (default: all) and their passages.

    Return the number of notifications refreshed; 0 on SQLite, which has none.
    """
    if queryset is None:
        notifications, passages = _notifications(apps).objects.all(), _passages(apps).objects.all()
    else:
        chosen = queryset.values("pk")
        notifications = _notifications(apps).objects.using(queryset.db).filter(pk__in=chosen)
        passages = _passages(apps).objects.using(queryset.db).filter(notification__in=chosen)
    if not search_is_full_text(notifications.db):
        return 0
    passages.update(search_vector=passage_document())
    return notifications.update(search_vector=notification_document(apps))


def refresh_documents_of(instance):
    """Refresh the search documents that `instance`, just saved or deleted, is part of."""
    using = instance._state.db or DEFAULT_DB_ALIAS
    if not search_is_full_text(using):
        return
    notifications = _notifications().objects.using(using)
    if isinstance(instance, _notifications()):
        notifications = notifications.filter(pk=instance.pk)
    elif isinstance(instance, _passages()):
        _passages().objects.using(using).filter(pk=instance.pk).update(search_vector=passage_document())
        notifications = notifications.filter(pk=instance.notification_id)
    elif isinstance(instance, Treaty):
        notifications = notifications.filter(treaty=instance.pk)
    elif isinstance(instance, Participant):
        notifications = notifications.filter(participant=instance.pk)
    elif isinstance(instance, ParticipantName):
        notifications = notifications.filter(participant=instance.participant_id)
    else:
        return
    notifications.update(search_vector=notification_document())


def _notifications(apps=global_apps):
    return apps.get_model("notifications", "DepositaryNotification")


def _passages(apps=global_apps):
    return apps.get_model("notifications", "QuotedPassage")


def _joined(values):
    return Func(ArraySubquery(values), Value(" "), function="array_to_string", output_field=TextField())


def _with_citation_words(expression):
    return Func(
        expression,
        Value(_CITATION),
        Value(_CITATION_WORDS),
        Value("gi"),
        function="regexp_replace",
        output_field=TextField(),
    )
