"""Browser tests: Playwright drives Debian's Chromium against the live server, and axe-core checks each page.

Nothing here downloads a browser. The tests skip, saying what is missing, on
a machine without Chromium (`CHROMIUM` names another path), without
axe-core (`npm ci --prefix tests/browser`) or without Playwright; CI installs
all three and forbids skips.
"""

import os
from pathlib import Path

import pytest

from tests.browser.checks import AXE, RECORD_CSP_VIOLATIONS

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A page of this site answers in well under a second; waiting longer only delays the failure.
TIMEOUT_MS = 10_000


def missing_tools():
    """Return why the browser tests cannot run here, or an empty string."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -r requirements-dev.txt"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM=/path/to/chromium"
    if not AXE.is_file():
        return "axe-core is not installed: npm ci --prefix tests/browser"
    return ""


def pytest_collection_modifyitems(config, items):
    # Skip before the live server and the database are set up for nothing.
    reason = missing_tools()
    if not reason:
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    """Launch Chromium for one test module.

    Playwright's sync API keeps an event loop running in this thread while it
    is open, and Django refuses database calls in a thread with a running
    loop unless told otherwise; the module scope keeps both to these tests.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """Load the real curated data (not the 2015 UN tables) into the live server's database; return its URL."""
    from django.core.management import call_command

    call_command("load_reference_data", curated_only=True, verbosity=0)
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()
