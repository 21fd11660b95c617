"""Time the public pages with gunicorn and PostgreSQL, each against a bare one-query view in the same run.

    .venv/bin/python bench/pages_bench.py [--database-url postgres://...] [--repeat 30] [--limit 10]

The database (default `depositary_bench_pages` on the local server) is created
if missing, migrated, and loaded with the shipped reference data. gunicorn
serves the site with the benchmark's settings (the site's own plus the bare
view), on a free local port, and is stopped at the end. Each page is asked for
`--repeat` times after one warm-up, one request at a time; the median is
compared with the bare view's median measured between the same pages. The
script exits with status 1 if a page named in `LIMITED` takes more than
`--limit` times the bare view.
"""

import argparse
import http.client
import os
import statistics
import sys
import time

from loadtest import prepare_database  # the same database set-up as the load test
from serving import HOST, free_port, start_gunicorn, stop_gunicorn, wait_until_serving

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/depositary_bench_pages"
BARE = "/bench/bare/"
PAGES = [
    "/treaties/",
    "/treaties/?as_of=2000-01-01",
    "/treaties/?as_of=2015-03-14",
    "/treaties/mine-ban-convention/",
    "/treaties/mine-ban-convention/?as_of=2010-06-30",
    "/treaties/untc-iv-11/",
    "/treaties/rome-statute/",
    "/participants/france/",
    "/withdrawals/pending/",
    "/",
]
# The pages the standing issue holds to the limit, at any as_of.
LIMITED = {page for page in PAGES if page.startswith(("/treaties/?", "/treaties/mine-ban")) or page == "/treaties/"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": options.database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    prepare_database(options.database_url, env)
    port = free_port()
    server = start_gunicorn(env, port, options=["--workers", str(options.workers), "--log-level", "warning"])
    try:
        wait_until_serving(port, BARE)
        results = measure(port, options.repeat)
    finally:
        stop_gunicorn(server)
    sys.exit(report(results, options))


def get(port, path):
    """Fetch one page on a fresh connection; return the seconds it took, refusing anything but 200."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    return elapsed


def measure(port, repeat):
    """Return {path: (page median, bare median)}, timing the bare view alongside each page."""
    results = {}
    for path in PAGES:
        get(port, path)  # warm-up: templates compiled, connections open
        page_times, bare_times = [], []
        for _ in range(repeat):
            page_times.append(get(port, path))
            bare_times.append(get(port, BARE))
        results[path] = (statistics.median(page_times), statistics.median(bare_times))
    return results


def report(results, options):
    """Print one line per page; return 1 if a limited page is over the limit."""
    print(f"{'page':<52} {'median':>9} {'bare':>8} {'ratio':>6}")
    over = []
    for path, (page, bare) in results.items():
        ratio = page / bare
        flag = ""
        if path in LIMITED and ratio > options.limit:
            flag = f"  over {options.limit:g}x"
            over.append(path)
        print(f"{path:<52} {page * 1000:7.1f}ms {bare * 1000:6.1f}ms {ratio:5.1f}x{flag}")
    print(f"{options.repeat} requests a page, one at a time, {options.workers} gunicorn workers, PostgreSQL.")
    return 1 if over else 0


if __name__ == "__main__":
    main()
