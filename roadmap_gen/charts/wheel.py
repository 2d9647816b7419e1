"""One radar ("wheel") or one group of bars drawn in a box: the parts of the radar charts.

:func:`roadmap_gen.charts.radar.radar` draws one wheel across the whole chart;
:func:`roadmap_gen.charts.radar.grouped_radar` draws one per group, side by
side. Both place axis labels the same way (:func:`fit_labels`): each label
gets the room between its spoke's tip and the box's edge, up to a few lines;
labels are shortened together (:func:`~roadmap_gen.charts.labels.distinct_labels`,
so no two on the chart read the same), and where two would overlap the
wider one gives up width or a line until none do. Overlap is judged from
estimated text widths (:func:`~roadmap_gen.charts.base.approx_width`), as
every chart here judges room.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from roadmap_gen.charts.base import (
    Anchor,
    approx_width,
    chars_for,
    dash_attr,
    fmt,
    marker,
    nice_ticks,
    series_style,
    text_el,
)
from roadmap_gen.charts.labels import distinct_labels, wrap

__all__ = [
    "BarBox",
    "LabelSlot",
    "Lines",
    "Series",
    "Spot",
    "Wheel",
    "draw_bars",
    "draw_wheel",
    "fit_labels",
    "label_extent",
    "ring_levels",
    "spots",
]

#: A named series: its name and one value per axis.
Series = tuple[str, Sequence[float]]
#: The lines of one shown label.
Lines = tuple[str, ...]

LINE_H = 13.0
#: Labels start this far outside the rim.
LABEL_OUT = 12.0
#: Widest line of an axis label, in characters (longer names wrap instead of spreading sideways).
MAX_LINE_CHARS = 26
#: Most lines a label above or below a wheel grows to when squeezed.
MAX_LINES = 4
#: Narrowest an overlapping label is squeezed to before it is left as it is.
MIN_LINE_CHARS = 6
#: Rings closer than this have every other value written.
MIN_SCALE_GAP = 14.0
ASCENT = 10.0
DESCENT = 3.0
#: Space kept between two label boxes.
LABEL_PAD = 2.0
MAX_ROUNDS = 80


def ring_levels(max_value: int) -> list[float]:
    """The scale's rings (or, for bars, gridlines) other than 0."""
    if max_value <= 10:
        return [float(v) for v in range(1, max_value + 1)]
    return [t for t in nice_ticks(max_value) if 0 < t <= max_value]


# --- the wheel ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wheel:
    """Where a radar is drawn: centre, radius, number of axes and the scale's top."""

    cx: float
    cy: float
    radius: float
    n: int
    max_value: int

    def angle(self, i: int) -> float:
        return -math.pi / 2 + 2 * math.pi * i / self.n

    def point(self, i: int, value: float) -> tuple[float, float]:
        r = self.radius * min(max(value, 0.0), self.max_value) / self.max_value
        return self.cx + r * math.cos(self.angle(i)), self.cy + r * math.sin(self.angle(i))

    def points(self, values: Sequence[float]) -> str:
        return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (self.point(i, v) for i, v in enumerate(values)))


Mode = Literal["above", "below", "side"]


