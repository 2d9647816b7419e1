"""Timeline (a Gantt by phase): each item as a bar in its phase's column, grouped.

Rows are grouped by :attr:`TimelineRow.group` (the caller decides: owner,
factor, dimension...). Groups appear in order of first appearance and items
keep their input order inside a group, so the chart is deterministic and
follows the plan's own order. It stays readable with no items (a note) and
with hundreds (one 18-unit row per item; the SVG grows in height). Group
headings, items, owners and phases are shortened to labels no two of which
read the same (:func:`~roadmap_gen.charts.labels.distinct_labels`); a
shortened label keeps the full text as its tooltip, and the table has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_gen.charts.base import (
    Chart,
    Legend,
    LegendItem,
    Table,
    assemble,
    box_swatch,
    chars_for,
    chart_id_of,
    fmt,
    join_names,
    no_data,
    no_swatch,
    plural,
    text_el,
)
from roadmap_gen.charts.labels import distinct_labels

__all__ = ["TimelineRow", "timeline"]

LABEL_W = 260.0
#: With more items than this, group header rows repeat the phase names.
REPEAT_HEADER_AFTER = 30
HEADER_H = 30.0
ROW_H = 18.0
GROUP_H = 24.0
MAX_LEGEND_GROUPS = 16
#: Characters of a group's name in the legend (the legend's own room, :func:`~roadmap_gen.charts.base.draw_legend`).
LEGEND_CHARS = 28


@dataclass(frozen=True)
class TimelineRow:
    """One item of work: its label, the index of its phase in ``periods``, owner and group."""

    label: str
    period_index: int
    owner: str
    group: str


#: A group's name and its items, in input order.
Group = tuple[str, list[TimelineRow]]


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
    _check(periods, rows)
    groups = _grouped(rows)
    show_owner = any(row.owner != row.group for row in rows)
    desc = _describe(periods, rows, groups, group_title.lower(), group_plural)
    table = _table(periods, groups, group_title, show_owner=show_owner)
    layout = _layout(periods, groups)
    lines = _bands(layout, groups)
    lines += _column_heads(layout, periods)
    if not rows:
        x = LABEL_W + len(periods) * layout.col_w / 2 if periods else layout.width / 2
        lines.append(no_data(x, layout.body_top + 24, "No items planned."))
    items, legend_names = _item_and_legend_labels(groups)
    lines += _group_rows(layout, periods, groups, items, show_owner=show_owner, repeat_heads=len(rows) > REPEAT_HEADER_AFTER)
    legend = Legend(_legend_items(groups, legend_names), 8, layout.body_bottom + 10, layout.width - 16, 8)
    return assemble(chart_id_of(chart_id), title, desc, table, layout.width, lines, legend)


# --- data: checks, groups, table, description, legend ---------------------------------


def _check(periods: Sequence[str], rows: Sequence[TimelineRow]) -> None:
    for row in rows:
        if not 0 <= row.period_index < len(periods):
            raise ValueError(f"item {row.label!r}: period_index {row.period_index} is not one of {len(periods)} periods")


def _grouped(rows: Sequence[TimelineRow]) -> list[Group]:
    groups: dict[str, list[TimelineRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return list(groups.items())


def _table(periods: Sequence[str], groups: list[Group], group_title: str, *, show_owner: bool) -> Table:
    header: tuple[str, ...] = (group_title, "Item", "Phase", "Owner") if show_owner else (group_title, "Item", "Phase")
    rows = tuple(
        (name, row.label, periods[row.period_index], *((row.owner,) if show_owner else ()))
        for name, members in groups
        for row in members
    )
    return Table(header, rows)


def _describe(
    periods: Sequence[str],
    rows: Sequence[TimelineRow],
    groups: list[Group],
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


def _item_and_legend_labels(groups: list[Group]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Each item's label (by item name), and the label of each group the legend names.

    Chosen together: an item ("Name a champion for culture for applications") and a group of the
    legend ("Guidance: Culture for applications") shortened apart could read the same.
    """
    items = [row.label for _, members in groups for row in members]
    legend = [name for name, _ in groups[:MAX_LEGEND_GROUPS]]
    shown = distinct_labels(items + legend, [chars_for(LABEL_W - 26)] * len(items) + [LEGEND_CHARS] * len(legend))
    return dict(zip(items, shown)), tuple(shown[len(items):])


def _legend_items(groups: list[Group], shown: Sequence[str]) -> tuple[LegendItem, ...]:
    items = [LegendItem(name, box_swatch(f"rg-item rg-dim-{g % 8}"), label)
             for g, ((name, _), label) in enumerate(zip(groups[:MAX_LEGEND_GROUPS], shown))]
    if len(groups) > MAX_LEGEND_GROUPS:
        items.append(LegendItem(f"and {len(groups) - MAX_LEGEND_GROUPS} more", no_swatch))
    return tuple(items)


