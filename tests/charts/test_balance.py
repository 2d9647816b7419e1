"""Effort against capacity: stacked bars by dimension."""

from __future__ import annotations

import math

import pytest

from roadmap_gen.charts.balance import balance

from .hostile import HOSTILE
from .svgcheck import SVG_NS, all_text, check_chart

PERIODS = ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
DIMENSIONS = ["People", "Process", "Technology"]
EFFORT = [[10, 12, 5], [8, 10, 18], [6, 4, 2.5], [3, 3, 3]]
CAPACITY = [30, 30, 25, 20]


def example():
    return balance("effort", "Effort against capacity", PERIODS, DIMENSIONS, EFFORT, CAPACITY)


def test_golden(golden) -> None:
    golden("balance.svg", example().svg)


def test_structure() -> None:
    chart = example()
    root = check_chart(chart)
    assert chart.table_header == ("Phase", "People", "Process", "Technology", "Total", "Capacity")
    assert chart.table_rows[1] == ("2026-Q4", "8", "10", "18", "36", "30")
    assert chart.table_rows[2] == ("2027-Q1", "6", "4", "2.5", "12.5", "25")
    boxes = [r for r in root.iter(SVG_NS + "rect") if r.get("class") == "rg-box"]
    assert len(boxes) == 12  # one segment per phase and dimension (legend swatches add a colour class)
    # patterns for dimensions after the first: readable without colour
    assert len(root.findall(f".//{SVG_NS}pattern")) == 3
    assert chart.svg.count('class="rg-capacity"') == 2  # the line and its legend swatch
    assert "36 (+6)" in all_text(root)
    assert chart.description == (
        "Effort in days by People, Process and Technology for 4 phases against capacity; "
        "over capacity in 1 of 4 (2026-Q4: 36 of 30); largest share: Process (34%)."
    )


@pytest.mark.parametrize("n", [1, 2, 5, 8, 11])
def test_any_number_of_dimensions(n: int) -> None:
    dims = [f"Dimension {j}" for j in range(n)]
    chart = balance("b", "t", PERIODS, dims, [[j + i for j in range(n)] for i in range(4)], [50] * 4)
    root = check_chart(chart)
    assert len(chart.table_header) == n + 3
    assert len([g for g in root.iter(SVG_NS + "g") if (g.get("class") or "").startswith("rg-series")]) == n


def test_within_capacity() -> None:
    chart = balance("b", "t", PERIODS[:2], DIMENSIONS, [[1, 1, 1], [2, 2, 2]], [10, 10])
    check_chart(chart)
    assert "within capacity in every phase" in chart.description
    assert "rg-over" not in chart.svg


def test_no_periods() -> None:
    chart = balance("b", "t", [], DIMENSIONS, [], [])
    check_chart(chart)
    assert chart.table_rows == ()


def test_no_dimensions_and_zero_effort() -> None:
    check_chart(balance("b", "t", PERIODS[:1], [], [[]], [0]))
    check_chart(balance("b", "t", PERIODS[:1], ["People"], [[0]], [0]))


def test_negative_effort_counts_as_zero() -> None:
    chart = balance("b", "t", PERIODS[:1], ["People", "Process"], [[-5, 3]], [10])
    check_chart(chart)
    assert chart.table_rows[0] == ("2026-Q3", "-5", "3", "3", "10")


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels(label: str) -> None:
    chart = balance("b", label, [label, "x"], [label, "y"], [[1, 2], [3, 4]], [5, 5], unit=label)
    check_chart(chart)
    assert "<script" not in chart.svg


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        balance("b", "t", PERIODS, DIMENSIONS, EFFORT[:3], CAPACITY)
    with pytest.raises(ValueError):
        balance("b", "t", PERIODS, DIMENSIONS, EFFORT, CAPACITY[:3])
    with pytest.raises(ValueError):
        balance("b", "t", PERIODS[:1], DIMENSIONS, [[1, 2]], [3])
    with pytest.raises(ValueError):
        balance("b", "t", PERIODS[:1], DIMENSIONS, [[1, 2, math.inf]], [3])


def test_deterministic() -> None:
    assert example() == example()
