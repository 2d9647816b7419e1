"""Shared chart helpers: number formatting, ticks, truncation, the SVG root."""

from __future__ import annotations

import dataclasses
import math

import pytest

from roadmap_gen.charts.base import (
    ELLIPSIS,
    Chart,
    Legend,
    LegendItem,
    Table,
    assemble,
    box_swatch,
    cell_text,
    finish_svg,
    fmt,
    join_names,
    marker,
    nice_ticks,
    no_legend,
    plural,
    svg_head,
    svg_open,
    text_el,
    truncate,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "1"), (1.0, "1"), (2.345, "2.35"), (0.1 + 0.2, "0.3"), (-0.001, "0"), (-1.5, "-1.5"), (1e-9, "0"),
     (12345.678, "12345.68"), (100, "100"), (2.5, "2.5")],
)
def test_fmt(value: float, expected: str) -> None:
    assert fmt(value) == expected


def test_fmt_rejects_non_finite_and_bool() -> None:
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            fmt(bad)
    with pytest.raises(TypeError):
        fmt(True)


def test_fmt_decimals() -> None:
    assert fmt(33.333, 0) == "33"
    assert fmt(1.25, 1) in ("1.2", "1.3")


@pytest.mark.parametrize(
    ("high", "low", "expected"),
    [(5, 0, [0, 1, 2, 3, 4, 5]), (36, 0, [0, 10, 20, 30, 40]), (100, 0, [0, 20, 40, 60, 80, 100]),
     (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]), (7.3, -2, [-2, 0, 2, 4, 6, 8])],
)
def test_nice_ticks(high: float, low: float, expected: list[float]) -> None:
    assert nice_ticks(high, low) == expected


def test_truncate() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("a long label here", 8) == "a long" + ELLIPSIS
    assert len(truncate("x" * 50, 10)) == 10
    assert truncate("  a \n b ", 10) == "a b"


def test_text_el_truncates_with_title() -> None:
    out = text_el(1, 2, "A <very> long label", max_chars=8)
    assert out == '<text x="1" y="2" class="rg-label"><title>A &lt;very&gt; long label</title>A &lt;very\u2026</text>'
    assert "<title>" not in text_el(1, 2, "short", max_chars=8)


def test_words() -> None:
    assert plural(1, "factor") == "1 factor"
    assert plural(2, "factor") == "2 factors"
    assert plural(2, "person", "people") == "2 people"
    assert join_names([]) == ""
    assert join_names(["a"]) == "a"
    assert join_names(["a", "b", "c"]) == "a, b and c"
    assert join_names(list("abcdefgh"), limit=3) == "a, b, c and 5 more"


def test_svg_open_exact() -> None:
    assert svg_open(720, 300.5, "x-title", "x-desc") == (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="x-title x-desc" '
        'viewBox="0 0 720 300.5" width="100%" style="max-width:720px" class="rg-chart" font-size="12">'
    )


def test_svg_head_escapes_and_finish_checks() -> None:
    lines = svg_head("c", 10, 10, 'T <b> "q"', "line1\nline2 & more")
    assert lines[1] == '<title id="c-title">T &lt;b&gt; &quot;q&quot;</title>'
    assert lines[2] == '<desc id="c-desc">line1 line2 &amp; more</desc>'
    svg = finish_svg(lines)
    assert svg.endswith("\n</svg>")
    with pytest.raises(AssertionError):
        finish_svg(["<svg>", "", "<g/>"])
    with pytest.raises(AssertionError):
        finish_svg(["<svg>", "    <g/>"])


def test_markers_are_known() -> None:
    for shape in ("circle", "ring", "square", "diamond", "triangle", "triangle-down", "cross", "bar"):
        assert marker(shape, 10, 10).startswith("<")
    with pytest.raises(ValueError):
        marker("star", 0, 0)


def test_chart_is_frozen() -> None:
    chart = Chart("a", "t", "d", "<svg/>", ("h",), (("r",),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        chart.id = "b"  # type: ignore[misc]


def test_assemble_puts_head_body_legend_and_table_together() -> None:
    table = Table(("Factor", "Now"), (("a", "1"),))
    legend = Legend((LegendItem("Now", box_swatch("rg-box rg-dim-0")),), 8, 100, 300, 12)
    chart = assemble("c", "T", "D.", table, 320, ['<g class="rg-body"/>'], legend, role="group")
    lines = chart.svg.split("\n")
    assert lines[0] == svg_open(320, 132, "c-title", "c-desc", role="group")  # legend row 20 high, pad 12
    assert lines[1:3] == ['<title id="c-title">T</title>', '<desc id="c-desc">D.</desc>']
    assert lines[3] == '<g class="rg-body"/>'
    assert lines[4] == '<g class="rg-legend">' and lines[-2] == "</g>" and lines[-1] == "</svg>"
    assert (chart.id, chart.title, chart.description) == ("c", "T", "D.")
    assert (chart.table_header, chart.table_rows) == (table.header, table.rows)


def test_assemble_without_legend_ends_at_the_given_bottom() -> None:
    chart = assemble("c", "T", "D.", Table((), ()), 100, ["<g/>"], no_legend(64))
    assert 'viewBox="0 0 100 64"' in chart.svg
    assert "rg-legend" not in chart.svg


def test_cell_text() -> None:
    assert cell_text(None) == "\u2013"
    assert cell_text(2.0) == "2"
