"""One search finds treaties, participants, notifications, reasons and reservations, grouped by kind."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from notifications.models import QuotedPassage
from notifications.search import MAX_QUERY_LENGTH
from search import groups
from tests.builders import make_act, make_notification, make_participant, make_treaty
from treaties.models import ActKind, Participant, ParticipantName, Treaty

pytestmark = pytest.mark.django_db

# Whatever the data size: treaties; participants (each query also counts all
# its group's matches); then the count of matches, up to a cap, and the first
# matches: of notifications with treaty and participant (2); of reasons with
# their notification, treaty and participant (2); of reservations and
# declarations with their act, treaty and participant (2). On PostgreSQL, one
# more before the notifications: the participants a word of the query nearly
# names ("Turkiye"), read once for the count and the page.
SEARCH_QUERIES = 8 + (connection.vendor == "postgresql")

LITHUANIA_WITHDRAWAL = "C.N.362.2025.TREATIES-XXVI.5"
# Quoted from Lithuania's instrument of withdrawal (C.N.362.2025.TREATIES-XXVI.5).
LITHUANIA_REASON = (
    "Moreover, the use of anti-personnel mines would exert psychological pressure on enemy forces before and"
    " during combat, leading to fatigue and reduced discipline of enemy forces."
)
# Argentina's declaration on the ICCPR, from the UN status page of 14 March 2015.
ARGENTINA_DECLARATION = (
    "The Argentine Government states that the application of the second part of article 15 of the International"
    " Covenant on Civil and Political Rights shall be subject to the principle laid down in article 18 of the"
    " Argentine National Constitution."
)


@pytest.fixture
def world():
    """Build the Mine Ban Convention with Lithuania's withdrawal and reason, the Rome Statute, the ICCPR."""
    mine_ban = make_treaty(
        slug="mine-ban-convention",
        short_title="Anti-Personnel Mine Ban Convention",
        other_names="Ottawa Convention\nMine Ban Treaty",
    )
    rome = make_treaty(
        chapter="XVIII",
        number="10",
        slug="rome-statute",
        title="Rome Statute of the International Criminal Court",
        short_title="Rome Statute",
        adoption_place="Rome",
        adoption_date=date(1998, 7, 17),
        entry_into_force=date(2002, 7, 1),
    )
    iccpr = make_treaty(
        chapter="IV",
        number="4",
        slug="iccpr",
        title="International Covenant on Civil and Political Rights",
        short_title="ICCPR",
        adoption_place="New York",
        adoption_date=date(1966, 12, 16),
        entry_into_force=date(1976, 3, 23),
    )
    lithuania = make_participant(name="Lithuania")
    hungary = make_participant(name="Hungary")
    argentina = make_participant(name="Argentina")
    make_act(treaty=rome, participant=hungary, date=date(2001, 11, 30))
    notification = make_notification(
        treaty=mine_ban, participant=lithuania, reference=LITHUANIA_WITHDRAWAL, text=LITHUANIA_REASON
    )
    QuotedPassage.objects.create(notification=notification, order=1, text=LITHUANIA_REASON)
    ratification = make_act(treaty=iccpr, participant=argentina, date=date(1986, 8, 8))
    QuotedPassage.objects.create(
        act=ratification,
        order=1,
        text=ARGENTINA_DECLARATION,
        source_url="http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-4&chapter=4&lang=en",
    )


