"""Radar chart (and its bar fallback for fewer than 3 axes)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_gen.charts.radar import radar

from .hostile import HOSTILE
from .svgcheck import SVG_NS, all_text, check_chart

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


def test_long_labels_are_truncated_with_full_title() -> None:
    long = "A very long factor name that goes on and on"
    root = check_chart(radar("r", "t", [long, "b", "c"], [("Now", [1, 2, 3])], 5))
    texts = [t for t in root.iter(SVG_NS + "text") if t.find(SVG_NS + "title") is not None]
    assert texts and texts[0].find(SVG_NS + "title").text == long
    assert all_text(root)[[t.find(SVG_NS + "title") is not None for t in root.iter(SVG_NS + "text")].index(True)].endswith("\u2026")


@pytest.mark.parametrize("n", [3, 4, 7, 21, 30])
def test_axis_counts(n: int) -> None:
    axes = [f"Factor {i}" for i in range(n)]
    chart = radar("r", "t", axes, [("Now", [i % 6 for i in range(n)]), ("Target", [5] * n)], 5)
    root = check_chart(chart)
    assert len(root.find(f"{SVG_NS}g[@class='rg-axis-labels']")) == n


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
