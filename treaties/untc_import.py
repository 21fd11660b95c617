"""Store the UN Treaty Collection's status tables of 14 March 2015.

`untc` reads the files; this module turns what it read into treaties,
participants, their other names and participation acts. Another source's
records always win: a treaty that exists with another origin keeps every
field, and a cell is not stored when the participant already has an act of the
same group (any consent, any signature, or the same other kind) on that treaty
from the curated data or an editor. Where that act's date or kind differs, the
cell becomes a conflict in the report, never a correction.

The import creates, and updates its own treaties, but never deletes. Existing
records are read once into dicts and new ones are bulk-created, so the whole
corpus loads in seconds; the caller runs it in one transaction.

Bulk writes leave no edit history: writing a history row for each of some
32,000 records (simple_history's bulk_create_with_history) doubled the load's
time. The shipped files are the record of what was loaded; the admin keeps the
loaded version in the history when an editor first changes such a record.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from treaties import countries, mtdsg, standing, untc
from treaties.loading import LoadReport, folder_digest
from treaties.models import (
    CONSENT_KINDS,
    SIGNATURE_KINDS,
    ActKind,
    Coverage,
    Origin,
    Participant,
    ParticipantName,
    ParticipationAct,
    Strength,
    Treaty,
)

UNTC_DIR = Path(__file__).resolve().parent / "data" / "untc-2015"
DATA_SET = Origin.UNTC_2015.value
STATUS_AS_AT = date(2015, 3, 14)
ACT_NOTE = "From the UN Treaty Collection's status table as published on 14 March 2015."
HORIZON_NOTE = "The UN Treaty Collection's status table as published on 14 March 2015: later acts are not in it."
BATCH_SIZE = 1000

# The fields the import owns on its own treaties, refreshed when the corpus changes.
TREATY_FIELDS = (
    "title",
    "chapter_subject",
    "adoption_place",
    "adoption_date",
    "coverage",
    "horizon",
    "horizon_note",
    "strength",
    "sources",
    "sort_key",
)

# Definitive signature is consent, so it joins the consent group.
_GROUPS = {
    **{kind.value: "consent" for kind in CONSENT_KINDS},
    **{kind.value: "signature" for kind in SIGNATURE_KINDS - CONSENT_KINDS},
}


class UntcImportError(Exception):
    """The corpus says something the site cannot store as it stands."""


@dataclass(frozen=True)
class Conflict:
    file: str
    participant: str
    kind: str
    snapshot_date: date
    recorded_kind: str
    recorded_date: date | None
    recorded_origin: str

    def __str__(self):
        recorded = f"{self.recorded_origin} {_described(self.recorded_kind, self.recorded_date)}"
        return f"{self.file}: {self.participant}, snapshot {_described(self.kind, self.snapshot_date)}; {recorded}"


@dataclass
class TreatyCounts:
    rows_read: int = 0
    rows: int = 0
    problems: int = 0
    acts_created: int = 0
    acts_recorded: int = 0
    conflicts: int = 0


@dataclass
class ImportReport(LoadReport):
    treaties: dict[str, TreatyCounts] = field(default_factory=dict)
    # Keys of treaties of another origin that the import left as they were.
    kept_treaties: list[str] = field(default_factory=list)
    merged_names: dict[str, str] = field(default_factory=dict)
    problems: list[untc.Problem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def summary_lines(self):
        """Return the compact summary the command always prints."""
        read = sum(counts.rows_read for counts in self.treaties.values())
        rows = sum(counts.rows for counts in self.treaties.values())
        stored = sum(counts.acts_recorded for counts in self.treaties.values())
        created = ", ".join(f"{count} {label}" for label, count in sorted(self.created.items())) or "nothing"
        left_out = f"{_plural(len(self.problems), 'problem')} and {_plural(len(self.conflicts), 'conflict')}"
        return [
            f"UN status tables as at 14 March 2015: {len(self.treaties)} treaties; "
            f"{rows} of {read} participant rows read without a problem.",
            f"Created: {created}.",
            f"Kept as recorded: {_plural(len(self.kept_treaties), 'treaty')} of another origin, "
            f"{_plural(stored, 'act')} already stored.",
            f"Left out: {left_out} with recorded acts"
            + ("; --verbosity 2 lists them." if self.problems or self.conflicts else "."),
            "Merged names:",
            *(f"  {name} -> {current}" for name, current in sorted(self.merged_names.items())),
        ]

    def detail_lines(self):
        """Return the per-treaty counts, every problem and every conflict."""
        return [
            "Per treaty (rows read, rows kept, acts created, acts already stored, problems, conflicts):",
            *(
                f"  {key}: {c.rows_read}, {c.rows}, {c.acts_created}, {c.acts_recorded}, {c.problems}, {c.conflicts}"
                for key, c in self.treaties.items()
            ),
            "Treaties kept as recorded: " + (", ".join(self.kept_treaties) or "none"),
            "Problems (file, line, reason):",
            *(f"  {problem.file}, line {problem.line}: {problem.reason}" for problem in self.problems),
            "Conflicts with recorded acts (not imported):",
            *(f"  {conflict}" for conflict in self.conflicts),
        ]


def corpus_digest(folder=UNTC_DIR):
    """Return one SHA-256 over the corpus files and the parser that reads them."""
    # The parser decides what the files mean: a fix to it must import again.
    return folder_digest(folder, also=[untc.__file__])


def import_status_tables(folder=UNTC_DIR, report=None):
    """Create the corpus's treaties, participants, other names and acts."""
    report = report or ImportReport()
    tables = read_tables(folder, report)
    treaty_ids = store_treaties([entry for entry, _ in tables], report)
    participant_ids = store_participants([row.name for _, table in tables for row in table.rows], report)
    store_acts(tables, treaty_ids, participant_ids, report)
    return report


