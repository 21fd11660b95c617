"""Chart geometry: ticks, markers, and a curve split into what is recorded, what is projected and what is unknown."""

import re
from datetime import date

import pytest

from treaties.charts import (
    NARROW,
    WIDE,
    SpanInput,
    nice_step,
    party_chart,
    party_charts,
    standing_timelines,
    summarise_curve,
    value_at,
    value_ticks,
    year_ticks,
)

# A curve shaped like the Mine Ban Convention's: in force 1999, growing, two withdrawals due in 2026.
CURVE = [
    (date(1999, 3, 1), 45),
    (date(2003, 3, 1), 130),
    (date(2015, 1, 1), 162),
    (date(2026, 1, 27), 161),
    (date(2026, 2, 20), 160),
]
TODAY = date(2025, 12, 1)
HORIZON = date(2026, 2, 20)


def path_days(path, chart, curve_first, last):
    """Return the first and last day a path covers, read back from its x coordinates (to within 2 days)."""
    numbers = [float(x) for x in re.findall(r"[MH]([\d.]+)", path)]
    start_x, end_x = numbers[0], numbers[-1]
    layout = chart.layout
    span = (last - curve_first).days

    def day_of(x):
        return (x - layout.left) * span / (layout.plot_right - layout.left)

    return pytest.approx((day_of(start_x), day_of(end_x)), abs=2)


@pytest.mark.parametrize(
    ("largest", "most_ticks", "step"),
    [(164, 6, 50), (100, 6, 20), (164, 10, 20), (9, 5, 2), (3, 6, 1), (1, 5, 1), (0, 5, 1), (1200, 5, 500)],
)
def test_a_value_step_is_one_two_or_five_times_a_power_of_ten(largest, most_ticks, step):
    assert nice_step(largest, most_ticks) == step


def test_value_ticks_start_at_zero_and_reach_past_the_peak():
    assert value_ticks(164, 6) == [0, 50, 100, 150, 200]
    assert value_ticks(100, 6) == [0, 20, 40, 60, 80, 100]
    assert value_ticks(0, 5) == [0, 1]


def test_year_ticks_fall_on_round_years_within_the_range():
    assert year_ticks(date(1999, 3, 1), date(2026, 11, 28), 4) == [2000, 2010, 2020]
    assert year_ticks(date(1999, 3, 1), date(2026, 11, 28), 10) == [2000, 2005, 2010, 2015, 2020, 2025]
    assert year_ticks(date(1948, 4, 7), date(2026, 11, 28), 4) == [1960, 1980, 2000, 2020]
    assert year_ticks(date(2020, 1, 1), date(2022, 6, 1), 10) == [2020, 2021, 2022]


def test_a_range_within_one_year_is_labelled_with_its_year():
    assert year_ticks(date(2025, 3, 1), date(2025, 11, 1), 4) == [2025]


def test_the_count_holds_from_one_step_to_the_next():
    assert value_at(CURVE, date(1999, 2, 28)) == 0
    assert value_at(CURVE, date(1999, 3, 1)) == 45
    assert value_at(CURVE, date(2026, 1, 26)) == 162
    assert value_at(CURVE, date(2030, 1, 1)) == 160


def test_the_curve_is_recorded_up_to_today_and_dashed_from_today_to_the_horizon():
    chart = party_chart(CURVE, today=TODAY, horizon=HORIZON, layout=WIDE)

    first, last = CURVE[0][0], HORIZON
    assert (0, (TODAY - first).days) == path_days(chart.recorded_path, chart, first, last)
    assert ((TODAY - first).days, (HORIZON - first).days) == path_days(chart.projected_path, chart, first, last)
    # The two withdrawals due after today are steps of the dashed part only.
    assert chart.projected_path.count("V") == 2
    assert chart.recorded_path.count("V") == 2
    assert chart.today.day == TODAY
    assert chart.horizon.day == HORIZON


def test_after_the_horizon_nothing_is_drawn_and_the_plot_runs_on_to_today():
    today = date(2026, 11, 28)
    chart = party_chart(CURVE, today=today, horizon=HORIZON, layout=WIDE)

    assert chart.projected_path == ""
    first = CURVE[0][0]
    assert (0, (HORIZON - first).days) == path_days(chart.recorded_path, chart, first, today)
    # Today is the plot's right end, the horizon a marker before it; both labels stay inside the plot.
    assert chart.today.x == WIDE.plot_right and chart.today.anchor == "end"
    assert chart.horizon.x < chart.today.x
    assert [tick.label for tick in chart.x_ticks] == ["2000", "2005", "2010", "2015", "2020", "2025"]


def test_markers_outside_the_plotted_range_are_left_out():
    chart = party_chart(CURVE, today=date(2026, 11, 28), horizon=None, layout=NARROW)

    assert chart.horizon is None
    assert chart.today.day == date(2026, 11, 28)


def test_a_curve_without_a_horizon_is_recorded_to_today_and_projected_to_its_last_change():
    chart = party_chart(CURVE, today=TODAY, horizon=None, layout=NARROW)

    assert chart.horizon is None
    first = CURVE[0][0]
    assert ((TODAY - first).days, (CURVE[-1][0] - first).days) == path_days(
        chart.projected_path, chart, first, CURVE[-1][0]
    )


def test_the_y_axis_is_ticked_in_nice_steps_up_to_the_top_of_the_plot():
    chart = party_chart(CURVE, today=TODAY, horizon=HORIZON, layout=WIDE)

    assert [tick.label for tick in chart.y_ticks] == ["0", "50", "100", "150", "200"]
    assert chart.y_ticks[0].at == WIDE.plot_bottom
    assert chart.y_ticks[-1].at == WIDE.top


