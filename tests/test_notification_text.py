from notifications.text import Segment, segments


def test_it_marks_each_quoted_passage_where_it_occurs():
    result = segments("Intro. Reason one. Reason two.", [(1, "Reason one."), (2, "Reason two.")])

    assert result == [
        Segment("Intro. "),
        Segment("Reason one.", "passage", 1),
        Segment(" "),
        Segment("Reason two.", "passage", 2),
    ]


def test_it_turns_pdf_footnote_tags_into_footnote_markers():
    result = segments("WITHDRAWAL <sup>1</sup>\n", [])

    assert result == [Segment("WITHDRAWAL "), Segment("1", "footnote"), Segment("\n")]


def test_it_recognises_references_to_other_notifications():
    result = segments("Refer to depositary notification C.N.381.2003.TREATIES-XXVI.5 of 12 May 2003.", [])

    assert Segment("C.N.381.2003.TREATIES-XXVI.5", "reference") in result
    assert "".join(segment.text for segment in result) == (
        "Refer to depositary notification C.N.381.2003.TREATIES-XXVI.5 of 12 May 2003."
    )


def test_it_leaves_markup_in_the_text_as_text_for_the_template_to_escape():
    result = segments("<script>alert(1)</script> & more", [(1, "& more")])

    assert result == [Segment("<script>alert(1)</script> "), Segment("& more", "passage", 1)]


def test_a_passage_that_does_not_occur_is_not_marked():
    assert segments("Some text.", [(1, "Other text.")]) == [Segment("Some text.")]
