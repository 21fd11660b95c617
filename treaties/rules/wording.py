"""Dates, counts and ordinals written as treaty texts and citations write them, whatever the locale."""

from datetime import date

_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven",
              "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
             "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")


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


def spell_date(day: date) -> str:
    """Write a date as researchers cite it ("27 December 2025"), whatever the locale."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
