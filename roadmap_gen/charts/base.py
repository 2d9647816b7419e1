"""What every chart shares: the :class:`Chart` value, number formatting, SVG helpers.

Charts are pure functions from plain data to a :class:`Chart`: an inline SVG
string plus the same numbers as a table (the page shows it beside the chart).
The SVG follows a few rules so it is safe, small and survives Markdown:

* valid XML, ``role="img"`` with ``aria-labelledby`` pointing at a ``<title>``
  and a ``<desc>`` that come first (the desc is a one-sentence text
  alternative that summarises the data);
* no script, no external reference, no font, no ``<foreignObject>``, no
  ``style`` other than ``max-width`` on the root; colours only through CSS
  classes (``rg-*``, see ``site_config/extra.css``) so light, dark (slate)
  and print palettes all work;
* every line starts at column 0 and no line is blank, so Python-Markdown
  keeps the whole SVG as one raw HTML block;
* deterministic: numbers are written by :func:`fmt` (at most 2 decimals);
* every chart is put together by :func:`assemble` (head, body, legend, table);
* every string from data goes through :func:`roadmap_gen.core.escape.html_text` /
  :func:`~roadmap_gen.core.escape.html_attr`;
* labels that name things are shortened by
  :func:`roadmap_gen.charts.labels.distinct_labels` (no two on a chart read
  the same, never cut to a common prefix); a label showing less than the
  full name, or on several lines, keeps it in a ``<title>`` child, and the
  table has it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from roadmap_gen.charts.labels import ELLIPSIS, distinct_labels, truncate
from roadmap_gen.core.escape import anchor_id, html_attr, html_text, one_line
from roadmap_gen.core.numbers import fmt, plural

__all__ = [
    "ELLIPSIS",
    "Anchor",
    "Chart",
    "Legend",
    "LegendItem",
    "MarkerShape",
    "NOT_ASSESSED",
    "Role",
    "SERIES_STYLES",
    "SeriesStyle",
    "SwatchFn",
    "Table",
    "approx_width",
    "assemble",
    "box_swatch",
    "cell_text",
    "chart_id_of",
    "chars_for",
    "check_finite",
    "dash_attr",
    "draw_legend",
    "finish_svg",
    "fmt",
    "join_names",
    "line_swatch",
    "marker",
    "nice_ticks",
    "no_data",
    "no_legend",
    "no_swatch",
    "plural",
    "series_style",
    "svg_head",
    "svg_open",
    "text_el",
    "truncate",
]

#: Average advance of a character as a share of the font size (a sans-serif guess,
#: used only to decide when to truncate and how much room to leave).
CHAR_WIDTH = 0.55
FONT_SIZE = 12
NOT_ASSESSED = "\u2013"  # en dash: the table and cell text for a missing value

#: The root's ARIA role: ``img`` (children are presentational) or ``group`` (it holds links).
Role = Literal["img", "group"]
#: SVG ``text-anchor`` values.
Anchor = Literal["start", "middle", "end"]
MarkerShape = Literal["circle", "ring", "square", "diamond", "triangle", "triangle-down", "cross", "bar"]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its SVG and the same data as a table.

    ``title``, ``description`` and the table cells are plain text (escape them
    for their context when rendering, e.g. with :func:`roadmap_gen.core.escape.md_cell`);
    ``svg`` is ready-to-embed markup.
    """

    id: str
    title: str
    description: str
    svg: str
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Table:
    """The numbers behind a chart: a header and one row of cells (plain text) per line."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


# --- numbers ----------------------------------------------------------------------


def cell_text(value: float | None) -> str:
    """A table or cell value: the number, or an en dash for "not assessed"."""
    return NOT_ASSESSED if value is None else fmt(value)


def check_finite(values: Iterable[float | None], what: str) -> None:
    """Raise ``ValueError`` if any of *values* is NaN or infinite."""
    for value in values:
        if value is not None and not math.isfinite(value):
            raise ValueError(f"{what}: not a finite number: {value!r}")


def nice_ticks(high: float, low: float = 0.0, count: int = 5) -> list[float]:
    """Round tick values from *low* (or below) to *high* (or above), about *count* steps."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    tick = start
    while True:
        ticks.append(round(tick, 10))
        if tick >= high - 1e-9:
            break
        tick += step
    return ticks


