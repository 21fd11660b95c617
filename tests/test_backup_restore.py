"""A backup made by bin/backup and restored by bin/restore into an empty database gives every row back."""

import os
import subprocess
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import PROJECT

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url(name):
    """Return a postgres:// address for database `name` on the test database's server."""
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    return f"postgres://{quote(settings['USER'], safe='')}{password}@{settings['HOST']}:{settings['PORT']}/{name}"


def run_script(script, file, url):
    result = subprocess.run(
        [PROJECT / "bin" / script, file],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def contents(url):
    """Return each table's row count and a checksum of its rows, and each sequence's position."""
    with psycopg.connect(url) as database:
        tables = [row[0] for row in database.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        found = {}
        for table in tables:
            found[table] = database.execute(
                f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) FROM "{table}" t'
            ).fetchone()
        for sequence, position in database.execute("SELECT sequencename, last_value FROM pg_sequences"):
            found[f"sequence {sequence}"] = position
        return found


@pytest.fixture
def empty_database():
    """Create an empty database beside the test database; drop it afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(database_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with psycopg.connect(database_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_of_the_shipped_data_has_every_row_of_every_table(tmp_path, empty_database):
    call_command("load_reference_data", verbosity=0)
    original = database_url(connection.settings_dict["NAME"])
    backup = tmp_path / "depositary.dump"

    run_script("backup", backup, original)
    run_script("restore", backup, empty_database)

    before, after = contents(original), contents(empty_database)
    assert before["treaties_treaty"][0] > 300  # the shipped data is there to compare
    assert before["notifications_depositarynotification"][0] > 0
    assert after == before


def test_restoring_over_a_changed_database_puts_it_back_as_it_was(tmp_path):
    call_command("load_reference_data", verbosity=0)
    url = database_url(connection.settings_dict["NAME"])
    backup = tmp_path / "depositary.dump"
    run_script("backup", backup, url)
    before = contents(url)

    with psycopg.connect(url) as database:
        database.execute("DELETE FROM notifications_notificationreference")
        database.execute("UPDATE treaties_treaty SET title = 'changed'")
    run_script("restore", backup, url)

    assert contents(url) == before
