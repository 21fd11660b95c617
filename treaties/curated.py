"""Load the curated treaty facts shipped in treaties/data/curated/.

Every record goes through the model's own validation, so a bad row stops the
load with a message naming the file and the row; the caller runs the whole
load in one transaction, so a failed load writes nothing.
"""

import csv
import difflib
import tomllib
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.text import slugify

from treaties import countries, curated_checks, standing
from treaties.loading import LoadReport
from treaties.models import (
    ActKind,
    Coverage,
    DatePrecision,
    InForce,
    Origin,
    Participant,
    ParticipantName,
    ParticipationAct,
    Snap,
    Strength,
    Treaty,
)

CURATED_DIR = Path(__file__).resolve().parent / "data" / "curated"
ENTRY_INTO_FORCE_FILE = CURATED_DIR / "entry-into-force.toml"
MINE_BAN_KEY = "XXVI.5"
CHANGE_REASON = "Loaded from the curated data files"


class CuratedDataError(Exception):
    """A curated file says something the site cannot store as it stands."""


def load_curated(directory=CURATED_DIR, summary=None, notifications_directory=None):
    """Check every file, then load treaties, the Mine Ban participation table and the other cases, then their standing.

    The notifications are loaded by the caller, after these; given their
    directory, they are checked here too, before anything is written.
    """
    summary = summary or LoadReport()
    directory = Path(directory)
    validate_curated(directory, notifications_directory)
    with standing.refreshed_after():
        treaties = load_treaties(directory / "treaties.toml", summary)
        load_mine_ban_table(directory / "mine-ban-participants.csv", treaties, summary)
        load_acts(directory / "acts.toml", treaties, summary)
    return summary


def validate_curated(directory=CURATED_DIR, notifications_directory=None):
    """Check every curated file and the names they use; raise CuratedDataError listing every fault."""
    directory = Path(directory)
    faults, treaty_keys = curated_checks.check_treaties(directory / "treaties.toml")
    table_faults, names = curated_checks.check_mine_ban_table(directory / "mine-ban-participants.csv")
    act_faults, act_names = curated_checks.check_acts(directory / "acts.toml", treaty_keys)
    faults += table_faults + act_faults + curated_checks.check_entry_into_force(directory / "entry-into-force.toml")
    names += act_names
    if notifications_directory is not None:
        notification_faults, notification_names = curated_checks.check_notifications(notifications_directory)
        faults += notification_faults
        names += notification_names
    faults += unknown_participant_faults(names)
    if faults:
        raise CuratedDataError("\n".join(str(fault) for fault in faults))


def unknown_participant_faults(names):
    """Return a fault for each name that is no known participant and whose row does not create one.

    Known: a participant stored or one of its other names, a current country
    or former name in treaties/countries.py (so a first load on an empty
    database can create them), or a name another row of this load creates.
    """
    known = set(Participant.objects.values_list("name", flat=True))
    known |= set(ParticipantName.objects.values_list("name", flat=True))
    known |= {countries.canonical_name(named.name) for named in names if named.creates}
    faults = []
    for named in names:
        name = countries.canonical_name(named.name)
        if name in known or named.name in known or countries.iso3_for(name) is not None:
            continue
        suggestion = difflib.get_close_matches(name, sorted(known | countries.known_names()), n=1)
        hint = f"; did you mean {suggestion[0]!r}?" if suggestion else " (add new_participant = true to create one)"
        # A CSV cell is placed by its line and column alone; a TOML key also names its entry.
        entry = f"{named.where.message}: " if named.where.message else ""
        message = f"{entry}no participant named {named.name!r}{hint}"
        faults.append(curated_checks.Fault(named.where.file, named.where.line, named.where.column, message))
    return faults


def load_treaties(path, summary):
    """Create or update each treaty in treaties.toml; return them by MTDSG key."""
    treaties = {}
    for position, entry in enumerate(read_toml(path).get("treaty", []), start=1):
        where = f"{path.name}, treaty {position}"
        values = _treaty_fields(entry, where)
        treaty = Treaty.objects.filter(chapter=values["chapter"], number=values["number"]).first() or Treaty()
        save_validated(treaty, values, where, summary, "treaties")
        treaties[treaty.key] = treaty
    return treaties


def load_mine_ban_table(path, treaties, summary):
    """Turn each row of the Mine Ban participation table into its acts."""
    treaty = _treaty(treaties, MINE_BAN_KEY, path.name)
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}, line {line}"
            participant = participant_named(row["participant"], summary)
            sources = _joined_sources(row["sources"])
            for values in _mine_ban_acts(row, where):
                values.update(sources=sources, note=values.get("note", ""))
                _save_act(treaty, participant, values, where, summary)


