"""Tests for reading the UN Treaty Collection status tables of 14 March 2015."""

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treaties.mtdsg import to_roman as roman_numeral
from treaties.untc import (
    CONSENT_COLUMN,
    KINDS,
    SIGNATURE_COLUMN,
    Problem,
    StatusCell,
    count_acts_by_kind,
    count_corpus,
    parse_column,
    parse_participant_name,
    parse_status_cell,
    read_all_declarations,
    read_all_tables,
    read_declarations,
    read_index,
    read_treaty_table,
    split_title,
)

# Each suffix of the usual consent column and its kind; "" is ratification.
SUFFIXES = {
    "": "ratification",
    "A": "acceptance",
    "AA": "approval",
    "a": "accession",
    "d": "succession",
    "c": "formal_confirmation",
    "s": "definitive_signature",
}

UNTC_2015 = Path(__file__).resolve().parent.parent / "treaties" / "data" / "untc-2015"

# Rows the parser refuses, by file, and why refusing is right.
EXCLUDED_ROWS = {
    # I.2 lists admissions to UN membership: General Assembly resolutions,
    # their dates and the registration of each declaration. None of its six
    # columns is an act of participation, so the table yields no row.
    "1-2.csv": 144,
    # Conventions as amended by the 1946-1948 Protocols: the first column
    # lists definitive signature and acceptance of the Protocol (and, in some,
    # succession or ratification) with no suffix, so a bare date could be any
    # of them. In 6-3 and 6-9 two "d" dates sit under "Notification in respect
    # of the Agreement as amended(d)", which does not say what was notified.
    "6-3.csv": 8,
    "6-5.csv": 46,
    "6-7.csv": 54,
    "6-9.csv": 8,
    "6-11.csv": 12,
    "7-2.csv": 39,
    "7-4.csv": 24,
    "7-7.csv": 32,
    "7-9.csv": 29,
    "8-2.csv": 32,
    "8-5.csv": 31,
    # The label itself offers two acts: "Definitive signature or acceptance of
    # the Protocol", "Definitive signature or participation in ...".
    "13-2.csv": 19,
    "18-2.csv": 54,
    # "Provisional acceptance/accession": two acts under one label.
    "19-34.csv": 4,
}

ACTS_BY_KIND = {
    "acceptance": 3050,
    "accession": 7090,
    "application": 1602,
    "approval": 197,
    "consent_to_be_bound": 344,
    "definitive_signature": 291,
    "formal_confirmation": 10,
    "notification": 165,
    "participation": 228,
    "provisional_acceptance": 12,
    "provisional_application": 221,
    "ratification": 7360,
    "signature": 8901,
    "signature_ad_referendum": 7,
    "signature_confirmation": 7,
    "signature_succession": 36,
    "simplified_procedure": 16,
    "succession": 1203,
}


@pytest.fixture(scope="module")
def tables():
    return {table.file: table for table in read_all_tables(UNTC_2015)}


@pytest.fixture(scope="module")
def index():
    return read_index(UNTC_2015 / "index.csv")


@pytest.fixture(scope="module")
def declarations():
    return read_all_declarations(UNTC_2015)


def csv_records(file):
    """Return a status table's data records with their line numbers, plainly."""
    with (UNTC_2015 / "treaties" / file).open(newline="", encoding="utf-8") as handle:
        return list(enumerate(csv.reader(handle), 1))[1:]


