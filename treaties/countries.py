"""Participant names as the UN writes them, their current forms and ISO codes.

No Django imports: the importer, the models and the tests all call this.

Rules:
- `canonical_name` maps a name the UN used in older status tables (the 2015
  scrape) to the UN's current short form, the one the site shows.
- `iso3_for` returns the ISO 3166-1 alpha-3 code from pycountry, never from a
  literal table. Participants that are not current countries get None:
  the European Union and other international organisations, and states that
  no longer exist (Yugoslavia, Czechoslovakia, the German Democratic Republic,
  Serbia and Montenegro, the USSR...). pycountry.historic_countries lists some
  of those under ISO 3166-3 codes (YUG, CSK, DDR, SCG, SUN), but those codes
  are withdrawn, one of them (YUG) covered two different federations, and the
  UN's tables do not say which one a row means; so we deliberately do not
  consult historic_countries, and a former state has no code.
"""

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import pycountry

# Names found in the UN's 2015 status tables, mapped to the UN's current
# short form (the spelling used by the curated Mine Ban table). Some are
# renamings (Swaziland, Turkey), some are older or abbreviated spellings of
# the same name (St. Lucia, Bolivia, Moldova); both must merge into one
# participant.
FORMER_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "Bolivia": "Bolivia (Plurinational State of)",
        "Cape Verde": "Cabo Verde",
        "Czech Republic": "Czechia",
        "Libyan Arab Jamahiriya": "Libya",
        "Moldova": "Republic of Moldova",
        "Netherlands": "Netherlands (Kingdom of the)",
        "St. Kitts and Nevis": "Saint Kitts and Nevis",
        "St. Lucia": "Saint Lucia",
        "St. Vincent and the Grenadines": "Saint Vincent and the Grenadines",
        "Swaziland": "Eswatini",
        "The former Yugoslav Republic of Macedonia": "North Macedonia",
        "Turkey": "Türkiye",
    }
)

# Current UN short forms that pycountry spells differently, mapped to the
# country's alpha-2 code; the alpha-3 code still comes from pycountry.
_UN_NAME_TO_ALPHA_2: Mapping[str, str] = MappingProxyType(
    {
        "Bolivia (Plurinational State of)": "BO",
        "Democratic Republic of the Congo": "CD",
        "Holy See": "VA",
        "Iran (Islamic Republic of)": "IR",
        "Micronesia (Federated States of)": "FM",
        "Netherlands (Kingdom of the)": "NL",
        "Republic of Korea": "KR",
        "State of Palestine": "PS",
        "Venezuela (Bolivarian Republic of)": "VE",
        # pycountry's name is "Virgin Islands, British".
        "British Virgin Islands": "VG",
    }
)

_PYCOUNTRY_NAME_FIELDS = ("name", "official_name", "common_name")


def normalise_whitespace(name: str) -> str:
    """Return the name with runs of whitespace collapsed to single spaces."""
    return " ".join(name.split())


def canonical_name(name: str) -> str:
    """Return the name the site uses today for a participant."""
    name = normalise_whitespace(name)
    return FORMER_NAMES.get(name, name)


def iso3_for(name: str) -> str | None:
    """Return the ISO 3166-1 alpha-3 code for a participant, or None."""
    return _iso3_for_canonical(canonical_name(name))


@cache
def _iso3_for_canonical(name: str) -> str | None:
    """Return the alpha-3 code for a current UN short form, or None."""
    alpha_2 = _UN_NAME_TO_ALPHA_2.get(name)
    if alpha_2 is not None:
        return pycountry.countries.get(alpha_2=alpha_2).alpha_3
    for field in _PYCOUNTRY_NAME_FIELDS:
        # Exact matches only: pycountry's fuzzy search would happily turn
        # an organisation's name into some country's code.
        country = pycountry.countries.get(**{field: name})
        if country is not None:
            return country.alpha_3
    return None


@cache
def known_names() -> frozenset[str]:
    """Return every participant name this module recognises, for suggesting one when a name is misspelt."""
    names = set(FORMER_NAMES) | set(FORMER_NAMES.values()) | set(_UN_NAME_TO_ALPHA_2)
    for country in pycountry.countries:
        names.update(getattr(country, field, None) or "" for field in _PYCOUNTRY_NAME_FIELDS)
    names.discard("")
    return frozenset(names)
