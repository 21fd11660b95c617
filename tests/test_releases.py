"""A release of the shipped data: a valid Frictionless package, a SQLite copy holding every row, never overwritten.

The shipped data is loaded and released once for this module (about a minute):
the same release serves the codes, the panel and the serving checks.
"""

import csv
import hashlib
import sqlite3
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from frictionless import validate

from research import releases
from research.codes import CODE_NAMES
from research.models import ParticipantCodes
from treaties.models import Participant, ParticipationAct, StandingSpan, Treaty

pytestmark = pytest.mark.django_db
VERSION = "2026.1"
BOOLEANS = {"true": "1", "false": "0"}


@pytest.fixture(scope="module")
def release_dir(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the shipped data and write release 2026.1 of it, rolled back after the module's last test."""
    folder = tmp_path_factory.mktemp("releases")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        patch.setattr("django.conf.settings.RELEASES_DIR", folder)
        call_command("load_reference_data", verbosity=0)
        call_command("make_release", VERSION, stdout=open("/dev/null", "w"))
        yield folder
        transaction.set_rollback(True)


@pytest.fixture
def releases_setting(settings, release_dir):
    settings.RELEASES_DIR = release_dir
    return release_dir / VERSION


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_the_data_package_is_valid_by_frictionless(releases_setting):
    report = validate(str(releases_setting / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert {task.name for task in report.tasks} == {
        "treaties",
        "participants",
        "acts",
        "standing_spans",
        "panel_years",
        "participation_dates",
    }


def test_the_tables_hold_every_record(releases_setting):
    def count(name):
        return len(rows_of(releases_setting / f"{name}.csv")) - 1

    assert count("treaties") == Treaty.objects.count()
    assert count("participants") == Participant.objects.count()
    assert count("acts") == ParticipationAct.objects.count()
    assert count("standing_spans") == StandingSpan.objects.count()
    assert count("participation_dates") == StandingSpan.objects.values("treaty", "participant").distinct().count()


def test_the_sqlite_copy_holds_every_row_of_every_table(releases_setting):
    database = sqlite3.connect(releases_setting / releases.SQLITE_FILE)
    try:
        for path in sorted(releases_setting.glob("*.csv")):
            header, *rows = rows_of(path)
            stored = database.execute(f'SELECT * FROM "{path.stem}"').fetchall()
            as_text = [["" if value is None else str(value) for value in row] for row in stored]
            assert [column[1] for column in database.execute(f'PRAGMA table_info("{path.stem}")')] == header
            # CSV text cells that a spreadsheet would run carry a leading apostrophe; booleans are 1 and 0.
            expected = [[BOOLEANS.get(cell, cell.removeprefix("'")) for cell in row] for row in rows]
            assert as_text == expected, path.name
    finally:
        database.close()


def test_every_file_matches_its_checksum_and_cannot_be_written(releases_setting):
    listed = dict(reversed(line.split("  ")) for line in (releases_setting / "SHA256SUMS").read_text().splitlines())

    assert set(listed) == {path.name for path in releases_setting.iterdir()} - {"SHA256SUMS"}
    for name, checksum in listed.items():
        assert hashlib.sha256((releases_setting / name).read_bytes()).hexdigest() == checksum
        assert not (releases_setting / name).stat().st_mode & 0o222


def test_a_version_is_never_written_twice_and_a_bad_one_is_refused(releases_setting):
    before = (releases_setting / "SHA256SUMS").read_bytes()

    with pytest.raises(CommandError, match="exists already"):
        call_command("make_release", VERSION)
    with pytest.raises(CommandError, match="is not a version"):
        call_command("make_release", "../elsewhere")

    assert (releases_setting / "SHA256SUMS").read_bytes() == before


def test_the_citation_names_the_version_and_date(releases_setting):
    citation = (releases_setting / "CITATION.txt").read_text()

    assert f"version {VERSION}, released {date.today().isoformat()}" in citation


def test_the_data_page_lists_the_release_and_serves_its_files(client, releases_setting):
    page = client.get("/data/")
    served = client.get(f"/data/releases/{VERSION}/participants.csv")

    assert f"Version {VERSION}" in page.text
    assert f'href="/data/releases/{VERSION}/datapackage.json"' in page.text
    assert b"".join(served.streaming_content) == (releases_setting / "participants.csv").read_bytes()
    assert client.get(f"/data/releases/{VERSION}/settings.py").status_code == 404
    assert client.get(f"/data/releases/{VERSION}/..%2F..%2Fsecret").status_code == 404
    assert client.get("/data/releases/9.9/participants.csv").status_code == 404


def test_changes_since_a_release_are_changes_since_its_day(client, releases_setting):
    response = client.get("/data/changes/", {"since": VERSION})

    assert response.status_code == 200
    assert response.context["day"] == date.today()


def test_every_shipped_participant_has_each_code_or_a_reason(release_dir):
    codes = {entry.participant_id: entry for entry in ParticipantCodes.objects.all()}

    assert set(codes) == set(Participant.objects.values_list("pk", flat=True))
    for entry in codes.values():
        for name in CODE_NAMES:
            assert (getattr(entry, name) not in (None, "")) != bool(getattr(entry, f"{name}_reason")), (entry, name)
    assert not [entry for entry in codes.values() if entry.kind == "unclassified"]
    assert ParticipantCodes.objects.get(participant__name="European Union").kind == "organisation"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Türkiye", ("TUR", 792, 792, 640, "TUR")),
        ("Czechia", ("CZE", 203, 203, 316, "CZR")),
        ("Eswatini", ("SWZ", 748, 748, 572, "SWA")),
    ],
)
def test_the_renamed_states_in_the_shipped_data_carry_their_codes(release_dir, name, expected):
    entry = ParticipantCodes.objects.get(participant__name=name)

    assert tuple(getattr(entry, code) for code in CODE_NAMES) == expected


def test_the_mine_ban_panel_gives_the_treaty_pages_party_counts_each_year(client, release_dir):
    treaty = Treaty.objects.by_key("XXVI.5").get()
    panel = client.get("/data/panel/", {"treaty": treaty.slug, "format": "csv", "last_year": "2026"})
    rows = list(csv.DictReader(line.decode() for line in b"".join(panel.streaming_content).splitlines(True)))

    for year in range(1997, treaty.horizon.year):
        page = client.get(f"/treaties/{treaty.slug}/", {"as_of": f"{year}-12-31"})
        parties = sum(row["party"] == "yes" for row in rows if row["year"] == str(year))
        assert parties == page.context["counts"].parties, year
    # After the record's horizon (20 February 2026) the panel does not guess.
    assert {row["party"] for row in rows if row["year"] == "2026"} == {"unknown"}
    assert sum(row["party"] == "yes" for row in rows if row["year"] == "2024") > 150