def csv_headers():
    """Return each status table's header row, plainly."""
    headers = {}
    for path in sorted((UNTC_2015 / "treaties").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            headers[path.name] = next(csv.reader(handle))
    return headers


# --- the index -------------------------------------------------------------


def test_it_reads_every_index_row_and_324_of_them_have_a_status_table(index):
    with_table = [entry for entry in index if (UNTC_2015 / entry.table_file).exists()]

    assert len(index) == 401
    assert len(with_table) == 324
    assert len({entry.key for entry in index}) == 401
    assert {entry.stem for entry in with_table} == {path.stem for path in (UNTC_2015 / "treaties").glob("*.csv")}


def test_every_declarations_file_belongs_to_a_treaty_with_a_status_table(index):
    stems = {entry.stem for entry in index if (UNTC_2015 / entry.table_file).exists()}

    assert {path.stem for path in (UNTC_2015 / "declarations").glob("*.txt")} <= stems


@pytest.mark.parametrize(
    ("stem", "key"),
    [
        ("26-5", "XXVI.5"),
        ("4-4", "IV.4"),
        ("10-7-a", "X.7.a"),
        ("12-1-d", "XII.1.d"),
        ("4-11-c", "IV.11.c"),
        ("3-2-1", "III.2.1"),
        ("3-2-2b", "III.2.2b"),
        ("3-2-12a", "III.2.12a"),
        # Chapter XI has sections; the index drops the letter, the page keeps it.
        ("11-5", "XI.A.5"),
        ("11-18", "XI.A.18"),
    ],
)
def test_it_gives_each_file_its_dotted_mtdsg_key(index, stem, key):
    (entry,) = [entry for entry in index if entry.stem == stem]

    assert entry.key == key
    assert entry.url.endswith(f"mtdsg_no={key.replace('.', '-')}&chapter={entry.chapter_number}&lang=en")


def test_it_reads_the_mine_ban_conventions_index_row(index):
    (entry,) = [entry for entry in index if entry.stem == "26-5"]

    assert (entry.chapter, entry.chapter_number, entry.number) == ("XXVI", 26, "5")
    assert entry.title == (
        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer"
        " of Anti-Personnel Mines and on their destruction"
    )
    assert (entry.place, entry.adopted_on) == ("Oslo", date(1997, 9, 18))
    assert entry.chapter_name == "Disarmament"
    assert (entry.table_file, entry.declarations_file) == ("treaties/26-5.csv", "declarations/26-5.txt")


def test_it_writes_chapters_as_roman_numerals():
    assert [roman_numeral(n) for n in (1, 4, 9, 14, 19, 24, 26, 29)] == [
        "I", "IV", "IX", "XIV", "XIX", "XXIV", "XXVI", "XXIX",
    ]  # fmt: skip


def test_it_splits_a_title_with_a_place_and_a_date():
    parts = split_title(
        "Charter of the United Nations (deposited in the archives of the Government of the"
        " United States of America). San Francisco, 26 June 1945"
    )

    assert parts.title == (
        "Charter of the United Nations (deposited in the archives of the Government of the United States of America)"
    )
    assert (parts.place, parts.adopted_on) == ("San Francisco", date(1945, 6, 26))
    assert parts.adoption_text == "San Francisco, 26 June 1945"


def test_it_splits_a_title_with_a_date_and_no_place():
    parts = split_title(
        "Declarations recognizing as compulsory the jurisdiction of the International Court of Justice"
        " under Article 36, paragraph 2, of the Statute of the Court. 15 October 1946"
    )

    assert parts.title.endswith("of the Statute of the Court")
    assert (parts.place, parts.adopted_on) == ("", date(1946, 10, 15))


def test_it_splits_a_title_with_a_place_and_no_date():
    parts = split_title("International Coffee Agreement, 1994*. London")

    assert (parts.title, parts.place, parts.adopted_on) == ("International Coffee Agreement, 1994", "London", None)


def test_it_keeps_places_that_contain_a_comma():
    assert split_title("Protocol. Trieste, Italy, 3 December 1996").place == "Trieste, Italy"
    assert split_title("Protocol. Lake Success, New York, 11 December 1946").place == "Lake Success, New York"


def test_it_gives_no_date_when_the_title_names_two():
    parts = split_title(
        "Amendments to the title and substantive provisions of the Convention on the International"
        " Maritime Organization. London, 14 November 1975 and 9 November 1977"
    )

    assert (parts.place, parts.adopted_on) == ("London", None)
    assert parts.adoption_text == "London, 14 November 1975 and 9 November 1977"


def test_it_gives_no_place_or_date_when_the_title_names_two_of_each():
    parts = split_title(
        "Convention for the Suppression of the Illicit Traffic in Dangerous Drugs."
        " Geneva, 26 June 1936, and Lake Success, New York, 11 December 1946"
    )

    assert parts.title == "Convention for the Suppression of the Illicit Traffic in Dangerous Drugs"
    assert (parts.place, parts.adopted_on) == ("", None)
    assert parts.adoption_text == "Geneva, 26 June 1936, and Lake Success, New York, 11 December 1946"


def test_it_splits_titles_at_the_last_sentence_only():
    parts = split_title("Additional Protocol relating to the T.I.R. Carnet Régime. Geneva, 11 March 1950")

    assert parts.title == "Additional Protocol relating to the T.I.R. Carnet Régime"
    assert (parts.place, parts.adopted_on) == ("Geneva", date(1950, 3, 11))


def test_it_leaves_a_title_whole_when_its_last_sentence_is_not_a_place_or_date():
    parts = split_title("Protocol relating to the T.I.R. Carnet Régime")

    assert parts.title == "Protocol relating to the T.I.R. Carnet Régime"
    assert (parts.place, parts.adopted_on, parts.adoption_text) == ("", None, "")


def test_only_titles_that_do_not_say_lack_a_place_or_date(index):
    without_place = sorted(entry.key for entry in index if not entry.place)
    without_date = sorted(entry.key for entry in index if entry.adopted_on is None)

    # No place: the title names only a date, or two places and two dates.
    assert without_place == sorted(
        ["I.4", "VI.3", "VI.5", "VI.7", "VI.9", "VI.11", "XIX.1", "XIX.5.a", "XIX.5.b", "XIX.5.d", "XIX.18.a"]
    )
    # No date: two dates, or none ("International Coffee Agreement, 1994*. London").
    assert without_date == sorted(
        ["VI.3", "VI.5", "VI.7", "VI.9", "VI.11", "XII.1.d", "XIX.1", "XIX.2", "XIX.5", "XIX.6", "XIX.18.a", "XIX.40"]
    )
    assert all(entry.adoption_text for entry in index)


# --- names -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Czech Republic 4", "Czech Republic"),
        ("Germany 3, 4", "Germany"),
        ("Germany 6, 7, 8", "Germany"),
        ("Bosnia and Herzegovina\u00a02", "Bosnia and Herzegovina"),
        ("  Côte d'Ivoire  ", "Côte d'Ivoire"),
        ("Yugoslavia (former)", "Yugoslavia (former)"),
        ("China, Hong Kong Special Administrative Region", "China, Hong Kong Special Administrative Region"),
        ("Micronesia (Federated States of) 12", "Micronesia (Federated States of)"),
    ],
)
def test_it_strips_trailing_footnote_numbers_from_names(raw, name):
    assert parse_participant_name(raw) == name


