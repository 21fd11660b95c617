"""Check the curated files before the loader writes anything.

No Django imports: each check reads a file and returns the faults it finds,
every one of them, each naming the file, the line and, where the format gives
one, the column. Whether a participant's name is known needs the database, so
that check lives beside the loader (treaties/curated.py); the checks here
return the names they met, with where they met them, for it.
"""

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from treaties import mtdsg

MINE_BAN_COLUMNS = (
    "participant",
    "signature_date",
    "signature_strength",
    "consent_kind",
    "consent_date",
    "consent_strength",
    "withdrawal_received",
    "withdrawal_received_strength",
    "withdrawal_effective",
    "withdrawal_effective_strength",
    "withdrawal_reference",
    "sources",
    "note",
)
# A row may say it creates a participant the site does not know yet.
NEW_PARTICIPANT_COLUMN = "new_participant"
# Only free text may hold the delimiter; anywhere else a comma means a quote went astray.
COLUMNS_ALLOWING_DELIMITER = frozenset({"sources", "note"})
MINE_BAN_DATE_COLUMNS = ("signature_date", "consent_date", "withdrawal_received", "withdrawal_effective")
# The longest field shipped is under 500 characters; a much longer one has swallowed its neighbours.
MAX_FIELD_LENGTH = 2000
TRUE_VALUES = frozenset({"true", "yes"})


@dataclass(frozen=True)
class Fault:
    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self):
        place = ":".join(str(part) for part in (self.file, self.line, self.column) if part is not None)
        return f"{place}: {self.message}"


@dataclass(frozen=True)
class NamedParticipant:
    """A participant's name as a file gives it, where, and whether the row creates it."""

    name: str
    where: Fault
    creates: bool


def read_utf8(path):
    """Return the file's text and the faults met reading it as strict UTF-8."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return "", [Fault(path.name, None, None, f"cannot be read ({error.strerror})")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line, column = _line_and_column(raw[: error.start])
        byte = raw[error.start : error.start + 1].hex()
        return "", [Fault(path.name, line, column, f"byte 0x{byte} is not UTF-8")]


def _line_and_column(before):
    """Return the 1-based line and column just after these bytes."""
    lines = before.split(b"\n")
    return len(lines), len(lines[-1].decode("utf-8", errors="replace")) + 1


def parse_date(value):
    """Return a TOML date or an ISO date string as a date; None when empty or not a date."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def check_mine_ban_table(path):
    """Return the faults in the Mine Ban participation table and the names it uses."""
    name = Path(path).name
    text, faults = read_utf8(path)
    if faults:
        return faults, []
    records = _csv_records(text, name, faults)
    if not records:
        return faults or [Fault(name, 1, None, "is empty; expected a header")], []
    (_, header), *rows = records
    faults += check_header(header, name)
    if faults:
        return faults, []
    names = []
    for line, fields in rows:
        row_faults = check_row_shape(fields, header, name, line)
        faults += row_faults
        if row_faults:
            continue
        row = dict(zip(header, fields, strict=True))
        faults += check_mine_ban_dates(row, header, name, line)
        creates = row.get(NEW_PARTICIPANT_COLUMN, "").strip().lower() in TRUE_VALUES
        where = Fault(name, line, header.index("participant") + 1, "")
        names.append(NamedParticipant(row["participant"], where, creates))
    return faults, names


def _csv_records(text, name, faults):
    """Return (first line, fields) for each CSV record; a quoting error ends the reading."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    first_line = 1
    try:
        for fields in reader:
            # A blank line is no row, as csv.DictReader, the loader's reader, skips it.
            if fields:
                records.append((first_line, fields))
            first_line = reader.line_num + 1
    except csv.Error as error:
        faults.append(Fault(name, first_line, None, f"the quoting is broken ({error})"))
    return records


def check_header(header, name):
    """Return a fault for each missing, unknown or misplaced column of the table's header."""
    allowed = (*MINE_BAN_COLUMNS, NEW_PARTICIPANT_COLUMN)
    faults = [
        Fault(name, 1, position, f"unknown column {column!r}; expected one of {', '.join(MINE_BAN_COLUMNS)}")
        for position, column in enumerate(header, start=1)
        if column not in allowed
    ]
    faults += [
        Fault(name, 1, None, f"column {column!r} is missing") for column in MINE_BAN_COLUMNS if column not in header
    ]
    known = [column for column in header if column in MINE_BAN_COLUMNS]
    if not faults and known != list(MINE_BAN_COLUMNS):
        faults.append(Fault(name, 1, None, f"the columns must come in this order: {', '.join(MINE_BAN_COLUMNS)}"))
    return faults


