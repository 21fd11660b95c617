"""Write a synthetic data set in bulk, then rebuild what derives from it: standing, counts, search documents.

The rows come from `notifications.synthetic_data.Plan`. On PostgreSQL they are
copied in with COPY (psycopg 3), elsewhere inserted with bulk_create, in one
transaction. What derives from them is computed in the same transaction, or,
for a load on PostgreSQL outside any caller's transaction, by two worker
processes once the rows are committed (`generate`). A run that fails in its
transaction leaves the database as it was; one that fails in the workers
deletes every synthetic record.
"""

import multiprocessing
import time
from dataclasses import dataclass, field
from itertools import zip_longest

from django.core.management.color import no_style
from django.db import connection, connections, transaction

from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage
from notifications.search import refresh_search_vectors
from notifications.synthetic_data import FirstIds, Plan
from treaties import standing
from treaties.models import (
    Participant,
    ParticipantName,
    ParticipationAct,
    RevokedWithdrawal,
    StandingSpan,
    Treaty,
    TreatyCount,
)

Link = DepositaryNotification.acts.through
# Each chunk's table, in the order a chunk is written (a row's targets first).
CHUNK_TABLES = [
    ("acts", ParticipationAct),
    ("notifications", DepositaryNotification),
    ("links", Link),
    ("passages", QuotedPassage),
    ("citations", NotificationReference),
]
# Treaties whose standing is rebuilt at once: bounds the acts held in memory.
REBUILD_TREATIES = 100
SEARCH_BATCH = 5_000
# The processes that compute the derived facts of a large load (see `generate`): the machine's two cores.
WORKERS = 2
SQLITE_BATCH = 500


@dataclass
class Summary:
    """What a run wrote and how long each step took."""

    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    def timed(self, step, started):
        """Record the seconds since `started` as `step`'s; return now, when the next step starts."""
        now = time.perf_counter()
        self.seconds[step] = now - started
        return now

    def lines(self):
        counts = ", ".join(f"{count:,} {name}" for name, count in self.counts.items())
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        return [f"Synthetic data written: {counts}.", f"Seconds: {steps}; total {sum(self.seconds.values()):.1f} s."]


def generate(notifications, seed, *, replace=False, progress=lambda line: None):
    """Write a seeded synthetic data set of `notifications` notifications; return a Summary.

    `replace`: delete the synthetic records stored before, in the same transaction.

    On PostgreSQL, outside any transaction of the caller's, the rows are
    committed first, then the facts derived from them (standing, counts,
    search documents) are computed by two worker processes, each batch in its
    own transaction: a search document is computed on one core, and one
    transaction is one server process, so this halves the longest step of a
    large load. Should a batch fail, every synthetic record is deleted again,
    so that nothing half-derived is left. Elsewhere, and inside a caller's
    transaction (the tests'), everything is written in one transaction.
    """
    summary = Summary()
    started = time.perf_counter()
    fan_out = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if replace:
            delete_synthetic()
            started = summary.timed("delete", started)
        plan, totals = _insert(notifications, seed, progress)
        started = summary.timed("insert", started)
        tasks = derivation_tasks(plan)
        if not fan_out:
            for task in tasks:
                progress(derive(task))
            started = summary.timed("standing and search", started)
    if fan_out:
        derive_in_workers(tasks, progress)
        started = summary.timed(f"standing and search ({WORKERS} processes)", started)
    analyse()
    summary.timed("analyse", started)
    summary.counts = {
        "treaties": len(plan.treaties),
        "participants": len(plan.participants),
        "acts": totals["acts"],
        "notifications": totals["notifications"],
        "quoted passages": totals["passages"],
        "citations": totals["citations"],
        "standing spans": StandingSpan.objects.filter(treaty__synthetic=True).count(),
        "revoked withdrawals": RevokedWithdrawal.objects.filter(treaty__synthetic=True).count(),
    }
    return summary


def _insert(notifications, seed, progress):
    """Write the plan's rows; return the plan and how many rows of each chunk table were written."""
    taken = set(Participant.objects.values_list("name", flat=True))
    taken |= set(ParticipantName.objects.values_list("name", flat=True))
    plan = Plan(notifications, seed, first_ids=_first_ids(), taken_names=taken)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Check each foreign key as rows arrive instead of queueing millions of checks for the commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _write(Treaty, plan.treaties)
    _write(Participant, plan.participants)
    totals = dict.fromkeys([name for name, _ in CHUNK_TABLES], 0)
    for chunk in plan.chunks():
        for name, model in CHUNK_TABLES:
            rows = getattr(chunk, name)
            _write(model, rows)
            totals[name] += len(rows)
        progress(f"  {totals['notifications']:,} notifications, {totals['acts']:,} acts")
    _reset_sequences()
    return plan, totals


