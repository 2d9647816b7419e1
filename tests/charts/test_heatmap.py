"""Heatmap of teams by factor."""

from __future__ import annotations

import random
import re

import pytest

from roadmap_gen.charts.heatmap import fits_page, heat_class, heatmap

from .hostile import HOSTILE
from .svgcheck import SVG_NS, all_text, check_chart

FACTORS = ["Leadership support", "Measurable goals", "Stakeholder engagement", "Training & awareness",
           "Governance", "Front door to IT", "Feedback loop"]
TEAMS = ["Service desk", "Infrastructure", "Applications <script>", "Security operations and compliance team"]
VALUES = [[1, 2, 3, None, 0, 5, 4], [2, 2, 2, 2, 3, None, 1], [5, 4, 3, 2, 1, 0, 1], [3, 3, None, None, 2, 2, 1]]
LINKS = ["../teams/service-desk/", None, "javascript:alert(1)", "../teams/security ops/"]


def example():
    return heatmap("teams", "Teams by factor", TEAMS, FACTORS, VALUES, 5, LINKS)


def test_golden(golden) -> None:
    golden("heatmap.svg", example().svg)


def test_structure() -> None:
    chart = example()
    root = check_chart(chart)
    assert chart.table_header == ("Team", *FACTORS)
    assert chart.table_rows[0] == ("Service desk", "1", "2", "3", "\u2013", "0", "5", "4")
    cells = root.find(f".//{SVG_NS}g[@class='rg-cells']")
    rects = [r for r in cells.iter(SVG_NS + "rect")]
    assert len(rects) == 4 * 7
    assert [r.get("class") for r in rects[:7]] == [
        "rg-heat-1", "rg-heat-2", "rg-heat-3", "rg-heat-na", "rg-heat-0", "rg-heat-5", "rg-heat-4"]
    assert chart.description == (
        "Levels (0\u20135) of 4 teams across 7 factors; 4 cells not assessed; lowest average: "
        "Infrastructure (2) among teams, Governance (1.5) among factors."
    )


def test_links() -> None:
    root = check_chart(example())
    links = [a.get("href") for a in root.iter(SVG_NS + "a")]
    # the javascript: link is dropped even though the caller should have done it
    assert links == ["../teams/service-desk/", "../teams/security%20ops/"]
    assert root.get("role") == "group"  # links inside role=img would be unreachable
    assert check_chart(heatmap("h", "t", TEAMS, FACTORS, VALUES, 5)).get("role") == "img"


def test_column_links() -> None:
    chart = heatmap("h", "t", FACTORS[:4], TEAMS, [list(col) for col in zip(*(row[:4] for row in VALUES))], 5,
                    col_links=LINKS)
    root = check_chart(chart)
    labels = root.find(f".//{SVG_NS}g[@class='rg-axis-labels']")
    assert [a.get("href") for a in labels.iter(SVG_NS + "a")] == ["../teams/service-desk/", "../teams/security%20ops/"]
    assert root.get("role") == "group"
    with pytest.raises(ValueError):
        heatmap("h", "t", ["a"], ["f"], [[1]], 5, col_links=[None, None])


def test_one_row_or_column_has_no_lowest_average() -> None:
    one_team = heatmap("h", "t", ["Service desk"], FACTORS[:2], [[1, 2]], 5)
    assert one_team.description == ("Levels (0\u20135) of 1 team across 2 factors; every cell assessed; "
                                    "lowest average: Leadership support (1) among factors.")


def test_fits_page() -> None:
    assert fits_page(TEAMS, FACTORS, VALUES, 5)
    many = [f"Factor number {i} with a long name" for i in range(30)]
    assert not fits_page(TEAMS[:2], many, [[1] * 30] * 2, 5)
    assert fits_page(many, TEAMS[:2], [[1, 2]] * 30, 5)


def test_href_attribute_escaping() -> None:
    chart = heatmap("h", "t", ["a"], ["f"], [[1]], 5, ['x.html?a=1&b="2"'])
    root = check_chart(chart)
    assert [a.get("href") for a in root.iter(SVG_NS + "a")] == ["x.html?a=1&b=%222%22"]
    assert 'href="x.html?a=1&amp;b=%222%22"' in chart.svg


@pytest.mark.parametrize(
    ("value", "top", "cls"),
    [(None, 5, "rg-heat-na"), (0, 5, "rg-heat-0"), (3, 5, "rg-heat-3"), (5, 5, "rg-heat-5"), (9, 5, "rg-heat-5"),
     (-1, 5, "rg-heat-0"), (2, 4, "rg-heat-3"), (1, 4, "rg-heat-1"), (50, 100, "rg-heat-3")],
)
def test_heat_class(value, top, cls) -> None:
    assert heat_class(value, top) == cls


def test_thousand_rows_stay_compact() -> None:
    rnd = random.Random(7)
    rows = [f"Team {i}" for i in range(1000)]
    cols = [f"Factor {j}" for j in range(21)]
    values = [[rnd.choice([None, 0, 1, 2, 3, 4, 5]) for _ in cols] for _ in rows]
    chart = heatmap("big", "Big", rows, cols, values, 5, [f"../teams/t{i}/" for i in range(1000)])
    check_chart(chart)
    cells = 1000 * 21
    assert len(chart.svg) / cells < 150, len(chart.svg) / cells
    cell_lines = [line for line in chart.svg.split("\n") if line.startswith("<rect x=") and "<text" in line]
    assert len(cell_lines) == cells
    assert max(len(line) for line in cell_lines) < 110
    assert len(chart.table_rows) == 1000


def test_wide_values() -> None:
    chart = heatmap("h", "t", ["a"], ["f", "g"], [[100, 7]], 100)
    check_chart(chart)
    assert "100" in all_text(check_chart(chart))


def test_empty() -> None:
    for chart in (heatmap("h", "t", [], FACTORS, [], 5), heatmap("h", "t", TEAMS, [], [[], [], [], []], 5)):
        check_chart(chart)
        assert "rg-note" in chart.svg


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels(label: str) -> None:
    for links in ({"row_links": [label, None]}, {"col_links": [None, label]}):
        chart = heatmap("h", label, [label, "b"], [label, "y"], [[1, None], [3, 4]], 5, **links)
        check_chart(chart)
        assert "<script" not in chart.svg
        assert not re.search(r'href="javascript', chart.svg, re.I)


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        heatmap("h", "t", ["a"], ["f"], [], 5)
    with pytest.raises(ValueError):
        heatmap("h", "t", ["a"], ["f"], [[1, 2]], 5)
    with pytest.raises(ValueError):
        heatmap("h", "t", ["a"], ["f"], [[1]], 5, [None, None])
    with pytest.raises(ValueError):
        heatmap("h", "t", ["a"], ["f"], [[1]], 0)


def test_deterministic() -> None:
    assert example() == example()
