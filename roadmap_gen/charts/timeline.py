"""Timeline (a Gantt by phase): each item as a bar in its phase's column, grouped.

Rows are grouped by :attr:`TimelineRow.group` (the caller decides: owner,
factor, dimension...). Groups appear in order of first appearance and items
keep their input order inside a group, so the chart is deterministic and
follows the plan's own order. It stays readable with no items (a note) and
with hundreds (one 18-unit row per item; the SVG grows in height).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from roadmap_gen.charts.base import (
    Chart,
    LegendItem,
    box_swatch,
    chart_id_of,
    chars_for,
    finish_svg,
    fmt,
    join_names,
    legend,
    no_data,
    plural,
    svg_head,
    text_el,
)

__all__ = ["TimelineRow", "timeline"]

LABEL_W = 260.0
#: With more items than this, group header rows repeat the phase names.
REPEAT_HEADER_AFTER = 30
HEADER_H = 30.0
ROW_H = 18.0
GROUP_H = 24.0
MAX_LEGEND_GROUPS = 16


@dataclass(frozen=True)
class TimelineRow:
    """One item of work: its label, the index of its phase in ``periods``, owner and group."""

    label: str
    period_index: int
    owner: str
    group: str


def _column_width(n_periods: int) -> float:
    return float(max(90, min(170, 540 // max(n_periods, 1))))


def _grouped(rows: Sequence[TimelineRow]) -> list[tuple[str, list[TimelineRow]]]:
    groups: dict[str, list[TimelineRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return list(groups.items())


def _describe(
    periods: Sequence[str],
    rows: Sequence[TimelineRow],
    groups: list[tuple[str, list[TimelineRow]]],
    group_singular: str,
    group_plural: str,
) -> str:
    span = f"{plural(len(periods), 'phase')}"
    if periods:
        span += f" ({periods[0]} to {periods[-1]})" if len(periods) > 1 else f" ({periods[0]})"
    if not rows:
        return f"No items planned in {span}."
    counts = [0] * len(periods)
    for row in rows:
        counts[row.period_index] += 1
    busiest = max(range(len(periods)), key=lambda i: (counts[i], -i))
    return (
        f"{plural(len(rows), 'item')} in {span}, in {plural(len(groups), group_singular, group_plural)}"
        f" ({join_names([name for name, _ in groups], limit=4)}); busiest phase: {periods[busiest]} with {plural(counts[busiest], 'item')}."
    )


def timeline(
    chart_id: str,
    title: str,
    periods: Sequence[str],
    rows: Sequence[TimelineRow],
    *,
    group_title: str = "Owner",
    group_plural: str = "owners",
) -> Chart:
    """A Gantt of *rows*, one column per period, one bar per item, grouped by ``group``.

    The owner is written on the bar when it differs from the group (and is
    then a table column too). Raises ``ValueError`` if a row's
    ``period_index`` is not an index of *periods*.
    """
    for row in rows:
        if not 0 <= row.period_index < len(periods):
            raise ValueError(f"item {row.label!r}: period_index {row.period_index} is not one of {len(periods)} periods")

    cid = chart_id_of(chart_id)
    groups = _grouped(rows)
    show_owner = any(row.owner != row.group for row in rows)
    desc = _describe(periods, rows, groups, group_title.lower(), group_plural)

    header: tuple[str, ...] = (group_title, "Item", "Phase", "Owner") if show_owner else (group_title, "Item", "Phase")
    table_rows = tuple(
        (name, row.label, periods[row.period_index], *((row.owner,) if show_owner else ()))
        for name, members in groups
        for row in members
    )

    col_w = _column_width(len(periods))
    width = LABEL_W + max(len(periods), 1) * col_w + 10
    x_cols = [LABEL_W + i * col_w for i in range(len(periods))]
    body_top = HEADER_H
    body_h = sum(GROUP_H + len(members) * ROW_H for _, members in groups) if rows else 40.0
    body_bottom = body_top + body_h

    lines: list[str] = []
    # Alternate row bands (drawn first, under everything).
    lines.append('<g class="rg-bands">')
    y = body_top
    for _name, members in groups:
        y += GROUP_H
        for k in range(len(members)):
            if k % 2 == 1:
                lines.append(f'<rect class="rg-band" x="0" y="{fmt(y + k * ROW_H)}" width="{fmt(width)}" height="{fmt(ROW_H)}"/>')
        y += len(members) * ROW_H
    lines.append("</g>")

    # Column headers and separators.
    lines.append('<g class="rg-axis-labels">')
    for i, period in enumerate(periods):
        lines.append(
            text_el(x_cols[i] + col_w / 2, 20, period, cls="rg-label rg-group", anchor="middle", max_chars=chars_for(col_w - 8))
        )
    lines.append("</g>")
    grid = "".join(f"M{fmt(x)} {fmt(body_top - 4)}V{fmt(body_bottom)}" for x in [*x_cols, LABEL_W + len(periods) * col_w])
    lines.append(f'<path class="rg-grid" d="{grid}M0 {fmt(body_top)}H{fmt(width)}"/>')

    if not rows:
        lines.append(no_data(LABEL_W + len(periods) * col_w / 2 if periods else width / 2, body_top + 24, "No items planned."))

    y = body_top
    label_chars = chars_for(LABEL_W - 26)
    owner_chars = chars_for(col_w - 16, 11)
    for g, (name, members) in enumerate(groups):
        cls = f"rg-dim-{g % 8}"
        lines.append(f'<g class="rg-series {cls}">')
        lines.append(
            text_el(8, y + 16, f"{name} ({len(members)})", cls="rg-label rg-group", max_chars=chars_for(LABEL_W - 12))
        )
        if len(rows) > REPEAT_HEADER_AFTER and g > 0:
            for i, period in enumerate(periods):
                lines.append(
                    text_el(x_cols[i] + col_w / 2, y + 16, period, cls="rg-label rg-small", anchor="middle",
                            max_chars=chars_for(col_w - 8, 11))
                )
        y += GROUP_H
        for row in members:
            lines.append(text_el(20, y + 13, row.label, max_chars=label_chars))
            x = x_cols[row.period_index]
            lines.append(
                f'<rect class="rg-item" x="{fmt(x + 5)}" y="{fmt(y + 2.5)}" width="{fmt(col_w - 10)}" '
                f'height="{fmt(ROW_H - 5)}" rx="3"/>'
            )
            if show_owner and row.owner != row.group:
                lines.append(text_el(x + 10, y + 13, row.owner, cls="rg-label rg-small", max_chars=owner_chars))
            y += ROW_H
        lines.append("</g>")

    items = [LegendItem(name, box_swatch(f"rg-item rg-dim-{g % 8}")) for g, (name, _) in enumerate(groups[:MAX_LEGEND_GROUPS])]
    if len(groups) > MAX_LEGEND_GROUPS:
        items.append(LegendItem(f"and {len(groups) - MAX_LEGEND_GROUPS} more", lambda x, y: ""))
    legend_lines, legend_h = legend(items, 8, body_bottom + 10, width - 16)
    lines.extend(legend_lines)
    height = body_bottom + 10 + legend_h + 8

    svg_lines = svg_head(cid, width, height, title, desc)
    svg_lines.extend(lines)
    return Chart(cid, title, desc, finish_svg(svg_lines), header, table_rows)