def test_a_narrow_layout_has_fewer_ticks_than_a_wide_one():
    narrow = party_chart(CURVE, today=TODAY, horizon=HORIZON, layout=NARROW)
    wide = party_chart(CURVE, today=TODAY, horizon=HORIZON, layout=WIDE)

    assert len(narrow.x_ticks) <= NARROW.most_x_ticks < len(wide.x_ticks)
    assert all(NARROW.left <= tick.at <= NARROW.plot_right for tick in narrow.x_ticks)


def test_an_empty_curve_has_no_chart():
    assert party_charts([], today=TODAY, horizon=HORIZON) is None
    assert summarise_curve([], TODAY, HORIZON) is None


def test_a_single_step_is_drawn_as_a_level_line_over_at_least_a_year():
    chart = party_chart([(date(2025, 12, 1), 1)], today=date(2025, 12, 1), horizon=date(2025, 12, 1), layout=WIDE)

    # Recorded from its day to its day: nothing to draw, nothing projected, but the axes stand.
    assert chart.recorded_path == "" and chart.projected_path == ""
    assert [tick.label for tick in chart.y_ticks] == ["0", "1"]
    assert [tick.label for tick in chart.x_ticks] == ["2026"]

    later = party_chart([(date(2020, 5, 1), 3)], today=date(2025, 12, 1), horizon=date(2025, 12, 1), layout=WIDE)
    assert later.recorded_path == f"M{WIDE.left} {WIDE.top}H{WIDE.plot_right}"


def test_a_curve_entirely_after_today_is_all_projected():
    curve = [(date(2027, 1, 1), 2), (date(2027, 6, 1), 5)]
    chart = party_chart(curve, today=TODAY, horizon=date(2027, 12, 31), layout=WIDE)
    summary = summarise_curve(curve, TODAY, date(2027, 12, 31))

    assert chart.recorded_path == ""
    assert chart.projected_path.startswith(f"M{WIDE.left} ")
    # Plotted from today: the rise to the first parties is still to come.
    assert chart.today.x == WIDE.left
    assert (summary.current, summary.current_is_today, summary.projected) == (0, True, 5)


def test_the_summary_states_peak_current_value_and_projection():
    summary = summarise_curve(CURVE, TODAY, HORIZON)

    assert (summary.first, summary.last) == (date(1999, 3, 1), HORIZON)
    assert (summary.peak, summary.peak_day) == (162, date(2015, 1, 1))
    assert (summary.current, summary.current_day, summary.current_is_today) == (162, TODAY, True)
    assert (summary.projected, summary.projected_day) == (160, HORIZON)


def test_after_the_horizon_the_summary_gives_the_last_recorded_value_and_projects_nothing():
    summary = summarise_curve(CURVE, date(2026, 11, 28), HORIZON)

    assert (summary.current, summary.current_day, summary.current_is_today) == (160, HORIZON, False)
    assert summary.projected is None


def spans(*entries):
    return [SpanInput(standing, start, end, horizon) for standing, start, end, horizon in entries]


def test_a_timeline_draws_each_standing_up_to_the_day_or_the_end_of_its_record():
    rows = [
        (
            "XXVI.5",
            "Mine Ban Convention",
            spans(
                ("signatory", date(1997, 12, 3), date(2003, 5, 12), None),
                ("contracting_state", date(2003, 5, 12), date(2003, 11, 1), None),
                ("party", date(2003, 11, 1), date(2025, 6, 27), None),
                ("withdrawal_pending", date(2025, 6, 27), date(2025, 12, 27), None),
                ("withdrawn", date(2025, 12, 27), None, date(2026, 2, 20)),
            ),
        ),
        ("XVIII.10", "Rome Statute", spans(("party", date(2003, 7, 1), None, date(2015, 3, 14)))),
        ("IV.4", "ICCPR", spans(("not_participant", date(1990, 1, 1), None, None))),
    ]
    charts = standing_timelines(rows, day=date(2025, 12, 1))

    wide = charts["layouts"][1]
    assert (charts["shown"], charts["first"]) == (2, date(1997, 12, 3))
    assert [row.label for row in wide.rows] == ["XXVI.5", "XVIII.10"]
    mine_ban, rome = wide.rows
    # Not yet withdrawn on the day: the pending span stops at it, and the withdrawal is not drawn.
    assert [bar.standing for bar in mine_ban.bars] == ["signatory", "contracting_state", "party", "withdrawal_pending"]
    assert mine_ban.bars[-1].stop == date(2025, 12, 1)
    assert mine_ban.bars[-1].x + mine_ban.bars[-1].width == pytest.approx(wide.layout.plot_right, abs=0.2)
    # The Rome Statute's record ends in 2015: its bar stops there.
    assert rome.bars[0].stop == date(2015, 3, 14)
    assert rome.bars[0].x + rome.bars[0].width < wide.layout.plot_right - 100
    assert wide.height == wide.plot_bottom + wide.layout.bottom
    assert rome.y - mine_ban.y == 16


def test_a_timeline_draws_a_row_for_each_treaty_it_is_given():
    rows = [(f"I.{n}", f"Treaty {n}", spans(("party", date(2000, 1, 1), None, None))) for n in range(50)]
    charts = standing_timelines(rows, day=date(2025, 12, 1))

    assert charts["shown"] == 50
    assert all(len(layout.rows) == 50 for layout in charts["layouts"])
    assert [row.label for row in charts["layouts"][0].rows] == [f"I.{n}" for n in range(50)]


def test_a_timeline_with_nothing_before_the_day_is_not_drawn():
    rows = [("XXVI.5", "Mine Ban Convention", spans(("signatory", date(1997, 12, 3), None, None)))]

    assert standing_timelines(rows, day=date(1997, 12, 3)) is None
    assert standing_timelines([], day=date(1997, 12, 3)) is None
