"""When the database is refused, dropped or too slow, pages answer 503 and recover; exports never end cleanly."""

import json
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.test import RequestFactory

from tests.builders import make_notification
from tests.conftest import manage_py, status_after_reading
from treaties.models import Treaty

PAGES = [
    "/",
    "/treaties/",
    "/treaties/mine-ban/",
    "/participants/lithuania/",
    "/notifications/",
    "/notifications/C.N.362.2025.TREATIES-XXVI.5/",
    "/reasons/",
]
EXPORTS = [
    "/treaties/?format=csv",
    "/participants/?format=json",
    "/notifications/?format=csv",
    "/notifications/?format=json",
    "/reasons/?format=csv",
    "/withdrawals/pending/?format=json",
]


@pytest.fixture
def refuse_connections(monkeypatch):
    """Make every attempt to reach the database fail as a refused connection does."""

    def refuse():
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    return monkeypatch


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Depositary is briefly unavailable" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES + EXPORTS)
def test_a_refused_database_gives_503_with_retry_after_and_the_next_request_recovers(
    client, small_world, refuse_connections, url
):
    assert_unavailable(client.get(url))

    refuse_connections.undo()

    assert status_after_reading(client, url) == 200


@pytest.mark.django_db
def test_an_export_that_fails_after_its_first_rows_ends_with_an_error_not_a_clean_file(
    client, small_world, monkeypatch
):
    from config import exports
    from notifications import views

    calls = []

    def row_then_fail(*values):
        calls.append(values)
        if len(calls) > 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real_row(*values)

    real_row = views.notification_row
    monkeypatch.setattr(views, "notification_row", row_then_fail)
    # A chunk a row, so that the rows read before the failure are sent.
    monkeypatch.setattr(exports, "ROWS_PER_CHUNK", 1)
    treaty = Treaty.objects.get(slug="mine-ban")
    make_notification(treaty=treaty, reference="C.N.1.2025.TREATIES-XXVI.5")
    make_notification(treaty=treaty, reference="C.N.2.2025.TREATIES-XXVI.5")

    for format_ in ["csv", "json"]:
        calls.clear()
        response = client.get("/notifications/", {"format": format_})
        assert response.status_code == 200
        received = []
        with pytest.raises(OperationalError):
            for chunk in response.streaming_content:
                received.append(chunk)
        assert len(received) == 3  # the header or "[", then two rows; never the end
        assert not b"".join(received).rstrip().endswith(b"]")


@pytest.mark.django_db
def test_an_export_whose_first_row_fails_is_a_503_before_any_byte(client, small_world, monkeypatch):
    from notifications import views

    def fail(*values):
        raise OperationalError("canceling statement due to statement timeout")

    monkeypatch.setattr(views, "notification_row", fail)

    assert_unavailable(client.get("/notifications/", {"format": "csv"}))


def settings_in_subprocess(**environment):
    """Return the database options a fresh process reads from `environment`, or its error."""
    code = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    result = manage_py("shell", "--verbosity", "0", "-c", code, **environment)
    return json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_connect_and_statement_timeouts_come_from_the_environment():
    options = settings_in_subprocess(
        DATABASE_URL="postgres://reader@db.example.org:5432/depositary",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT="1234",
    )

    assert options["connect_timeout"] == 3
    assert options["options"].startswith("-c statement_timeout=1234 ")


def test_postgresql_gets_sane_timeouts_by_default():
    options = settings_in_subprocess(DATABASE_URL="postgres://reader@db.example.org:5432/depositary")

    assert options == {
        "connect_timeout": 5,
        "options": "-c statement_timeout=10000 -c random_page_cost=1.1 -c jit=off -c max_parallel_workers_per_gather=0",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }


def test_prepared_statements_can_be_turned_off_for_a_pooler_or_prepared_sooner():
    url = "postgres://reader@db.example.org:5432/depositary"

    assert settings_in_subprocess(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="off")["prepare_threshold"] is None
    assert settings_in_subprocess(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="0")["prepare_threshold"] == 0
    error = settings_in_subprocess(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="never")
    assert "DATABASE_PREPARE_THRESHOLD must be a whole number" in error


def test_a_timeout_that_is_not_a_number_is_refused_at_start():
    error = settings_in_subprocess(DATABASE_URL="postgres://r@h/d", DATABASE_STATEMENT_TIMEOUT="soon")

    assert "DATABASE_STATEMENT_TIMEOUT must be a whole number" in error


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_statement_timeout_reaches_postgresql(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DATABASE_STATEMENT_TIMEOUT // 1000}s"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_query_the_site_runs_again_and_again_is_planned_once(small_world):
    for _ in range(connection.settings_dict["OPTIONS"]["prepare_threshold"] + 1):
        assert Treaty.objects.filter(slug="no-such-treaty").first() is None

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%no-such%"])
        by_text = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ['%"slug" = $1%'])
        prepared = cursor.fetchone()[0]
    # The slug is a parameter, bound by the server: the statement is prepared, the value is not in it.
    assert (by_text, prepared) == (0, 1)


@pytest.fixture
def reconnect_with(small_world):
    """Yield a function that reconnects with changed connection settings; restore them afterwards."""
    saved = {key: connection.settings_dict[key] for key in ("PORT", "OPTIONS")}

    def reconnect(**changes):
        connection.close()
        connection.settings_dict.update(changes)

    yield reconnect
    connection.close()
    connection.settings_dict.update(saved)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_slow_query_is_cancelled_by_the_statement_timeout_and_answers_503(client, reconnect_with, monkeypatch):
    from notifications import views

    def slow(day, limit):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")

    reconnect_with(OPTIONS={**connection.settings_dict["OPTIONS"], "options": "-c statement_timeout=200"})
    monkeypatch.setattr(views, "recent_pending", slow)

    started = time.monotonic()
    assert_unavailable(client.get("/"))
    assert time.monotonic() - started < 3

    monkeypatch.undo()
    assert client.get("/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_that_refuses_connections_answers_503_until_it_is_back(client, reconnect_with):
    real_port = connection.settings_dict["PORT"]
    reconnect_with(PORT="1")  # nothing listens there: the connection is refused

    assert_unavailable(client.get("/treaties/"))
    assert_unavailable(client.get("/notifications/?format=csv"))

    connection.settings_dict["PORT"] = real_port
    assert client.get("/treaties/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_at_the_next_request(reconnect_with):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        dropped = cursor.fetchone()[0]
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [dropped])
    other.close()

    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO="/treaties/")
    WSGIHandler()(environ, lambda status, headers: statuses.append(status))

    assert statuses == ["200 OK"]
