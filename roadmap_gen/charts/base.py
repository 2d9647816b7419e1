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
* every string from data goes through :func:`roadmap_gen.escape.html_text` /
  :func:`~roadmap_gen.escape.html_attr`; long labels are cut with an ellipsis
  and the full text kept in a ``<title>`` child (and in the table).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from roadmap_gen.escape import anchor_id, html_attr, html_text

__all__ = [
    "Chart",
    "LegendItem",
    "SERIES_STYLES",
    "SeriesStyle",
    "approx_width",
    "chart_id_of",
    "check_finite",
    "finish_svg",
    "fmt",
    "join_names",
    "legend",
    "marker",
    "nice_ticks",
    "plural",
    "svg_head",
    "svg_open",
    "text_el",
    "truncate",
]

#: Average advance of a character as a share of the font size (a sans-serif guess,
#: used only to decide when to truncate and how much room to leave).
CHAR_WIDTH = 0.55
FONT_SIZE = 12
SMALL_FONT = 11
ELLIPSIS = "\u2026"
NOT_ASSESSED = "\u2013"  # en dash: the table and cell text for a missing value


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its SVG and the same data as a table.

    ``title``, ``description`` and the table cells are plain text (escape them
    for their context when rendering, e.g. with :func:`roadmap_gen.escape.md_cell`);
    ``svg`` is ready-to-embed markup.
    """

    id: str
    title: str
    description: str
    svg: str
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]


# --- numbers ----------------------------------------------------------------------


def fmt(value: float, decimals: int = 2) -> str:
    """*value* with at most *decimals* decimals, no trailing zeros, never ``-0``.

    >>> fmt(1.0), fmt(2.345), fmt(0.1 + 0.2), fmt(-0.001)
    ('1', '2.35', '0.3', '0')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 factor"``, ``"3 factors"``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def join_names(names: Sequence[str], limit: int = 6) -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``; more than *limit* end in ``"and N more"``."""
    items = list(names)
    if len(items) > limit:
        items = items[:limit] + [f"{len(names) - limit} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def one_line(text: str) -> str:
    """Whitespace runs collapsed to one space, stripped."""
    return " ".join(text.split())


def truncate(text: str, max_chars: int) -> str:
    """*text* on one line, cut to at most *max_chars* characters ending in an ellipsis."""
    text = one_line(text)
    max_chars = max(max_chars, 2)
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + ELLIPSIS


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


def svg_open(width: float, height: float, title_id: str, desc_id: str, *, role: str = "img") -> str:
    """The root ``<svg>`` tag of a chart *width* x *height* user units, scaling to its container."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="{html_attr(role)}" '
        f'aria-labelledby="{html_attr(title_id)} {html_attr(desc_id)}" '
        f'viewBox="0 0 {fmt(width)} {fmt(height)}" width="100%" '
        f'style="max-width:{fmt(width)}px" class="rg-chart" font-size="{FONT_SIZE}">'
    )


def svg_head(cid: str, width: float, height: float, title: str, desc: str, *, role: str = "img") -> list[str]:
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
    anchor: str | None = None,
    max_chars: int | None = None,
    extra: str = "",
) -> str:
    """A ``<text>`` element showing *label* (escaped, truncated with a ``<title>`` if cut)."""
    full = one_line(label)
    shown = truncate(full, max_chars) if max_chars is not None else full
    attrs = f'x="{fmt(x)}" y="{fmt(y)}"'
    if cls:
        attrs += f' class="{cls}"'
    if anchor:
        attrs += f' text-anchor="{anchor}"'
    if extra:
        attrs += " " + extra
    tooltip = f"<title>{html_text(full)}</title>" if shown != full else ""
    return f"<text {attrs}>{tooltip}{html_text(shown)}</text>"


@dataclass(frozen=True)
class SeriesStyle:
    """How one data series is told apart: a colour class, a dash pattern and a marker shape."""

    cls: str
    dash: str
    marker: str


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
    return f' stroke-dasharray="{style.dash}"' if style.dash else ""


def marker(shape: str, x: float, y: float, size: float = 4.0) -> str:
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
    if shape == "diamond":
        d = s * 1.25
        path = f"M{fmt(x)} {fmt(y - d)}L{fmt(x + d)} {fmt(y)}L{fmt(x)} {fmt(y + d)}L{fmt(x - d)} {fmt(y)}Z"
    elif shape == "triangle":
        path = f"M{fmt(x)} {fmt(y - s * 1.2)}L{fmt(x + s * 1.1)} {fmt(y + s * 0.8)}L{fmt(x - s * 1.1)} {fmt(y + s * 0.8)}Z"
    elif shape == "triangle-down":
        path = f"M{fmt(x)} {fmt(y + s * 1.2)}L{fmt(x + s * 1.1)} {fmt(y - s * 0.8)}L{fmt(x - s * 1.1)} {fmt(y - s * 0.8)}Z"
    elif shape == "cross":
        return (
            f'<path class="rg-marker rg-stroke-marker" d="M{fmt(x - s)} {fmt(y - s)}L{fmt(x + s)} {fmt(y + s)}'
            f'M{fmt(x - s)} {fmt(y + s)}L{fmt(x + s)} {fmt(y - s)}"/>'
        )
    elif shape == "bar":
        return (
            f'<rect class="rg-marker" x="{fmt(x - s * 0.5)}" y="{fmt(y - s * 1.2)}" '
            f'width="{fmt(s)}" height="{fmt(s * 2.4)}"/>'
        )
    else:
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


def legend(items: Sequence[LegendItem], x: float, y: float, width: float, *, max_chars: int = 28) -> tuple[list[str], float]:
    """Legend entries laid out in rows from (*x*, *y*) within *width*.

    Returns the SVG lines (one ``<g class="rg-legend">``) and the height used.
    """
    if not items:
        return [], 0.0
    row_h = 20.0
    lines = ['<g class="rg-legend">']
    cx, cy = x, y + row_h / 2
    for item in items:
        label = truncate(item.label, max_chars)
        has_swatch = bool(item.swatch(0, 0))
        item_w = (30.0 if has_swatch else 0.0) + (approx_width(label) + 18 if label else 0.0)
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy + row_h
        if has_swatch:
            lines.append(item.swatch(cx, cy))
        if label:
            lines.append(text_el(cx + 30 if has_swatch else cx, cy + 4, item.label, max_chars=max_chars))
        cx += item_w
    lines.append("</g>")
    return lines, cy + row_h / 2 - y


def no_data(x: float, y: float, message: str) -> str:
    """A centred note for a chart with nothing to draw."""
    return text_el(x, y, message, cls="rg-label rg-note", anchor="middle")
