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
# so a page answers 503 well before this. A download is not cut off while it
# keeps sending (post_worker_init, below).
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
    """Let downloads tell the arbiter the worker is alive; leave what the worker has loaded out of the GC.

    A download sends its rows for as long as they take: after each chunk it
    tells the arbiter that the worker is not stuck (config.exports), so the
    timeout above does not cut it off mid-file.

    What the worker has loaded (Django, the models, the settings: 100,000 objects
    and more) lives as long as the worker. Left in the GC, every full collection
    walks it all: on a treaty's page that was a pause of tens of milliseconds
    every twenty requests or so, which is what a slow 99th percentile is made of.
    """
    from config.exports import keep_worker_alive_with

    keep_worker_alive_with(worker.notify)
    gc.freeze()
