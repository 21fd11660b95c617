"""The codes researchers merge participants on: ISO 3166-1, UN M49 and the Correlates of War.

No Django imports. Every code comes from a maintained library, never from a
table written here:
- ISO 3166-1 alpha-3 and numeric from pycountry (the ISO list Debian's
  iso-codes keeps), through `treaties.countries`, the site's one home for a
  participant's ISO code;
- UN M49 from country_converter, looked up by the ISO code (its name patterns
  turn "Czechoslovakia" into Czechia, so names are never sent to it);
- the Correlates of War state number and abbreviation from countrycode
  (Arel-Bundock's codelist, the one political scientists use in R).

A code a participant does not have is not an empty cell: it is `Code(None, reason)`.
A state that no longer exists (the USSR, Yugoslavia...) has no current ISO code;
the reason names the withdrawn one (ISO 3166-3), which a merge must not take for
a current country's. Organisations have no code in any of these lists.
"""

import logging
from dataclasses import dataclass, fields
from functools import cache

import pycountry
from countrycode.countrycode import countrycode, prepare_codelist

from treaties import countries
from treaties.daterules import LabelledEnum

NOT_FOUND = "not found"
# Words that name a body of States rather than a State, in the UN's names of its
# organisation participants ("European Union", "World Health Organization").
ORGANISATION_WORDS = frozenset(
    ["organization", "organisation", "union", "community", "agency", "nations", "council", "commission", "market"]
)


class Kind(LabelledEnum):
    COUNTRY = "country", "Country or territory with an ISO 3166-1 code"
    FORMER_STATE = "former_state", "State that no longer exists"
    ORGANISATION = "organisation", "International organisation"
    UNCLASSIFIED = "unclassified", "Not recognised by the code lists"


@dataclass(frozen=True)
class Code:
    """A code, or the reason there is none."""

    value: str | int | None
    reason: str = ""

    def __post_init__(self):
        if (self.value is None) == (not self.reason):
            raise ValueError("A code has a value or a reason, never both or neither.")


@dataclass(frozen=True)
class Codes:
    kind: Kind
    iso3: Code
    iso_numeric: Code
    m49: Code
    cow_number: Code
    cow_abbreviation: Code


CODE_NAMES = tuple(field.name for field in fields(Codes) if field.name != "kind")


def codes_for(name: str, iso3: str = "", kind: Kind | None = None) -> Codes:
    """Return every code of the participant called `name` (with its ISO alpha-3 code, if on record)."""
    iso3 = iso3 or countries.iso3_for(name) or ""
    historic = former_state(name) if not iso3 else None
    kind = kind or classify(name, iso3, historic)
    if kind == Kind.COUNTRY and iso3:
        return _country_codes(iso3)
    if kind == Kind.FORMER_STATE and historic is not None:
        return _former_state_codes(name, historic)
    if kind == Kind.ORGANISATION:
        reason = "an international organisation: these code lists cover States and territories only"
    elif kind == Kind.FORMER_STATE:
        reason = f"ISO 3166-3 does not list '{name}' as a former country, so no code can be looked up for it"
    else:
        reason = f"no code list recognises the name '{name}', and no editor has said what kind of participant it is"
    return Codes(kind, *(Code(None, reason) for _ in CODE_NAMES))


def classify(name: str, iso3: str, historic=None) -> Kind:
    """Say what kind of participant the name is: a country, a former State, an organisation, or unknown."""
    if iso3:
        return Kind.COUNTRY
    if historic is not None:
        return Kind.FORMER_STATE
    if ORGANISATION_WORDS & set(countries.normalise_whitespace(name).lower().split()):
        return Kind.ORGANISATION
    return Kind.UNCLASSIFIED


def former_state(name: str):
    """Return the ISO 3166-3 entry of a country that no longer exists, by any part of its name, or None."""
    wanted = countries.normalise_whitespace(name).casefold()
    for country in pycountry.historic_countries:
        parts = {part.strip().casefold() for part in country.name.split(",")} | {country.name.casefold()}
        if wanted in parts:
            return country
    return None


def _country_codes(iso3):
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        reason = f"{iso3} is not in the ISO 3166-1 list"
        return Codes(Kind.COUNTRY, Code(None, reason), *(Code(None, reason) for _ in CODE_NAMES[1:]))
    m49 = _converter().convert(iso3, src="ISO3", to="UNcode", not_found=NOT_FOUND)
    return Codes(
        Kind.COUNTRY,
        Code(iso3),
        Code(int(country.numeric)),
        Code(int(m49)) if m49 != NOT_FOUND else Code(None, f"country_converter gives no UN M49 code for {iso3}"),
        _cow(iso3, "iso3c", "cown"),
        _cow(iso3, "iso3c", "cowc"),
    )


def _former_state_codes(name, historic):
    withdrawn = f"{historic.alpha_3}{f' ({historic.numeric})' if getattr(historic, 'numeric', None) else ''}"
    reason = (
        f"no ISO 3166-1 code: {name} no longer exists; its code {withdrawn} was withdrawn in "
        f"{historic.withdrawal_date} (ISO 3166-3: {historic.alpha_4})"
    )
    return Codes(
        Kind.FORMER_STATE,
        Code(None, reason),
        Code(None, reason),
        Code(None, f"no UN M49 code: {name} no longer exists, and country_converter lists current areas only"),
        _cow(name, "country.name", "cown"),
        _cow(name, "country.name", "cowc"),
    )


def _cow(value, origin, destination):
    """Return a Correlates of War code from countrycode, or the reason it gives none."""
    code = countrycode(value, origin=origin, destination=destination, custom_dict=_codelist())
    if code is None:
        return Code(None, f"countrycode, the source of Correlates of War codes here, gives none for {value}")
    return Code(int(code) if destination == "cown" else str(code))


@cache
def _converter():
    """Return country_converter's converter, built once: it reads its table and compiles its patterns."""
    import country_converter

    # It logs a warning for every code it does not find; a missing code is a reason here.
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return country_converter.CountryConverter()


@cache
def _codelist():
    """Return countrycode's code list, read once: without it, every lookup reads the file again."""
    return prepare_codelist(None)
