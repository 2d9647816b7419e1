"""Effort against capacity: a stacked bar per phase by dimension, with a capacity line.

Any number of dimensions (people, process, technology, partners...). Each
dimension has a colour class (``rg-dim-N``) *and* a hatch pattern, so the
stack reads without colour and in print. Phases over capacity are marked
with an outline and their excess ("+6") above the bar.
"""

from __future__ import annotations

from typing import Sequence

from roadmap_gen.charts.base import (
    Chart,
    LegendItem,
    box_swatch,
    check_finite,
    chart_id_of,
    chars_for,
    finish_svg,
    fmt,
    join_names,
    legend,
    nice_ticks,
    no_data,
    svg_head,
    text_el,
)

__all__ = ["balance"]

WIDTH = 720.0
PLOT_TOP = 24.0
PLOT_H = 240.0
X0 = 64.0
X1 = WIDTH - 16.0
N_PATTERNS = 8


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
    if len(effort) != len(periods) or len(capacity) != len(periods):
        raise ValueError(f"need one effort row and one capacity per period ({len(periods)})")
    for i, row in enumerate(effort):
        if len(row) != len(dimensions):
            raise ValueError(f"effort row {i} has {len(row)} values for {len(dimensions)} dimensions")
        check_finite(row, f"effort row {i}")
    check_finite(capacity, "capacity")

    cid = chart_id_of(chart_id)
    totals = [sum(max(v, 0.0) for v in row) for row in effort]
    header = (period_title, *dimensions, "Total", "Capacity")
    rows = tuple(
        (period, *(fmt(v) for v in effort[i]), fmt(totals[i]), fmt(capacity[i])) for i, period in enumerate(periods)
    )
    desc = _describe(periods, dimensions, effort, totals, capacity, unit)

    lines: list[str] = []
    if not periods:
        lines.append(no_data(WIDTH / 2, 40, "No phases to show."))
        svg_lines = svg_head(cid, WIDTH, 64, title, desc)
        svg_lines.extend(lines)
        return Chart(cid, title, desc, finish_svg(svg_lines), header, rows)

    ticks = nice_ticks(max([*totals, *capacity, 0.0]) or 1.0)
    top = ticks[-1]
    plot_bottom = PLOT_TOP + PLOT_H

    def ys(value: float) -> float:
        return plot_bottom - PLOT_H * min(max(value, 0.0), top) / top

    if dimensions:
        lines.append("<defs>")
        lines.extend(_pattern(cid, j) for j in range(min(len(dimensions), N_PATTERNS)))
        lines.append("</defs>")

    lines.append('<g class="rg-grid">')
    lines.append(f'<path d="{"".join(f"M{fmt(X0)} {fmt(ys(t))}H{fmt(X1)}" for t in ticks[1:])}"/>')
    lines.append("</g>")
    lines.append('<g class="rg-scale">')
    lines.extend(text_el(X0 - 6, ys(t) + 4, fmt(t), cls="rg-label rg-small", anchor="end") for t in ticks)
    lines.append("</g>")
    lines.append(
        text_el(14, PLOT_TOP + PLOT_H / 2, f"Effort ({unit})", cls="rg-label rg-small", anchor="middle",
                extra=f'transform="rotate(-90 14 {fmt(PLOT_TOP + PLOT_H / 2)})"', max_chars=40)
    )

    slot = (X1 - X0) / len(periods)
    bar_w = min(64.0, slot * 0.6)
    centres = [X0 + slot * (i + 0.5) for i in range(len(periods))]

    for j, _dimension in enumerate(dimensions):
        lines.append(f'<g class="rg-series rg-dim-{j % 8}">')
        for i in range(len(periods)):
            below = sum(max(v, 0.0) for v in effort[i][:j])
            value = max(effort[i][j], 0.0)
            if value <= 0:
                continue
            y_top, y_bottom = ys(below + value), ys(below)
            if y_bottom - y_top < 0.01:
                continue
            box = f'x="{fmt(centres[i] - bar_w / 2)}" y="{fmt(y_top)}" width="{fmt(bar_w)}" height="{fmt(y_bottom - y_top)}"'
            lines.append(f'<rect class="rg-box" {box}/>')
            if j % N_PATTERNS:
                lines.append(f'<rect class="rg-hatch" {box} fill="{_hatch_fill(cid, j)}"/>')
        lines.append("</g>")

    # Capacity: a step line across each phase's slot.
    steps = []
    for i in range(len(periods)):
        x_left, x_right = X0 + slot * i + 4, X0 + slot * (i + 1) - 4
        steps.append(f"M{fmt(x_left)} {fmt(ys(capacity[i]))}H{fmt(x_right)}")
    lines.append(f'<path class="rg-capacity" d="{"".join(steps)}" stroke-dasharray="8 4"/>')

    lines.append('<g class="rg-totals">')
    for i in range(len(periods)):
        over = totals[i] - capacity[i]
        label_y = ys(totals[i]) - 6
        if abs(ys(totals[i]) - ys(capacity[i])) < 14:  # keep the number clear of the capacity line
            label_y = min(ys(totals[i]), ys(capacity[i])) - 6
        if over > 0:
            lines.append(
                f'<rect class="rg-over-outline" x="{fmt(centres[i] - bar_w / 2 - 2)}" y="{fmt(ys(totals[i]) - 2)}" '
                f'width="{fmt(bar_w + 4)}" height="{fmt(plot_bottom - ys(totals[i]) + 2)}"/>'
            )
            lines.append(text_el(centres[i], label_y, f"{fmt(totals[i])} (+{fmt(over)})", cls="rg-label rg-over", anchor="middle"))
        else:
            lines.append(text_el(centres[i], label_y, fmt(totals[i]), cls="rg-label", anchor="middle"))
    lines.append("</g>")

    lines.append(f'<path class="rg-axis" d="M{fmt(X0)} {fmt(PLOT_TOP - 6)}V{fmt(plot_bottom)}H{fmt(X1)}"/>')
    lines.append('<g class="rg-axis-labels">')
    lines.extend(
        text_el(centres[i], plot_bottom + 16, period, anchor="middle", max_chars=chars_for(slot - 4))
        for i, period in enumerate(periods)
    )
    lines.append("</g>")

    items = [
        LegendItem(name, box_swatch(f"rg-box rg-dim-{j % 8}", _hatch_fill(cid, j) if j % N_PATTERNS else ""))
        for j, name in enumerate(dimensions)
    ]
    items.append(LegendItem(f"Capacity ({unit})", _capacity_swatch))
    legend_lines, legend_h = legend(items, 24, plot_bottom + 28, WIDTH - 48)
    lines.extend(legend_lines)
    height = plot_bottom + 28 + legend_h + 10

    svg_lines = svg_head(cid, WIDTH, height, title, desc)
    svg_lines.extend(lines)
    return Chart(cid, title, desc, finish_svg(svg_lines), header, rows)


def _capacity_swatch(x: float, y: float) -> str:
    return f'<path class="rg-capacity" d="M{fmt(x)} {fmt(y)}H{fmt(x + 24)}" stroke-dasharray="8 4"/>'


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

