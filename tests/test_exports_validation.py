"""The data twins hold to their page's rules: a parameter the page refuses is a 400 in the twin's own format."""

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest

from tests.conftest import REFERENCE

pytestmark = pytest.mark.django_db

# Every page with data twins, with one parameter its form refuses and the parameter's name.
REFUSED = [
    ("/treaties/", {"as_of": "2025-13-01"}, "as_of"),
    ("/treaties/mine-ban/", {"as_of": "2025-13-01"}, "as_of"),
    ("/participants/", {"changed_since": "2025-13-01"}, "changed_since"),
    ("/participants/lithuania/", {"as_of": "1899-12-31"}, "as_of"),
    ("/withdrawals/pending/", {"as_of": "soon"}, "as_of"),
    ("/notifications/", {"year": "x"}, "year"),
    ("/reasons/", {"year": "1800"}, "year"),
    ("/reasons/", {"theme": "no-such-theme"}, "theme"),
    ("/data/participants/", {"kind": "planet"}, "kind"),
    ("/data/changes/", {"since": "2025-02-30"}, "since"),
    ("/data/panel/", {"treaty": "no-such-treaty"}, "treaty"),
    ("/data/dates/", {"treaty": "mine-ban", "participant": "nobody"}, "participant"),
]
# Every page with data twins, with parameters it accepts.
TWINNED = [
    ("/treaties/", {}),
    ("/treaties/mine-ban/", {}),
    ("/participants/", {}),
    ("/participants/lithuania/", {}),
    ("/withdrawals/pending/", {}),
    ("/notifications/", {}),
    (f"/notifications/{REFERENCE}/", {}),
    ("/reasons/", {}),
    ("/data/participants/", {}),
    ("/data/changes/", {"since": "2020-01-01"}),
    ("/data/panel/", {"treaty": "mine-ban"}),
    ("/data/dates/", {"treaty": "mine-ban"}),
]


