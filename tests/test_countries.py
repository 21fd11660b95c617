"""Tests for participant names, their current forms and ISO codes."""

import csv
from pathlib import Path

import pycountry
import pytest

from treaties.countries import FORMER_NAMES, canonical_name, iso3_for, known_names

UNTC_2015 = Path(__file__).resolve().parent.parent / "treaties" / "data" / "untc-2015"

# The participant column of ../shared/data/ottawa/participants.csv (the Mine
# Ban Convention, 166 rows), copied here because that folder does not ship
# with the project. Its names are the UN's current short forms.
MINE_BAN_PARTICIPANTS = """
Afghanistan
Albania
Algeria
Andorra
Angola
Antigua and Barbuda
Argentina
Australia
Austria
Bahamas
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia (Plurinational State of)
Bosnia and Herzegovina
Botswana
Brazil
Brunei Darussalam
Bulgaria
Burkina Faso
Burundi
Cabo Verde
Cambodia
Cameroon
Canada
Central African Republic
Chad
Chile
Colombia
Comoros
Congo
Cook Islands
Costa Rica
Côte d'Ivoire
Croatia
Cyprus
Czechia
Democratic Republic of the Congo
Denmark
Djibouti
Dominica
Dominican Republic
Ecuador
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini
Ethiopia
Fiji
Finland
France
Gabon
Gambia
Germany
Ghana
Greece
Grenada
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Holy See
Honduras
Hungary
Iceland
Indonesia
Iraq
Ireland
Italy
Jamaica
Japan
Jordan
Kenya
Kiribati
Kuwait
Latvia
Lesotho
Liberia
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Mauritania
Mauritius
Mexico
Monaco
Montenegro
Mozambique
Namibia
Nauru
Netherlands (Kingdom of the)
New Zealand
Nicaragua
Niger
Nigeria
Niue
North Macedonia
Norway
Oman
Palau
Panama
Papua New Guinea
Paraguay
Peru
Philippines
Poland
Portugal
Qatar
Republic of Moldova
Romania
Rwanda
Saint Kitts and Nevis
Saint Lucia
Saint Vincent and the Grenadines
Samoa
San Marino
Sao Tome and Principe
Senegal
Serbia
Seychelles
Sierra Leone
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Sudan
Spain
Sri Lanka
State of Palestine
Sudan
Suriname
Sweden
Switzerland
Tajikistan
Thailand
Timor-Leste
Togo
Tonga
Trinidad and Tobago
Tunisia
Türkiye
Turkmenistan
Tuvalu
Uganda
Ukraine
United Kingdom of Great Britain and Northern Ireland
United Republic of Tanzania
Uruguay
Vanuatu
Venezuela (Bolivarian Republic of)
Yemen
Zambia
Zimbabwe
""".strip().splitlines()

# Organisations that are participants in some treaty in the 2015 tables; none
# is a country, so none has an ISO 3166-1 code.
ORGANISATIONS_IN_2015_TABLES = [
    "Andean Community",
    "Caribbean Community",
    "Common Market for Eastern and Southern Africa",
    "Council of Europe",
    "East African Community",
    "Economic Community of West African States",
    "Eurasian Economic Community",
    "European Union",
    "Food and Agriculture Organization of the United Nations",
    "International Atomic Energy Agency",
    "International Civil Aviation Organization",
    "International Criminal Police Organization",
    "International Labour Organisation",
    "International Maritime Organization",
    "International Telecommunication Union",
    "Organisation for the Prohibition of Chemical Weapons",
    "Organization of African Unity",
    "Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization",
    "Southern African Development Community",
    "United Nations",
    "United Nations Educational Scientific and Cultural Organization",
    "United Nations Industrial Development Organization",
    "Universal Postal Union",
    "West African Economic and Monetary Union",
    "World Health Organization",
    "World Intellectual Property Organization",
    "World Meteorological Organization",
]

# Each pair names one state: the UN's former (or abbreviated) form and its
# current short form.
FORMER_AND_CURRENT = [
    ("Czech Republic", "Czechia", "CZE"),
    ("Swaziland", "Eswatini", "SWZ"),
    ("The former Yugoslav Republic of Macedonia", "North Macedonia", "MKD"),
    ("Turkey", "Türkiye", "TUR"),
    ("Cape Verde", "Cabo Verde", "CPV"),
    ("Netherlands", "Netherlands (Kingdom of the)", "NLD"),
    ("St. Kitts and Nevis", "Saint Kitts and Nevis", "KNA"),
    ("St. Lucia", "Saint Lucia", "LCA"),
    ("St. Vincent and the Grenadines", "Saint Vincent and the Grenadines", "VCT"),
    ("Libyan Arab Jamahiriya", "Libya", "LBY"),
    ("Bolivia", "Bolivia (Plurinational State of)", "BOL"),
    ("Moldova", "Republic of Moldova", "MDA"),
]


