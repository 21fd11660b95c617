"""A notification's address in any spelling leads to its page; a notification only cited gets an honest page."""

import pytest

from notifications.models import DepositaryNotification, NotificationReference
from tests.builders import make_notification, make_participant
from tests.conftest import REFERENCE
from treaties.models import ActKind, Treaty

pytestmark = pytest.mark.django_db

CITED = "C.N.381.2003.TREATIES-XXVI.5"
# The footnote of C.N.362.2025.TREATIES-XXVI.5, as the shipped data has it.
CITED_CONTEXT = "of 12 May 2003 (Ratification: Lithuania)"

# the notification, found by its reference's key in any spelling (with treaty and participant)
REDIRECT_QUERIES = 1
# the notification (none stored); the citations of the reference with their
# notifications, treaties and participants
NOT_STORED_QUERIES = 2
# notification; passages; themes; acts; outgoing citations; incoming citations
NOTIFICATION_QUERIES = 6


@pytest.fixture
def cited(small_world):
    """Cite Lithuania's ratification of 2003 from its withdrawal of 2025, as the real footnote does."""
    citing = DepositaryNotification.objects.get(reference=REFERENCE)
    NotificationReference.objects.create(source=citing, reference=CITED, context=CITED_CONTEXT)


@pytest.mark.parametrize(
    "spelling",
    [
        "c.n.362.2025.treaties-xxvi.5",
        "CN.362.2025.TREATIES-XXVI.5",
        "cn.362.2025.treaties-xxvi-5",
        "C.N.%20362.2025.TREATIES-XXVI.5",
        "C.N.362.2025.TREATIES-XXVI.5%20",
    ],
)
def test_a_notifications_address_in_any_spelling_redirects_for_good_to_its_own(
    client, small_world, django_assert_num_queries, spelling
):
    with django_assert_num_queries(REDIRECT_QUERIES):
        response = client.get(f"/notifications/{spelling}/")

    assert response.status_code == 301
    assert response["Location"] == f"/notifications/{REFERENCE}/"


def test_the_redirect_keeps_the_query(client, small_world):
    response = client.get("/notifications/cn.362.2025.treaties-xxvi.5/", {"format": "json"})

    assert response["Location"] == f"/notifications/{REFERENCE}/?format=json"
    assert client.get(response["Location"]).status_code == 200


def test_a_notification_is_found_by_the_case_it_is_stored_in_when_that_is_not_the_usual_one(client, small_world):
    make_notification(treaty=Treaty.objects.get(), reference="C.N.7.2025.treaties-xxvi.5", kind=ActKind.ACCESSION)

    assert client.get("/notifications/C.N.7.2025.treaties-xxvi.5/").status_code == 200
    assert client.get("/notifications/C.N.7.2025.TREATIES-XXVI.5/")["Location"] == (
        "/notifications/C.N.7.2025.treaties-xxvi.5/"
    )


def test_a_notification_page_links_the_depositarys_copies_in_english_and_french(
    client, small_world, django_assert_num_queries
):
    with django_assert_num_queries(NOTIFICATION_QUERIES):
        response = client.get(f"/notifications/{REFERENCE}/")

    assert response.status_code == 200
    assert (
        '<a href="https://treaties.un.org/doc/Publication/CN/2025/CN.362.2025-Eng.pdf" hreflang="en" '
        'type="application/pdf">English (PDF)</a>' in response.text
    )
    assert (
        '<a href="https://treaties.un.org/doc/Publication/CN/2025/CN.362.2025-Frn.pdf" hreflang="fr" '
        'type="application/pdf">French (PDF)</a>' in response.text
    )


