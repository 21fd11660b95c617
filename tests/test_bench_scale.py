"""The scale benchmark: its arithmetic and targets, its query count header, and the command run end to end."""

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import scale_figures
from bench.scale_figures import ADMIN, BIG_TREATY, EXPORT, PUBLIC, SEARCH, Export, Row
from tests.builders import make_notification, make_participant, make_treaty

PROJECT = Path(__file__).resolve().parent.parent
MS = 0.001


def measured(kind=PUBLIC, clients=1, p50=4 * MS, p95=5 * MS, p99=6 * MS, baseline=1 * MS, **fields):
    row = Row(name="page", path="/page/", kind=kind, clients=clients, requests=10, p50=p50, p95=p95, p99=p99, **fields)
    row.baseline_p50, row.baseline_p95, row.baseline_p99 = baseline, baseline, baseline
    return scale_figures.judge(row)


def verdicts(row):
    return [met for _, met in row.checks]


# --- Percentiles and ratios ----------------------------------------------------------------------


def test_a_percentile_lies_between_the_two_nearest_values():
    assert scale_figures.percentile([40, 10, 30, 20], 0.5) == 25
    assert scale_figures.percentile(list(range(1, 101)), 0.99) == pytest.approx(99.01)
    assert scale_figures.percentile([7], 0.99) == 7


def test_a_percentile_of_nothing_is_unknown_rather_than_zero():
    assert scale_figures.percentile([], 0.5) is None


def test_a_ratio_to_an_unknown_or_zero_baseline_is_unknown():
    assert scale_figures.ratio(6, 2) == 3
    assert scale_figures.ratio(6, 0) is None
    assert scale_figures.ratio(None, 2) is None


def test_a_summary_gives_the_fewest_and_most_queries_the_median_size_and_the_rate():
    row = Row(name="page", path="/page/", kind=PUBLIC, clients=8)
    scale_figures.summarise(row, [0.1, 0.2, 0.3, 0.4], 2.0, [5, 4, 5, 5], [100, 300, 200, 250])
    assert (row.requests, row.queries, row.size, row.per_second) == (4, (4, 5), 225, 2.0)
    assert row.p50 == pytest.approx(0.25)


# --- Targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "limit"),
    [(PUBLIC, 4), (SEARCH, 6), (BIG_TREATY, 8)],
)
def test_a_public_median_is_held_to_its_multiple_of_the_baseline_one_request_at_a_time(kind, limit):
    assert verdicts(measured(kind=kind, p50=limit * MS)) == [True]
    missed = measured(kind=kind, p50=(limit + 0.1) * MS)
    assert verdicts(missed) == [False]
    assert missed.checks[0][0] == f"median {limit + 0.1:.1f}× ≤ {limit}×"


def test_at_eight_clients_a_public_page_is_held_to_a_p99_under_250_ms_not_to_a_ratio():
    assert verdicts(measured(clients=8, p50=50 * MS, p99=249 * MS)) == [True]
    assert verdicts(measured(clients=8, p50=50 * MS, p99=250 * MS)) == [False]


def test_an_admin_page_is_held_to_a_p95_under_a_second_whatever_its_ratio():
    assert verdicts(measured(kind=ADMIN, p50=500 * MS, p95=999 * MS)) == [True]
    assert verdicts(measured(kind=ADMIN, p50=500 * MS, p95=1.2)) == [False]
    assert measured(kind=ADMIN, clients=8, p95=3.0).checks == []


def test_an_export_is_held_to_its_first_byte_and_its_worker_memory_growth():
    fine = Export(
        first_byte=0.4, rows=100_000, rows_per_second=20_000, memory_before=80_000_000, memory_highest=92_000_000
    )
    assert verdicts(measured(kind=EXPORT, p50=5.0, baseline=None, export=fine)) == [True, True]
    slow = Export(
        first_byte=1.5, rows=100_000, rows_per_second=20_000, memory_before=80_000_000, memory_highest=160_000_000
    )
    row = measured(kind=EXPORT, p50=5.0, baseline=None, export=slow)
    assert [text for text, _ in row.checks] == ["first byte 1.50 s < 1.00 s", "worker +80.0 MB < 50.0 MB"]
    assert verdicts(row) == [False, False]
    assert "worker 80.0 MB → 160.0 MB (+80.0 MB)" in scale_figures.cells(row)[8]


def test_the_download_where_the_worker_grew_most_is_the_one_reported():
    assert Export.largest_growth([(80, 90), (100, 150), (120, 125)]) == (100, 150)
    assert Export.largest_growth([]) == (None, None)


def test_a_page_that_failed_is_marked_so_even_if_its_other_answers_were_fast():
    row = measured(errors={"503": 2, "worker killed at gunicorn's timeout": 1})
    assert row.checks[0] == ("every request answered 200 (2 × 503, 1 × worker killed at gunicorn's timeout)", False)
    assert scale_figures.missed([row]) == [(row, row.checks[0][0])]


# --- The table -----------------------------------------------------------------------------------


