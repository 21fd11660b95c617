from treaties.mtdsg import parse_reference, treaty_key_from_un


def test_it_reads_every_part_of_a_full_reference():
    parsed = parse_reference("C.N.362.2025.TREATIES-XXVI.5")

    assert (parsed.number, parsed.year) == (362, 2025)
    assert (parsed.chapter, parsed.treaty_number) == ("XXVI", "5")
    assert parsed.treaty_key == "XXVI.5"


def test_it_reads_treaty_numbers_with_parts():
    assert parse_reference("C.N.12.2021.TREATIES-XXVII.7.d").treaty_key == "XXVII.7.d"


def test_it_reads_a_reference_cited_without_its_treaty_part():
    parsed = parse_reference("C.N.225.2025")

    assert (parsed.number, parsed.year, parsed.treaty_key) == (225, 2025, None)


def test_it_ignores_whitespace_left_by_line_breaks():
    assert parse_reference(" C.N.381.2003.TREATIES- XXVI.5 ").treaty_key == "XXVI.5"


def test_it_refuses_shapes_it_does_not_know():
    for raw in ["", "CN.362.2025", "C.N.362.25.TREATIES-XXVI.5", "C.N.362.2025.TREATIES-26.5", "anything"]:
        assert parse_reference(raw) is None, raw


def test_it_turns_the_un_websites_treaty_key_into_the_mtdsg_form():
    assert treaty_key_from_un("XXVII-7-d") == "XXVII.7.d"
    assert treaty_key_from_un("XXVI-5") == "XXVI.5"
    assert treaty_key_from_un("26-5") is None


def test_it_reads_the_sections_of_chapter_xi():
    assert parse_reference("C.N.5.2010.TREATIES-XI.A.5").treaty_key == "XI.A.5"
    assert treaty_key_from_un("XI-A-5") == "XI.A.5"