def body(response):
    """Return the text of a response, streamed or not."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize(("path", "query", "name"), REFUSED)
def test_a_refused_parameter_is_a_json_error_object_on_the_json_twin(client, small_world, path, query, name):
    response = client.get(path, query | {"format": "json"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()
    assert name in error["error"]
    assert error["fields"][name] and all(isinstance(message, str) for message in error["fields"][name])


@pytest.mark.parametrize(("path", "query", "name"), REFUSED)
def test_a_refused_parameter_is_plain_text_on_the_csv_twin(client, small_world, path, query, name):
    response = client.get(path, query | {"format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"\n{name}: " in response.content.decode()


@pytest.mark.parametrize(("path", "query", "name"), REFUSED)
def test_a_refused_parameter_is_the_html_page_with_its_error(client, small_world, path, query, name):
    response = client.get(path, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<p class="error"' in response.text or 'class="errorlist' in response.text


def test_a_bad_date_on_the_treaty_list_twin_no_longer_answers_with_todays_data(client, small_world):
    response = client.get("/treaties/?as_of=2025-13-01&format=json")

    assert response.status_code == 400
    assert response.json() == {
        "error": "Invalid parameter: as_of.",
        "fields": {"as_of": ["Enter the date as YYYY-MM-DD, e.g. 2025-12-01."]},
    }


def test_an_error_that_belongs_to_no_one_parameter_is_the_json_error_itself(client, small_world):
    response = client.get("/data/panel/?format=json")

    assert response.status_code == 400
    assert response.json()["error"].startswith("Choose a treaty or a participant")
    assert response.json()["fields"] == {}


@pytest.mark.parametrize(("path", "query"), TWINNED)
def test_an_unknown_format_is_a_400_that_names_the_formats_offered(client, small_world, path, query):
    response = client.get(path, query | {"format": "xml"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Unknown format 'xml'" in response.text
    assert "format=csv" in response.text and "format=json" in response.text


@pytest.mark.parametrize(("path", "query"), TWINNED)
def test_each_twin_still_answers_with_valid_parameters(client, small_world, path, query):
    as_csv = client.get(path, query | {"format": "csv"})
    as_json = client.get(path, query | {"format": "json"})

    assert (as_csv.status_code, as_json.status_code) == (200, 200)
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    # Read through, as a client would (an unread stream keeps its cursor open on PostgreSQL).
    assert next(csv.reader(io.StringIO(body(as_csv))))
    assert isinstance(json.loads(body(as_json)), list)


def test_an_empty_format_is_the_html_page(client, small_world):
    response = client.get("/treaties/?format=")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_refused_twin_costs_no_query(client, small_world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/treaties/", {"as_of": "2025-13-01", "format": "json"}).status_code == 400
    with django_assert_num_queries(0):
        assert client.get("/withdrawals/pending/", {"format": "xml"}).status_code == 400


# -- Whole addresses ---------------------------------------------------------

URL_EXPORTS = [
    ("/treaties/", "http://testserver/treaties/mine-ban/"),
    ("/participants/", "http://testserver/participants/lithuania/"),
    ("/notifications/", f"http://testserver/notifications/{REFERENCE}/"),
    (f"/notifications/{REFERENCE}/", f"http://testserver/notifications/{REFERENCE}/"),
    ("/reasons/", f"http://testserver/notifications/{REFERENCE}/"),
]


@pytest.mark.parametrize(("path", "url"), URL_EXPORTS)
def test_json_exports_give_whole_addresses(client, small_world, path, url):
    rows = json.loads(body(client.get(path, {"format": "json"})))

    assert [row["url"] for row in rows] == [url]


@pytest.mark.parametrize(("path", "url"), URL_EXPORTS)
def test_csv_exports_give_whole_addresses(client, small_world, path, url):
    rows = list(csv.DictReader(io.StringIO(body(client.get(path, {"format": "csv"})))))

    assert [row["url"] for row in rows] == [url]


def test_the_changes_export_gives_whole_addresses(client, small_world):
    rows = json.loads(body(client.get("/data/changes/", {"since": "2020-01-01", "format": "json"})))

    urls = {row["url"] for row in rows}
    assert f"http://testserver/notifications/{REFERENCE}/" in urls
    assert all(url.startswith("http://testserver/") for url in urls if url)


# -- Feeds -------------------------------------------------------------------


ATOM = "{http://www.w3.org/2005/Atom}"


def read_feed(response):
    """Return the feed's self link, and each entry's link and id."""
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    [self_link] = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    entries = [
        (entry.find(f"{ATOM}link").get("href"), entry.find(f"{ATOM}id").text) for entry in feed.iter(f"{ATOM}entry")
    ]
    return self_link, entries


def test_the_feeds_self_link_keeps_the_filters_and_every_address_is_whole(client, small_world):
    response = client.get("/notifications/feed/", {"kind": "withdrawal", "participant": "lithuania"})

    self_link, entries = read_feed(response)
    assert self_link == "http://testserver/notifications/feed/?kind=withdrawal&participant=lithuania"
    assert entries == [
        (f"http://testserver/notifications/{REFERENCE}/", f"http://testserver/notifications/{REFERENCE}/")
    ]


def test_the_changes_feed_keeps_its_day_and_gives_each_entry_a_uri_for_an_id(client, small_world):
    self_link, entries = read_feed(client.get("/data/changes/feed/", {"since": "2020-01-01"}))

    assert self_link == "http://testserver/data/changes/feed/?since=2020-01-01"
    ids = [entry_id for _link, entry_id in entries]
    assert ids and all(re.fullmatch(r"tag:testserver,\d{4}-\d{2}-\d{2}:\S+", entry_id) for entry_id in ids)
    assert len(set(ids)) == len(ids)
    assert all(link.startswith("http://testserver/") for link, _id in entries)


@pytest.mark.parametrize(
    ("path", "query", "name"),
    [("/notifications/feed/", {"year": "x"}, "year"), ("/data/changes/feed/", {"since": "yesterday"}, "since")],
)
def test_a_feed_refuses_a_bad_filter_in_plain_text(client, small_world, path, query, name):
    response = client.get(path, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"\n{name}: " in response.content.decode()
