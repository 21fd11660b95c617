"""The navigation bar on every page, the header's search box, the date box's default, and wording."""

import re
from datetime import date

import pytest

from tests.builders import make_act, make_notification, make_participant, make_treaty

pytestmark = pytest.mark.django_db

SECTION_LINKS = [
    ("Treaties", "/treaties/"),
    ("Participants", "/participants/"),
    ("Notifications", "/notifications/"),
    ("Pending withdrawals", "/withdrawals/pending/"),
    ("Reasons", "/reasons/"),
    ("Reservations", "/reservations/"),
    ("Search", "/search/"),
    ("Data", "/data/"),
]

# Each main page and the section the navigation marks as current on it.
MAIN_PAGES = {
    "/treaties/": "Treaties",
    "/treaties/mine-ban/": "Treaties",
    "/participants/": "Participants",
    "/participants/lithuania/": "Participants",
    "/notifications/": "Notifications",
    "/notifications/C.N.362.2025.TREATIES-XXVI.5/": "Notifications",
    "/notifications/C.N.381.2003.TREATIES-XXVI.5/": "Notifications",
    "/withdrawals/pending/": "Pending withdrawals",
    "/reasons/": "Reasons",
    "/reservations/": "Reservations",
    "/data/": "Data",
    "/data/changes/": "Data",
    "/data/participants/": "Data",
    "/data/panel/": "Data",
}

NAV = re.compile(r'<nav class="site-nav" aria-label="Sections">(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


@pytest.fixture
def records():
    treaty = make_treaty(slug="mine-ban")
    lithuania = make_participant(name="Lithuania")
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_notification(treaty=treaty, participant=lithuania)
    return treaty


def navigation_of(response):
    """Return the navigation bar's links as (label, address, marked current), in order."""
    html = response.content.decode()
    bars = NAV.findall(html)
    assert len(bars) == 1, "every page has one navigation bar"
    return [(label, url, bool(current)) for url, current, label in LINK.findall(bars[0])]


@pytest.mark.parametrize("url", MAIN_PAGES)
def test_every_main_page_marks_its_own_section_and_no_other(client, records, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    links = navigation_of(response)
    assert [(label, address) for label, address, _ in links] == SECTION_LINKS
    assert [label for label, _, current in links if current] == [MAIN_PAGES[url]]
    assert response.content.decode().count('aria-current="page"') == 1


@pytest.mark.parametrize("url", ["/", "/no-such-page/"])
def test_the_home_page_and_a_missing_page_offer_every_section_and_mark_none(client, records, url):
    links = navigation_of(client.get(url))
    assert [(label, address) for label, address, _ in links] == SECTION_LINKS
    assert not any(current for _, _, current in links)


def test_the_headers_search_box_searches_everything(client, records):
    html = client.get("/treaties/").content.decode()
    form = re.search(r'<form method="get" action="([^"]+)" role="search" class="site-search".*?</form>', html, re.S)
    assert form is not None
    assert form.group(1) == "/search/"
    assert '<label for="site-search" class="visually-hidden">Search the site</label>' in form.group(0)
    assert '<input id="site-search" type="search" name="q">' in form.group(0)
    # What the box sends finds the notification.
    results = client.get("/search/", {"q": "Lithuania"}).content.decode()
    assert 'href="/notifications/C.N.362.2025.TREATIES-XXVI.5/"' in results


def test_every_page_links_the_favicon_which_is_served(client, records):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)


PAGES_WITH_A_DATE = ["/treaties/", "/treaties/mine-ban/", "/participants/lithuania/", "/withdrawals/pending/"]


@pytest.mark.parametrize("url", PAGES_WITH_A_DATE)
def test_the_date_box_shows_the_day_the_page_is_about(client, records, time_machine_day, url):
    today = client.get(url).content.decode()
    assert '<input type="date" name="as_of" value="2025-12-01" id="id_as_of">' in today
    assert "Status as at <strong>1 December 2025</strong>." in today
    # Another page of the same list still shows the day.
    assert 'value="2025-12-01"' in client.get(url, {"page": "1"}).content.decode()
    chosen = client.get(url, {"as_of": "2010-06-30"}).content.decode()
    assert '<input type="date" name="as_of" value="2010-06-30" id="id_as_of">' in chosen


def test_a_bad_date_stays_in_the_box_beside_its_error(client, records, time_machine_day):
    response = client.get("/withdrawals/pending/", {"as_of": "2025-13-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="2025-13-01"' in html
    assert "Enter the date as YYYY-MM-DD" in html


def test_the_reasons_filters_are_labelled_as_a_reader_would_say_them(client, records):
    html = client.get("/reasons/").content.decode()
    labels = re.findall(r'<label for="id_[a-z_]+">([^<]+)</label>', html)
    assert labels == ["Search", "Treaty", "Participant", "Theme", "Year of issue"]


def test_the_participant_codes_filters_are_labelled_as_a_reader_would_say_them(client, records):
    html = client.get("/data/participants/").content.decode()
    labels = re.findall(r'<label for="id_[a-z_0-9]+">([^<]+)</label>', html)
    assert labels == ["Name", "Kind of participant", "ISO alpha-3", "COW number"]


def test_the_sort_box_says_what_no_choice_means(client, records):
    html = client.get("/notifications/").content.decode()
    assert '<option value="" selected>Newest first (best match first when searching)</option>' in html
    assert "---------" not in html


def test_a_treaty_list_of_one_says_treaty(client, records):
    assert "1 treaty, as at" in client.get("/treaties/").content.decode()
    make_treaty(chapter="XVIII", number="10", slug="rome-statute", title="Rome Statute", short_title="")
    assert "2 treaties, as at" in client.get("/treaties/").content.decode()


def test_the_admin_names_citations_in_the_plural_correctly(client, editor):
    html = client.get("/admin/").content.decode()
    assert "References to other notifications" in html
    assert "another notifications" not in html
