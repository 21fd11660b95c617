"""The research pages: panels, dates, codes and changes, through real requests, in a fixed number of queries."""

import csv
import io
import json
from datetime import date

import pytest

from tests import builders
from tests.builders import make_act, make_notification, make_participant
from treaties.models import ActKind, ParticipationAct

pytestmark = pytest.mark.django_db

# treaties chosen; the participant chosen (none: no query); the spans with their treaties, participants and codes
PANEL_QUERIES = 2
# the same, and the acts
DATES_QUERIES = 3
# none: the selection form takes treaties and a participant typed, and lists no choices
DATA_HOME_QUERIES = 0
# count; participants with their codes
CODES_QUERIES = 2
# acts' history: count and rows; notifications' history: count and rows; where the history begins (2)
CHANGES_QUERIES = 6


def make_world(count):
    """Build the shared world at the address these tests use, without notifications (the changes list counts them)."""
    return builders.make_world(count, slug="mine-ban", notified=False)


def read_csv(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("count", [2, 12])
def test_the_panel_of_a_treaty_streams_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(PANEL_QUERIES):
        response = client.get("/data/panel/", {"treaty": "mine-ban", "last_year": "2026", "format": "csv"})
        rows = read_csv(response)

    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="panel-mine-ban.csv"'
    assert len(rows) == count * len(range(1997, 2027))
    # Withdrawals notified on 27 June 2025 take effect on 27 December: withdrawn by the 31st.
    in_2025 = {row["participant"]: (row["standing"], row["party"]) for row in rows if row["year"] == "2025"}
    assert (in_2025["State 00"], in_2025["State 01"]) == (("party", "yes"), ("withdrawn", "no"))
    assert {row["party"] for row in rows if row["year"] == "2024"} == {"yes"}


def test_the_panel_says_unknown_after_the_records_horizon(client):
    make_world(2)

    rows = read_csv(client.get("/data/panel/", {"treaty": "mine-ban", "first_year": "2026", "format": "csv"}))

    assert {(row["day"], row["standing"], row["party"], row["known_to"]) for row in rows} == {
        ("2026-12-31", "unknown", "unknown", "2026-06-30")
    }
    on_1_june = read_csv(
        client.get(
            "/data/panel/", {"treaty": "mine-ban", "first_year": "2026", "month": "6", "day": "1", "format": "csv"}
        )
    )
    assert [row["party"] for row in on_1_june] == ["yes", "no"]


def test_the_panel_carries_the_participants_codes(client):
    treaty = make_world(1)
    make_act(treaty=treaty, participant=make_participant(name="Türkiye", slug="turkiye"), date=date(2003, 9, 25))

    rows = read_csv(client.get("/data/panel/", {"participant": "turkiye", "format": "csv"}))

    assert {
        (row["iso3"], row["iso_numeric"], row["m49"], row["cow_number"], row["cow_abbreviation"]) for row in rows
    } == {("TUR", "792", "792", "640", "TUR")}
    placeholder = read_csv(client.get("/data/panel/", {"participant": "state-00", "format": "csv"}))[0]
    assert (placeholder["participant_kind"], placeholder["iso3"]) == ("unclassified", "none")


@pytest.mark.parametrize("count", [2, 12])
def test_the_table_of_dates_streams_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(DATES_QUERIES):
        response = client.get("/data/dates/", {"treaty": "mine-ban", "format": "json"})
        rows = json.loads(b"".join(response.streaming_content))

    assert len(rows) == count
    withdrawing = rows[1]
    assert (withdrawing["signature"], withdrawing["consent"], withdrawing["in_force_for_it"]) == (
        "1997-12-03",
        "1999-01-02",
        "1999-07-01",  # art. 17(2): the first day of the sixth month after the deposit
    )
    assert (withdrawing["withdrawal_notified"], withdrawing["withdrawal_effective"]) == ("2025-06-27", "2025-12-27")
    assert (rows[0]["withdrawal_notified"], rows[0]["withdrawal_effective"]) == ("none", "none")


@pytest.mark.parametrize(
    "query, message",
    [
        ({}, "Choose a treaty or a participant"),
        ({"treaty": "no-such-treaty"}, "No treaty is known by “no-such-treaty”"),
        ({"treaty": "mine-ban", "month": "2", "day": "29"}, "Choose a day that every year has"),
        ({"treaty": "mine-ban", "first_year": "2010", "last_year": "2000"}, "must not come after"),
        ({"treaty": "mine-ban", "first_year": "nineteen"}, "Enter a whole number"),
    ],
)
def test_a_bad_panel_request_is_a_400_that_says_why_in_the_format_asked_for(client, query, message):
    make_world(1)

    page = client.get("/data/panel/", query)
    as_csv = client.get("/data/panel/", query | {"format": "csv"})
    as_json = client.get("/data/panel/", query | {"format": "json"})

    assert (page.status_code, as_csv.status_code, as_json.status_code) == (400, 400, 400) if query else (200, 400, 400)
    if query:
        assert message in page.text
    assert message in as_csv.content.decode()
    errors = as_json.json()
    assert message in " ".join([errors["error"], *sum(errors["fields"].values(), [])])


def test_the_panel_page_links_both_tables_for_the_selection(client):
    make_world(1)

    response = client.get("/data/panel/", {"treaty": "mine-ban"})

    assert 'href="/data/panel/?treaty=mine-ban&amp;format=csv"' in response.text
    assert 'href="/data/dates/?treaty=mine-ban&amp;format=csv"' in response.text


def test_the_treaty_page_links_its_panel(client):
    make_world(1)

    response = client.get("/treaties/mine-ban/")

    assert 'href="/data/panel/?treaty=mine-ban&amp;format=csv"' in response.text


@pytest.mark.parametrize("count", [2, 12])
def test_the_data_page_lists_releases_and_the_codebook_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(DATA_HOME_QUERIES):
        response = client.get("/data/")

    assert response.status_code == 200
    assert "No release has been made yet" in response.text
    assert "<code>cow_number</code>" in response.text


@pytest.mark.parametrize("count", [2, 12])
def test_the_codes_page_lists_participants_with_codes_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)
    make_participant(name="European Union")

    with django_assert_num_queries(CODES_QUERIES):
        response = client.get("/data/participants/")

    assert response.status_code == 200
    assert "an international organisation" in response.text
    only = client.get("/data/participants/", {"kind": "organisation", "format": "csv"})
    assert [row["participant"] for row in read_csv(only)] == ["European Union"]
    assert client.get("/data/participants/", {"kind": "planet"}).status_code == 400
    assert client.get("/data/participants/", {"kind": "planet", "format": "json"}).status_code == 400


