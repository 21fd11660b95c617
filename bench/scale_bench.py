"""Measure every page at scale: gunicorn and PostgreSQL with synthetic data, each figure against a bare view.

    .venv/bin/python bench/scale_bench.py --database-url postgres://postgres@127.0.0.1:5432/depositary_scale_100k
    .venv/bin/python bench/scale_bench.py --requests 100 --seconds 20 --write-results --label "quiet machine"

It refuses a database without synthetic records (`manage.py generate_synthetic`,
or `--generate N` to have it run that command on an empty database) or with
migrations not applied. It picks the pages from the data, makes a benchmark
superuser and a session for the admin's pages, starts gunicorn with the
repository's gunicorn.conf.py and the bench settings on a free loopback port,
warms it up, and measures each page one request at a time and at 8 clients,
bounded in requests and in seconds, then the exports one at a time. It prints
one table, each figure beside its ratio to the bare one-query view measured in
the same run and marked against issue 12's targets; `--json` prints the same
for machines, `--write-results` adds it to bench/RESULTS.md. See bench/README.md.
"""

import argparse
import itertools
import json
import multiprocessing
import os
import platform
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import psycopg
import scale_client
import scale_figures
from scale_figures import ADMIN, BASELINE, BIG_TREATY, EXPORT, PUBLIC, SEARCH, Export, Row
from serving import PROJECT, free_port, start_gunicorn, stop_gunicorn, wait_until_serving

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/depositary_scale_100k"
BARE = "/bench/bare/"
BASELINE_PAGE = {"name": "baseline (one query)", "path": BARE, "kind": BASELINE}
RESULTS = PROJECT / "bench" / "RESULTS.md"
BENCH_USERNAME = "scale-bench-superuser"
# What the picked pages come nearest to (issue 12).
WANTED_PARTICIPANTS = 200
WANTED_TREATIES = 300
# A common word is in about this share of notifications ("withdrawal" is in 30%), a phrase in about this one.
COMMON_WORD_SHARE = 0.30
PHRASE_SHARE = 0.05
# A rare phrase is two words each in at least this share of notifications, together in at most 0.1% of them:
# the search's worst case before the phrase pairs (0.6 s at 1,000,000 notifications, bench/RESULTS.md).
RARE_PHRASE_WORD_SHARE = 0.20
# Words and phrases are picked from about this many notifications, spread evenly by id.
SAMPLE_SIZE = 2_000
PHRASE_SAMPLE_SIZE = 300
# The rarest words of the sample counted in full before giving up.
RARE_WORD_TRIES = 200


