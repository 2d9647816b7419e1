"""Trend lines across reviews."""

from __future__ import annotations

import math

import pytest

from roadmap_gen.charts.trend import trend

from .hostile import HOSTILE
from .svgcheck import SVG_NS, all_text, check_chart

PERIODS = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
SERIES = [
    ("First-contact resolution (%)", [52, 55, None, 61, 64.5]),
    ("Target (%)", [60, 60, 65, 65, 70]),
    ("Satisfaction survey response rate (%)", [None, 35, None, None, 41]),
]


def example():
    return trend("fcr", "First-contact resolution", PERIODS, SERIES, "Percent", 100)


def test_golden(golden) -> None:
    golden("trend.svg", example().svg)


def test_structure_and_gaps() -> None:
    chart = example()
    root = check_chart(chart)
    assert chart.table_header == ("Review", *(name for name, _ in SERIES))
    assert chart.table_rows[2] == ("2026-Q1", "\u2013", "65", "\u2013")
    series = [g for g in root.iter(SVG_NS + "g") if (g.get("class") or "").startswith("rg-series")]
    lines = [len(g.findall(SVG_NS + "polyline")) for g in series]
    assert lines == [2, 1, 0]  # a gap splits the first line; lone points get no line
    markers = [len(list(g)) - n for g, n in zip(series, lines)]
    assert markers == [4, 5, 2]
    assert chart.description == (
        "Percent across 5 reviews (2025-Q3 to 2026-Q3): First-contact resolution (%) from 52 to 64.5, "
        "Target (%) from 60 to 70 and Satisfaction survey response rate (%) from 35 to 41."
    )
    assert "100" in all_text(root)


def test_auto_scale_and_negative_values() -> None:
    chart = trend("t", "t", ["a", "b", "c"], [("x", [-3, 4, 12])], "Change")
    root = check_chart(chart)
    texts = all_text(root)
    assert "-5" in texts and "15" in texts


def test_all_missing_and_single_period() -> None:
    check_chart(trend("t", "t", PERIODS, [("x", [None] * 5)], "Level", 5))
    chart = trend("t", "t", ["2026-Q1"], [("x", [3])], "Level", 5)
    check_chart(chart)
    assert chart.description == "Level across 1 review (2026-Q1): x 3."


def test_many_periods_thin_labels() -> None:
    periods = [f"R{i}" for i in range(40)]
    chart = trend("t", "t", periods, [("x", [i % 6 for i in range(40)])], "Level", 5)
    root = check_chart(chart)
    labels = root.find(f".//{SVG_NS}g[@class='rg-axis-labels']")
    assert len(labels) <= 12


def test_no_data() -> None:
    for chart in (trend("t", "t", [], [], "Level"), trend("t", "t", PERIODS, [], "Level")):
        check_chart(chart)
        assert "rg-note" in chart.svg


def test_eight_series_are_distinct() -> None:
    series = [(f"S{i}", [i, i + 1, None, i + 2, i]) for i in range(9)]
    root = check_chart(trend("t", "t", PERIODS, series, "Level"))
    groups = [g for g in root.iter(SVG_NS + "g") if (g.get("class") or "").startswith("rg-series")]
    styles = {(g.get("class"), g.find(SVG_NS + "polyline").get("stroke-dasharray")) for g in groups[:8]}
    assert len(styles) == 8


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels(label: str) -> None:
    chart = trend("t", label, [label, "b"], [(label, [1, None])], label)
    check_chart(chart)
    assert "<script" not in chart.svg


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        trend("t", "t", PERIODS, [("x", [1, 2])], "y")
    with pytest.raises(ValueError):
        trend("t", "t", PERIODS, [("x", [1, 2, 3, 4, math.nan])], "y")
    with pytest.raises(ValueError):
        trend("t", "t", PERIODS, [("x", [1, 2, 3, 4, 5])], "y", 0)


def test_deterministic() -> None:
    assert example() == example()
