"""Serve the site with gunicorn on a loopback port for a benchmark, and stop it: shared by the bench scripts.

No Django here: the scripts import it before (or without) setting Django up.
"""

import http.client
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port():
    """Return a loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(environment, port, log=None, options=()):
    """Start gunicorn with the repository's gunicorn.conf.py on HOST:port; its messages go to `log`.

    `options` are gunicorn's own, and override the config file's (`--workers 2`).
    The access log is dropped: many clients would write hundreds of lines a second.
    """
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "config.wsgi"]
    command += ["--access-logfile", "/dev/null", *options]
    environment = {**environment, "BIND": f"{HOST}:{port}"}
    return subprocess.Popen(command, cwd=PROJECT, env=environment, stdout=log, stderr=subprocess.STDOUT)


def wait_until_serving(port, path="/", seconds=30):
    """Return once `path` answers 200; give up after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {path} on {HOST}:{port} within {seconds} s")


def stop_gunicorn(server):
    """Stop gunicorn gracefully (SIGTERM lets requests in flight finish), then for good."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