def test_the_2015_scrape_has_no_footnote_numbers_left_in_names(tables):
    changed = [
        (table.file, row.raw_name) for table in tables.values() for row in table.rows if row.raw_name != row.name
    ]

    assert changed == []


# --- cells and columns -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("29 Feb 2000", "ratification"),
        ("11 Sep 2002 a", "accession"),
        ("13 Dec 1990 A", "acceptance"),
        ("11 Dec 1986 AA", "approval"),
        ("12 Jan 1994 d", "succession"),
        ("1 Apr 1998 c", "formal_confirmation"),
        ("11 Oct 1983 s", "definitive_signature"),
    ],
)
def test_it_reads_the_kind_from_the_uns_suffix(raw, kind):
    assert parse_status_cell(raw).kind == kind


def test_it_reads_the_date_and_keeps_the_suffix():
    assert parse_status_cell("11 Sep 2002 a") == StatusCell(
        date=date(2002, 9, 11), kind="accession", suffix="a", column=CONSENT_COLUMN.header
    )


def test_a_d_in_a_signature_column_is_a_succession_to_signature():
    assert parse_status_cell("23 Oct 2006 d", SIGNATURE_COLUMN).kind == "signature_succession"
    assert parse_status_cell("3 Dec 1997", SIGNATURE_COLUMN).kind == "signature"


@pytest.mark.parametrize(
    ("header", "raw", "kind"),
    [
        ("Acceptance(A)", "5 Oct 1966", "acceptance"),
        ("Acceptance(A)", "5 Oct 1966 A", "acceptance"),
        ("Application", "25 Mar 1964", "application"),
        ("Notification under article 25", "10 Jun 1985", "notification"),
        ("Succession(d)", "13 Aug 1975 d", "succession"),
        ("Definitive acceptance", "7 Aug 1992", "acceptance"),
        ("Provisional application(n)", "20 Dec 2001 n", "provisional_application"),
        ("Signature ad referendum (s)", "5 May 1986", "signature_ad_referendum"),
        ("Signature, Signature ad referendum (s)", "5 May 1986 s", "signature_ad_referendum"),
        ("Definitive signature(s), Confirmation of signature", "9 Mar 1990", "signature_confirmation"),
        ("Confirmation of signature ad referendum(C)", "28 Mar 1984 C", "signature_confirmation"),
        ("Ratification, Acceptance(A), Participation(P)", "23 Jun 1998 P", "participation"),
        ("Succession(d), Consent to be bound(P)", "22 Aug 1997 P", "consent_to_be_bound"),
    ],
)
def test_a_date_takes_the_kind_its_column_gives_it(header, raw, kind):
    assert parse_status_cell(raw, parse_column(header)).kind == kind


