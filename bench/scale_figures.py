"""The scale benchmark's arithmetic and its table: percentiles, ratios to the baseline, the issue's targets.

Pure: no Django, no network. bench/scale_bench.py measures; this module turns
what it measured into figures, marks each against issue 12's targets and
writes the table (text for a terminal, Markdown for bench/RESULTS.md).
"""

import math
import statistics
from dataclasses import dataclass, field

# What kind of page a row is, which decides the targets it is held to.
BASELINE = "baseline"
PUBLIC = "public"
SEARCH = "search"
BIG_TREATY = "big treaty"
ADMIN = "admin"
EXPORT = "export"

# Issue 12's targets. Medians are held to a multiple of the baseline's median
# measured one request at a time in the same run; p99 at 8 clients, the admin,
# and the exports to plain limits.
MEDIAN_RATIO_LIMITS = {PUBLIC: 4.0, SEARCH: 6.0, BIG_TREATY: 8.0}
P99_LIMIT_SECONDS = 0.250
P99_LIMIT_CLIENTS = 8
ADMIN_LIMIT_SECONDS = 1.0
FIRST_BYTE_LIMIT_SECONDS = 1.0
MEMORY_GROWTH_LIMIT_BYTES = 50_000_000


def percentile(values, fraction):
    """Return the `fraction` percentile of `values`, interpolated between the two nearest ranks.

    With fewer than 100 values p99 lies between the two largest: read it as "close to the worst".
    """
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def ratio(value, baseline):
    """Return value / baseline, or None when either is unknown or the baseline is not positive."""
    if value is None or not baseline:
        return None
    return value / baseline


@dataclass
class Export:
    """What one page's streamed downloads showed: the slowest first byte, rows and the worker's memory."""

    first_byte: float | None = None  # seconds, the slowest of the downloads
    rows: int | None = None  # rows in the last complete download
    rows_per_second: float | None = None
    # The download in which the serving worker grew most: its RSS before, and the larger of its peak and RSS after.
    memory_before: int | None = None  # bytes
    memory_highest: int | None = None  # bytes
    queries: int | None = None  # the queries of the last complete download, body included

    @property
    def memory_growth(self):
        if self.memory_before is None or self.memory_highest is None:
            return None
        return self.memory_highest - self.memory_before

    @classmethod
    def largest_growth(cls, memory):
        """Return the (before, highest) pair of `memory` that grew most, or (None, None)."""
        return max(memory, key=lambda pair: pair[1] - pair[0], default=(None, None))


@dataclass
class Row:
    """One page at one number of clients: what was measured, and how it compares."""

    name: str
    path: str
    kind: str
    clients: int
    requests: int = 0
    p50: float | None = None
    p95: float | None = None
    p99: float | None = None
    per_second: float | None = None
    queries: tuple[int, int] | None = None  # fewest and most in one request
    size: int | None = None  # bytes of the body, the median
    errors: dict[str, int] = field(default_factory=dict)  # "503", "timeout", ...: how many
    # The baseline's figures these are compared with: its round paired with this page, or the pooled one.
    baseline_p50: float | None = None
    baseline_p95: float | None = None
    baseline_p99: float | None = None
    export: Export | None = None
    checks: list[tuple[str, bool]] = field(default_factory=list)  # (what is held to what, met)


def summarise(row, times, wall_seconds, queries, sizes):
    """Fill `row`'s figures from the answered requests' `times` (seconds), `queries` and body `sizes`.

    Requests a second: answered requests over `wall_seconds`, the time the round took.
    """
    row.requests = len(times)
    row.p50, row.p95, row.p99 = (percentile(times, fraction) for fraction in (0.50, 0.95, 0.99))
    row.per_second = len(times) / wall_seconds if times and wall_seconds > 0 else None
    row.queries = (min(queries), max(queries)) if queries else None
    row.size = round(statistics.median(sizes)) if sizes else None
    return row


def compare(row, baseline):
    """Set `row`'s baseline figures from `baseline`, a row of the bare view; return `row`."""
    row.baseline_p50, row.baseline_p95, row.baseline_p99 = baseline.p50, baseline.p95, baseline.p99
    return row


def judge(row):
    """Set `row.checks`: each issue 12 target that applies to the row, and whether it is met."""
    checks = []
    if row.errors:
        checks.append((f"every request answered 200 ({_errors_text(row.errors)})", False))
    limit = MEDIAN_RATIO_LIMITS.get(row.kind)
    median_ratio = ratio(row.p50, row.baseline_p50)
    if limit and row.clients == 1 and median_ratio is not None:
        checks.append((f"median {median_ratio:.1f}× ≤ {limit:g}×", median_ratio <= limit))
    if row.kind in MEDIAN_RATIO_LIMITS and row.clients == P99_LIMIT_CLIENTS and row.p99 is not None:
        checks.append((f"p99 {_ms(row.p99)} < {_ms(P99_LIMIT_SECONDS)}", row.p99 < P99_LIMIT_SECONDS))
    if row.kind == ADMIN and row.clients == 1 and row.p95 is not None:
        checks.append((f"p95 {_ms(row.p95)} < {_ms(ADMIN_LIMIT_SECONDS)}", row.p95 < ADMIN_LIMIT_SECONDS))
    if row.export is not None:
        checks += _export_checks(row.export)
    row.checks = checks
    return row


