"""Search: it finds notifications and passages, marks the matches safely, and never breaks on a query.

Tests without the postgres mark run on whichever database DATABASE_URL names,
through `search()` (full-text on PostgreSQL, simple on SQLite) or through the
simple search asked for by name, which behaves the same on both.
"""

import json
from datetime import date

import pytest
from django.db import connection
from django.utils.safestring import SafeString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifications import search
from notifications.models import DepositaryNotification, QuotedPassage
from notifications.search import (
    MAX_TERMS,
    parse_query,
    read_reference_term,
    refresh_search_vectors,
    search_is_full_text,
    search_notifications,
    search_passages,
)
from tests.builders import make_notification, make_participant, make_treaty
from treaties.models import Participant, ParticipantName
from treaties.name_search import participant_name_filter

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "",
    "   ",
    '"',
    '"""',
    '"armed conflict',
    "-",
    "- - -",
    "or",
    "OR or Or",
    "&|!<->:*",
    "withdrawal & !Lithuania | (armed <-> conflict):*",
    "\x00",
    "with\x00drawal",
    "Lith\x00uania \x00\x00",
    "\x1b[31mred\x1b[0m \x07\x08\x7f",
    "'; DROP TABLE notifications_depositarynotification; --",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "\\x00",
    "\u202eesrever \u200b\ufeff",
    "🙂 withdrawal 🙂",
    "C.N.362.2025.TREATIES-",
    "C.N.99999999999999999999.2025",
    "XXXXXXXXXXXXXXXXXXXX.5",
    "LXXX.5",
    "-C.N.362.2025",
    "withdrawal " * 1000,
    "x" * 10_000,
    '"' * 10_000,
    "-" * 10_000,
    " or " * 2_500,
]


def make_passage(notification, text, order=1):
    return QuotedPassage.objects.create(notification=notification, text=text, order=order)


@pytest.fixture
def mine_ban():
    return make_treaty()


@pytest.fixture
def lithuania(mine_ban):
    participant = make_participant(name="Lithuania")
    notification = make_notification(
        treaty=mine_ban,
        participant=participant,
        text=(
            "LITHUANIA: NOTIFICATION OF WITHDRAWAL. The withdrawal would take effect unless the withdrawing "
            "State Party is engaged in an armed conflict. Refer to C.N.381.2003.TREATIES-XXVI.5."
        ),
    )
    make_passage(notification, "Lithuania reaffirms its commitment to the humanitarian objectives.")
    return notification


@pytest.fixture
def turkiye(mine_ban):
    participant = make_participant(name="Türkiye", slug="turkiye")
    ParticipantName.objects.create(participant=participant, name="Turkey")
    return make_notification(
        treaty=mine_ban,
        participant=participant,
        reference="C.N.510.2024.TREATIES-XXVI.5",
        heading="TÜRKIYE: COMMUNICATION",
        kind="other",
        date_effected=date(2024, 9, 1),
        date_issued=date(2024, 9, 3),
        text="A communication on the destruction of stockpiled mines.",
    )


@pytest.fixture
def citing(mine_ban):
    """A later notification that cites Lithuania's in its text, and one whose number merely contains 362."""
    make_notification(
        treaty=mine_ban,
        reference="C.N.1362.2025.TREATIES-XXVI.5",
        heading="DEPOSITARY COMMUNICATION",
        kind="other",
        date_effected=date(2025, 9, 1),
        date_issued=date(2025, 9, 2),
        text="An unrelated communication.",
    )
    return make_notification(
        treaty=mine_ban,
        reference="C.N.400.2025.TREATIES-XXVI.5",
        heading="DEPOSITARY COMMUNICATION",
        kind="other",
        date_effected=date(2025, 8, 1),
        date_issued=date(2025, 8, 4),
        text="Refer to depositary notification C.N.362.2025.TREATIES-XXVI.5 of 3 July 2025.",
    )


def references(queryset):
    return [notification.reference for notification in queryset]


# -- Reading a query -------------------------------------------------------


def test_it_reads_words_phrases_alternatives_and_exclusions():
    groups = parse_query('withdrawal "armed  conflict" Russia or Ukraine -Belarus')

    assert [[(term.text, term.phrase, term.negated) for term in group] for group in groups] == [
        [("withdrawal", False, False)],
        [("armed conflict", True, False)],
        [("Russia", False, False), ("Ukraine", False, False)],
        [("Belarus", False, True)],
    ]


