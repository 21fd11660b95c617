"""The notification parser reads every part of a notification, whatever layout the text came in.

No database: the parser, the layout repair and the file reader are pure.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifications.documents import MAX_BYTES, UnreadableDocument, document_text, refuse_oversize
from notifications.parser import HEADING_KINDS, NotificationFormatError, kind_of, parse
from tests.notification_layouts import (
    ARTICLE_17_2,
    MINE_BAN_TITLE,
    accession_notice,
    hard_wrapped,
    hyphenated,
    mine_ban_notice,
    paginated,
    pdf_of,
    ratification_notice,
    revocation_notice,
    scanned_pdf,
    seed_text,
    with_crlf,
    with_footnote_markers,
    with_markdown_debris,
    with_no_break_spaces,
    with_straight_quotes,
)
from treaties.models import ActKind

SEED = parse(seed_text())
FIRST_REASON_START = "Since Lithuania became a State Party to the Convention in 2003"
LAST_REASON = (
    "Lithuania remains highly supportive of international cooperation and assistance to address the humanitarian "
    "implications of mines and explosive remnants of war, as evidenced by the Demining Capability Coalition for "
    "Ukraine, co-led by Lithuania and another State."
)


def facts(parsed):
    """Return what an import takes from a notification, layout aside."""
    effect = parsed.stated_effect
    return {
        "reference": parsed.reference,
        "treaty": parsed.treaty_key,
        "title": parsed.title,
        "adoption": (parsed.adoption_place, parsed.adoption_date),
        "heading": parsed.heading,
        "participant": parsed.participant,
        "kind": parsed.kind,
        "effected": parsed.date_effected,
        "issued": parsed.date_issued,
        "language": parsed.original_language,
        "passages": parsed.passages,
        "citations": [(c.reference, c.context, c.date, c.kind, c.participant) for c in parsed.citations],
        "effect": effect and (effect.date, effect.article, effect.conditional, effect.quoted),
    }


def test_it_reads_every_part_of_the_seed_notification():
    assert facts(SEED) | {"passages": len(SEED.passages)} == {
        "reference": "C.N.362.2025.TREATIES-XXVI.5",
        "treaty": "XXVI.5",
        "title": MINE_BAN_TITLE,
        "adoption": ("Oslo", date(1997, 9, 18)),
        "heading": "LITHUANIA: NOTIFICATION OF WITHDRAWAL",
        "participant": "LITHUANIA",
        "kind": "withdrawal",
        "effected": date(2025, 6, 27),
        "issued": date(2025, 7, 3),
        "language": "English",
        "passages": 6,
        "citations": [
            (
                "C.N.381.2003.TREATIES-XXVI.5",
                "of 12 May 2003 (Ratification: Lithuania)",
                date(2003, 5, 12),
                "ratification",
                "Lithuania",
            )
        ],
        "effect": (
            date(2025, 12, 27),
            "art. 20(3)",
            True,
            "3. Such withdrawal shall only take effect six months after the receipt of the instrument of withdrawal "
            "by the Depositary. If, however, on the expiry of that six-month period, the withdrawing State Party is "
            "engaged in an armed conflict, the withdrawal shall not take effect before the end of the armed conflict.",
        ),
    }
    assert SEED.doubts == ()


def test_each_bullet_of_the_instrument_is_a_reason_quoted_to_the_character():
    assert SEED.passages[0].startswith(FIRST_REASON_START)
    assert SEED.passages[1].endswith("leading to fatigue and reduced discipline of enemy forces.")
    # The footnote printed between two bullets belongs to no reason.
    assert SEED.passages[2].startswith("Lithuania recognizes that there are no guarantees")
    assert SEED.passages[-1] == LAST_REASON
    assert all(passage in seed_text() for passage in SEED.passages)


def test_a_clean_text_reads_exactly_as_it_was_written():
    assert SEED.text == seed_text()


def test_every_kind_a_heading_names_is_a_kind_of_act_the_site_stores():
    assert {kind for _, kind in HEADING_KINDS} - {""} <= set(ActKind.values)


@pytest.mark.parametrize(
    "wording, kind",
    [
        ("NOTIFICATION OF WITHDRAWAL", "withdrawal"),
        ("WITHDRAWAL OF NOTIFICATION OF WITHDRAWAL", "withdrawal_revocation"),
        ("Ratification", "ratification"),
        ("ACCESSION (WITH DECLARATION)", "accession"),
        ("WITHDRAWAL OF RESERVATION", "reservation_withdrawal"),
        ("COMMUNICATION", "other"),
        ("ENTRY INTO FORCE", ""),
        ("PROPOSAL OF AMENDMENTS", None),
    ],
)
def test_the_heading_names_the_kind_of_act(wording, kind):
    assert kind_of(wording) == kind


# --- Layouts ----------------------------------------------------------------------------


LAYOUTS = {
    "CRLF line ends": with_crlf,
    "no-break spaces": with_no_break_spaces,
    "footnote marker ¹": lambda text: with_footnote_markers(text, "superscript"),
    "footnote marker as a bare digit": lambda text: with_footnote_markers(text, "digit"),
    "markdown debris as * * *": lambda text: with_markdown_debris(text, "* * *"),
    "no separator before the date of effect": lambda text: with_markdown_debris(text, ""),
    "hard line breaks": lambda text: hard_wrapped(text, 72),
    "hard line breaks and hyphenation": lambda text: hyphenated(hard_wrapped(text, 64)),
    "pages with running headers": lambda text: paginated(hard_wrapped(text, 80), 18),
    "headers as one line": lambda text: paginated(hard_wrapped(text, 90), 25, header="UNITED NATIONS / NATIONS UNIES"),
}


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_it_reads_the_same_notification_in_every_layout(layout):
    assert facts(parse(layout(seed_text()))) == facts(SEED)


def test_straight_quotation_marks_delimit_the_instrument_as_curly_ones_do():
    parsed = parse(with_straight_quotes(seed_text()))

    assert facts(parsed) == facts(SEED) | {
        "passages": tuple(with_straight_quotes(passage) for passage in SEED.passages)
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    width=st.integers(min_value=55, max_value=140),
    marker=st.sampled_from(["<sup>1</sup>", "superscript", "digit"]),
    crlf=st.booleans(),
    no_break=st.booleans(),
    hyphenate=st.booleans(),
    page_lines=st.none() | st.integers(min_value=8, max_value=40),
)
def test_any_mix_of_layouts_gives_the_same_facts(width, marker, crlf, no_break, hyphenate, page_lines):
    text = seed_text()
    if no_break:
        text = with_no_break_spaces(text)
    if marker != "<sup>1</sup>":
        text = with_footnote_markers(text, marker)
    text = hard_wrapped(text, width)
    if hyphenate:
        text = hyphenated(text)
    if page_lines:
        text = paginated(text, page_lines)
    if crlf:
        text = with_crlf(text)

    assert facts(parse(text)) == facts(SEED)


def test_a_word_hyphenated_at_a_line_end_is_joined_and_the_guess_flagged():
    text = seed_text().replace("after a detailed reassessment", "after a detailed reas-\nsessment")

    parsed = parse(text)

    assert facts(parsed) == facts(SEED)
    assert any("joined as “reassessment”" in str(doubt) for doubt in parsed.doubts)


def test_a_compound_the_text_writes_whole_keeps_its_hyphen_at_a_line_end():
    text = seed_text().replace("Moreover, the use of anti-personnel", "Moreover, the use of anti-\npersonnel")

    parsed = parse(text)

    assert facts(parsed) == facts(SEED)
    assert parsed.doubts == ()


def test_a_footnote_at_a_page_foot_does_not_cut_the_sentence_it_interrupts():
    seed = seed_text()
    footnote = "---\n\n<sup>1</sup> Refer to depositary notification C.N.381.2003.TREATIES-XXVI.5 of 12 May 2003"
    footnote += " (Ratification: Lithuania).\n\n"
    body = seed.replace(footnote, "")
    # The page ends in the middle of the fourth reason, with the footnote at its foot.
    cut = body.index("the Geneva Conventions") - 1
    text = f"{body[:cut]}\n\n{footnote}\f\nUNITED NATIONS\nNATIONS UNIES\n\n{body[cut + 1 :]}"

    assert facts(parse(text)) == facts(SEED)


def test_a_page_that_ends_with_a_full_sentence_inside_a_reason_is_flagged():
    seed = seed_text()
    cut = seed.index("The Russian Federation continues") - 1
    text = f"{seed[:cut]}\n\f2\nUNITED NATIONS\n{seed[cut + 1 :]}"

    parsed = parse(text)

    assert any("a page ended with a full sentence" in str(doubt) for doubt in parsed.doubts)


# --- Notifications of other kinds, built from the layout ---------------------------------


def test_a_ratification_with_its_stated_entry_into_force():
    parsed = parse(ratification_notice())

    assert (parsed.participant, parsed.kind) == ("MARSHALL ISLANDS", "ratification")
    assert parsed.date_effected == date(2025, 3, 12)
    assert parsed.passages == ()
    effect = parsed.stated_effect
    assert (effect.date, effect.article, effect.conditional, effect.quoted) == (
        date(2025, 9, 1),
        "art. 17(2)",
        False,
        ARTICLE_17_2,
    )
    assert parsed.date_issued == date(2025, 3, 14)


def test_an_accession_in_hard_wrapped_lines_with_an_unquoted_date_of_entry_into_force():
    parsed = parse(with_crlf(hard_wrapped(accession_notice(), 60)))

    assert (parsed.reference, parsed.participant) == ("C.N.501.2011.TREATIES-XXVI.5", "TUVALU")
    assert parsed.kind == "accession"
    assert (parsed.stated_effect.date, parsed.stated_effect.article) == (date(2012, 3, 1), "art. 17(2)")
    assert parsed.stated_effect.quoted == ""


def test_a_withdrawal_of_a_notification_of_withdrawal_cites_the_withdrawal():
    parsed = parse(with_footnote_markers(revocation_notice(), "superscript"))

    assert (parsed.treaty_key, parsed.adoption_place, parsed.adoption_date) == ("XVIII.10", "Rome", date(1998, 7, 17))
    assert parsed.heading == "GAMBIA: WITHDRAWAL OF NOTIFICATION OF WITHDRAWAL"
    assert parsed.kind == "withdrawal_revocation"
    assert parsed.passages == ("The Government of the Gambia hereby rescinds its notification of withdrawal.",)
    assert [(c.reference, c.date, c.kind, c.participant) for c in parsed.citations] == [
        ("C.N.862.2016.TREATIES-XVIII.10", date(2016, 11, 11), "withdrawal", "Gambia")
    ]
    assert parsed.stated_effect is None


def test_an_instrument_without_bullets_gives_each_paragraph_as_a_reason():
    text = mine_ban_notice(
        reference="C.N.12.2026.TREATIES-XXVI.5",
        heading="LATVIA: NOTIFICATION OF WITHDRAWAL",
        effected="27 June 2025",
        instrument=["The security situation has changed.", "Latvia remains committed to humanitarian law."],
        issued="3 July 2025",
    )

    assert parse(text).passages == (
        "The security situation has changed.",
        "Latvia remains committed to humanitarian law.",
    )


def test_an_older_reference_is_kept_as_written_and_the_treaty_read_from_the_title():
    text = mine_ban_notice(
        reference="C.N.155.1999.TREATIES-2",
        heading="SWEDEN: RATIFICATION",
        effected="30 November 1998",
        issued="5 March 1999",
    )

    parsed = parse(text)

    assert (parsed.reference, parsed.reference_parts, parsed.treaty_key) == ("C.N.155.1999.TREATIES-2", None, None)
    assert parsed.title == MINE_BAN_TITLE


# --- Bad input -------------------------------------------------------------------------------


def test_a_text_without_a_reference_is_refused_naming_the_line():
    text = seed_text().replace("Reference: C.N.362.2025.TREATIES-XXVI.5 (Depositary Notification)", "Reference:")

    with pytest.raises(NotificationFormatError, match=r"^line 3: no reference") as refused:
        parse(text)
    assert refused.value.line == 3


def test_an_unreadable_date_is_refused_naming_its_line():
    text = seed_text().replace("effected on 27 June 2025", "effected on 31 June 2025")

    with pytest.raises(NotificationFormatError, match=r"^line 16: “31 June 2025” is not a date"):
        parse(text)


def test_a_misspelt_month_in_the_date_of_issue_is_refused_naming_its_line():
    with pytest.raises(NotificationFormatError, match=r"^line 42: “3 Jly 2025” is not a date"):
        parse(seed_text().replace("\n3 July 2025\n", "\n3 Jly 2025\n"))


@pytest.mark.parametrize("text", ["", " \n\n\t\n"])
def test_an_empty_text_is_refused(text):
    with pytest.raises(NotificationFormatError, match="the text is empty"):
        parse(text)


def test_a_heading_with_an_act_it_does_not_know_is_read_with_a_doubt():
    parsed = parse(seed_text().replace("NOTIFICATION OF WITHDRAWAL <sup>1</sup>", "PROPOSAL OF AMENDMENTS"))

    assert parsed.kind == ""
    assert [str(doubt) for doubt in parsed.doubts] == [
        "line 11: the act “PROPOSAL OF AMENDMENTS” is not one this importer knows; choose it"
    ]


# --- Files -----------------------------------------------------------------------------------


def test_a_pdf_of_the_seed_notification_reads_as_the_text_does():
    data = pdf_of(seed_text())

    assert facts(parse(document_text(data))) == facts(SEED)


def test_a_scanned_pdf_without_a_text_layer_is_refused():
    with pytest.raises(UnreadableDocument, match=r"no text layer \(a scanned image\?\)"):
        document_text(scanned_pdf())


def test_a_damaged_pdf_is_refused():
    with pytest.raises(UnreadableDocument, match="the PDF cannot be read"):
        document_text(b"%PDF-1.7\n" + bytes(range(256)) * 4)


def test_a_binary_file_is_refused():
    with pytest.raises(UnreadableDocument, match="binary"):
        document_text(b"PK\x03\x04\x00\x00" + bytes(200))


def test_a_text_in_another_encoding_is_refused_naming_the_line():
    data = seed_text().encode("utf-8").replace("Lithuania’s".encode(), "Lithuania’s".encode("cp1252"), 1)

    with pytest.raises(UnreadableDocument, match=r"^line 22: byte 0x92 is not UTF-8"):
        document_text(data)


def test_utf8_with_a_byte_order_mark_is_read():
    assert document_text("\ufeffReference: C.N.1.2025".encode()) == "Reference: C.N.1.2025"


def test_a_file_too_large_to_be_a_notification_is_refused_by_its_size_alone():
    with pytest.raises(UnreadableDocument, match=r"the file is 50.0 MB"):
        refuse_oversize(50 * 1024 * 1024)
    refuse_oversize(MAX_BYTES)
