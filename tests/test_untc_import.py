"""The UN status tables of 14 March 2015 import whole, once, and never over the curated data."""

import shutil
from collections import Counter
from datetime import date
from functools import cache
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from notifications.models import QuotedPassage
from notifications.views import HOME_TREATIES
from tests.test_pages import HOME_QUERIES, TREATY_QUERIES
from treaties import countries, untc
from treaties.models import ActKind, DataLoad, Participant, ParticipantName, ParticipationAct, Treaty
from treaties.untc_import import UNTC_DIR

pytestmark = pytest.mark.django_db

# The one cell the curated data overrides: Trinidad and Tobago's 1980
# accession to the ICCPR's first Optional Protocol, before the 1998
# denunciation and re-accession that acts.toml records.
TRINIDAD_CONFLICT = "4-5.csv: Trinidad and Tobago, snapshot accession of 1980-11-14; curated accession of 1998-08-26"


@cache
def corpus():
    return untc.count_corpus(UNTC_DIR)


@cache
def tables():
    return untc.read_all_tables(UNTC_DIR)


def run(command="import_untc", **options):
    out = StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


def loaded_once(django_db_blocker, command):
    """Run a load once for a class, inside a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Each test's own transaction nests inside this one, as a savepoint.
        output = run(command, verbosity=2)
        yield output
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def snapshot(django_db_setup, django_db_blocker):
    yield from loaded_once(django_db_blocker, "import_untc")


@pytest.fixture(scope="class")
def snapshot_and_curated(django_db_setup, django_db_blocker):
    yield from loaded_once(django_db_blocker, "load_reference_data")


def listed(output, heading):
    """Return the indented lines under a heading of the command's output."""
    lines = output.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i, line in enumerate(lines[start:], start) if not line.startswith("  ")), len(lines))
    return [line.strip() for line in lines[start:end]]


def stored_acts():
    return set(
        ParticipationAct.objects.values_list("treaty__chapter", "treaty__number", "participant__name", "kind", "date")
    )


def corpus_acts():
    keys = {f"{entry.stem}.csv": entry for entry in untc.read_index(UNTC_DIR / "index.csv")}
    return {
        (keys[table.file].chapter, keys[table.file].number, row.canonical_name, cell.kind, cell.date)
        for table in tables()
        for row in table.rows
        for cell in row.cells
    }


def test_the_site_knows_every_kind_of_act_the_parser_yields():
    assert set(untc.KINDS) <= set(ActKind.values)


def test_an_import_that_fails_writes_nothing(tmp_path, monkeypatch):
    broken = tmp_path / "untc-2015"
    shutil.copytree(UNTC_DIR, broken)
    # The declarations come last, after every treaty and act is created.
    declarations = broken / "declarations" / "4-4.txt"
    declarations.write_text("Stray text before the first heading.\n" + declarations.read_text(encoding="utf-8"))
    monkeypatch.setattr("notifications.management.commands.import_untc.UNTC_DIR", broken)

    with pytest.raises(CommandError) as error:
        run()

    assert str(error.value) == f"Nothing was imported. {declarations}: text before the first #heading"
    assert not Treaty.objects.exists()
    assert not Participant.objects.exists()
    assert not ParticipationAct.objects.exists()
    assert not DataLoad.objects.exists()


