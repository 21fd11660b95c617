"""Cut a search result's snippet from its text, around the words the full-text query matched.

PostgreSQL's ts_headline parses every word of every text it is given: about
1.8 ms for a notification of 5 KB, 90 ms for a page of fifty (bench/RESULTS.md,
29 November 2026), whatever the query. Here the database only says which
lexemes the query's words became (its own parser and English dictionary, so
stop words are already gone), and the snippet is cut in Python: the words that
begin like a lexeme are stemmed with Snowball's English stemmer, the algorithm
of PostgreSQL's `english_stem`, and compared. A page of fifty costs a few
milliseconds.

The matches themselves stay PostgreSQL's: a snippet only shows them. Where the
two stemmers disagree on a rare word (a handful of irregular forms), that word
is left unmarked, and a text with no word marked opens the snippet instead.

No Django here: notifications/search.py hands the text and the lexemes in.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+")
# A word is stemmed only if it begins like a lexeme; English stems keep the
# word's first letters, save y and i, which stemming swaps ("party", "parti"),
# and a few irregular words past their second letter ("dying", "die").
PREFIX_LENGTH = 2
# Fragments are first weighed on characters, about the length of `max_words` words;
# only the chosen ones are then measured in words.
CHARACTERS_A_WORD = 7
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Shape:
    """How long a snippet's fragments are, how many it has and what stands between them."""

    max_words: int = 35
    words_before: int = 5
    max_fragments: int = 2
    delimiter: str = " … "


@lru_cache(maxsize=50_000)
def stem(word):
    """Return a lower-case word's English stem."""
    return _stemmer.stemWord(word)


def fragments(text, lexemes, start_mark, stop_mark, shape=Shape()):
    """Return up to `shape.max_fragments` parts of `text` around the words that stem to `lexemes`, marked.

    Each marked word stands between `start_mark` and `stop_mark`; the fragments
    are in the text's order, joined by the delimiter, with "…" where the text
    goes on. With no word matched, the text's opening words.
    """
    matched = _matched(text, frozenset(lexeme for lexeme in lexemes if lexeme))
    starts = [_words_back(text, match_start, shape.words_before) for match_start in _chosen(matched, shape)]
    windows = _merged([(start, _words_on(text, start, shape.max_words)) for start in starts or [0]])
    opening = "… " if WORD.search(text, 0, windows[0][0]) else ""
    closing = " …" if WORD.search(text, windows[-1][1]) else ""
    if not closing:  # the last fragment reaches the text's end: its closing stop too
        windows[-1] = (windows[-1][0], len(text))
    parts = [_marked(text, start, end, matched, start_mark, stop_mark) for start, end in windows]
    return opening + shape.delimiter.join(part for part in parts if part) + closing


def _matched(text, lexemes):
    """Return the (start, end) of each word of `text` that stems to one of `lexemes`, in order.

    `str.find` looks for the lexemes' first letters (a regular expression
    scanning the text took ten times as long); only a word that begins there
    is stemmed.
    """
    if not lexemes:
        return []
    lowered = _lowered(text)
    found = set()
    for prefix in _prefixes(lexemes):
        at = lowered.find(prefix)
        while at != -1:
            if at == 0 or not _is_word_character(lowered[at - 1]):
                word = WORD.match(lowered, at)
                if stem(word[0]) in lexemes:
                    found.add(word.span())
            at = lowered.find(prefix, at + 1)
    return sorted(found)


def _lowered(text):
    """Return `text` in lower case, each character where it was (a few letters grow when lowered: "İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := character.lower()) == 1 else character for character in text)


def _is_word_character(character):
    return character.isalnum() or character == "_"


@lru_cache(maxsize=1_000)
def _prefixes(lexemes):
    """Return the first letters of `lexemes`, each spelled with y for i and i for y too."""
    prefixes = set()
    for lexeme in lexemes:
        spellings = [""]
        for letter in lexeme[:PREFIX_LENGTH]:
            letters = "iy" if letter in "iy" else letter
            spellings = [spelling + each for spelling in spellings for each in letters]
        prefixes.update(spellings)
    return sorted(prefixes)


def _chosen(matched, shape):
    """Return where the fragments' first matches start: the stretches of text with the most matches first."""
    reach = shape.max_words * CHARACTERS_A_WORD
    starts = [start for start, _ in matched]
    weighed = sorted((-(bisect_left(starts, start + reach) - index), start) for index, start in enumerate(starts))
    chosen = []
    for _, start in weighed:
        if len(chosen) == shape.max_fragments:
            break
        if all(abs(start - other) >= reach for other in chosen):
            chosen.append(start)
    return sorted(chosen)


def _words_back(text, position, count):
    """Return where the word `count` words before `position` (a word's start) starts, or the text's start."""
    if count == 0:
        return position
    before = max(0, position - count * CHARACTERS_A_WORD * 4)
    # The words before, read backwards: one match of the pattern instead of a loop over words.
    back = _words(count).match(text[before:position][::-1])
    return position - back.end() if back else position


def _words_on(text, start, count):
    """Return where the `count`th word from `start` ends, or the text's last word's end."""
    on = _words(count).match(text, start)
    return on.end() if on else start


@lru_cache(maxsize=16)
def _words(count):
    """Return a pattern matching from one to `count` words, with what stands before each."""
    return re.compile(rf"(?:\W*\w+){{1,{count}}}")


def _merged(windows):
    """Return the windows with those that overlap made one."""
    merged = []
    for start, end in windows:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text, start, end, matched, start_mark, stop_mark):
    """Return `text` from `start` to `end` as one line, its matched words between the marks."""
    pieces, position = [], start
    for match_start, match_end in matched:
        if start <= match_start and match_end <= end:
            pieces += [text[position:match_start], start_mark, text[match_start:match_end], stop_mark]
            position = match_end
    pieces.append(text[position:end])
    return " ".join("".join(pieces).split())