def test_a_cited_notification_says_plainly_the_site_does_not_hold_it(client, cited, django_assert_num_queries):
    with django_assert_num_queries(NOT_STORED_QUERIES):
        response = client.get(f"/notifications/{CITED}/")

    assert response.status_code == 404
    assert "This site does not hold this notification" in response.text
    assert "Cited by 1 notification</h2>" in response.text
    # Its date and act are the citing notification's words, attributed to it, never the page's own.
    assert f"cites it as:\n      <blockquote><p>{CITED} {CITED_CONTEXT}</p></blockquote>" in response.text
    assert f"According to {REFERENCE}: dated 12 May 2003; Ratification by Lithuania." in response.text
    assert f"Cited by {REFERENCE} {CITED_CONTEXT}" not in response.text
    assert (
        f'<a href="/notifications/{REFERENCE}/">{REFERENCE}</a> (LITHUANIA: NOTIFICATION OF WITHDRAWAL), '
        "issued on 3 July 2025" in response.text
    )


def test_a_cited_notification_links_the_depositarys_copies(client, cited):
    response = client.get(f"/notifications/{CITED}/")

    assert 'href="https://treaties.un.org/doc/Publication/CN/2003/CN.381.2003-Eng.pdf" hreflang="en"' in response.text
    assert 'href="https://treaties.un.org/doc/Publication/CN/2003/CN.381.2003-Frn.pdf" hreflang="fr"' in response.text


def test_every_notification_that_cites_it_is_listed_with_what_it_says(client, cited):
    latvia = make_participant(name="Latvia")
    other = make_notification(
        treaty=Treaty.objects.get(), participant=latvia, reference="C.N.400.2025.TREATIES-XXVI.5", heading="LATVIA"
    )
    NotificationReference.objects.create(source=other, reference=CITED, context="")

    response = client.get(f"/notifications/{CITED}/")

    assert "Cited by 2 notifications</h2>" in response.text
    assert "C.N.400.2025.TREATIES-XXVI.5 gives no date or act for it." in response.text
    assert f"According to {REFERENCE}: dated 12 May 2003" in response.text


@pytest.mark.parametrize("spelling", ["c.n.381.2003.treaties-xxvi.5", "CN.381.2003.TREATIES-XXVI.5"])
def test_a_cited_notifications_address_in_any_spelling_redirects_to_the_citations(client, cited, spelling):
    response = client.get(f"/notifications/{spelling}/")

    assert response.status_code == 302
    assert response["Location"] == f"/notifications/{CITED}/"


def test_a_reference_neither_stored_nor_cited_is_not_found(client, small_world):
    response = client.get("/notifications/C.N.999.2003.TREATIES-XXVI.5/")

    assert response.status_code == 404
    assert "cited here" in response.text


def test_the_json_twin_of_a_cited_notification_says_it_is_not_held_and_who_cites_it(client, cited):
    response = client.get(f"/notifications/{CITED}/", {"format": "json"})

    assert response.status_code == 404
    assert response.json() == {
        "error": f"This site does not hold {CITED}; other notifications cite it.",
        "reference": CITED,
        "cited_by": [
            {
                "notification": REFERENCE,
                "url": f"http://testserver/notifications/{REFERENCE}/",
                "date_issued": "2025-07-03",
                "cites_it_as": f"{CITED} {CITED_CONTEXT}",
                "stated_date": "2003-05-12",
                "stated_kind": "Ratification",
                "stated_participant": "Lithuania",
            }
        ],
        "un_copies": {
            "English": "https://treaties.un.org/doc/Publication/CN/2003/CN.381.2003-Eng.pdf",
            "French": "https://treaties.un.org/doc/Publication/CN/2003/CN.381.2003-Frn.pdf",
        },
    }


@pytest.mark.parametrize("path", ["/notifications/C.N.999.2003.TREATIES-XXVI.5/", "/treaties/no-such-treaty/"])
def test_a_twin_of_a_page_that_does_not_exist_is_a_404_in_its_own_format(client, small_world, path):
    as_json = client.get(path, {"format": "json"})
    as_csv = client.get(path, {"format": "csv"})

    assert (as_json.status_code, as_csv.status_code) == (404, 404)
    assert as_json.json()["error"]
    assert as_csv["Content-Type"] == "text/plain; charset=utf-8"