@pytest.mark.usefixtures("snapshot")
class TestTheSnapshotAlone:
    def test_every_treaty_with_a_status_table_is_imported(self):
        mine_ban = Treaty.objects.by_key("XXVI.5").get()

        assert Treaty.objects.count() == corpus().treaties == 324
        assert set(Treaty.objects.values_list("origin", "horizon", "strength").distinct()) == {
            ("untc-2015", date(2015, 3, 14), "P")
        }
        assert (mine_ban.slug, mine_ban.sort_key, mine_ban.chapter_subject) == (
            "untc-xxvi-5",
            "026.0005",
            "Disarmament",
        )
        assert (mine_ban.adoption_place, mine_ban.adoption_date) == ("Oslo", date(1997, 9, 18))
        assert (
            mine_ban.sources
            == "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&lang=en"
        )
        assert Treaty.objects.by_key("XI.A.5").get().slug == "untc-xi-a-5"

    def test_acts_by_kind_match_the_source_files(self):
        stored = Counter(ParticipationAct.objects.values_list("kind", flat=True))

        assert stored == corpus().acts_by_kind
        assert stored.total() == 30740
        assert (stored["signature"], stored["ratification"], stored["accession"]) == (8901, 7360, 7090)
        assert (stored["succession"], stored["acceptance"], stored["application"]) == (1203, 3050, 1602)
        assert set(ParticipationAct.objects.values_list("origin", "strength").distinct()) == {("untc-2015", "P")}
        assert stored_acts() == corpus_acts()

    def test_each_participant_row_is_one_participant_on_its_treaty(self):
        rows_with_acts = sum(1 for table in tables() for row in table.rows if row.cells)

        assert ParticipationAct.objects.values("treaty", "participant").distinct().count() == rows_with_acts == 23136
        assert Participant.objects.count() == corpus().distinct_canonical_names == 229

    def test_the_iccpr_has_each_participant_of_its_table(self):
        iccpr = Treaty.objects.by_key("IV.4").get()

        assert iccpr.acts.values("participant").distinct().count() == 175
        assert iccpr.acts.consents().count() == 168

    def test_a_successor_state_is_recorded_by_succession_under_its_current_name(self):
        czechia = ParticipationAct.objects.get(treaty__chapter="IV", treaty__number="4", participant__name="Czechia")

        assert (czechia.kind, czechia.date) == (ActKind.SUCCESSION, date(1993, 2, 22))
        assert czechia.note == "From the UN Treaty Collection's status table as published on 14 March 2015."

    def test_former_names_become_other_names_of_one_participant(self, snapshot):
        czechia = Participant.objects.get(name="Czechia")
        turkiye = Participant.objects.get(name="Türkiye")

        assert list(czechia.other_names.values_list("name", flat=True)) == ["Czech Republic"]
        assert list(turkiye.other_names.values_list("name", flat=True)) == ["Turkey"]
        assert (czechia.iso3, turkiye.iso3, czechia.slug) == ("CZE", "TUR", "czechia")
        assert not Participant.objects.filter(name__in=["Czech Republic", "Turkey", "Cape Verde"]).exists()
        assert listed(snapshot, "Merged names:") == [
            "Bolivia -> Bolivia (Plurinational State of)",
            "Cape Verde -> Cabo Verde",
            "Czech Republic -> Czechia",
            "Netherlands -> Netherlands (Kingdom of the)",
            "St. Kitts and Nevis -> Saint Kitts and Nevis",
            "St. Lucia -> Saint Lucia",
            "St. Vincent and the Grenadines -> Saint Vincent and the Grenadines",
            "Swaziland -> Eswatini",
            "The former Yugoslav Republic of Macedonia -> North Macedonia",
            "Turkey -> Türkiye",
        ]
        assert ParticipantName.objects.count() == 10

    def test_rows_with_problems_are_reported_and_not_imported(self, snapshot):
        problems = listed(snapshot, "Problems (file, line, reason):")
        table_problems = [line for line in problems if ".csv, line" in line]

        assert len(table_problems) == corpus().problems == 398
        assert (
            "13-2.csv, line 2: column 'Definitive signature or acceptance of the Protocol' "
            "does not say which act a bare date is: '9 Dec 1948'" in problems
        )
        assert not ParticipationAct.objects.filter(
            treaty__chapter="XIII", treaty__number="2", participant__name="Australia"
        ).exists()

    def test_every_declaration_block_is_quoted_unless_reported(self, snapshot):
        reported = [line for line in listed(snapshot, "Problems (file, line, reason):") if ".txt, line" in line]
        non_empty = corpus().declaration_blocks - corpus().empty_declaration_blocks

        assert QuotedPassage.objects.count() == non_empty - len(reported) == 1195
        # The Optional Clause declarations (I.4): its table lists no dated act.
        assert len(reported) == 66
        assert all(line.startswith("1-4.txt, line ") for line in reported)

    def test_a_declaration_is_quoted_exactly_on_the_states_consent(self):
        passage = QuotedPassage.objects.get(
            act__treaty__chapter="IV", act__treaty__number="4", act__participant__name="Argentina"
        )

        assert passage.text == (
            "The Argentine Government states that the application of the second part of article 15 of the "
            "International Covenant on Civil and Political Rights shall be subject to the principle laid down in "
            "article 18 of the Argentine National Constitution."
        )
        assert (passage.act.kind, passage.act.date, passage.order) == (ActKind.RATIFICATION, date(1986, 8, 8), 3)
        assert passage.source_url == passage.act.treaty.sources

    def test_a_second_run_creates_nothing(self):
        before = {model: model.objects.count() for model in (Treaty, Participant, ParticipantName, ParticipationAct)}
        before[QuotedPassage] = QuotedPassage.objects.count()

        assert run() == "UN status tables already imported; nothing to do.\n"
        assert "Created: nothing." in run(force=True)
        assert {model: model.objects.count() for model in before} == before

    def test_a_treaty_page_keeps_its_query_count(self, client, django_assert_num_queries):
        # The table is paged by name: Czechia is on its second page.
        with django_assert_num_queries(TREATY_QUERIES):
            response = client.get("/treaties/untc-iv-4/", {"page": "2"})

        assert response.status_code == 200
        assert "Czechia" in response.text