# --- words ------------------------------------------------------------------------


def join_names(names: Sequence[str], limit: int = 6) -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``; more than *limit* end in ``"and N more"``."""
    items = list(names)
    if len(items) > limit:
        items = items[:limit] + [f"{len(names) - limit} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def approx_width(text: str, size: float = FONT_SIZE) -> float:
    """A rough rendered width of *text* in user units."""
    return len(text) * size * CHAR_WIDTH


def chars_for(width: float, size: float = FONT_SIZE) -> int:
    """How many characters of a label fit in *width* user units."""
    return max(2, int(width / (size * CHAR_WIDTH)))


# --- SVG ------------------------------------------------------------------------------


def chart_id_of(chart_id: str) -> str:
    """The id prefix used inside the SVG (a slug of *chart_id*)."""
    return anchor_id(chart_id)


def svg_open(width: float, height: float, title_id: str, desc_id: str, *, role: Role = "img") -> str:
    """The root ``<svg>`` tag of a chart *width* x *height* user units, scaling to its container."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="{html_attr(role)}" '
        f'aria-labelledby="{html_attr(title_id)} {html_attr(desc_id)}" '
        f'viewBox="0 0 {fmt(width)} {fmt(height)}" width="100%" '
        f'style="max-width:{fmt(width)}px" class="rg-chart" font-size="{FONT_SIZE}">'
    )


def svg_head(cid: str, width: float, height: float, title: str, desc: str, *, role: Role = "img") -> list[str]:
    """Opening tag, ``<title>`` and ``<desc>`` lines of a chart whose id prefix is *cid*."""
    return [
        svg_open(width, height, f"{cid}-title", f"{cid}-desc", role=role),
        f'<title id="{cid}-title">{html_text(one_line(title))}</title>',
        f'<desc id="{cid}-desc">{html_text(one_line(desc))}</desc>',
    ]


def finish_svg(lines: list[str]) -> str:
    """Join SVG *lines*; checks the Markdown-safety rules (no blank or indented line)."""
    lines.append("</svg>")
    for line in lines:
        if not line.strip() or line[0] in " \t" or "\n" in line:
            raise AssertionError(f"chart SVG line breaks the raw-HTML rules: {line!r}")
    return "\n".join(lines)


def text_el(
    x: float,
    y: float,
    label: str,
    *,
    cls: str = "rg-label",
    anchor: Anchor | None = None,
    max_chars: int | None = None,
    shown: str | Sequence[str] | None = None,
    line_h: float = 13.0,
    extra: str = "",
) -> str:
    """A ``<text>`` element for *label* at (*x*, *y*), escaped.

    It shows *shown* (a short label, or its lines, each *line_h* below the
    one before, from a :func:`roadmap_gen.charts.labels.distinct_labels`
    choice), else *label* truncated to *max_chars*, else *label*. Whenever
    it shows anything but the whole label on one line, the whole label is
    its ``<title>`` (a tooltip).
    """
    full = one_line(label)
    if shown is None:
        lines: Sequence[str] = (truncate(full, max_chars) if max_chars is not None else full,)
    else:
        lines = (shown,) if isinstance(shown, str) else shown
    attrs = f'x="{fmt(x)}" y="{fmt(y)}"'
    if cls:
        attrs += f' class="{cls}"'
    if anchor:
        attrs += f' text-anchor="{anchor}"'
    if extra:
        attrs += " " + extra
    tooltip = f"<title>{html_text(full)}</title>" if len(lines) != 1 or lines[0] != full else ""
    more = "".join(f'<tspan x="{fmt(x)}" dy="{fmt(line_h)}">{html_text(line)}</tspan>' for line in lines[1:])
    return f"<text {attrs}>{tooltip}{html_text(lines[0] if lines else '')}{more}</text>"


