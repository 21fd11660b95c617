"""Reservations and declarations in a real browser: on a treaty's page, a participant's page, and their own list."""

import re
import shutil

import pytest

from tests.browser.checks import axe_violations, broken_id_references, describe_violations, save_screenshot
from tests.browser.test_journeys import expect

pytestmark = pytest.mark.browser

AUSTRALIA_RESERVATION = "Australia makes the reservation that the provision of compensation for miscarriage of justice"


@pytest.fixture
def iccpr_site(site, tmp_path):
    """Add the ICCPR's UN status table and declarations of 14 March 2015 to the curated data; return the URL."""
    from notifications.untc_declarations import import_declarations
    from treaties.untc_import import UNTC_DIR, import_status_tables

    # The importers read every treaty of the folder: this one holds only the ICCPR's files.
    folder = tmp_path / "untc-2015"
    for name in ["index.csv", "treaties/4-4.csv", "declarations/4-4.txt"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(UNTC_DIR / name, folder / name)
    report = import_status_tables(folder)
    import_declarations(report, folder)
    return site


def test_a_treatys_and_a_participants_declarations_are_shown_and_lead_to_the_list(page, iccpr_site):
    page.goto(f"{iccpr_site}/treaties/iccpr/")
    section = page.locator("section", has=page.get_by_role("heading", name="Reservations and declarations"))
    expect(section).to_contain_text(re.compile(r"The first 20 of \d+ passages"))
    section.get_by_text("Australia (1)").click()
    expect(section.get_by_text(AUSTRALIA_RESERVATION)).to_be_visible()
    expect(section.locator("figcaption").filter(has_text="Australia")).to_have_count(0)
    expect(section.get_by_role("link", name="UN Treaty Collection status page, 14 March 2015").first).to_be_visible()

    section.get_by_role("link", name=re.compile(r"^All \d+, with filters and data$")).click()
    expect(page).to_have_url(f"{iccpr_site}/reservations/?treaty=iccpr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reservations, declarations and objections")
    page.get_by_label("Participant").fill("Australia")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".result-count")).to_have_text("1 passage.")
    expect(page.get_by_text(AUSTRALIA_RESERVATION)).to_be_visible()

    page.goto(f"{iccpr_site}/participants/australia/")
    section = page.locator("section", has=page.get_by_role("heading", name="Reservations and declarations"))
    section.get_by_text(re.compile(r"^ICCPR \(IV\.4\) \(1\)$")).click()
    expect(section.get_by_text(AUSTRALIA_RESERVATION)).to_be_visible()
    expect(section).to_contain_text("13 August 1980 (date of the ratification it is listed with)")


PAGES = {
    "reservations": ("/reservations/", 200),
    "reservations-filtered": ("/reservations/?treaty=IV.4&kind=reservation_or_declaration", 200),
    "reservations-errors": ("/reservations/?treaty=no-such-treaty&kind=bogus", 400),
    "treaty-reservations": ("/treaties/iccpr/", 200),
    "participant-reservations": ("/participants/australia/", 200),
}


def test_the_reservations_pages_have_no_accessibility_violations(page, iccpr_site, subtests):
    # One test with a subtest per page: loading the data once takes longer than checking a page.
    for name, (path, status) in PAGES.items():
        with subtests.test(msg=name):
            url = f"{iccpr_site}{path}"
            response = page.goto(url)
            assert response.status == status
            # Open every group, so that axe checks the passages too.
            page.evaluate("() => document.querySelectorAll('details').forEach((group) => { group.open = true; })")
            save_screenshot(page, name)
            violations = axe_violations(page)
            assert not violations, describe_violations(url, violations)
            assert broken_id_references(page) == []