def parse_arguments(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--requests", type=int, default=100, help="at most this many requests a page and level")
    parser.add_argument("--seconds", type=float, default=20, help="at most this long a page and level (default 20)")
    parser.add_argument("--clients", type=int, default=8, help="the concurrent level, beside 1 (default 8)")
    parser.add_argument("--downloads", type=int, default=3, help="downloads of each export (default 3)")
    parser.add_argument("--download-seconds", type=float, default=120, help="at most this long for each export")
    parser.add_argument("--warm-up", type=int, default=10, help="untimed requests a page first (default 10)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2 × cores + 1)")
    parser.add_argument(
        "--timeout", type=int, help="gunicorn's worker timeout in seconds (default: gunicorn.conf.py's, 30)"
    )
    parser.add_argument("--generate", type=int, metavar="N", help="fill an empty database with N notifications")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--write-results", action="store_true", help="add the table to bench/RESULTS.md")
    parser.add_argument("--label", default="", help="a note for the heading in RESULTS.md (busy machine, ...)")
    parser.add_argument("--check", action="store_true", help="exit with status 1 if a target is missed")
    options = parser.parse_args(arguments)
    if options.clients < 2:
        parser.error("--clients is the concurrent level, measured beside one client at a time: at least 2")
    if (
        min(options.requests, options.downloads, options.warm_up) < 1
        or min(options.seconds, options.download_seconds) <= 0
    ):
        parser.error("the bounds (--requests, --seconds, --downloads, --download-seconds, --warm-up) must be positive")
    if options.timeout is not None and not 1 <= options.timeout < scale_client.CLIENT_TIMEOUT:
        waits = scale_client.CLIENT_TIMEOUT
        parser.error(f"--timeout: from 1 to {waits - 1} s (the client waits {waits} s)")
    return options


def say(message):
    """Progress goes to stderr, so that --json leaves stdout to the JSON."""
    print(message, file=sys.stderr, flush=True)


def main(arguments=None):
    options = parse_arguments(arguments)
    if not options.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The scale benchmark needs a PostgreSQL database: --database-url postgres://...")
    ensure_database(options)
    setup_django(options.database_url)
    prepare_data(options)
    run = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "load_before": os.getloadavg()}
    run["data"] = data_size()
    run["picks"] = pick_pages()
    cookie = make_admin_session()
    try:
        pages = page_list(run["picks"])
        for page in pages:
            say(f"page: {page['name']} {page['path']}")
        rows, run["server"] = serve_and_measure(options, pages, cookie)
    finally:
        remove_admin_user(cookie)
    run["load_after"] = os.getloadavg()
    run["machine"] = machine()
    run["options"] = {name: value for name, value in vars(options).items() if name != "database_url"}
    run["database"] = urlsplit(options.database_url).path.lstrip("/")
    misses = scale_figures.missed(rows)
    if options.json:
        print(json.dumps({**run, "rows": [row_json(row) for row in rows], "missed": missed_json(misses)}, indent=1))
    else:
        print(scale_figures.text_table(rows))
        print(summary(run, rows, misses))
    if options.write_results:
        write_results(run, rows, misses, options.label)
    return 1 if options.check and misses else 0


def row_json(row):
    """Return the row as plain data, the export's memory growth written out."""
    data = asdict(row)
    if row.export is not None:
        data["export"]["memory_growth"] = row.export.memory_growth
    return data


def missed_json(misses):
    return [{"page": row.name, "path": row.path, "clients": row.clients, "target": text} for row, text in misses]


# --- The database --------------------------------------------------------------------------------


