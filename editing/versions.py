"""The version of a record an editor loaded, and what changed in it since.

A version is a digest of each field the form edits, taken from the stored
record, and the moment it was read. It needs no extra column, and it sees
every change, even one made by a data load that writes no history; the
digests per field tell which fields changed, and the history written after
that moment tells who changed them and when. An integer version column would
need a migration on every model and every bulk update and update() to bump it,
and would still not say which fields changed.

Bulk loads write no history, so before the first edit of a bulk-loaded record
the version it replaces is written to the history, to be reverted to.
"""

import hashlib
import json
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.utils import get_history_manager_for_model

BULK_LOADED = "As bulk-loaded, before its first edit in the admin"
OUT_OF_DATE = "This page is out of date or damaged: reload it, then make your changes again."


def version_of(record, fields, read_at):
    """Return the version token of `record` as stored, or of a record not stored when it is None."""
    return json.dumps({"read_at": read_at.isoformat(), "fields": digests(record, fields)})


def parse_version(token):
    """Return (read_at, digests) from a version token; refuse a token that is not one."""
    try:
        version = json.loads(token)
        return datetime.fromisoformat(version["read_at"]), dict(version["fields"])
    except (TypeError, ValueError, KeyError) as error:
        raise ValidationError(OUT_OF_DATE, code="bad_version") from error


def digests(record, fields):
    """Return a short digest of each field's stored value; none for a record that is not stored."""
    if record is None:
        return {}
    return {field.name: hashlib.sha256(repr(stored_value(record, field)).encode()).hexdigest()[:16] for field in fields}


def stored_value(record, field):
    """Return a field's value as stored: the id for a relation, the sorted ids for a many-to-many one."""
    if field.many_to_many:
        # Through all(): a page of inline rows reads the relations once, prefetched, not once a row.
        return sorted(related.pk for related in getattr(record, field.name).all())
    return field.value_from_object(record)


def stored_record(model, pk, *, lock):
    """Return the stored record with primary key `pk`, or None; locked until the save commits if `lock`."""
    records = model._default_manager.filter(pk=pk)
    # SELECT ... FOR UPDATE needs a transaction; SQLite ignores it (writers take the whole file).
    if lock and transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        records = records.select_for_update()
    return records.first()


def check_unchanged(model, pk, fields, token):
    """Refuse, saying what changed, if the stored record differs from the version in `token`."""
    read_at, loaded = parse_version(token)
    record = stored_record(model, pk, lock=True)
    current = digests(record, fields)
    changed = [field for field in fields if loaded.get(field.name) != current.get(field.name)]
    if changed:
        raise ValidationError(conflict_message(model, pk, record, changed, read_at), code="stale_version")


def conflict_message(model, pk, record, changed, read_at):
    """Return a sentence naming who changed what since `read_at`, with the values now stored."""
    values = "; ".join(f"{capfirst(field.verbose_name)}: {shown_value(record, field)}" for field in changed)
    return (
        f"Someone else saved this record after you opened it ({edited_by(model, pk, read_at)}). "
        f"Now stored: {values}. Your changes were not saved: reload the page, check the "
        "values now stored, and make your changes again."
    )


def edited_by(model, pk, read_at):
    """Return who saved the record since `read_at` and when last, as the history knows it."""
    history = get_history_manager_for_model(model)
    since = history.filter(**{model._meta.pk.attname: pk, "history_date__gt": read_at})
    edits = list(since.exclude(history_change_reason=BULK_LOADED).select_related("history_user"))
    if not edits:
        return "no edit history names who: a data load or a script"
    editors = dict.fromkeys(str(edit.history_user or "a data load or a script") for edit in edits)
    last = timezone.localtime(edits[0].history_date)
    return f"by {' and '.join(editors)}, last at {last:%Y-%m-%d %H:%M:%S %Z}"


def shown_value(record, field):
    """Return a stored value as an editor reads it: a choice's label, a related record's name."""
    if record is None:
        return "deleted"
    if field.many_to_many:
        return ", ".join(str(related) for related in getattr(record, field.name).all()) or "none"
    value = getattr(record, field.name)
    if value in (None, ""):
        return "empty"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def record_unrecorded_version(model, pk):
    """Write the stored version of a record to its history if it has none (bulk loads write none)."""
    history = get_history_manager_for_model(model)
    if history.filter(**{model._meta.pk.attname: pk}).exists():
        return
    stored = stored_record(model, pk, lock=False)
    if stored is not None:
        stored._history_user = None  # the loader's version, not the editor's
        history.bulk_history_create([stored], default_change_reason=BULK_LOADED)
