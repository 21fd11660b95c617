"""A researcher's journey through the site in a real browser, and every main page checked with axe-core."""

import csv
import io
import re
from pathlib import Path

import pytest

from tests.browser.checks import (
    axe_violations,
    broken_id_references,
    csp_violations,
    describe_violations,
    horizontal_overflow,
    save_screenshot,
)

pytestmark = pytest.mark.browser

LITHUANIA_WITHDRAWAL = "C.N.362.2025.TREATIES-XXVI.5"
LITHUANIA_RATIFICATION = "C.N.381.2003.TREATIES-XXVI.5"
MINE_BAN = (
    "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines"
    " and on their Destruction"
)

# Each main page and the status it answers with, plus a few states worth
# checking (search results, a cited notification not stored here, form
# errors), at a date where the content depends on one, so that screenshots and
# accessibility checks see the same page on every run.
PAGES = {
    "home": ("/", 200),
    "treaty-list": ("/treaties/?as_of=2025-12-01", 200),
    "treaty": ("/treaties/mine-ban-convention/?as_of=2025-12-01", 200),
    "participant-list": ("/participants/", 200),
    "participant": ("/participants/lithuania/?as_of=2025-12-01", 200),
    "notification-list": ("/notifications/", 200),
    "search-results": ("/notifications/?q=Lithuania", 200),
    "notification": (f"/notifications/{LITHUANIA_WITHDRAWAL}/", 200),
    "not-stored": (f"/notifications/{LITHUANIA_RATIFICATION}/", 404),
    "pending-withdrawals": ("/withdrawals/pending/?as_of=2025-12-01", 200),
    "reasons": ("/reasons/", 200),
    "reservations": ("/reservations/", 200),
    "filter-errors": ("/notifications/?year=twenty&effected_from=yesterday", 400),
    "as-of-error": ("/withdrawals/pending/?as_of=2025-13-45", 400),
    "data": ("/data/", 200),
    "changes": ("/data/changes/?since=2025-01-01", 200),
    "participant-codes": ("/data/participants/", 200),
    "not-found": ("/no-such-page/", 404),
}
# A phone and a laptop: every page must fit either window without scrolling sideways.
WIDTHS = (390, 1366)

# The navigation bar's sections: where each link leads, and the section marked there.
SECTIONS = {
    "Treaties": ("/treaties/", "Treaties"),
    "Participants": ("/participants/", "Participants"),
    "Notifications": ("/notifications/", "Notifications"),
    "Pending withdrawals": ("/withdrawals/pending/", "Pending withdrawals"),
    "Reasons": ("/reasons/", "Reasons"),
    "Reservations": ("/reservations/", "Reservations"),
    "Search": ("/search/", "Search"),
    "Data": ("/data/", "Data"),
}
# Each main page (from PAGES) and the section its navigation bar marks; none on the home page.
MAIN_PAGE_SECTIONS = {
    "home": None,
    "treaty-list": "Treaties",
    "treaty": "Treaties",
    "participant-list": "Participants",
    "participant": "Participants",
    "notification-list": "Notifications",
    "notification": "Notifications",
    "pending-withdrawals": "Pending withdrawals",
    "reasons": "Reasons",
    "reservations": "Reservations",
    "data": "Data",
    "changes": "Data",
}


def expect(actual):
    """Return Playwright's waiting assertions (imported here, so that a laptop without Playwright can skip)."""
    from playwright.sync_api import expect

    return expect(actual)


