"""The charts as pages serve them: the treaty's participation curve and a participant's standing timeline."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.builders import make_act, make_participant, make_treaty
from tests.test_pages import PARTICIPANT_QUERIES, TREATY_QUERIES, make_world
from treaties.models import ActKind, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_is(monkeypatch):
    """Fix the day the treaty page's chart takes as today."""
    import datetime as real_datetime

    def freeze(day):
        class FrozenDate(real_datetime.date):
            @classmethod
            def today(cls):
                return cls(day.year, day.month, day.day)

        monkeypatch.setattr("treaties.views.date", FrozenDate)
        monkeypatch.setattr("config.forms.date", FrozenDate)

    return freeze


def wide_chart(html):
    """Return the wide layout's SVG of the participation curve."""
    return re.search(r'<svg [^>]*class="chart curve-chart chart-wide".*?</svg>', html, re.S).group(0)


def texts(svg, group):
    """Return the text labels of one group of the SVG (by its class)."""
    block = re.search(rf'<g class="[^"]*\b{group}\b[^"]*">(.*?)</g>', svg, re.S).group(1)
    return re.findall(r"<text[^>]*>([^<]*)</text>", block)


def test_a_pending_withdrawal_is_drawn_dashed_after_today_with_ticks_and_markers(
    client, today_is, django_assert_num_queries
):
    today_is(date(2025, 12, 1))
    treaty = make_world(12)

    with django_assert_num_queries(TREATY_QUERIES):
        response = client.get(f"/treaties/{treaty.slug}/")

    svg = wide_chart(response.text)
    # Twelve parties from 1999; six withdrawals take effect on 27 December 2025, after today.
    assert texts(svg, "y-ticks") == ["0", "2", "4", "6", "8", "10", "12"]
    assert texts(svg, "x-ticks") == ["2000", "2005", "2010", "2015", "2020", "2025"]
    assert re.search(r'<g class="marker today-marker">.*?>Today</text>', svg, re.S)
    assert re.search(r'<g class="marker horizon-marker">.*?>Record ends Jun 2026</text>', svg, re.S)
    assert 'class="line recorded"' in svg and 'class="line projected"' in svg
    assert ">Year</text>" in svg and ">Parties</text>" in svg
    assert "Dashed line: projected, after today" in response.text
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "12 today, 1 December 2025; 6 on 30 June 2026 once acts already notified take effect" in description
    assert "The same data is in the table" in description


def test_once_the_withdrawals_took_effect_nothing_is_dashed(client, today_is):
    today_is(date(2026, 11, 28))
    treaty = make_world(12)

    response = client.get(f"/treaties/{treaty.slug}/")

    svg = wide_chart(response.text)
    assert 'class="line recorded"' in svg
    assert 'class="line projected"' not in svg
    assert "Dashed line" not in response.text
    # After the horizon nothing is recorded: the plot runs on to today, the line stops at the marker.
    assert "6 on 30 June 2026, the last day recorded" in response.text
    assert "End of the record, 30 June 2026: nothing after it is drawn" in response.text


def test_a_treaty_with_no_party_has_no_chart(client, today_is):
    today_is(date(2025, 12, 1))
    treaty = make_treaty(horizon=date(2025, 6, 30))
    make_act(treaty=treaty, participant=make_participant(), kind=ActKind.SIGNATURE, date=date(1997, 12, 3))

    response = client.get(f"/treaties/{treaty.slug}/")

    assert response.status_code == 200
    assert "curve-chart" not in response.text


