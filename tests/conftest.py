"""Shared test set-up: builders for records, and no silent skips in CI."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.builders import make_act, make_editor, make_participant, make_treaty
from treaties.models import ActKind

# CI sets this so that a test skipped for want of PostgreSQL or Chromium
# fails instead: CI must never pass by skipping.
NO_SKIPS = os.environ.get("DEPOSITARY_NO_SKIPS") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if NO_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but DEPOSITARY_NO_SKIPS=1 forbids skips: {report.longrepr}"


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def time_machine_day(monkeypatch):
    """Fix "today" at 1 December 2025 for pages that default to it."""
    import datetime as real_datetime

    class FrozenDate(real_datetime.date):
        @classmethod
        def today(cls):
            return cls(2025, 12, 1)

    monkeypatch.setattr("notifications.views.date", FrozenDate)
    monkeypatch.setattr("config.forms.date", FrozenDate)
    return FrozenDate.today()


@pytest.fixture
def editor(client):
    """Log the test client in as an editor."""
    user = make_editor()
    client.force_login(user)
    return user


@pytest.fixture
def act():
    """Lithuania's withdrawal from the Mine Ban Convention, as editors find it in the admin."""
    treaty = make_treaty()
    lithuania = make_participant(name="Lithuania")
    return make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))


# The records small_world builds, for tests that request them by address.
TREATY_SLUG = "mine-ban"
PARTICIPANT_SLUG = "lithuania"
REFERENCE = "C.N.362.2025.TREATIES-XXVI.5"


@pytest.fixture
def small_world():
    """Build a treaty, a participant, a withdrawal and its notification with a quoted reason."""
    from notifications.models import Theme
    from tests.builders import make_act, make_notified_withdrawal, make_participant, make_treaty
    from treaties.models import ActKind

    treaty = make_treaty(slug=TREATY_SLUG, withdrawal_article="art. 20(3)")
    lithuania = make_participant(name="Lithuania", slug=PARTICIPANT_SLUG)
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.RATIFICATION, date=date(2003, 5, 12))
    make_notified_withdrawal(
        treaty=treaty,
        participant=lithuania,
        passage="security",
        theme=Theme.objects.create(name="Security", slug="security"),
        reference=REFERENCE,
        text="For security.",
    )


def status_after_reading(client, url):
    """Request `url` and read the whole body, streamed or not, as a client would."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


PROJECT = Path(__file__).resolve().parent.parent


def manage_py(*arguments, **environment):
    """Run manage.py in a fresh process with `environment` added; return the finished process."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
