"""Trend lines across reviews: one line per series, with gaps where a value is missing."""

from __future__ import annotations

from typing import Sequence

from roadmap_gen.charts.base import (
    NOT_ASSESSED,
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

__all__ = ["trend"]

WIDTH = 720.0
PLOT_TOP = 20.0
PLOT_H = 240.0
X0 = 70.0
X1 = WIDTH - 30.0
MAX_X_LABELS = 12


def trend(
    chart_id: str,
    title: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    y_label: str,
    y_max: float | None = None,
    *,
    period_title: str = "Review",
) -> Chart:
    """Lines for *series* (``(name, values)``, one value or ``None`` per period).

    ``None`` leaves a gap (a lone value between gaps shows as its marker).
    The y axis runs from 0 (or the lowest value if negative) to *y_max*, or
    to a round number above the data when *y_max* is ``None``; values beyond
    *y_max* are drawn at the top edge (the table keeps them). Raises
    ``ValueError`` on mismatched lengths or non-finite values.
    """
    for name, values in series:
        if len(values) != len(periods):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(periods)} periods")
        check_finite(values, f"series {name!r}")
    if y_max is not None and not y_max > 0:
        raise ValueError("y_max must be positive")

    cid = chart_id_of(chart_id)
    header = (period_title, *(name for name, _ in series))
    rows = tuple(
        (period, *(NOT_ASSESSED if values[i] is None else fmt(values[i]) for _, values in series))  # type: ignore[arg-type]
        for i, period in enumerate(periods)
    )
    desc = _describe(periods, series, y_label)
    data = [v for _, values in series for v in values if v is not None]

    lines: list[str] = []
    if not periods or not series:
        lines.append(no_data(WIDTH / 2, 40, "No reviews to show." if not periods else "No series to show."))
        svg_lines = svg_head(cid, WIDTH, 64, title, desc)
        svg_lines.extend(lines)
        return Chart(cid, title, desc, finish_svg(svg_lines), header, rows)

    low = min([0.0, *data])
    ticks = nice_ticks(y_max if y_max is not None else max([*data, 0.0]) or 1.0, low)
    y_lo, y_hi = ticks[0], ticks[-1] if y_max is None else max(ticks[-1], y_max)
    if y_max is not None:
        y_hi = y_max
        ticks = [t for t in ticks if t <= y_max + 1e-9]
    plot_bottom = PLOT_TOP + PLOT_H

    def ys(value: float) -> float:
        clamped = min(max(value, y_lo), y_hi)
        return plot_bottom - PLOT_H * (clamped - y_lo) / (y_hi - y_lo)

    step = (X1 - X0) / max(len(periods) - 1, 1)
    xs = [X0 + step * i for i in range(len(periods))] if len(periods) > 1 else [(X0 + X1) / 2]

    lines.append('<g class="rg-grid">')
    lines.append(f'<path d="{"".join(f"M{fmt(X0)} {fmt(ys(t))}H{fmt(X1)}" for t in ticks if t != y_lo)}"/>')
    lines.append("</g>")
    lines.append('<g class="rg-scale">')
    lines.extend(text_el(X0 - 8, ys(t) + 4, fmt(t), cls="rg-label rg-small", anchor="end") for t in ticks)
    lines.append("</g>")
    mid = PLOT_TOP + PLOT_H / 2
    lines.append(
        text_el(16, mid, y_label, cls="rg-label rg-small", anchor="middle", max_chars=chars_for(PLOT_H, 10.5),
                extra=f'transform="rotate(-90 16 {fmt(mid)})"')
    )
    lines.append(f'<path class="rg-axis" d="M{fmt(X0)} {fmt(PLOT_TOP - 6)}V{fmt(plot_bottom)}H{fmt(X1 + 10)}"/>')

    every = -(-len(periods) // MAX_X_LABELS)
    label_chars = chars_for(step * every - 4) if len(periods) > 1 else chars_for(X1 - X0)
    lines.append('<g class="rg-axis-labels">')
    for i, period in enumerate(periods):
        if i % every == 0:
            lines.append(text_el(xs[i], plot_bottom + 16, period, anchor="middle", max_chars=label_chars))
    lines.append("</g>")

    for index, (_name, values) in enumerate(series):
        style = series_style(index)
        lines.append(f'<g class="rg-series {style.cls}">')
        run: list[str] = []
        for i, value in enumerate([*values, None]):
            if value is not None:
                run.append(f"{fmt(xs[i])},{fmt(ys(value))}")
            elif run:
                if len(run) > 1:
                    lines.append(f'<polyline class="rg-line" points="{" ".join(run)}"{dash_attr(style)}/>')
                run = []
        lines.extend(marker(style.marker, xs[i], ys(v)) for i, v in enumerate(values) if v is not None)
        lines.append("</g>")

    items = [LegendItem(name, line_swatch(series_style(i))) for i, (name, _) in enumerate(series)]
    legend_lines, legend_h = legend(items, 24, plot_bottom + 30, WIDTH - 48)
    lines.extend(legend_lines)
    height = plot_bottom + 30 + legend_h + 10

    svg_lines = svg_head(cid, WIDTH, height, title, desc)
    svg_lines.extend(lines)
    return Chart(cid, title, desc, finish_svg(svg_lines), header, rows)


def _describe(periods: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], y_label: str) -> str:
    if not periods or not series:
        return f"No {y_label} data to show."
    span = f"{periods[0]} to {periods[-1]}" if len(periods) > 1 else periods[0]
    parts = []
    for name, values in series[:5]:
        known = [v for v in values if v is not None]
        if not known:
            parts.append(f"{name} no data")
        elif len(known) == 1:
            parts.append(f"{name} {fmt(known[0])}")
        else:
            parts.append(f"{name} from {fmt(known[0])} to {fmt(known[-1])}")
    text = f"{y_label} across {plural(len(periods), 'review')} ({span}): {join_names(parts, limit=5)}"
    if len(series) > 5:
        text += f" and {len(series) - 5} more series"
    return text + "."
