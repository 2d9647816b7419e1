"""Radar (spider) charts of levels per factor: now, target, projected.

:func:`radar` draws one radar of 3 to 30 axes; with fewer than 3 axes (a
radar of one or two spokes says nothing) the same data is drawn as grouped
horizontal bars. :func:`grouped_radar` is the maturity overview for any
catalogue: up to 16 axes it is :func:`radar`; past that (more spokes than
a reader can follow) it draws one small radar per group (a dimension), or
bars for a group of fewer than 3, side by side in one chart with one
legend, one description and one table.

Axis labels wrap onto a second (or third) line and are shortened by meaning,
never to a common prefix; no two read the same (:mod:`roadmap_gen.charts.wheel`).
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
    chars_for,
    chart_id_of,
    check_finite,
    fmt,
    join_names,
    line_swatch,
    no_data,
    no_legend,
    plural,
    series_style,
    text_el,
)
from roadmap_gen.charts.labels import distinct_labels
from roadmap_gen.charts.wheel import (
    BarBox,
    LabelSlot,
    Lines,
    Series,
    Spot,
    Wheel,
    draw_bars,
    draw_wheel,
    fit_labels,
    label_extent,
    spots,
)

__all__ = ["grouped_radar", "radar"]

WIDTH = 720
RADIUS = 180.0
#: The most axes :func:`radar` draws (legibly only up to :data:`SINGLE_MAX_AXES`).
MAX_AXES = 30
#: Past this many axes :func:`grouped_radar` draws one small radar per group.
SINGLE_MAX_AXES = 16
#: A group with more axes than this gets a panel the width of the chart.
HALF_MAX_AXES = 8
#: A group with more axes than this is drawn in parts ("Name (1 of 2)").
PANEL_MAX_AXES = 20
SMALL_RADIUS = 62.0
WIDE_RADIUS = 120.0
HEADING_H = 24.0
PANEL_GAP = 16.0


def radar(
    chart_id: str,
    title: str,
    axes: Sequence[str],
    series: Sequence[Series],
    max_value: int,
    *,
    axis_title: str = "Factor",
    axis_plural: str = "factors",
) -> Chart:
    """A radar of *series* (``(name, values)``, one value per axis) on a 0..*max_value* scale.

    Series are drawn in order with the styles Now (solid, circles), Target
    (dashed, squares), Projected (dotted, diamonds), then further styles.
    Values are clamped to the scale in the drawing (the table keeps them).
    The description names the largest gap between the first two series.

    Raises ``ValueError`` if a series does not have one finite value per axis,
    if *max_value* < 1 or if there are more than 30 axes.
    """
    if len(axes) > MAX_AXES:
        raise ValueError(f"a radar shows at most {MAX_AXES} axes, got {len(axes)}")
    _check(axes, series, max_value)
    cid = chart_id_of(chart_id)
    desc = _describe(axes, series, max_value, axis_title.lower(), axis_plural)
    table = _table(axes, series, axis_title)
    if not axes or not series:
        empty = [no_data(WIDTH / 2, 40, f"No {axis_plural} to show.")]
        return assemble(cid, title, desc, table, WIDTH, empty, no_legend(64.0))
    body, bottom = _one_wheel(axes, series, max_value) if len(axes) >= 3 else _one_bar_group(axes, series, max_value)
    return assemble(cid, title, desc, table, WIDTH, body, Legend(_legend_items(series), 24, bottom, WIDTH - 48, 12))


def grouped_radar(
    chart_id: str,
    title: str,
    axes: Sequence[str],
    groups: Sequence[str],
    series: Sequence[Series],
    max_value: int,
    *,
    axis_title: str = "Factor",
    axis_plural: str = "factors",
    group_title: str = "Dimension",
    group_plural: str = "dimensions",
    max_axes: int = SINGLE_MAX_AXES,
) -> Chart:
    """The radar of *series* over *axes*, as one radar up to *max_axes* axes, else one per group.

    ``groups[i]`` is the group (for example the dimension) of ``axes[i]``.
    Groups are drawn in order of first appearance, axes in input order within
    their group. The table then has a *group_title* column before the axis.
    Raises ``ValueError`` as :func:`radar` does (without its limit on axes) or
    if there is not one group per axis.
    """
    if len(groups) != len(axes):
        raise ValueError(f"need one group per axis ({len(axes)}), got {len(groups)}")
    if len(axes) <= min(max_axes, MAX_AXES):
        return radar(chart_id, title, axes, series, max_value, axis_title=axis_title, axis_plural=axis_plural)
    _check(axes, series, max_value)
    cid = chart_id_of(chart_id)
    panels = _panels(groups)
    order = [i for panel in panels for i in panel.axes]
    desc = _describe(axes, series, max_value, axis_title.lower(), axis_plural,
                     grouping=_grouping(panels, axis_plural, group_plural))
    table = _grouped_table([groups[i] for i in order], [axes[i] for i in order],
                           [(name, [values[i] for i in order]) for name, values in series], group_title, axis_title)
    if not series:
        empty = [no_data(WIDTH / 2, 40, f"No {axis_plural} to show.")]
        return assemble(cid, title, desc, table, WIDTH, empty, no_legend(64.0))
    body, bottom = _small_multiples(panels, axes, series, max_value)
    return assemble(cid, title, desc, table, WIDTH, body, Legend(_legend_items(series), 24, bottom, WIDTH - 48, 12))


# --- data: checks, tables, description, legend ----------------------------------------


def _check(axes: Sequence[str], series: Sequence[Series], max_value: int) -> None:
    if max_value < 1:
        raise ValueError("max_value must be at least 1")
    for name, values in series:
        if len(values) != len(axes):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(axes)} axes")
        check_finite(values, f"series {name!r}")


def _table(axes: Sequence[str], series: Sequence[Series], axis_title: str) -> Table:
    header = (axis_title, *(name for name, _ in series))
    rows = tuple((axis, *(fmt(values[i]) for _, values in series)) for i, axis in enumerate(axes))
    return Table(header, rows)


def _grouped_table(groups: Sequence[str], axes: Sequence[str], series: Sequence[Series], group_title: str,
                   axis_title: str) -> Table:
    plain = _table(axes, series, axis_title)
    return Table((group_title, *plain.header), tuple((group, *row) for group, row in zip(groups, plain.rows)))


def _legend_items(series: Sequence[Series]) -> tuple[LegendItem, ...]:
    return tuple(LegendItem(name, line_swatch(series_style(i))) for i, (name, _) in enumerate(series))


def _describe(
    axes: Sequence[str],
    series: Sequence[Series],
    max_value: int,
    axis_singular: str,
    axis_plural: str,
    grouping: str = "",
) -> str:
    if not axes or not series:
        return f"No {axis_plural} to show."
    names = [name for name, _ in series]
    levels = "level" if len(names) == 1 else "levels"
    text = f"{join_names(names)} {levels} for {plural(len(axes), axis_singular, axis_plural)} on a 0\u2013{max_value} scale{grouping}"
    if len(series) >= 2:
        (first, a), (second, b) = series[0], series[1]
        gaps = [(vb - va, i) for i, (va, vb) in enumerate(zip(a, b))]
        gap, index = max(gaps, key=lambda g: (g[0], -g[1]))
        if gap > 0:
            text += (
                f"; largest gap between {first} and {second}: {axes[index]} "
                f"({fmt(a[index])} to {fmt(b[index])})"
            )
            behind = sum(1 for g, _ in gaps if g > 0)
            text += f"; {plural(behind, axis_singular, axis_plural)} below {second}"
        else:
            text += f"; {first} meets {second} on every one"
    else:
        (first, a) = series[0]
        low = min(range(len(a)), key=lambda i: (a[i], i))
        text += f"; lowest: {axes[low]} ({fmt(a[low])})"
    return text + "."


def _grouping(panels: Sequence[_Panel], axis_plural: str, group_plural: str) -> str:
    """``, one radar for each of 5 dimensions`` (and which are bars)."""
    groups = list(dict.fromkeys(panel.group for panel in panels))
    if len(groups) > 1:
        text = f", one radar for each of {len(groups)} {group_plural}"
    else:
        text = f", in {len(panels)} radars" if len(panels) > 1 else ""
    bars = list(dict.fromkeys(panel.group for panel in panels if len(panel.axes) < 3))
    if bars:
        text += f" (bars for {join_names(bars, limit=4)}: fewer than 3 {axis_plural})"
    return text


# --- one wheel, or one group of bars, across the chart --------------------------------------


def _one_wheel(axes: Sequence[str], series: Sequence[Series], max_value: int) -> tuple[list[str], float]:
    """The radar's lines and where its legend starts."""
    places = spots(len(axes), RADIUS, -WIDTH / 2, WIDTH / 2)
    shown = fit_labels(axes, [LabelSlot(chars_for(spot.room), 2, spot, 0) for spot in places])
    above, below = label_extent(places, shown, RADIUS)
    wheel = Wheel(WIDTH / 2, max(RADIUS + 48, above + 8), RADIUS, len(axes), max_value)
    body = draw_wheel(wheel, axes, shown, places, series)
    return body, wheel.cy + max(RADIUS + 36, below + 10)


