"""Radar chart (and its bar fallback for fewer than 3 axes)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_gen.charts.radar import grouped_radar, radar

from .hostile import HOSTILE
from .svgcheck import SVG_NS, check_chart, joined, name_labels, overlapping, tooltip, visible

FACTORS = [
    "Leadership support", "Measurable goals", "Stakeholder engagement", "Training & awareness", "Governance",
    "Front door to IT", "Feedback loop", "Customer experience <script>alert(1)</script>",
    "Balance of people, process and technology", "Continual improvement",
]
NOW = [1, 2, 1, 0, 2, 3, 1, 2, 1.5, 1]
TARGET = [3, 3, 3, 2, 3, 4, 3, 3, 2, 3]
PROJECTED = [2, 3, 2, 2, 3, 4, 2, 3, 2, 2]


def example():
    return radar("home radar", "Maturity now vs target", FACTORS,
                 [("Now", NOW), ("Target", TARGET), ("Projected", PROJECTED)], 5)


def test_golden(golden) -> None:
    golden("radar.svg", example().svg)


def test_golden_bars(golden) -> None:
    chart = radar("two", "Two factors", FACTORS[:2], [("Now", [1, 2.5]), ("Target", [3, 4])], 5)
    golden("radar_bars.svg", chart.svg)


def test_structure() -> None:
    chart = example()
    root = check_chart(chart)
    assert chart.id == "home-radar"
    assert chart.table_header == ("Factor", "Now", "Target", "Projected")
    assert chart.table_rows[8] == ("Balance of people, process and technology", "1.5", "2", "2")
    assert len(chart.table_rows) == 10
    series = [g for g in root.iter(SVG_NS + "g") if "rg-series" in (g.get("class") or "")]
    assert [g.get("class") for g in series] == ["rg-series rg-now", "rg-series rg-target", "rg-series rg-projected"]
    for g in series:
        polygons = g.findall(SVG_NS + "polygon")
        assert len(polygons) == 1 and len(polygons[0].get("points", "").split()) == 10
        assert len(list(g)) == 11  # the area and one marker per axis
    # styles differ without colour: dash patterns and marker shapes
    dashes = [g.find(SVG_NS + "polygon").get("stroke-dasharray") for g in series]
    assert len(set(dashes)) == 3
    assert {local.tag for g in series for local in list(g)[1:2]} == {SVG_NS + "circle", SVG_NS + "rect", SVG_NS + "path"}


def test_description_names_the_largest_gap() -> None:
    chart = example()
    assert chart.description.startswith("Now, Target and Projected levels for 10 factors on a 0\u20135 scale")
    assert "largest gap between Now and Target: Leadership support (1 to 3)" in chart.description
    reached = radar("r", "t", ["a", "b", "c"], [("Now", [3, 3, 3]), ("Target", [3, 2, 1])], 5)
    assert "Now meets Target on every one" in reached.description
    single = radar("r", "t", ["a", "b", "c"], [("Now", [3, 1, 2])], 5)
    assert "lowest: b (1)" in single.description


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_escaped(label: str) -> None:
    chart = radar("r", label, [label, "b", "c"], [(label, [1, 2, 3]), ("T", [2, 2, 2])], 5)
    check_chart(chart)
    assert "<script" not in chart.svg and "<foreignObject" not in chart.svg
    assert chart.table_rows[0][0] == label  # the table keeps the raw text; the page escapes it
    assert chart.table_header[1] == label


def test_long_labels_wrap_and_keep_the_full_name_as_title() -> None:
    long = "A very long factor name that goes on and on"
    root = check_chart(radar("r", "t", [long, "b", "c"], [("Now", [1, 2, 3])], 5))
    label = next(t for t in root.iter(SVG_NS + "text") if tooltip(t) == long)
    assert visible(label) == "A very long factor name\nthat goes on and on"  # two lines, nothing cut
    assert len(label.findall(SVG_NS + "tspan")) == 1


def test_too_long_labels_are_cut_with_full_title() -> None:
    long = "A very long factor name that goes on and on and on and on and on and on and on and on and on"
    root = check_chart(radar("r", "t", [long, "b", "c"], [("Now", [1, 2, 3])], 5))
    label = next(t for t in root.iter(SVG_NS + "text") if tooltip(t) == long)
    assert visible(label).endswith("\u2026")


@pytest.mark.parametrize("n", [3, 4, 7, 21, 30])
def test_axis_counts(n: int) -> None:
    axes = [f"Factor {i}" for i in range(n)]
    chart = radar("r", "t", axes, [("Now", [i % 6 for i in range(n)]), ("Target", [5] * n)], 5)
    root = check_chart(chart)
    assert len(root.find(f"{SVG_NS}g[@class='rg-axis-labels']")) == n


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 8, 10, 12, 14, 16])
def test_long_labels_do_not_overlap(n: int) -> None:
    axes = [f"{('Security Testing', 'Policy and Compliance')[i % 2]}: stream {i} of the practice" for i in range(n)]
    root = check_chart(radar("r", "t", axes, [("Now", [1.0] * n)], 3))
    labels = [t for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-axis-labels" for t in g]
    assert overlapping(labels) == []
    assert len({visible(t) for t in labels}) == n


def test_too_many_axes() -> None:
    with pytest.raises(ValueError):
        radar("r", "t", [str(i) for i in range(31)], [], 5)


@pytest.mark.parametrize("n", [1, 2])
def test_fewer_than_three_axes_draws_bars(n: int) -> None:
    axes = ["Governance", "Training"][:n]
    chart = radar("r", "t", axes, [("Now", [1, 2][:n]), ("Target", [3, 4][:n]), ("Projected", [2, 3][:n])], 5)
    root = check_chart(chart)
    assert root.findall(f".//{SVG_NS}polygon") == []
    assert len([r for r in root.iter(SVG_NS + "rect") if r.get("class") == "rg-bar"]) == 3 * n


def test_no_axes_or_no_series() -> None:
    for chart in (radar("r", "t", [], [], 5), radar("r", "t", ["a", "b", "c"], [], 5)):
        check_chart(chart)
        assert "No factors to show." in chart.svg


def test_values_are_clamped_in_the_drawing_not_the_table() -> None:
    chart = radar("r", "t", ["a", "b", "c"], [("Now", [-1, 7, 2])], 5)
    check_chart(chart)
    assert [row[1] for row in chart.table_rows] == ["-1", "7", "2"]


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        radar("r", "t", ["a", "b", "c"], [("Now", [1, 2])], 5)
    with pytest.raises(ValueError):
        radar("r", "t", ["a", "b", "c"], [("Now", [1, 2, math.nan])], 5)
    with pytest.raises(ValueError):
        radar("r", "t", ["a", "b", "c"], [("Now", [1, 2, 3])], 0)


def test_deterministic() -> None:
    assert example() == example()


def test_large_scale_rings() -> None:
    chart = radar("r", "t", ["a", "b", "c", "d"], [("Now", [10, 55, 70, 100])], 100)
    check_chart(chart)
    assert chart.svg.count('class="rg-ring"') == 5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(max_size=40), min_size=0, max_size=12),
    st.text(max_size=30),
    st.integers(min_value=1, max_value=10),
)
def test_any_labels_make_valid_charts(axes: list[str], name: str, top: int) -> None:
    chart = radar("r", name, axes, [(name, [i % (top + 1) for i in range(len(axes))])], top)
    check_chart(chart)


# --- grouped_radar: one radar per group past 16 axes ------------------------------------------

GROUPED = [
    ("People", "Leadership: Sponsor engagement"), ("People", "Leadership: Understanding of the value"),
    ("People", "Training & awareness: Role-based"), ("People", "Training & awareness: Coaching after training"),
    ("People", "Stakeholder identification and management"), ("People", "Culture receptive to change"),
    ("Process", "Goals: Measurable goals"), ("Process", "Goals: Goals in place"),
    ("Process", "Baseline assessment of the current state"), ("Process", "Defined scope"),
    ("Process", "Feedback that is accepted and considered"), ("Process", "Governance at the right level"),
    ("Process", "Common processes across all providers"),
    ("Technology", "Viable metrics for improvement"), ("Technology", "A front door to IT services"),
    ("Technology", "Customer experience and satisfaction measurement"),
    ("Partners <b>", "Supplier management: Contracts"), ("Partners <b>", "Supplier management: Reviews"),
]


def grouped_example():
    groups, axes = zip(*GROUPED)
    n = len(axes)
    return grouped_radar("grouped", "Maturity by dimension", list(axes), list(groups),
                         [("Now", [i % 4 for i in range(n)]), ("Target", [3] * n),
                          ("End of plan", [min(3, i % 4 + 1) for i in range(n)])], 3)


def test_golden_grouped(golden) -> None:
    golden("radar_grouped.svg", grouped_example().svg)


def test_grouped_structure() -> None:
    chart = grouped_example()
    root = check_chart(chart)
    assert chart.table_header == ("Dimension", "Factor", "Now", "Target", "End of plan")
    assert [row[:2] for row in chart.table_rows] == [tuple(pair) for pair in GROUPED]
    assert chart.table_rows[-1] == ("Partners <b>", "Supplier management: Reviews", "1", "3", "2")
    headings = [visible(t) for t in root.iter(SVG_NS + "text") if "rg-group" in (t.get("class") or "")]
    assert headings == ["People", "Process", "Technology", "Partners <b>"]
    assert len([g for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-grid"]) == 4  # three wheels, one bar grid
    assert len([r for r in root.iter(SVG_NS + "rect") if r.get("class") == "rg-bar"]) == 2 * 3
    assert chart.description.startswith(
        "Now, Target and End of plan levels for 18 factors on a 0\u20133 scale, one radar for each of 4 dimensions "
        "(bars for Partners <b>: fewer than 3 factors); largest gap between Now and Target: "
        "Leadership: Sponsor engagement (0 to 3)")
    shown = [visible(t) for t in name_labels(root)]
    assert len(shown) == len(GROUPED) + 4 + 3 and len(set(shown)) == len(shown)  # factors, headings, legend


def test_grouped_up_to_sixteen_axes_is_the_single_radar() -> None:
    axes = [f"Factor {i}" for i in range(16)]
    series = [("Now", [i % 4 for i in range(16)])]
    assert grouped_radar("r", "t", axes, ["A"] * 8 + ["B"] * 8, series, 3) == radar("r", "t", axes, series, 3)
    assert grouped_radar("r", "t", axes[:3], ["A"] * 3, series[:0], 3) == radar("r", "t", axes[:3], [], 3)


def test_grouped_keeps_groups_together_in_order_of_first_appearance() -> None:
    axes = [f"Factor {i}" for i in range(20)]
    groups = ["B" if i % 2 else "A" for i in range(20)]
    chart = grouped_radar("r", "t", axes, groups, [("Now", [float(i % 4) for i in range(20)])], 3)
    check_chart(chart)
    assert [row[0] for row in chart.table_rows] == ["A"] * 10 + ["B"] * 10
    assert [row[1] for row in chart.table_rows[:3]] == ["Factor 0", "Factor 2", "Factor 4"]
    assert [row[2] for row in chart.table_rows[:3]] == ["0", "2", "0"]


def test_a_large_group_is_drawn_in_parts() -> None:
    axes = [f"Practice {i}: something to do" for i in range(45)]
    chart = grouped_radar("r", "t", axes, ["Everything"] * 45, [("Now", [1.0] * 45)], 3)
    root = check_chart(chart)
    headings = [visible(t) for t in root.iter(SVG_NS + "text") if "rg-group" in (t.get("class") or "")]
    assert headings == ["Everything (1 of 3)", "Everything (2 of 3)", "Everything (3 of 3)"]
    assert all(row[0] == "Everything" for row in chart.table_rows)
    assert "45 factors on a 0\u20133 scale, in 3 radars; lowest: " in chart.description


def test_grouped_with_no_series_and_bad_input() -> None:
    axes = [f"F{i}" for i in range(20)]
    chart = grouped_radar("r", "t", axes, ["g"] * 20, [], 3)
    check_chart(chart)
    assert "No factors to show." in chart.svg
    with pytest.raises(ValueError):
        grouped_radar("r", "t", axes, ["g"] * 19, [], 3)
    with pytest.raises(ValueError):
        grouped_radar("r", "t", axes, ["g"] * 20, [("Now", [1.0] * 19)], 3)
    with pytest.raises(ValueError):
        grouped_radar("r", "t", axes, ["g"] * 20, [("Now", [math.inf] * 20)], 3)


@pytest.mark.parametrize("label", HOSTILE)
def test_grouped_hostile_labels(label: str) -> None:
    axes = [label, *(f"{label} {i}" for i in range(19))]
    groups = [label] * 10 + ["other"] * 9 + [label + "x"]
    chart = grouped_radar("r", label, axes, groups, [(label, [1.0] * 20)], 3)
    check_chart(chart)
    assert "<script" not in chart.svg and "<foreignObject" not in chart.svg


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(max_size=50), st.sampled_from(["A", "Bb", "Ccc: long group name", "D"])),
                min_size=17, max_size=40),
       st.integers(min_value=1, max_value=5))
def test_any_grouped_labels_make_valid_distinct_charts(pairs: list[tuple[str, str]], top: int) -> None:
    axes, groups = [a for a, _ in pairs], [g for _, g in pairs]
    chart = grouped_radar("r", "t", axes, groups, [("Now", [float(i % (top + 1)) for i in range(len(axes))])], top)
    root = check_chart(chart)
    labels = [t for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-axis-labels" for t in g]
    assert len(labels) == len(axes)
    # equal names read the same (if maybe broken differently), different names differently
    assert len({joined(visible(t)) for t in labels}) == len(set(axes))