def test_it_reads_an_unbalanced_quote_as_a_phrase_to_the_end():
    [[term]] = parse_query('"armed conflict')

    assert (term.text, term.phrase) == ("armed conflict", True)


def test_it_reads_no_more_than_the_maximum_number_of_terms():
    assert sum(len(group) for group in parse_query("word " * 100)) == MAX_TERMS


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("C.N.362.2025.TREATIES-XXVI.5", (362, 2025, "XXVI", "5")),
        ("c.n.362.2025.treaties-xxvi.5", (362, 2025, "XXVI", "5")),
        ("C.N.362.2025", (362, 2025, None, None)),
        ("362.2025", (362, 2025, None, None)),
        ("XXVI.5", (None, None, "XXVI", "5")),
        ("XXVI-5", (None, None, "XXVI", "5")),
        ("XXVII.7.D", (None, None, "XXVII", "7.d")),
        ("TREATIES-XI-a-5", (None, None, "XI", "A.5")),
    ],
)
def test_it_reads_full_and_partial_references(typed, parts):
    reference = read_reference_term(typed)

    assert (reference.cn_number, reference.cn_year, reference.chapter, reference.number) == parts


@pytest.mark.parametrize("typed", ["withdrawal", "2025", "C.N.362", "MIX.5", "LC.5", "C.N.362.2025.TREATIES-26.5"])
def test_it_does_not_read_other_words_as_references(typed):
    assert read_reference_term(typed) is None


# -- Finding notifications -------------------------------------------------


def test_it_finds_a_notification_by_a_word_of_its_text(lithuania, turkiye):
    assert references(DepositaryNotification.objects.search("communication")) == [turkiye.reference]


@pytest.mark.parametrize(
    "typed", ["C.N.362.2025.TREATIES-XXVI.5", "C.N.362.2025", "c.n.362.2025", "362.2025", "(C.N.362.2025)"]
)
def test_a_full_or_partial_reference_finds_its_notification_first(lithuania, turkiye, citing, typed):
    found = references(DepositaryNotification.objects.search(typed))

    assert found[0] == lithuania.reference
    assert turkiye.reference not in found


def test_a_treaty_key_finds_the_notifications_on_that_treaty(lithuania):
    rome = make_treaty(chapter="XVIII", number="10", short_title="Rome Statute")
    other = make_notification(treaty=rome, reference="C.N.1.2025.TREATIES-XVIII.10", text="Withdrawal.")

    assert references(DepositaryNotification.objects.search("XXVI.5")) == [lithuania.reference]
    assert references(DepositaryNotification.objects.search("XVIII-10")) == [other.reference]


def test_another_name_finds_the_participants_notifications(lithuania, turkiye):
    assert references(DepositaryNotification.objects.search("Turkey")) == [turkiye.reference]


def test_a_participant_name_puts_its_own_notifications_before_mentions(mine_ban, lithuania):
    latvia = make_participant(name="Latvia")
    make_notification(
        treaty=mine_ban,
        participant=latvia,
        reference="C.N.363.2025.TREATIES-XXVI.5",
        heading="LATVIA: NOTIFICATION OF WITHDRAWAL",
        text="Latvia withdraws, as Lithuania and Estonia did.",
    )

    assert references(DepositaryNotification.objects.search("Lithuania"))[0] == lithuania.reference


def test_a_minus_excludes_and_or_accepts_either(lithuania, turkiye):
    assert references(DepositaryNotification.objects.search("mines -Lithuania")) == [turkiye.reference]
    assert set(references(DepositaryNotification.objects.search("stockpiled or humanitarian"))) == {
        lithuania.reference,
        turkiye.reference,
    }


@pytest.mark.parametrize("typed", ["", "   ", '"', '""', "-", "- -", "or", "OR or", "&|!", "()"])
def test_a_query_without_terms_filters_nothing(lithuania, turkiye, typed):
    found = list(DepositaryNotification.objects.search(typed))

    assert references(found) == references(DepositaryNotification.objects.all())
    assert all(notification.rank == 0 and notification.snippet == "" for notification in found)


def test_search_chains_with_other_filters_and_counts(lithuania, turkiye):
    searched = DepositaryNotification.objects.filter(participant__name="Türkiye").search("mines or withdrawal")

    assert references(searched) == [turkiye.reference]
    assert searched.count() == 1
    assert DepositaryNotification.objects.search("mines or withdrawal").filter(kind="withdrawal").count() == 1


