"""Draw the participation curve and the standing timelines as SVG markup, pure Python.

The chart is drawn twice on every treaty page (a phone and a desk layout), and
through the template engine its few dozen numbers cost about as much as the
rest of the page's markup (bench/RESULTS.md). charts.py decides every number;
this module only writes them, escaping each piece of text. A participant's
standing timeline, fifty treaties of bars in two layouts, took its page longer
to draw through the template engine than everything else on it.
"""

from datetime import date
from html import escape

from treaties.charts import CurveSummary, Marker, PartyChart, Timeline, TimelineRow
from treaties.rules.wording import spell_date

_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def describe_curve(summary: CurveSummary) -> str:
    """Return the sentence that describes the curve to a reader who cannot see it."""
    if summary.current_is_today:
        current = f"{summary.current} today, {spell_date(summary.current_day)}"
    else:
        current = f"{summary.current} on {spell_date(summary.current_day)}, the last day recorded"
    projected = ""
    if summary.projected_day:
        projected = (
            f"; {summary.projected} on {spell_date(summary.projected_day)} once acts already notified "
            "take effect (projected, drawn dashed)"
        )
    return (
        f"Number of parties from {spell_date(summary.first)} to {spell_date(summary.last)}: at most {summary.peak}, "
        f"first reached on {spell_date(summary.peak_day)}; {current}{projected}. "
        "The same data is in the table “The curve as a table” below the chart."
    )


def party_chart_svg(chart: PartyChart, summary: CurveSummary) -> str:
    """Return one layout of the participation curve as an `<svg>` element, labelled and described."""
    layout = chart.layout
    name = escape(layout.name)
    grid = "".join(
        f'\n    <line x1="{layout.left}" y1="{tick.at}" x2="{layout.plot_right}" y2="{tick.at}"/>'
        for tick in chart.y_ticks
    )
    y_labels = "".join(
        f'\n    <text x="{layout.y_tick_label_x}" y="{tick.at}" text-anchor="end" dominant-baseline="middle">'
        f"{escape(tick.label)}</text>"
        for tick in chart.y_ticks
    )
    x_ticks = "".join(
        f'\n    <line x1="{tick.at}" y1="{layout.plot_bottom}" x2="{tick.at}" y2="{layout.plot_bottom + 5}"/>'
        f'\n    <text x="{tick.at}" y="{layout.x_tick_label_y}" text-anchor="middle" dominant-baseline="hanging"'
        f' class="tick-label">{escape(tick.label)}</text>'
        for tick in chart.x_ticks
    )
    horizon = _marker(chart.horizon, "horizon-marker", layout.horizon_label_y, layout.plot_bottom, _record_ends)
    today = _marker(chart.today, "today-marker", layout.today_label_y, layout.plot_bottom, lambda _: "Today")
    lines = "".join(
        f'\n  <path d="{escape(path)}" class="line {kind}"/>'
        for path, kind in ((chart.recorded_path, "recorded"), (chart.projected_path, "projected"))
        if path
    )
    return (
        f'<svg role="img" aria-labelledby="curve-title-{name}" aria-describedby="curve-desc-{name}"'
        f' viewBox="0 0 {layout.width} {layout.height}" width="{layout.width}" height="{layout.height}"'
        f' class="chart curve-chart chart-{name}">\n'
        f'  <title id="curve-title-{name}">Parties over time, {summary.first.year} to {summary.last.year}</title>\n'
        f'  <desc id="curve-desc-{name}">{escape(describe_curve(summary))}</desc>\n'
        f'  <g class="grid">{grid}\n  </g>\n'
        f'  <g class="tick-labels y-ticks">{y_labels}\n  </g>\n'
        f'  <g class="ticks x-ticks">{x_ticks}\n  </g>\n'
        f'  <line x1="{layout.left}" y1="{layout.plot_bottom}" x2="{layout.plot_right}" y2="{layout.plot_bottom}"'
        ' class="axis"/>\n'
        f'  <line x1="{layout.left}" y1="{layout.top}" x2="{layout.left}" y2="{layout.plot_bottom}" class="axis"/>\n'
        f'  <text x="{layout.x_title_x}" y="{layout.x_title_y}" text-anchor="middle" class="axis-title">Year</text>\n'
        f'  <text x="2" y="{layout.y_title_y}" text-anchor="middle" dominant-baseline="hanging"'
        f' transform="rotate(-90 2 {layout.y_title_y})" class="axis-title">Parties</text>'
        f"{horizon}{today}{lines}\n</svg>"
    )