def no_data(x: float, y: float, message: str) -> str:
    """A centred note for a chart with nothing to draw."""
    return text_el(x, y, message, cls="rg-label rg-note", anchor="middle")


# --- series styles ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesStyle:
    """How one data series is told apart: a colour class, a dash pattern and a marker shape."""

    cls: str
    dash: str
    marker: MarkerShape


#: Series styles in order of use: Now, Target, Projected, then further series.
SERIES_STYLES: tuple[SeriesStyle, ...] = (
    SeriesStyle("rg-now", "", "circle"),
    SeriesStyle("rg-target", "7 4", "square"),
    SeriesStyle("rg-projected", "2 3", "diamond"),
    SeriesStyle("rg-dim-3", "10 3 2 3", "triangle"),
    SeriesStyle("rg-dim-4", "4 2", "cross"),
    SeriesStyle("rg-dim-5", "1 4", "ring"),
    SeriesStyle("rg-dim-6", "12 4", "triangle-down"),
    SeriesStyle("rg-dim-7", "6 2 1 2 1 2", "bar"),
)


def series_style(index: int) -> SeriesStyle:
    """The style of the *index*-th series (cycling after eight)."""
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def dash_attr(style: SeriesStyle) -> str:
    """The ``stroke-dasharray`` attribute (with its leading space) of *style*, or nothing for a solid line."""
    return f' stroke-dasharray="{style.dash}"' if style.dash else ""


def marker(shape: MarkerShape, x: float, y: float, size: float = 4.0) -> str:
    """A marker centred on (*x*, *y*); its colour comes from the enclosing series class."""
    s = size
    if shape == "circle":
        return f'<circle class="rg-marker" cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(s)}"/>'
    if shape == "ring":
        return f'<circle class="rg-marker rg-hollow" cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(s)}"/>'
    if shape == "square":
        return (
            f'<rect class="rg-marker" x="{fmt(x - s * 0.85)}" y="{fmt(y - s * 0.85)}" '
            f'width="{fmt(s * 1.7)}" height="{fmt(s * 1.7)}"/>'
        )
    if shape == "cross":
        return (
            f'<path class="rg-marker rg-stroke-marker" d="M{fmt(x - s)} {fmt(y - s)}L{fmt(x + s)} {fmt(y + s)}'
            f'M{fmt(x - s)} {fmt(y + s)}L{fmt(x + s)} {fmt(y - s)}"/>'
        )
    if shape == "bar":
        return (
            f'<rect class="rg-marker" x="{fmt(x - s * 0.5)}" y="{fmt(y - s * 1.2)}" '
            f'width="{fmt(s)}" height="{fmt(s * 2.4)}"/>'
        )
    if shape == "diamond":
        d = s * 1.25
        path = f"M{fmt(x)} {fmt(y - d)}L{fmt(x + d)} {fmt(y)}L{fmt(x)} {fmt(y + d)}L{fmt(x - d)} {fmt(y)}Z"
    elif shape == "triangle":
        path = f"M{fmt(x)} {fmt(y - s * 1.2)}L{fmt(x + s * 1.1)} {fmt(y + s * 0.8)}L{fmt(x - s * 1.1)} {fmt(y + s * 0.8)}Z"
    elif shape == "triangle-down":
        path = f"M{fmt(x)} {fmt(y + s * 1.2)}L{fmt(x + s * 1.1)} {fmt(y - s * 0.8)}L{fmt(x - s * 1.1)} {fmt(y - s * 0.8)}Z"
    else:
        # Callers outside the type checker can still pass any string.
        raise ValueError(f"unknown marker shape {shape!r}")
    return f'<path class="rg-marker" d="{path}"/>'


# --- legend -------------------------------------------------------------------------

