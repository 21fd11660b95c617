"""Dated releases: immutable bundles of every research table, with a codebook, checksums and a citation.

`manage.py make_release` writes one folder per version under
`settings.RELEASES_DIR`: one CSV per table, a SQLite copy holding the same
tables, `datapackage.json` (the codebook, a Frictionless Data package built
with the `frictionless` library), `CITATION.txt` and `SHA256SUMS`. The folder
is written under a temporary name and renamed into place when complete, then
made read-only; a version that exists is never written again.
"""

import csv
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from config.exports import neutralise_formula
from research import tables

VERSION_RULE = re.compile(r"^\d{4}-\d{2}-\d{2}(\.\d{1,3})?$|^\d{1,4}(\.\d{1,4}){0,3}$")
VERSION_HELP = "a version is a date (2026-11-28, or 2026-11-28.2 for a second one that day) or numbers (1.0.0)"
PACKAGE_FILE = "datapackage.json"
CITATION_FILE = "CITATION.txt"
CHECKSUMS_FILE = "SHA256SUMS"
SQLITE_FILE = "depositary.sqlite3"
TITLE = "Depositary: treaty participation data"
SQLITE_TYPES = {"integer": "INTEGER", "boolean": "INTEGER"}


class ReleaseError(Exception):
    """A release that cannot be written: a bad version, or one that exists."""


@dataclass(frozen=True)
class Release:
    """A release on disk, as the /data/ page lists it."""

    version: str
    created: str
    citation: str
    files: list  # [(name, bytes, sha256)]


def releases_dir():
    return Path(settings.RELEASES_DIR)


def check_version(version):
    """Refuse a version that is not written the way versions are, or that exists."""
    if not VERSION_RULE.match(version):
        raise ReleaseError(f"{version!r} is not a version: {VERSION_HELP}.")
    if (releases_dir() / version).exists():
        raise ReleaseError(f"Release {version} exists already: releases are never overwritten; choose a new version.")


def citation(version, created):
    """Return the suggested citation of a release."""
    return (
        f"Depositary (version {version}, released {created}). {TITLE}: UN depositary notifications and each "
        f"State's acts on each treaty, with ISO 3166-1, UN M49 and Correlates of War codes. "
        f"Data files: /data/releases/{version}/"
    )


def release_tables(day):
    """Return (name, title, columns, rows) for every table a release holds, as read now."""
    this_year = day.year
    spans = tables.selected_spans()
    return [
        ("treaties", "Treaties", tables.TREATY_COLUMNS, tables.treaty_rows()),
        ("participants", "Participants and their codes", tables.PARTICIPANT_COLUMNS, tables.participant_rows()),
        ("acts", "Participation acts", tables.ACT_COLUMNS, tables.act_rows()),
        ("standing_spans", "Standing spans", tables.SPAN_COLUMNS, tables.span_rows()),
        (
            "panel_years",
            "Participant × year panel, standing on 31 December; a participant's rows end with the first "
            "year after its record's horizon (unknown), as every later year is unknown too",
            tables.PANEL_COLUMNS,
            tables.panel_rows(spans, first_year=None, last_year=this_year, month=12, day=31, stop_when_unknown=True),
        ),
        (
            "participation_dates",
            "Participant × treaty dates",
            tables.DATES_COLUMNS,
            tables.dates_rows(spans, tables.selected_acts()),
        ),
    ]


def make_release(version, *, day=None):
    """Write release `version` of the data as stored now; return its folder."""
    check_version(version)
    day = day or date.today()
    root = releases_dir()
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".building-{version}-", dir=root))
    try:
        _write_release(building, version, day)
        final = root / version
        check_version(version)  # again: another release of this version may have finished meanwhile
        os.rename(building, final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)  # a release is whole or absent
        raise
    for path in final.iterdir():
        path.chmod(0o444)
    final.chmod(0o555)
    return final


