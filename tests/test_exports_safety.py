"""Exports are safe to open: no cell runs as a spreadsheet formula, no file name breaks a header."""

import csv
import io
import re
from datetime import date

import pytest
from django.test import RequestFactory

from config.exports import FORMULA_TRIGGERS, export
from notifications.models import DepositaryNotification, Theme
from tests.builders import make_act, make_notified_withdrawal, make_participant, make_treaty
from treaties.models import ActKind

pytestmark = pytest.mark.django_db

# One hostile string a field, so a cell that leaks names the field it came from.
TITLE = '=HYPERLINK("http://evil.example/","title")'
SHORT_TITLE = "+SUM(1,2)"
ARTICLE = "@SUM(A1:A9)"
PARTICIPANT = "-2+3+cmd|' /C calc'!A0"
OTHER_NAME = "\t=other name"
ACT_REFERENCE = "=act reference"
REFERENCE = "-1.2025.TREATIES-XXVI.5"
HEADING = "@HEADING"
LANGUAGE = "\r=language"
TEXT = "=text of the notification"
PASSAGE = "+passage"
THEME = "=theme"
# The hostile strings each CSV export must carry (neutralised) when it works.
CSV_EXPORTS = {
    "/treaties/?format=csv": [TITLE, SHORT_TITLE],
    "/treaties/hostile/?format=csv&as_of=2025-12-01": [PARTICIPANT, ARTICLE, REFERENCE],
    "/participants/?format=csv": [PARTICIPANT, OTHER_NAME],
    "/participants/hostile/?format=csv": [ACT_REFERENCE, REFERENCE],
    "/withdrawals/pending/?format=csv&as_of=2025-12-01": [PARTICIPANT, ARTICLE],
    "/notifications/?format=csv": [REFERENCE, HEADING, PARTICIPANT, LANGUAGE],
    f"/notifications/{REFERENCE}/?format=csv": [REFERENCE, HEADING, PARTICIPANT, LANGUAGE, TEXT, PASSAGE],
    "/reasons/?format=csv": [REFERENCE, PARTICIPANT, THEME, PASSAGE],
}


@pytest.fixture
def hostile_world():
    """Build one treaty, participant, withdrawal and notification whose every text field is hostile."""
    treaty = make_treaty(
        slug="hostile",
        title=TITLE,
        short_title=SHORT_TITLE,
        withdrawal_article=ARTICLE,
        withdrawal_period_count=6,
        withdrawal_period_unit="months",
        has_withdrawal_clause=True,
    )
    participant = make_participant(name=PARTICIPANT, slug="hostile")
    participant.other_names.create(name=OTHER_NAME)
    make_act(treaty=treaty, participant=participant, kind=ActKind.RATIFICATION, date=date(1999, 1, 4))
    make_notified_withdrawal(
        treaty=treaty,
        participant=participant,
        passage=PASSAGE,
        theme=Theme.objects.create(name=THEME, slug="theme"),
        act_fields={"reference": ACT_REFERENCE},
        reference=REFERENCE,
        heading=HEADING,
        original_language=LANGUAGE,
        text=f"{TEXT} {PASSAGE}",
    )


def csv_cells(response):
    """Return every cell of a streamed CSV response."""
    assert response.status_code == 200, response
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("url", CSV_EXPORTS)
def test_a_formula_in_any_exported_text_field_is_neutralised_in_csv(client, hostile_world, url):
    cells = csv_cells(client.get(url))

    assert [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)] == []
    for hostile in CSV_EXPORTS[url]:
        assert any(cell.startswith("'" + hostile) for cell in cells), f"{hostile!r} is not exported by {url}"


def test_a_formula_in_a_participant_name_is_neutralised_in_csv(client, hostile_world):
    response = client.get("/participants/?format=csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["name"] == "'" + PARTICIPANT


def test_json_exports_keep_the_text_exactly_as_written(client, hostile_world):
    response = client.get("/participants/?format=json")

    assert PARTICIPANT in b"".join(response.streaming_content).decode()


def test_negative_numbers_stay_numbers_in_csv():
    request = RequestFactory().get("/", {"format": "csv"})

    response = export(request, "numbers", ["days", "label"], [{"days": -3, "label": "-3"}])

    assert b"".join(response.streaming_content).decode().splitlines()[1] == "-3,'-3"


@pytest.mark.parametrize(
    "name",
    ['C.N.1.2025"; filename="evil.exe', "C.N.1.2025\r\nSet-Cookie: session=stolen", "../../etc/passwd", "\x00"],
)
def test_a_download_name_built_from_data_cannot_break_its_header(name):
    request = RequestFactory().get("/", {"format": "csv"})

    response = export(request, name, ["reference"], [{"reference": "C.N.1.2025"}])

    disposition = response["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="[A-Za-z0-9_][A-Za-z0-9._-]*\.csv"', disposition), disposition


def test_a_stored_reference_with_a_quote_downloads_under_a_safe_name(client, hostile_world):
    # Stored before references were checked on save: update() skips save().
    DepositaryNotification.objects.filter(reference=REFERENCE).update(reference='C.N.1.2025"evil')

    response = client.get('/notifications/C.N.1.2025"evil/', {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="C.N.1.2025_evil.json"'


def test_a_notifications_download_is_named_after_its_reference(client, hostile_world):
    response = client.get(f"/notifications/{REFERENCE}/", {"format": "csv"})

    assert response["Content-Disposition"] == f'attachment; filename="{REFERENCE}.csv"'
