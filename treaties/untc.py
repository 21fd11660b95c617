"""Read the UN Treaty Collection status tables of 14 March 2015.

The files are the scrape published by zmjones/untreaties, shipped in
`treaties/data/untc-2015/`: `index.csv` (one row a treaty),
`treaties/<stem>.csv` (one row a participant) and `declarations/<stem>.txt`
(one block a participant). No Django imports: the importer calls this.

Treaty numbers. The MTDSG files a treaty under a chapter (Roman numeral) and
a number that can have parts. The index writes the chapter as an integer and
the number with dots ("7.a", "2.2a"); the UN page address carries the
MTDSG form ("X-7-a", "III-2-2a"); file stems join the index columns with
dashes ("10-7-a", "3-2-2a"). The canonical number is the address's, dotted:
"X-7-a" -> "7.a", "III-2-2a" -> "2.2a". Chapter XI is divided into sections
and the index drops the section letter: its row "11", "5" is the page
"XI-A-5", so the number is "A.5" (key "XI.A.5") while the stem stays "11-5".

Column headers. A header lists the kinds its dates can be, each with the
UN's suffix: "Ratification, Acceptance(A), Accession(a)". The header is
split into labels, each label is mapped to a kind by `_LABEL_KINDS`, and:
- a date with a suffix takes the kind of the label carrying that suffix, so
  "d" is succession in a consent column but succession to signature in
  "Signature, Succession to signature(d)", and "s" is a signature ad
  referendum in "Signature, Signature ad referendum (s)";
- a bare date takes the kind of the column's one label without a suffix
  ("Ratification" in the example); when every label has a suffix and all
  name one kind, a bare date takes that kind ("Acceptance(A)",
  "Provisional application(n)");
- when the labels without a suffix name several kinds ("Definitive
  signature of the Protocol, Acceptance of the Protocol"), or a label's own
  words name several ("Definitive signature or acceptance of the Protocol"),
  a bare date's kind is unknown: the cell is a problem, never a guess.
"""

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from treaties import mtdsg
from treaties.countries import canonical_name, normalise_whitespace
from treaties.rules.acts import ActKind

# Every kind a cell can have. The first eleven are the usual acts; the rest
# appear in a few treaties' own columns:
# - consent_to_be_bound: "Consent to be bound(P)", a State's consent to a
#   protocol of a convention it is already party to (CCW protocols) or to the
#   UNCLOS Part XI Agreement through its UNCLOS ratification;
# - participation: "Participation(P)" and "Participation under / by virtue
#   of ..." columns; the column's header says how;
# - simplified_procedure: "Simplified procedure(p)" (UNCLOS Part XI
#   Agreement, article 5);
# - provisional_application: "(n)" and "Provisional application ..." columns;
# - provisional_acceptance: "Provisional acceptance" (commodity study groups);
# - application: the "Application" column of the annexes to the Convention on
#   the Privileges and Immunities of the Specialized Agencies (III.2.1 to
#   III.2.18): a State party's notification under section 43 that it applies
#   the Convention to that agency. It is not a territorial application, so
#   there is no "territorial_application" kind;
# - notification: "Notification under article 25" (UNIDO Constitution) and
#   similar columns; the column's header says which.
KINDS = (
    ActKind.SIGNATURE,
    ActKind.SIGNATURE_SUCCESSION,
    ActKind.DEFINITIVE_SIGNATURE,
    ActKind.RATIFICATION,
    ActKind.ACCEPTANCE,
    ActKind.APPROVAL,
    ActKind.ACCESSION,
    ActKind.SUCCESSION,
    ActKind.FORMAL_CONFIRMATION,
    ActKind.SIGNATURE_AD_REFERENDUM,
    ActKind.SIGNATURE_CONFIRMATION,
    ActKind.CONSENT_TO_BE_BOUND,
    ActKind.PARTICIPATION,
    ActKind.SIMPLIFIED_PROCEDURE,
    ActKind.PROVISIONAL_APPLICATION,
    ActKind.PROVISIONAL_ACCEPTANCE,
    ActKind.APPLICATION,
    ActKind.NOTIFICATION,
)

