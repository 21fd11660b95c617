"""Chart geometry, pure Python: the participation curve and a participant's standing over time.

Pages draw the numbers these functions return; no scaling or choice is left to templates.
Each chart comes in two layouts, narrow (a phone) and wide, because an SVG's text shrinks
with its viewBox: a layout is drawn at no more than its own width, so 12 units stay 12 px.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from treaties.rules.status import Standing

# Step sizes for the axes: 1, 2 or 5 times a power of ten; years in steps a reader counts in.
NICE_MULTIPLES = (1, 2, 5, 10)
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
# A curve on a single day, or on days within a few weeks, still needs a width to be drawn.
SHORTEST_SPAN = timedelta(days=365)
# A marker label right of this share of the plot is written leftwards, so it stays inside
# ("Record ends Mar 2015" is about 130 px long, "Today" 40).
TODAY_LABEL_FLIP = 0.7
HORIZON_LABEL_FLIP = 0.45


@dataclass(frozen=True)
class Layout:
    """A chart's size in SVG units (equal to CSS px at full size) and how many ticks fit on it."""

    name: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    most_x_ticks: int
    most_y_ticks: int

    @property
    def plot_right(self):
        return self.width - self.right

    @property
    def plot_bottom(self):
        return self.height - self.bottom

    # Where the labels go, so that the template only places what it is given.
    @property
    def y_tick_label_x(self):
        return self.left - 6

    @property
    def x_tick_label_y(self):
        return self.plot_bottom + 16

    @property
    def x_title_y(self):
        return self.height - 4

    @property
    def y_title_y(self):
        return (self.top + self.plot_bottom) / 2

    @property
    def today_label_y(self):
        return self.top - 24

    @property
    def horizon_label_y(self):
        return self.top - 8

    @property
    def x_title_x(self):
        return (self.left + self.plot_right) / 2


NARROW = Layout("narrow", width=340, height=240, left=50, right=14, top=44, bottom=40, most_x_ticks=4, most_y_ticks=5)
WIDE = Layout("wide", width=720, height=300, left=60, right=20, top=44, bottom=44, most_x_ticks=10, most_y_ticks=6)
LAYOUTS = (NARROW, WIDE)


@dataclass(frozen=True)
class Tick:
    """A tick on an axis: its position in SVG units and its label."""

    at: float
    label: str


@dataclass(frozen=True)
class Marker:
    """A vertical line for a day (today, the end of the record), with its label's place."""

    x: float
    day: date
    label_x: float
    anchor: str


@dataclass(frozen=True)
class Scale:
    """Map days and counts to SVG units inside a layout's plot area."""

    layout: Layout
    first: date
    last: date
    top: int

    def x(self, day):
        span = (self.last - self.first).days or 1
        width = self.layout.plot_right - self.layout.left
        return round(self.layout.left + (day - self.first).days * width / span, 1)

    def y(self, count):
        height = self.layout.plot_bottom - self.layout.top
        return round(self.layout.plot_bottom - count * height / (self.top or 1), 1)

    def covers(self, day):
        return day is not None and self.first <= day <= self.last


@dataclass(frozen=True)
class PartyChart:
    """The participation curve drawn in one layout: paths, ticks, markers and the facts its description states."""

    layout: Layout
    recorded_path: str
    projected_path: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    today: Marker | None
    horizon: Marker | None


@dataclass(frozen=True)
class CurveSummary:
    """What a sentence about the curve says: its first and last recorded days, peak and value on a day."""

    first: date
    last: date
    peak: int
    peak_day: date
    current: int
    current_day: date
    current_is_today: bool
    projected: int | None
    projected_day: date | None


