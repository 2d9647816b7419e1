"""Heatmap of levels: rows (teams) by columns (factors), a number in every cell.

Row and column labels are shortened by :func:`~roadmap_gen.charts.labels.distinct_labels`
(no two read the same; a shortened label keeps the full name as its tooltip,
and the table has it).

Built to stay small for 1,000 rows x 21 columns: each row is one translated
``<g>``, each cell exactly one ``<rect>`` and one ``<text>`` with short
attributes (about 80 bytes), and text colour on dark cells comes from CSS
(``.rg-heat-4 + text``), not from markup. ``None`` means "not assessed" and
shows as a dashed cell with an en dash.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_gen.charts.base import (
    NOT_ASSESSED,
    Chart,
    Legend,
    LegendItem,
    Role,
    SwatchFn,
    Table,
    approx_width,
    assemble,
    cell_text,
    chars_for,
    chart_id_of,
    check_finite,
    fmt,
    no_data,
    no_swatch,
    plural,
    text_el,
)
from roadmap_gen.charts.labels import distinct_labels
from roadmap_gen.core.escape import html_attr, html_text, link_target, one_line

__all__ = ["fits_page", "heatmap", "heat_class"]

#: The row labels' column: at least this wide, wider for long names up to the most, as the chart's width allows.
LABEL_W = 190.0
MAX_LABEL_W = 340.0
#: The width a heatmap keeps to (when its columns leave room) while widening its row labels.
PAGE_W = 720.0
ROW_H = 20.0
CELL_GAP = 2.0
COL_LABEL_CHARS = 22
HEAT_STEPS = 5

#: One row of cells: a level per column, ``None`` for "not assessed".
Cells = Sequence[int | None]


def heat_class(value: float | None, max_value: int) -> str:
    """The colour class of a cell: ``rg-heat-0`` .. ``rg-heat-5`` by share of *max_value*, or ``rg-heat-na``."""
    if value is None:
        return "rg-heat-na"
    step = math.floor(min(max(value, 0), max_value) * HEAT_STEPS / max_value + 0.5)
    return f"rg-heat-{step}"


def heatmap(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Cells],
    max_value: int,
    row_links: Sequence[str | None] | None = None,
    *,
    col_links: Sequence[str | None] | None = None,
    row_title: str = "Team",
    row_plural: str = "teams",
    col_plural: str = "factors",
) -> Chart:
    """A grid of *values* (``values[r][c]`` for ``rows[r]`` x ``cols[c]``) on 0..*max_value*.

    ``None`` is "not assessed". *row_links* and *col_links* (one per row or
    column, ``None`` for no link) turn labels into links; pass hrefs already made safe with
    :func:`roadmap_gen.core.escape.link_target` and in their final, built form
    (MkDocs does not rewrite links inside raw HTML). As a second line of
    defence the chart runs them through ``link_target`` again (a no-op on
    its own output) and drops any it refuses. With links the root gets
    ``role="group"`` instead of ``img`` so the links stay reachable to
    assistive technology (children of ``role="img"`` are presentational).

    Raises ``ValueError`` on mismatched lengths, non-finite values or
    *max_value* < 1.
    """
    _check(rows, cols, values, max_value, row_links, col_links)
    links, top_links = _safe_links(row_links, len(rows)), _safe_links(col_links, len(cols))
    desc = _describe(rows, cols, values, max_value, row_plural, col_plural)
    texts = _cell_texts(values)
    table = Table((row_title, *cols), tuple((name, *texts[r]) for r, name in enumerate(rows)))
    col_labels = distinct_labels(cols, COL_LABEL_CHARS)
    grid = _layout(rows, col_labels, texts, max_value)
    lines = _column_labels(grid, cols, col_labels, top_links)
    if not rows or not cols:
        lines.append(no_data(grid.width / 2, grid.top + 20, f"No {row_plural} assessed." if not rows else f"No {col_plural} to show."))
        grid_bottom = grid.top + 36
    else:
        row_labels = distinct_labels(rows, chars_for(grid.label_w - 8))
        lines += _cells(grid, rows, row_labels, len(cols), values, texts, links, max_value)
        grid_bottom = grid.top + len(rows) * ROW_H
    role: Role = "group" if any(links) or any(top_links) else "img"
    legend = Legend(_legend_items(max_value), 8, grid_bottom + 10, grid.width - 16, 8)
    return assemble(chart_id_of(chart_id), title, desc, table, grid.width, lines, legend, role=role)


def _check(
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Cells],
    max_value: int,
    row_links: Sequence[str | None] | None,
    col_links: Sequence[str | None] | None = None,
) -> None:
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
    if col_links is not None and len(col_links) != len(cols):
        raise ValueError(f"need one link (or None) per column ({len(cols)}), got {len(col_links)}")


def _safe_links(hrefs: Sequence[str | None] | None, count: int) -> list[str | None]:
    """The links again through ``link_target`` (a no-op on its own output): one it refuses is dropped."""
    return [(link_target(h) if h else None) for h in hrefs] if hrefs is not None else [None] * count


def fits_page(rows: Sequence[str], cols: Sequence[str], values: Sequence[Cells], max_value: int) -> bool:
    """Whether the heatmap of these rows and columns is at most a page wide, so it is shown at its own
    size; a wider one is scaled down to the page, its numbers and labels with it."""
    return _layout(rows, distinct_labels(cols, COL_LABEL_CHARS), _cell_texts(values), max_value).width <= PAGE_W


def _cell_texts(values: Sequence[Cells]) -> list[list[str]]:
    """Each cell's text (:func:`cell_text`), worked out once per value: a thousand rows hold a few levels."""
    known: dict[float | None, str] = {}  # equal numbers read the same (1 and 1.0 are both "1")
    return [[known[v] if v in known else known.setdefault(v, cell_text(v)) for v in row] for row in values]