def test_snippets_escape_the_text_and_mark_the_matches(mine_ban):
    notification = make_notification(
        treaty=mine_ban,
        text='Beware <script>alert("x")</script> & 1 < 2 > 0: the withdrawal is notified. \x02Forged\x03 marks.',
    )

    [found] = DepositaryNotification.objects.search("withdrawal")

    assert found == notification
    assert isinstance(found.snippet, SafeString)
    assert "<mark>withdrawal</mark>" in found.snippet
    assert found.snippet.count("<mark>") == found.snippet.count("</mark>") == 1
    assert "&amp;" in found.snippet
    assert "<script" not in found.snippet
    assert "<" not in found.snippet.replace("<mark>", "").replace("</mark>", "")
    assert ">" not in found.snippet.replace("<mark>", "").replace("</mark>", "")


def test_quoted_passages_are_searchable_on_their_own(lithuania):
    other = make_passage(lithuania, "Lithuania will protect civilians with <fencing> & signs.", order=2)

    [found] = QuotedPassage.objects.search("civilians")

    assert found == other
    assert "<mark>civilians</mark>" in found.snippet
    assert "&lt;fencing&gt; &amp; signs" in found.snippet
    assert list(QuotedPassage.objects.search("")) == list(QuotedPassage.objects.all())


def test_search_is_full_text_only_on_postgresql():
    assert search_is_full_text() is (connection.vendor == "postgresql")