def derivation_tasks(plan):
    """Return the batches of derived facts to compute: standing by treaties, search documents by notifications.

    Alternated, so that two workers tend to run one of each at once: the
    standing rules run in Python, the search documents in PostgreSQL.
    """
    treaty_ids = [treaty["id"] for treaty in plan.treaties]
    standing_tasks = [
        ("standing", treaty_ids[first : first + REBUILD_TREATIES])
        for first in range(0, len(treaty_ids), REBUILD_TREATIES)
    ]
    first_notification = plan.ids.notification - plan.sizes.notifications
    search_tasks = [
        ("search", (start, min(start + SEARCH_BATCH, plan.ids.notification)))
        for start in range(first_notification, plan.ids.notification, SEARCH_BATCH)
    ]
    return [task for pair in zip_longest(standing_tasks, search_tasks) for task in pair if task is not None]


def derive(task):
    """Compute one batch of derived facts; return a line saying what was done."""
    kind, what = task
    if kind == "standing":
        standing.rebuild(what)
        return f"  standing of {len(what):,} treaties, to id {what[-1]:,}"
    start, stop = what
    refresh_search_vectors(DepositaryNotification.objects.filter(pk__gte=start, pk__lt=stop))
    return f"  search documents of notifications {start:,} to {stop - 1:,}"


def derive_in_workers(tasks, progress):
    """Run the tasks in `WORKERS` processes, each batch in its own transaction; on failure delete the load.

    The processes are forked from this one, its connections closed first: a
    connection cannot be shared with a child.
    """
    connections.close_all()
    try:
        with multiprocessing.get_context("fork").Pool(WORKERS, initializer=lift_statement_timeout) as pool:
            for line in pool.imap_unordered(_derive_in_transaction, tasks):
                progress(line)
    except BaseException:
        lift_statement_timeout()  # this process's new connection: the deletion takes as long as it takes
        delete_synthetic()
        raise
    lift_statement_timeout()  # for the analysis that follows, on this process's new connection


def _derive_in_transaction(task):
    with transaction.atomic():
        return derive(task)


def lift_statement_timeout():
    """Let this session's statements run as long as they need: a bulk load's take minutes.

    The settings' statement timeout keeps a page from hanging on a stalled
    database; a management command that loads millions of rows is not a page.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def delete_synthetic():
    """Delete every synthetic record and what hangs on it; real records stay as they are."""
    notifications = DepositaryNotification.objects.filter(synthetic=True)
    treaties = Treaty.objects.filter(synthetic=True)
    participants = Participant.objects.filter(synthetic=True)
    with transaction.atomic():
        # Raw deletes: the collector would fetch (and record the history of) millions of rows.
        _delete(Link.objects.filter(depositarynotification__in=notifications))
        _delete(NotificationReference.objects.filter(source__in=notifications))
        _delete(QuotedPassage.objects.filter(notification__in=notifications))
        _delete(notifications)
        _delete(StandingSpan.objects.filter(treaty__in=treaties))
        _delete(RevokedWithdrawal.objects.filter(treaty__in=treaties))
        _delete(TreatyCount.objects.filter(treaty__in=treaties))
        _delete(ParticipationAct.objects.filter(synthetic=True))
        _delete(ParticipantName.objects.filter(participant__in=participants))
        _delete(participants)
        _delete(treaties)


def analyse():
    """Refresh the planner's statistics (and, outside a transaction, vacuum) after the load."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # VACUUM cannot run inside a transaction (the test suite runs in one): ANALYZE can.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def _write(model, rows):
    """Insert plan rows (dicts of attribute names) into a model's table; absent fields take their defaults."""
    if not rows:
        return
    # Generated columns (the notifications' phrase pairs) are computed by the database.
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    defaults = {field.attname: field.get_default() for field in fields}
    if connection.vendor != "postgresql":
        instances = (
            model(**{attname: row.get(attname, default) for attname, default in defaults.items()}) for row in rows
        )
        model.objects.bulk_create(instances, batch_size=SQLITE_BATCH)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row.get(attname, default) for attname, default in defaults.items()])


def _first_ids():
    """Return the first free id of each table the plan writes to."""
    return FirstIds(
        treaty=_next_id(Treaty),
        participant=_next_id(Participant),
        act=_next_id(ParticipationAct),
        notification=_next_id(DepositaryNotification),
        link=_next_id(Link),
        passage=_next_id(QuotedPassage),
        citation=_next_id(NotificationReference),
    )


def _next_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _reset_sequences():
    """Move the id sequences past the ids the plan gave, so that the next record saved gets a free one."""
    models = [Treaty, Participant, Link] + [model for _, model in CHUNK_TABLES if model is not Link]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _delete(queryset):
    sql, params = queryset.values("pk").query.sql_with_params()
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)
