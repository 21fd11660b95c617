"""Reading a phrase query's text for the one pair of adjacent words it asks for (no database)."""

import pytest

from notifications.phrase_pairs import pair_query


@pytest.mark.parametrize(
    ("tsquery_text", "pair"),
    [
        ("'arm' <-> 'conflict'", "'arm conflict'"),
        ("  'arm'<->'conflict' ", "'arm conflict'"),
        ("'c.n.362.2025' <-> '362.2025'", "'c.n.362.2025 362.2025'"),
        ("'non-discrimin' <-> 'non'", "'non-discrimin non'"),
        # Quotes and backslashes stay escaped as PostgreSQL wrote them, to be read back the same way.
        ("'o''clock' <-> 'it'", "'o''clock it'"),
        ("'back\\\\slash' <-> 'x'", "'back\\\\slash x'"),
    ],
)
def test_two_adjacent_lexemes_are_one_pair(tsquery_text, pair):
    assert pair_query(tsquery_text) == pair


@pytest.mark.parametrize(
    "tsquery_text",
    [
        "",
        "'arm'",
        "'right' <2> 'life'",
        "'arm' <0> 'conflict'",
        "'arm' <-> 'conflict' <-> 'end'",
        "'non-discrimin' <-> 'non' <-> 'discrimin'",
        "'arm' & 'conflict'",
        "'arm' | 'conflict'",
        "!'arm' <-> 'conflict'",
        "( 'arm' <-> 'conflict' )",
        "'arm' <-> 'conflict':*",
        "'arm':A <-> 'conflict'",
        "'arm' <-> 'con'flict'",
    ],
)
def test_anything_else_is_no_pair(tsquery_text):
    assert pair_query(tsquery_text) is None
