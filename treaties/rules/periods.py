"""A length of time a clause counts from an event: "six months after", "the first day of the month after"."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from treaties.rules.wording import LabelledEnum, spell_count, spell_ordinal


class Unit(LabelledEnum):
    DAYS = "days", "days"
    MONTHS = "months", "months"
    YEARS = "years", "years"


class Snap(LabelledEnum):
    NONE = "none", "on the date the period ends"  # the date the offset lands on
    MONTH_START = "month_start", "on the first day of the month the period ends in"
    NEXT_MONTH_START = "next_month_start", "on the first day of the month after the period ends"





@dataclass(frozen=True)
class Period:
    """A length of time a clause counts from an event, maybe snapped to a month's start."""

    count: int
    unit: Unit
    snap: Snap = Snap.NONE

    def __post_init__(self):
        # Accept the stored strings ("months") so model fields can be passed straight in.
        object.__setattr__(self, "unit", Unit(self.unit))
        object.__setattr__(self, "snap", Snap(self.snap))
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise ValueError(f"a period counts whole units from zero up, not {self.count!r}")

    def after(self, anchor: date) -> date:
        """Return the date this period after `anchor` designates, by the calendar."""
        # relativedelta clips to the month's end: six months after 31 August is 28/29 February.
        landed = anchor + relativedelta(**{self.unit.value: self.count})
        if self.snap is Snap.MONTH_START:
            landed = landed.replace(day=1)
        elif self.snap is Snap.NEXT_MONTH_START:
            landed = landed.replace(day=1) + relativedelta(months=1)
        # A date counted "after" an event can never precede it, whatever a snap says.
        return max(landed, anchor)

    def describe(self) -> str:
        """Return the period in plain English, ready to be followed by the event it counts from."""
        if self.count == 0:
            return {Snap.NONE: "the day of",
                    Snap.MONTH_START: "the first day of the month of",
                    Snap.NEXT_MONTH_START: "the first day of the month after"}[self.snap]
        if self.unit is Unit.DAYS:
            offset = f"the {spell_ordinal(self.count)} day"
            if self.snap is Snap.MONTH_START:
                return f"the first day of the month containing {offset} after"
            if self.snap is Snap.NEXT_MONTH_START:
                return f"the first day of the month after {offset} after"
            return f"{offset} after"
        if self.snap is Snap.NONE:
            noun = self.unit.value if self.count != 1 else self.unit.value.removesuffix("s")
            return f"{spell_count(self.count)} {noun} after"
        # Snapped to a month, years read best as months: "the first day of the sixth month after".
        months = self.count * (12 if self.unit is Unit.YEARS else 1)
        if self.snap is Snap.NEXT_MONTH_START:
            months += 1
        return f"the first day of the {spell_ordinal(months)} month after"
