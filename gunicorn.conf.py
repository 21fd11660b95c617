"""Gunicorn's settings for Depositary: `gunicorn -c gunicorn.conf.py config.wsgi` (see the README)."""

import gc
import multiprocessing
import os

# Behind a reverse proxy on the same machine by default; BIND=0.0.0.0:8000 to listen further.
bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers each serve one request at a time; the usual rule of thumb for
# a machine that mostly waits on its database is two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A page that takes longer than this is stuck: its worker is killed and
# replaced. The database's statement timeout (10 s) fails a slow query first,
# so a page answers 503 well before this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or deploy, requests in flight get this long to finish.
graceful_timeout = 30
keepalive = 5
# Replace each worker now and then, so that a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"


def post_worker_init(worker):
    """Leave what the worker has loaded (Django, the models, the settings: 100,000 objects and more) out of the GC.

    They live as long as the worker. Left in, every full collection walks them
    all: on a treaty's page that was a pause of tens of milliseconds every
    twenty requests or so, which is what a slow 99th percentile is made of.
    """
    gc.freeze()