@pytest.mark.parametrize("text", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_an_odd_query_returns_results_or_nothing(lithuania, turkiye, text):
    assert_searchable(text)


# -- The simple search (SQLite's, asked for by name here) -----------------


def test_the_simple_search_looks_in_every_field(lithuania, turkiye):
    def simple(text):
        return references(search_notifications(DepositaryNotification.objects.all(), text, full_text=False))

    assert simple("humanitarian") == [lithuania.reference]  # a passage
    assert simple("türk") == [turkiye.reference]  # a participant's name
    assert simple("turkey") == [turkiye.reference]  # another name
    assert simple("NOTIFICATION OF") == [lithuania.reference]  # the heading
    assert simple('"armed conflict" -stockpiled') == [lithuania.reference]
    assert simple('"conflict armed"') == []
    assert simple("362.2025") == [lithuania.reference]


def test_the_simple_search_puts_the_referenced_notification_first(lithuania, citing):
    found = search_notifications(DepositaryNotification.objects.all(), "362.2025", full_text=False)

    assert references(found)[0] == lithuania.reference
    assert found[0].rank > found[1].rank


def test_the_simple_snippet_shows_the_text_around_the_first_match(mine_ban):
    make_notification(
        treaty=mine_ban, text="Preamble & recitals. " * 40 + "The <b>withdrawal</b> & its WITHDRAWAL date."
    )

    [found] = search_notifications(DepositaryNotification.objects.all(), "withdrawal", full_text=False)

    assert found.snippet.startswith("… ")
    assert "&lt;b&gt;<mark>withdrawal</mark>&lt;/b&gt; &amp; its <mark>WITHDRAWAL</mark> date." in found.snippet
    assert len(found.snippet) < 400


def test_the_simple_passage_search_marks_the_words(lithuania):
    [found] = search_passages(QuotedPassage.objects.all(), "HUMANITARIAN objectives", full_text=False)

    assert found.snippet.count("<mark>") == 2


# -- Participants' names -------------------------------------------------


@pytest.mark.parametrize(("typed", "name"), [("Turkey", "Türkiye"), ("türk", "Türkiye"), ("LITH", "Lithuania")])
def test_the_name_filter_matches_any_name_in_part(lithuania, turkiye, typed, name):
    found = participant_name_filter(Participant.objects.all(), typed)

    assert list(found.values_list("name", flat=True)) == [name]


def test_the_name_filter_without_a_name_filters_nothing(lithuania, turkiye):
    assert participant_name_filter(Participant.objects.all(), " \x00 ").count() == 2


# -- PostgreSQL only ---------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize(("typed", "name"), [("Turkiye", "Türkiye"), ("Phillipines", "Philippines")])
def test_near_spellings_find_the_participant(typed, name):
    make_participant(name="Türkiye", slug="turkiye")
    make_participant(name="Philippines")

    assert list(participant_name_filter(Participant.objects.all(), typed).values_list("name", flat=True)) == [name]


@pytest.mark.postgres
def test_near_names_keep_only_the_best_match():
    for name in ["Armenia", "Austria", "Australia"]:
        make_participant(name=name)

    def names(typed):
        return list(participant_name_filter(Participant.objects.all(), typed).values_list("name", flat=True))

    assert names("Austria") == ["Austria"]
    assert names("armed") == []


@pytest.mark.postgres
@pytest.mark.parametrize("typed", ["Turkiye", "Türkiye", "turkey"])
def test_near_spellings_find_the_participants_notifications(lithuania, turkiye, typed):
    assert references(DepositaryNotification.objects.search(typed)) == [turkiye.reference]


@pytest.mark.postgres
def test_a_near_spelling_after_a_minus_excludes_the_participants_notifications(lithuania, turkiye):
    assert references(DepositaryNotification.objects.search("-Turkiye")) == [lithuania.reference]


@pytest.mark.postgres
def test_the_participants_a_search_nearly_names_are_read_once_whatever_its_words(
    lithuania, turkiye, django_assert_num_queries
):
    # One query for the names of every term, one for the matches: the names are
    # not compared again inside the search's SQL for each of its uses.
    with django_assert_num_queries(2):
        found = references(DepositaryNotification.objects.search("Turkiye or Lithuania -Phillipines")[:5])

    assert sorted(found) == sorted([lithuania.reference, turkiye.reference])


@pytest.fixture
def armed_conflicts(mine_ban):
    """Six notifications: four with the phrase "armed conflict changed", two with its words apart."""
    for number in range(1, 5):
        make_notification(treaty=mine_ban, reference=f"C.N.{number}.2024", text="Armed conflict changed everything.")
    for number in range(5, 7):
        make_notification(treaty=mine_ban, reference=f"C.N.{number}.2024", text="Conflict changed; then armed guards.")


@pytest.mark.postgres
@pytest.mark.parametrize(
    "first_rows", [1, 4, 1_000], ids=["too-few-in-the-first-rows", "enough-in-the-first-rows", "fewer-rows-than-that"]
)
@pytest.mark.parametrize(("limit", "expected"), [(3, 3), (4, 4), (10, 4)])
def test_a_phrase_search_counts_its_matches_up_to_a_limit_wherever_they_lie(
    armed_conflicts, monkeypatch, django_assert_num_queries, first_rows, limit, expected
):
    # Three words: not one pair, so counted in two steps (a query reads the phrase first).
    monkeypatch.setattr(search, "PHRASE_FIRST_ROWS", first_rows)
    matches = DepositaryNotification.objects.search('"armed conflict changed"')

    with django_assert_num_queries(2):
        assert search.count_matches_up_to(matches, '"armed conflict changed"', limit) == expected


@pytest.mark.postgres
@pytest.mark.parametrize(("limit", "expected"), [(3, 3), (10, 4)])
def test_a_two_word_phrase_is_counted_by_its_pair_not_in_the_first_rows(
    armed_conflicts, monkeypatch, django_assert_num_queries, limit, expected
):
    monkeypatch.setattr(search, "PHRASE_FIRST_ROWS", 1)
    matches = DepositaryNotification.objects.search('"armed conflict"')

    with django_assert_num_queries(2) as counted:
        assert search.count_matches_up_to(matches, '"armed conflict"', limit) == expected

    assert "phrase_pairs" in counted.captured_queries[-1]["sql"]
    assert "CASE WHEN" not in counted.captured_queries[-1]["sql"]


# Texts where two words stand together, apart, reversed, across a hyphen, a
# reference, a stop word or a sentence's end, in the heading, the text or a passage.
PAIRED_TEXTS = [
    ("ARMED CONFLICT: NOTIFICATION", "The armed conflicts of 2024.", "Armed forces in conflict."),
    ("NOTIFICATION", "Conflict, then armed guards; armed. Conflict again.", "Conflict armed."),
    ("NOTIFICATION", "A non-discrimination clause, see C.N.362.2025.TREATIES-XXVI.5 above.", ""),
    ("NOTIFICATION", "The right to life; the right of withdrawal; rights to withdraw.", "Withdrawal rights."),
    ("WITHDRAWAL", "Armed Armed conflict conflict. It's o'clock.", "The state's armed-conflict exception."),
]
PHRASES = [
    "armed conflict",
    "conflict armed",
    "armed conflicts",
    "ARMED  Conflict",
    "armed forces",
    "non discrimination",
    "non-discrimination clause",
    "discrimination clause",
    "362.2025 TREATIES",
    "notification armed",
    "conflict the",
    "armed guards armed",
    "right to life",
    "rights withdraw",
    "withdrawal rights",
    "state's armed",
    "o'clock it's",
]


@pytest.fixture
def paired_texts(mine_ban):
    for number, (heading, text, passage) in enumerate(PAIRED_TEXTS, start=1):
        notification = make_notification(treaty=mine_ban, reference=f"C.N.{number}.2024", heading=heading, text=text)
        if passage:
            make_passage(notification, passage)


@pytest.mark.postgres
@pytest.mark.parametrize("phrase", PHRASES)
def test_a_phrase_finds_what_postgresqls_phrase_operator_finds(paired_texts, phrase):
    quoted = f'"{phrase}"'
    [[term]] = parse_query(quoted)
    by_operator = DepositaryNotification.objects.filter(search_vector=search._tsquery(term))

    assert sorted(references(DepositaryNotification.objects.search(quoted))) == sorted(references(by_operator))


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("phrase", "by_pair"),
    [
        ("armed conflict", True),
        ("the armed conflict", True),
        ("Non discrimination", True),
        ("right to life", False),
        ("armed conflict ended", False),
    ],
)
def test_only_a_phrase_of_two_adjacent_words_is_looked_up_by_its_pair(paired_texts, phrase, by_pair):
    where = str(DepositaryNotification.objects.search(f'"{phrase}"').query).split(" WHERE ")[1]

    assert ("phrase_pairs" in where) is by_pair