@dataclass(frozen=True)
class _Grid:
    """The grid's geometry: row labels' width, cell width, the top of the first row, the chart's width."""

    label_w: float
    cell_w: float
    top: float
    width: float

    def col_x(self, c: int) -> float:
        """Left edge of column *c*."""
        return self.label_w + 8 + c * self.cell_w


def _layout(rows: Sequence[str], col_labels: Sequence[str], texts: Sequence[Sequence[str]], max_value: int) -> _Grid:
    """Cells wide enough for the widest number (*texts*: each cell's); a header tall enough for the slanted
    column labels; row labels as wide as the longest name needs, if the chart stays within the page."""
    widest = max((len(text) for row in texts for text in set(row)), default=1)
    digits = max(len(fmt(max_value)), widest, 1) if texts else 1
    cell_w = max(26.0, digits * 7.0 + 12.0)
    longest = max((approx_width(label, 11) for label in col_labels), default=0.0)
    header_h = max(30.0, longest * 0.72 + 18)
    grid_w = len(col_labels) * cell_w + longest * 0.72 + 12
    wanted = max((approx_width(one_line(row)) for row in rows), default=0.0) + 8
    label_w = max(LABEL_W, min(wanted, MAX_LABEL_W, PAGE_W - 8 - grid_w))
    width = max(label_w + 8 + grid_w, 420.0)
    return _Grid(label_w, cell_w, header_h, width)


def _column_labels(grid: _Grid, cols: Sequence[str], shown: Sequence[str], links: Sequence[str | None]) -> list[str]:
    lines = ['<g class="rg-axis-labels">']
    y = grid.top - 6
    for c, col in enumerate(cols):
        x = grid.col_x(c) + grid.cell_w / 2 + 4
        label = text_el(x, y, col, cls="rg-label rg-small", shown=shown[c],
                        extra=f'transform="rotate(-45 {fmt(x)} {fmt(y)})"')
        link = links[c]
        lines.append(f'<a href="{html_attr(link)}">{label}</a>' if link else label)
    lines.append("</g>")
    return lines


