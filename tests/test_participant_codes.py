"""Participants carry the codes researchers merge on, from the code libraries, or say why they have none."""

import country_converter
import pycountry
import pytest
from countrycode import countrycode
from django.db import IntegrityError, transaction

from research import codes
from research.codes import Code, Kind, codes_for
from research.models import ParticipantCodes
from tests.builders import make_participant

# Renamed States, by the name the site uses and the one the UN used before.
RENAMED = [("Türkiye", "Turkey"), ("Czechia", "Czech Republic"), ("Eswatini", "Swaziland")]


@pytest.mark.parametrize("names", RENAMED)
def test_a_renamed_state_has_the_codes_the_libraries_give_under_either_name(names):
    current, former = names
    iso3 = pycountry.countries.lookup(current).alpha_3
    expected = (
        iso3,
        int(pycountry.countries.get(alpha_3=iso3).numeric),
        country_converter.convert(current, to="UNcode"),
        countrycode(current, origin="country.name", destination="cown"),
        countrycode(current, origin="country.name", destination="cowc"),
    )

    for name in names:
        found = codes_for(name)
        assert found.kind == Kind.COUNTRY
        assert tuple(getattr(found, code).value for code in codes.CODE_NAMES) == expected


def test_the_sample_holds_the_codes_a_researcher_would_look_up():
    assert codes_for("Türkiye") == codes.Codes(Kind.COUNTRY, Code("TUR"), Code(792), Code(792), Code(640), Code("TUR"))
    assert (codes_for("Czechia").cow_number.value, codes_for("Czechia").cow_abbreviation.value) == (316, "CZR")
    assert (codes_for("Eswatini").iso3.value, codes_for("Eswatini").cow_number.value) == ("SWZ", 572)
    # Germany's Correlates of War number is unified Germany's, not West Germany's 260.
    assert codes_for("Germany").cow_number.value == 255


@pytest.mark.parametrize(
    "name, withdrawn, cow",
    [
        ("Czechoslovakia", "CSK (200)", (315, "CZE")),
        ("Yugoslavia", "YUG (891)", (345, "YUG")),
        ("German Democratic Republic", "DDR (278)", (265, "GDR")),
        ("Union of Soviet Socialist Republics", "SUN (810)", (365, "RUS")),
    ],
)
def test_a_dissolved_state_carries_its_correlates_of_war_codes_and_says_why_it_has_no_iso_code(name, withdrawn, cow):
    found = codes_for(name)

    assert found.kind == Kind.FORMER_STATE
    assert (found.cow_number.value, found.cow_abbreviation.value) == cow
    assert cow == (
        countrycode(name, origin="country.name", destination="cown"),
        countrycode(name, origin="country.name", destination="cowc"),
    )
    # Not Czechia's, nor Russia's: a withdrawn code is named in the reason, never given as a current one.
    assert found.iso3.value is None and found.iso_numeric.value is None and found.m49.value is None
    assert f"its code {withdrawn} was withdrawn" in found.iso3.reason
    assert "no longer exists" in found.m49.reason


def test_a_state_the_cow_list_lacks_says_so():
    found = codes_for("Serbia and Montenegro")

    assert found.kind == Kind.FORMER_STATE
    assert found.cow_number == Code(
        None, "countrycode, the source of Correlates of War codes here, gives none for Serbia and Montenegro"
    )


def test_an_organisation_has_no_code_and_is_marked_as_one():
    found = codes_for("European Union")

    assert found.kind == Kind.ORGANISATION
    assert all(getattr(found, code).value is None for code in codes.CODE_NAMES)
    assert "international organisation" in found.cow_number.reason


def test_a_name_no_list_knows_is_unclassified_with_a_reason_until_an_editor_says_what_it_is():
    assert codes_for("Atlantis").kind == Kind.UNCLASSIFIED
    assert "no code list recognises the name 'Atlantis'" in codes_for("Atlantis").iso3.reason
    assert codes_for("Atlantis", kind=Kind.ORGANISATION).kind == Kind.ORGANISATION


def test_a_code_has_a_value_or_a_reason_never_both_or_neither():
    with pytest.raises(ValueError):
        Code(None)
    with pytest.raises(ValueError):
        Code("TUR", "because")


@pytest.mark.django_db
class TestStoredCodes:
    def test_saving_a_participant_stores_its_codes(self):
        participant = make_participant(name="Czechoslovakia")

        stored = ParticipantCodes.objects.get(participant=participant)
        assert (stored.kind, stored.iso3, stored.cow_number, stored.cow_abbreviation) == (
            "former_state",
            "",
            315,
            "CZE",
        )
        assert "CSK" in stored.iso3_reason

    def test_a_renamed_participant_gets_the_codes_of_its_new_name(self):
        participant = make_participant(name="Atlantis")
        participant.name, participant.iso3 = "Eswatini", ""
        participant.save()

        assert ParticipantCodes.objects.get(participant=participant).cow_number == 572

    def test_the_database_refuses_a_missing_code_without_a_reason(self):
        participant = make_participant(name="Türkiye")

        with pytest.raises(IntegrityError), transaction.atomic():
            ParticipantCodes.objects.filter(participant=participant).update(iso3="", iso3_reason="")

    def test_the_fill_command_fills_participants_created_in_bulk(self):
        from django.core.management import call_command

        from treaties.models import Participant

        Participant.objects.bulk_create([Participant(name="Eswatini", slug="eswatini", iso3="SWZ")])
        call_command("fill_participant_codes", verbosity=0)

        assert ParticipantCodes.objects.get(participant__slug="eswatini").m49 == 748

    def test_an_editor_says_what_an_unknown_participant_is_in_the_admin(self, client, editor):
        participant = make_participant(name="Atlantis")
        url = f"/admin/research/participantcodes/{participant.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200

        from tests.admin_forms import posted_back

        response = client.post(url, posted_back(page, kind_by_editor="organisation"))

        assert response.status_code == 302, response.content.decode()[:2000]
        stored = ParticipantCodes.objects.get(participant=participant)
        assert (stored.kind, stored.kind_by_editor) == ("organisation", "organisation")
        assert "international organisation" in stored.m49_reason

    def test_the_participant_page_shows_its_codes_and_links_its_research_data(self, client):
        make_participant(name="Türkiye", slug="turkiye")

        response = client.get("/participants/turkiye/")

        assert "UN M49 792 · Correlates of War 640 TUR" in response.text
        assert 'href="/data/panel/?participant=turkiye&amp;format=csv"' in response.text