def load_acts(path, treaties, summary):
    """Create or update each act in acts.toml."""
    data = read_toml(path)
    # The day the cases' sources were last read: each participant's record reaches it.
    checked_on = _date(_required(data, "checked", path.name), "checked", path.name)
    for position, entry in enumerate(data.get("act", []), start=1):
        where = f"{path.name}, act {position} ({entry.get('participant')}, {entry.get('treaty')})"
        treaty = _treaty(treaties, entry.get("treaty", ""), where)
        participant = participant_named(_required(entry, "participant", where), summary)
        values = {
            "kind": _choice(ActKind, _required(entry, "kind", where), "kind", where),
            "date": _date(entry.get("date"), "date", where),
            "date_precision": _choice(DatePrecision, entry.get("date_precision", "day"), "date_precision", where),
            "strength": _choice(Strength, entry.get("strength", ""), "strength", where),
            "effective_date": _date(entry.get("effective_date"), "effective_date", where),
            "effective_strength": _optional_choice(Strength, entry.get("effective_strength", ""), where),
            "reference": entry.get("reference", ""),
            "reference_strength": _optional_choice(Strength, entry.get("reference_strength", ""), where),
            "took_effect": entry.get("took_effect"),
            "note": entry.get("note", ""),
            "sources": "\n".join(entry.get("sources", [])),
            "checked_on": checked_on,
        }
        _save_act(treaty, participant, values, where, summary)


def load_entry_into_force(path, summary):
    """Record each treaty's entry into force and its rule for later participants, from one file.

    Run after every treaty is stored (the UN tables create most of them); an
    entry for a treaty not loaded (e.g. with --curated-only) is counted, not stored.
    """
    treaties = {treaty.key: treaty for treaty in Treaty.objects.all()}
    with standing.refreshed_after():
        for position, entry in enumerate(read_toml(path).get("treaty", []), start=1):
            where = f"{path.name}, treaty {position} ({entry.get('mtdsg')})"
            treaty = treaties.get(_required(entry, "mtdsg", where))
            if treaty is None:
                summary.count("entry-into-force facts for treaties not loaded", True)
                continue
            save_validated(treaty, _entry_into_force_fields(entry, where), where, summary, "entry-into-force facts")


def _entry_into_force_fields(entry, where):
    return {
        "in_force": _choice(InForce, _required(entry, "in_force", where), "in_force", where),
        "entry_into_force": _date(entry.get("entry_into_force"), "entry_into_force", where),
        "entry_into_force_strength": _optional_choice(Strength, entry.get("entry_into_force_strength", ""), where),
        "entry_into_force_sources": "\n".join(entry.get("entry_into_force_sources", [])),
        "entry_into_force_note": entry.get("note", ""),
        "entry_into_force_required": entry.get("required_instruments"),
        "entry_into_force_treaty_text": entry.get("treaty_text", "").strip(),
        "entry_into_force_article": entry.get("later_article", ""),
        "entry_into_force_text": entry.get("later_text", "").strip(),
        "entry_into_force_text_note": entry.get("later_note", ""),
        "entry_into_force_period_count": entry.get("later_period_count"),
        "entry_into_force_period_unit": entry.get("later_period_unit", ""),
        "entry_into_force_snap": _choice(Snap, entry.get("later_snap", "none"), "later_snap", where),
        "entry_into_force_rule_strength": _optional_choice(Strength, entry.get("later_strength", ""), where),
        "entry_into_force_rule_sources": "\n".join(entry.get("later_sources", [])),
    }


def participant_named(name, summary):
    """Return the participant with this name, creating it with its former names."""
    name = countries.canonical_name(name)
    # The checks accept a participant's other names, so the lookup must find it by them too.
    participant = (
        Participant.objects.filter(name=name).first() or Participant.objects.filter(other_names__name=name).first()
    )
    if participant is None:
        participant = Participant(name=name, slug=slugify(name))
        save_validated(participant, {}, f"participant {name}", summary, "participants")
    for former, current in countries.FORMER_NAMES.items():
        if current == participant.name:
            _, created = ParticipantName.objects.get_or_create(participant=participant, name=former)
            if created:
                summary.count("other names", True)
    return participant