def ensure_database(options):
    """Refuse a database that does not exist, unless asked to generate one (then create it)."""
    parts = urlsplit(options.database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        if server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        if options.generate is None:
            raise SystemExit(f"There is no database {name!r}. Fill one with generate_synthetic, or pass --generate N.")
        server.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
        say(f"Created database {name}.")


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def prepare_data(options):
    """Refuse unapplied migrations or a database without synthetic records; generate them only when asked."""
    from django.core.management import CommandError, call_command

    from notifications.models import DepositaryNotification
    from notifications.synthetic import lift_statement_timeout

    empty = not _has_tables()
    if options.generate is not None and empty:
        call_command("migrate", verbosity=0)
    elif pending_migrations():
        raise SystemExit(
            "The database misses migrations of this branch: apply them first, as the figures depend on them\n"
            f"  DATABASE_URL={options.database_url} .venv/bin/python manage.py migrate"
        )
    # Picking the pages counts over every act: longer than the page's statement timeout allows.
    lift_statement_timeout()
    if DepositaryNotification.objects.filter(synthetic=True).exists():
        return
    if options.generate is None:
        raise SystemExit(
            "The database holds no synthetic notifications: fill it first (README, 'Synthetic data for benchmarks'),\n"
            "  or pass --generate N to have this command run generate_synthetic (which refuses real data)."
        )
    say(f"Generating {options.generate:,} synthetic notifications (generate_synthetic --seed 1)...")
    try:
        call_command("generate_synthetic", notifications=options.generate, seed=1, verbosity=1)
    except CommandError as refusal:
        raise SystemExit(str(refusal)) from refusal
    lift_statement_timeout()


def _has_tables():
    from django.db import connection

    return "notifications_depositarynotification" in connection.introspection.table_names()


def pending_migrations():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def data_size():
    from notifications.models import DepositaryNotification
    from treaties.models import Participant, ParticipationAct, Treaty

    return {
        "notifications": DepositaryNotification.objects.count(),
        "synthetic notifications": DepositaryNotification.objects.filter(synthetic=True).count(),
        "acts": ParticipationAct.objects.count(),
        "treaties": Treaty.objects.count(),
        "participants": Participant.objects.count(),
    }


# --- The pages, picked from the data -------------------------------------------------------------


def pick_pages():
    """Return the records and words the pages are built on, each with why it was picked."""
    picks = {}
    picks["treaty"] = _nearest("treaty", "participant", WANTED_PARTICIPANTS)
    picks["participant"] = _nearest("participant", "treaty", WANTED_TREATIES)
    picks["notification"] = _most_cited_notification()
    picks["list filters"] = _list_filters()
    picks["common word"] = _common_word()
    picks["rare word"] = _rare_word()
    picks["phrase"] = _phrase()
    picks["rare phrase"] = _rare_phrase()
    picks["reference"] = _middle_reference()
    for name, pick in picks.items():
        say(f"picked {name}: {pick['value']} ({pick['why']})")
    return picks


def _nearest(record, counted, wanted):
    """Return the treaty (or participant) whose distinct participants (or treaties) come nearest `wanted`."""
    from django.db.models import Count, F
    from django.db.models.functions import Abs

    from treaties.models import ParticipationAct

    row = (
        ParticipationAct.objects.values(f"{record}__slug", f"{record}_id")
        .annotate(number=Count(counted, distinct=True))
        .annotate(distance=Abs(F("number") - wanted))
        .order_by("distance", f"{record}__slug")
        .first()
    )
    plural = {"treaty": "treaties", "participant": "participants"}[counted]
    why = f"{row['number']} {plural}, the nearest to {wanted}"
    return {"value": row[f"{record}__slug"], "id": row[f"{record}_id"], "count": row["number"], "why": why}


def _most_cited_notification():
    from django.db.models import Count

    from notifications.models import DepositaryNotification, NotificationReference

    row = (
        NotificationReference.objects.filter(target__isnull=False)
        .values("target_id")
        .annotate(number=Count("id"))
        .order_by("-number", "target_id")
        .first()
    )
    if row is None:
        notification = DepositaryNotification.objects.order_by("pk").first()
        return {"value": notification.reference, "id": notification.pk, "why": "none is cited: the first"}
    notification = DepositaryNotification.objects.get(pk=row["target_id"])
    why = f"cited by {row['number']} others, the most"
    return {"value": notification.reference, "id": notification.pk, "why": why}


def _list_filters():
    """Return the list's three filters and a sort: the commonest kind, issued since the median date, with reasons."""
    from django.db.models import Count

    from notifications.models import DepositaryNotification

    notifications = DepositaryNotification.objects
    kind = notifications.values("kind").annotate(number=Count("id")).order_by("-number", "kind").first()["kind"]
    dates = notifications.order_by("date_issued").values_list("date_issued", flat=True)
    median = dates[notifications.count() // 2]
    query = {"kind": kind, "issued_from": median.isoformat(), "has_reasons": "true", "sort": "-effected"}
    return {"value": urlencode(query), "why": "the commonest kind, issued since the median date, quoting reasons"}


def _sampled(size):
    """Return SQL that keeps about `size` notifications, spread evenly by id (the same each run)."""
    from notifications.models import DepositaryNotification

    step = max(DepositaryNotification.objects.count() // size, 1)
    return f"mod(id, {step}) = 0"


def _word_counts():
    """Return (word, notifications in the sample) for the sampled search documents' words typed as they are."""
    where = _sampled(SAMPLE_SIZE)
    sampled = _rows(f"SELECT count(*) FROM notifications_depositarynotification WHERE {where}")[0][0]
    # A lexeme that English stemming leaves as it is can be typed as a word and finds itself.
    counts = _rows(
        """SELECT word, ndoc FROM ts_stat(%s)
           WHERE word ~ '^[a-z]{5,}$' AND plainto_tsquery('english', word)::text = quote_literal(word)
           ORDER BY word""",
        [f"SELECT search_vector FROM notifications_depositarynotification WHERE {where}"],
    )
    return sampled, counts


def _common_word():
    sampled, counts = _word_counts()
    word, found = min(counts, key=lambda pair: (abs(pair[1] / sampled - COMMON_WORD_SHARE), pair[0]))
    share = found / sampled
    return {"value": word, "why": f"in {share:.0%} of {sampled:,} sampled notifications, the nearest to 30%"}


def _rare_word():
    """Return a word in a few notifications, at most 1% of them: among the sample's rarest, counted whole."""
    from notifications.models import DepositaryNotification

    total = DepositaryNotification.objects.count()
    most = max(total // 100, 2)
    sampled, counts = _word_counts()
    # What the sample's counts say of the whole table: a word once in a sample of 2,000 of 100,000 is in about 50.
    likely = [(found, word) for word, found in counts if 2 <= found * total / sampled <= most]
    for _, word in sorted(likely)[:RARE_WORD_TRIES]:
        matches = _matches("plainto_tsquery('english', %s)", word)
        if 2 <= matches <= most:
            return {"value": word, "why": f"in {matches:,} notifications"}
    raise SystemExit("No rare word found in the search documents: is the data synthetic and indexed?")


def _phrase():
    """Return two words that follow each other in about 5% of sampled notifications' texts."""
    from notifications.models import DepositaryNotification

    table = DepositaryNotification._meta.db_table
    texts = [text for (text,) in _rows(f"SELECT text FROM {table} WHERE {_sampled(PHRASE_SAMPLE_SIZE)}")]
    pairs = {}
    for text in texts:
        for pair in set(re.findall(r"\b(?=([a-z]{5,} [a-z]{5,})\b)", text.lower())):
            pairs[pair] = pairs.get(pair, 0) + 1
    wanted = PHRASE_SHARE * len(texts)
    for pair, _ in sorted(pairs.items(), key=lambda item: (abs(item[1] - wanted), item[0])):
        if _is_phrase(pair):
            matches = _matches("phraseto_tsquery('english', %s)", pair)
            return {"value": f'"{pair}"', "why": f"two words together in {matches:,} notifications"}
    raise SystemExit("No phrase found in the notifications' texts.")


def _rare_phrase():
    """Return two common words, the commonest first, that stand together in a few notifications (at most 0.1%).

    Two that never stand together if no pair of them does. Counted by their
    stored pair (notifications/phrase_pairs.py), which finds what the phrase
    operator finds: counting by the operator would take the slow path this page
    measures, once for each pair tried.
    """
    from notifications.models import DepositaryNotification

    most = max(DepositaryNotification.objects.count() // 1000, 1)
    sampled, counts = _word_counts()
    found = dict(counts)
    common = [word for word in found if found[word] >= RARE_PHRASE_WORD_SHARE * sampled]
    common.sort(key=lambda word: (-found[word], word))
    never = None
    for first, second in itertools.permutations(common[:RARE_WORD_TRIES], 2):
        pair = f"{first} {second}"
        if not _is_phrase(pair):
            continue
        matches = _matches("quote_literal(%s)::tsquery", pair, column="phrase_pairs")
        if 1 <= matches <= most:
            return {
                "value": f'"{pair}"',
                "why": f"each word in a fifth of the notifications or more, together in {matches:,}",
            }
        never = never or (pair if matches == 0 else None)
    if never:
        return {"value": f'"{never}"', "why": "each word in a fifth of the notifications or more, never together"}
    raise SystemExit("No rare phrase of common words found in the search documents.")


def _is_phrase(pair):
    """Say whether both words count in a search: neither is a stop word, so the query is word <-> word."""
    return _rows("SELECT phraseto_tsquery('english', %s)::text", [pair])[0][0].count("<->") == 1


def _matches(query_sql, text, column="search_vector"):
    sql = f"SELECT count(*) FROM notifications_depositarynotification WHERE {column} @@ {query_sql}"
    return _rows(sql, [text])[0][0]


def _rows(sql, parameters=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def _middle_reference():
    from notifications.models import DepositaryNotification

    notifications = DepositaryNotification.objects.order_by("pk")
    reference = notifications.values_list("reference", flat=True)[notifications.count() // 2]
    return {"value": reference, "why": "the notification in the middle by id"}


def page_list(picks):
    """Return the pages to measure, each with its name, address and kind (which decides its targets)."""
    from django.urls import reverse

    def page(name, path, kind):
        return {"name": name, "path": path, "kind": kind}

    def search(what):
        return "/notifications/?" + urlencode({"q": picks[what]["value"]})

    treaty, participant, notification = picks["treaty"], picks["participant"], picks["notification"]
    return [
        page("home", "/", PUBLIC),
        page("treaty list", "/treaties/", PUBLIC),
        page(f"treaty, {treaty['count']} participants", f"/treaties/{treaty['value']}/", BIG_TREATY),
        page(f"participant, {participant['count']} treaties", f"/participants/{participant['value']}/", PUBLIC),
        page("notifications, 3 filters and a sort", "/notifications/?" + picks["list filters"]["value"], PUBLIC),
        page("search, common word", search("common word"), SEARCH),
        page("search, rare word", search("rare word"), SEARCH),
        page("search, phrase", search("phrase"), SEARCH),
        page("search, rare phrase of common words", search("rare phrase"), SEARCH),
        page("search, reference", search("reference"), SEARCH),
        page("site search, common word", "/search/?" + urlencode({"q": picks["common word"]["value"]}), SEARCH),
        page("notification", f"/notifications/{quote(notification['value'])}/", PUBLIC),
        page("pending withdrawals", "/withdrawals/pending/", PUBLIC),
        page("reasons", "/reasons/", PUBLIC),
        page("Atom feed", "/notifications/feed/", PUBLIC),
        page("admin, treaties", reverse("admin:treaties_treaty_changelist"), ADMIN),
        page("admin, treaty", reverse("admin:treaties_treaty_change", args=[treaty["id"]]), ADMIN),
        page("admin, participants", reverse("admin:treaties_participant_changelist"), ADMIN),
        page("admin, participant", reverse("admin:treaties_participant_change", args=[participant["id"]]), ADMIN),
        page("admin, notifications", reverse("admin:notifications_depositarynotification_changelist"), ADMIN),
        page(
            "admin, notification",
            reverse("admin:notifications_depositarynotification_change", args=[notification["id"]]),
            ADMIN,
        ),
        page("CSV export, every notification", "/notifications/?format=csv", EXPORT),
        page("JSON export, every notification", "/notifications/?format=json", EXPORT),
    ]


# --- The admin's session -------------------------------------------------------------------------


def make_admin_session():
    """Create the benchmark superuser (no usable password) and a session for it; return the Cookie header."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.update_or_create(
        username=BENCH_USERNAME, defaults={"is_staff": True, "is_superuser": True, "is_active": True}
    )
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    say(f"admin pages: logged in as {BENCH_USERNAME!r}, a superuser made for this run (deleted at its end)")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def remove_admin_user(cookie):
    """Delete the benchmark superuser and its session."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=cookie.partition("=")[2]).delete()
    get_user_model().objects.filter(username=BENCH_USERNAME).delete()


# --- Serving and measuring -----------------------------------------------------------------------


def serve_and_measure(options, pages, cookie):
    """Start gunicorn, warm it up, measure every page; stop gunicorn. Return the rows and the server's facts."""
    from django.db import connection

    connection.close()  # the pages need the database more than this process does now
    environment = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "ERROR"}
    if options.workers:
        environment["WEB_CONCURRENCY"] = str(options.workers)
    if options.timeout:
        # Longer than the 30 s in production, to see how long an export takes that the timeout would cut.
        environment["GUNICORN_TIMEOUT"] = str(options.timeout)
    port = free_port()
    # The server's log stays for reading after the run; the folder of final query counts goes.
    log_path = Path(tempfile.gettempdir()) / f"depositary-scale-bench-{port}.log"
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as folder:
        environment["BENCH_QUERY_DIR"] = folder
        with log_path.open("w") as log:
            server = start_gunicorn(environment, port, log)
            try:
                wait_until_serving(port, BARE)
                workers = len(scale_client.worker_pids(server.pid))
                say(f"gunicorn: {workers} workers on port {port}")
                rows = in_own_process(Measurer(options, port, cookie, server.pid, folder, log_path).measure, pages)
            finally:
                stop_gunicorn(server)
        tracebacks = log_path.read_text().count("Traceback")
    say(f"server log: {log_path} ({tracebacks} tracebacks)")
    timeout = int(environment.get("GUNICORN_TIMEOUT", "30"))  # as gunicorn.conf.py reads it
    return rows, {"workers": workers, "timeout": timeout, "tracebacks": tracebacks, "log": str(log_path)}


def in_own_process(function, *arguments):
    """Return function(*arguments) run in a child process: the client, apart from this one's Django and data."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as child:
        return child.submit(function, *arguments).result()


class Measurer:
    """Measure pages against the running server, the baseline alongside."""

    def __init__(self, options, port, cookie, server_pid, query_dir, log_path):
        self.options = options
        self.port = port
        self.cookie = cookie
        self.server_pid = server_pid
        self.query_dir = query_dir
        self.log_path = log_path

    def measure(self, pages):
        say("warming up...")
        for page in [BASELINE_PAGE, *pages]:
            if page["kind"] != EXPORT:
                self.round(page, clients=self.options.clients, requests=self.options.warm_up)
        concurrent_baseline = [self.round(BASELINE_PAGE, clients=self.options.clients)]
        rows, single_baseline = [], []
        for page in pages:
            if page["kind"] == EXPORT:
                rows.append(self.downloads(page))
                continue
            single = self.round(page, clients=1, paired_path=BARE)
            single_baseline.append(single.paired)
            rows.append(self.row(page, 1, single, baseline=single.paired))
            rows.append(self.row(page, self.options.clients, self.round(page, clients=self.options.clients)))
            say(f"  {page['name']}: {_short(rows[-2])}; at {self.options.clients} clients {_short(rows[-1])}")
        concurrent_baseline.append(self.round(BASELINE_PAGE, clients=self.options.clients))
        baselines = [
            self.row(BASELINE_PAGE, 1, scale_client.Round.merged(single_baseline)),
            self.row(BASELINE_PAGE, self.options.clients, scale_client.Round.merged(concurrent_baseline)),
        ]
        for row in baselines:
            scale_figures.compare(row, row)
        for row in rows:
            if row.clients != 1 and row.kind != EXPORT:
                scale_figures.compare(row, baselines[1])
        return [scale_figures.judge(row) for row in baselines + rows]

    def round(self, page, *, clients, requests=None, paired_path=None):
        return scale_client.run_round(
            self.port,
            page["path"],
            clients=clients,
            max_requests=requests or self.options.requests,
            max_seconds=self.options.seconds,
            headers=self.headers(page),
            paired_path=paired_path,
        )

    def headers(self, page):
        return {"Cookie": self.cookie} if page["kind"] == ADMIN else {}

    def row(self, page, clients, result, baseline=None):
        """Return the row of `result`; its ratios are to `baseline`, a round of the bare view, if given.

        One client's requests a second are its requests over their own time:
        the bare view's requests paired with them are left out.
        """
        row = Row(name=page["name"], path=page["path"], kind=page["kind"], clients=clients)
        wall = sum(result.times) if clients == 1 else result.wall_seconds
        scale_figures.summarise(row, result.times, wall, result.queries, result.sizes)
        row.errors = dict(result.errors)
        if baseline is not None:
            scale_figures.compare(row, self.row(BASELINE_PAGE, 1, baseline))
        return row

    def downloads(self, page):
        say(f"  {page['name']}: downloading...")
        result = scale_client.run_downloads(
            self.port,
            page["path"],
            count=self.options.downloads,
            max_seconds=self.options.download_seconds,
            server_pid=self.server_pid,
            query_dir=self.query_dir,
            log_path=self.log_path,
        )
        row = self.row(page, 1, result.round)
        memory_before, memory_highest = Export.largest_growth(result.memory)
        row.export = Export(
            first_byte=max(result.first_bytes, default=None),
            rows=result.rows[-1] if result.rows else None,
            rows_per_second=scale_figures.percentile(result.rows_per_second, 0.5),
            memory_before=memory_before,
            memory_highest=memory_highest,
            queries=result.final_queries[-1] if result.final_queries else None,
        )
        for note in result.notes:
            say(f"  {note}")
        say(f"  {page['name']}: {_short(row)}")
        return row


def _short(row):
    if row.p50 is None:
        return f"no answer ({row.errors})"
    return f"p50 {row.p50 * 1000:.1f} ms, p99 {row.p99 * 1000:.1f} ms, {row.requests} requests"


# --- The report ----------------------------------------------------------------------------------


def machine():
    import django

    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) * 1024 / 1e9, 1),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": _server_version(),
        "commit": _commit(),
    }


def _server_version():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _commit():
    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=PROJECT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    return f"{commit} with uncommitted changes" if git("status", "--porcelain") else commit


def summary(run, rows, misses):
    """Return the lines under the table: the machine, the data, the picks and the targets missed."""
    machine, data, server = run["machine"], run["data"], run["server"]
    before = ", ".join(f"{load:.2f}" for load in run["load_before"])
    after = ", ".join(f"{load:.2f}" for load in run["load_after"])
    lines = [
        "",
        f"Run of {run['started']} on {run['database']}, commit {machine['commit']}.",
        f"Machine: {machine['cores']} cores ({machine['system']}), {machine['memory_gb']} GB RAM; load average "
        f"{before} before, {after} after; PostgreSQL {machine['postgresql']}, Python {machine['python']}, "
        f"Django {machine['django']}; gunicorn with gunicorn.conf.py, {server['workers']} sync workers, "
        f"timeout {server['timeout']} s; "
        f"{server['tracebacks']} tracebacks in its log ({server['log']}).",
        "Data: " + ", ".join(f"{count:,} {what}" for what, count in data.items()) + ".",
        "Picked: " + "; ".join(f"{name} {pick['value']} ({pick['why']})" for name, pick in run["picks"].items()) + ".",
        f"Admin pages: as {BENCH_USERNAME!r}, a superuser this run created in the database and deleted at its end.",
        "Ratios: to the baseline's median, one request at a time paired with each page, or at "
        f"{run['options']['clients']} clients before and after all pages. Export rows: the time to the last byte.",
    ]
    if misses:
        lines.append(f"{len(misses)} targets missed:")
        lines += [
            f"  {row.name} at {row.clients} client{'s' if row.clients > 1 else ''}: {text}" for row, text in misses
        ]
    else:
        lines.append("Every target met.")
    return "\n".join(lines)


def write_results(run, rows, misses, label):
    """Add the run to bench/RESULTS.md, above the earlier runs (the newest comes first)."""
    day = datetime.fromisoformat(run["started"])
    heading = f"## {day:%-d %B %Y, %H:%M} UTC: scale benchmark on {run['database']} (commit {run['machine']['commit']})"
    if label:
        heading += f", {label}"
    section = "\n".join([heading, "", scale_figures.markdown_table(rows), summary(run, rows, misses), "", ""])
    text = RESULTS.read_text()
    first = text.find("\n## ")
    at = len(text) if first < 0 else first + 1
    RESULTS.write_text(text[:at] + section + text[at:])
    say(f"Added to {RESULTS}.")


if __name__ == "__main__":
    sys.exit(main())
