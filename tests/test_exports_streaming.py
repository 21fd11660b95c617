"""The big exports stream their rows from the database a chunk at a time, in a fixed number of queries."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config import exports
from notifications.models import QuotedPassage, Theme
from tests.builders import make_act, make_notification, make_notified_withdrawal, make_participant, make_treaty
from treaties.models import ActKind

pytestmark = pytest.mark.django_db

# The notifications list: its rows.
NOTIFICATION_EXPORT_QUERIES = 1
# The reasons list: the themes, then the passages with their themes' ids.
REASON_EXPORT_QUERIES = 2
# The reservations list: its passages.
RESERVATION_EXPORT_QUERIES = 1
# A participant's acts: the participant and its other names, then its acts and, beside them,
# the notifications that reported them.
TIMELINE_EXPORT_QUERIES = 4
# The treaty list: its treaties with the id of their counts on the day, then those counts.
TREATY_LIST_EXPORT_QUERIES = 2

EXPORTS = [
    ("/notifications/?format=csv", NOTIFICATION_EXPORT_QUERIES),
    ("/notifications/?format=json", NOTIFICATION_EXPORT_QUERIES),
    ("/reasons/?format=csv", REASON_EXPORT_QUERIES),
    ("/reasons/?format=json", REASON_EXPORT_QUERIES),
    ("/reservations/?format=csv", RESERVATION_EXPORT_QUERIES),
    ("/reservations/?format=json", RESERVATION_EXPORT_QUERIES),
    ("/participants/lithuania/?format=csv", TIMELINE_EXPORT_QUERIES),
    ("/participants/lithuania/?format=json", TIMELINE_EXPORT_QUERIES),
    ("/treaties/?format=csv", TREATY_LIST_EXPORT_QUERIES),
]


@pytest.fixture
def grown():
    """Return a function adding `count` more of everything the big exports list (see add_records)."""
    treaty = make_treaty(slug="mine-ban", withdrawal_article="art. 20(3)")
    lithuania = make_participant(name="Lithuania", slug="lithuania")
    theme = Theme.objects.create(name="Security", slug="security")
    added = []

    def grow(count):
        add_records(treaty=treaty, lithuania=lithuania, theme=theme, first=len(added), count=count)
        added.extend(range(count))

    return grow


def add_records(*, treaty, lithuania, theme, first, count):
    """Add `count` participants, each with a notified withdrawal quoting a reason and a notified reservation.

    Each reservation's notification also reports an act of Lithuania's, and
    each participant brings one more treaty to the treaty list.
    """
    for index in range(first, first + count):
        participant = make_participant(name=f"State {index:03}", slug=f"state-{index:03}")
        make_notified_withdrawal(
            treaty=treaty,
            participant=participant,
            passage="security has deteriorated",
            theme=theme,
            reference=f"C.N.{index + 1}.2025.TREATIES-XXVI.5",
            text="It withdraws: security has deteriorated.",
        )
        reservation = make_notification(
            treaty=treaty,
            participant=participant,
            reference=f"C.N.{index + 1}.2024.TREATIES-XXVI.5",
            kind=ActKind.RESERVATION,
            date_effected=date(2024, 1, 2),
            date_issued=date(2024, 1, 9),
            text="It reserves the right to decide.",
        )
        QuotedPassage.objects.create(notification=reservation, order=1, text="It reserves the right to decide.")
        day = date(2000, 1, 1) + timedelta(days=index)
        reservation.acts.add(make_act(treaty=treaty, participant=lithuania, kind=ActKind.SIGNATURE, date=day))
        make_treaty(chapter="IV", number=f"{index + 1}", short_title=f"Treaty {index + 1}")


def queries_to_read(client, url):
    """Return the queries run to answer `url` and read its whole body, and the body."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries), body


@pytest.mark.parametrize(("url", "expected"), EXPORTS)
def test_an_export_runs_the_same_queries_for_three_times_the_rows(client, grown, url, expected):
    grown(3)
    first, small = queries_to_read(client, url)
    grown(6)
    then, large = queries_to_read(client, url)

    assert (first, then) == (expected, expected)
    assert len(large.splitlines()) > len(small.splitlines()) + 5


