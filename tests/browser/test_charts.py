"""The charts in a real browser, on a phone and a laptop: labels a reader can read, and no accessibility fault."""

import pytest

from tests.browser.checks import RECORD_CSP_VIOLATIONS, axe_violations, describe_violations, save_screenshot
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE, LAPTOP = 390, 1366
TREATY = "/treaties/mine-ban-convention/?as_of=2025-12-01"
PARTICIPANT = "/participants/lithuania/?as_of=2025-12-01"
# Text smaller than this many CSS pixels is hard to read on a phone (the old curve's labels were about 4).
SMALLEST_TEXT_PX = 10

# The height and width in CSS pixels of every label of the charts on show.
VISIBLE_LABELS = """(selector) => [...document.querySelectorAll(selector)]
    .map((element) => element.getBoundingClientRect())
    .filter((box) => box.width > 0)
    .map((box) => ({height: box.height, right: box.right}))"""


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def sized_page(request, browser, site):
    """Open a page `request.param` CSS pixels wide."""
    context = browser.new_context(viewport={"width": request.param, "height": 900}, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


def open_page(page, site, path, name):
    response = page.goto(f"{site}{path}")
    assert response.status == 200
    save_screenshot(page, f"charts-{name}-{page.width}")


def test_the_curves_tick_labels_stay_readable_and_inside_the_window(sized_page, site):
    open_page(sized_page, site, TREATY, "treaty")

    layout = "narrow" if sized_page.width == PHONE else "wide"
    chart = sized_page.locator(f"svg.curve-chart.chart-{layout}")
    assert chart.is_visible()
    assert sized_page.locator("svg.curve-chart:visible").count() == 1
    labels = sized_page.evaluate(VISIBLE_LABELS, "svg.curve-chart text")
    assert len(labels) >= 10  # y ticks, x ticks, axis titles, today and the end of the record
    assert min(label["height"] for label in labels) >= SMALLEST_TEXT_PX
    assert max(label["right"] for label in labels) <= sized_page.width
    assert sized_page.locator("svg.curve-chart:visible .today-marker text").text_content() == "Today"


def test_the_standing_timelines_labels_stay_readable_and_inside_the_window(sized_page, site):
    open_page(sized_page, site, PARTICIPANT, "participant")

    labels = sized_page.evaluate(VISIBLE_LABELS, "svg.standing-chart text")
    assert "XXVI.5" in sized_page.locator("svg.standing-chart:visible .row-label").all_text_contents()
    assert min(label["height"] for label in labels) >= SMALLEST_TEXT_PX
    assert max(label["right"] for label in labels) <= sized_page.width


@pytest.mark.parametrize(("path", "name"), [(TREATY, "treaty"), (PARTICIPANT, "participant")])
def test_the_chart_pages_have_no_accessibility_violation(sized_page, site, path, name):
    open_page(sized_page, site, path, name)

    violations = axe_violations(sized_page)

    assert violations == [], describe_violations(path, violations)