def search(client, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    return response


def group(response, kind):
    """Return the group of this kind (treaties, participants...) on the results page."""
    [found] = [group for group in response.context["groups"] if group.kind == kind]
    return found


def names(response, kind):
    hits = group(response, kind).hits
    if kind == "treaties":
        return [hit.slug for hit in hits]
    if kind == "participants":
        return [hit.name for hit in hits]
    if kind == "notifications":
        return [hit.reference for hit in hits]
    return [hit.text for hit in hits]


@pytest.mark.usefixtures("world")
class TestEachKindOfTermFindsItsRecord:
    def test_a_popular_name_finds_its_treaty(self, client):
        assert names(search(client, "Ottawa"), "treaties") == ["mine-ban-convention"]

    def test_a_short_title_finds_its_treaty(self, client):
        assert names(search(client, "Rome Statute"), "treaties")[0] == "rome-statute"

    @pytest.mark.parametrize("typed", ["XXVI.5", "xxvi-5", "c.n.362.2025.treaties-xxvi.5"])
    def test_a_treaty_number_finds_its_treaty(self, client, typed):
        assert names(search(client, typed), "treaties") == ["mine-ban-convention"]

    def test_a_name_finds_its_participant(self, client):
        response = search(client, "Hungary")

        assert names(response, "participants") == ["Hungary"]
        assert b"<mark>Hungary</mark>" in response.content

    def test_a_former_name_finds_its_participant(self, client):
        hungary = Participant.objects.get(name="Hungary")
        ParticipantName.objects.create(participant=hungary, name="Hungarian People's Republic")

        response = search(client, "Hungarian")

        assert names(response, "participants") == ["Hungary"]
        assert b"also named <mark>Hungarian</mark> People&#x27;s Republic" in response.content

    @pytest.mark.parametrize(
        "typed", [LITHUANIA_WITHDRAWAL, "CN.362.2025", "c.n.362.2025.treaties-xxvi.5", "CN.362.2025-Eng.pdf"]
    )
    def test_a_reference_in_any_spelling_finds_its_notification(self, client, typed):
        assert names(search(client, typed), "notifications") == [LITHUANIA_WITHDRAWAL]

    def test_a_word_of_a_quoted_reason_finds_the_reason(self, client):
        response = search(client, "fatigue")

        assert names(response, "reasons") == [LITHUANIA_REASON]
        assert names(response, "reservations") == []
        assert re.search(r"<mark>fatigue</mark>", response.content.decode())

    def test_a_word_of_a_reservation_finds_the_reservation(self, client):
        response = search(client, "Constitution")

        assert names(response, "reservations") == [ARGENTINA_DECLARATION]
        assert names(response, "reasons") == []
        assert b"<mark>Constitution</mark>" in response.content

    def test_an_excluded_word_excludes_the_treaties_it_names(self, client):
        assert names(search(client, "Convention -Ottawa"), "treaties") == []
        assert names(search(client, "Mines -Rome"), "treaties") == ["mine-ban-convention"]

    def test_a_group_with_no_match_says_so(self, client):
        response = search(client, "Hungary")

        assert names(response, "reservations") == []
        assert b"No reservation or declaration matches." in response.content


@pytest.mark.postgres
@pytest.mark.usefixtures("world")
class TestRankingAndHighlightingOnPostgres:
    def test_a_near_spelling_of_a_popular_name_finds_its_treaty(self, client):
        assert names(search(client, "Otawa Convention"), "treaties") == ["mine-ban-convention"]

    def test_a_stemmed_word_finds_the_reason_with_the_headline_marked(self, client):
        response = search(client, "fatigued forces")

        [reason] = group(response, "reasons").hits
        assert "<mark>fatigue</mark>" in reason.snippet
        assert "<mark>forces</mark>" in reason.snippet

    def test_the_treaty_a_number_names_comes_before_the_treaties_that_merely_mention_words(self, client):
        response = search(client, "XVIII.10 or Convention")

        assert names(response, "treaties")[0] == "rome-statute"

    def test_an_excluded_word_excludes_and_is_not_marked(self, client):
        response = search(client, "Mines -Rome")

        [treaty] = group(response, "treaties").hits
        assert treaty.slug == "mine-ban-convention"
        assert "<mark>Mines</mark>" in treaty.snippet
        assert treaty.rank > 0.01
        assert names(search(client, "Mines -Ottawa"), "treaties") == []
        assert names(search(client, "enemy -fatigue"), "reasons") == []

    def test_it_says_nothing_about_simple_search(self, client):
        assert b"Simple search" not in search(client, "Ottawa").content

    def test_a_renamed_treaty_is_found_by_its_new_names_through_the_indexes(self, client):
        treaty = Treaty.objects.get(slug="mine-ban-convention")
        treaty.other_names = "Landmine Treaty"
        treaty.save()

        assert names(search(client, "Landmine Treaty"), "treaties") == ["mine-ban-convention"]
        assert names(search(client, "Landmine Treety"), "treaties") == ["mine-ban-convention"]
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = groups._treaties("Landmine", full_text=True).explain()
        assert "treaties_treaty_document" in plan, plan
        assert "treaties_treaty_names_trigrams" in plan, plan


@pytest.mark.usefixtures("world")
def test_on_sqlite_it_says_that_ranking_needs_postgresql(client):
    response = search(client, "Ottawa")

    full_text = response.context["full_text"]
    assert (b"Ranking, word stems, near spellings and highlighted passages need PostgreSQL" in response.content) != (
        full_text
    )


def test_a_search_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for count in (1, 14):
        for index in range(count):
            treaty = make_treaty(chapter="XXVI", number=str(100 + index + count), short_title=f"Convention {index}")
            state = make_participant(name=f"Convention State {count}-{index}")
            act = make_act(treaty=treaty, participant=state, kind=ActKind.RATIFICATION)
            notice = make_notification(
                treaty=treaty, participant=state, reference=f"C.N.{index + 1}.{2000 + count}", text="Convention"
            )
            QuotedPassage.objects.create(notification=notice, order=1, text="Convention")
            QuotedPassage.objects.create(act=act, order=1, text="Convention")
        with django_assert_num_queries(SEARCH_QUERIES):
            response = search(client, "Convention")
        for kind in ("treaties", "participants", "notifications", "reasons", "reservations"):
            assert group(response, kind).total == (1 if count == 1 else 15)
            assert len(group(response, kind).hits) == min(group(response, kind).total, 10)


def test_a_cut_group_links_to_its_own_list_filtered_by_the_query(client):
    treaty = make_treaty()
    for index in range(12):
        state = make_participant(name=f"Island State {index:02}")
        make_notification(treaty=treaty, participant=state, reference=f"C.N.{index + 1}.2025", text="Islands")

    response = search(client, "Island")

    assert group(response, "participants").see_all == "/participants/?name=Island"
    assert b'<a href="/participants/?name=Island">see all 12</a>' in response.content
    assert b'<a href="/notifications/?q=Island">see all 12</a>' in response.content
    assert client.get("/participants/", {"name": "Island"}).context["page"].paginator.count == 12


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_search_asks_for_a_word_and_searches_nothing(client, typed, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/search/", {"q": typed})

    assert response.status_code == 200
    assert response.context["groups"] is None
    assert b"Type a word, a name or a reference to search every record." in response.content


@pytest.mark.parametrize("typed", ['"', "- or -", "…"])
def test_a_search_with_no_word_says_so(client, typed):
    response = client.get("/search/", {"q": typed})

    assert response.status_code == 200
    assert b"That search has no word to look for" in response.content


def test_a_too_long_search_is_a_form_error(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/search/", {"q": "mine " * MAX_QUERY_LENGTH})

    assert response.status_code == 400
    assert f"Search for at most {MAX_QUERY_LENGTH} characters".encode() in response.content
    assert response.context["groups"] is None


def test_the_page_without_a_query_shows_the_form(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert b'role="search"' in response.content
    assert b'name="q"' in response.content


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """Load the shipped data once for this module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_reference_data", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("shipped")
class TestOnTheShippedData:
    @pytest.mark.parametrize(
        ("typed", "kind", "expected"),
        [
            ("Ottawa", "treaties", "mine-ban-convention"),
            ("Rome Statute", "treaties", "rome-statute"),
            ("XXVI.5", "treaties", "mine-ban-convention"),
            ("Hungary", "participants", "Hungary"),
            ("CN.362.2025", "notifications", LITHUANIA_WITHDRAWAL),
            ("c.n.362.2025.treaties-xxvi.5", "notifications", LITHUANIA_WITHDRAWAL),
        ],
    )
    def test_each_kind_of_term_finds_its_record_first(self, client, typed, kind, expected):
        assert names(search(client, typed), kind)[0] == expected

    def test_a_word_of_lithuanias_reasons_finds_them(self, client):
        [reason] = names(search(client, "fatigue"), "reasons")

        assert "leading to fatigue and reduced discipline of enemy forces" in reason

    def test_a_word_of_a_un_reservation_finds_it(self, client):
        response = search(client, '"Argentine National Constitution"')

        assert any(text.startswith("The Argentine Government states") for text in names(response, "reservations"))
        assert group(response, "reservations").total >= 1

    def test_a_search_on_the_whole_data_costs_the_same_queries(self, client, django_assert_num_queries):
        with django_assert_num_queries(SEARCH_QUERIES):
            search(client, "withdrawal")


def test_a_group_past_the_ranking_cap_says_more_than_and_shows_the_newest(client, monkeypatch):
    monkeypatch.setattr(groups, "RANKED_UP_TO", 2)
    treaty = make_treaty(chapter="XXVI", number="990")
    for index in range(3):
        make_notification(
            treaty=treaty,
            reference=f"C.N.{index + 1}.{2001 + index}",
            heading="ISLANDS" if index == 0 else "DECLARATION",
            date_issued=date(2001 + index, 1, 10),
            date_effected=date(2001 + index, 1, 5),
            text="Islands",
        )

    response = search(client, "Islands")

    found = group(response, "notifications")
    assert found.capped and found.total == 2
    assert [hit.reference for hit in found.hits] == ["C.N.3.2003", "C.N.2.2002", "C.N.1.2001"]
    assert b"More than 2 matches, too many to rank by relevance; the newest 3 are shown" in response.content
    assert b"Depositary notifications</a> (more than 2)" in response.content