def _export_checks(export):
    checks = []
    if export.first_byte is not None:
        met = export.first_byte < FIRST_BYTE_LIMIT_SECONDS
        checks.append((f"first byte {_ms(export.first_byte)} < {_ms(FIRST_BYTE_LIMIT_SECONDS)}", met))
    if export.memory_growth is not None:
        met = export.memory_growth < MEMORY_GROWTH_LIMIT_BYTES
        checks.append((f"worker +{_mb(export.memory_growth)} < {_mb(MEMORY_GROWTH_LIMIT_BYTES)}", met))
    return checks


def missed(rows):
    """Return the (row, check) pairs whose target is not met."""
    return [(row, text) for row in rows for text, met in row.checks if not met]


# --- The table -----------------------------------------------------------------------------------

COLUMNS = ["page", "clients", "p50", "p95", "p99", "req/s", "queries", "bytes", "details", "targets"]
# The columns of figures, from clients to bytes: right-aligned, as numbers are.
FIGURE_COLUMNS = range(1, 8)


def cells(row):
    """Return the row's cells as strings, in COLUMNS' order."""
    return [
        f"{row.name} {row.path}",
        str(row.clients),
        _with_ratio(row.p50, row.baseline_p50),
        _with_ratio(row.p95, row.baseline_p95),
        _with_ratio(row.p99, row.baseline_p99),
        _rate(row.per_second),
        _queries_text(row.queries),
        "–" if row.size is None else f"{row.size:,}",
        _details(row),
        _checks_text(row.checks),
    ]


def text_table(rows):
    """Return the rows as a plain-text table, its columns aligned."""
    table = [COLUMNS] + [cells(row) for row in rows]
    widths = [max(len(line[index]) for line in table) for index in range(len(COLUMNS))]
    lines = []
    for line in table:
        parts = [
            text.rjust(width) if index in FIGURE_COLUMNS else text.ljust(width)
            for index, (text, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def markdown_table(rows):
    """Return the rows as a Markdown table, the page's address as code."""
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---:" if index in FIGURE_COLUMNS else "---" for index in range(len(COLUMNS))) + " |",
    ]
    for row in rows:
        line = cells(row)
        line[0] = f"{row.name} `{row.path}`"
        lines.append("| " + " | ".join(text.replace("|", "\\|") for text in line) + " |")
    return "\n".join(lines)


def _with_ratio(seconds, baseline):
    if seconds is None:
        return "–"
    times = ratio(seconds, baseline)
    return _ms(seconds) if times is None else f"{_ms(seconds)} ({times:.1f}×)"


def _rate(per_second):
    if per_second is None:
        return "–"
    return f"{per_second:.1f}" if per_second >= 1 else f"{per_second:.3f}"


def _queries_text(queries):
    if queries is None:
        return "–"
    fewest, most = queries
    return str(fewest) if fewest == most else f"{fewest}–{most}"


def _details(row):
    parts = []
    if row.export is not None:
        export = row.export
        if export.first_byte is not None:
            parts.append(f"first byte {_ms(export.first_byte)}")
        if export.rows is not None:
            rate = "" if export.rows_per_second is None else f", {export.rows_per_second:,.0f} rows/s"
            parts.append(f"{export.rows:,} rows{rate}")
        if export.queries is not None:
            parts.append(f"{export.queries} quer{'y' if export.queries == 1 else 'ies'} in all")
        if export.memory_growth is not None:
            before, highest = export.memory_before, export.memory_highest
            parts.append(f"worker {_mb(before)} → {_mb(highest)} (+{_mb(export.memory_growth)})")
    if row.errors:
        parts.append(_errors_text(row.errors))
    if row.requests:
        parts.append(f"{row.requests} requests")
    return "; ".join(parts)


def _errors_text(errors):
    return ", ".join(f"{count} × {what}" for what, count in sorted(errors.items()))


def _checks_text(checks):
    if not checks:
        return ""
    return "; ".join(("ok " if met else "MISS ") + text for text, met in checks)


def _ms(seconds):
    milliseconds = seconds * 1000
    if milliseconds >= 1000:
        return f"{seconds:.2f} s"
    return f"{milliseconds:.1f} ms" if milliseconds < 100 else f"{milliseconds:.0f} ms"


def _mb(size):
    return f"{size / 1_000_000:.1f} MB"
