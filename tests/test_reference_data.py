"""The shipped reference data loads whole, exactly, once."""

import csv
import shutil
import tomllib
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage
from treaties import countries
from treaties.curated import CURATED_DIR
from treaties.models import ActKind, Participant, ParticipationAct, Treaty

pytestmark = pytest.mark.django_db

NOTIFICATIONS_DIR = CURATED_DIR.parent.parent.parent / "notifications" / "data"


def load(**options):
    out = StringIO()
    call_command("load_reference_data", stdout=out, curated_only=True, **options)
    return out.getvalue()


def read_toml(path):
    with path.open("rb") as handle:
        return tomllib.load(handle)


def mine_ban_rows():
    with (CURATED_DIR / "mine-ban-participants.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def loaded():
    load()


def test_the_mine_ban_table_has_every_signatory_and_party():
    rows = mine_ban_rows()

    assert len(rows) == 166
    assert sum(1 for row in rows if row["signature_date"]) == 133
    assert sum(1 for row in rows if row["consent_date"]) == 166
    assert sorted(row["participant"] for row in rows if row["withdrawal_received"]) == [
        "Estonia",
        "Finland",
        "Latvia",
        "Lithuania",
        "Poland",
    ]


def test_counts_on_the_loaded_database_match_the_source_files(loaded):
    rows = mine_ban_rows()
    cases = read_toml(CURATED_DIR / "acts.toml")["act"]
    notifications = read_toml(NOTIFICATIONS_DIR / "notifications.toml")["notification"]
    table_acts = sum(
        1 for row in rows for column in ("signature_date", "consent_date", "withdrawal_received") if row[column]
    )
    names = {row["participant"] for row in rows} | {case["participant"] for case in cases}

    assert Treaty.objects.count() == len(read_toml(CURATED_DIR / "treaties.toml")["treaty"])
    assert ParticipationAct.objects.count() == table_acts + len(cases)
    assert (
        ParticipationAct.objects.filter(treaty__chapter="XXVI", treaty__number="5")
        .exclude(kind=ActKind.SUSPENSION)
        .count()
        == table_acts
    )
    assert Participant.objects.count() == len({countries.canonical_name(name) for name in names})
    assert DepositaryNotification.objects.count() == len(notifications)
    assert QuotedPassage.objects.count() == sum(len(entry.get("passage", [])) for entry in notifications)
    assert NotificationReference.objects.count() == sum(len(entry.get("citation", [])) for entry in notifications)


def test_a_second_run_loads_nothing_twice(loaded):
    before = {model: model.objects.count() for model in (Treaty, Participant, ParticipationAct, QuotedPassage)}

    assert "already loaded" in load()
    load(force=True)

    assert {model: model.objects.count() for model in before} == before


def test_a_file_that_fails_to_load_writes_nothing(tmp_path, monkeypatch):
    broken = tmp_path / "curated"
    shutil.copytree(CURATED_DIR, broken)
    table = broken / "mine-ban-participants.csv"
    # Poland's withdrawal, made to take effect before it was received.
    table.write_text(table.read_text(encoding="utf-8").replace("2026-02-20", "2025-02-20"), encoding="utf-8")
    monkeypatch.setattr("notifications.management.commands.load_reference_data.CURATED_DIR", broken)

    with pytest.raises(CommandError) as error:
        load()

    assert "Nothing was loaded. mine-ban-participants.csv:" in str(error.value)
    assert "withdrawal takes effect before it was received" in str(error.value)
    assert not Treaty.objects.exists()
    assert not ParticipationAct.objects.exists()


def test_lithuanias_withdrawal_is_loaded_with_its_notification(loaded):
    withdrawal = ParticipationAct.objects.get(
        participant__name="Lithuania", kind=ActKind.WITHDRAWAL, treaty__chapter="XXVI", treaty__number="5"
    )

    assert withdrawal.treaty.key == "XXVI.5"
    assert (withdrawal.date, withdrawal.effective_date) == (date(2025, 6, 27), date(2025, 12, 27))
    assert (withdrawal.strength, withdrawal.effective_strength) == ("P", "P")
    assert withdrawal.reference == "C.N.362.2025.TREATIES-XXVI.5"
    assert [n.reference for n in withdrawal.notifications.all()] == ["C.N.362.2025.TREATIES-XXVI.5"]


def test_the_notification_keeps_its_text_and_each_quoted_reason(loaded):
    notification = DepositaryNotification.objects.get(reference="C.N.362.2025.TREATIES-XXVI.5")
    passages = list(notification.passages.all())

    assert notification.heading == "LITHUANIA: NOTIFICATION OF WITHDRAWAL"
    assert (notification.date_effected, notification.date_issued) == (date(2025, 6, 27), date(2025, 7, 3))
    assert (notification.cn_number, notification.cn_year, notification.reference_chapter) == (362, 2025, "XXVI")
    assert len(passages) == 6
    assert all(passage.text in notification.text for passage in passages)
    assert passages[0].text.startswith("Since Lithuania became a State Party to the Convention in 2003")
    assert {theme.slug for theme in passages[3].themes.all()} == {"ihl-commitment"}


def test_the_footnote_cites_lithuanias_ratification_which_is_not_stored(loaded):
    citation = NotificationReference.objects.get()

    assert citation.reference == "C.N.381.2003.TREATIES-XXVI.5"
    assert citation.target is None


def test_ukraines_suspension_is_recorded_and_is_not_a_withdrawal(loaded):
    ukraine = ParticipationAct.objects.filter(participant__name="Ukraine", treaty__number="5", treaty__chapter="XXVI")

    assert ukraine.filter(kind=ActKind.SUSPENSION, date=date(2025, 7, 18)).exists()
    assert not ukraine.filter(kind=ActKind.WITHDRAWAL).exists()


def test_a_participant_is_found_under_its_former_name(loaded):
    turkiye = Participant.objects.get(other_names__name="Turkey")

    assert turkiye.name == "Türkiye"
    assert turkiye.iso3 == "TUR"


def test_the_mine_ban_conventions_clauses_are_stored_as_data(loaded):
    treaty = Treaty.objects.by_key("XXVI.5").get()

    assert treaty.entry_into_force == date(1999, 3, 1)
    assert (treaty.withdrawal_period_count, treaty.withdrawal_period_unit) == (6, "months")
    assert treaty.withdrawal_condition.startswith("If, however, on the expiry of that six-month period")
    assert treaty.withdrawal_text.startswith("3. Such withdrawal shall only take effect six months after")
    assert (treaty.entry_into_force_period_count, treaty.entry_into_force_snap) == (6, "month_start")


def test_the_iccpr_is_stored_without_a_withdrawal_clause(loaded):
    iccpr = Treaty.objects.by_key("IV.4").get()

    assert not iccpr.has_withdrawal_clause
    assert iccpr.withdrawal_period_count is None