def test_the_table_shows_each_figure_with_its_ratio_and_the_targets_missed():
    rows = [
        measured(p50=2 * MS, p95=3 * MS, p99=4 * MS, queries=(3, 3), size=5_120, per_second=250.0),
        measured(kind=SEARCH, p50=130 * MS, p95=150 * MS, p99=1.2, queries=(2, 3)),
    ]
    lines = scale_figures.text_table(rows).splitlines()
    assert lines[0].split() == [
        "page",
        "clients",
        "p50",
        "p95",
        "p99",
        "req/s",
        "queries",
        "bytes",
        "details",
        "targets",
    ]
    assert (
        "2.0 ms (2.0×)" in lines[1]
        and "250.0" in lines[1]
        and "5,120" in lines[1]
        and "ok median 2.0× ≤ 4×" in lines[1]
    )
    assert "130 ms (130.0×)" in lines[2] and "1.20 s (1200.0×)" in lines[2] and "2–3" in lines[2]
    assert "MISS median 130.0× ≤ 6×" in lines[2]
    # Columns line up: the number of clients ends where its heading ends.
    end = lines[0].index("clients") + len("clients")
    assert [line[end - 2 : end] for line in lines[1:]] == [" 1", " 1"]


def test_the_markdown_table_has_a_cell_for_every_column_and_escapes_pipes():
    row = measured(errors={"a|b": 1})
    head, rule, line = scale_figures.markdown_table([row]).splitlines()
    assert head.count("|") == rule.count("|") == line.count("|") - line.count("\\|") == len(scale_figures.COLUMNS) + 1
    assert "page `/page/`" in line and "a\\|b" in line


def test_an_unknown_figure_is_shown_as_a_dash_never_as_zero():
    row = Row(name="page", path="/page/", kind=PUBLIC, clients=1)
    cells = scale_figures.cells(row)
    assert cells[2:8] == ["–"] * 6


# --- The query count header (bench settings only) ------------------------------------------------


@pytest.fixture
def bench_middleware(settings, tmp_path):
    settings.MIDDLEWARE = ["bench.middleware.count_queries", *settings.MIDDLEWARE]
    settings.BENCH_QUERY_DIR = str(tmp_path)
    return tmp_path


@pytest.mark.django_db
def test_the_bench_header_counts_every_query_of_a_page(client, bench_middleware):
    make_notification(treaty=make_treaty(), participant=make_participant(name="Lithuania"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/notifications/")
    assert response.status_code == 200
    assert int(response["X-Bench-Queries"]) == len(queries) > 0


@pytest.mark.django_db
def test_a_streamed_export_writes_its_final_query_count_once_its_body_is_sent(client, bench_middleware):
    make_notification(treaty=make_treaty(), participant=make_participant(name="Lithuania"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/notifications/?format=csv", headers={"X-Bench-Request": "download-1"})
        assert not (bench_middleware / "download-1").exists()
        body = b"".join(response.streaming_content)
    assert body.count(b"\n") == 2
    assert int((bench_middleware / "download-1").read_text()) == len(queries)


@pytest.mark.django_db
def test_a_request_name_that_is_not_a_plain_word_writes_no_file(client, bench_middleware):
    response = client.get("/notifications/?format=csv", headers={"X-Bench-Request": "../escape"})
    b"".join(response.streaming_content)
    assert list(bench_middleware.iterdir()) == []


# --- The command, end to end ---------------------------------------------------------------------


def database_url():
    """Return the address of the test database, which the benchmark's gunicorn reads as any other."""
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{settings['NAME']}"


def run_bench(*arguments):
    command = [sys.executable, "bench/scale_bench.py", "--database-url", database_url(), *arguments]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=600)


SMALL_BOUNDS = ["--requests", "3", "--seconds", "2", "--downloads", "1", "--warm-up", "1", "--clients", "2"]


@pytest.mark.postgres
def test_the_command_measures_every_page_on_a_small_synthetic_database(transactional_db):
    call_command("generate_synthetic", notifications=60, seed=3, verbosity=0)

    result = run_bench(*SMALL_BOUNDS, "--json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["data"]["notifications"] == report["data"]["synthetic notifications"] == 60
    assert set(report["picks"]) == {
        "treaty",
        "participant",
        "notification",
        "list filters",
        "common word",
        "rare word",
        "phrase",
        "rare phrase",
        "reference",
    }
    rows = report["rows"]
    names = {row["name"] for row in rows}
    assert {"baseline (one query)", "home", "treaty list", "reasons", "Atom feed", "admin, notification"} <= names
    for name in names - {"CSV export, every notification", "JSON export, every notification"}:
        assert sorted(row["clients"] for row in rows if row["name"] == name) == [1, 2], name
    for row in rows:
        # Every page answered 200 (the admin's too, through the benchmark superuser's session) and said its queries.
        assert row["errors"] == {} and row["requests"] >= 1 and row["queries"][0] >= 1, row
        assert row["p50"] > 0 and row["size"] > 0
    exports = [row["export"] for row in rows if row["kind"] == EXPORT]
    assert [export["rows"] for export in exports] == [60, 60]
    assert all(
        export["first_byte"] > 0 and export["memory_highest"] >= export["memory_before"] > 0 for export in exports
    )
    assert not get_user_model().objects.filter(username="scale-bench-superuser").exists()


@pytest.mark.postgres
def test_the_command_refuses_a_database_without_synthetic_data(transactional_db):
    make_treaty()

    result = run_bench(*SMALL_BOUNDS)

    assert result.returncode != 0
    assert "holds no synthetic notifications" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.postgres
def test_the_command_refuses_a_database_that_does_not_exist_and_creates_none(db):
    settings = connection.settings_dict
    missing = database_url().replace(f"/{settings['NAME']}", "/depositary_scale_bench_no_such_database")

    result = subprocess.run(
        [sys.executable, "bench/scale_bench.py", "--database-url", missing, *SMALL_BOUNDS],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "There is no database 'depositary_scale_bench_no_such_database'" in result.stderr
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'depositary_scale_bench_no_such_database'")
        assert cursor.fetchone() is None
