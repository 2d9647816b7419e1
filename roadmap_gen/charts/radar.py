"""Radar (spider) chart of levels per factor: now, target, projected.

With 3 to 30 axes it is a radar; with fewer than 3 axes (a radar of one or
two spokes says nothing) the same data is drawn as grouped horizontal bars.
"""

from __future__ import annotations

import math
from typing import Sequence

from roadmap_gen.charts.base import (
    Chart,
    LegendItem,
    check_finite,
    chart_id_of,
    chars_for,
    dash_attr,
    finish_svg,
    fmt,
    join_names,
    legend,
    line_swatch,
    marker,
    nice_ticks,
    no_data,
    plural,
    series_style,
    svg_head,
    text_el,
)

__all__ = ["radar"]

WIDTH = 720
RADIUS = 180.0
MAX_AXES = 30


def _ring_levels(max_value: int) -> list[float]:
    if max_value <= 10:
        return [float(v) for v in range(1, max_value + 1)]
    return [t for t in nice_ticks(max_value) if 0 < t <= max_value]


def _describe(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    max_value: int,
    axis_singular: str,
    axis_plural: str,
) -> str:
    if not axes or not series:
        return f"No {axis_plural} to show."
    names = [name for name, _ in series]
    levels = "level" if len(names) == 1 else "levels"
    text = f"{join_names(names)} {levels} for {plural(len(axes), axis_singular, axis_plural)} on a 0\u2013{max_value} scale"
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


def radar(
    chart_id: str,
    title: str,
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
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
    if max_value < 1:
        raise ValueError("max_value must be at least 1")
    if len(axes) > MAX_AXES:
        raise ValueError(f"a radar shows at most {MAX_AXES} axes, got {len(axes)}")
    for name, values in series:
        if len(values) != len(axes):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(axes)} axes")
        check_finite(values, f"series {name!r}")

    cid = chart_id_of(chart_id)
    desc = _describe(axes, series, max_value, axis_title.lower(), axis_plural)
    header = (axis_title, *(name for name, _ in series))
    rows = tuple((axis, *(fmt(values[i]) for _, values in series)) for i, axis in enumerate(axes))
    items = [LegendItem(name, line_swatch(series_style(i))) for i, (name, _) in enumerate(series)]

    if len(axes) >= 3 and series:
        body, height = _radar_body(axes, series, max_value, items)
    elif axes and series:
        body, height = _bars_body(axes, series, max_value, items)
    else:
        body, height = [no_data(WIDTH / 2, 40, f"No {axis_plural} to show.")], 64.0

    lines = svg_head(cid, WIDTH, height, title, desc)
    lines.extend(body)
    return Chart(cid, title, desc, finish_svg(lines), header, rows)


def _radar_body(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    max_value: int,
    items: list[LegendItem],
) -> tuple[list[str], float]:
    n = len(axes)
    cx, cy = WIDTH / 2, RADIUS + 48
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    def point(i: int, value: float) -> tuple[float, float]:
        r = RADIUS * min(max(value, 0.0), max_value) / max_value
        return cx + r * math.cos(angles[i]), cy + r * math.sin(angles[i])

    def points(values: Sequence[float]) -> str:
        return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (point(i, v) for i, v in enumerate(values)))

    lines = ['<g class="rg-grid">']
    for level in _ring_levels(max_value):
        lines.append(f'<polygon class="rg-ring" points="{points([level] * n)}"/>')
    spokes = "".join(f"M{fmt(cx)} {fmt(cy)}L{fmt(x)} {fmt(y)}" for x, y in (point(i, max_value) for i in range(n)))
    lines.append(f'<path class="rg-spoke" d="{spokes}"/>')
    lines.append("</g>")
    lines.append('<g class="rg-scale">')
    for level in _ring_levels(max_value):
        _, y = point(0, level)
        lines.append(text_el(cx + 4, y - 3, fmt(level), cls="rg-label rg-small"))
    lines.append("</g>")

    lines.append('<g class="rg-axis-labels">')
    for i, axis in enumerate(axes):
        cos, sin = math.cos(angles[i]), math.sin(angles[i])
        x = cx + (RADIUS + 12) * cos
        y = cy + (RADIUS + 12) * sin
        # Only a label straight above or below the centre is centred; the others grow away
        # from the vertical axis, so two neighbours near the top or bottom never overlap.
        if cos > 0.05:
            anchor, room = "start", WIDTH - x - 6
        elif cos < -0.05:
            anchor, room = "end", x - 6
        else:
            anchor, room = "middle", 2 * min(x, WIDTH - x, 120)
        if n > 16:  # neighbours are close: keep labels short
            room = min(room, 110)
        y += 10 if sin > 0.5 else -8 if sin < -0.5 else 4
        lines.append(text_el(x, y, axis, cls="rg-label", anchor=anchor, max_chars=chars_for(room)))
    lines.append("</g>")

    for index, (_name, values) in enumerate(series):
        style = series_style(index)
        lines.append(f'<g class="rg-series {style.cls}">')
        lines.append(f'<polygon class="rg-area" points="{points(values)}"{dash_attr(style)}/>')
        lines.extend(marker(style.marker, *point(i, v), size=3.5) for i, v in enumerate(values))
        lines.append("</g>")

    legend_lines, legend_h = legend(items, 24, cy + RADIUS + 36, WIDTH - 48)
    lines.extend(legend_lines)
    return lines, cy + RADIUS + 36 + legend_h + 12


def _bars_body(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    max_value: int,
    items: list[LegendItem],
) -> tuple[list[str], float]:
    label_w, x0, x1 = 180.0, 196.0, WIDTH - 60.0
    bar_h, gap = 14.0, 4.0
    top = 28.0
    group_h = len(series) * (bar_h + gap) + 14

    def xs(value: float) -> float:
        return x0 + (x1 - x0) * min(max(value, 0.0), max_value) / max_value

    height_plot = len(axes) * group_h
    lines = ['<g class="rg-grid">']
    for level in [0.0, *_ring_levels(max_value)]:
        lines.append(f'<path class="rg-spoke" d="M{fmt(xs(level))} {fmt(top - 6)}V{fmt(top + height_plot)}"/>')
    lines.append("</g>")
    lines.append('<g class="rg-scale">')
    for level in [0.0, *_ring_levels(max_value)]:
        lines.append(text_el(xs(level), top - 10, fmt(level), cls="rg-label rg-small", anchor="middle"))
    lines.append("</g>")
    for a, axis in enumerate(axes):
        gy = top + a * group_h
        lines.append(
            text_el(label_w, gy + group_h / 2 - 3, axis, anchor="end", max_chars=chars_for(label_w - 8))
        )
        for s, (_name, values) in enumerate(series):
            style = series_style(s)
            y = gy + 4 + s * (bar_h + gap)
            x_end = xs(values[a])
            lines.append(
                f'<g class="rg-series {style.cls}"><rect class="rg-bar" x="{fmt(x0)}" y="{fmt(y)}" '
                f'width="{fmt(x_end - x0)}" height="{fmt(bar_h)}"/>'
                f"{marker(style.marker, x_end, y + bar_h / 2, size=3.5)}"
                f"{text_el(x_end + 8, y + bar_h - 3, fmt(values[a]), cls='rg-label rg-small')}</g>"
            )
    bottom = top + height_plot + 8
    legend_lines, legend_h = legend(items, 24, bottom, WIDTH - 48)
    lines.extend(legend_lines)
    return lines, bottom + legend_h + 12
