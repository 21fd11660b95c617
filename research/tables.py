"""The research tables, their codebook, and their rows read from the database with SQL.

Each table is a list of columns with a type and a meaning: the same list heads
the CSV a page streams, describes the field in a release's `datapackage.json`
and types the column of the release's SQLite copy. Rows are read with
`values_list(...).iterator()`, a pair's spans at a time: the standing table
is read, never the acts replayed.
"""

import itertools
from dataclasses import dataclass

from research import panels
from research.codes import CODE_NAMES
from treaties import mtdsg
from treaties.models import Participant, ParticipantName, ParticipationAct, StandingSpan, Treaty

CHUNK = 2000
MISSING = ["", panels.NONE, panels.UNKNOWN]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, date, boolean
    description: str

    def as_field(self):
        """Return the column as a Table Schema field."""
        field = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "boolean":
            field |= {"trueValues": ["true"], "falseValues": ["false"]}
        return field


STATE = "yes, no or unknown"
WHERE_NONE = "none where it has none (participants.csv gives the reason)"
CODE_COLUMNS = [
    Column("participant_kind", "string", "country (or territory), former_state, organisation or unclassified"),
    Column("iso3", "string", f"ISO 3166-1 alpha-3 code, from pycountry; {WHERE_NONE}"),
    Column("iso_numeric", "integer", f"ISO 3166-1 numeric code, from pycountry; {WHERE_NONE}"),
    Column("m49", "integer", f"UN M49 code, from country_converter; {WHERE_NONE}"),
    Column("cow_number", "integer", f"Correlates of War state number, from countrycode; {WHERE_NONE}"),
    Column("cow_abbreviation", "string", f"Correlates of War state abbreviation, from countrycode; {WHERE_NONE}"),
]
PAIR_COLUMNS = [
    Column("treaty", "string", "The treaty's MTDSG number, e.g. XXVI.5"),
    Column("participant", "string", "The participant's name as the depositary writes it today"),
    *CODE_COLUMNS,
]
KNOWN_TO = Column(
    "known_to",
    "date",
    "The day this participant's record in the treaty is complete to (its horizon); none: no limit recorded",
)
PANEL_COLUMNS = [
    *PAIR_COLUMNS,
    Column("year", "integer", "The year"),
    Column("day", "date", "The day of the year the standing is read on (31 December unless chosen otherwise)"),
    Column(
        "standing",
        "string",
        "not_participant, signatory, contracting_state, party, withdrawal_pending or withdrawn on that day; "
        "unknown after known_to",
    ),
    Column("contracting_state", "string", f"Had consented to be bound and not withdrawn: {STATE}"),
    Column(
        "party",
        "string",
        f"Bound, the treaty in force for it: {STATE} (unknown after known_to, or when no date of entry into "
        "force for it follows from the record)",
    ),
    KNOWN_TO,
]
DATE_OR = "; none: not on record; unknown: on record without a known date"
DATES_COLUMNS = [
    *PAIR_COLUMNS,
    Column("signature", "date", f"First signature{DATE_OR}"),
    Column("consent", "date", f"First consent to be bound (ratification, accession, succession...){DATE_OR}"),
    Column("consent_kind", "string", "The kind of that consent (ratification, accession...); none: no consent"),
    Column(
        "in_force_for_it",
        "date",
        "First day the treaty was in force for it; none: never on record; unknown: no date follows from the record",
    ),
    Column("withdrawal_notified", "date", f"The latest withdrawal (denunciation) notice received{DATE_OR}"),
    Column("withdrawal_revoked", "date", f"The revocation of that notice{DATE_OR}"),
    Column(
        "withdrawal_effective",
        "date",
        "The day that withdrawal took or takes effect; none: no unrevoked withdrawal; unknown: deferred by a "
        "condition or not computable",
    ),
    KNOWN_TO,
]
PARTICIPANT_COLUMNS = [
    Column("participant", "string", "The participant's name as the depositary writes it today"),
    Column("slug", "string", "Its address on the site: /participants/<slug>/"),
    Column("other_names", "string", "Other names it has gone by, separated by ' | '"),
    CODE_COLUMNS[0],
    *(
        column
        for code in CODE_COLUMNS[1:]
        for column in (
            code,
            Column(f"{code.name}_reason", "string", f"Why it has no {code.name} code; empty if it has one"),
        )
    ),
]


