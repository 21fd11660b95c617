"""The reservations and declarations sections of the treaty and participant pages, read with plain SQL.

The ORM's version of this read (`reservation_passages()` filtered to one
record) joins seven tables, selects every column of each, and took Django
longer to build than PostgreSQL to answer: about 8 ms on the Mine Ban page,
which has no passage at all, out of 20 (bench/RESULTS.md). Here two queries,
written once from the models' own names, pick each passage of the record by
index (through its notification, or through its act when no notification
names a treaty or participant), read only what the section shows, and build
the same `Reservation`s from instances made with `from_db`, so that what a
passage is and how its date reads keep their one home in reservations.py.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection

from notifications.models import DepositaryNotification, QuotedPassage
from notifications.reservations import STATED_KINDS, UN_TABLE_ANCHORS, PassageKind, Reservation
from treaties.models import Participant, ParticipationAct, Treaty
from treaties.table_sql import quoted_columns, quoted_table

# The first passages a treaty's or participant's page shows; the list holds them all.
SECTION_SIZE = 20

PASSAGE_FIELDS = ["id", "notification", "act", "text", "order", "source_url"]
NOTIFICATION_FIELDS = ["id", "reference", "kind", "date_effected", "date_issued", "treaty", "participant"]
ACT_FIELDS = ["id", "treaty", "participant", "kind", "date", "date_precision"]


@dataclass(frozen=True)
class Side:
    """A page's record (the treaty or the participant) and the other record each of its passages names."""

    column: str  # the record's column on notifications and acts
    other: type  # the model of the other record
    other_column: str
    other_fields: tuple
    other_order: str  # what the section is sorted by first, on the other record's alias `o`


TREATY_SIDE = Side("treaty_id", Participant, "participant_id", ("id", "name", "slug"), "o.name")
PARTICIPANT_SIDE = Side(
    "participant_id", Treaty, "treaty_id", ("id", "title", "short_title", "slug", "chapter", "number"), "o.sort_key"
)


def _quoted_list(values):
    """Return fixed choice values (never input) as an SQL list of literals."""
    return ", ".join(f"'{value}'" for value in values)


@cache
def _queries(side):
    """Return the two queries of a record's section, and the attribute names of each model's columns, in order.

    The first chooses the passages shown, from narrow rows, and counts them
    all; it takes the record's id three times, then the limit. The second
    reads the chosen passages whole; it has an `{ids}` slot for their
    placeholders. Only the other record is joined (once, on the notification's
    id else the act's): every passage's own record is the page's.
    """
    parts = [
        _shown(QuotedPassage, "p", PASSAGE_FIELDS),
        _shown(DepositaryNotification, "n", NOTIFICATION_FIELDS),
        _shown(ParticipationAct, "a", ACT_FIELDS),
        _shown(side.other, "o", side.other_fields),
    ]
    stated = _quoted_list(STATED_KINDS)
    # The same rule as reservations._KIND: what the notification says, else what the act is.
    kind = (
        f"CASE WHEN n.kind IN ({stated}) THEN n.kind "
        f"WHEN p.notification_id IS NULL AND a.kind IN ({stated}) THEN a.kind "
        f"WHEN p.notification_id IS NULL AND a.kind IN ({_quoted_list(UN_TABLE_ANCHORS)}) "
        f"THEN '{PassageKind.RESERVATION_OR_DECLARATION.value}' ELSE '' END"
    )
    other = f"LEFT JOIN {quoted_table(side.other)} o ON o.id = COALESCE(n.{side.other_column}, a.{side.other_column})"
    # The order of reservations.by_treaty() and by_participant(), less the page's own record.
    keys = f'p.id, {kind} AS kind, {side.other_order} AS first_key, a.date AS day, p."order" AS place'
    arms = " UNION ALL ".join(f"SELECT {keys} FROM {join} {other} WHERE {where}" for join, where in _arms(side.column))
    choose = (
        f"SELECT id, kind, COUNT(*) OVER () FROM ({arms}) passage WHERE kind <> '' "
        "ORDER BY first_key, day, place, id LIMIT %s"
    )
    columns = ", ".join(column for part in parts for column in part[0])
    read = (
        f"SELECT {columns} FROM {quoted_table(QuotedPassage)} p "
        f"LEFT JOIN {quoted_table(DepositaryNotification)} n ON n.id = p.notification_id "
        f"LEFT JOIN {quoted_table(ParticipationAct)} a ON a.id = p.act_id {other} "
        "WHERE p.id IN ({ids})"
    )
    return choose, read, [names for _, names in parts]


def _shown(model, alias, names):
    """Return the quoted columns of `names` and their attribute names, in the model's field order.

    `from_db` reads the values of a partial row in the order of the model's fields, whatever the order of the names.
    """
    fields = [field.name for field in model._meta.concrete_fields if field.name in names]
    return quoted_columns(model, alias, fields)


