"""Heatmap of levels: rows (teams) by columns (factors), a number in every cell.

Built to stay small for 1,000 rows x 21 columns: each row is one translated
``<g>``, each cell exactly one ``<rect>`` and one ``<text>`` with short
attributes (about 80 bytes), and text colour on dark cells comes from CSS
(``.rg-heat-4 + text``), not from markup. ``None`` means "not assessed" and
shows as a dashed cell with an en dash.
"""

from __future__ import annotations

import math
from typing import Sequence

from roadmap_gen.charts.base import (
    NOT_ASSESSED,
    Chart,
    LegendItem,
    SwatchFn,
    approx_width,
    check_finite,
    chart_id_of,
    chars_for,
    finish_svg,
    fmt,
    legend,
    no_data,
    plural,
    svg_head,
    text_el,
    truncate,
)
from roadmap_gen.escape import html_attr, html_text, link_target

__all__ = ["heatmap", "heat_class"]

LABEL_W = 190.0
ROW_H = 20.0
CELL_GAP = 2.0
COL_LABEL_CHARS = 22
HEAT_STEPS = 5


def heat_class(value: float | None, max_value: int) -> str:
    """The colour class of a cell: ``rg-heat-0`` .. ``rg-heat-5`` by share of *max_value*, or ``rg-heat-na``."""
    if value is None:
        return "rg-heat-na"
    step = math.floor(min(max(value, 0), max_value) * HEAT_STEPS / max_value + 0.5)
    return f"rg-heat-{step}"


def _cell_text(value: float | None) -> str:
    return NOT_ASSESSED if value is None else fmt(value)


def heatmap(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Sequence[int | None]],
    max_value: int,
    row_links: Sequence[str | None] | None = None,
    *,
    row_title: str = "Team",
    row_plural: str = "teams",
    col_plural: str = "factors",
) -> Chart:
    """A grid of *values* (``values[r][c]`` for ``rows[r]`` x ``cols[c]``) on 0..*max_value*.

    ``None`` is "not assessed". *row_links* (one per row, ``None`` for no
    link) turn row labels into links; pass hrefs already made safe with
    :func:`roadmap_gen.escape.link_target` and in their final, built form
    (MkDocs does not rewrite links inside raw HTML). As a second line of
    defence the chart runs them through ``link_target`` again (a no-op on
    its own output) and drops any it refuses. With links the root gets
    ``role="group"`` instead of ``img`` so the links stay reachable to
    assistive technology (children of ``role="img"`` are presentational).

    Raises ``ValueError`` on mismatched lengths, non-finite values or
    *max_value* < 1.
    """
    if max_value < 1:
        raise ValueError("max_value must be at least 1")
    if len(values) != len(rows):
        raise ValueError(f"need one row of values per row ({len(rows)}), got {len(values)}")
    for r, row in enumerate(values):
        if len(row) != len(cols):
            raise ValueError(f"row {r} has {len(row)} values for {len(cols)} columns")
        check_finite(row, f"row {r}")
    if row_links is not None and len(row_links) != len(rows):
        raise ValueError(f"need one link (or None) per row ({len(rows)}), got {len(row_links)}")

    cid = chart_id_of(chart_id)
    links = [(link_target(h) if h else None) for h in row_links] if row_links is not None else [None] * len(rows)
    header = (row_title, *cols)
    table_rows = tuple((name, *(_cell_text(v) for v in values[r])) for r, name in enumerate(rows))
    desc = _describe(rows, cols, values, max_value, row_plural, col_plural)

    digits = max(len(fmt(max_value)), *(len(_cell_text(v)) for row in values for v in row), 1) if rows else 1
    cell_w = max(26.0, digits * 7.0 + 12.0)
    col_labels = [truncate(c, COL_LABEL_CHARS) for c in cols]
    longest = max((approx_width(c, 11) for c in col_labels), default=0.0)
    header_h = max(30.0, longest * 0.72 + 18)
    grid_x = LABEL_W + 8
    width = max(grid_x + len(cols) * cell_w + longest * 0.72 + 12, 420.0)
    top = header_h

    lines: list[str] = []
    lines.append('<g class="rg-axis-labels">')
    for c, col in enumerate(cols):
        x = grid_x + c * cell_w + cell_w / 2 + 4
        y = top - 6
        lines.append(
            text_el(x, y, col, cls="rg-label rg-small", max_chars=COL_LABEL_CHARS,
                    extra=f'transform="rotate(-45 {fmt(x)} {fmt(y)})"')
        )
    lines.append("</g>")

    if not rows or not cols:
        lines.append(no_data(width / 2, top + 20, f"No {row_plural} assessed." if not rows else f"No {col_plural} to show."))
        grid_bottom = top + 36
    else:
        label_chars = chars_for(LABEL_W - 8)
        rect_w, rect_h = fmt(cell_w - CELL_GAP), fmt(ROW_H - CELL_GAP)
        text_y = fmt((ROW_H - CELL_GAP) / 2 + 4)
        xs = [fmt(grid_x + c * cell_w) for c in range(len(cols))]
        xt = [fmt(grid_x + c * cell_w + (cell_w - CELL_GAP) / 2) for c in range(len(cols))]
        lines.append('<g class="rg-cells" text-anchor="middle">')
        for r, name in enumerate(rows):
            lines.append(f'<g transform="translate(0 {fmt(top + r * ROW_H)})">')
            label = text_el(LABEL_W, float(text_y), name, anchor="end", max_chars=label_chars)
            if links[r]:
                label = f'<a href="{html_attr(links[r] or "")}">{label}</a>'
            lines.append(label)
            for c, value in enumerate(values[r]):
                lines.append(
                    f'<rect x="{xs[c]}" width="{rect_w}" height="{rect_h}" class="{heat_class(value, max_value)}"/>'
                    f'<text x="{xt[c]}" y="{text_y}">{html_text(_cell_text(value))}</text>'
                )
            lines.append("</g>")
        lines.append("</g>")
        grid_bottom = top + len(rows) * ROW_H

    items = [LegendItem("Level", lambda x, y: "")]
    items.extend(
        LegendItem("", _heat_swatch(heat_class(level, max_value), fmt(level))) for level in _legend_levels(max_value)
    )
    items.append(LegendItem("not assessed", _heat_swatch("rg-heat-na", NOT_ASSESSED)))
    legend_lines, legend_h = legend(items, 8, grid_bottom + 10, width - 16)
    lines.extend(legend_lines)
    height = grid_bottom + 10 + legend_h + 8

    role = "group" if any(links) else "img"
    svg_lines = svg_head(cid, width, height, title, desc, role=role)
    svg_lines.extend(lines)
    return Chart(cid, title, desc, finish_svg(svg_lines), header, table_rows)


