"""Time the big data twins in-process: first chunk, whole export, rows a second, memory and queries.

    DATABASE_URL=postgres://... .venv/bin/python bench/exports_bench.py [--save DIR] [URL ...]

Each export runs in a fresh Python process (so that its memory growth is its
own), through Django's test client and the site's middleware, on the database
DATABASE_URL names. The process reads the streamed response chunk by chunk and
reports: seconds to the first chunk, seconds for the whole, rows (lines of a
CSV, objects of a JSON array) a second, the growth of its resident memory
(sampled every 1,000 chunks) and of Python's own allocations (tracemalloc,
in a second pass, since tracing slows the code it traces), and the queries run.
`--save DIR` writes each export to DIR, to compare files byte for byte.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# The twins that reach 100,000 rows on the synthetic data of 100,000 notifications, and a few small ones.
DEFAULT_URLS = [
    "/notifications/?format=csv",
    "/notifications/?format=json",
    "/reasons/?format=csv",
    "/reasons/?format=json",
    "/reservations/?format=csv",
]
PAGE_SIZE = 4096


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--save", type=Path, help="write each export to this folder")
    parser.add_argument("--no-trace", action="store_true", help="skip the second, traced pass")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.urls[0], options.save, trace=not options.no_trace)))
        return
    print(f"{'export':60} {'first':>7} {'total':>7} {'rows':>8} {'rows/s':>8} {'RSS+':>7} {'py peak':>8} {'q':>3}")
    for url in options.urls:
        command = [sys.executable, __file__, "--one", url, *(["--save", str(options.save)] if options.save else [])]
        command += ["--no-trace"] if options.no_trace else []
        result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, check=False)
        if result.returncode:
            print(f"{url:60} failed:\n{result.stderr[-2000:]}")
            continue
        r = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{url:60} {r['first']:6.3f}s {r['total']:6.2f}s {r['rows']:8,} {r['rows'] / r['total']:8,.0f} "
            f"{r['rss_growth'] / 2**20:6.1f}M {r['python_peak'] / 2**20:7.1f}M {r['queries']:3} {r['status']}"
        )


def measure(url, save, *, trace=True):
    """Return the timings, memory and queries of one export, read twice (timed, then traced)."""
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.get("/bench-warm-up-404/")  # the URLconf, templates and connection, before timing
    base = _rss()
    started = time.perf_counter()
    first = None
    peak = base
    digest, size, chunks, rows = hashlib.sha256(), 0, 0, 0
    out = _output(save, url)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(url)
        for chunk in _chunks(response):
            if first is None:
                first = time.perf_counter() - started
            digest.update(chunk)
            size += len(chunk)
            chunks += 1
            rows += chunk.count(b"\n")
            if out:
                out.write(chunk)
            if chunks % 1000 == 0:
                peak = max(peak, _rss())
    total = time.perf_counter() - started
    peak = max(peak, _rss())
    if out:
        out.close()
    python_peak = _traced_peak(client, url) if trace else 0
    return {
        "status": response.status_code,
        "first": first or total,
        "total": total,
        # A CSV's lines less its header; a JSON array's lines less its brackets.
        "rows": rows - (1 if "format=csv" in url else 2),
        "bytes": size,
        "sha256": digest.hexdigest(),
        "rss_growth": peak - base,
        "python_peak": python_peak,
        "queries": len(queries),
    }


def _traced_peak(client, url):
    """Return the peak of Python's allocations while the export is read once more."""
    tracemalloc.start()
    for _ in _chunks(client.get(url)):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _chunks(response):
    """Return the chunks of a response as a client receives them (one, if not streamed)."""
    return response.streaming_content if response.streaming else [response.content]


def _output(save, url):
    if not save:
        return None
    save.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() else "_" for c in url.strip("/"))
    return open(save / name, "wb")  # noqa: SIM115 (closed once the stream is read)


def _rss():
    """Return this process's resident memory, in bytes."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE_SIZE


if __name__ == "__main__":
    main()