def test_an_export_sends_its_header_before_it_builds_the_other_rows(client, grown, monkeypatch):
    from notifications import views

    grown(5)  # ten notifications
    built = []
    real_row = views.notification_row
    monkeypatch.setattr(views, "notification_row", lambda *values: built.append(values) or real_row(*values))

    response = client.get("/notifications/", {"format": "csv"})
    chunks = iter(response.streaming_content)
    header = next(chunks)

    assert response.streaming
    assert header.startswith(b"reference,heading,treaty,") and b"C.N." not in header
    assert len(built) == 1  # the first row only, read before the first byte so that a database error is a 503
    rest = b"".join(chunks)
    assert len(built) == 10
    assert rest.count(b"\r\n") == 10


@pytest.mark.parametrize("data_format", ["csv", "json"])
def test_a_download_tells_its_worker_it_is_alive_after_each_chunk_it_sends(client, grown, monkeypatch, data_format):
    # So that gunicorn does not kill a long download as a stuck request (gunicorn.conf.py).
    grown(5)  # ten notifications
    monkeypatch.setattr(exports, "ROWS_PER_CHUNK", 4)
    signals = []
    monkeypatch.setattr(exports, "_worker_alive", lambda: signals.append(len(received)))
    received = []

    response = client.get("/notifications/", {"format": data_format})
    for chunk in response.streaming_content:
        received.append(chunk)

    # After the header, chunks of 4, 4 and 2 rows: a signal once each has been sent.
    assert signals == [2, 3, 4]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_export_reads_a_cursor_inside_a_transaction_that_a_stopped_download_ends(client, grown, monkeypatch):
    grown(5)
    monkeypatch.setattr(exports, "ROWS_PER_CHUNK", 2)
    response = client.get("/notifications/", {"format": "json"})
    chunks = iter(response.streaming_content)
    next(chunks), next(chunks)
    with connection.cursor() as cursor:
        cursor.execute("SELECT is_holdable FROM pg_cursors")
        open_cursors = cursor.fetchall()

    response.close()  # what the WSGI server does when the client goes away

    # Not WITH HOLD: PostgreSQL hands the rows over as it reads them, without copying the whole result first.
    assert open_cursors == [(False,)]
    assert not connection.in_atomic_block and connection.get_autocommit()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        assert cursor.fetchone() == (0,)
    assert len(json.loads(b"".join(client.get("/notifications/", {"format": "json"}).streaming_content))) == 10


def test_a_reasons_themes_come_in_the_order_of_their_names_whatever_their_ids(client):
    treaty = make_treaty(slug="mine-ban")
    security = Theme.objects.create(name="Security", slug="security")
    make_notified_withdrawal(
        treaty=treaty,
        participant=make_participant(name="Lithuania"),
        passage="security has deteriorated",
        theme=security,
        text="It withdraws: security has deteriorated.",
    )
    QuotedPassage.objects.get().themes.add(Theme.objects.create(name="Armed conflict", slug="armed-conflict"))

    rows = json.loads(b"".join(client.get("/reasons/", {"format": "json"}).streaming_content))
    exported = b"".join(client.get("/reasons/", {"format": "csv"}).streaming_content).decode()

    assert [row["themes"] for row in rows] == [["Armed conflict", "Security"]]
    assert "Armed conflict | Security" in exported


@pytest.mark.parametrize("reference", ["C.N.362.2025.TREATIES-XXVI.5", "C.N. 362.2025 (corr.)"])
def test_a_notifications_exported_address_is_its_page_as_reversed(client, reference):
    make_notification(treaty=make_treaty(slug="mine-ban"), reference=reference)

    rows = json.loads(b"".join(client.get("/notifications/", {"format": "json"}).streaming_content))

    page = reverse("notifications:detail", args=[reference])
    assert [row["url"] for row in rows] == [f"http://testserver{page}"]
    assert client.get(page).status_code == 200