def _legend_levels(max_value: int) -> list[int]:
    if max_value <= 10:
        return list(range(max_value + 1))
    return sorted({round(max_value * k / HEAT_STEPS) for k in range(HEAT_STEPS + 1)})


def _heat_swatch(cls: str, label: str) -> SwatchFn:
    def draw(x: float, y: float) -> str:
        return (
            f'<g class="rg-cells"><rect x="{fmt(x + 2)}" y="{fmt(y - 9)}" width="22" height="18" class="{cls}"/>'
            f'<text x="{fmt(x + 13)}" y="{fmt(y + 4)}" text-anchor="middle">{html_text(label)}</text></g>'
        )

    return draw


def _describe(
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Sequence[int | None]],
    max_value: int,
    row_plural: str,
    col_plural: str,
) -> str:
    if not rows or not cols:
        return f"No {row_plural if not rows else col_plural} to show."
    missing = sum(1 for row in values for v in row if v is None)
    text = f"Levels (0\u2013{max_value}) of {len(rows)} {row_plural} across {len(cols)} {col_plural}"
    text += f"; {plural(missing, 'cell')} not assessed" if missing else "; every cell assessed"

    def lowest(names: Sequence[str], series: list[list[float]]) -> str | None:
        means = [(sum(s) / len(s), i) for i, s in enumerate(series) if s]
        if not means:
            return None
        mean, index = min(means)
        return f"{names[index]} ({fmt(mean, 1)})"

    by_row = [[float(v) for v in row if v is not None] for row in values]
    by_col = [[float(v) for v in (values[r][c] for r in range(len(rows))) if v is not None] for c in range(len(cols))]
    low_row, low_col = lowest(rows, by_row), lowest(cols, by_col)
    if low_row and low_col:
        text += f"; lowest average: {low_row} among {row_plural}, {low_col} among {col_plural}"
    return text + "."
