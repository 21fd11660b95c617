"""Lists filter by a treaty or a participant typed as a visitor knows it, and old links keep working."""

import json

import pytest

from notifications.models import Theme
from tests.builders import make_notified_withdrawal, make_participant, make_treaty
from treaties.models import ParticipantName

pytestmark = pytest.mark.django_db

# the treaty typed (one query: slug, number or title); count; notifications with treaty and participant
FILTERED_NOTIFICATION_LIST_QUERIES = 3


@pytest.fixture
def notices():
    """Two notifications on two treaties, by Türkiye and by Lithuania, each quoting a reason."""
    mine_ban = make_treaty(slug="mine-ban")
    rome = make_treaty(
        chapter="XVIII",
        number="10",
        slug="rome-statute",
        title="Rome Statute of the International Criminal Court",
        short_title="Rome Statute",
    )
    turkiye, lithuania = make_participant(name="Türkiye", slug="turkiye"), make_participant(name="Lithuania")
    ParticipantName.objects.create(participant=turkiye, name="Turkey")
    theme = Theme.objects.create(name="Security", slug="security")
    for treaty, participant, reference in [
        (mine_ban, lithuania, "C.N.362.2025.TREATIES-XXVI.5"),
        (rome, turkiye, "C.N.1.2025.TREATIES-XVIII.10"),
    ]:
        make_notified_withdrawal(
            treaty=treaty,
            participant=participant,
            passage=f"The reason of {participant}.",
            theme=theme,
            reference=reference,
        )


def references(response):
    return [notification.reference for notification in response.context["page"]]


@pytest.mark.parametrize("typed", ["mine-ban", "XXVI.5", "xxvi-5", "Mine Ban Convention", "mine ban"])
def test_a_treaty_is_found_by_slug_number_or_title(client, notices, typed, django_assert_num_queries):
    with django_assert_num_queries(FILTERED_NOTIFICATION_LIST_QUERIES + (typed == "mine ban")):
        response = client.get("/notifications/", {"treaty": typed})

    assert response.status_code == 200
    assert references(response) == ["C.N.362.2025.TREATIES-XXVI.5"]


@pytest.mark.parametrize("typed", ["turkiye", "Türkiye", "Turkey", "turkey"])
def test_a_participant_is_found_by_slug_or_any_of_its_names(client, notices, typed):
    response = client.get("/notifications/", {"participant": typed})

    assert response.status_code == 200
    assert references(response) == ["C.N.1.2025.TREATIES-XVIII.10"]


def test_the_links_people_cite_still_work_on_both_lists(client, notices):
    notifications = client.get("/notifications/?treaty=rome-statute&participant=turkiye")
    reasons = client.get("/reasons/?treaty=mine-ban&participant=lithuania")

    assert references(notifications) == ["C.N.1.2025.TREATIES-XVIII.10"]
    assert [passage.text for passage in reasons.context["page"]] == ["The reason of Lithuania."]


def test_an_unknown_treaty_is_a_form_error_that_says_what_to_type(client, notices):
    response = client.get("/notifications/", {"treaty": "no-such-treaty"})

    assert response.status_code == 400
    assert "No treaty is known by “no-such-treaty”: give its MTDSG number (e.g. XXVI.5)" in response.text


def test_a_name_shared_by_several_treaties_is_a_form_error_naming_them(client, notices):
    make_treaty(chapter="XXVI", number="6", title="Convention on Cluster Munitions", short_title="Cluster Munitions")

    response = client.get("/reasons/", {"treaty": "Convention"})

    assert response.status_code == 400
    assert "“Convention” names more than one treaty (XXVI.5 Mine Ban Convention; XXVI.6 Cluster Munitions)" in (
        response.content.decode()
    )


def test_an_unknown_participant_in_a_json_export_is_a_json_400(client, notices):
    response = client.get("/notifications/", {"participant": "Atlantis", "format": "json"})

    assert response.status_code == 400
    assert json.loads(response.content)["fields"]["participant"] == [
        "No participant is known by “Atlantis”: give more of its name, or its address name (e.g. lithuania)."
    ]


def test_the_filters_offer_a_text_box_not_a_list_of_every_treaty_and_participant(client, notices):
    for index in range(30):
        make_treaty(chapter="IV", number=str(index + 1), short_title=f"Covenant {index}")

    for url in ["/notifications/", "/reasons/"]:
        response = client.get(url)
        assert '<input type="text" name="treaty"' in response.text
        assert '<input type="text" name="participant"' in response.text
        assert "Covenant 7" not in response.text


def panel_treaties(response):
    """Return the treaties a panel CSV has rows for."""
    lines = b"".join(response.streaming_content).decode().splitlines()
    column = lines[0].split(",").index("treaty")
    return sorted({line.split(",")[column] for line in lines[1:]})


@pytest.mark.parametrize(
    "query",
    [
        "treaty=mine-ban&treaty=rome-statute",
        "treaty=XXVI.5%3B+XVIII.10",
        "treaty=Mine+Ban+Convention%3B+rome-statute&treaty=mine-ban",
    ],
)
def test_the_panel_takes_several_treaties_repeated_or_in_one_box(client, notices, query):
    response = client.get(f"/data/panel/?{query}&format=csv")

    assert response.status_code == 200
    assert panel_treaties(response) == ["XVIII.10", "XXVI.5"]


def test_the_panel_refuses_more_treaties_than_it_streams_before_looking_any_up(client, notices):
    typed = "; ".join(f"treaty-{index}" for index in range(26))

    response = client.get("/data/panel/", {"treaty": typed, "format": "json"})

    assert response.status_code == 400
    assert response.json()["fields"]["treaty"] == [
        "Choose at most 25 treaties; every treaty's table is in each release."
    ]


def test_the_data_page_offers_text_boxes_not_a_list_of_every_treaty(client, notices):
    response = client.get("/data/")

    assert '<input type="text" name="treaty"' in response.text
    assert '<input type="text" name="participant"' in response.text
    assert "<select" not in response.text
