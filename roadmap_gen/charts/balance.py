"""Effort against capacity: a stacked bar per phase by dimension, with a capacity line.

Any number of dimensions (people, process, technology, partners...). Each
dimension has a colour class (``rg-dim-N``) *and* a hatch pattern, so the
stack reads without colour and in print. Phases over capacity are marked
with an outline and their excess ("+6") above the bar.
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
    check_finite,
    fmt,
    join_names,
    nice_ticks,
    no_data,
    no_legend,
    text_el,
)
from roadmap_gen.charts.labels import distinct_labels

__all__ = ["balance"]

WIDTH = 720.0
PLOT_TOP = 24.0
PLOT_H = 240.0
PLOT_BOTTOM = PLOT_TOP + PLOT_H
X0 = 64.0
X1 = WIDTH - 16.0
N_PATTERNS = 8


def balance(
    chart_id: str,
    title: str,
    periods: Sequence[str],
    dimensions: Sequence[str],
    effort: Sequence[Sequence[float]],
    capacity: Sequence[float],
    *,
    unit: str = "days",
    period_title: str = "Phase",
) -> Chart:
    """Stacked effort per period by dimension, against each period's capacity.

    ``effort[i][j]`` is the effort in ``periods[i]`` for ``dimensions[j]``
    (one row per period, as in the table); ``capacity[i]`` the capacity of
    ``periods[i]``, all in *unit*. Negative efforts count as 0 in the drawing.
    Raises ``ValueError`` on mismatched lengths or non-finite numbers.
    """
    _check(periods, dimensions, effort, capacity)
    cid = chart_id_of(chart_id)
    totals = [sum(max(v, 0.0) for v in row) for row in effort]
    desc = _describe(periods, dimensions, effort, totals, capacity, unit)
    table = _table(periods, dimensions, effort, totals, capacity, period_title)
    if not periods:
        return assemble(cid, title, desc, table, WIDTH, [no_data(WIDTH / 2, 40, "No phases to show.")], no_legend(64))

    plot = _layout(len(periods), totals, capacity)
    lines = _patterns(cid, len(dimensions))
    lines += _grid_and_scale(plot, unit)
    lines += _stacks(plot, cid, dimensions, effort)
    lines += _capacity_line(plot, capacity)
    lines += _totals(plot, totals, capacity)
    lines += _period_axis(plot, periods)
    legend = Legend(_legend_items(cid, dimensions, unit), 24, PLOT_BOTTOM + 28, WIDTH - 48, 10)
    return assemble(cid, title, desc, table, WIDTH, lines, legend)


# --- data: checks, table, description, legend ---------------------------------------


def _check(
    periods: Sequence[str], dimensions: Sequence[str], effort: Sequence[Sequence[float]], capacity: Sequence[float]
) -> None:
    if len(effort) != len(periods) or len(capacity) != len(periods):
        raise ValueError(f"need one effort row and one capacity per period ({len(periods)})")
    for i, row in enumerate(effort):
        if len(row) != len(dimensions):
            raise ValueError(f"effort row {i} has {len(row)} values for {len(dimensions)} dimensions")
        check_finite(row, f"effort row {i}")
    check_finite(capacity, "capacity")


def _table(
    periods: Sequence[str],
    dimensions: Sequence[str],
    effort: Sequence[Sequence[float]],
    totals: Sequence[float],
    capacity: Sequence[float],
    period_title: str,
) -> Table:
    header = (period_title, *dimensions, "Total", "Capacity")
    rows = tuple(
        (period, *(fmt(v) for v in effort[i]), fmt(totals[i]), fmt(capacity[i])) for i, period in enumerate(periods)
    )
    return Table(header, rows)


def _describe(
    periods: Sequence[str],
    dimensions: Sequence[str],
    effort: Sequence[Sequence[float]],
    totals: Sequence[float],
    capacity: Sequence[float],
    unit: str,
) -> str:
    if not periods:
        return "No phases to show."
    text = f"Effort in {unit} by {join_names(dimensions, limit=5) if dimensions else 'dimension'} for {len(periods)} phases against capacity"
    over = [(periods[i], totals[i], capacity[i]) for i in range(len(periods)) if totals[i] > capacity[i]]
    if over:
        worst = max(over, key=lambda o: o[1] - o[2])
        text += f"; over capacity in {len(over)} of {len(periods)} ({worst[0]}: {fmt(worst[1])} of {fmt(worst[2])})"
    else:
        text += "; within capacity in every phase"
    grand = sum(totals)
    if dimensions and grand > 0:
        shares = [sum(max(row[j], 0.0) for row in effort) for j in range(len(dimensions))]
        top = max(range(len(dimensions)), key=lambda j: (shares[j], -j))
        text += f"; largest share: {dimensions[top]} ({fmt(100 * shares[top] / grand, 0)}%)"
    return text + "."


def _legend_items(cid: str, dimensions: Sequence[str], unit: str) -> tuple[LegendItem, ...]:
    return (
        *(
            LegendItem(name, box_swatch(f"rg-box rg-dim-{j % 8}", _hatch_fill(cid, j) if j % N_PATTERNS else ""))
            for j, name in enumerate(dimensions)
        ),
        LegendItem(f"Capacity ({unit})", _capacity_swatch),
    )


def _capacity_swatch(x: float, y: float) -> str:
    return f'<path class="rg-capacity" d="M{fmt(x)} {fmt(y)}H{fmt(x + 24)}" stroke-dasharray="8 4"/>'


# --- drawing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plot:
    """The value axis (its ticks, the top one the plot's top) and one slot per period."""

    ticks: tuple[float, ...]
    slot: float
    bar_w: float
    n: int

    def y(self, value: float) -> float:
        top = self.ticks[-1]
        return PLOT_BOTTOM - PLOT_H * min(max(value, 0.0), top) / top

    def centre(self, i: int) -> float:
        return X0 + self.slot * (i + 0.5)


def _layout(n_periods: int, totals: Sequence[float], capacity: Sequence[float]) -> _Plot:
    ticks = nice_ticks(max([*totals, *capacity, 0.0]) or 1.0)
    slot = (X1 - X0) / n_periods
    return _Plot(tuple(ticks), slot, min(64.0, slot * 0.6), n_periods)


def _pattern(cid: str, index: int) -> str:
    """Hatch pattern *index* (0-7): none, /, \\, -, |, x, dots, + ."""
    pid = f"{cid}-hatch-{index}"
    head = f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
    shapes = {
        0: "",
        1: '<path class="rg-hatch-line" d="M-2 2L2 -2M0 8L8 0M6 10L10 6"/>',
        2: '<path class="rg-hatch-line" d="M-2 6L2 10M0 0L8 8M6 -2L10 2"/>',
        3: '<path class="rg-hatch-line" d="M0 4H8"/>',
        4: '<path class="rg-hatch-line" d="M4 0V8"/>',
        5: '<path class="rg-hatch-line" d="M0 0L8 8M8 0L0 8"/>',
        6: '<circle class="rg-hatch-dot" cx="4" cy="4" r="1.5"/>',
        7: '<path class="rg-hatch-line" d="M0 4H8M4 0V8"/>',
    }
    return head + shapes[index % N_PATTERNS] + "</pattern>"


def _hatch_fill(cid: str, index: int) -> str:
    return f"url(#{cid}-hatch-{index % N_PATTERNS})"


def _patterns(cid: str, n_dimensions: int) -> list[str]:
    """The hatch patterns the stacks and the legend use (none without dimensions)."""
    if not n_dimensions:
        return []
    return ["<defs>", *(_pattern(cid, j) for j in range(min(n_dimensions, N_PATTERNS))), "</defs>"]


def _grid_and_scale(plot: _Plot, unit: str) -> list[str]:
    mid = PLOT_TOP + PLOT_H / 2
    return [
        '<g class="rg-grid">',
        f'<path d="{"".join(f"M{fmt(X0)} {fmt(plot.y(t))}H{fmt(X1)}" for t in plot.ticks[1:])}"/>',
        "</g>",
        '<g class="rg-scale">',
        *(text_el(X0 - 6, plot.y(t) + 4, fmt(t), cls="rg-label rg-small", anchor="end") for t in plot.ticks),
        "</g>",
        text_el(14, mid, f"Effort ({unit})", cls="rg-label rg-small", anchor="middle",
                extra=f'transform="rotate(-90 14 {fmt(mid)})"', max_chars=40),
    ]


def _stacks(plot: _Plot, cid: str, dimensions: Sequence[str], effort: Sequence[Sequence[float]]) -> list[str]:
    """One ``<g>`` per dimension: its box (and hatch) in each period's bar, stacked in dimension order."""
    lines: list[str] = []
    for j, _dimension in enumerate(dimensions):
        lines.append(f'<g class="rg-series rg-dim-{j % 8}">')
        for i in range(plot.n):
            below = sum(max(v, 0.0) for v in effort[i][:j])
            value = max(effort[i][j], 0.0)
            if value <= 0:
                continue
            y_top, y_bottom = plot.y(below + value), plot.y(below)
            if y_bottom - y_top < 0.01:
                continue
            box = (f'x="{fmt(plot.centre(i) - plot.bar_w / 2)}" y="{fmt(y_top)}" '
                   f'width="{fmt(plot.bar_w)}" height="{fmt(y_bottom - y_top)}"')
            lines.append(f'<rect class="rg-box" {box}/>')
            if j % N_PATTERNS:
                lines.append(f'<rect class="rg-hatch" {box} fill="{_hatch_fill(cid, j)}"/>')
        lines.append("</g>")
    return lines


def _capacity_line(plot: _Plot, capacity: Sequence[float]) -> list[str]:
    """A step line across each period's slot."""
    steps = []
    for i in range(plot.n):
        x_left, x_right = X0 + plot.slot * i + 4, X0 + plot.slot * (i + 1) - 4
        steps.append(f"M{fmt(x_left)} {fmt(plot.y(capacity[i]))}H{fmt(x_right)}")
    return [f'<path class="rg-capacity" d="{"".join(steps)}" stroke-dasharray="8 4"/>']


def _totals(plot: _Plot, totals: Sequence[float], capacity: Sequence[float]) -> list[str]:
    """Each bar's total above it; over capacity, an outline and the excess too."""
    lines = ['<g class="rg-totals">']
    for i in range(plot.n):
        over = totals[i] - capacity[i]
        label_y = plot.y(totals[i]) - 6
        if abs(plot.y(totals[i]) - plot.y(capacity[i])) < 14:  # keep the number clear of the capacity line
            label_y = min(plot.y(totals[i]), plot.y(capacity[i])) - 6
        centre = plot.centre(i)
        if over > 0:
            lines.append(
                f'<rect class="rg-over-outline" x="{fmt(centre - plot.bar_w / 2 - 2)}" y="{fmt(plot.y(totals[i]) - 2)}" '
                f'width="{fmt(plot.bar_w + 4)}" height="{fmt(PLOT_BOTTOM - plot.y(totals[i]) + 2)}"/>'
            )
            lines.append(text_el(centre, label_y, f"{fmt(totals[i])} (+{fmt(over)})", cls="rg-label rg-over", anchor="middle"))
        else:
            lines.append(text_el(centre, label_y, fmt(totals[i]), cls="rg-label", anchor="middle"))
    lines.append("</g>")
    return lines


def _period_axis(plot: _Plot, periods: Sequence[str]) -> list[str]:
    shown = distinct_labels(periods, chars_for(plot.slot - 4))
    return [
        f'<path class="rg-axis" d="M{fmt(X0)} {fmt(PLOT_TOP - 6)}V{fmt(PLOT_BOTTOM)}H{fmt(X1)}"/>',
        '<g class="rg-axis-labels">',
        *(
            text_el(plot.centre(i), PLOT_BOTTOM + 16, period, anchor="middle", shown=shown[i])
            for i, period in enumerate(periods)
        ),
        "</g>",
    ]