def selected_spans(treaties=None, participant=None):
    """Return the stored spans of these treaties (all when None) and participant, by treaty and participant."""
    spans = StandingSpan.objects.all()
    if treaties:
        spans = spans.filter(treaty__in=treaties)
    if participant is not None:
        spans = spans.filter(participant=participant)
    return spans.order_by("treaty_id", "participant_id", "start")


_PAIR_FIELDS = [
    "treaty_id",
    "participant_id",
    "treaty__chapter",
    "treaty__number",
    "participant__name",
    "participant__codes__kind",
    *(f"participant__codes__{name}" for name in CODE_NAMES),
]


def _pairs(spans):
    """Yield ((treaty id, participant id), cells, [Span]) for each participant's record in each treaty."""
    rows = spans.values_list(*_PAIR_FIELDS, *panels.Span._fields).iterator(chunk_size=CHUNK)
    width = len(_PAIR_FIELDS)
    for key, group in itertools.groupby(rows, key=lambda row: row[:2]):
        group = list(group)
        yield key, _pair_cells(group[0][:width]), [panels.Span(*row[width:]) for row in group]


def _pair_cells(fields):
    _, _, chapter, number, name, kind, *codes = fields
    cells = {"treaty": mtdsg.treaty_key(chapter, number), "participant": name}
    cells["participant_kind"] = kind or panels.UNKNOWN
    # No codes row: never filled (fill_participant_codes), so not known; a code it lacks is "none".
    for code, value in zip(CODE_NAMES, codes, strict=True):
        cells[code] = panels.UNKNOWN if kind is None else (panels.NONE if value in (None, "") else value)
    return cells


def panel_rows(spans, *, first_year, last_year, month, day, stop_when_unknown=False):
    """Yield the participant × year panel rows of these spans."""
    years = {"first_year": first_year, "last_year": last_year, "month": month, "day": day}
    for _, cells, pair_spans in _pairs(spans):
        horizon = pair_spans[-1].horizon or panels.NONE
        for row in panels.year_rows(pair_spans, **years, stop_when_unknown=stop_when_unknown):
            yield cells | {
                "year": row.year,
                "day": row.day,
                "standing": row.standing,
                "contracting_state": row.contracting_state,
                "party": row.party,
                "known_to": horizon,
            }


def dates_rows(spans, acts):
    """Yield a row of dates for each participant's record in each treaty (spans and acts in pair order)."""
    acts = itertools.groupby(
        acts.values_list("treaty_id", "participant_id", "kind", "date").iterator(chunk_size=CHUNK),
        key=lambda row: row[:2],
    )
    pending = next(acts, None)
    for key, cells, pair_spans in _pairs(spans):
        pair_acts = []
        # A pair whose acts all lack a date has no span, and so no row: it has no dated record.
        while pending is not None and pending[0] < key:
            pending = next(acts, None)
        if pending is not None and pending[0] == key:
            pair_acts = [panels.Act(kind, day) for _, _, kind, day in pending[1]]
            pending = next(acts, None)
        yield cells | panels.dates(pair_acts, pair_spans)


def selected_acts(treaties=None, participant=None):
    """Return the acts of these treaties and participant, in the spans' pair order."""
    acts = ParticipationAct.objects.all()
    if treaties:
        acts = acts.filter(treaty__in=treaties)
    if participant is not None:
        acts = acts.filter(participant=participant)
    return acts.order_by("treaty_id", "participant_id", "date", "pk")


# --- The tables a release holds besides the panels ------------------------------------------