@pytest.mark.postgres
def test_a_phrase_follows_an_edit_of_the_text(paired_texts):
    before = set(references(DepositaryNotification.objects.search('"armed conflict"')))
    edited = DepositaryNotification.objects.get(reference="C.N.3.2024")
    edited.text = "Armed conflict."
    edited.save()

    assert set(references(DepositaryNotification.objects.search('"armed conflict"'))) == before | {"C.N.3.2024"}
    assert "C.N.3.2024" not in references(DepositaryNotification.objects.search('"discrimination clause"'))


@pytest.mark.postgres
def test_a_search_without_a_phrase_is_counted_as_any_list_is(armed_conflicts, monkeypatch):
    monkeypatch.setattr(search, "PHRASE_FIRST_ROWS", 1)
    matches = DepositaryNotification.objects.search("armed conflict")

    assert search.count_matches_up_to(matches, "armed conflict", 10) == 6
    assert search.count_matches_up_to(matches, "armed conflict", 5) == 5


def _nodes(plan):
    """Yield every node of a JSON query plan, depth first."""
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.postgres
def test_a_searchs_snippets_are_built_after_the_sort_for_the_rows_shown(armed_conflicts):
    # Built before the sort, a snippet reads every match's whole text, and the
    # sort carries them all; after it, only the page's rows are read.
    shown = DepositaryNotification.objects.search("armed conflict")[:2]

    [plan] = json.loads(shown.explain(format="json", verbose=True))
    [sort] = [node for node in _nodes(plan["Plan"]) if node["Node Type"] == "Sort"]

    assert not any("array_to_string" in output for output in sort["Output"]), sort["Output"]
    assert [notification.snippet for notification in shown][0].count("<mark>") == 2