def check_row_shape(fields, header, name, line):
    """Return the faults in one row's shape: its field count, line breaks, stray delimiters, length."""
    faults = []
    for position, (column, value) in enumerate(zip(header, fields, strict=False), start=1):
        if "\n" in value or "\r" in value:
            faults.append(Fault(name, line, position, f"{column} holds a line break: is a quote left open?"))
        elif "," in value and column not in COLUMNS_ALLOWING_DELIMITER:
            faults.append(Fault(name, line, position, f"{column} holds a comma: is a quote misplaced?"))
        elif len(value) > MAX_FIELD_LENGTH:
            faults.append(
                Fault(name, line, position, f"{column} is {len(value)} characters long (at most {MAX_FIELD_LENGTH})")
            )
    if len(fields) != len(header):
        faults.append(Fault(name, line, None, f"the row has {len(fields)} fields; the header has {len(header)}"))
    return faults


def check_mine_ban_dates(row, header, name, line):
    """Return the faults in one row's dates: each ISO, and in the order the acts happen."""
    faults = []
    dates = {}
    for column in MINE_BAN_DATE_COLUMNS:
        value = row[column]
        dates[column] = parse_date(value)
        if value and dates[column] is None:
            faults.append(Fault(name, line, header.index(column) + 1, f"{column} {value!r} is not a date (YYYY-MM-DD)"))
    in_order = (
        ("signature_date", "consent_date", "consent is dated before signature"),
        ("consent_date", "withdrawal_received", "withdrawal is dated before consent"),
        ("withdrawal_received", "withdrawal_effective", "withdrawal takes effect before it was received"),
    )
    for earlier, later, message in in_order:
        if dates[earlier] and dates[later] and dates[later] < dates[earlier]:
            faults.append(
                Fault(
                    name,
                    line,
                    header.index(later) + 1,
                    f"{message} ({later} {dates[later]} < {earlier} {dates[earlier]})",
                )
            )
    return faults


def read_toml_checked(path):
    """Return a TOML file's data, its text and the faults met reading it."""
    name = Path(path).name
    text, faults = read_utf8(path)
    if faults:
        return {}, text, faults
    try:
        return tomllib.loads(text), text, []
    except tomllib.TOMLDecodeError as error:
        return {}, text, [_toml_syntax_fault(name, str(error))]


def _toml_syntax_fault(name, message):
    """Return tomllib's complaint as a fault on its line and column.

    Python 3.13's TOMLDecodeError has no lineno or colno yet (3.14 adds them),
    but its message ends with "(at line L, column C)".
    """
    place = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if place is None:
        return Fault(name, None, None, message)
    return Fault(name, int(place[1]), int(place[2]), message[: place.start()])


def record_line(text, table, position, key=None):
    """Return the line of the position-th [[table]] header, or of its key if given."""
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    starts = [number for number, line in enumerate(lines, start=1) if header.match(line)]
    if position > len(starts):
        return None
    start = starts[position - 1]
    if key is None:
        return start
    assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start + 1, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("[["):
            break
        if assignment.match(lines[number - 1]):
            return number
    return start


class _Records:
    """Faults for the entries of one [[table]] in one TOML file, placed on their lines."""

    def __init__(self, name, text, table):
        self.name, self.text, self.table = name, text, table
        self.faults = []

    def fault(self, position, key, message):
        """Record a fault on this entry's key, naming the entry."""
        line = record_line(self.text, self.table, position, key)
        where = f"[[{self.table}]] {position}" + (f", {key}" if key else "")
        self.faults.append(Fault(self.name, line, None, f"{where}: {message}"))

    def require(self, position, entry, *keys):
        """Record a fault for each of these keys the entry lacks."""
        for key in keys:
            if entry.get(key) in (None, ""):
                self.fault(position, key, f"{key} is missing")

    def dates(self, position, entry, *keys):
        """Return these keys' dates, recording a fault for each value that is not a date."""
        found = {}
        for key in keys:
            value = entry.get(key)
            found[key] = parse_date(value)
            if value not in (None, "") and found[key] is None:
                self.fault(position, key, f"{key} {value!r} is not a date (YYYY-MM-DD)")
        return found

    def not_before(self, position, dates, earlier, later, message):
        """Record a fault when the later date comes before the earlier one."""
        if dates.get(earlier) and dates.get(later) and dates[later] < dates[earlier]:
            self.fault(position, later, f"{message} ({later} {dates[later]} < {earlier} {dates[earlier]})")


