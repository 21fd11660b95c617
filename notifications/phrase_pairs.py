"""Whether a phrase query is one pair of adjacent words, read from PostgreSQL's text of the query.

A search's GIN index holds words, not their positions: for a phrase of two
common words that rarely stand together ("origin aggression"), PostgreSQL read
every notification holding both (about 150,000 of 1,000,000) to check where
the words stand, and took over half a second (bench/RESULTS.md). So each
notification also stores the pairs of words that stand next to each other in
its search document (`phrase_pairs`, computed by PostgreSQL from the
document's own positions, each pair a lexeme "first second"), with a GIN index
of its own.

A phrase that PostgreSQL reads as two words, the second next to the first
(`'aggress' <-> 'capabl'`), matches exactly the notifications holding that
pair: the search looks the pair up instead (`'aggress capabl'`). Any other
phrase (a stop word between its words, three words or more) is searched as
before: asking for its pairs as well made PostgreSQL multiply two estimates of
the same matches and plan for a hundred where there were thousands.

No Django here: the search module runs the query and builds the condition.
"""

import re

# A lexeme as PostgreSQL writes it in a tsquery: quoted, a quote inside doubled,
# a backslash escaped. Kept as written, it is read back the same way.
_LEXEME = r"'((?:[^'\\]|''|\\.)*)'"
_PAIR = re.compile(rf"{_LEXEME}\s*<->\s*{_LEXEME}")


def pair_query(tsquery_text):
    """Return the tsquery text of the stored pair this phrase query asks for (`'armed conflict'`), or None.

    `tsquery_text` is PostgreSQL's text of the phrase query, as `'armed' <-> 'conflict'`;
    None unless it is exactly two lexemes, the second next to the first.
    """
    match = _PAIR.fullmatch(tsquery_text.strip())
    if not match:
        return None
    # The space is the one notification_phrase_pairs puts between the two lexemes
    # (notifications/migrations/0013_phrase_pairs.py); no lexeme of a document holds one.
    return f"'{match[1]} {match[2]}'"
