"""The plain public pages: they load, show the data, and cost a fixed number of queries."""

from datetime import date

import pytest

from notifications.models import NotificationReference, QuotedPassage
from tests.builders import make_act, make_notification, make_participant, make_treaty
from treaties.models import ActKind

pytestmark = pytest.mark.django_db

# treaties; latest notifications with their treaties (one join)
HOME_QUERIES = 2
# treaty; its acts with their participants (one join)
TREATY_QUERIES = 2
# participant; its other names; its acts with their treaties (one join)
PARTICIPANT_QUERIES = 3
# notification with treaty and participant; passages; their themes; citations out; citations in
NOTIFICATION_QUERIES = 5


def make_many(count):
    treaty = make_treaty()
    for index in range(count):
        participant = make_participant(name=f"State {index}", slug=f"state-{index}")
        make_act(treaty=treaty, participant=participant, date=date(2000, 1, 1 + index % 28))
        make_notification(treaty=treaty, participant=participant, reference=f"C.N.{index + 1}.2025.TREATIES-XXVI.5")
    return treaty


@pytest.mark.parametrize("count", [1, 12])
def test_the_home_page_lists_treaties_and_latest_notifications_in_fixed_queries(
    client, django_assert_num_queries, count
):
    make_many(count)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert response.status_code == 200
    assert "Mine Ban Convention" in response.text
    # The ten latest, newest first.
    assert f"C.N.{count}.2025.TREATIES-XXVI.5" in response.text
    assert response.text.count('href="/notifications/') == min(count, 10)


def test_the_home_page_says_when_nothing_is_loaded(client):
    response = client.get("/")

    assert "No treaties are loaded yet." in response.text
    assert "No notifications are loaded yet." in response.text


@pytest.mark.parametrize("count", [1, 12])
def test_a_treaty_page_lists_every_act_in_fixed_queries(client, django_assert_num_queries, count):
    treaty = make_many(count)

    with django_assert_num_queries(TREATY_QUERIES):
        response = client.get(f"/treaties/{treaty.slug}/")

    assert response.status_code == 200
    assert response.text.count('<th scope="row">') == count


def test_a_participant_page_lists_its_acts_across_treaties_in_fixed_queries(client, django_assert_num_queries):
    lithuania = make_participant(name="Lithuania")
    for number in ["5", "6"]:
        treaty = make_treaty(number=number)
        make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/lithuania/")

    assert response.status_code == 200
    assert response.text.count("Withdrawal or denunciation") == 2


def test_a_notification_page_shows_its_reasons_and_citations_in_fixed_queries(client, django_assert_num_queries):
    treaty = make_treaty()
    notification = make_notification(treaty=treaty, text="Reasons: <script>alert(1)</script> & more.")
    QuotedPassage.objects.create(notification=notification, order=1, text="<script>alert(1)</script> & more")
    NotificationReference.objects.create(source=notification, reference="C.N.381.2003.TREATIES-XXVI.5")

    with django_assert_num_queries(NOTIFICATION_QUERIES):
        response = client.get("/notifications/C.N.362.2025.TREATIES-XXVI.5/")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in response.text
    assert "C.N.381.2003.TREATIES-XXVI.5 (not stored here)" in response.text


@pytest.mark.parametrize(
    "url", ["/treaties/no-such-treaty/", "/participants/atlantis/", "/notifications/C.N.1.1900.TREATIES-I.1/"]
)
def test_unknown_records_are_not_found(client, url):
    assert client.get(url).status_code == 404
