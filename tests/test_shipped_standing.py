"""On the shipped data, every page tells the same, true story of who is a party, and when it cannot know.

The expected counts are worked out here from the UN's 2015 tables and each
treaty's own clause with plain date arithmetic, independently of the site's rules.
"""

import csv
import io
import json
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db import transaction

from treaties import untc
from treaties.models import Treaty
from treaties.untc_import import UNTC_DIR

pytestmark = pytest.mark.django_db

CONSENTS = {
    "ratification",
    "accession",
    "acceptance",
    "approval",
    "succession",
    "definitive_signature",
    "formal_confirmation",
}
# MTDSG key, the UN file, the treaty's own date, and its rule for later States.
CLAUSES = {
    "IV.11": ("4-11.csv", date(1990, 9, 2), relativedelta(days=30)),  # CRC art. 49(2)
    "IV.4": ("4-4.csv", date(1976, 3, 23), relativedelta(months=3)),  # ICCPR art. 49(2)
    "IV.9": ("4-9.csv", date(1987, 6, 26), relativedelta(days=30)),  # CAT art. 27(2)
}
DAYS = [date(1990, 9, 1), date(1990, 12, 31), date(1995, 6, 30), date(2000, 1, 1), date(2008, 7, 15), date(2015, 3, 14)]


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """Load the shipped data once for this module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_reference_data", verbosity=0)
        yield
        transaction.set_rollback(True)


def expected_parties(key, day):
    """Count the table's consents in force on `day` by the treaty's own clause (a successor from its notice)."""
    file, in_force, period = CLAUSES[key]
    count = 0
    for row in untc.read_treaty_table(UNTC_DIR / "treaties" / file).rows:
        consents = [cell for cell in row.cells if cell.kind in CONSENTS]
        if not consents:
            continue
        consent = min(consents, key=lambda cell: cell.date)
        bound = consent.date if consent.kind == "succession" else consent.date + period
        count += max(bound, in_force) <= day
    return count


def treaty_list(client, day):
    response = client.get("/treaties/", {"as_of": day.isoformat(), "format": "json"})
    return {row["mtdsg"]: row for row in json.loads(b"".join(response.streaming_content))}


@pytest.mark.usefixtures("shipped")
class TestPartiesAgreeWithTheTreatiesOwnClauses:
    @pytest.mark.parametrize("key", sorted(CLAUSES))
    def test_the_list_the_page_the_curve_and_the_export_give_the_clauses_count(self, client, key):
        treaty = Treaty.objects.by_key(key).get()
        for day in DAYS:
            expected = expected_parties(key, day)

            listed = treaty_list(client, day)[key]
            page = client.get(f"/treaties/{treaty.slug}/", {"as_of": day.isoformat()})
            exported = client.get(f"/treaties/{treaty.slug}/", {"as_of": day.isoformat(), "format": "csv"})
            rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
            on_curve = [count for changed, count in page.context["curve"] if changed <= day]

            assert listed["parties"] == expected, (key, day)
            assert page.context["counts"].parties == expected, (key, day)
            assert page.context["counts"].parties_known
            assert (on_curve[-1] if on_curve else 0) == expected, (key, day)
            assert sum(row["status"].startswith("Party") for row in rows) == expected, (key, day)

    def test_the_crc_had_its_twenty_first_parties_on_the_day_it_entered_into_force(self, client):
        before = treaty_list(client, date(1990, 9, 1))["IV.11"]
        on_the_day = treaty_list(client, date(1990, 9, 2))["IV.11"]

        assert (before["parties"], before["contracting_states"] >= 20) == (0, True)
        assert on_the_day["parties"] == expected_parties("IV.11", date(1990, 9, 2)) > 0


@pytest.mark.usefixtures("shipped")
class TestUnknownIsNeverZero:
    def test_no_treaty_shows_zero_parties_while_its_entry_into_force_is_unrecorded(self, client):
        for key, row in treaty_list(client, date(2015, 3, 14)).items():
            treaty = Treaty.objects.by_key(key).get()
            if treaty.in_force == "unknown" and row["contracting_states"]:
                assert row["parties"] is None, key
                assert (row["parties_at_least"], row["parties_at_most"]) == (0, row["contracting_states"]), key

    def test_an_unrecorded_treaty_says_unknown_with_its_reason(self, client):
        treaty = Treaty.objects.filter(in_force="unknown", origin="untc-2015").first()

        response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2015-03-14"})

        assert "The number of parties is unknown" in response.text
        assert "own date of entry into force is not recorded" in response.text
        assert "Contracting State, entry into force not known" in response.text

    def test_the_ctbt_is_said_to_be_not_in_force_with_no_unknowns(self, client):
        row = treaty_list(client, date(2015, 3, 14))["XXVI.4"]

        assert (row["in_force"], row["parties"], row["parties_at_most"]) == ("not_in_force", 0, 0)
        assert row["contracting_states"] > 100


@pytest.mark.usefixtures("shipped")
class TestEachRecordSaysHowFarItReaches:
    def test_a_2015_treaty_asked_about_today_answers_for_its_horizon_and_says_so(self, client):
        response = client.get("/treaties/untc-iv-11/", {"as_of": "2026-11-27"})

        assert "Participation as recorded on 14 March 2015; later acts not recorded." in response.text
        assert "Participation on 14 March 2015, as recorded" in response.text
        assert "Participation on 27 November 2026" not in response.text
        assert response.context["table_day"] == date(2015, 3, 14)

    def test_the_treaty_list_shows_each_treatys_horizon_and_reads_its_counts_there(self, client):
        today = treaty_list(client, date(2026, 11, 27))
        then = treaty_list(client, date(2015, 3, 14))

        assert today["IV.11"]["horizon"] == "2015-03-14"
        assert today["IV.11"]["read_on"] == "2015-03-14"
        assert today["IV.11"]["parties"] == then["IV.11"]["parties"]

    def test_a_treaty_with_only_some_acts_gives_no_counts(self, client):
        row = treaty_list(client, date(2026, 11, 27))["XXVII.7.d"]
        page = client.get("/treaties/paris-agreement/")

        assert (row["participation_recorded"], row["parties"], row["signatories"]) == ("partial", None, None)
        assert "The participation table of this treaty is not recorded" in page.text
        assert "United States of America" in page.text
        assert "Parties over time" not in page.text

    def test_hungarys_revoked_withdrawal_shows_as_revoked_and_never_as_taking_effect(self, client):
        rome = client.get("/treaties/rome-statute/", {"as_of": "2026-11-27"})
        pending = client.get("/withdrawals/pending/", {"as_of": "2026-11-27"})
        exported = client.get("/withdrawals/pending/", {"as_of": "2026-11-27", "format": "csv"})

        (hungary,) = [span for span in rome.context["later"] if span.participant.name == "Hungary"]
        assert (hungary.standing, hungary.revoked_withdrawal_on) == ("party", date(2026, 5, 29))
        assert hungary.since == date(2002, 7, 1)  # a party since the Statute entered into force for it
        assert "Hungary</a>: Party since 1 July 2002" in rome.text
        summary = "Hungary</a>: <strong>revoked</strong> 29 May 2026, so it never took effect (notified 2 June 2025)"
        assert summary in rome.text
        assert "Hungary" not in [entry.act.participant.name for entry in pending.context["pending"]]
        assert "Hungary" in [entry.act.participant.name for entry in pending.context["revoked"]]
        rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
        (row,) = [row for row in rows if row["participant"] == "Hungary"]
        assert (row["state"], row["revoked"], row["due"]) == ("revoked", "2026-05-29", "")

    def test_the_mine_ban_counts_agree_everywhere_on_a_day_within_its_horizon(self, client):
        day = date(2025, 12, 1)
        listed = treaty_list(client, day)["XXVI.5"]
        page = client.get("/treaties/mine-ban-convention/", {"as_of": day.isoformat()})

        assert (listed["signatories"], listed["contracting_states"], listed["parties"]) == (133, 166, 166)
        assert page.context["counts"].parties == 166
        pending = [note.participant.name for note in page.context["withdrawals"] if note.pending]
        assert listed["pending_withdrawals"] == len(pending) == 5

    def test_a_treaty_page_sums_up_who_withdrew_and_when(self, client):
        mine_ban = client.get("/treaties/mine-ban-convention/")
        rome_2017 = client.get("/treaties/rome-statute/", {"as_of": "2017-01-01"})

        summary = {note.participant.name: note for note in mine_ban.context["withdrawals"]}
        lithuania = summary["Lithuania"]
        assert (lithuania.notified, lithuania.took_effect) == (date(2025, 6, 27), date(2025, 12, 27))
        assert summary["Poland"].took_effect == date(2026, 2, 20)
        assert "Lithuania</a>: <strong>took effect</strong> 27 December 2025 (notified 27 June 2025)" in mine_ban.text
        # Read as far as each participant's record reaches, beyond the Statute's 2015 table.
        pending = [note.participant.name for note in rome_2017.context["withdrawals"] if note.pending]
        assert pending == ["South Africa", "Burundi", "Gambia"]  # soonest due first
        assert "Gambia</a>: <strong>pending</strong>, notified 10 November 2016, takes effect 10 November 2017" in (
            rome_2017.text
        )
