"""The participation curve as SVG markup: well formed, described in words, every number from the chart's geometry."""

import xml.etree.ElementTree as ElementTree
from datetime import date

from treaties.chart_svg import describe_curve, party_chart_svg
from treaties.charts import NARROW, WIDE, party_chart, summarise_curve

SVG = "{http://www.w3.org/2000/svg}"
CURVE = [(date(1999, 3, 1), 45), (date(2015, 1, 1), 162), (date(2026, 2, 20), 160)]
TODAY = date(2025, 12, 1)
HORIZON = date(2026, 3, 14)


def drawn(layout, *, today=TODAY, horizon=HORIZON):
    chart = party_chart(CURVE, today=today, horizon=horizon, layout=layout)
    summary = summarise_curve(CURVE, today, horizon)
    svg = party_chart_svg(chart, summary).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
    return chart, ElementTree.fromstring(svg)


def test_each_layout_is_well_formed_and_sized_as_its_layout():
    for layout in (NARROW, WIDE):
        _, svg = drawn(layout)
        assert (svg.get("width"), svg.get("height")) == (str(layout.width), str(layout.height))
        assert svg.get("aria-labelledby") == f"curve-title-{layout.name}"
        assert svg.find(f"{SVG}title").text == "Parties over time, 1999 to 2026"


def test_its_ticks_lines_and_markers_are_the_geometry_of_the_chart():
    chart, svg = drawn(WIDE)
    y_labels = [text.text for text in svg.iterfind(f"{SVG}g[@class='tick-labels y-ticks']/{SVG}text")]
    assert y_labels == [tick.label for tick in chart.y_ticks]
    x_labels = [text.text for text in svg.iterfind(f"{SVG}g[@class='ticks x-ticks']/{SVG}text")]
    assert x_labels == [tick.label for tick in chart.x_ticks]
    paths = {path.get("class"): path.get("d") for path in svg.iterfind(f"{SVG}path")}
    assert paths == {"line recorded": chart.recorded_path, "line projected": chart.projected_path}
    labels = [text.text for text in svg.iterfind(f"{SVG}g/{SVG}text") if text.text in ("Today", "Record ends Mar 2026")]
    assert labels == ["Record ends Mar 2026", "Today"]


def test_a_chart_without_markers_or_projection_draws_none():
    _, svg = drawn(WIDE, today=date(2030, 1, 1), horizon=None)
    assert [path.get("class") for path in svg.iterfind(f"{SVG}path")] == ["line recorded"]
    assert svg.find(f"{SVG}g[@class='marker horizon-marker']") is None


def test_the_description_says_what_is_projected_and_what_is_recorded():
    projected = describe_curve(summarise_curve(CURVE, TODAY, HORIZON))
    assert projected.startswith("Number of parties from 1 March 1999 to 14 March 2026: at most 162,")
    assert "162 today, 1 December 2025; 160 on 14 March 2026 once acts already notified take effect" in projected
    later = describe_curve(summarise_curve(CURVE, date(2030, 1, 1), HORIZON))
    assert "160 on 14 March 2026, the last day recorded." in later
    assert "projected" not in later
