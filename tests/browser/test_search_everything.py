"""One search for everything, in a real browser: each kind of term finds its record in its group."""

import re
from datetime import date

import pytest

from tests.browser.checks import axe_violations, broken_id_references, describe_violations, save_screenshot
from tests.browser.test_journeys import LITHUANIA_WITHDRAWAL, expect

pytestmark = pytest.mark.browser

# Argentina's declaration on the ICCPR (IV.4), from the UN status page of 14 March
# 2015; the curated data the live server holds has no UN declarations, so the
# test adds this one, on Argentina's ratification of 8 August 1986.
ARGENTINA_DECLARATION = (
    "The Argentine Government states that the application of the second part of article 15 of the International"
    " Covenant on Civil and Political Rights shall be subject to the principle laid down in article 18 of the"
    " Argentine National Constitution."
)

# What a researcher types, the group it should land in, and a link that group shows.
SEARCHES = [
    ("Ottawa", "treaties", "Anti-Personnel Mine Ban Convention"),
    ("Rome Statute", "treaties", "Rome Statute"),
    ("XXVI.5", "treaties", "Anti-Personnel Mine Ban Convention"),
    ("Hungary", "participants", "Hungary"),
    ("CN.362.2025", "notifications", LITHUANIA_WITHDRAWAL),
    ("c.n.362.2025.treaties-xxvi.5", "notifications", LITHUANIA_WITHDRAWAL),
    ("fatigue", "reasons", LITHUANIA_WITHDRAWAL),
    ("Constitution", "reservations", "Argentina"),
]


@pytest.fixture
def argentina_declaration(site):
    from notifications.models import QuotedPassage
    from treaties.models import ActKind, Participant, ParticipationAct, Strength, Treaty

    argentina, _ = Participant.objects.get_or_create(name="Argentina", defaults={"slug": "argentina"})
    ratification = ParticipationAct.objects.create(
        treaty=Treaty.objects.by_key("IV.4").get(),
        participant=argentina,
        kind=ActKind.RATIFICATION,
        date=date(1986, 8, 8),
        strength=Strength.PRIMARY,
    )
    QuotedPassage.objects.create(
        act=ratification,
        order=1,
        text=ARGENTINA_DECLARATION,
        source_url="http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-4&chapter=4&lang=en",
    )


@pytest.mark.usefixtures("argentina_declaration")
def test_each_kind_of_term_lands_in_its_group_on_an_accessible_page(page, site, subtests):
    for typed, kind, link in SEARCHES:
        with subtests.test(msg=typed):
            page.goto(f"{site}/search/")
            form = page.locator("main").get_by_role("search")
            form.get_by_label("Search everything").fill(typed)
            form.get_by_role("button", name="Search").click()
            expect(page).to_have_url(re.compile(r"/search/\?q="))

            group = page.locator(f"section#{kind}")
            expect(group.get_by_role("link", name=link, exact=True).first).to_be_visible()
            expect(group.locator(".result-count")).to_contain_text("match")

            save_screenshot(page, f"search-{kind}-{re.sub(r'[^a-z0-9]+', '-', typed.lower())}")
            violations = axe_violations(page)
            assert not violations, describe_violations(page.url, violations)
            assert not broken_id_references(page), f"{page.url}: references to no element"


def test_a_too_long_search_is_explained_beside_the_box(page, site):
    response = page.goto(f"{site}/search/?q={'mine+' * 200}")

    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Search for at most 300 characters")
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)