def test_a_researcher_follows_lithuanias_withdrawal_from_search_to_the_pending_list(page, site):
    page.goto(f"{site}/")
    page.get_by_label("Search the depositary notifications").fill("Lithuania")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/notifications/\?q=Lithuania$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Depositary notifications")

    page.locator(".results").get_by_role("link", name=LITHUANIA_WITHDRAWAL).click()
    expect(page).to_have_url(f"{site}/notifications/{LITHUANIA_WITHDRAWAL}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(LITHUANIA_WITHDRAWAL)

    # The footnote in the text cites Lithuania's ratification, which is not stored here.
    page.locator(".notification-text").get_by_role("link", name=LITHUANIA_RATIFICATION).click()
    expect(page).to_have_url(f"{site}/notifications/{LITHUANIA_RATIFICATION}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(LITHUANIA_RATIFICATION)
    expect(page.get_by_text("This site does not hold this notification")).to_be_visible()
    # What the citing notification says of it, in its words and attributed to it.
    citation = page.get_by_role("listitem").filter(has_text=LITHUANIA_WITHDRAWAL)
    expect(citation).to_contain_text(f"{LITHUANIA_RATIFICATION} of 12 May 2003 (Ratification: Lithuania)")
    expect(citation).to_contain_text(
        f"According to {LITHUANIA_WITHDRAWAL}: dated 12 May 2003; Ratification by Lithuania."
    )
    expect(page.get_by_role("link", name="French (PDF)")).to_have_attribute(
        "href", "https://treaties.un.org/doc/Publication/CN/2003/CN.381.2003-Frn.pdf"
    )

    page.get_by_role("link", name="Anti-Personnel Mine Ban Convention").click()
    expect(page).to_have_url(f"{site}/treaties/mine-ban-convention/")
    expect(page.get_by_role("heading", level=1)).to_have_text(MINE_BAN)
    # The table is paged alphabetically: the next page, then the table's own search, finds Lithuania.
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"[?&]page=2$"))
    page.get_by_label("Find a participant in this table").fill("lithuania")
    page.get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"[?&]participant=lithuania$"))
    expect(page.locator("table.participation").get_by_role("rowheader", name="Lithuania")).to_be_visible()
    # The table sorts by a column's header and keeps one status by a link, without JavaScript.
    page.get_by_role("columnheader", name="Signature").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"[?&]sort=signature(&|$)"))
    expect(page.get_by_role("columnheader", name="Signature")).to_have_attribute("aria-sort", "ascending")
    # A date never wraps, even on a phone: the date that opens the signature and in-force cells
    # of the first row lies on one line (a wrapped text gives one box a line).
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    lines = page.locator("table.participation tbody tr").first.locator("td").evaluate_all(
        """cells => [cells[1], cells[3]].map(cell => {
            const range = document.createRange();
            range.selectNodeContents(cell.firstChild);
            return [cell.firstChild.textContent, range.getClientRects().length];
        })"""
    )
    assert all(count == 1 for _, count in lines), lines
    page.set_viewport_size(size)
    page.get_by_role("link", name="Party", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]status=party(&|$)"))
    # Lithuania withdrew: it is no longer among the parties.
    expect(page.get_by_text("No participant in this table")).to_be_visible()

    page.goto(f"{site}/notifications/")
    page.get_by_label("Kind of act").select_option("withdrawal")
    page.get_by_label("Year of issue").fill("2025")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=withdrawal(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]year=2025(&|$)"))
    expect(page.locator(".result-count")).to_have_text("1 notification.")
    expect(page.locator(".results").get_by_role("link")).to_have_text([LITHUANIA_WITHDRAWAL])

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [row["reference"] for row in rows] == [LITHUANIA_WITHDRAWAL]
    assert rows[0]["participant"] == "Lithuania"
    assert rows[0]["kind"] == "Withdrawal or denunciation"
    assert rows[0]["date_issued"] == "2025-07-03"

    page.goto(f"{site}/withdrawals/pending/")
    pending = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Pending on")))
    page.get_by_label("Status as at").fill("2025-12-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?as_of=2025-12-01$"))
    expect(pending.get_by_role("heading", level=2)).to_have_text("Pending on 1 December 2025")
    expect(pending.get_by_role("rowheader", name="Lithuania")).to_be_visible()

    page.get_by_label("Status as at").fill("2026-03-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?as_of=2026-03-01$"))
    expect(pending).to_contain_text("No withdrawal is pending on 1 March 2026.")
    taken_effect = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Taken effect by")))
    lithuania_left = taken_effect.get_by_role("row").filter(has_text="Lithuania").filter(has_text="Mine Ban")
    expect(lithuania_left).to_contain_text("27 December 2025")


def test_each_page_fits_a_phone_and_a_laptop_and_has_no_accessibility_violations(page, site, subtests):
    # One test with a subtest per page and width: loading the data once takes longer than checking a page.
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, (path, status) in PAGES.items():
            with subtests.test(msg=f"{name} at {width} px"):
                url = f"{site}{path}"
                response = page.goto(url)
                assert response.status == status
                assert csp_violations(page) == [], f"{url}: the Content-Security-Policy blocked something"
                save_screenshot(page, f"{name}-{width}")
                overflow = horizontal_overflow(page)
                assert overflow <= 0, f"{url} is {overflow} px wider than a {width} px window"
                violations = axe_violations(page)
                assert not violations, describe_violations(url, violations)
                # axe leaves these to a person ("needs review"); a missing id is never right here.
                broken = broken_id_references(page)
                assert not broken, f"{url}: references to no element: {broken}"


def test_on_a_phone_every_section_is_one_tap_from_every_main_page_and_marked_there(page, site, subtests):
    page.set_viewport_size({"width": 390, "height": 844})
    sections = page.get_by_role("navigation", name="Sections")
    marked = sections.locator('[aria-current="page"]')
    for name, current in MAIN_PAGE_SECTIONS.items():
        for label, (path, lands_in) in SECTIONS.items():
            with subtests.test(msg=f"{label} from {name}"):
                page.goto(f"{site}{PAGES[name][0]}")
                expect(marked).to_have_text([current] if current else [])
                sections.get_by_role("link", name=label, exact=True).click()
                expect(page).to_have_url(f"{site}{path}")
                expect(marked).to_have_text([lands_in])
                # Marked for the eye too, not only for a screen reader.
                assert marked.evaluate("link => getComputedStyle(link).fontWeight") == "700"


def test_the_search_box_in_the_header_finds_a_notification_from_any_page(page, site):
    page.goto(f"{site}/treaties/mine-ban-convention/")
    page.get_by_role("search", name="Site").get_by_label("Search the site").fill("Lithuania")
    page.get_by_role("search", name="Site").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=Lithuania$"))
    expect(page.locator("#notifications .results").get_by_role("link", name=LITHUANIA_WITHDRAWAL)).to_be_visible()


def test_a_printed_page_shows_the_record_without_navigation_forms_pages_or_export_links(page, site):
    page.goto(f"{site}/treaties/?as_of=2025-12-01")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Pages")).to_be_hidden()
    expect(page.get_by_role("search", name="Site")).to_be_hidden()
    expect(page.get_by_label("Status as at")).to_be_hidden()
    expect(page.get_by_role("button", name="Show")).to_be_hidden()
    expect(page.get_by_role("link", name="CSV", exact=True)).to_be_hidden()
    # What the page is about stays: the day it shows and the table.
    expect(page.get_by_text("Status as at 1 December 2025.")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Sections")).to_be_visible()
