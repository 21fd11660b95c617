"""The rows of the notifications and reasons lists: what each says, escaped, with or without a treaty or a date."""


import pytest

from notifications.models import QuotedPassage, Theme
from tests.builders import make_notification, make_participant, make_treaty

pytestmark = pytest.mark.django_db


def test_a_notification_row_gives_its_reference_heading_treaty_and_dates_escaped(client):
    treaty = make_treaty()
    make_notification(treaty=treaty, heading="A <b>bold</b> heading & more")
    make_notification(
        treaty=make_treaty(number="6", short_title=""),
        reference="C.N.5.2024.TREATIES-XXVI.6",
        date_effected=None,
        heading="Not yet effected",
    )

    response = client.get("/notifications/", {"sort": "reference"})

    assert response.status_code == 200
    assert (
        '<p><a href="/notifications/C.N.362.2025.TREATIES-XXVI.5/" class="reference">C.N.362.2025.TREATIES-XXVI.5</a>'
        " — A &lt;b&gt;bold&lt;/b&gt; heading &amp; more</p>\n"
        '    <p class="meta">Mine Ban Convention · effected 27 June 2025 · issued 3 July 2025</p>' in response.text
    )
    # No short title: the full title; no date effected: none said.
    assert '— Not yet effected</p>\n    <p class="meta">Convention on the Prohibition' in response.text
    assert "their Destruction · issued 3 July 2025</p>" in response.text
    assert "<b>bold</b>" not in response.text


def test_a_reason_row_gives_its_words_whose_where_and_its_themes(client):
    notification = make_notification(treaty=make_treaty(), participant=make_participant(name="Lithuania"))
    passage = QuotedPassage.objects.create(notification=notification, order=1, text="Security <has>\ndeteriorated")
    themes = [Theme.objects.create(name="Security", slug="security"), Theme.objects.create(name="A & B", slug="a-b")]
    passage.themes.add(*themes)
    unnamed = make_notification(treaty=notification.treaty, reference="C.N.5.2024.TREATIES-XXVI.5", date_issued=None)
    QuotedPassage.objects.create(notification=unnamed, order=2, text="Nobody named")

    response = client.get("/reasons/")

    assert response.status_code == 200
    assert "<blockquote>Security &lt;has&gt;<br>deteriorated</blockquote>" in response.text
    assert (
        '<figcaption>Lithuania, <a href="/notifications/C.N.362.2025.TREATIES-XXVI.5/#passage-1">'
        "C.N.362.2025.TREATIES-XXVI.5</a>, 3 July 2025 · A &amp; B, Security</figcaption>" in response.text
    )
    assert '<figcaption>, <a href="/notifications/C.N.5.2024.TREATIES-XXVI.5/#passage-2">' in response.text