def table_entries(folder=UNTC_DIR):
    """Return the index entries that have a status table, in index order."""
    folder = Path(folder)
    try:
        entries = untc.read_index(folder / "index.csv")
    except (OSError, ValueError) as error:
        raise UntcImportError(f"index.csv: {error}") from error
    return [entry for entry in entries if (folder / entry.table_file).exists()]


def read_tables(folder, report):
    """Return each treaty entry with its parsed table, noting the rows left out."""
    tables = []
    for entry in table_entries(folder):
        try:
            table = untc.read_treaty_table(Path(folder) / entry.table_file)
        except (OSError, ValueError) as error:
            raise UntcImportError(f"{entry.table_file}: {error}") from error
        report.problems.extend(table.problems)
        report.treaties[entry.key] = TreatyCounts(table.rows_read, len(table.rows), len(table.problems))
        tables.append((entry, table))
    return tables


def store_treaties(entries, report):
    """Create the treaties not yet stored, refresh the import's own; return ids by key."""
    existing = {treaty.key: treaty for treaty in Treaty.objects.all()}
    slugs = {treaty.slug: key for key, treaty in existing.items()}
    new, changed = [], []
    for entry in entries:
        values = treaty_values(entry)
        treaty = existing.get(entry.key)
        if treaty is None:
            if values["slug"] in slugs:
                raise UntcImportError(f"{entry.table_file}: slug {values['slug']} is taken by {slugs[values['slug']]}")
            new.append(validated(Treaty(**values), entry.table_file))
        elif treaty.origin != Origin.UNTC_2015:
            report.kept_treaties.append(entry.key)
        elif any(getattr(treaty, name) != values[name] for name in TREATY_FIELDS):
            for name in TREATY_FIELDS:
                setattr(treaty, name, values[name])
            changed.append(validated(treaty, entry.table_file))
    Treaty.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Treaty.objects.bulk_update(changed, TREATY_FIELDS, batch_size=BATCH_SIZE)
    report.count("treaties", number=len(new))
    report.count("treaties updated", number=len(changed))
    return treaty_ids_by_key()


def treaty_ids_by_key():
    """Return the id of every stored treaty by its MTDSG key."""
    return {
        mtdsg.treaty_key(chapter, number): pk
        for pk, chapter, number in Treaty.objects.values_list("pk", "chapter", "number")
    }


def treaty_values(entry):
    """Return the fields of the treaty an index entry describes."""
    return {
        "chapter": entry.chapter,
        "number": entry.number,
        "slug": f"untc-{mtdsg.un_key(entry.chapter, entry.number)}".lower(),
        "title": entry.title,
        "chapter_subject": entry.chapter_name,
        "adoption_place": entry.place,
        "adoption_date": entry.adopted_on,
        "coverage": Coverage.COMPLETE,
        "horizon": STATUS_AS_AT,
        "horizon_note": HORIZON_NOTE,
        "strength": Strength.PRIMARY,
        "sources": entry.url,
        "origin": Origin.UNTC_2015,
        # bulk_create skips save(), which sets it on every other path.
        "sort_key": mtdsg.sort_key(entry.chapter, entry.number),
    }


