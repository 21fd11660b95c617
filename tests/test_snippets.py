"""The full-text search's snippets, cut in Python around the words that stem to the query's lexemes."""

import re

from hypothesis import given
from hypothesis import strategies as st

from notifications.snippets import Shape, fragments, stem


def marked(text, lexemes, shape=None):
    return fragments(text, lexemes, "[", "]", shape or Shape())


def test_each_word_that_stems_to_a_lexeme_is_marked_whatever_its_case_and_ending():
    text = "The Withdrawals were notified; the withdrawal took effect, and withdrawing ended it."

    assert marked(text, ["withdraw"]) == (
        "The [Withdrawals] were notified; the [withdrawal] took effect, and [withdrawing] ended it."
    )


def test_a_word_that_only_begins_like_a_lexeme_is_not_marked():
    assert marked("Parties and partitions.", ["parti"]) == "[Parties] and partitions."


def test_y_and_i_are_read_alike_where_stemming_swaps_them():
    # "party" stems to "parti", "dying" to "die": their first letters differ from the lexeme's.
    assert marked("A party is dying.", ["parti", "die"]) == "A [party] is [dying]."


def test_a_word_inside_another_word_is_not_marked():
    assert marked("Notwithstanding the reservation.", ["withstand"]) == "Notwithstanding the reservation."


def test_no_match_gives_the_opening_words_and_says_the_text_goes_on():
    text = " ".join(f"word{number}" for number in range(100))

    assert marked(text, ["absent"], Shape(max_words=3)) == "word0 word1 word2 …"
    assert marked(text, [], Shape(max_words=3)) == "word0 word1 word2 …"


def test_a_fragment_starts_a_few_words_before_its_match_and_says_what_is_cut():
    text = " ".join(["filler"] * 50 + ["reservation"] + ["filler"] * 50)

    snippet = marked(text, ["reserv"], Shape(max_words=8, words_before=2))

    assert snippet == "… filler filler [reservation] filler filler filler filler filler …"


def test_the_fragments_with_the_most_matches_are_chosen_and_shown_in_text_order():
    lonely = "objection " + "filler " * 60
    crowded = "objection objection objection " + "filler " * 60
    also_crowded = "objection objection " + "filler " * 60
    text = lonely + crowded + also_crowded

    snippet = marked(text, ["object"], Shape(max_words=5, words_before=0, max_fragments=2))

    assert snippet == (
        "… [objection] [objection] [objection] filler filler … [objection] [objection] filler filler filler …"
    )


def test_overlapping_fragments_become_one():
    # Far apart in characters, so both are chosen; three words each, so they overlap.
    text = "reservation " + "a" * 30 + " reservation b c d"

    assert marked(text, ["reserv"], Shape(max_words=3, words_before=1)) == (
        "[reservation] " + "a" * 30 + " [reservation] b …"
    )


def test_spaces_are_collapsed_and_the_text_is_kept_as_written():
    text = "The <b>objection</b>\n\n  & its   date."

    assert marked(text, ["object"]) == "The <b>[objection]</b> & its date."


def test_a_letter_that_grows_when_lowered_does_not_move_the_marks():
    text = "İstanbul declaration of withdrawal"

    assert marked(text, ["withdraw"]) == "İstanbul declaration of [withdrawal]"


def test_an_empty_text_gives_an_empty_snippet():
    assert marked("", ["withdraw"]) == ""
    assert marked(" \n ", ["withdraw"]) == ""


WORDS = ["the", "withdrawal", "withdrawn", "party", "parties", "reservation", "İzmir", "state's", "1990", "—", "\n"]


@given(st.lists(st.sampled_from(WORDS), max_size=200), st.sets(st.sampled_from(["withdraw", "parti", "reserv", "the"])))
def test_a_snippet_is_the_text_itself_with_only_matching_words_marked(words, lexemes):
    text = " ".join(words)

    snippet = marked(text, lexemes, Shape(max_words=10, words_before=3))

    assert snippet.count("[") == snippet.count("]")
    for word in re.findall(r"\[([^\]]*)\]", snippet):
        assert stem(word.lower()) in lexemes
    for part in snippet.removeprefix("… ").removesuffix(" …").split(" … "):
        assert part.replace("[", "").replace("]", "") in " ".join(text.split())
