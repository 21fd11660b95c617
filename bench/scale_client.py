"""The scale benchmark's client: bounded rounds of requests from threads, and downloads watched from /proc.

No Django: it speaks HTTP to gunicorn on the loopback address, one fresh
connection a request (gunicorn's sync workers close each one), reading every
body to its end.
"""

import csv
import http.client
import io
import json
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from serving import HOST

# Longer than gunicorn's worker timeout (30 s): the server gives up first, and the client sees it happen.
CLIENT_TIMEOUT = 120
CHUNK = 64 * 1024
QUERIES_HEADER = "X-Bench-Queries"
WORKER_HEADER = "X-Bench-Worker"
REQUEST_HEADER = "X-Bench-Request"
WORKER_TIMEOUT = "worker killed at gunicorn's timeout"


@dataclass
class Answer:
    """One request as the client saw it."""

    status: int | None = None  # None when no answer came
    seconds: float = 0.0  # to the body's last byte (or to the failure)
    first_byte: float | None = None
    size: int = 0
    queries: int | None = None
    worker: int | None = None
    content_type: str = ""
    body: bytes | None = None  # only when asked for
    failure: str | None = None  # why the body did not arrive whole

    @property
    def ok(self):
        return self.status == 200 and self.failure is None

    @property
    def trouble(self):
        """Say what went wrong, for the count of errors: the failure, else the status."""
        return self.failure or str(self.status)


def fetch(port, path, headers=None, keep_body=False):
    """Request `path` on a fresh connection and read the whole body, timing its first and last byte."""
    answer = Answer()
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        answer.status = response.status
        answer.content_type = response.getheader("Content-Type", "")
        answer.queries = _number(response.getheader(QUERIES_HEADER))
        answer.worker = _number(response.getheader(WORKER_HEADER))
        parts = []
        while chunk := response.read1(CHUNK):  # what has arrived, not a full CHUNK: the first byte is timed
            if answer.first_byte is None:
                answer.first_byte = time.perf_counter() - started
            answer.size += len(chunk)
            if keep_body:
                parts.append(chunk)
        answer.body = b"".join(parts) if keep_body else None
    except (OSError, http.client.HTTPException) as error:
        # A body that stops short (IncompleteRead), a reset, a refusal or the client's own timeout.
        answer.failure = type(error).__name__
    finally:
        answer.seconds = time.perf_counter() - started
        connection.close()
    return answer


def _number(text):
    return int(text) if text and text.isdigit() else None


@dataclass
class Round:
    """What a round of requests to one page gave: the answered requests' figures and the failures."""

    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    wall_seconds: float = 0.0
    paired: "Round | None" = None  # the paired page's answers, when asked for

    @classmethod
    def merged(cls, rounds):
        """Return one round holding every answer of `rounds`, their wall times added up."""
        whole = cls()
        for part in rounds:
            whole.times += part.times
            whole.queries += part.queries
            whole.sizes += part.sizes
            whole.errors += part.errors
            whole.wall_seconds += part.wall_seconds
        return whole

    def record(self, answer):
        if not answer.ok:
            self.errors[answer.trouble] += 1
            return
        self.times.append(answer.seconds)
        self.sizes.append(answer.size)
        if answer.queries is not None:
            self.queries.append(answer.queries)


def run_round(port, path, *, clients, max_requests, max_seconds, headers=None, paired_path=None):
    """Request `path` from `clients` threads until `max_requests` have been sent or `max_seconds` have passed.

    A request under way at the deadline is read to its end. With `paired_path`,
    each client asks for that page right after each request (the baseline,
    timed alongside the page it is compared with); it counts in neither bound.
    """
    result = Round(paired=Round() if paired_path else None)
    lock = threading.Lock()
    sent = 0
    deadline = time.monotonic() + max_seconds

    def client():
        nonlocal sent
        while True:
            with lock:
                if sent >= max_requests or time.monotonic() >= deadline:
                    return
                sent += 1
            answer = fetch(port, path, headers)
            paired = fetch(port, paired_path) if paired_path else None
            with lock:
                result.record(answer)
                if paired is not None:
                    result.paired.record(paired)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall_seconds = time.perf_counter() - started
    return result


