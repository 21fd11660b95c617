"""The admin's long lists: counted up to a cap and said so, searched through indexes, sorted on indexed columns."""

from datetime import date

import pytest
from django.contrib import admin

from editing.paging import capped_page_range
from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage, Theme
from tests.builders import make_act, make_notification, make_participant, make_treaty
from treaties.models import ParticipationAct

pytestmark = pytest.mark.django_db

ACTS = "/admin/treaties/participationact/"
NOTIFICATIONS = "/admin/notifications/depositarynotification/"


@pytest.fixture
def seven_acts():
    """Seven acts of seven states on one treaty, dated one year apart from 2001."""
    treaty = make_treaty()
    return [
        make_act(treaty=treaty, participant=make_participant(name=f"State {index}"), date=date(2001 + index, 1, 1))
        for index in range(7)
    ]


@pytest.fixture
def cap_of_three(monkeypatch):
    """Count acts up to 3 and show 2 a page."""
    monkeypatch.setattr("editing.admin.COUNT_CAP", 3)
    monkeypatch.setattr(admin.site.get_model_admin(ParticipationAct), "list_per_page", 2)


def test_a_list_longer_than_the_cap_says_more_than_the_cap_never_a_total(client, editor, seven_acts, cap_of_three):
    response = client.get(ACTS)

    assert "more than 3 participation acts" in response.text
    assert "7 participation acts" not in response.text
    assert "4 participation acts" not in response.text


def test_a_list_within_the_cap_gives_its_exact_count(client, editor, seven_acts, monkeypatch):
    monkeypatch.setattr("editing.admin.COUNT_CAP", 7)

    response = client.get(ACTS)

    assert "7 participation acts" in response.text
    assert "more than" not in response.text


def test_a_search_past_the_cap_says_more_than_the_cap_results(client, editor, seven_acts, monkeypatch):
    monkeypatch.setattr("editing.admin.SEARCH_COUNT_CAP", 3)

    response = client.get(ACTS, {"q": "State"})

    assert "more than 3 results" in response.text


def test_the_pages_past_the_cap_open_one_after_the_other_until_the_last(client, editor, seven_acts, cap_of_three):
    fourth = client.get(ACTS, {"p": "4"})
    past_the_end = client.get(ACTS, {"p": "5"})

    assert [act.participant.name for act in fourth.context["cl"].result_list] == ["State 6"]
    assert 'href="?p=3"' in fourth.text
    assert 'href="?p=5"' not in fourth.text
    assert past_the_end.status_code == 302
    assert past_the_end["Location"].endswith("?e=1")


def test_a_page_past_the_cap_links_the_next_page_while_there_is_one(client, editor, seven_acts, cap_of_three):
    response = client.get(ACTS, {"p": "2"})

    assert [act.participant.name for act in response.context["cl"].result_list] == ["State 2", "State 3"]
    assert 'href="?p=3"' in response.text
    assert 'href="?p=1"' in response.text


def test_a_page_number_that_is_no_number_shows_the_first_page(client, editor, seven_acts, cap_of_three):
    response = client.get(ACTS, {"p": "two"})

    assert [act.participant.name for act in response.context["cl"].result_list] == ["State 0", "State 1"]


def test_the_page_links_reach_back_to_the_first_page_and_forward_one_page():
    assert capped_page_range(1, has_next=True) == [1, 2, "…"]
    assert capped_page_range(3, has_next=False) == [1, 2, 3]
    assert capped_page_range(9, has_next=True) == [1, "…", 6, 7, 8, 9, 10, "…"]


def test_the_year_filter_lists_the_years_from_the_first_act_to_the_last_and_filters_by_one(client, editor, seven_acts):
    response = client.get(ACTS, {"date__year": "2003"})

    assert [act.participant.name for act in response.context["cl"].result_list] == ["State 2"]
    assert 'href="?date__year=2007"' in response.text
    assert 'href="?date__year=2001"' in response.text
    assert 'href="?date__year=2008"' not in response.text


def test_a_year_that_is_no_year_is_refused_without_an_error_page(client, editor, seven_acts):
    response = client.get(ACTS, {"date__year": "soon"})

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_an_address_asking_to_sort_on_a_column_without_an_index_keeps_the_lists_order(client, editor, seven_acts):
    participant_column = "1"

    response = client.get(ACTS, {"o": f"-{participant_column}"})

    assert [act.participant.name for act in response.context["cl"].result_list][:2] == ["State 0", "State 1"]
    assert f'href="?o={participant_column}"' not in response.text


def test_the_acts_are_sorted_by_date_both_ways(client, editor, seven_acts):
    date_column = "4"

    response = client.get(ACTS, {"o": f"-{date_column}"})

    assert [act.participant.name for act in response.context["cl"].result_list][:2] == ["State 6", "State 5"]


@pytest.fixture
def three_notifications():
    mines = make_treaty()
    ozone = make_treaty(
        chapter="XXVII",
        number="2",
        title="Vienna Convention for the Protection of the Ozone Layer",
        short_title="Vienna Ozone Convention",
    )
    lithuania, france = make_participant(name="Lithuania"), make_participant(name="France")
    make_notification(treaty=mines, participant=lithuania)
    make_notification(
        treaty=ozone,
        participant=france,
        reference="C.N.17.1990.TREATIES-XXVII.2",
        heading="FRANCE: RATIFICATION",
        date_effected=date(1990, 1, 20),
        date_issued=date(1990, 2, 1),
    )
    make_notification(
        treaty=mines,
        participant=france,
        reference="C.N.401.2003.TREATIES-XXVI.5",
        heading="FRANCE: RATIFICATION",
        date_effected=date(2003, 5, 12),
        date_issued=date(2003, 5, 20),
    )


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("C.N.362.2025", ["C.N.362.2025.TREATIES-XXVI.5"]),
        ("C.N.17.1990.TREATIES-XXVII.2", ["C.N.17.1990.TREATIES-XXVII.2"]),
        # The simple search on SQLite reads no treaty names: only PostgreSQL's document holds them.
        pytest.param("Ozone", ["C.N.17.1990.TREATIES-XXVII.2"], marks=pytest.mark.postgres),
        ("France", ["C.N.401.2003.TREATIES-XXVI.5", "C.N.17.1990.TREATIES-XXVII.2"]),
        pytest.param("France Mine", ["C.N.401.2003.TREATIES-XXVI.5"], marks=pytest.mark.postgres),
        ("Lithuania", ["C.N.362.2025.TREATIES-XXVI.5"]),
    ],
)
def test_the_notification_search_finds_a_reference_a_treaty_or_a_participant(
    client, editor, three_notifications, search, found
):
    response = client.get(NOTIFICATIONS, {"q": search})

    assert [notification.reference for notification in response.context["cl"].result_list] == found


def test_the_notification_search_says_what_it_reads(client, editor, three_notifications):
    response = client.get(NOTIFICATIONS)

    assert "Whole words of the reference, heading, text" in response.text


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("State 3", ["State 3"]),
        ("Mine Ban State 3", ["State 3"]),
        ("XXVI.5 State 3", ["State 3"]),
        ("C.N.40", ["State 4"]),
        ("c.n.40", ["State 4"]),
        ("Ozone", []),
    ],
)
def test_the_act_search_finds_a_participant_a_treaty_or_a_reference(client, editor, seven_acts, search, found):
    act = seven_acts[4]
    act.reference = "C.N.401.2003.TREATIES-XXVI.5"
    act.save()

    response = client.get(ACTS, {"q": search})

    assert sorted(act.participant.name for act in response.context["cl"].result_list) == found


def test_the_notification_list_has_no_date_hierarchy_but_a_year_of_issue_filter(client, editor, three_notifications):
    response = client.get(NOTIFICATIONS, {"date_issued__year": "2025"})

    assert [notification.reference for notification in response.context["cl"].result_list] == [
        "C.N.362.2025.TREATIES-XXVI.5"
    ]
    assert DepositaryNotification.objects.count() == 3


@pytest.fixture
def quoted_and_cited(three_notifications):
    lithuania = DepositaryNotification.objects.get(reference="C.N.362.2025.TREATIES-XXVI.5")
    QuotedPassage.objects.create(notification=lithuania, order=1, text="The above action was effected")
    NotificationReference.objects.create(source=lithuania, reference="C.N.401.2003.TREATIES-XXVI.5")


@pytest.mark.parametrize(
    ("search", "found"),
    [("effected", 1), ("C.N.362", 1), ("c.n.362.2025", 1), ("C.N.401", 0), ("withdrawn", 0)],
)
def test_the_passage_search_finds_the_words_of_a_passage_or_its_notifications_reference(
    client, editor, quoted_and_cited, search, found
):
    response = client.get("/admin/notifications/quotedpassage/", {"q": search})

    assert len(response.context["cl"].result_list) == found


@pytest.mark.parametrize(("search", "found"), [("C.N.401", 1), ("C.N.362.2025", 1), ("C.N.17", 0), ("", 1)])
def test_the_citation_search_finds_the_beginning_of_either_reference(client, editor, quoted_and_cited, search, found):
    response = client.get("/admin/notifications/notificationreference/", {"q": search})

    assert len(response.context["cl"].result_list) == found


def test_the_passages_of_one_theme_are_listed_once_each_and_a_theme_that_is_no_id_is_refused(
    client, editor, quoted_and_cited
):
    security, treaty_law = Theme.objects.create(name="Security"), Theme.objects.create(name="Treaty law", slug="law")
    passage = QuotedPassage.objects.get()
    passage.themes.add(security, treaty_law)

    listed = client.get("/admin/notifications/quotedpassage/", {"themes__id__exact": security.pk})
    refused = client.get("/admin/notifications/quotedpassage/", {"themes__id__exact": "security"})

    assert list(listed.context["cl"].result_list) == [passage]
    assert refused.status_code == 302
    assert refused["Location"].endswith("?e=1")


# session; editor; count (up to the search cap); a page of acts with their participants and treaties
ACT_AUTOCOMPLETE_QUERIES = 4


def test_the_act_autocomplete_names_each_act_in_fixed_queries(client, editor, seven_acts, django_assert_num_queries):
    query = {"term": "State", "app_label": "notifications", "model_name": "quotedpassage", "field_name": "act"}

    with django_assert_num_queries(ACT_AUTOCOMPLETE_QUERIES):
        response = client.get("/admin/autocomplete/", query)

    assert sorted(result["text"] for result in response.json()["results"])[0].startswith("State 0")
    assert len(response.json()["results"]) == 7
