"""Lay stored standing spans out as research tables: a participant × year panel and a table of dates.

No Django imports: the views and the release read the spans and acts with SQL
and hand them here, one participant's record in one treaty at a time.

A cell is never empty. "unknown" is kept apart from "no" / "none":
- a day after the record's horizon (the day the participant's record in the
  treaty is complete to) is "unknown", never the last standing carried on;
- a Contracting State whose entry into force cannot be computed is a party
  "unknown";
- a date the sources do not give is "unknown"; an act not on record is "none".
"""

from collections import namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from treaties.daterules import CONSENT_KINDS, SIGNATURE_KINDS, ActKind, Standing, in_order, withdrawal_notices

YES, NO, UNKNOWN, NONE = "yes", "no", "unknown", "none"
# A day the record does not reach has no standing; the other values are daterules.Standing's.
BEYOND_HORIZON = UNKNOWN
PARTY = frozenset([Standing.PARTY, Standing.WITHDRAWAL_PENDING])
CONTRACTING = frozenset([Standing.CONTRACTING_STATE, *PARTY])

# One stored span, as the tables read it (the fields of treaties.models.StandingSpan).
Span = namedtuple(
    "Span",
    [
        "standing",
        "start",
        "end",
        "in_force_from",
        "in_force_unknown",
        "withdrawal_notified",
        "withdrawal_due",
        "horizon",
    ],
)
# One act, as the table of dates reads it.
Act = namedtuple("Act", ["kind", "date"])


@dataclass(frozen=True)
class YearRow:
    year: int
    day: date
    standing: str
    contracting_state: str
    party: str


def panel_day(year: int, month: int, day: int) -> date:
    """Return the day read in `year`: the chosen month and day (a form refuses 29 February)."""
    return date(year, month, day)


def year_rows(
    spans: list[Span], *, first_year: int | None, last_year: int, month: int, day: int, stop_when_unknown=False
) -> Iterator[YearRow]:
    """Yield a participant's standing in a treaty on the chosen day of each year.

    `spans` are its stored spans in date order. Rows begin in `first_year`, or
    when it is None in the year of the participant's first span; before that
    span it was not a participant. With `stop_when_unknown`, they end with the
    first year read after the record's horizon: every later one is unknown too.
    """
    if not spans:
        return
    start_year = spans[0].start.year if first_year is None else first_year
    for year in range(start_year, last_year + 1):
        read = panel_day(year, month, day)
        row = YearRow(year, read, *standing_on(spans, read))
        yield row
        if stop_when_unknown and row.standing == BEYOND_HORIZON:
            return


def standing_on(spans: list[Span], day: date) -> tuple[str, str, str]:
    """Return (standing, Contracting State?, party?) on `day`, "unknown" beyond the record's horizon."""
    horizon = spans[-1].horizon
    if horizon is not None and day > horizon:
        return BEYOND_HORIZON, UNKNOWN, UNKNOWN
    span = next((span for span in spans if span.start <= day and (span.end is None or day < span.end)), None)
    if span is None:
        return Standing.NOT_PARTICIPANT.value, NO, NO
    standing = Standing(span.standing)
    if standing in PARTY:
        party = YES
    else:
        party = UNKNOWN if span.in_force_unknown else NO
    return standing.value, YES if standing in CONTRACTING else NO, party


def dates(acts: Iterable[Act], spans: list[Span]) -> dict:
    """Return the dates of a participant's record in a treaty: each a date, "unknown" or "none"."""
    acts = list(acts)
    signatures = [act for act in acts if act.kind in SIGNATURE_KINDS and act.kind not in CONSENT_KINDS]
    consents = [act for act in acts if act.kind in CONSENT_KINDS]
    notice, revocation = _latest_withdrawal(acts, spans)
    return {
        "signature": _first_date(signatures),
        "consent": _first_date(consents),
        "consent_kind": consents[0].kind if consents else NONE,
        "in_force_for_it": _in_force(spans),
        "withdrawal_notified": _date_or_unknown(notice.date) if notice else NONE,
        "withdrawal_revoked": _date_or_unknown(revocation.date) if revocation else NONE,
        "withdrawal_effective": _withdrawal_effect(notice, spans) if notice and not revocation else NONE,
        "known_to": spans[-1].horizon if spans and spans[-1].horizon else NONE,
    }


def _first_date(acts):
    """Return the first act's date ("unknown" when no date is recorded for one), or "none" without acts."""
    if not acts:
        return NONE
    dated = sorted(act.date for act in acts if act.date is not None)
    return dated[0] if dated else UNKNOWN


def _date_or_unknown(day):
    return day if day is not None else UNKNOWN


def _known_date(cell):
    return None if cell == UNKNOWN else cell


def _latest_withdrawal(acts, spans):
    """Return the latest withdrawal notice and the revocation that undid it, if one did."""
    dated = in_order(act for act in acts if act.date is not None)
    if notices := withdrawal_notices(dated, effect_on=lambda notice: _known_date(_withdrawal_effect(notice, spans))):
        return notices[-1]
    # With no dated notice, an undated one is still on record: its dates are "unknown".
    undated = [act for act in acts if act.date is None and act.kind == ActKind.WITHDRAWAL]
    return (undated[0] if undated else None), None


def _in_force(spans):
    """Return the first day the treaty was in force for it, "unknown" if no date follows, "none" if never."""
    for span in spans:
        if span.in_force_from is not None:
            return span.in_force_from
        if span.in_force_unknown:
            return UNKNOWN
    return NONE


def _withdrawal_effect(notice, spans):
    """Return the day a withdrawal notice took or takes effect, or "unknown" (deferred, or undated)."""
    if notice.date is None:
        return UNKNOWN
    for span in spans:
        if span.standing == Standing.WITHDRAWN and span.start >= notice.date:
            return span.start
        if span.withdrawal_notified == notice.date and span.withdrawal_due is not None:
            return span.withdrawal_due
    return UNKNOWN