def _record_ends(marker: Marker) -> str:
    return f"Record ends {_MONTH_ABBREVIATIONS[marker.day.month - 1]} {marker.day.year}"


def _marker(marker, css_class, label_y, bottom, label_of):
    """Return a marker's line and label, or nothing when the day is off the chart."""
    if marker is None:
        return ""
    return (
        f'\n  <g class="marker {css_class}">'
        f'\n    <line x1="{marker.x}" y1="{label_y}" x2="{marker.x}" y2="{bottom}"/>'
        f'\n    <text x="{marker.label_x}" y="{label_y}" text-anchor="{marker.anchor}">'
        f"{escape(label_of(marker))}</text>"
        "\n  </g>"
    )


def standing_timeline_svg(timeline: Timeline, *, whose: str, day: date, first: date, shown: int, total: int) -> str:
    """Return one layout of a participant's standing timeline as an `<svg>` element, labelled and described.

    `whose`: the participant's name; `shown` of `total` treaties are drawn, from `first` to `day`.
    """
    layout = timeline.layout
    name = escape(layout.name)
    until = spell_date(day)
    counted = f"{shown} of {total} treat{'y' if total == 1 else 'ies'}"
    grid = "".join(
        f'\n    <line x1="{tick.at}" y1="{timeline.plot_top - 6}" x2="{tick.at}" y2="{timeline.plot_bottom}"/>'
        for tick in timeline.x_ticks
    )
    labels = "".join(
        f'\n    <text x="{tick.at}" y="{timeline.plot_top - 10}" text-anchor="middle" class="tick-label">'
        f"{escape(tick.label)}</text>"
        for tick in timeline.x_ticks
    )
    rows = "".join(_timeline_row(row, timeline.bar_height) for row in timeline.rows)
    return (
        f'<svg role="img" aria-labelledby="standing-chart-title-{name}" aria-describedby="standing-chart-desc-{name}"'
        f' viewBox="0 0 {layout.width} {timeline.height}" width="{layout.width}" height="{timeline.height}"'
        f' class="chart standing-chart chart-{name}">\n'
        f'  <title id="standing-chart-title-{name}">{escape(whose)}: standing in each treaty over time, to {until}'
        "</title>\n"
        f'  <desc id="standing-chart-desc-{name}">One row per treaty, labelled with its MTDSG number, from '
        f"{spell_date(first)} to {until}: {counted}. Each bar is a stretch of one standing (signatory, Contracting"
        " State, party, party with a withdrawal pending, withdrawn), told apart by fill pattern; a bar stops where"
        f" that treaty's record ends. The table above gives each standing on {until} and the list of acts below"
        " gives every date.</desc>\n"
        f'  <g class="grid">{grid}\n  </g>\n'
        f'  <g class="tick-labels x-ticks">{labels}\n  </g>\n'
        f"  {rows}\n</svg>"
    )


def _timeline_row(row: TimelineRow, bar_height: int) -> str:
    title = escape(row.title)
    bars = "".join(
        f'<rect x="{bar.x}" y="{row.bar_y}" width="{bar.width}" height="{bar_height}"'
        f' fill="url(#standing-{escape(bar.standing)})" class="bar bar-{escape(bar.standing)}">'
        f"<title>{title}: {escape(bar.label)} from {spell_date(bar.start)} until {spell_date(bar.stop)}</title></rect>"
        for bar in row.bars
    )
    return (
        f'<g class="timeline-row">\n    <title>{title} ({escape(row.label)})</title>\n'
        f'    <text x="4" y="{row.text_y}" class="row-label">{escape(row.label)}</text>\n'
        f"    {bars}\n  </g>"
    )