@pytest.mark.parametrize("count", [2, 12])
def test_changes_since_a_day_list_added_changed_and_removed_acts_in_fixed_queries(
    client, django_assert_num_queries, count
):
    treaty = make_world(count)
    act = ParticipationAct.objects.filter(kind=ActKind.WITHDRAWAL).first()
    act.reference = "C.N.2.2025.TREATIES-XXVI.5"
    act.save()
    ParticipationAct.objects.filter(kind=ActKind.SIGNATURE).first().delete()
    make_notification(treaty=treaty)

    with django_assert_num_queries(CHANGES_QUERIES):
        response = client.get("/data/changes/", {"since": date.today().isoformat()})

    assert response.status_code == 200
    assert response.context["act_count"] == count * 2 + count // 2 + 2
    rows = json.loads(
        b"".join(client.get("/data/changes/", {"since": date.today(), "format": "json"}).streaming_content)
    )
    assert {row["change"] for row in rows if row["record"] == "act"} == {"added", "changed", "removed"}
    assert [row["reference"] for row in rows if row["record"] == "notification"] == ["C.N.362.2025.TREATIES-XXVI.5"]
    assert "write no history" in response.text


def test_nothing_changed_since_tomorrow(client):
    make_world(2)

    rows = read_csv(client.get("/data/changes/", {"since": "2100-01-01", "format": "csv"}))

    assert rows == []


def test_the_changes_feed_is_atom(client):
    make_world(2)

    response = client.get("/data/changes/feed/", {"since": "2020-01-01"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Act added: State 00: ratification of XXVI.5" in response.content.decode()


@pytest.mark.parametrize("since", ["", "2025-02-30", "yesterday", "1800-01-01"])
def test_a_bad_since_is_a_400_in_every_format(client, since):
    assert client.get("/data/changes/", {"since": since}).status_code == 400
    assert client.get("/data/changes/", {"since": since, "format": "csv"}).status_code == 400
    assert client.get("/data/changes/", {"since": since, "format": "json"}).json()["fields"]["since"]
    assert client.get("/data/changes/feed/", {"since": since}).status_code == 400


def test_the_lists_take_changed_since_and_refuse_a_bad_one_in_the_format_asked_for(client):
    treaty = make_world(2)
    make_notification(treaty=treaty)

    participants = read_csv(client.get("/participants/", {"changed_since": "2020-01-01", "format": "csv"}))
    later = read_csv(client.get("/participants/", {"changed_since": "2100-01-01", "format": "csv"}))
    notifications = client.get("/notifications/", {"changed_since": "2020-01-01", "format": "json"})

    assert [row["name"] for row in participants] == ["State 00", "State 01"] and later == []
    assert len(json.loads(b"".join(notifications.streaming_content))) == 1
    bad = client.get("/participants/", {"changed_since": "2020-13-01", "format": "json"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["fields"]["changed_since"][0]
    assert client.get("/notifications/", {"changed_since": "soon", "format": "csv"}).status_code == 400
    assert client.get("/notifications/", {"changed_since": "soon"}).status_code == 400