def store_participants(names, report):
    """Create one participant per current name not yet stored; return ids by every name."""
    names = sorted(set(names))
    known = participant_ids_by_name()
    slugs = set(Participant.objects.values_list("slug", flat=True))
    missing = sorted({countries.canonical_name(name) for name in names if resolve(name, known) is None})
    new = [validated(new_participant(name, slugs), f"participant {name}") for name in missing]
    Participant.objects.bulk_create(new, batch_size=BATCH_SIZE)
    report.count("participants", number=len(new))
    known = participant_ids_by_name()
    other_names = []
    for name in names:
        current = countries.canonical_name(name)
        if name == current:
            continue
        report.merged_names[name] = current
        if name not in known:
            other_names.append(ParticipantName(participant_id=resolve(name, known), name=name))
    ParticipantName.objects.bulk_create(other_names, batch_size=BATCH_SIZE)
    report.count("other names", number=len(other_names))
    return {name: resolve(name, known) for name in names}


def participant_ids_by_name():
    """Return participant ids by their names and their other names."""
    ids = dict(ParticipantName.objects.values_list("name", "participant_id"))
    ids.update(Participant.objects.values_list("name", "pk"))
    return ids


def resolve(name, ids_by_name):
    """Return the id of the participant a name means, or None."""
    return ids_by_name.get(countries.canonical_name(name)) or ids_by_name.get(name)


def new_participant(name, slugs):
    """Return an unsaved participant with a slug no other participant has."""
    base = slugify(name)
    slug, suffix = base, 2
    while slug in slugs:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    slugs.add(slug)
    # bulk_create skips save(), which fills the code on every other path.
    return Participant(name=name, slug=slug, iso3=countries.iso3_for(name) or "")


def store_acts(tables, treaty_ids, participant_ids, report):
    """Create one act per dated cell unless another source already speaks for it."""
    recorded = recorded_acts(treaty_ids[entry.key] for entry, _ in tables)
    new = []
    for entry, table in tables:
        treaty_id, counts = treaty_ids[entry.key], report.treaties[entry.key]
        for row in table.rows:
            acts = recorded.setdefault((treaty_id, participant_ids[row.name]), [])
            for cell in row.cells:
                if is_stored(cell, acts):
                    counts.acts_recorded += 1
                elif clashes := overriding_acts(cell, acts):
                    counts.conflicts += len(clashes)
                    report.conflicts.extend(conflict(table.file, row, cell, act) for act in clashes)
                else:
                    new.append(new_act(treaty_id, participant_ids[row.name], cell, entry.url))
                    acts.append((cell.kind, cell.date, Origin.UNTC_2015))
                    counts.acts_created += 1
    ParticipationAct.objects.bulk_create(new, batch_size=BATCH_SIZE)
    report.count("acts", number=len(new))
    # bulk_create sends no signals: rebuild the standing of every treaty the tables cover.
    standing.mark_touched(treaty_ids[entry.key] for entry, _ in tables)


def recorded_acts(treaty_ids):
    """Return (kind, date, origin) of every stored act by (treaty id, participant id)."""
    acts = {}
    rows = ParticipationAct.objects.filter(treaty_id__in=list(treaty_ids)).values_list(
        "treaty_id", "participant_id", "kind", "date", "origin"
    )
    for treaty_id, participant_id, kind, day, origin in rows:
        acts.setdefault((treaty_id, participant_id), []).append((kind, day, origin))
    return acts


def is_stored(cell, acts):
    """Return whether the participant's acts already include this kind on this date."""
    return any((kind, day) == (cell.kind, cell.date) for kind, day, _ in acts)


def overriding_acts(cell, acts):
    """Return the acts of other sources in the cell's group, which take precedence over it."""
    group = _GROUPS.get(cell.kind, cell.kind)
    return [act for act in acts if act[2] != Origin.UNTC_2015 and _GROUPS.get(act[0], act[0]) == group]


def conflict(file, row, cell, act):
    """Return the conflict between a cell and an act another source recorded."""
    kind, day, origin = act
    return Conflict(file, row.canonical_name, cell.kind, cell.date, kind, day, origin)


def new_act(treaty_id, participant_id, cell, url):
    """Return an unsaved act for one dated cell."""
    return ParticipationAct(
        treaty_id=treaty_id,
        participant_id=participant_id,
        kind=ActKind(cell.kind),
        date=cell.date,
        strength=Strength.PRIMARY,
        sources=url,
        note=ACT_NOTE,
        origin=Origin.UNTC_2015,
    )


def validated(instance, where):
    """Return the instance after the model's own field checks, naming the file if it fails."""
    try:
        # Uniqueness is checked against the dicts read once, not per record.
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise UntcImportError(f"{where}: {error}") from error
    return instance


def _described(kind, day):
    return f"{kind.replace('_', ' ')} of {day.isoformat() if day else 'unknown date'}"


def _plural(count, word):
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"