TREATY_COLUMNS = [
    Column("treaty", "string", "MTDSG number, e.g. XXVI.5"),
    Column("slug", "string", "Its address on the site: /treaties/<slug>/"),
    Column("title", "string", "Full title, as the depositary prints it"),
    Column("short_title", "string", "Short title"),
    Column("adoption_date", "date", "Date of adoption; none: not recorded"),
    Column("in_force", "string", "in_force, not_in_force or unknown (not recorded)"),
    Column("entry_into_force", "date", "The treaty's own entry into force; none: not in force or not recorded"),
    Column("participation_recorded", "string", "complete: every participant's acts up to the horizon; partial: some"),
    Column("horizon", "date", "The day its participation table is complete to; none: no limit recorded"),
]
ACT_COLUMNS = [
    Column("id", "integer", "The act's number on the site"),
    Column("treaty", "string", "MTDSG number"),
    Column("participant", "string", "Participant's name"),
    Column("kind", "string", "signature, ratification, accession, succession, withdrawal..."),
    Column("date", "date", "Date effected (instrument received or signed); unknown: no source gives it"),
    Column("date_precision", "string", "day, month or year: how precisely the date is known"),
    Column("strength", "string", "How sure the date is: P primary, S secondary, T third-party, C computed"),
    Column("effective_date", "date", "Date it takes effect, as stated in the sources; none: not stated"),
    Column("reference", "string", "The depositary notification that reported it, as written; empty: not known"),
    Column("origin", "string", "Where the record came from: curated, untc-2015 (UN tables of 2015) or editor"),
]
SPAN_COLUMNS = [
    Column("treaty", "string", "MTDSG number"),
    Column("participant", "string", "Participant's name"),
    Column("standing", "string", "signatory, contracting_state, party, withdrawal_pending or withdrawn"),
    Column("start", "date", "First day of the span"),
    Column("end", "date", "First day after it; none: it lasts as far as the record reaches"),
    Column("in_force_from", "date", "First day the treaty is in force for it; none: not (yet) in force"),
    Column("in_force_unknown", "boolean", "A consent stands but no date of entry into force follows from the record"),
    Column("withdrawal_notified", "date", "While a withdrawal is pending: the day its notice was received"),
    Column("withdrawal_due", "date", "While a withdrawal is pending: the day it takes effect; none: deferred"),
    Column("strength", "string", "The weakest source of the dates the span rests on (P, S, T, C)"),
    KNOWN_TO,
]


def _none(value):
    return panels.NONE if value in (None, "") else value


def treaty_rows():
    fields = ["chapter", "number", "slug", "title", "short_title", "adoption_date", "in_force", "entry_into_force"]
    treaties = Treaty.objects.order_by("sort_key").values_list(*fields, "coverage", "horizon")
    for chapter, number, slug, title, short, adopted, in_force, entry, coverage, horizon in treaties.iterator():
        yield {
            "treaty": mtdsg.treaty_key(chapter, number),
            "slug": slug,
            "title": title,
            "short_title": short,
            "adoption_date": _none(adopted),
            "in_force": in_force,
            "entry_into_force": _none(entry),
            "participation_recorded": coverage,
            "horizon": _none(horizon),
        }


def participant_rows(participants=None):
    """Yield each participant with its codes and the reason for each code it lacks."""
    participants = (Participant.objects.all() if participants is None else participants).select_related("codes")
    participants = participants.order_by("name")
    names = ParticipantName.objects.filter(participant__in=participants).order_by("name")
    other_names = {}
    for participant_id, name in names.values_list("participant_id", "name"):
        other_names.setdefault(participant_id, []).append(name)
    for participant in participants.iterator(chunk_size=CHUNK):
        row = {
            "participant": participant.name,
            "slug": participant.slug,
            "other_names": " | ".join(other_names.get(participant.pk, [])),
        }
        codes = getattr(participant, "codes", None)
        row["participant_kind"] = codes.kind if codes else panels.UNKNOWN
        for name in CODE_NAMES:
            row[name] = codes.code_or_reason(name) if codes else panels.UNKNOWN
            row[f"{name}_reason"] = getattr(codes, f"{name}_reason") if codes else "codes not filled yet"
        yield row


def act_rows():
    fields = ["pk", "treaty__chapter", "treaty__number", "participant__name", "kind", "date", "date_precision"]
    acts = ParticipationAct.objects.order_by("treaty_id", "participant_id", "date", "pk")
    rows = acts.values_list(*fields, "strength", "effective_date", "reference", "origin")
    for pk, chapter, number, name, kind, day, precision, strength, effective, reference, origin in rows.iterator(
        chunk_size=CHUNK
    ):
        yield {
            "id": pk,
            "treaty": mtdsg.treaty_key(chapter, number),
            "participant": name,
            "kind": kind,
            "date": day or panels.UNKNOWN,
            "date_precision": precision,
            "strength": strength,
            "effective_date": _none(effective),
            "reference": reference,
            "origin": origin,
        }


def span_rows():
    names = [column.name for column in SPAN_COLUMNS]
    fields = ["treaty__chapter", "treaty__number", "participant__name", *names[2:-1], "horizon"]
    spans = StandingSpan.objects.order_by("treaty_id", "participant_id", "start").values_list(*fields)
    for chapter, number, *values in spans.iterator(chunk_size=CHUNK):
        row = dict(zip(names[1:], values, strict=True))
        yield {"treaty": mtdsg.treaty_key(chapter, number)} | {name: _none(value) for name, value in row.items()}