def search_document_column(setting):
    """Return a setting of the notifications' search document column (pg_attribute's `setting`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {setting} FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'search_vector'",
            [DepositaryNotification._meta.db_table],
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_a_notifications_search_document_is_kept_in_its_row_not_beside_it():
    # STORAGE MAIN: the full text goes out of line first, so that checking and
    # ranking a match does not read its document back from the TOAST table.
    assert search_document_column("attstorage") == "m"


@pytest.mark.postgres
def test_postgresql_keeps_ten_times_the_usual_words_of_the_search_documents_in_its_statistics():
    # So that a rare word is planned as rare: its page looks up the few treaties it lists.
    assert search_document_column("attstattarget") == 1000


@pytest.mark.postgres
def test_words_are_matched_by_their_stem(lithuania):
    assert references(DepositaryNotification.objects.search('withdrawals "armed conflicts"')) == [lithuania.reference]


@pytest.mark.postgres
def test_a_reference_cited_in_the_text_is_found_after_the_notification_it_names(lithuania, citing):
    found = references(DepositaryNotification.objects.search("C.N.362.2025"))

    assert found == [lithuania.reference, citing.reference]
    assert references(DepositaryNotification.objects.search("381.2003")) == [lithuania.reference]


@pytest.mark.postgres
def test_stop_words_alone_filter_nothing(lithuania, turkiye):
    assert DepositaryNotification.objects.search("the of and").count() == 2


@pytest.mark.postgres
def test_the_search_query_uses_the_gin_index(lithuania, turkiye):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    for typed in ["withdrawal", "Lithuania withdrawal", "362.2025", '"armed conflict of 2024"']:
        plan = DepositaryNotification.objects.search(typed)[:20].explain()
        assert "Bitmap Index Scan on notifications_search" in plan, plan
    # A phrase of two words is found by its pair; with another word, by whichever index PostgreSQL finds the
    # more selective on so small a table (either, by the statistics other tests left).
    plan = DepositaryNotification.objects.search('"armed conflict"')[:20].explain()
    assert "Bitmap Index Scan on notifications_phrase_pairs" in plan, plan
    plan = DepositaryNotification.objects.search('humanitarian -Ukraine "armed conflict"')[:20].explain()
    assert any(f"Bitmap Index Scan on notifications_{index}" in plan for index in ("phrase_pairs", "search")), plan
    plan = QuotedPassage.objects.search("humanitarian")[:20].explain()
    assert "Bitmap Index Scan on notifications_passage_search" in plan, plan


@pytest.mark.postgres
def test_saving_keeps_the_search_documents_current(lithuania):
    def found(typed):
        return references(DepositaryNotification.objects.search(typed))

    passage = make_passage(lithuania, "Demining will start without delay.", order=2)
    assert found("demining") == [lithuania.reference]
    assert [p.pk for p in QuotedPassage.objects.search("demining")] == [passage.pk]

    passage.text = "Fencing and signs will protect civilians."
    passage.save()
    assert found("demining") == []
    assert found("fencing") == [lithuania.reference]

    passage.delete()
    assert found("fencing") == []

    ParticipantName.objects.create(participant=lithuania.participant, name="Lietuva")
    assert found("Lietuva") == [lithuania.reference]

    lithuania.heading = "LITHUANIA: NOTIFICATION OF WITHDRAWAL (CORRIGENDUM)"
    lithuania.save()
    assert found("corrigendum") == [lithuania.reference]

    lithuania.treaty.short_title = "Ottawa Convention"
    lithuania.treaty.save()
    assert found("Ottawa") == [lithuania.reference]


@pytest.mark.postgres
def test_refresh_search_vectors_indexes_bulk_created_notifications(mine_ban):
    DepositaryNotification.objects.bulk_create(
        DepositaryNotification(treaty=mine_ban, reference=f"C.N.{number}.2025", text="Bulk communication.")
        for number in range(1, 4)
    )
    assert DepositaryNotification.objects.search("bulk").count() == 0

    assert refresh_search_vectors() == 3
    assert DepositaryNotification.objects.search("bulk").count() == 3


# -- Any query at all ------------------------------------------------------

QUERY_FRAGMENTS = [
    '"',
    "-",
    "or",
    "OR",
    "(",
    ")",
    "&",
    "|",
    "!",
    "<->",
    ":*",
    "'",
    ";",
    "--",
    "\x00",
    "\x02",
    "\x03",
    "\\",
    "%",
    "DROP TABLE notifications_depositarynotification;",
    "' OR 1=1 --",
    "C.N.362.2025",
    "C.N.362.2025.TREATIES-XXVI.5",
    "362.2025",
    "XXVI.5",
    "Lithuania",
    "Turkiye",
    "withdrawal",
    "the",
    "\u202e",
    "🙂",
    "x" * 3000,
]
odd_queries = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(QUERY_FRAGMENTS), max_size=20).map(" ".join),
    st.lists(st.sampled_from(QUERY_FRAGMENTS), max_size=20).map("".join),
    st.text(alphabet="\"-()&|!:*<>\\'orOR .\x00", max_size=60),
)


def assert_searchable(text):
    """Search for `text` every way the pages can, and check each answer is well formed."""
    for notification in DepositaryNotification.objects.search(text)[:5]:
        assert isinstance(notification.snippet, SafeString)
        assert isinstance(notification.rank, float)
    DepositaryNotification.objects.search(text).count()
    list(DepositaryNotification.objects.search(text).values("reference", "rank", "snippet")[:5])
    list(search_notifications(DepositaryNotification.objects.all(), text, full_text=False)[:5])
    for passage in QuotedPassage.objects.search(text)[:5]:
        assert isinstance(passage.snippet, SafeString)
    list(participant_name_filter(Participant.objects.all(), text)[:5])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_queries)
def test_any_query_string_returns_results_or_nothing(lithuania, turkiye, text):
    assert_searchable(text)


@pytest.mark.postgres
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_queries)
def test_any_query_string_returns_results_or_nothing_on_postgresql(lithuania, turkiye, citing, text):
    assert_searchable(text)