@dataclass(frozen=True)
class Spot:
    """Where an axis label goes, relative to its wheel's centre, and how much room it has across."""

    x: float
    y: float
    anchor: Anchor
    mode: Mode
    room: float

    def first_baseline(self, n_lines: int) -> float:
        """Labels above the wheel grow up, below it down, at its sides both ways."""
        if self.mode == "above":
            return self.y - 8 - (n_lines - 1) * LINE_H
        if self.mode == "below":
            return self.y + 10
        return self.y + 4 - (n_lines - 1) * LINE_H / 2

    def box(self, lines: Lines) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` of *lines* drawn here (an estimate from character counts)."""
        width = max((approx_width(line) for line in lines), default=0.0)
        top = self.first_baseline(len(lines)) - ASCENT
        bottom = self.first_baseline(len(lines)) + (len(lines) - 1) * LINE_H + DESCENT
        if self.anchor == "start":
            return self.x, top, self.x + width, bottom
        if self.anchor == "end":
            return self.x - width, top, self.x, bottom
        return self.x - width / 2, top, self.x + width / 2, bottom


def spots(n: int, radius: float, left: float, right: float) -> list[Spot]:
    """Label spots for *n* axes of a wheel of *radius*, the box reaching *left* .. *right* of the centre."""
    out = []
    for i in range(n):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = (radius + LABEL_OUT) * cos, (radius + LABEL_OUT) * sin
        # Only a label straight above or below the centre is centred; the others grow away
        # from the vertical axis, so two neighbours near the top or bottom never overlap.
        anchor: Anchor
        if cos > 0.05:
            anchor, room = "start", right - x - 6
        elif cos < -0.05:
            anchor, room = "end", x - left - 6
        else:
            anchor, room = "middle", 2 * min(x - left, right - x, 120.0)
        mode: Mode = "above" if sin < -0.5 else "below" if sin > 0.5 else "side"
        out.append(Spot(x, y, anchor, mode, room))
    return out


# --- labels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelSlot:
    """The room of one axis label: characters per line, lines, and (on a wheel) its spot and wheel.

    Labels of one wheel must not overlap; bar labels (no spot) sit in rows of their own.
    """

    chars: int
    lines: int
    spot: Spot | None = None
    wheel: int = -1


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] + LABEL_PAD and b[0] < a[2] + LABEL_PAD and a[1] < b[3] + LABEL_PAD and b[1] < a[3] + LABEL_PAD


def fit_labels(names: Sequence[str], slots: Sequence[LabelSlot]) -> list[Lines]:
    """The lines each of *names* is shown as: distinct, within its slot, not overlapping on its wheel."""
    chars = [max(min(slot.chars, MAX_LINE_CHARS), 1) for slot in slots]
    lines = [slot.lines for slot in slots]
    # Narrowing a label below its longest word would only cut it: squeeze it another way.
    floors = [max(MIN_LINE_CHARS, max((len(word) for word in name.split()), default=0)) for name in names]
    drawn: list[Lines] = []
    for _ in range(MAX_ROUNDS):
        labels = distinct_labels(names, chars, lines)
        drawn = [wrap(label, chars[i]) if lines[i] > 1 else (label,) for i, label in enumerate(labels)]
        crowded = _crowded(slots, drawn)
        if not crowded or not _squeeze(crowded, slots, floors, chars, lines):
            break
    return drawn


def _crowded(slots: Sequence[LabelSlot], drawn: Sequence[Lines]) -> list[tuple[int, int]]:
    """Pairs of labels on one wheel that overlap, the wider of each first (it reaches into the other's column)."""
    boxes = [(slot.spot.box(lines), slot.wheel) if slot.spot else None for slot, lines in zip(slots, drawn)]
    pairs = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if a and b and a[1] == b[1] and _overlap(a[0], b[0]):
                width_a, width_b = a[0][2] - a[0][0], b[0][2] - b[0][0]
                pairs.append((i, j) if width_a >= width_b else (j, i))
    return pairs


def _squeeze(
    pairs: list[tuple[int, int]], slots: Sequence[LabelSlot], floors: Sequence[int], chars: list[int], lines: list[int]
) -> bool:
    """Shrink one label of each overlapping pair (the larger, else the other); False if neither can.

    A label above or below the wheel gets narrower and may take a line more
    (it has room to grow away from the wheel); one at a side first gives up
    a line (its neighbours are above and below it), then gets narrower.
    """
    changed = set()
    for pair in pairs:
        for k in pair:
            if k in changed:
                break
            spot = slots[k].spot
            if spot is not None and spot.mode != "side" and chars[k] > floors[k]:
                chars[k] = max(floors[k], int(chars[k] * 0.85))
                lines[k] = min(lines[k] + 1, MAX_LINES)
            elif lines[k] > 1:
                lines[k] -= 1
            elif chars[k] > MIN_LINE_CHARS:
                chars[k] = max(MIN_LINE_CHARS, int(chars[k] * 0.85))
            else:
                continue
            changed.add(k)
            break
    return bool(changed)


# --- drawing a wheel ---------------------------------------------------------------------


def draw_wheel(wheel: Wheel, names: Sequence[str], shown: Sequence[Lines], spots_: Sequence[Spot],
               series: Sequence[Series]) -> list[str]:
    """Rings and spokes, the scale, the axis labels and one area per series."""
    lines = _rings_and_spokes(wheel)
    lines += _ring_scale(wheel)
    lines.append('<g class="rg-axis-labels">')
    for name, label, spot in zip(names, shown, spots_):
        lines.append(text_el(wheel.cx + spot.x, wheel.cy + spot.first_baseline(len(label)), name, anchor=spot.anchor,
                             shown=label, line_h=LINE_H))
    lines.append("</g>")
    lines += _areas(wheel, series)
    return lines


def label_extent(spots_: Sequence[Spot], shown: Sequence[Lines], radius: float) -> tuple[float, float]:
    """How far the wheel and its labels reach above and below the centre."""
    boxes = [spot.box(label) for spot, label in zip(spots_, shown)]
    above = max([radius + 4, *(-box[1] for box in boxes)])
    below = max([radius + 4, *(box[3] for box in boxes)])
    return above, below


def _rings_and_spokes(wheel: Wheel) -> list[str]:
    lines = ['<g class="rg-grid">']
    for level in ring_levels(wheel.max_value):
        lines.append(f'<polygon class="rg-ring" points="{wheel.points([level] * wheel.n)}"/>')
    tips = (wheel.point(i, wheel.max_value) for i in range(wheel.n))
    spokes = "".join(f"M{fmt(wheel.cx)} {fmt(wheel.cy)}L{fmt(x)} {fmt(y)}" for x, y in tips)
    lines.append(f'<path class="rg-spoke" d="{spokes}"/>')
    lines.append("</g>")
    return lines


def _ring_scale(wheel: Wheel) -> list[str]:
    """The rings' values up the first spoke; on a small wheel every other one, down from the top."""
    levels = ring_levels(wheel.max_value)
    gap = wheel.radius / len(levels) if levels else 0.0
    step = 1 if gap >= MIN_SCALE_GAP else 2
    lines = ['<g class="rg-scale">']
    for level in levels[::-1][::step][::-1]:
        _, y = wheel.point(0, level)
        lines.append(text_el(wheel.cx + 4, y - 3, fmt(level), cls="rg-label rg-small"))
    lines.append("</g>")
    return lines


def _areas(wheel: Wheel, series: Sequence[Series]) -> list[str]:
    lines: list[str] = []
    for index, (_name, values) in enumerate(series):
        style = series_style(index)
        lines.append(f'<g class="rg-series {style.cls}">')
        lines.append(f'<polygon class="rg-area" points="{wheel.points(values)}"{dash_attr(style)}/>')
        lines.extend(marker(style.marker, *wheel.point(i, v), size=3.5) for i, v in enumerate(values))
        lines.append("</g>")
    return lines


# --- drawing bars (fewer than 3 axes) ---------------------------------------------------------

BAR_H = 14.0
BAR_GAP = 4.0


@dataclass(frozen=True)
class BarBox:
    """Horizontal bars: labels *label_w* wide right-aligned at *label_x*, values from *x0* (0) to *x1* (the top)."""

    label_x: float
    label_w: float
    x0: float
    x1: float
    top: float
    max_value: int

    def x(self, value: float) -> float:
        return self.x0 + (self.x1 - self.x0) * min(max(value, 0.0), self.max_value) / self.max_value

    @property
    def label_chars(self) -> int:
        return chars_for(self.label_w - 8)


def _bar_group_height(n_series: int, n_lines: int = 1) -> float:
    """The height of one axis's bars (and its label's lines)."""
    return max(n_series * (BAR_H + BAR_GAP) + 14, n_lines * LINE_H + 8)


def draw_bars(box: BarBox, names: Sequence[str], shown: Sequence[Lines], series: Sequence[Series]) -> tuple[list[str], float]:
    """Gridlines, the scale, and per axis its label and one bar per series; returns the lines and the bottom."""
    heights = [_bar_group_height(len(series), len(label)) for label in shown]
    bottom = box.top + sum(heights)
    lines = ['<g class="rg-grid">']
    for level in [0.0, *ring_levels(box.max_value)]:
        lines.append(f'<path class="rg-spoke" d="M{fmt(box.x(level))} {fmt(box.top - 6)}V{fmt(bottom)}"/>')
    lines.append("</g>")
    lines.append('<g class="rg-scale">')
    for level in [0.0, *ring_levels(box.max_value)]:
        lines.append(text_el(box.x(level), box.top - 10, fmt(level), cls="rg-label rg-small", anchor="middle"))
    lines.append("</g>")
    tops = [box.top + sum(heights[:a]) for a in range(len(names))]
    lines.append('<g class="rg-axis-labels">')
    for gy, group_h, name, label in zip(tops, heights, names, shown):
        first = gy + group_h / 2 - 3 - (len(label) - 1) * LINE_H / 2
        lines.append(text_el(box.label_x, first, name, anchor="end", shown=label, line_h=LINE_H))
    lines.append("</g>")
    for a, (gy, group_h) in enumerate(zip(tops, heights)):
        lines += _bars(box, gy + (group_h - (len(series) * (BAR_H + BAR_GAP) + 14)) / 2, a, series)
    return lines, bottom


def _bars(box: BarBox, top: float, a: int, series: Sequence[Series]) -> list[str]:
    """Axis *a*'s bar for each series, from *top* down, each ending in its marker and value."""
    lines = []
    for s, (_name, values) in enumerate(series):
        style = series_style(s)
        y = top + 4 + s * (BAR_H + BAR_GAP)
        x_end = box.x(values[a])
        lines.append(
            f'<g class="rg-series {style.cls}"><rect class="rg-bar" x="{fmt(box.x0)}" y="{fmt(y)}" '
            f'width="{fmt(x_end - box.x0)}" height="{fmt(BAR_H)}"/>'
            f"{marker(style.marker, x_end, y + BAR_H / 2, size=3.5)}"
            f"{text_el(x_end + 8, y + BAR_H - 3, fmt(values[a]), cls='rg-label rg-small')}</g>"
        )
    return lines
