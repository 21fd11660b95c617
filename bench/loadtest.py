"""Load-test the site on this machine: gunicorn with the repository's config, PostgreSQL with the shipped data.

    .venv/bin/python bench/loadtest.py [--database-url postgres://...] [--clients 32] [--duration 180]

It creates, migrates and loads its own database when needed (default
`depositary_load` on the local server), starts gunicorn with gunicorn.conf.py
on a loopback port, lets `--clients` threads request the public pages for
`--duration` seconds, stops gunicorn, and prints the status codes, server
errors, dropped connections and response times. It exits with status 1 when
any request answered 5xx or lost its connection. See README.md.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from serving import HOST, PROJECT, start_gunicorn, stop_gunicorn, wait_until_serving

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/depositary_load"
# A request slower than this counts as dropped: the client gave up.
CLIENT_TIMEOUT = 60
SEED = 20261128
# Public pages and their data twins, weighted roughly as visitors use them;
# {treaty}, {participant} and {reference} are filled from the database.
PAGES = [
    ("/", 6),
    ("/treaties/", 3),
    ("/treaties/{treaty}/", 8),
    ("/treaties/{treaty}/?as_of=2025-12-01", 3),
    ("/treaties/{treaty}/?format=csv", 2),
    ("/participants/", 3),
    ("/participants/?name=Turkey", 2),
    ("/participants/{participant}/", 8),
    ("/participants/{participant}/?format=json", 1),
    ("/notifications/", 4),
    ("/notifications/?q=withdrawal", 3),
    ("/notifications/?format=csv", 1),
    ("/notifications/feed/", 1),
    ("/notifications/{reference}/", 3),
    ("/withdrawals/pending/", 4),
    ("/withdrawals/pending/?as_of=2025-12-01&format=json", 1),
    ("/reasons/", 2),
    ("/treaties/no-such-treaty/", 1),
]


def main():
    options = parse_arguments()
    environment = {**os.environ, "DATABASE_URL": options.database_url, "DEBUG": "0", "LOG_LEVEL": "ERROR"}
    prepare_database(options.database_url, environment)
    samples = sample_records(options.database_url)
    log_path = Path(tempfile.gettempdir()) / f"depositary-loadtest-{options.port}.log"
    with log_path.open("w") as log:
        server = start_gunicorn(environment, options.port, log)
        try:
            wait_until_serving(options.port)
            print(f"Running {options.clients} clients for {options.duration} s against {HOST}:{options.port}...")
            results = run_clients(options, samples)
        finally:
            stop_gunicorn(server)
    print_summary(results, options)
    tracebacks = log_path.read_text().count("Traceback")
    print(f"server log: {log_path} ({tracebacks} tracebacks)")
    return 0 if results.server_errors == 0 and results.dropped == 0 else 1


def parse_arguments():
    parser = argparse.ArgumentParser(description="Load-test the site through gunicorn and PostgreSQL.")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=int, default=180, help="seconds (default 180)")
    parser.add_argument("--port", type=int, default=8765)
    return parser.parse_args()


def prepare_database(url, environment):
    """Create the database if missing, migrate it and load the shipped data (skipped once loaded)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server_url, autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(f'CREATE DATABASE "{name}"')
    for command in (["migrate", "--noinput"], ["load_reference_data"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=environment, check=True)


def sample_records(url):
    """Return a few real treaty slugs, participant slugs and notification references to request."""
    with psycopg.connect(url) as database:
        treaties = [row[0] for row in database.execute("SELECT slug FROM treaties_treaty ORDER BY id LIMIT 40")]
        participants = [
            row[0] for row in database.execute("SELECT slug FROM treaties_participant ORDER BY id LIMIT 60")
        ]
        references = [row[0] for row in database.execute("SELECT reference FROM notifications_depositarynotification")]
    return {"treaty": treaties, "participant": participants, "reference": references}


class Results:
    """What every client saw, gathered under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.drops = Counter()
        self.times = []
        self.slowest = Counter()

    def record(self, path, status, seconds):
        with self.lock:
            self.statuses[status] += 1
            self.times.append(seconds)
            self.slowest[path] = max(self.slowest[path], seconds)

    def record_drop(self, path, error):
        with self.lock:
            self.drops[f"{type(error).__name__} on {path}"] += 1

    @property
    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def dropped(self):
        return sum(self.drops.values())


def run_clients(options, samples):
    results = Results()
    deadline = time.monotonic() + options.duration
    threads = [
        threading.Thread(target=client, args=(options.port, samples, deadline, results, SEED + number))
        for number in range(options.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def client(port, samples, deadline, results, seed):
    """Request random pages, one at a time, reading each body to its end, until the deadline."""
    choose = random.Random(seed)
    templates, weights = zip(*PAGES, strict=True)
    while time.monotonic() < deadline:
        template = choose.choices(templates, weights)[0]
        path = template.format(**{name: quote(choose.choice(values)) for name, values in samples.items()})
        started = time.monotonic()
        connection = http.client.HTTPConnection(HOST, port, timeout=CLIENT_TIMEOUT)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()  # raises IncompleteRead when a streamed body stops short
            results.record(template, response.status, time.monotonic() - started)
        except (OSError, http.client.HTTPException) as error:
            results.record_drop(template, error)
        finally:
            connection.close()


def print_summary(results, options):
    total = sum(results.statuses.values())
    times = sorted(results.times)
    rate = total / options.duration
    print(f"\n{total} requests answered in {options.duration} s by {options.clients} clients: {rate:.1f}/s")
    print("status codes: " + ", ".join(f"{status}: {count}" for status, count in sorted(results.statuses.items())))
    print(f"5xx: {results.server_errors}; dropped connections: {results.dropped}")
    for drop, count in results.drops.most_common():
        print(f"  {count} × {drop}")
    if times:
        quantiles = statistics.quantiles(times, n=100, method="inclusive")
        print(
            f"response time: p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, "
            f"p99 {quantiles[98] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
        )
    print("slowest response per page:")
    for path, seconds in results.slowest.most_common(5):
        print(f"  {seconds * 1000:.0f} ms  {path}")


if __name__ == "__main__":
    sys.exit(main())