def _one_bar_group(axes: Sequence[str], series: Sequence[Series], max_value: int) -> tuple[list[str], float]:
    """The bars' lines and where their legend starts."""
    box = BarBox(180.0, 180.0, 196.0, WIDTH - 60.0, 28.0, max_value)
    shown = fit_labels(axes, [LabelSlot(box.label_chars, 2)] * len(axes))
    body, bottom = draw_bars(box, axes, shown, series)
    return body, bottom + 8


# --- small multiples ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Panel:
    """One group's part of the chart: its heading, its axes (indices into the input), its place across."""

    group: str
    heading: str
    axes: tuple[int, ...]
    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def wide(self) -> bool:
        return self.right - self.left > WIDTH / 2

    @property
    def radius(self) -> float:
        return WIDE_RADIUS if self.wide else SMALL_RADIUS


def _panels(groups: Sequence[str]) -> list[_Panel]:
    """A panel per group (in parts past :data:`PANEL_MAX_AXES`), half the width or, when large, all of it."""
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    parts: list[tuple[str, str, tuple[int, ...]]] = []
    for group, member_axes in members.items():
        count = -(-len(member_axes) // PANEL_MAX_AXES)
        size = -(-len(member_axes) // count)
        for k in range(count):
            heading = f"{group} ({k + 1} of {count})" if count > 1 else group
            parts.append((group, heading, tuple(member_axes[k * size:(k + 1) * size])))
    panels = []
    for group, heading, indices in parts:
        wide = len(indices) > HALF_MAX_AXES
        panels.append(_Panel(group, heading, indices, 0.0, WIDTH if wide else WIDTH / 2))
    return panels


def _rows(panels: list[_Panel]) -> list[list[_Panel]]:
    """Panels in rows: a wide one alone, half ones two by two, a half one left alone centred."""
    rows: list[list[_Panel]] = []
    for panel in panels:
        last = rows[-1] if rows else None
        if last is not None and len(last) == 1 and not last[0].wide and not panel.wide:
            last.append(_Panel(panel.group, panel.heading, panel.axes, WIDTH / 2, WIDTH))
        else:
            rows.append([panel])
    return [[_moved(row[0], WIDTH / 4)] if len(row) == 1 and not row[0].wide else row for row in rows]


def _moved(panel: _Panel, dx: float) -> _Panel:
    return _Panel(panel.group, panel.heading, panel.axes, panel.left + dx, panel.right + dx)


def _bar_box(panel: _Panel, top: float, max_value: int) -> BarBox:
    """Bars in *panel*: labels in the left 42%, bars to 40 units from its right edge (room for the value)."""
    label_w = (panel.right - panel.left) * 0.42
    return BarBox(panel.left + label_w, label_w, panel.left + label_w + 12, panel.right - 40, top, max_value)


def _slots(panel: _Panel, wheel_id: int) -> tuple[list[LabelSlot], list[Spot] | None]:
    """The label slots of *panel*'s axes, with its spots on a wheel (``None``: bars, fewer than 3 axes)."""
    n = len(panel.axes)
    if n >= 3:
        places = spots(n, panel.radius, panel.left - panel.centre + 4, panel.right - panel.centre - 4)
        lines = 2 if panel.wide else 4
        return [LabelSlot(chars_for(spot.room), lines, spot, wheel_id) for spot in places], places
    return [LabelSlot(_bar_box(panel, 0.0, 1).label_chars, 2)] * n, None


@dataclass(frozen=True)
class _Plan:
    """A panel ready to draw: its heading as shown, its label spots (``None``: bars) and its labels' lines."""

    panel: _Panel
    heading: str
    places: list[Spot] | None
    shown: list[Lines]

    def reach(self) -> tuple[float, float]:
        """How far its wheel and labels reach above and below the wheel's centre (nothing for bars)."""
        return label_extent(self.places, self.shown, self.panel.radius) if self.places is not None else (0.0, 0.0)


def _small_multiples(panels: list[_Panel], axes: Sequence[str], series: Sequence[Series],
                     max_value: int) -> tuple[list[str], float]:
    """Each panel under its heading, row by row; returns the lines and where the legend starts."""
    rows = _rows(panels)
    plans = _plans([panel for row in rows for panel in row], axes)
    lines: list[str] = []
    y = 8.0
    for row in rows:
        row_plans, plans = plans[: len(row)], plans[len(row):]
        body, bottom = _draw_row(row_plans, y, axes, series, max_value)
        lines += body
        y = bottom + PANEL_GAP
    return lines, y


def _plans(placed: list[_Panel], axes: Sequence[str]) -> list[_Plan]:
    """Labels for every panel at once, so that no two on the chart read the same."""
    slots = [_slots(panel, k) for k, panel in enumerate(placed)]
    shown = fit_labels([axes[i] for panel in placed for i in panel.axes], [slot for group, _ in slots for slot in group])
    headings = distinct_labels([panel.heading for panel in placed],
                               [chars_for(panel.right - panel.left - 16) for panel in placed])
    plans = []
    for panel, heading, (_, places) in zip(placed, headings, slots):
        plans.append(_Plan(panel, heading, places, shown[: len(panel.axes)]))
        shown = shown[len(panel.axes):]
    return plans


def _draw_row(plans: list[_Plan], y: float, axes: Sequence[str], series: Sequence[Series],
              max_value: int) -> tuple[list[str], float]:
    """One row of panels from *y*: headings, then wheels with their centres level, or bars; and the row's bottom."""
    above = max(plan.reach()[0] for plan in plans)
    lines: list[str] = []
    bottom = y
    for plan in plans:
        panel = plan.panel
        names = [axes[i] for i in panel.axes]
        subset = [(name, [values[i] for i in panel.axes]) for name, values in series]
        lines.append(text_el(panel.centre, y + 15, panel.heading, cls="rg-label rg-group", anchor="middle",
                             shown=plan.heading))
        if plan.places is not None:
            wheel = Wheel(panel.centre, y + HEADING_H + above, panel.radius, len(panel.axes), max_value)
            lines += draw_wheel(wheel, names, plan.shown, plan.places, subset)
            bottom = max(bottom, wheel.cy + plan.reach()[1])
        else:
            body, bars_bottom = draw_bars(_bar_box(panel, y + HEADING_H + 20, max_value), names, plan.shown, subset)
            lines += body
            bottom = max(bottom, bars_bottom)
    return lines, bottom