def _write_release(building, version, day):
    """Write every file of a release into `building`, from one reading of the database."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if outermost:  # one snapshot for every table, however long the release takes to write
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SET LOCAL statement_timeout = 0")
        resources = _write_tables(building, release_tables(day))
    created = day.isoformat()
    (building / CITATION_FILE).write_text(citation(version, created) + "\n", encoding="utf-8")
    _write_package(building, version, created, resources)
    _write_checksums(building)


def _write_tables(folder, release):
    """Write each table as CSV and into the SQLite copy, in one pass over its rows; return their resources."""
    database = sqlite3.connect(folder / SQLITE_FILE)
    resources = []
    try:
        for name, title, columns, rows in release:
            names = [column.name for column in columns]
            types = ", ".join(f'"{column.name}" {SQLITE_TYPES.get(column.type, "TEXT")}' for column in columns)
            database.execute(f'CREATE TABLE "{name}" ({types})')
            insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})'
            with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(names)
                for row in rows:
                    cells = [_csv_cell(row[column]) for column in names]
                    writer.writerow(cells)
                    database.execute(insert, [_sql_cell(row[column]) for column in names])
            resources.append((name, title, columns))
        database.commit()
    finally:
        database.close()
    return resources


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return neutralise_formula(value) if isinstance(value, str) else value


def _sql_cell(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _write_package(folder, version, created, resources):
    """Write datapackage.json, the codebook: every table's file, hash, fields, types and meanings."""
    from frictionless import Package, Resource, Schema

    package = Package(
        name="depositary",
        title=TITLE,
        version=version,
        created=f"{created}T00:00:00Z",
        description=(
            "Treaty participation: UN depositary notifications, each participant's acts on each treaty, "
            "its standing over time and the codes to merge it with other country data. 'unknown' and 'none' "
            "are distinct missing values: unknown means the sources do not say; none means not on record."
        ),
        licenses=[],
        resources=[
            Resource(
                name=name,
                title=title,
                path=f"{name}.csv",
                format="csv",
                encoding="utf-8",
                hash=f"sha256:{_sha256(folder / f'{name}.csv')}",
                bytes=(folder / f"{name}.csv").stat().st_size,
                schema=Schema.from_descriptor(
                    {"fields": [column.as_field() for column in columns], "missingValues": tables.MISSING}
                ),
            )
            for name, title, columns in resources
        ],
    )
    package.custom["citation"] = citation(version, created)
    package.to_json(str(folder / PACKAGE_FILE))


def _write_checksums(folder):
    lines = [f"{_sha256(path)}  {path.name}" for path in sorted(folder.iterdir()) if path.name != CHECKSUMS_FILE]
    (folder / CHECKSUMS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def listing():
    """Return the releases on disk, newest first (a folder without its checksums is not a release)."""
    root = releases_dir()
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if VERSION_RULE.match(folder.name) and (folder / CHECKSUMS_FILE).is_file():
            found.append(read_release(folder))
    return sorted(found, key=lambda release: (release.created, release.version), reverse=True)


def read_release(folder):
    """Return a release's version, date, citation and files with their sizes and checksums."""
    package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    files = []
    for line in (folder / CHECKSUMS_FILE).read_text(encoding="utf-8").splitlines():
        checksum, _, name = line.partition("  ")
        files.append((name, (folder / name).stat().st_size, checksum))
    files.append((CHECKSUMS_FILE, (folder / CHECKSUMS_FILE).stat().st_size, ""))
    return Release(package["version"], package["created"][:10], package.get("citation", ""), files)


def release_file(version, name):
    """Return the path of a file of a release, or None when the release or the file does not exist."""
    if not VERSION_RULE.match(version):
        return None
    folder = releases_dir() / version
    if not (folder / CHECKSUMS_FILE).is_file():
        return None
    listed = {line.partition("  ")[2] for line in (folder / CHECKSUMS_FILE).read_text(encoding="utf-8").splitlines()}
    return folder / name if name in listed | {CHECKSUMS_FILE} else None