SwatchFn = Callable[[float, float], str]


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: a label and a function drawing its 24x12 swatch at (x, y-centre).

    Either may be empty: a swatch function returning ``""`` makes a caption
    ("Level"), an empty label a bare swatch (a heat cell showing its number).
    """

    label: str
    swatch: SwatchFn
    #: The label as shown, when the chart chose it (to keep it distinct from the chart's other labels);
    #: empty: the legend shortens the label itself.
    shown: str = ""


def no_swatch(x: float, y: float) -> str:
    """The swatch of a caption: nothing."""
    return ""


def line_swatch(style: SeriesStyle) -> SwatchFn:
    """A short line with the series' dash pattern and marker."""

    def draw(x: float, y: float) -> str:
        return (
            f'<g class="{style.cls}"><path class="rg-line" d="M{fmt(x)} {fmt(y)}H{fmt(x + 24)}"{dash_attr(style)}/>'
            f"{marker(style.marker, x + 12, y)}</g>"
        )

    return draw


def box_swatch(cls: str, overlay: str = "") -> SwatchFn:
    """A filled square with classes *cls* (e.g. ``"rg-box rg-dim-2"``), optionally with a pattern overlay (a fill value)."""

    def draw(x: float, y: float) -> str:
        box = f'x="{fmt(x + 5)}" y="{fmt(y - 7)}" width="14" height="14"'
        out = f'<rect class="{cls}" {box}/>'
        if overlay:
            out += f'<rect class="rg-hatch" {box} fill="{overlay}"/>'
        return out

    return draw


def draw_legend(
    items: Sequence[LegendItem], x: float, y: float, width: float, *, max_chars: int = 28
) -> tuple[list[str], float]:
    """Legend entries laid out in rows from (*x*, *y*) within *width*.

    Returns the SVG lines (one ``<g class="rg-legend">``) and the height used.
    """
    if not items:
        return [], 0.0
    row_h = 20.0
    lines = ['<g class="rg-legend">']
    cx, cy = x, y + row_h / 2
    named = [item.label for item in items if item.label and not item.shown]
    short = dict(zip(named, distinct_labels(named, max_chars)))
    for item in items:
        label = item.shown or short.get(item.label, "")
        has_swatch = bool(item.swatch(0, 0))
        item_w = (30.0 if has_swatch else 0.0) + (approx_width(label) + 18 if label else 0.0)
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy + row_h
        if has_swatch:
            lines.append(item.swatch(cx, cy))
        if label:
            lines.append(text_el(cx + 30 if has_swatch else cx, cy + 4, item.label, shown=label))
        cx += item_w
    lines.append("</g>")
    return lines, cy + row_h / 2 - y


@dataclass(frozen=True)
class Legend:
    """A chart's legend and where it goes: it closes the chart, *pad* above the bottom edge.

    The legend starts at (*x*, *y*) and wraps within *width*; with no items
    it takes no room and the chart ends at *y* + *pad*.
    """

    items: tuple[LegendItem, ...]
    x: float
    y: float
    width: float
    pad: float


def no_legend(bottom: float) -> Legend:
    """No legend; the chart ends at *bottom* (a chart with nothing to show)."""
    return Legend((), 0.0, bottom, 0.0, 0.0)


# --- assembly -----------------------------------------------------------------------


def assemble(
    cid: str,
    title: str,
    description: str,
    table: Table,
    width: float,
    body: Sequence[str],
    legend: Legend,
    *,
    role: Role = "img",
) -> Chart:
    """The :class:`Chart` made of its parts: the SVG head (title, desc), *body*, the legend, the table.

    *cid* is the chart's id prefix (:func:`chart_id_of`); the chart's height
    is where the legend ends plus its pad.
    """
    legend_lines, legend_h = draw_legend(legend.items, legend.x, legend.y, legend.width)
    height = legend.y + legend_h + legend.pad
    lines = svg_head(cid, width, height, title, description, role=role)
    lines.extend(body)
    lines.extend(legend_lines)
    return Chart(cid, title, description, finish_svg(lines), table.header, table.rows)
