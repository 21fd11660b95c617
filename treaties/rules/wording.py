"""Dates, counts and ordinals written as treaty texts and citations write them, whatever the locale."""

from datetime import date
from enum import StrEnum

_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven",
              "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
             "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")


class LabelledEnum(StrEnum):
    """Members written `NAME = "stored value", "the words a page shows"`; without words, the value capitalised."""

    def __new__(cls, value: str, label: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member._words = label
        return member

    @property
    def label(self) -> str:
        """Return the words a page or an editor's choice shows for this member."""
        return self._words or self.value.replace("_", " ").capitalize()


def spell_count(number: int) -> str:
    """Spell a count the way treaty texts do: words up to twelve, then digits."""
    return _CARDINALS[number] if number < len(_CARDINALS) else str(number)


def spell_ordinal(number: int) -> str:
    """Spell an ordinal: words up to twelfth, then digits ("60th", "21st")."""
    if number < len(_ORDINALS):
        return _ORDINALS[number]
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class DatePrecision(LabelledEnum):
    """How much of a date a source gives."""

    DAY = "day", "Day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


def spell_date(day: date, precision: str = DatePrecision.DAY) -> str:
    """Write a date as researchers cite it, whatever the locale: the site's one way, in text and on pages.

    "27 December 2025"; "December 2025" or "2025" for a date known only to the month or year.
    """
    if precision == DatePrecision.YEAR:
        return str(day.year)
    month_and_year = f"{_MONTH_NAMES[day.month - 1]} {day.year}"
    if precision == DatePrecision.MONTH:
        return month_and_year
    return f"{day.day} {month_and_year}"