def test_labels_may_contain_commas_followed_by_lower_case():
    column = parse_column(
        "Provisional application by virtue of signature, adoption of the Agreement or accession thereto,"
        " Provisional application by virtue of a notification (n)"
    )

    assert column.bare_kind == "provisional_application"
    assert column.suffix_kinds == (("n", "provisional_application"),)


def test_a_bracketed_article_letter_is_not_a_suffix():
    column = parse_column("Notification of non-provisional application under article 7 (1) (b)")

    assert (column.bare_kind, column.suffix_kinds) == ("notification", ())


@pytest.mark.parametrize(
    ("header", "raw"),
    [
        # Several labels without a suffix: a bare date could be any of them.
        ("Definitive signature of the Protocol, Acceptance of the Protocol", "11 Dec 1946"),
        ("Definitive signature or acceptance of the Protocol", "9 Dec 1948"),
        ("Provisional acceptance/accession", "6 Nov 1991"),
        # Every label has a suffix and they differ: no kind for a bare date.
        ("Accession(a), Succession(d)", "15 Dec 2003"),
        ("Definitive signature of the Protocol, Acceptance of the Protocol, "
         "Notification in respect of the Agreement as amended(d)", "3 Oct 1951 d"),
        # A suffix the column does not list.
        ("Ratification, Accession(a)", "12 Jan 1994 d"),
        ("Resolution", "34 (I)"),
    ],
)  # fmt: skip
def test_it_never_guesses_a_kind_the_column_does_not_give(header, raw):
    assert parse_status_cell(raw, parse_column(header)) is None


@pytest.mark.parametrize(
    "raw", ["", "3050 (XXVIII)", "31 Feb 2001", "11 Sept 2002", "11 Sep 2002 x", "N/A", "2002-09-11"]
)
def test_it_refuses_cells_that_are_not_a_date_with_a_known_suffix(raw):
    assert parse_status_cell(raw) is None


def test_every_header_variant_is_understood_except_the_membership_table():
    headers = csv_headers()
    variants = {tuple(header) for header in headers.values()}
    not_understood = {
        (file, column)
        for file, header in headers.items()
        for column in header[1:]
        if not parse_column(column).understood
    }

    assert len(headers) == 324
    assert len(variants) == 114
    assert {header[0] for header in headers.values()} == {"Participant"}
    # I.2 (see EXCLUDED_ROWS) is a list of admissions, not of acts.
    assert not_understood == {
        ("1-2.csv", column)
        for column in [
            "Resolution",
            "Date of Adoption",
            "Registration Date",
            "Registration Number",
            "UNTS Volume",
            "UNTS Page",
        ]
    }


def test_every_kind_found_is_a_known_kind(tables):
    assert set(count_acts_by_kind(tables.values())) == set(KINDS)


# --- tables ----------------------------------------------------------------


def test_it_parses_all_324_tables_with_only_the_known_problems(tables):
    excluded = {file: table.rows_read - len(table.rows) for file, table in tables.items()}
    # The reason without the column and the cell, which vary.
    reasons = Counter(
        (file, re.sub(r"^column '.*' (is not understood|does not say which act .+? is)(: .*)?$", r"\1", problem.reason))
        for file, table in tables.items()
        for problem in table.problems
    )
    bare = "does not say which act a bare date is"

    assert len(tables) == 324
    assert {file: count for file, count in excluded.items() if count} == EXCLUDED_ROWS
    assert reasons == {
        # One problem per column of the header; each stands for all 144 rows.
        ("1-2.csv", "is not understood"): 6,
        ("6-3.csv", bare): 6,
        ("6-3.csv", "does not say which act 'd' is"): 2,
        ("6-5.csv", bare): 46,
        ("6-7.csv", bare): 54,
        ("6-9.csv", bare): 6,
        ("6-9.csv", "does not say which act 'd' is"): 2,
        ("6-11.csv", bare): 12,
        ("7-2.csv", bare): 39,
        ("7-4.csv", bare): 24,
        ("7-7.csv", bare): 32,
        ("7-9.csv", bare): 29,
        ("8-2.csv", bare): 32,
        ("8-5.csv", bare): 31,
        ("13-2.csv", bare): 19,
        ("18-2.csv", bare): 54,
        ("19-34.csv", bare): 4,
    }


