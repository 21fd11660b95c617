"""Find participants by any of their names, near spellings included on PostgreSQL.

The participants list's name filter calls `participant_name_filter`; the
notifications search uses `nearly_named_ids` to find a participant's
notifications from a word such as "Turkey", "Turkiye" or "Phillipines". Nothing
here knows of notifications: the treaties app never imports them.

On PostgreSQL, near spellings come from pg_trgm's strict word similarity on
unaccented names (both extensions are created by this app's migration
`0009_trigram_and_unaccent_extensions`). The participants table holds a few hundred rows, so
the names are compared without a trigram index: an index would not make this
measurably faster.
"""

import unicodedata

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramStrictWordSimilarity
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BooleanField, Exists, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from treaties.models import Participant, ParticipantName

# A typed word is compared with the closest whole words of each name.
# 0.5 lets "Phillipines" (0.6 against Philippines) and "Lithuana" (0.58) through
# and keeps "armed" (0.4 against Armenia) out.
NEAR_NAME_THRESHOLD = 0.5
# Longer input is not a name; cutting it keeps the comparison cheap.
MAX_NAME_LENGTH = 200


def clean_text(text, max_length):
    """Return `text` without control characters and surrogates, spaces collapsed, cut to `max_length`.

    PostgreSQL refuses NUL in text, and psycopg cannot encode a lone surrogate.
    """
    if not isinstance(text, str):
        return ""
    kept = "".join(" " if unicodedata.category(char) in {"Cc", "Cs"} else char for char in text[: max_length * 4])
    return " ".join(kept.split())[:max_length].strip()


def participant_name_filter(queryset, text):
    """Filter participants to those any of whose names contains `text`, or nearly spells it on PostgreSQL."""
    text = clean_text(text, MAX_NAME_LENGTH)
    if not text:
        return queryset
    other_names = ParticipantName.objects.filter(participant=OuterRef("pk"))
    matches = Q(name__icontains=text) | Exists(other_names.filter(name__icontains=text))
    if connections[queryset.db].vendor == "postgresql":
        matches |= (
            Q(name__unaccent__icontains=text)
            | Exists(other_names.filter(name__unaccent__icontains=text))
            | nearly_named("pk", text)
        )
    return queryset.filter(matches)


def nearly_named(field, text):
    """Return a condition (PostgreSQL only): `field` is the id of a participant `text` most nearly names.

    Only the best-scoring names are kept, so "Austria" (1.0 against Austria)
    does not also bring Australia (0.5); "Republic" scores 1.0 against every
    name with that word and keeps them all.
    """
    return EqualsAny(field, _nearly_named_ids(text))


def nearly_named_ids(texts, using=DEFAULT_DB_ALIAS):
    """Return, for each of `texts`, the ids of the participants it most nearly names (PostgreSQL only), in one query.

    The same participants as `nearly_named`, read once before a search: as a
    subquery in the search's own SQL, they were compared again for the count,
    the page and the rank, and PostgreSQL, unable to tell how many they were,
    planned for tens of thousands of their notifications.
    """
    texts = list(dict.fromkeys(texts))
    if not texts:
        return {}
    scores = {f"near_{index}": _closest_name_similarity(text) for index, text in enumerate(texts)}
    rows = list(Participant.objects.using(using).annotate(**scores).values_list("pk", *scores))
    named = {}
    for column, text in enumerate(texts, start=1):
        best = max((row[column] for row in rows), default=0.0)
        named[text] = sorted(row[0] for row in rows if best >= NEAR_NAME_THRESHOLD and row[column] == best)
    return named


def _nearly_named_ids(text):
    """Return, as an array, the ids of the participants whose closest name scores best for `text`, if high enough."""
    scored = Participant.objects.annotate(similarity=_closest_name_similarity(text))
    best = scored.order_by("-similarity").values("similarity")[:1]
    near = scored.filter(similarity__gte=NEAR_NAME_THRESHOLD, similarity=Subquery(best)).values("pk")
    return ArraySubquery(near)


def _closest_name_similarity(text):
    """Return a participant's best strict word similarity to `text` over all its names, unaccented."""
    typed = Unaccent(Value(text))
    other_names = (
        ParticipantName.objects.filter(participant=OuterRef("pk"))
        .annotate(similarity=TrigramStrictWordSimilarity(typed, Unaccent("name")))
        .order_by("-similarity")
        .values("similarity")[:1]
    )
    return Greatest(TrigramStrictWordSimilarity(typed, Unaccent("name")), Coalesce(Subquery(other_names), Value(0.0)))


class EqualsAny(Func):
    """`field = ANY(array)`: unlike `IN (subquery)`, PostgreSQL can use an index for it under OR."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        field, array = self.get_source_expressions()
        field_sql, field_params = compiler.compile(field)
        array_sql, array_params = compiler.compile(array)
        return f"{field_sql} = ANY({array_sql})", (*field_params, *array_params)