# Label patterns (matched in full) and their kind. None marks a label we
# recognise whose dates cannot be given one kind; a label matching no pattern
# makes its column not understood.
_LABEL_KINDS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"Signature", ActKind.SIGNATURE),
        (r"Signature by non-regional members under .+", ActKind.SIGNATURE),
        (r"Succession to signature", ActKind.SIGNATURE_SUCCESSION),
        (r"Signature ad referendum", ActKind.SIGNATURE_AD_REFERENDUM),
        (r"Confirmation of signature(?: ad referendum)?", ActKind.SIGNATURE_CONFIRMATION),
        (r"Definitive signature(?: of the Protocol)?", ActKind.DEFINITIVE_SIGNATURE),
        (
            r"Ratification(?: of the (?:Convention|Agreement)"
            r"(?: and the Protocol| as amended(?: by the Protocol)?))?",
            ActKind.RATIFICATION,
        ),
        (r"Definitive acceptance|Acceptance(?: of the Protocol)?", ActKind.ACCEPTANCE),
        (r"Acceptance ipso facto by virtue of .+", ActKind.ACCEPTANCE),
        (r"Approval", ActKind.APPROVAL),
        (r"Accession(?: to the (?:Convention|Agreement) as amended(?: by the Protocol)?)?", ActKind.ACCESSION),
        (
            r"Succession(?: to the (?:Protocol|(?:Convention|Agreement) and the Protocol"
            r"|(?:Convention|Agreement) as amended(?: by the Protocol)?))?",
            ActKind.SUCCESSION,
        ),
        (r"Formal confirmation", ActKind.FORMAL_CONFIRMATION),
        (r"Consent to be bound", ActKind.CONSENT_TO_BE_BOUND),
        (r"Participation(?: (?:in|under|by virtue of) .+)?", ActKind.PARTICIPATION),
        (r"Simplified procedure", ActKind.SIMPLIFIED_PROCEDURE),
        (r"Provisional application(?: .+)?", ActKind.PROVISIONAL_APPLICATION),
        (r"Undertaking of provisional application .+", ActKind.PROVISIONAL_APPLICATION),
        (r"Provisional acceptance", ActKind.PROVISIONAL_ACCEPTANCE),
        (r"Application", ActKind.APPLICATION),
        (r"Notification under article .+", ActKind.NOTIFICATION),
        (r"Notification of non-provisional application under .+", ActKind.NOTIFICATION),
        # The label itself offers two acts.
        (r"Definitive signature or (?:acceptance|participation) .+", None),
        (r"Provisional acceptance/accession", None),
        # "d" elsewhere marks succession, but this label says "Notification"
        # and the table does not say what was notified.
        (r"Notification in respect of the Agreement as amended", None),
        # II.1 (Revised General Act): the column is empty in 2015.
        (r"Extension", None),
    )
)

# What _label_kind returns for a label no rule recognises.
_UNRECOGNISED = "?"

# Labels are separated by a comma and a capital; commas inside a label
# ("by virtue of signature, adoption of ...") are followed by lower case.
_LABEL_SEPARATOR = re.compile(r",\s+(?=[A-Z])")
_LABEL = re.compile(r"(?P<label>.*?)\s*\((?P<suffix>AA|A|a|d|s|c|n|p|P|C)\)")