def test_a_row_with_a_cell_it_cannot_read_is_reported_and_left_out(tmp_path):
    path = tmp_path / "99-1.csv"
    path.write_text(
        'Participant,Signature,"Ratification, Accession(a)"\n'
        "Atlantis,3 Dec 1997,11 Sep 2002 a\n"
        "Lemuria 2,3 Dec 1997,12 Jan 1994 d\n"
        "Mu,31 Feb 1998,\n"
        "Thule,3 Dec 1997\n"
        "Hyperborea,,\n",
        encoding="utf-8",
    )

    table = read_treaty_table(path)

    assert [(row.line, row.name, len(row.cells)) for row in table.rows] == [(2, "Atlantis", 2), (6, "Hyperborea", 0)]
    assert table.problems == (
        Problem("99-1.csv", 3, "suffix 'd' is not in column 'Ratification, Accession(a)': '12 Jan 1994 d'"),
        Problem("99-1.csv", 4, "not a calendar date: '31 Feb 1998'"),
        Problem("99-1.csv", 5, "2 fields for 3 columns"),
    )
    assert table.rows_read == 5


def test_it_finds_afghanistans_accession_to_the_mine_ban_convention(tables):
    (afghanistan,) = [row for row in tables["26-5.csv"].rows if row.name == "Afghanistan"]

    assert afghanistan.cells == (
        StatusCell(
            date=date(2002, 9, 11),
            kind="accession",
            suffix="a",
            column="Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)",
        ),
    )


def test_it_reads_every_participant_of_the_iccpr(tables):
    iccpr = tables["4-4.csv"]

    assert len(iccpr.rows) == len(csv_records("4-4.csv")) == 175
    assert iccpr.problems == ()
    assert Counter(cell.kind for row in iccpr.rows for cell in row.cells) == {
        "signature": 74, "ratification": 66, "accession": 94, "succession": 8,
    }  # fmt: skip


def test_it_reads_successor_states_in_the_iccpr_and_the_mine_ban_convention(tables):
    def acts(file, name):
        (row,) = [row for row in tables[file].rows if row.name == name]
        return [(cell.kind, cell.date) for cell in row.cells]

    assert acts("4-4.csv", "Czech Republic") == [("succession", date(1993, 2, 22))]
    assert acts("4-4.csv", "Montenegro") == [("succession", date(2006, 10, 23))]
    assert acts("26-5.csv", "Montenegro") == [("succession", date(2006, 10, 23))]
    # Montenegro succeeded to Serbia and Montenegro's signature of XVIII.15.
    assert acts("18-15.csv", "Montenegro") == [("signature_succession", date(2006, 10, 23))]


def test_it_keeps_the_header_of_the_column_each_date_came_from(tables):
    (austria,) = [row for row in tables["10-9.csv"].rows if row.name == "Austria"]

    assert [(cell.kind, cell.column) for cell in austria.cells] == [
        ("signature", "Signature"),
        ("ratification", "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"),
        ("notification", "Notification under article 25"),
    ]


def test_a_table_of_names_only_gives_rows_without_acts(tables):
    icj = tables["1-4.csv"]

    assert len(icj.rows) == len(csv_records("1-4.csv")) == 84
    assert all(row.cells == () for row in icj.rows)


# --- declarations ------------------------------------------------------------


def test_it_quotes_a_declaration_block_exactly(declarations):
    argentina = declarations["4-4"][2]

    assert (argentina.line, argentina.raw_name, argentina.name) == (7, "Argentina", "Argentina")
    assert argentina.text == (
        "The Argentine Government states that the application of the second part of article 15 of the"
        " International Covenant on Civil and Political Rights shall be subject to the principle laid"
        " down in article 18 of the Argentine National Constitution."
    )


def test_it_keeps_a_block_with_no_text(declarations):
    (yugoslavia,) = [block for block in declarations["4-11"] if block.name == "Yugoslavia (former)"]

    assert (yugoslavia.line, yugoslavia.text) == (223, "")


