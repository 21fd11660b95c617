"""Time the notifications search on 100,000 synthetic notifications, next to a plain indexed lookup.

    .venv/bin/python bench/search_bench.py [--database-url postgres://...] [--rows 100000] [--repeat 30]

The database (default `depositary_bench` on the local server) is created if
missing, migrated, and filled once by `manage.py generate_synthetic` (seeded
treaties, participants, acts and notifications); later runs reuse them. It must
hold nothing else: the command refuses a database with real data, and the
script never loads the real data. See README.md.
"""

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/depositary_bench"
SEED = 20251127
PAGE = 20

QUERIES = [
    "withdrawal",
    'withdrawal "armed conflict"',
    "humanitarian -Ukraine",
    "security or deterrence",
    "Lithuania",
    "Turkiye",
    "Phillipines",
    "{reference}",
    "{partial_reference}",
    "XXVI.101 withdrawal",
    "{rare_word}",
]

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, default=100_000, help="synthetic notifications (default 100,000)")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each query (default 30)")
    return parser.parse_args()


def create_database(url):
    """Create the benchmark database if it does not exist, connecting to the server's `postgres` database."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def fill(rows):
    """Generate the synthetic data set unless the database already holds one of this size."""
    from django.core.management import CommandError, call_command

    from notifications.models import DepositaryNotification

    have = DepositaryNotification.objects.filter(synthetic=True).count()
    if have == rows:
        print(f"Reusing {have:,} synthetic notifications.")
        return
    # The command refuses a database holding real data, and replaces a synthetic set of another size.
    try:
        call_command("generate_synthetic", notifications=rows, seed=SEED, replace=True)
    except CommandError as error:
        sys.exit(str(error))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, repeat):
    function()  # warm the caches once, untimed
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(repeat):
    from django.db import connection

    from notifications.models import DepositaryNotification

    rng = random.Random(SEED)
    total = DepositaryNotification.objects.count()
    sample = DepositaryNotification.objects.order_by("pk")[total // 3]
    parts = sample.reference.split(".")
    rare_word = pick_rare_word()
    values = {"reference": sample.reference, "partial_reference": f"{parts[2]}.{parts[3]}", "rare_word": rare_word}
    references = list(DepositaryNotification.objects.values_list("reference", flat=True)[:: max(total // 500, 1)])

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_relation_size('notifications_search'))")
        index_size = cursor.fetchone()[0]
    print(f"\nPostgreSQL {version}; {os.cpu_count()} cores; {platform.machine()}; Python {platform.python_version()}")
    print(f"{total:,} synthetic notifications; GIN index notifications_search: {index_size}")
    print(f"Each query: first page ({PAGE} rows with rank and snippet), and its count, {repeat} timed runs.\n")
    print(f"{'query':<42} {'matches':>8} {'page p50':>9} {'page p95':>9} {'count p50':>10} {'count p95':>10}")
    all_pages, all_counts = [], []
    for template in QUERIES:
        query = template.format(**values)
        searched = DepositaryNotification.objects.search(query)
        pages = timed(lambda searched=searched: list(searched.all()[:PAGE]), repeat)
        counts = timed(lambda searched=searched: searched.all().count(), repeat)
        all_pages += pages
        all_counts += counts
        print(
            f"{query:<42} {searched.count():>8,} {percentile(pages, 0.5):>7.1f}ms {percentile(pages, 0.95):>7.1f}ms"
            f" {percentile(counts, 0.5):>8.1f}ms {percentile(counts, 0.95):>8.1f}ms"
        )
    print(
        f"{'all search queries':<42} {'':>8} {percentile(all_pages, 0.5):>7.1f}ms "
        f"{percentile(all_pages, 0.95):>7.1f}ms {percentile(all_counts, 0.5):>8.1f}ms "
        f"{percentile(all_counts, 0.95):>8.1f}ms"
    )
    lookups = timed(lambda: DepositaryNotification.objects.get(reference=rng.choice(references)), repeat * 10)
    print(
        f"\n{'plain lookup by reference (unique index)':<42} {1:>8} {percentile(lookups, 0.5):>7.1f}ms "
        f"{percentile(lookups, 0.95):>7.1f}ms   ({repeat * 10} runs)"
    )


def pick_rare_word():
    """Return a word that occurs in a few dozen notifications: a selective query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT word FROM ts_stat('SELECT search_vector FROM notifications_depositarynotification')
               WHERE ndoc BETWEEN 10 AND 60 AND word ~ '^[a-z]+$' ORDER BY word LIMIT 1"""
        )
        row = cursor.fetchone()
    return row[0] if row else "zorvex"


def main():
    args = parse_args()
    if not urlsplit(args.database_url).scheme.startswith("postgres"):
        sys.exit("The benchmark needs a PostgreSQL database URL.")
    create_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    from notifications.synthetic import lift_statement_timeout

    call_command("migrate", verbosity=0)
    # Picking a rare word reads every search document (ts_stat): longer than a page may take.
    lift_statement_timeout()
    fill(args.rows)
    run(args.repeat)


if __name__ == "__main__":
    main()