def participant_names_in_2015_tables():
    """Return every participant name in the 2015 status tables."""
    names = set()
    for path in (UNTC_2015 / "treaties").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as file:
            rows = list(csv.reader(file))[1:]
        names.update(row[0].strip() for row in rows if row)
    return names


def test_every_mine_ban_participant_has_an_iso_code():
    assert len(MINE_BAN_PARTICIPANTS) == 166
    assert [name for name in MINE_BAN_PARTICIPANTS if iso3_for(name) is None] == []


def test_mine_ban_participants_already_use_their_current_names():
    assert [name for name in MINE_BAN_PARTICIPANTS if canonical_name(name) != name] == []


def test_every_mine_ban_participant_has_its_own_code():
    codes = [iso3_for(name) for name in MINE_BAN_PARTICIPANTS]

    assert len(set(codes)) == len(codes)


def test_only_organisations_lack_a_code_in_the_2015_tables():
    without_code = sorted(n for n in participant_names_in_2015_tables() if iso3_for(n) is None)

    assert without_code == ORGANISATIONS_IN_2015_TABLES


def test_no_two_current_names_in_the_2015_tables_share_a_code():
    by_code = {}
    for name in participant_names_in_2015_tables():
        code = iso3_for(name)
        if code is not None:
            by_code.setdefault(code, set()).add(canonical_name(name))

    assert {code: names for code, names in by_code.items() if len(names) > 1} == {}


@pytest.mark.parametrize(("former", "current", "code"), FORMER_AND_CURRENT)
def test_a_former_name_merges_with_the_current_one(former, current, code):
    assert canonical_name(former) == canonical_name(current) == current
    assert iso3_for(former) == iso3_for(current) == code


def test_the_alias_table_lists_exactly_the_former_names_tested():
    assert dict(FORMER_NAMES) == {former: current for former, current, _ in FORMER_AND_CURRENT}


def test_every_current_name_in_the_alias_table_has_a_code():
    assert [name for name in FORMER_NAMES.values() if iso3_for(name) is None] == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Türkiye", "TUR"),
        ("Czechia", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("State of Palestine", "PSE"),
        ("Holy See", "VAT"),
        ("Republic of Moldova", "MDA"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Syrian Arab Republic", "SYR"),
        ("United Republic of Tanzania", "TZA"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Eswatini", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("North Macedonia", "MKD"),
        ("Cook Islands", "COK"),
        ("Niue", "NIU"),
        ("United States of America", "USA"),
        ("Russian Federation", "RUS"),
        ("Viet Nam", "VNM"),
        ("Hong Kong", "HKG"),
        ("British Virgin Islands", "VGB"),
    ],
)
def test_it_finds_the_code_for_the_uns_spelling(name, code):
    assert iso3_for(name) == code


@pytest.mark.parametrize(
    "name",
    [
        "European Union",
        "European Community",
        "United Nations",
        # Former states: pycountry's withdrawn ISO 3166-3 codes are not used.
        "Yugoslavia",
        "Czechoslovakia",
        "German Democratic Republic",
        "Serbia and Montenegro",
        "Yugoslavia (former)",
        "Union of Soviet Socialist Republics",
        "",
    ],
)
def test_it_gives_no_code_to_organisations_and_former_states(name):
    assert iso3_for(name) is None


def test_it_takes_every_code_from_pycountry():
    assert pycountry.countries.get(alpha_3=iso3_for("Holy See")).name == "Holy See (Vatican City State)"


def test_it_normalises_whitespace_before_looking_a_name_up():
    assert canonical_name("  Czech\u00a0 Republic \n") == "Czechia"
    assert iso3_for(" Viet  Nam ") == "VNM"


def test_it_returns_unknown_names_unchanged_apart_from_whitespace():
    assert canonical_name("  Atlantis   Federation ") == "Atlantis Federation"


def test_known_names_hold_former_current_and_un_names_for_suggestions():
    names = known_names()

    assert {"Turkey", "Türkiye", "Bolivia (Plurinational State of)", "Burundi"} <= names
    assert "Burundii" not in names
