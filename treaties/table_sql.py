"""Read a treaty's participation table with plain SQL: the site's busiest page reads it.

Django's ORM spends about a millisecond building and compiling each of these
queries, more than PostgreSQL spends answering them, and a treaty's page runs
three (bench/RESULTS.md). Here each query is written once, from the models' own
table and column names, and its rows become model instances (`instance_from_row`),
so that what a span or an act means (its label, its date of effect) keeps its one
home in the models. The SQL runs unchanged on PostgreSQL and SQLite.
"""

from functools import cache

from django.db import connection
from django.db.models import prefetch_related_objects
from django.db.models.base import ModelState

from treaties.daterules import Standing, read_day
from treaties.models import (
    NAME_FIELDS,
    RULE_FIELDS,
    Participant,
    ParticipationAct,
    StandingSpan,
    Treaty,
    TreatyCount,
)
from treaties.models.acts import reports

# What a table shows of a participant.
SHOWN_PARTICIPANT_NAMES = ["name", "slug", "iso3"]
# What a participation table shows of an act, and needs for its date of effect: notes and sources stay unread.
SHOWN_ACT_FIELDS = [
    "id",
    "treaty",
    "participant",
    "kind",
    "date",
    "date_precision",
    "strength",
    "effective_date",
    "effective_strength",
    "reference",
    "date_specified",
    "condition_state",
    "override_date",
    "override_reason",
]
# The same as attribute names, for `read_instances`; and what a list reads of a treaty: its names,
# for a link, and its date rules, for an act's date of effect.
SHOWN_ACT_NAMES = [ParticipationAct._meta.get_field(name).attname for name in SHOWN_ACT_FIELDS]
TREATY_RULE_NAMES = ["id", *NAME_FIELDS, *RULE_FIELDS]


def sql_day(value):
    """Return a date as the database takes it, as the ORM would pass it (SQLite: its ISO text)."""
    return connection.ops.adapt_datefield_value(value)


def quoted_table(model):
    return connection.ops.quote_name(model._meta.db_table)


def quoted_columns(model, alias, names):
    """Return the quoted columns of `names` (field names) and their attribute names, for `from_db`."""
    fields = [model._meta.get_field(name) for name in names]
    return [f"{alias}.{connection.ops.quote_name(field.column)}" for field in fields], [f.attname for f in fields]


def instance_from_row(model, attnames, values):
    """Return an instance of `model` loaded from the database, holding `values` under `attnames`, as `from_db` would.

    `from_db` runs `Model.__init__`, which walks every field of the model for
    each instance: a treaty's page makes a hundred or more, and that walk cost
    about a tenth of the page (five times what this does). Fields not named
    stay deferred, as with `from_db`: reading one queries the database. Like
    `from_db` on the rows of a raw cursor, the values are taken as the cursor
    gives them. No pre_init or post_init signal is sent: nothing in the
    project listens to them (tests/test_table_sql.py checks).
    """
    instance = model.__new__(model)
    instance.__dict__.update(zip(attnames, values, strict=True))
    state = instance._state = ModelState()
    state.adding, state.db = False, connection.alias
    return instance


def read_instances(queryset, names, related=None):
    """Return the rows of `queryset` as instances of its model holding `names`, built by `instance_from_row`.

    `names` are attribute names (`treaty_id`) or the queryset's annotations.
    `related` maps a foreign key to the names read of the record it points to
    (`{"treaty": ["id", "title"]}`, the id first); that record is attached to
    each instance, or None where the key is empty. The query is the queryset's
    own, its columns narrowed to these. Fields not named stay deferred, as with
    `instance_from_row`: reading one queries the database.
    """
    related = related or {}
    model = queryset.model
    targets = [(key, model._meta.get_field(key).related_model, fields) for key, fields in related.items()]
    columns = [*names, *(f"{key}__{name}" for key, _, fields in targets for name in fields)]
    records = []
    for row in queryset.values_list(*columns):
        record = instance_from_row(model, names, row[: len(names)])
        at = len(names)
        for key, target, fields in targets:
            values = row[at : at + len(fields)]
            at += len(fields)
            setattr(record, key, None if values[0] is None else instance_from_row(target, fields, values))
        records.append(record)
    return records