def check_treaties(path):
    """Return the faults in treaties.toml and the treaties' MTDSG keys."""
    data, text, faults = read_toml_checked(path)
    records = _Records(Path(path).name, text, "treaty")
    keys = set()
    for position, entry in enumerate(data.get("treaty", []), start=1):
        records.require(position, entry, "chapter", "number", "slug", "title")
        records.dates(position, entry, "adoption_date", "opened_for_signature")
        horizon = entry.get("participation", {}).get("horizon")
        if horizon not in (None, "") and parse_date(horizon) is None:
            records.fault(position, "horizon", f"participation.horizon {horizon!r} is not a date (YYYY-MM-DD)")
        keys.add(mtdsg.treaty_key(entry.get("chapter"), entry.get("number")))
    return faults + records.faults, keys


def check_acts(path, treaty_keys):
    """Return the faults in acts.toml and the participants' names it uses."""
    data, text, faults = read_toml_checked(path)
    name = Path(path).name
    records = _Records(name, text, "act")
    if data and parse_date(data.get("checked")) is None:
        faults.append(Fault(name, None, None, f"checked {data.get('checked')!r} is not a date (YYYY-MM-DD)"))
    names = []
    # Acts are checked one by one, not against each other: this file holds the
    # cases, not whole records (the consent before a withdrawal is often in the
    # UN tables), so a withdrawal with no earlier consent here is not a fault.
    for position, entry in enumerate(data.get("act", []), start=1):
        records.require(position, entry, "treaty", "participant", "kind")
        if entry.get("treaty") and entry["treaty"] not in treaty_keys:
            records.fault(position, "treaty", f"no treaty {entry['treaty']!r} in treaties.toml")
        dates = records.dates(position, entry, "date", "effective_date")
        records.not_before(position, dates, "date", "effective_date", "the act takes effect before it was effected")
        creates = entry.get("new_participant", False)
        if not isinstance(creates, bool):
            records.fault(position, "new_participant", "new_participant must be true or false")
        if entry.get("participant"):
            where = Fault(
                name, record_line(text, "act", position, "participant"), None, f"[[act]] {position}, participant"
            )
            names.append(NamedParticipant(entry["participant"], where, creates is True))
    return faults + records.faults, names


def check_entry_into_force(path):
    """Return the faults in entry-into-force.toml."""
    data, text, faults = read_toml_checked(path)
    records = _Records(Path(path).name, text, "treaty")
    for position, entry in enumerate(data.get("treaty", []), start=1):
        records.require(position, entry, "mtdsg", "in_force")
        records.dates(position, entry, "entry_into_force")
    return faults + records.faults


def check_notifications(directory):
    """Return the faults in notifications.toml and its text files, and the participants' names it uses."""
    path = Path(directory) / "notifications.toml"
    data, text, faults = read_toml_checked(path)
    name = path.name
    theme_records = _Records(name, text, "theme")
    for position, entry in enumerate(data.get("theme", []), start=1):
        theme_records.require(position, entry, "slug", "name")
    faults += theme_records.faults
    records = _Records(name, text, "notification")
    themes = {entry.get("slug") for entry in data.get("theme", [])}
    names = []
    for position, entry in enumerate(data.get("notification", []), start=1):
        records.require(position, entry, "reference", "treaty", "text_file")
        dates = records.dates(position, entry, "date_effected", "date_issued")
        records.not_before(position, dates, "date_effected", "date_issued", "the notification is issued before the act")
        if entry.get("text_file"):
            faults += read_utf8(Path(directory) / entry["text_file"])[1]
        for passage in entry.get("passage", []):
            if passage.get("order") is None or not passage.get("text"):
                records.fault(position, None, f"passage {passage.get('order')}: order and text are required")
            unknown = sorted(set(passage.get("themes", [])) - themes)
            if unknown:
                records.fault(position, None, f"passage {passage.get('order')}: unknown themes {unknown}")
        if any(not citation.get("reference") for citation in entry.get("citation", [])):
            records.fault(position, None, "a citation has no reference")
        if entry.get("participant"):
            line = record_line(text, "notification", position, "participant")
            where = Fault(name, line, None, f"[[notification]] {position}, participant")
            names.append(NamedParticipant(entry["participant"], where, entry.get("new_participant") is True))
    return faults + records.faults, names