@pytest.mark.usefixtures("snapshot_and_curated")
class TestTheSnapshotUnderTheCuratedData:
    def test_afghanistans_accession_stays_the_curated_act_with_no_duplicate(self):
        afghanistan = ParticipationAct.objects.filter(
            treaty__chapter="XXVI", treaty__number="5", participant__name="Afghanistan"
        )

        assert list(afghanistan.values_list("kind", "date", "origin")) == [("accession", date(2002, 9, 11), "curated")]

    def test_curated_treaties_are_left_as_they_were(self):
        mine_ban = Treaty.objects.by_key("XXVI.5").get()

        assert (mine_ban.slug, mine_ban.origin, mine_ban.horizon) == (
            "mine-ban-convention",
            "curated",
            date(2026, 2, 20),
        )
        assert Treaty.objects.filter(origin="curated").count() == 9
        assert Treaty.objects.filter(origin="untc-2015").count() == 324 - 8

    def test_every_snapshot_act_is_stored_once_but_the_one_in_conflict(self):
        trinidad = ("IV", "5", "Trinidad and Tobago", "accession", date(1980, 11, 14))

        assert corpus_acts() - stored_acts() == {trinidad}
        assert ParticipationAct.objects.filter(origin="untc-2015").count() == 30740 - 298 - 1

    def test_the_conflict_with_the_curated_data_is_reported(self, snapshot_and_curated):
        assert listed(snapshot_and_curated, "Conflicts with recorded acts (not imported):") == [TRINIDAD_CONFLICT]

    def test_there_is_one_participant_per_state_across_both_sources(self, snapshot_and_curated):
        assert list(Participant.objects.filter(name="Czechia").values_list("other_names__name", flat=True)) == [
            "Czech Republic"
        ]
        assert list(Participant.objects.filter(name="Türkiye").values_list("other_names__name", flat=True)) == [
            "Turkey"
        ]
        assert not Participant.objects.filter(name__in=countries.FORMER_NAMES).exists()
        assert Participant.objects.count() == 229
        assert "Czech Republic -> Czechia" in listed(snapshot_and_curated, "Merged names:")

    # The curated withdrawals make the home page run all its queries.
    def test_the_home_page_keeps_its_query_count(self, client, django_assert_num_queries):
        with django_assert_num_queries(HOME_QUERIES):
            response = client.get("/")

        assert response.status_code == 200
        assert f"{Treaty.objects.count()} treaties are covered; the {HOME_TREATIES} first" in response.text

    def test_a_changed_curated_date_is_reported_not_overwritten(self):
        accession = ParticipationAct.objects.get(
            treaty__chapter="XXVI", treaty__number="5", participant__name="Afghanistan", kind="accession"
        )
        accession.date = date(2002, 9, 12)
        accession.save()

        output = run(force=True, verbosity=2)

        assert listed(output, "Conflicts with recorded acts (not imported):") == [
            TRINIDAD_CONFLICT,
            "26-5.csv: Afghanistan, snapshot accession of 2002-09-11; curated accession of 2002-09-12",
        ]
        assert list(
            ParticipationAct.objects.filter(participant__name="Afghanistan", treaty=accession.treaty).values_list(
                "date", "origin"
            )
        ) == [(date(2002, 9, 12), "curated")]

    def test_a_second_run_creates_nothing(self):
        before = {model: model.objects.count() for model in (Treaty, Participant, ParticipantName, ParticipationAct)}
        before[QuotedPassage] = QuotedPassage.objects.count()

        output = run("load_reference_data")

        assert (
            output
            == "Reference data already loaded; nothing to do.\nUN status tables already imported; nothing to do.\n"
        )
        assert {model: model.objects.count() for model in before} == before