def _mine_ban_acts(row, where):
    """Return the field values of each act one table row records."""
    acts = []
    if row["signature_date"]:
        acts.append(
            {
                "kind": ActKind.SIGNATURE,
                "date": _date(row["signature_date"], "signature_date", where),
                "strength": _choice(Strength, row["signature_strength"], "signature_strength", where),
            }
        )
    if row["consent_date"]:
        acts.append(
            {
                "kind": _choice(ActKind, row["consent_kind"], "consent_kind", where),
                "date": _date(row["consent_date"], "consent_date", where),
                "strength": _choice(Strength, row["consent_strength"], "consent_strength", where),
                # The row's note goes with its last act: the withdrawal if any.
                "note": row["note"] if not row["withdrawal_received"] else "",
            }
        )
    if row["withdrawal_received"]:
        acts.append(
            {
                "kind": ActKind.WITHDRAWAL,
                "date": _date(row["withdrawal_received"], "withdrawal_received", where),
                "strength": _choice(
                    Strength, row["withdrawal_received_strength"], "withdrawal_received_strength", where
                ),
                "effective_date": _date(row["withdrawal_effective"], "withdrawal_effective", where),
                "effective_strength": _optional_choice(Strength, row["withdrawal_effective_strength"], where),
                "reference": row["withdrawal_reference"],
                "reference_strength": Strength.PRIMARY if row["withdrawal_reference"] else "",
                "note": row["note"],
            }
        )
    return acts


def _save_act(treaty, participant, values, where, summary):
    values["origin"] = Origin.CURATED
    act = ParticipationAct.objects.filter(
        treaty=treaty, participant=participant, kind=values["kind"], date=values["date"]
    ).first() or ParticipationAct(treaty=treaty, participant=participant)
    save_validated(act, values, where, summary, "acts")


def save_validated(instance, values, where, summary, label):
    """Validate and save one record, naming the file and row when it is refused."""
    created = instance.pk is None
    for name, value in values.items():
        setattr(instance, name, value)
    try:
        # Uniqueness and the other constraints are left to the database: the
        # loader looks records up by their natural keys itself, and checking
        # them here would cost a few queries per record.
        instance.full_clean(validate_unique=False, validate_constraints=False)
        # The save also writes one edit-history row (one insert), so a
        # correction made in the admin and overwritten here can be restored.
        instance._change_reason = CHANGE_REASON
        instance.save()
    except ValidationError as error:
        raise CuratedDataError(f"{where}: {_describe(error)}") from error
    except IntegrityError as error:
        raise CuratedDataError(f"{where}: the database refused it ({error})") from error
    summary.count(label, created)


def _treaty_fields(entry, where):
    withdrawal = entry.get("withdrawal", {})
    table = entry.get("participation", {})
    return {
        "chapter": _required(entry, "chapter", where),
        "number": _required(entry, "number", where),
        "slug": _required(entry, "slug", where),
        "title": _required(entry, "title", where),
        "short_title": entry.get("short_title", ""),
        "other_names": "\n".join(entry.get("other_names", [])),
        "chapter_subject": entry.get("chapter_subject", ""),
        "adoption_place": entry.get("adoption_place", ""),
        "adoption_date": _date(entry.get("adoption_date"), "adoption_date", where),
        "opened_for_signature": _date(entry.get("opened_for_signature"), "opened_for_signature", where),
        "depositary": entry.get("depositary", "Secretary-General of the United Nations"),
        "strength": _choice(Strength, entry.get("strength", ""), "strength", where),
        "sources": "\n".join(entry.get("sources", [])),
        "note": entry.get("note", ""),
        "origin": Origin.CURATED,
        "has_withdrawal_clause": withdrawal.get("has_clause", True),
        "withdrawal_article": withdrawal.get("article", ""),
        "withdrawal_text": withdrawal.get("text", "").strip(),
        "withdrawal_text_note": withdrawal.get("text_note", ""),
        "withdrawal_period_count": withdrawal.get("period_count"),
        "withdrawal_period_unit": withdrawal.get("period_unit", ""),
        "withdrawal_later_date_allowed": withdrawal.get("later_date_allowed", False),
        "withdrawal_condition": withdrawal.get("condition", "").strip(),
        "coverage": _choice(Coverage, table.get("coverage", ""), "participation.coverage", where),
        "horizon": _date(table.get("horizon"), "participation.horizon", where),
        "horizon_note": table.get("horizon_note", ""),
    }


def read_toml(path):
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CuratedDataError(f"{path.name}: {error}") from error


def _treaty(treaties, key, where):
    if key not in treaties:
        raise CuratedDataError(f"{where}: no treaty {key!r} in treaties.toml")
    return treaties[key]


def _required(entry, name, where):
    value = entry.get(name)
    if value in (None, ""):
        raise CuratedDataError(f"{where}: {name} is missing")
    return value


def _date(value, name, where):
    """Accept a TOML date or an ISO string; empty means unknown."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise CuratedDataError(f"{where}: {name} {value!r} is not a date (YYYY-MM-DD)") from error


def _choice(choices, value, name, where):
    member = choices.parse(value)
    if member is None:
        raise CuratedDataError(f"{where}: {name} {value!r} is not one of {', '.join(choices.values)}")
    return member


def _optional_choice(choices, value, where):
    return _choice(choices, value, "strength", where) if value else ""


def _joined_sources(raw):
    return "\n".join(part.strip() for part in raw.split(" | ") if part.strip())


def _describe(error):
    return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