def nice_step(largest, most_ticks):
    """Return the smallest whole step of 1, 2 or 5 times a power of ten that spans 0..largest in most_ticks steps."""
    if largest <= 0:
        return 1
    rough = largest / max(most_ticks, 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(multiple * power for multiple in NICE_MULTIPLES if multiple * power >= rough)
    return max(1, math.ceil(step))


def value_ticks(largest, most_ticks):
    """Return the counts to tick, from 0 in nice steps to the first step at or above `largest`."""
    step = nice_step(largest, most_ticks)
    steps = max(1, math.ceil(largest / step))
    return [index * step for index in range(steps + 1)]


def year_ticks(first, last, most_ticks):
    """Return the years whose 1 January falls in first..last, every 1, 2, 5, 10... years, at most most_ticks."""
    years = [year for year in range(first.year, last.year + 1) if first <= date(year, 1, 1) <= last]
    if not years:
        return [first.year]
    for step in YEAR_STEPS:
        ticked = [year for year in years if year % step == 0]
        if ticked and len(ticked) <= most_ticks:
            return ticked
    return [years[0]]


def value_at(curve, day):
    """Return the count in force on `day`: that of the last step on or before it, 0 before the first."""
    count = 0
    for start, value in curve:
        if start > day:
            break
        count = value
    return count


def step_path(curve, start, end, scale):
    """Return the SVG path of the step line from `start` to `end`: each count holds until the next change."""
    if start >= end:
        return ""
    parts = [f"M{scale.x(start):g} {scale.y(value_at(curve, start)):g}"]
    for day, count in curve:
        if start < day <= end:
            parts.append(f"H{scale.x(day):g}V{scale.y(count):g}")
    parts.append(f"H{scale.x(end):g}")
    return "".join(parts)


def record_end(curve, today, horizon):
    """Return the last day the curve is drawn to: the horizon, or without one, today or the last change if later."""
    return horizon if horizon else max(today, curve[-1][0])


def summarise_curve(curve, today, horizon):
    """Return the facts a description of the curve states; None for an empty curve."""
    if not curve:
        return None
    end = record_end(curve, today, horizon)
    peak_day, peak = max(curve, key=lambda step: (step[1], -step[0].toordinal()))
    current_day = min(today, end)
    future = today < end and any(today < day <= end for day, _ in curve)
    return CurveSummary(
        first=curve[0][0],
        last=end,
        peak=peak,
        peak_day=peak_day,
        current=value_at(curve, current_day),
        current_day=current_day,
        current_is_today=current_day == today,
        projected=value_at(curve, end) if future else None,
        projected_day=end if future else None,
    )


def party_chart(curve, *, today, horizon, layout):
    """Lay out the participation curve: recorded up to today, dashed after it, nothing after the horizon."""
    end = record_end(curve, today, horizon)
    # A curve that starts after today is plotted from today, so that its start shows as still to come.
    first = min(curve[0][0], today)
    last = max(end, today, first + SHORTEST_SPAN)
    peak = max(count for _, count in curve)
    counts = value_ticks(peak, layout.most_y_ticks)
    scale = Scale(layout, first, last, counts[-1])
    recorded_until = min(today, end)
    return PartyChart(
        layout=layout,
        recorded_path=step_path(curve, first, recorded_until, scale),
        projected_path=step_path(curve, today, end, scale),
        x_ticks=[Tick(scale.x(date(year, 1, 1)), str(year)) for year in year_ticks(first, last, layout.most_x_ticks)],
        y_ticks=[Tick(scale.y(count), str(count)) for count in counts],
        today=_marker(scale, today, TODAY_LABEL_FLIP),
        horizon=_marker(scale, horizon, HORIZON_LABEL_FLIP),
    )


def party_charts(curve, *, today, horizon):
    """Return the curve's summary and its chart in every layout; None for an empty curve."""
    if not curve:
        return None
    layouts = [party_chart(curve, today=today, horizon=horizon, layout=layout) for layout in LAYOUTS]
    # Every layout shows the same lines and markers; the legend names those the chart has.
    drawn = layouts[0]
    return {
        "summary": summarise_curve(curve, today, horizon),
        "layouts": layouts,
        "projected": bool(drawn.projected_path),
        "today": drawn.today.day if drawn.today else None,
        "horizon": drawn.horizon.day if drawn.horizon else None,
    }


def _marker(scale, day, flip_share):
    if not scale.covers(day):
        return None
    x = scale.x(day)
    layout = scale.layout
    leftwards = x > layout.left + flip_share * (layout.plot_right - layout.left)
    return Marker(x=x, day=day, label_x=x - 4 if leftwards else x + 4, anchor="end" if leftwards else "start")


# A participant's standing in each treaty over time.

TIMELINE_ROW_HEIGHT = 16
TIMELINE_BAR_HEIGHT = 10
TIMELINE_LABEL_WIDTH = {"narrow": 76, "wide": 96}
TIMELINE_TOP = 28
TIMELINE_BOTTOM = 8
# Standings drawn on the timeline; any other (not a participant) leaves the row blank.
DRAWN_STANDINGS = (
    Standing.SIGNATORY,
    Standing.CONTRACTING_STATE,
    Standing.PARTY,
    Standing.WITHDRAWAL_PENDING,
    Standing.WITHDRAWN,
)
# The legend: each standing's fill pattern (its id in the page is "standing-" and the value) and words.
TIMELINE_LEGEND = [(standing.value, standing.label) for standing in DRAWN_STANDINGS]
# A span of a few days still shows as a sliver.
THINNEST_BAR = 1.0


@dataclass(frozen=True)
class SpanInput:
    """A stored standing span as the timeline needs it: standing, first day, first day after, record's end."""

    standing: str
    start: date
    end: date | None
    horizon: date | None


@dataclass(frozen=True)
class Bar:
    """One span drawn on a row: where, which standing, and the days it covers."""

    x: float
    width: float
    standing: str
    start: date
    stop: date

    @property
    def label(self):
        return Standing(self.standing).label


@dataclass(frozen=True)
class TimelineRow:
    """A treaty's row: its label, its place, its bars."""

    label: str
    title: str
    y: float
    bars: list[Bar] = field(default_factory=list)

    @property
    def bar_y(self):
        return self.y + (TIMELINE_ROW_HEIGHT - TIMELINE_BAR_HEIGHT) / 2

    @property
    def text_y(self):
        return self.y + TIMELINE_ROW_HEIGHT - 4


@dataclass(frozen=True)
class Timeline:
    """A participant's standings across treaties, drawn in one layout."""

    layout: Layout
    height: int
    rows: list[TimelineRow]
    x_ticks: list[Tick]
    plot_top: int
    plot_bottom: int
    bar_height: int = TIMELINE_BAR_HEIGHT


def drawn_until(span, day):
    """Return the first day after what a span shows: its end, the end of its record, or the page's day."""
    return min(bound for bound in (span.end, span.horizon, day) if bound is not None)


def timeline_layout(width_layout):
    """Return the layout of a timeline of the given width: a column of labels, then the plot."""
    return Layout(
        width_layout.name,
        width=width_layout.width,
        height=0,
        left=TIMELINE_LABEL_WIDTH[width_layout.name],
        right=width_layout.right,
        top=TIMELINE_TOP,
        bottom=TIMELINE_BOTTOM,
        most_x_ticks=width_layout.most_x_ticks,
        most_y_ticks=0,
    )


def drawable_rows(rows, day):
    """Keep, from (label, title, spans) entries, the spans a timeline up to `day` draws, and the rows left with any."""
    drawn = [
        (label, title, [span for span in spans if span.standing in DRAWN_STANDINGS and span.start < day])
        for label, title, spans in rows
    ]
    return [entry for entry in drawn if entry[2]]


def standing_timeline(drawn, *, day, layout):
    """Lay out one bar row per treaty from `drawable_rows` entries, up to `day`."""
    first = min(span.start for _, _, spans in drawn for span in spans)
    last = max(day, first + SHORTEST_SPAN)
    layout = timeline_layout(layout)
    scale = Scale(layout, first, last, 1)
    timeline_rows = []
    for index, (label, title, spans) in enumerate(drawn):
        y = layout.top + index * TIMELINE_ROW_HEIGHT
        bars = [_bar(scale, span, day) for span in spans]
        timeline_rows.append(TimelineRow(label, title, y, [bar for bar in bars if bar.width > 0]))
    plot_bottom = layout.top + len(drawn) * TIMELINE_ROW_HEIGHT
    return Timeline(
        layout=layout,
        height=plot_bottom + layout.bottom,
        rows=timeline_rows,
        x_ticks=[Tick(scale.x(date(year, 1, 1)), str(year)) for year in year_ticks(first, last, layout.most_x_ticks)],
        plot_top=layout.top,
        plot_bottom=plot_bottom,
    )


def standing_timelines(rows, *, day):
    """Return the timeline of the treaties with a standing before `day`, in every layout; None when none has one.

    The caller bounds the rows (a page of a participant's treaties); "shown" says how many are drawn.
    """
    drawn = drawable_rows(rows, day)
    if not drawn:
        return None
    return {
        "layouts": [standing_timeline(drawn, day=day, layout=layout) for layout in LAYOUTS],
        "shown": len(drawn),
        "first": min(span.start for _, _, spans in drawn for span in spans),
    }


def _bar(scale, span, day):
    stop = drawn_until(span, day)
    x = scale.x(span.start)
    width = max(round(scale.x(stop) - x, 1), THINNEST_BAR) if stop > span.start else 0
    return Bar(x=x, width=width, standing=span.standing, start=span.start, stop=stop)