def _cells(
    grid: _Grid,
    rows: Sequence[str],
    row_labels: Sequence[str],
    n_cols: int,
    values: Sequence[Cells],
    texts: Sequence[Sequence[str]],
    links: Sequence[str | None],
    max_value: int,
) -> list[str]:
    """One translated ``<g>`` per row: its label (a link if it has one), then a rect and a number per cell."""
    # A cell's markup but for its place, by value and text: a thousand rows hold a few levels.
    drawn: dict[tuple[float | None, str], tuple[str, str]] = {}
    rect_w, rect_h = fmt(grid.cell_w - CELL_GAP), fmt(ROW_H - CELL_GAP)
    text_y = fmt((ROW_H - CELL_GAP) / 2 + 4)
    xs = [fmt(grid.col_x(c)) for c in range(n_cols)]
    xt = [fmt(grid.col_x(c) + (grid.cell_w - CELL_GAP) / 2) for c in range(n_cols)]
    lines = ['<g class="rg-cells" text-anchor="middle">']
    for r, name in enumerate(rows):
        lines.append(f'<g transform="translate(0 {fmt(grid.top + r * ROW_H)})">')
        label = text_el(grid.label_w, float(text_y), name, anchor="end", shown=row_labels[r])
        link = links[r]
        lines.append(f'<a href="{html_attr(link)}">{label}</a>' if link else label)
        for c, (value, text) in enumerate(zip(values[r], texts[r], strict=True)):
            cls, shown = drawn.get((value, text)) or drawn.setdefault(
                (value, text), (heat_class(value, max_value), html_text(text)))
            lines.append(
                f'<rect x="{xs[c]}" width="{rect_w}" height="{rect_h}" class="{cls}"/>'
                f'<text x="{xt[c]}" y="{text_y}">{shown}</text>'
            )
        lines.append("</g>")
    lines.append("</g>")
    return lines


def _legend_items(max_value: int) -> tuple[LegendItem, ...]:
    """A caption, one swatch per level shown, and "not assessed"."""
    return (
        LegendItem("Level", no_swatch),
        *(LegendItem("", _heat_swatch(heat_class(level, max_value), fmt(level))) for level in _legend_levels(max_value)),
        LegendItem("not assessed", _heat_swatch("rg-heat-na", NOT_ASSESSED)),
    )


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
    values: Sequence[Cells],
    max_value: int,
    row_plural: str,
    col_plural: str,
) -> str:
    if not rows or not cols:
        return f"No {row_plural if not rows else col_plural} to show."
    missing = sum(1 for row in values for v in row if v is None)
    text = (f"Levels (0\u2013{max_value}) of {plural(len(rows), row_plural.removesuffix('s'), row_plural)} across "
            f"{plural(len(cols), col_plural.removesuffix('s'), col_plural)}")
    text += f"; {plural(missing, 'cell')} not assessed" if missing else "; every cell assessed"
    by_row = [[float(v) for v in row if v is not None] for row in values]
    by_col = [[float(v) for v in (values[r][c] for r in range(len(rows))) if v is not None] for c in range(len(cols))]
    # The lowest of one is no finding: only where there are several to compare.
    sides = ((rows, by_row, row_plural), (cols, by_col, col_plural))
    lowest = [f"{low} among {words}" for names, series, words in sides
              if len(names) > 1 and (low := _lowest_mean(names, series))]
    if lowest:
        text += "; lowest average: " + ", ".join(lowest)
    return text + "."


def _lowest_mean(names: Sequence[str], series: list[list[float]]) -> str | None:
    """``"name (mean)"`` of the series with the lowest mean (the first on ties), or ``None`` if all are empty."""
    means = [(sum(s) / len(s), i) for i, s in enumerate(series) if s]
    if not means:
        return None
    mean, index = min(means)
    return f"{names[index]} ({fmt(mean, 1)})"