def test_block_text_is_the_file_text_between_headings(tmp_path):
    path = tmp_path / "99-1.txt"
    path.write_text(
        "#Atlantis 3\n\nFirst line.\n  Indented second line. \n\n\n#Lemuria\n\n#Mu\nOnly.", encoding="utf-8"
    )

    blocks = read_declarations(path)

    assert [(b.line, b.raw_name, b.name, b.text) for b in blocks] == [
        (1, "Atlantis 3", "Atlantis", "First line.\n  Indented second line. "),
        (7, "Lemuria", "Lemuria", ""),
        (9, "Mu", "Mu", "Only."),
    ]


def test_it_refuses_text_before_the_first_heading(tmp_path):
    path = tmp_path / "99-1.txt"
    path.write_text("Stray text\n#Atlantis\nText.\n", encoding="utf-8")

    with pytest.raises(ValueError, match="before the first"):
        read_declarations(path)


def test_every_declaring_participant_is_in_its_treatys_table(declarations, tables):
    missing = [
        (stem, block.name)
        for stem, blocks in declarations.items()
        for block in blocks
        if block.name not in {row.name for row in tables[f"{stem}.csv"].rows}
    ]

    # The CRC's page keeps a heading for the former Yugoslavia's declarations
    # but no row for it in the participants table.
    assert missing == [("4-11", "Yugoslavia (former)")]


# --- totals ------------------------------------------------------------------


def test_the_corpus_totals_are_exact():
    counts = count_corpus(UNTC_2015)

    assert counts.treaties == 324
    assert counts.rows_read == 23757
    assert counts.participant_rows == 23221
    assert counts.excluded_rows == 536 == sum(EXCLUDED_ROWS.values())
    assert counts.distinct_names == 231
    assert counts.distinct_canonical_names == 229
    assert counts.acts_by_kind == ACTS_BY_KIND
    assert sum(counts.acts_by_kind.values()) == 30740
    assert counts.declaration_blocks == 1386
    assert counts.empty_declaration_blocks == 125
    assert counts.problems == 398


def test_the_totals_agree_with_a_plain_count_of_the_files(tables):
    files = sorted(tables)
    records = {file: csv_records(file) for file in files}
    refused = {file: {problem.line for problem in tables[file].problems} for file in files}
    accepted = [
        record for file in files if file != "1-2.csv" for line, record in records[file] if line not in refused[file]
    ]
    cells = [cell for record in accepted for cell in record[1:] if cell]
    counts = count_corpus(UNTC_2015)

    assert counts.rows_read == sum(len(file_records) for file_records in records.values())
    assert counts.participant_rows == len(accepted)
    assert sum(counts.acts_by_kind.values()) == len(cells)
    assert counts.distinct_names == len({record[0] for record in accepted})
    # A suffix that means one kind wherever it appears.
    assert counts.acts_by_kind["accession"] == sum(cell.endswith(" a") for cell in cells)
    assert counts.acts_by_kind["approval"] == sum(cell.endswith(" AA") for cell in cells)
    assert counts.acts_by_kind["formal_confirmation"] == sum(cell.endswith(" c") for cell in cells)
    # "d" is a succession, or a succession to signature in a signature column.
    assert counts.acts_by_kind["succession"] + counts.acts_by_kind["signature_succession"] == sum(
        cell.endswith(" d") for cell in cells
    )


def test_the_declaration_total_agrees_with_a_count_of_headings():
    headings = sum(
        line.startswith("#")
        for path in (UNTC_2015 / "declarations").glob("*.txt")
        for line in path.read_text(encoding="utf-8").split("\n")
    )

    assert count_corpus(UNTC_2015).declaration_blocks == headings == 1386


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), suffix=st.sampled_from(sorted(SUFFIXES)))
def test_it_reads_back_any_date_written_the_uns_way(day, suffix):
    raw = f"{day.day} {_MONTHS[day.month - 1]} {day.year} {suffix}".strip()

    cell = parse_status_cell(raw)

    assert (cell.date, cell.suffix, cell.kind) == (day, suffix, SUFFIXES[suffix])


def test_the_kinds_are_the_usual_acts_and_those_a_few_columns_name():
    assert KINDS[:9] == (
        "signature",
        "signature_succession",
        "definitive_signature",
        "ratification",
        "acceptance",
        "approval",
        "accession",
        "succession",
        "formal_confirmation",
    )
    assert set(KINDS[9:]) == {
        "signature_ad_referendum",
        "signature_confirmation",
        "consent_to_be_bound",
        "participation",
        "simplified_procedure",
        "provisional_application",
        "provisional_acceptance",
        "application",
        "notification",
    }