def test_a_participant_page_draws_its_standing_in_each_treaty_in_fixed_queries(client, django_assert_num_queries):
    make_world(2)
    other = make_treaty(number="6", slug="cluster-munitions", short_title="Cluster Munitions")
    make_act(treaty=other, participant=make_participant(name="Lithuania"), date=date(2011, 3, 24))
    make_act(treaty=other, participant=Participant.objects.get(slug="state-01"), date=date(2011, 3, 24))

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/state-01/", {"as_of": "2026-01-01"})

    svg = re.search(r'<svg [^>]*class="chart standing-chart chart-wide".*?</svg>', response.text, re.S).group(0)
    assert re.findall(r'class="row-label">([^<]*)<', svg) == ["XXVI.5", "XXVI.6"]
    bars = re.findall(r'class="bar bar-([a-z_]+)"', svg)
    # Ratified in January 1999, a party from the entry into force on 1 March; in the other
    # treaty, with no clause for later joiners recorded, a Contracting State.
    assert bars == ["signatory", "contracting_state", "party", "withdrawal_pending", "withdrawn", "contracting_state"]
    assert "Party, withdrawal pending from 27 June 2025 until 27 December 2025" in svg
    assert texts(svg, "x-ticks") == ["2000", "2005", "2010", "2015", "2020", "2025"]
    assert "<title" in svg and "<desc" in svg
    assert 'id="standing-withdrawal_pending"' in response.text  # the pattern the legend and bars fill with


def test_a_participants_standings_and_timeline_are_paged_together(client, monkeypatch):
    monkeypatch.setattr("treaties.views.STANDINGS_PER_PAGE", 1)
    lithuania = make_participant()
    for number in ("5", "6"):
        treaty = make_treaty(number=number)
        make_act(treaty=treaty, participant=lithuania, kind=ActKind.SIGNATURE, date=date(2008, 12, 3))

    first = client.get("/participants/lithuania/", {"page": "1"})
    second = client.get("/participants/lithuania/", {"page": "1", "treaties": "2"})

    for response, shown in ((first, "XXVI.5"), (second, "XXVI.6")):
        table = re.search(r"<table>.*?</table>", response.text, re.S).group(0)
        assert re.findall(r'<span class="key">([^<]*)<', table) == [shown]
        assert response.text.count('class="timeline-row"') == 2  # the page's one treaty, in each of the two layouts
        assert f'class="row-label">{shown}<' in response.text
    assert "2 treaties, 1 a page" in first.text
    assert "from 3 December 2008 to " in first.text and ": 1 of 2 treaties. Each bar" in first.text
    assert "The 1 treaty on page 1 of the table above, of 2 in all" in first.text
    assert 'href="?page=1&amp;treaties=2#standings-heading">Next</a>' in first.text
    assert 'href="?page=1&amp;treaties=1#standings-heading">Previous</a>' in second.text

    missing = client.get("/participants/lithuania/", {"treaties": "3"})

    assert missing.status_code == 404
    assert "There is no page 3: this list has 2 pages." in missing.text


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """Load the shipped curated data once for this module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_reference_data", curated_only=True, verbosity=0)
        yield
        transaction.set_rollback(True)


def test_the_mine_ban_curve_dashes_the_withdrawals_due_after_today(client, shipped, today_is):
    today_is(date(2025, 12, 1))

    response = client.get("/treaties/mine-ban-convention/")

    svg = wide_chart(response.text)
    assert texts(svg, "y-ticks") == ["0", "50", "100", "150", "200"]
    assert texts(svg, "x-ticks")[:2] == ["2000", "2005"]
    assert ">Today</text>" in svg and ">Record ends Feb 2026</text>" in svg
    projected = re.search(r'<path d="([^"]+)" class="line projected"', svg).group(1)
    # Withdrawals due before the horizon (20 February 2026) are steps down of the dashed line.
    assert projected.count("V") >= 1
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert description.startswith("Number of parties from 1 March 1999 to 20 February 2026")
    assert "once acts already notified take effect" in description


def test_the_lithuania_page_draws_its_mine_ban_standings(client, shipped):
    response = client.get("/participants/lithuania/", {"as_of": "2025-12-01"})

    svg = re.search(r'<svg [^>]*class="chart standing-chart chart-narrow".*?</svg>', response.text, re.S).group(0)
    assert "XXVI.5" in re.findall(r'class="row-label">([^<]*)<', svg)
    assert "Party, withdrawal pending from 27 June 2025 until 1 December 2025" in svg
