"""Trend lines across reviews: one line per series, with gaps where a value is missing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_gen.charts.base import (
    Chart,
    Legend,
    LegendItem,
    Table,
    assemble,
    cell_text,
    chars_for,
    chart_id_of,
    check_finite,
    dash_attr,
    fmt,
    join_names,
    line_swatch,
    marker,
    nice_ticks,
    no_data,
    no_legend,
    plural,
    series_style,
    text_el,
)
from roadmap_gen.charts.labels import distinct_labels

__all__ = ["trend"]

WIDTH = 720.0
PLOT_TOP = 20.0
PLOT_H = 240.0
PLOT_BOTTOM = PLOT_TOP + PLOT_H
X0 = 70.0
X1 = WIDTH - 30.0
MAX_X_LABELS = 12

#: A named series: its name and one value (or ``None``, a gap) per period.
Series = tuple[str, Sequence[float | None]]


def trend(
    chart_id: str,
    title: str,
    periods: Sequence[str],
    series: Sequence[Series],
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
    _check(periods, series, y_max)
    cid = chart_id_of(chart_id)
    desc = _describe(periods, series, y_label)
    table = _table(periods, series, period_title)
    if not periods or not series:
        empty = [no_data(WIDTH / 2, 40, "No reviews to show." if not periods else "No series to show.")]
        return assemble(cid, title, desc, table, WIDTH, empty, no_legend(64))

    plot = _layout(periods, series, y_max)
    lines = _value_axis(plot, y_label)
    lines += _period_axis(plot, periods)
    lines += _lines(plot, series)
    return assemble(cid, title, desc, table, WIDTH, lines, Legend(_legend_items(series), 24, PLOT_BOTTOM + 30, WIDTH - 48, 10))


# --- data: checks, table, description, legend ---------------------------------------


def _check(periods: Sequence[str], series: Sequence[Series], y_max: float | None) -> None:
    for name, values in series:
        if len(values) != len(periods):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(periods)} periods")
        check_finite(values, f"series {name!r}")
    if y_max is not None and not y_max > 0:
        raise ValueError("y_max must be positive")


def _table(periods: Sequence[str], series: Sequence[Series], period_title: str) -> Table:
    header = (period_title, *(name for name, _ in series))
    rows = tuple((period, *(cell_text(values[i]) for _, values in series)) for i, period in enumerate(periods))
    return Table(header, rows)


def _describe(periods: Sequence[str], series: Sequence[Series], y_label: str) -> str:
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


def _legend_items(series: Sequence[Series]) -> tuple[LegendItem, ...]:
    return tuple(LegendItem(name, line_swatch(series_style(i))) for i, (name, _) in enumerate(series))


# --- drawing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plot:
    """The value axis (its ticks and range) and each period's x."""

    ticks: tuple[float, ...]
    y_lo: float
    y_hi: float
    xs: tuple[float, ...]
    step: float

    def y(self, value: float) -> float:
        clamped = min(max(value, self.y_lo), self.y_hi)
        return PLOT_BOTTOM - PLOT_H * (clamped - self.y_lo) / (self.y_hi - self.y_lo)


def _layout(periods: Sequence[str], series: Sequence[Series], y_max: float | None) -> _Plot:
    """A value axis from 0 (or the lowest value) to *y_max* or a round number above the data."""
    data = [v for _, values in series for v in values if v is not None]
    low = min([0.0, *data])
    ticks = nice_ticks(y_max if y_max is not None else max([*data, 0.0]) or 1.0, low)
    y_lo, y_hi = ticks[0], ticks[-1]
    if y_max is not None:
        y_hi = y_max
        ticks = [t for t in ticks if t <= y_max + 1e-9]
    step = (X1 - X0) / max(len(periods) - 1, 1)
    xs = [X0 + step * i for i in range(len(periods))] if len(periods) > 1 else [(X0 + X1) / 2]
    return _Plot(tuple(ticks), y_lo, y_hi, tuple(xs), step)


def _value_axis(plot: _Plot, y_label: str) -> list[str]:
    """Gridlines, tick numbers, the axis title and both axis lines."""
    mid = PLOT_TOP + PLOT_H / 2
    return [
        '<g class="rg-grid">',
        f'<path d="{"".join(f"M{fmt(X0)} {fmt(plot.y(t))}H{fmt(X1)}" for t in plot.ticks if t != plot.y_lo)}"/>',
        "</g>",
        '<g class="rg-scale">',
        *(text_el(X0 - 8, plot.y(t) + 4, fmt(t), cls="rg-label rg-small", anchor="end") for t in plot.ticks),
        "</g>",
        text_el(16, mid, y_label, cls="rg-label rg-small", anchor="middle", max_chars=chars_for(PLOT_H, 10.5),
                extra=f'transform="rotate(-90 16 {fmt(mid)})"'),
        f'<path class="rg-axis" d="M{fmt(X0)} {fmt(PLOT_TOP - 6)}V{fmt(PLOT_BOTTOM)}H{fmt(X1 + 10)}"/>',
    ]


def _period_axis(plot: _Plot, periods: Sequence[str]) -> list[str]:
    """Period names under the plot: at most :data:`MAX_X_LABELS`, evenly spaced."""
    every = -(-len(periods) // MAX_X_LABELS)
    label_chars = chars_for(plot.step * every - 4) if len(periods) > 1 else chars_for(X1 - X0)
    labelled = range(0, len(periods), every)
    shown = dict(zip(labelled, distinct_labels([periods[i] for i in labelled], label_chars)))
    lines = ['<g class="rg-axis-labels">']
    for i in labelled:
        lines.append(text_el(plot.xs[i], PLOT_BOTTOM + 16, periods[i], anchor="middle", shown=shown[i]))
    lines.append("</g>")
    return lines


def _lines(plot: _Plot, series: Sequence[Series]) -> list[str]:
    """Each series: a polyline per run of known values, and a marker on each value."""
    lines: list[str] = []
    for index, (_name, values) in enumerate(series):
        style = series_style(index)
        lines.append(f'<g class="rg-series {style.cls}">')
        run: list[str] = []
        for i, value in enumerate([*values, None]):
            if value is not None:
                run.append(f"{fmt(plot.xs[i])},{fmt(plot.y(value))}")
            elif run:
                if len(run) > 1:
                    lines.append(f'<polyline class="rg-line" points="{" ".join(run)}"{dash_attr(style)}/>')
                run = []
        lines.extend(marker(style.marker, plot.xs[i], plot.y(v)) for i, v in enumerate(values) if v is not None)
        lines.append("</g>")
    return lines