_SHORT_MONTHS = {
    month: number for number, month in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)
}
_LONG_MONTHS = {
    month: number
    for number, month in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
_CELL = re.compile(r"(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) (?P<year>\d{4})(?: (?P<suffix>[A-Za-z]{1,2}))?")

# UN footnote numbers trail a name: "Czech Republic 4", "Germany 6, 7, 8".
_FOOTNOTES = re.compile(r"(?:\s+\d{1,3}(?:\s*,\s*\d{1,3})*)+$")

_LONG_DATE = r"\d{1,2} (?:" + "|".join(_LONG_MONTHS) + r") \d{4}"
# A place has no digits and no full stop: "Lake Success, New York".
_PLACE = r"[A-Z][^\d.]*?"
_PLACE_AND_DATE = re.compile(rf"(?P<place>{_PLACE}), (?P<date>{_LONG_DATE})")
_PLACE_AND_TWO_DATES = re.compile(rf"(?P<place>{_PLACE}), {_LONG_DATE},? and {_LONG_DATE}")
_DATE_ONLY = re.compile(rf"(?P<date>{_LONG_DATE})")
_PLACE_ONLY = re.compile(r"(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)*)")
_SEVERAL_PLACES = re.compile(rf"{_PLACE}, {_LONG_DATE}(?:,? and {_PLACE}, {_LONG_DATE})+")

_SECTION = re.compile(r"^[A-Z]\.")


@dataclass(frozen=True)
class TitleParts:
    title: str
    place: str
    adopted_on: date | None
    # The place-and-date sentence exactly as written, "" when there is none.
    adoption_text: str


@dataclass(frozen=True)
class TreatyEntry:
    chapter: str
    chapter_number: int
    number: str
    stem: str
    title: str
    place: str
    adopted_on: date | None
    adoption_text: str
    raw_name: str
    url: str
    chapter_name: str

    @property
    def key(self) -> str:
        """Return the MTDSG key, `XXVI.5`, as in depositary notifications."""
        return mtdsg.treaty_key(self.chapter, self.number)

    @property
    def table_file(self) -> str:
        """Return the status table's path relative to the data folder."""
        return f"treaties/{self.stem}.csv"

    @property
    def declarations_file(self) -> str:
        """Return the declarations file's path relative to the data folder."""
        return f"declarations/{self.stem}.txt"


@dataclass(frozen=True)
class Column:
    header: str
    # Kind of a date written without a suffix; None when the header does not
    # say.
    bare_kind: str | None
    # (suffix, kind) pairs; kind None when the suffix's label is unclear.
    suffix_kinds: tuple[tuple[str, str | None], ...]
    # Labels no rule recognises: the column is not understood.
    unknown_labels: tuple[str, ...]

    @property
    def understood(self) -> bool:
        """Return whether every label of the header is recognised."""
        return not self.unknown_labels


@dataclass(frozen=True)
class StatusCell:
    date: date
    kind: str
    # The UN's suffix as written, "" for none.
    suffix: str = ""
    # The column header the date sits under, for display and audit.
    column: str = ""


@dataclass(frozen=True)
class ParticipantRow:
    line: int
    raw_name: str
    name: str
    cells: tuple[StatusCell, ...]

    @property
    def canonical_name(self) -> str:
        """Return the participant's current name."""
        return canonical_name(self.name)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str


@dataclass(frozen=True)
class ParsedTable:
    file: str
    columns: tuple[Column, ...]
    rows: tuple[ParticipantRow, ...]
    problems: tuple[Problem, ...]
    # Data rows in the file, including those excluded for a problem.
    rows_read: int


@dataclass(frozen=True)
class DeclarationBlock:
    line: int
    raw_name: str
    name: str
    text: str


@dataclass(frozen=True)
class CorpusCounts:
    treaties: int
    rows_read: int
    participant_rows: int
    excluded_rows: int
    distinct_names: int
    distinct_canonical_names: int
    acts_by_kind: Mapping[str, int]
    declaration_blocks: int
    empty_declaration_blocks: int
    problems: int


class CellError(ValueError):
    """A status cell this module cannot read with certainty."""


def split_title(raw: str) -> TitleParts:
    """Split an index title into the title, the place and the date of adoption."""
    raw = normalise_whitespace(raw)
    head, separator, tail = raw.rpartition(". ")
    if not separator or not _is_adoption_text(tail):
        return TitleParts(title=raw, place="", adopted_on=None, adoption_text="")
    title = head.removesuffix("*")
    if match := _PLACE_AND_DATE.fullmatch(tail):
        return TitleParts(title, match["place"], _long_date(match["date"]), tail)
    if match := _DATE_ONLY.fullmatch(tail):
        return TitleParts(title, "", _long_date(match["date"]), tail)
    if match := _PLACE_AND_TWO_DATES.fullmatch(tail) or _PLACE_ONLY.fullmatch(tail):
        # Two dates of adoption, or none stated: the string gives no one date.
        return TitleParts(title, match["place"], None, tail)
    # Several places and dates (a convention and its amending protocol).
    return TitleParts(title, "", None, tail)


def _is_adoption_text(tail: str) -> bool:
    """Return whether the last sentence of a title is its place and date."""
    patterns = (_PLACE_AND_DATE, _DATE_ONLY, _PLACE_AND_TWO_DATES, _PLACE_ONLY, _SEVERAL_PLACES)
    return any(pattern.fullmatch(tail) for pattern in patterns)


def _long_date(text: str) -> date:
    """Return the date written as `26 June 1945`."""
    day, month, year = text.split(" ")
    return date(int(year), _LONG_MONTHS[month], int(day))


def read_index(path: Path | str) -> list[TreatyEntry]:
    """Return every treaty listed in index.csv, in file order."""
    with Path(path).open(newline="", encoding="utf-8") as file:
        return [_index_entry(row) for row in csv.DictReader(file)]


def _index_entry(row: Mapping[str, str]) -> TreatyEntry:
    """Return the treaty described by one index row."""
    chapter_number = int(row["chapter_no"])
    chapter, number = _number_from_page(row["url"])
    if chapter != mtdsg.to_roman(chapter_number):
        raise ValueError(f"chapter {chapter_number} but page {row['url']}")
    # Chapter XI's section letter ("A.5") is in the page address only.
    if _SECTION.sub("", number) != row["treaty_no"]:
        raise ValueError(f"treaty {row['treaty_no']} but page {row['url']}")
    parts = split_title(row["treaty_name"])
    return TreatyEntry(
        chapter=chapter,
        chapter_number=chapter_number,
        number=number,
        stem=f"{chapter_number}-{row['treaty_no'].replace('.', '-')}",
        title=parts.title,
        place=parts.place,
        adopted_on=parts.adopted_on,
        adoption_text=parts.adoption_text,
        raw_name=row["treaty_name"],
        url=row["url"],
        chapter_name=row["chapter_name"],
    )


def _number_from_page(url: str) -> tuple[str, str]:
    """Return the chapter and dotted number from a UN page address."""
    match = mtdsg.UN_PAGE_KEY.search(url)
    if match is None:
        raise ValueError(f"no MTDSG number in {url}")
    return match["chapter"], match["number"].replace("-", ".")


def parse_participant_name(raw: str) -> str:
    """Return a participant's name without the UN's trailing footnote numbers."""
    return _FOOTNOTES.sub("", normalise_whitespace(raw))


def parse_column(header: str) -> Column:
    """Return what the dates under a column header mean."""
    labels = [_split_label(item) for item in _LABEL_SEPARATOR.split(normalise_whitespace(header))]
    kinds = {label: _label_kind(label) for label, _ in labels}
    unknown = tuple(label for label, kind in kinds.items() if kind == _UNRECOGNISED)
    bare_labels = [label for label, suffix in labels if not suffix]
    suffixes = dict.fromkeys(suffix for _, suffix in labels if suffix)
    return Column(
        header=header,
        bare_kind=_one_kind([kinds[label] for label in bare_labels or [label for label, _ in labels]]),
        suffix_kinds=tuple(
            (suffix, _one_kind([kinds[label] for label, s in labels if s == suffix])) for suffix in suffixes
        ),
        unknown_labels=unknown,
    )


def _split_label(item: str) -> tuple[str, str]:
    """Return a header item's label and its suffix ("" for none)."""
    match = _LABEL.fullmatch(item)
    if match is None:
        return item.strip(), ""
    return match["label"], match["suffix"]


def _label_kind(label: str) -> str | None:
    """Return the kind a label names, None if unclear, _UNRECOGNISED if unknown."""
    for pattern, kind in _LABEL_KINDS:
        if pattern.fullmatch(label):
            return kind
    return _UNRECOGNISED


def _one_kind(kinds: list[str | None]) -> str | None:
    """Return the kind all labels agree on, or None."""
    distinct = set(kinds)
    if len(distinct) != 1:
        return None
    (kind,) = distinct
    return kind if kind in KINDS else None


# The usual consent column, with every common suffix: a bare date there is a
# ratification.
CONSENT_COLUMN = parse_column(
    "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d), "
    "Formal confirmation(c), Definitive signature(s)"
)
SIGNATURE_COLUMN = parse_column("Signature, Succession to signature(d)")


def read_status_cell(raw: str, column: Column = CONSENT_COLUMN) -> StatusCell:
    """Return the dated act in a cell, or raise CellError saying why not."""
    text = normalise_whitespace(raw)
    match = _CELL.fullmatch(text)
    if match is None or match["month"] not in _SHORT_MONTHS:
        raise CellError(f"not a date: {raw!r}")
    try:
        day = date(int(match["year"]), _SHORT_MONTHS[match["month"]], int(match["day"]))
    except ValueError as error:
        raise CellError(f"not a calendar date: {raw!r}") from error
    suffix = match["suffix"] or ""
    return StatusCell(date=day, kind=_cell_kind(raw, suffix, column), suffix=suffix, column=column.header)


def _cell_kind(raw: str, suffix: str, column: Column) -> str:
    """Return the kind a suffix (or none) has in a column."""
    if not column.understood:
        raise CellError(f"column {column.header!r} is not understood: {raw!r}")
    if not suffix:
        if column.bare_kind is None:
            raise CellError(f"column {column.header!r} does not say which act a bare date is: {raw!r}")
        return column.bare_kind
    kinds = dict(column.suffix_kinds)
    if suffix not in kinds:
        raise CellError(f"suffix {suffix!r} is not in column {column.header!r}: {raw!r}")
    if kinds[suffix] is None:
        raise CellError(f"column {column.header!r} does not say which act {suffix!r} is: {raw!r}")
    return kinds[suffix]


def parse_status_cell(raw: str, column: Column = CONSENT_COLUMN) -> StatusCell | None:
    """Return the dated act in a cell, or None when it cannot be read."""
    try:
        return read_status_cell(raw, column)
    except CellError:
        return None


def read_treaty_table(path: Path | str) -> ParsedTable:
    """Return a status table's participant rows and the problems found."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        columns = tuple(parse_column(text) for text in header[1:])
        problems = _header_problems(path.name, header, columns)
        # A table whose header is not understood yields no row at all: its
        # header problems stand for every row.
        header_understood = not problems
        rows, rows_read = [], 0
        for record in reader:
            rows_read += 1
            if not header_understood:
                continue
            row, row_problems = _read_row(path.name, reader.line_num, record, columns)
            problems.extend(row_problems)
            if row is not None:
                rows.append(row)
    return ParsedTable(path.name, columns, tuple(rows), tuple(problems), rows_read)


def _header_problems(file: str, header: list[str], columns: tuple[Column, ...]) -> list[Problem]:
    """Return the problems with a table's header row."""
    if not header or header[0] != "Participant":
        return [Problem(file, 1, f"first column is not 'Participant': {header[:1]!r}")]
    return [
        Problem(file, 1, f"column {column.header!r} is not understood: {', '.join(column.unknown_labels)}")
        for column in columns
        if not column.understood
    ]


def _read_row(
    file: str, line: int, record: list[str], columns: tuple[Column, ...]
) -> tuple[ParticipantRow | None, list[Problem]]:
    """Return a participant row, or None with the problems that exclude it."""
    if len(record) != len(columns) + 1:
        return None, [Problem(file, line, f"{len(record)} fields for {len(columns) + 1} columns")]
    raw_name, *texts = record
    name = parse_participant_name(raw_name)
    problems = [] if name else [Problem(file, line, "no participant name")]
    cells = []
    for column, text in zip(columns, texts, strict=True):
        if not text.strip():
            continue
        try:
            cells.append(read_status_cell(text, column))
        except CellError as error:
            problems.append(Problem(file, line, str(error)))
    if problems:
        return None, problems
    return ParticipantRow(line, raw_name, name, tuple(cells)), []


def read_declarations(path: Path | str) -> list[DeclarationBlock]:
    """Return the blocks of a declarations file, one per `#Participant` heading."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    headings = [number for number, line in enumerate(lines) if line.startswith("#")]
    before = lines[: headings[0]] if headings else lines
    if any(line.strip() for line in before):
        raise ValueError(f"{path}: text before the first #heading")
    ends = headings[1:] + [len(lines)]
    return [_declaration_block(lines, start, end) for start, end in zip(headings, ends, strict=True)]


def _declaration_block(lines: list[str], start: int, end: int) -> DeclarationBlock:
    """Return the block whose heading is lines[start], up to lines[end]."""
    body = lines[start + 1 : end]
    # Trim only the blank lines around the block; the text itself is a quote.
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    raw_name = lines[start][1:]
    return DeclarationBlock(start + 1, raw_name, parse_participant_name(raw_name), "\n".join(body))


def read_all_tables(folder: Path | str) -> list[ParsedTable]:
    """Return every status table under folder/treaties, sorted by file name."""
    return [read_treaty_table(path) for path in sorted(Path(folder, "treaties").glob("*.csv"))]


def read_all_declarations(folder: Path | str) -> dict[str, list[DeclarationBlock]]:
    """Return the declaration blocks under folder/declarations by file stem."""
    return {path.stem: read_declarations(path) for path in sorted(Path(folder, "declarations").glob("*.txt"))}


def count_acts_by_kind(tables: Iterable[ParsedTable]) -> Counter[str]:
    """Return how many dated acts of each kind the accepted rows hold."""
    return Counter(cell.kind for table in tables for row in table.rows for cell in row.cells)


def count_corpus(folder: Path | str) -> CorpusCounts:
    """Return the totals the importer's tests compare with the database."""
    tables = read_all_tables(folder)
    blocks = [block for file in read_all_declarations(folder).values() for block in file]
    rows = [row for table in tables for row in table.rows]
    return CorpusCounts(
        treaties=len(tables),
        rows_read=sum(table.rows_read for table in tables),
        participant_rows=len(rows),
        excluded_rows=sum(table.rows_read - len(table.rows) for table in tables),
        distinct_names=len({row.name for row in rows}),
        distinct_canonical_names=len({row.canonical_name for row in rows}),
        acts_by_kind=dict(sorted(count_acts_by_kind(tables).items())),
        declaration_blocks=len(blocks),
        empty_declaration_blocks=sum(1 for block in blocks if not block.text),
        problems=sum(len(table.problems) for table in tables),
    )