def read_acts(queryset, *, with_reports=False):
    """Return the acts of `queryset` as `read_instances` builds them, with what a row and its date of effect need.

    `with_reports`: each with `reported_by`, the notifications that reported it (one query more).
    """
    acts = read_instances(queryset, SHOWN_ACT_NAMES)
    if with_reports:
        prefetch_related_objects(acts, reports())
    return acts


@cache
def _span_select():
    """Return the SELECT and FROM of a span with its participant, and the attribute names of both."""
    span_columns, span_names = quoted_columns(StandingSpan, "s", [f.name for f in StandingSpan._meta.concrete_fields])
    participant_columns, participant_names = quoted_columns(Participant, "p", ["id", *SHOWN_PARTICIPANT_NAMES])
    sql = (
        f"SELECT {', '.join(span_columns + participant_columns)} "
        f"FROM {quoted_table(StandingSpan)} s JOIN {quoted_table(Participant)} p ON p.id = s.participant_id"
    )
    return sql, span_names, participant_names


def _spans(where, params, tail="", tail_params=()):
    """Run a span query and return its spans, each with its participant attached (one query)."""
    select, span_names, participant_names = _span_select()
    with connection.cursor() as cursor:
        cursor.execute(f"{select} WHERE {where} {tail}", [*params, *tail_params])
        rows = cursor.fetchall()
    cut = len(span_names)
    spans = []
    for row in rows:
        span = instance_from_row(StandingSpan, span_names, row[:cut])
        span.participant = instance_from_row(Participant, participant_names, row[cut:])
        spans.append(span)
    return spans


def participant_spans(participant, treaty_names, treaty_ids):
    """Return every span of a participant in the treaties `treaty_ids`, each with its treaty's `treaty_names`,
    in the treaties' order, then by date (one query)."""
    if not treaty_ids:
        return []
    return _treaty_spans(
        participant,
        treaty_names,
        f"s.participant_id = %s AND s.treaty_id IN ({', '.join(['%s'] * len(treaty_ids))})",
        [participant.pk, *treaty_ids],
        "ORDER BY t.sort_key, s.treaty_id, s.start",
    )