def _arms(column):
    """Return the joins and conditions that reach the passages of one treaty or participant (`column`).

    A passage belongs to the record its notification names, else to its act's:
    Coalesce(notification's, act's), written as three reads that each start
    from a narrow set by index: the record's notifications; the record's acts,
    for passages quoted from an act alone (the partial index
    notifications_passage_act_only); and the few notifications that name no
    such record, for passages that also hang on an act. One read of the last
    two with `notification_id IS NULL OR ... IN (...)` made PostgreSQL scan
    every passage (230 ms at 100,000 notifications). Each read joins what the
    order needs itself: given the passages as a subquery, PostgreSQL guessed
    their number from statistics (1,700 for 6) and joined every passage with
    every act.
    """
    notifications, acts = quoted_table(DepositaryNotification), quoted_table(ParticipationAct)
    passages = quoted_table(QuotedPassage)
    return [
        (
            f"{notifications} n JOIN {passages} p ON p.notification_id = n.id LEFT JOIN {acts} a ON a.id = p.act_id",
            f"n.{column} = %s",
        ),
        (
            f"{acts} a JOIN {passages} p ON p.act_id = a.id LEFT JOIN {notifications} n ON n.id = p.notification_id",
            f"a.{column} = %s AND p.notification_id IS NULL",
        ),
        (
            f"{notifications} n JOIN {passages} p ON p.notification_id = n.id JOIN {acts} a ON a.id = p.act_id",
            f"n.{column} IS NULL AND a.{column} = %s",
        ),
    ]


def passages_of(side, record, limit):
    """Return the first `limit` reservation passages of a treaty or participant, in its page's order, and their number.

    Two queries: the first `limit` passages chosen, sorted and counted on
    narrow rows (1,555 for a participant at 1,000,000 notifications: 11 ms),
    then those read whole with their notification, act and other record. Each
    passage carries `kind` and its notification and act, with the treaty and
    participant that `Reservation.of` reads.
    """
    choose, read, names = _queries(side)
    with connection.cursor() as cursor:
        cursor.execute(choose, [record.pk] * 3 + [limit])
        chosen = cursor.fetchall()
        # The second query runs even when none is chosen: the page's query count stays fixed.
        ids = [passage_id for passage_id, _, _ in chosen] or [None]
        cursor.execute(read.replace("{ids}", ", ".join(["%s"] * len(ids))), ids)
        rows = {row[0]: row for row in cursor.fetchall()}
    passages = [_passage(rows[passage_id], names, side, record, kind) for passage_id, kind, _ in chosen]
    return passages, (chosen[0][2] if chosen else 0)


def _passage(row, names, side, record, kind):
    """Return a passage built from one row, its notification and act naming the page's record and the other."""
    values, at = [], 0
    for attnames in names:
        values.append(row[at : at + len(attnames)])
        at += len(attnames)
    passage_row, notification_row, act_row, other_row = values
    passage = _instance(QuotedPassage, names[0], passage_row)
    passage.kind = kind
    other = _instance(side.other, names[3], other_row)
    passage.notification = _with_records(
        _instance(DepositaryNotification, names[1], notification_row), side, record, other
    )
    passage.act = _with_records(_instance(ParticipationAct, names[2], act_row), side, record, other)
    return passage


def _with_records(source, side, record, other):
    """Attach the page's record and the other record to a notification or act, wherever its ids name them."""
    if source is None:
        return None
    own_field, other_field = side.column.removesuffix("_id"), side.other_column.removesuffix("_id")
    if getattr(source, side.column) == record.pk:
        setattr(source, own_field, record)
    elif getattr(source, side.column) is None:
        setattr(source, own_field, None)
    if other is not None and getattr(source, side.other_column) == other.pk:
        setattr(source, other_field, other)
    elif getattr(source, side.other_column) is None:
        setattr(source, other_field, None)
    return source


def _instance(model, attnames, values):
    """Return a model instance from its columns, or None where the join found no row."""
    if values[0] is None:
        return None
    return model.from_db(connection.alias, attnames, values)


@dataclass(frozen=True)
class Section:
    """The first passages of one treaty or participant, grouped, and how many there are in all."""

    groups: list
    shown: int
    total: int
    filter_name: str
    filter_value: str

    @property
    def more(self):
        return self.total > self.shown


@dataclass
class Group:
    """The passages of one participant on a treaty's page, or of one treaty on a participant's."""

    label: str
    reservations: list


def treaty_section(treaty):
    """Return the first of a treaty's reservations and declarations, by participant, in two queries."""
    passages, total = passages_of(TREATY_SIDE, treaty, SECTION_SIZE)
    return _section(passages, total, _participant_group, "treaty", treaty.slug)


def participant_section(participant):
    """Return the first of a participant's reservations and declarations, by treaty, in two queries."""
    passages, total = passages_of(PARTICIPANT_SIDE, participant, SECTION_SIZE)
    return _section(passages, total, _treaty_group, "participant", participant.slug)


def _participant_group(reservation):
    participant = reservation.participant
    return participant.name if participant else "Participant not recorded"


def _treaty_group(reservation):
    treaty = reservation.treaty
    return f"{treaty.short_title or treaty.title} ({treaty.key})"


def _section(passages, total, label_of, filter_name, filter_value):
    groups = []
    for reservation in (Reservation.of(passage) for passage in passages):
        label = label_of(reservation)
        if not groups or groups[-1].label != label:
            groups.append(Group(label, []))
        groups[-1].reservations.append(reservation)
    return Section(groups=groups, shown=len(passages), total=total, filter_name=filter_name, filter_value=filter_value)
