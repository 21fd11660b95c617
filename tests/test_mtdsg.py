"""MTDSG numbers and references: read, written and ordered as the MTDSG does."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treaties import mtdsg

chapters = st.integers(min_value=1, max_value=39).map(mtdsg.to_roman)
numbers = st.builds(
    lambda section, first, parts: section + ".".join([str(first), *parts]),
    st.sampled_from(["", "A.", "B.", "C.", "D."]),
    st.integers(min_value=1, max_value=999),
    st.lists(st.from_regex(r"[0-9a-z]{1,3}", fullmatch=True), max_size=2),
)


@given(number=st.integers(min_value=1, max_value=3999))
def test_every_numeral_reads_back_as_its_number(number):
    assert mtdsg.from_roman(mtdsg.to_roman(number)) == number


@pytest.mark.parametrize(("number", "numeral"), [(4, "IV"), (9, "IX"), (26, "XXVI"), (29, "XXIX"), (1994, "MCMXCIV")])
def test_it_writes_numerals_as_the_mtdsg_does(number, numeral):
    assert mtdsg.to_roman(number) == numeral


def test_it_has_no_numeral_for_zero():
    with pytest.raises(ValueError):
        mtdsg.to_roman(0)


@given(chapter=chapters, number=numbers)
def test_a_key_reads_back_as_it_was_written(chapter, number):
    key = mtdsg.treaty_key(chapter, number)

    assert mtdsg.is_chapter(chapter)
    assert re.match(mtdsg.NUMBER_RULE, number)
    assert mtdsg.treaty_key(*mtdsg.split_key(key)) == key
    assert mtdsg.treaty_key_from_un(mtdsg.un_key(chapter, number)) == key
    assert mtdsg.read_typed_key(key.lower()) == (chapter, number)


@given(
    cn_number=st.integers(min_value=1, max_value=99999),
    year=st.integers(min_value=1946, max_value=2999),
    treaty=st.none() | st.tuples(chapters, numbers),
)
def test_a_reference_reads_back_as_it_was_written(cn_number, year, treaty):
    written = f"C.N.{cn_number}.{year}" + (f".TREATIES-{mtdsg.treaty_key(*treaty)}" if treaty else "")

    assert str(mtdsg.parse_reference(written)) == written
    assert mtdsg.REFERENCE_IN_TEXT.fullmatch(written)
    assert re.fullmatch(mtdsg.REFERENCE, written)
    # Its own canonical spelling, and that of its lower-case, file-name spelling.
    assert mtdsg.canonical_reference(written) == written
    assert mtdsg.canonical_reference(written.lower().replace("c.n.", "cn.")) == written


@given(
    first=st.tuples(st.integers(1, 39), st.integers(1, 999)), second=st.tuples(st.integers(1, 39), st.integers(1, 999))
)
def test_keys_sort_in_the_mtdsg_order(first, second):
    def key(place):
        return mtdsg.sort_key(mtdsg.to_roman(place[0]), str(place[1]))

    assert (key(first) < key(second)) == (first < second)


def test_it_orders_parts_and_sections_within_a_chapter():
    keys = ["IV.11", "IV.4", "XXVII.1", "XXVI.5", "XXVII.7.d", "XXVII.7", "XI.A.5", "XI.A.11"]

    ordered = sorted(keys, key=lambda key: mtdsg.sort_key(*mtdsg.split_key(key)))

    assert ordered == ["IV.4", "IV.11", "XI.A.5", "XI.A.11", "XXVI.5", "XXVII.1", "XXVII.7", "XXVII.7.d"]


@pytest.mark.parametrize("text", ["", "XL", "iv", "IIII", "VX"])
def test_it_refuses_chapters_the_mtdsg_does_not_write(text):
    assert not mtdsg.is_chapter(text)


def test_it_keeps_older_references_as_far_as_they_go_in_text():
    [match] = mtdsg.REFERENCE_IN_TEXT.findall("See C.N.155.1999.TREATIES-2. Then")

    assert match == "C.N.155.1999.TREATIES-2"
    assert mtdsg.parse_reference(match) is None


def test_it_reads_the_treaty_of_a_un_status_page_address():
    match = mtdsg.UN_PAGE_KEY.search(
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26"
    )

    assert (match["chapter"], match["number"]) == ("XXVI", "5")


@pytest.mark.parametrize(
    "spelling",
    [
        "C.N.362.2025.TREATIES-XXVI.5",
        "c.n.362.2025.treaties-xxvi.5",
        "CN.362.2025.TREATIES-XXVI.5",
        "cn.362.2025.treaties-xxvi-5",
        " C.N. 362.2025. TREATIES-XXVI.5 ",
    ],
)
def test_a_reference_in_any_case_or_the_uns_file_name_spelling_reads_as_the_depositary_writes_it(spelling):
    assert mtdsg.canonical_reference(spelling) == "C.N.362.2025.TREATIES-XXVI.5"


def test_a_reference_keeps_the_mtdsg_case_of_a_treaty_part():
    assert mtdsg.canonical_reference("c.n.1.2016.treaties-xxvii.7.D") == "C.N.1.2016.TREATIES-XXVII.7.d"
    assert mtdsg.canonical_reference("cn.225.2025") == "C.N.225.2025"


@pytest.mark.parametrize(
    "text", ["362.2025", "C.N.155.1999.TREATIES-2", "XXVI.5", "C.N.362.2025.TREATIES-XLIV.5", "", "C.N.x.2025"]
)
def test_text_that_is_not_a_reference_in_a_known_shape_has_no_canonical_spelling(text):
    assert mtdsg.canonical_reference(text) is None


def test_the_uns_copies_of_a_notification_are_at_its_number_and_year_in_english_and_french():
    copies = mtdsg.un_copies("C.N.362.2025.TREATIES-XXVI.5")

    assert [(copy.language, copy.code, copy.url) for copy in copies] == [
        ("English", "en", "https://treaties.un.org/doc/Publication/CN/2025/CN.362.2025-Eng.pdf"),
        ("French", "fr", "https://treaties.un.org/doc/Publication/CN/2025/CN.362.2025-Frn.pdf"),
    ]


def test_an_older_reference_has_copies_at_its_number_and_year_and_an_unreadable_one_none():
    [english, _french] = mtdsg.un_copies("C.N.155.1999.TREATIES-2")

    assert english.url == "https://treaties.un.org/doc/Publication/CN/1999/CN.155.1999-Eng.pdf"
    assert mtdsg.un_copies("-1.2025.TREATIES-XXVI.5") == []
    assert mtdsg.un_copies("C.N.1.2025evil") == []


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("C.N.362.2025.TREATIES-XXVI.5", (362, 2025, "XXVI", "5")),
        ("c.n.362.2025.treaties-xxvi.5", (362, 2025, "XXVI", "5")),
        ("CN.362.2025", (362, 2025, None, None)),
        ("cn.362.2025.TREATIES-XXVI.5", (362, 2025, "XXVI", "5")),
        ("CN.362.2025-Eng.pdf", (362, 2025, None, None)),
        ("CN.362.2025-fre", (362, 2025, None, None)),
        ("362.2025", (362, 2025, None, None)),
    ],
)
def test_it_reads_a_reference_in_every_spelling_the_un_uses(typed, parts):
    assert mtdsg.read_typed_reference(typed) == parts


@pytest.mark.parametrize("typed", ["CN362.2025", "C.N362.2025", "N.362.2025", "CN.362.2025-Deu", "CN.362.2025.pdf"])
def test_it_does_not_read_near_misses_as_references(typed):
    assert mtdsg.read_typed_reference(typed) is None
