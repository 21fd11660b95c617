"""Long lists count up to a cap and say "more than" past it; broad searches come newest first and say so."""

import csv
import io
from datetime import date

import pytest

from notifications import views
from notifications.models import NotificationReference, QuotedPassage
from tests.builders import make_notification, make_treaty

pytestmark = pytest.mark.django_db

# capped count; notifications with treaty and participant
NOTIFICATION_LIST_QUERIES = 2
# filter choices: themes; capped count; passages with notification, treaty and participant; their themes
REASON_LIST_QUERIES = 4


@pytest.fixture
def small_caps(monkeypatch):
    """Cap lists at 4 rows and ranked searches at 2, two rows a page."""
    monkeypatch.setattr(views, "LIST_COUNTED_UP_TO", 4)
    monkeypatch.setattr(views, "RANKED_UP_TO", 2)
    monkeypatch.setattr(views, "NOTIFICATIONS_PER_PAGE", 2)
    monkeypatch.setattr(views, "REASONS_PER_PAGE", 2)


def make_notifications(count, *, heading="STATE: DECLARATION", text="The security of the State.", treaty=None):
    """Store `count` notifications, one a year from 2001, each quoting its text."""
    treaty = treaty or make_treaty()
    notifications = []
    for index in range(count):
        notification = make_notification(
            treaty=treaty,
            reference=f"C.N.{index + 1}.{2001 + index}.TREATIES-XXVI.5",
            heading=heading,
            kind="declaration",
            date_effected=date(2001 + index, 1, 5),
            date_issued=date(2001 + index, 1, 10),
            text=text,
        )
        QuotedPassage.objects.create(notification=notification, order=1, text=text)
        notifications.append(notification)
    return notifications


def references(response):
    return [notification.reference for notification in response.context["page"]]


@pytest.mark.parametrize("count", [5, 15])
def test_a_list_past_its_cap_says_more_than_in_fixed_queries(client, django_assert_num_queries, small_caps, count):
    make_notifications(count)

    with django_assert_num_queries(NOTIFICATION_LIST_QUERIES):
        response = client.get("/notifications/")

    assert "More than 4 notifications. The pages show the first 4" in response.text
    assert "Page 1 of 2 (the first 4 of more than 4)" in response.text
    assert f"{count} notifications" not in response.text


def test_a_list_within_its_cap_gives_its_exact_count(client, small_caps):
    make_notifications(4)

    response = client.get("/notifications/")

    assert "4 notifications." in response.text
    assert "More than" not in response.text
    assert "Page 1 of 2 (4 in all)" in response.text


def test_a_list_past_its_cap_pages_up_to_the_cap_and_says_so_past_it(client, small_caps):
    make_notifications(7)

    second = client.get("/notifications/", {"page": "2"})
    third = client.get("/notifications/", {"page": "3"})

    assert references(second) == ["C.N.5.2005.TREATIES-XXVI.5", "C.N.4.2004.TREATIES-XXVI.5"]
    assert third.status_code == 404
    assert "There is no page 3: this list shows its first 4 rows in 2 pages." in third.text


def test_the_exports_of_a_list_past_its_cap_hold_every_row(client, small_caps):
    make_notifications(7)

    response = client.get("/notifications/", {"format": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 7


def test_a_broad_search_comes_newest_first_and_says_why(client, small_caps):
    treaty = make_treaty()
    make_notifications(2, treaty=treaty)
    # The oldest notification, the best match (the word is in its heading), is
    # first when ranked; past the cap, the newest come first.
    make_notification(
        treaty=treaty,
        reference="C.N.9.2000.TREATIES-XXVI.5",
        heading="SECURITY",
        date_effected=date(2000, 1, 5),
        date_issued=date(2000, 1, 10),
        text="The security of the State.",
    )

    broad = client.get("/notifications/", {"q": "security"})
    narrow = client.get("/notifications/", {"q": "security", "year": "2000"})

    assert references(broad) == ["C.N.2.2002.TREATIES-XXVI.5", "C.N.1.2001.TREATIES-XXVI.5"]
    assert "More than 2 notifications match: too many to rank by relevance, so they come newest first." in broad.text
    assert references(narrow) == ["C.N.9.2000.TREATIES-XXVI.5"]
    assert "1 notification." in narrow.text and "newest first" not in narrow.text


def test_a_sorted_broad_search_keeps_its_sort_and_says_only_more_than(client, small_caps):
    make_notifications(5)

    response = client.get("/notifications/", {"q": "security", "sort": "issued"})

    assert references(response) == ["C.N.1.2001.TREATIES-XXVI.5", "C.N.2.2002.TREATIES-XXVI.5"]
    assert "More than 2 notifications. The pages show the first 2" in response.text
    assert "newest first" not in response.text


@pytest.mark.parametrize("count", [5, 15])
def test_the_reasons_past_their_cap_say_more_than_in_fixed_queries(
    client, django_assert_num_queries, small_caps, count
):
    make_notifications(count)

    with django_assert_num_queries(REASON_LIST_QUERIES):
        listed = client.get("/reasons/")
    searched = client.get("/reasons/", {"q": "security"})

    assert "More than 4 passages. The pages show the first 4" in listed.text
    assert "More than 2 passages match: too many to rank by relevance, so they come newest first." in searched.text
    assert [passage.notification.date_issued.year for passage in searched.context["page"]] == [
        2000 + count,
        1999 + count,
    ]


# notification; passages; themes; acts; outgoing citations; incoming citations (at most CITED_BY_SHOWN + 1)
NOTIFICATION_QUERIES = 6


@pytest.mark.parametrize("citing", [1, 5])
def test_a_notification_page_lists_a_bounded_number_of_citing_notifications_in_fixed_queries(
    client, django_assert_num_queries, monkeypatch, citing
):
    monkeypatch.setattr(views, "CITED_BY_SHOWN", 2)
    treaty = make_treaty()
    cited = make_notification(
        treaty=treaty, reference="C.N.1.2001.TREATIES-XXVI.5", date_effected=None, date_issued=date(2001, 1, 10)
    )
    QuotedPassage.objects.create(notification=cited, order=1, text="The above action")
    for index in range(citing):
        source = make_notification(
            treaty=treaty,
            reference=f"C.N.{index + 2}.2002.TREATIES-XXVI.5",
            date_effected=None,
            date_issued=date(2002, 1, 10),
        )
        NotificationReference.objects.create(source=source, reference=cited.reference)

    with django_assert_num_queries(NOTIFICATION_QUERIES):
        response = client.get("/notifications/C.N.1.2001.TREATIES-XXVI.5/")

    listed = [citation.source.reference for citation in response.context["cited_by"]]
    assert listed == [f"C.N.{index + 2}.2002.TREATIES-XXVI.5" for index in range(min(citing, 2))]
    more = "More notifications cite it than the 2 listed here" in response.text
    assert more == (citing > 2)
    if more:
        assert '<a href="/notifications/?q=C.N.1.2001.TREATIES-XXVI.5">search for its reference</a>' in response.text