def _treaty_spans(participant, treaty_names, where, params, tail):
    """Run a query of a participant's spans, each with its treaty attached (one query).

    One treaty instance per treaty, as select_related would not give: a treaty's spans share it.
    """
    span_columns, span_names = quoted_columns(StandingSpan, "s", [f.name for f in StandingSpan._meta.concrete_fields])
    treaty_columns, treaty_attnames = quoted_columns(Treaty, "t", ["id", *treaty_names])
    sql = (
        f"SELECT {', '.join(span_columns + treaty_columns)} "
        f"FROM {quoted_table(StandingSpan)} s JOIN {quoted_table(Treaty)} t ON t.id = s.treaty_id "
        f"WHERE {where} {tail}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    cut, spans, treaties = len(span_names), [], {}
    for row in rows:
        span = instance_from_row(StandingSpan, span_names, row[:cut])
        if (treaty := treaties.get(span.treaty_id)) is None:
            treaty = treaties[span.treaty_id] = instance_from_row(Treaty, treaty_attnames, row[cut:])
        span.treaty, span.participant = treaty, participant
        spans.append(span)
    return spans


class ParticipantStandings:
    """A participant's standing in each treaty on a day, in the treaties' order, read a page at a time.

    One span per treaty: the one that covers the day the treaty's record is read
    on (the day asked about, or the record's horizon if that comes first). A
    participant can be in thousands of treaties: Django's paginator slices this
    (one query a page) and counts it (one query, on the participant's index).
    """

    def __init__(self, participant, day, treaty_names):
        self.participant, self.day, self.treaty_names = participant, day, treaty_names
        # The day each span is read on, as `read_day`: the day asked about, or the horizon if earlier.
        read_on = "CASE WHEN s.horizon IS NOT NULL AND s.horizon < %s THEN s.horizon ELSE %s END"
        self.where = f's.participant_id = %s AND s.start <= {read_on} AND (s."end" IS NULL OR s."end" > {read_on})'
        self.params = [participant.pk, *[sql_day(day)] * 4]

    def __getitem__(self, bounds):
        tail = "ORDER BY t.sort_key, s.treaty_id LIMIT %s OFFSET %s"
        params = [*self.params, bounds.stop - bounds.start, bounds.start]
        spans = _treaty_spans(self.participant, self.treaty_names, self.where, params, tail)
        for span in spans:
            span.read_on = read_day(self.day, span.horizon)
        return spans

    def count(self):
        """Return the number of treaties the participant has a standing in on the day (one query)."""
        return _count_spans(self.where, self.params)


def _count_spans(where, params):
    """Return the number of spans (alias `s`) meeting `where` (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {quoted_table(StandingSpan)} s WHERE {where}", params)
        return cursor.fetchone()[0]


def count_step_rows(treaty, names):
    """Return the columns `names` of the treaty's stored count steps up to its horizon, in date order."""
    columns, _ = quoted_columns(TreatyCount, "c", names)
    sql = f"SELECT {', '.join(columns)} FROM {quoted_table(TreatyCount)} c WHERE c.treaty_id = %s"
    params = [treaty.pk]
    if treaty.horizon:
        sql += " AND c.start <= %s"
        params.append(sql_day(treaty.horizon))
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY c.start", params)
        return cursor.fetchall()


# The standings in the order the rules list them, from signatory to withdrawn (fixed words, no input).
_RANKS = " ".join(f"WHEN '{member}' THEN {rank}" for rank, member in enumerate(Standing))
_STATUS_ORDER = f"CASE s.standing {_RANKS} END"
# The orders a table can be read in, each with its SQL (nulls last either way) and its label;
# ties are broken by the participant's name. The first is the default.
TABLE_ORDERS = {
    "participant": ("p.name", "Participant, A to Z"),
    "-participant": ("p.name DESC", "Participant, Z to A"),
    "status": (_STATUS_ORDER, "Status"),
    "signature": ("s.signed_on IS NULL, s.signed_on", "Signature, earliest first"),
    "-signature": ("s.signed_on IS NULL, s.signed_on DESC", "Signature, latest first"),
    "in_force": ("s.in_force_from IS NULL, s.in_force_from", "In force for it, earliest first"),
    "-in_force": ("s.in_force_from IS NULL, s.in_force_from DESC", "In force for it, latest first"),
}


class TableSpans:
    """The spans of a treaty's table on a day, in the order asked for, read a page at a time.

    Django's paginator slices it (one query a page) and counts it only when its
    number of rows is not already known (a narrowed table). `named` is a queryset
    of participant ids, or None for every participant; `standing` keeps one
    standing; `order` is a key of TABLE_ORDERS.
    """

    def __init__(self, treaty, day, named=None, *, standing=None, order="participant"):
        self.day = day
        self.order = TABLE_ORDERS[order][0]
        # A span covers `day`: it started by then and ends after it, or not at all.
        self.where = 's.treaty_id = %s AND s.start <= %s AND (s."end" IS NULL OR s."end" > %s)'
        self.params = [treaty.pk, sql_day(day), sql_day(day)]
        if named is not None:
            sql, params = named.query.sql_with_params()
            self.where += f" AND s.participant_id IN ({sql})"
            self.params += list(params)
        if standing:
            self.where += " AND s.standing = %s"
            self.params.append(standing)

    def __getitem__(self, bounds):
        return self._read(" LIMIT %s OFFSET %s", [bounds.stop - bounds.start, bounds.start])

    def __iter__(self):
        return iter(self._read())

    def count(self):
        """Return the number of rows of the table (one query)."""
        return _count_spans(self.where, self.params)

    def _read(self, limit="", limit_params=()):
        spans = _spans(self.where, self.params, f"ORDER BY {self.order}, p.name, s.participant_id{limit}", limit_params)
        for span in spans:
            span.read_on = self.day
        return spans


def side_spans(treaty, *, everyone):
    """Return the spans a treaty's page lists beside its table, in participant order (one query).

    Those that carry a withdrawal (notified, in effect or revoked), and those of
    records that reach past the treaty's horizon; `everyone`: every span of the
    treaty (no table recorded).
    """
    where, params = "s.treaty_id = %s", [treaty.pk]
    if not everyone:
        where += " AND (s.withdrawal_notified IS NOT NULL OR s.revoked_withdrawal_on IS NOT NULL OR s.standing = %s"
        params.append(Standing.WITHDRAWN)
        if treaty.horizon:  # without one, the table itself is up to date
            where += " OR s.horizon > %s"
            params.append(sql_day(treaty.horizon))
        where += ")"
    return _spans(where, params, "ORDER BY p.name, s.participant_id, s.start")


@cache
def _act_select():
    """Return the SELECT and FROM of an act with its participant and each notification that reported it."""
    act_columns, act_names = quoted_columns(ParticipationAct, "a", SHOWN_ACT_FIELDS)
    participant_columns, _ = quoted_columns(Participant, "p", SHOWN_PARTICIPANT_NAMES)
    # The notification model is reached by the reverse relation: treaties never imports notifications.
    reports = ParticipationAct._meta.get_field("notifications")
    notification = reports.related_model
    quote = connection.ops.quote_name
    link = quote(reports.field.m2m_db_table())
    link_act = quote(reports.field.m2m_reverse_name())
    link_notification = quote(reports.field.m2m_column_name())
    sql = (
        f"SELECT {', '.join(act_columns + participant_columns)}, n.reference "
        f"FROM {quoted_table(ParticipationAct)} a JOIN {quoted_table(Participant)} p ON p.id = a.participant_id "
        f"LEFT JOIN {link} r ON r.{link_act} = a.id "
        f"LEFT JOIN {quoted_table(notification)} n ON n.id = r.{link_notification}"
    )
    return sql, act_names, notification


def acts_with_reports(treaty, participant_ids, day):
    """Return the acts of `participant_ids` up to `day`, and every act with no date, each with `reported_by`.

    One query: a row for each act and each stored notification that reported it
    (acts that none reported come once, with no reference), in date order. Only
    the reference of a notification is read, enough to name and link it. Each
    act carries `participant_<name>` for the participant fields a table shows.
    """
    select, act_names, notification = _act_select()
    placeholders = ", ".join(["%s"] * len(participant_ids))
    mine = f"(a.date <= %s AND a.participant_id IN ({placeholders})) OR " if participant_ids else ""
    sql = f"{select} WHERE a.treaty_id = %s AND ({mine}a.date IS NULL) ORDER BY a.date, a.id, n.date_issued DESC"
    params = [treaty.pk, *([sql_day(day), *participant_ids] if participant_ids else [])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    cut, acts, act = len(act_names), [], None
    for row in rows:
        if act is None or row[0] != act.pk:  # an act's rows come together
            act = instance_from_row(ParticipationAct, act_names, row[:cut])
            for name, value in zip(SHOWN_PARTICIPANT_NAMES, row[cut:-1], strict=True):
                setattr(act, f"participant_{name}", value)
            act.reported_by = []
            acts.append(act)
        if row[-1] is not None:
            act.reported_by.append(notification(reference=row[-1]))
    return acts