# --- drawing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Column width, the chart's width and the top and bottom of the rows."""

    col_w: float
    width: float
    body_top: float
    body_bottom: float

    def col_x(self, i: int) -> float:
        """Left edge of period *i*'s column."""
        return LABEL_W + i * self.col_w


def _layout(periods: Sequence[str], groups: list[Group]) -> _Layout:
    col_w = float(max(90, min(170, 540 // max(len(periods), 1))))
    width = LABEL_W + max(len(periods), 1) * col_w + 10
    body_h = sum(GROUP_H + len(members) * ROW_H for _, members in groups) if groups else 40.0
    return _Layout(col_w, width, HEADER_H, HEADER_H + body_h)


def _bands(layout: _Layout, groups: list[Group]) -> list[str]:
    """Alternate row bands (drawn first, under everything)."""
    lines = ['<g class="rg-bands">']
    y = layout.body_top
    for _name, members in groups:
        y += GROUP_H
        for k in range(len(members)):
            if k % 2 == 1:
                lines.append(
                    f'<rect class="rg-band" x="0" y="{fmt(y + k * ROW_H)}" width="{fmt(layout.width)}" height="{fmt(ROW_H)}"/>'
                )
        y += len(members) * ROW_H
    lines.append("</g>")
    return lines


def _column_heads(layout: _Layout, periods: Sequence[str]) -> list[str]:
    """The period names over their columns, and the column separators."""
    lines = ['<g class="rg-axis-labels">']
    shown = distinct_labels(periods, chars_for(layout.col_w - 8))
    for i, period in enumerate(periods):
        lines.append(
            text_el(layout.col_x(i) + layout.col_w / 2, 20, period, cls="rg-label rg-group", anchor="middle", shown=shown[i])
        )
    lines.append("</g>")
    edges = [layout.col_x(i) for i in range(len(periods) + 1)]
    grid = "".join(f"M{fmt(x)} {fmt(layout.body_top - 4)}V{fmt(layout.body_bottom)}" for x in edges)
    lines.append(f'<path class="rg-grid" d="{grid}M0 {fmt(layout.body_top)}H{fmt(layout.width)}"/>')
    return lines


def _group_rows(
    layout: _Layout, periods: Sequence[str], groups: list[Group], items: dict[str, str], *, show_owner: bool,
    repeat_heads: bool,
) -> list[str]:
    """Each group: a heading (with the period names again on long charts), then one row per item.

    Headings, items (labelled by *items*), owners and periods are each shortened to distinct labels.
    """
    headings = _headings(groups)
    owners = dict(zip(*_shortened([row.owner for _, members in groups for row in members],
                                  chars_for(layout.col_w - 16, 11))))
    period_heads = distinct_labels(periods, chars_for(layout.col_w - 8, 11))
    lines: list[str] = []
    y = layout.body_top
    for g, (name, members) in enumerate(groups):
        lines.append(f'<g class="rg-series rg-dim-{g % 8}">')
        lines.append(text_el(8, y + 16, f"{name} ({len(members)})", cls="rg-label rg-group", shown=headings[g]))
        if repeat_heads and g > 0:
            for i, period in enumerate(periods):
                lines.append(
                    text_el(layout.col_x(i) + layout.col_w / 2, y + 16, period, cls="rg-label rg-small", anchor="middle",
                            shown=period_heads[i])
                )
        y += GROUP_H
        for row in members:
            lines.append(text_el(20, y + 13, row.label, shown=items[row.label]))
            x = layout.col_x(row.period_index)
            lines.append(
                f'<rect class="rg-item" x="{fmt(x + 5)}" y="{fmt(y + 2.5)}" width="{fmt(layout.col_w - 10)}" '
                f'height="{fmt(ROW_H - 5)}" rx="3"/>'
            )
            if show_owner and row.owner != row.group:
                lines.append(text_el(x + 10, y + 13, row.owner, cls="rg-label rg-small", shown=owners[row.owner]))
            y += ROW_H
        lines.append("</g>")
    return lines


def _shortened(names: list[str], max_chars: int) -> tuple[list[str], tuple[str, ...]]:
    """*names* and their distinct labels, for a name -> label dict."""
    return names, distinct_labels(names, max_chars)


def _headings(groups: list[Group]) -> list[str]:
    """Each group's heading, ``"name (count)"``, its name shortened so the count always shows."""
    counts = [f" ({len(members)})" for _, members in groups]
    room = chars_for(LABEL_W - 12) - max((len(c) for c in counts), default=0)
    names = distinct_labels([name for name, _ in groups], room)
    return [name + count for name, count in zip(names, counts)]
