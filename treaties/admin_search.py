"""The admin's search of participation acts and standing spans, through indexes.

A table of millions of acts cannot be read row by row for each search. Each
word of the search finds the few hundred participants and treaties it names
(small tables), then the acts of those through their indexes; a word may also
be the beginning of the act's notification reference (C.N.10004.2024). Every
word must match. Words of an act's note are not searched.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

from treaties import mtdsg
from treaties.models import Participant, Treaty
from treaties.name_search import EqualsAny, participant_name_filter

# More words than this are not read: a search is a name or a reference.
MAX_WORDS = 6


def search_words(text):
    """Return the words of a search as the admin splits them: "quoted words" stay one."""
    words = []
    for word in smart_split(text):
        if word[:1] in {'"', "'"} and word[-1:] == word[:1] and len(word) > 1:
            word = unescape_string_literal(word)
        if word.strip():
            words.append(word.strip())
    return words[:MAX_WORDS]


def filter_by_names(queryset, text, *, with_reference):
    """Return the rows of `queryset` whose participant or treaty every word names, or whose reference it begins."""
    postgres = connections[queryset.db].vendor == "postgresql"
    for word in search_words(text):
        named = one_of("participant_id", participant_name_filter(Participant.objects.all(), word), postgres)
        named |= one_of("treaty_id", treaties_named(word), postgres)
        if with_reference:
            # References are written in capitals (C.N.10004.2024.TREATIES-I.101).
            named |= Q(reference__startswith=word.upper())
        queryset = queryset.filter(named)
    return queryset


def treaties_named(word):
    """Return the treaties whose title, short title or other names contain `word`, or whose key it is (XXVI.5)."""
    named = Q(short_title__icontains=word) | Q(title__icontains=word) | Q(other_names__icontains=word)
    if key := mtdsg.read_typed_key(word):
        named |= Q(chapter=key[0], number=key[1])
    return Treaty.objects.filter(named)


def one_of(field, records, postgres):
    """Return the condition that `field` is the id of one of `records` (a subquery, not a list read first)."""
    ids = records.values("pk")
    # Under OR, PostgreSQL uses the index for `= ANY(ARRAY(...))`, not for `IN (SELECT ...)`.
    return Q(EqualsAny(field, ArraySubquery(ids))) if postgres else Q(**{f"{field}__in": ids})
