"""Settings for the benchmarks: the site's own, plus one bare view to measure against and a query count header."""

import os

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# First, so that it counts the queries of every other middleware too (bench/middleware.py).
MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]
# Where a streamed answer's final query count is written, if the benchmark asks (bench/middleware.py).
BENCH_QUERY_DIR = os.environ.get("BENCH_QUERY_DIR", "")