@dataclass
class Downloads:
    """What a page's downloads gave, one at a time, watched from the serving worker's /proc entry."""

    round: Round = field(default_factory=Round)
    first_bytes: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    rows_per_second: list[float] = field(default_factory=list)
    # (RSS before, the larger of peak and RSS after), in bytes, of the serving worker of each download.
    memory: list[tuple[int, int]] = field(default_factory=list)
    final_queries: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_downloads(port, path, *, count, max_seconds, server_pid, query_dir, log_path):
    """Download `path` up to `count` times, one at a time, until `max_seconds` have passed (at least once).

    Before each download every worker's peak memory is reset and its RSS read;
    after it, the serving worker's peak and RSS. The final query count comes
    from the file the bench middleware writes once the body is sent.
    """
    result = Downloads()
    deadline = time.monotonic() + max_seconds
    started = time.perf_counter()
    for number in range(count):
        if number and time.monotonic() >= deadline:
            break
        _download_once(result, port, path, server_pid, Path(query_dir), Path(log_path))
    result.round.wall_seconds = time.perf_counter() - started
    return result


def _download_once(result, port, path, server_pid, query_dir, log_path):
    workers = worker_pids(server_pid)
    before = {pid: resident_bytes(pid) for pid in workers}
    for pid in workers:
        reset_peak(pid)
    log_start = log_path.stat().st_size
    name = f"download-{uuid.uuid4().hex}"
    answer = fetch(port, path, {REQUEST_HEADER: name}, keep_body=True)
    if answer.failure and WORKER_TIMEOUT_LINE in _log_since(log_path, log_start):
        answer.failure = WORKER_TIMEOUT
    result.round.record(answer)
    if not answer.ok:
        return
    result.first_bytes.append(answer.first_byte)
    rows = rows_in(answer.body, answer.content_type)
    result.rows.append(rows)
    result.rows_per_second.append(rows / answer.seconds)
    highest = _highest(answer.worker, before)
    if highest is None:
        result.notes.append("the serving worker was not there before the download (replaced): memory not measured")
    else:
        result.memory.append((before[answer.worker], highest))
    final = query_dir / name
    if final.exists():
        result.final_queries.append(int(final.read_text()))
        final.unlink()


# gunicorn's arbiter logs this when it kills a worker that overran its timeout.
WORKER_TIMEOUT_LINE = "WORKER TIMEOUT"


def _log_since(log_path, offset):
    with log_path.open("rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace")


def _highest(pid, before):
    """Return the most the worker held since its peak was reset: its peak or its RSS now, the larger."""
    if pid is None or before.get(pid) is None:
        return None
    now = [value for value in (peak_bytes(pid), resident_bytes(pid)) if value is not None]
    return max(now) if now else None


def rows_in(body, content_type):
    """Return the rows in a CSV (less its header) or JSON (a list) download."""
    text = body.decode("utf-8")
    if content_type.startswith("text/csv"):
        return max(sum(1 for _ in csv.reader(io.StringIO(text))) - 1, 0)
    return len(json.loads(text))


# --- A process's memory, from /proc (Linux) ------------------------------------------------------


def worker_pids(server_pid):
    """Return the pids of the processes whose parent is `server_pid`: gunicorn's workers."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces: the fields after its last ")" are plain.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server_pid:
            pids.append(int(entry.name))
    return pids


def resident_bytes(pid):
    return _status_bytes(pid, "VmRSS")


def peak_bytes(pid):
    return _status_bytes(pid, "VmHWM")


def _status_bytes(pid, key):
    """Return a /proc/PID/status memory figure in bytes, or None if the process is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) * 1024  # the kernel writes kB (1024 bytes)
    return None


def reset_peak(pid):
    """Reset a process's peak RSS (VmHWM) to its RSS now (Linux 4.0 and later); ignore failure."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass
