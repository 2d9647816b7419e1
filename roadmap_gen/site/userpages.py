"""The pages of an untrusted project: no script reaches the site.

Hand-written pages (``content/pages/*.md``) and generated pages alike (a project's ``templates/``
write those): every page's content is cleaned after the engine built it; a generated page keeps the
SVG of the tool's charts (:data:`_CHART_TAGS`, allowed explicitly). Ids are restricted everywhere
(:func:`safe_id`), so no page can shadow the theme's own (``#__config``).

Two steps, around the site engine:

1. :func:`prepare` writes the page into the staging tree with front matter of our own
   (its title and description HTML-escaped: the theme prints both unescaped into
   every page's navigation and head) and a marker comment before the body.
2. :func:`sanitize_built` cleans the built page's content with nh3 (the Rust
   ``ammonia`` sanitizer): from the marker to the end of the theme's ``<article>``,
   only formatting tags and harmless attributes stay. No ``<script>``, ``<style>``,
   frames, forms or event-handler attributes (whether they came from raw HTML,
   ``md_in_html`` or ``attr_list``), and no link or image address other than http(s),
   mailto or a relative one (no ``javascript:``, no ``data:``).

Cleaning the HTML the engine made, rather than the Markdown, catches every way
Markdown extensions can produce markup. With ``--trust`` pages pass as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import nh3

from roadmap_gen.core.diagnostics import BuildError
from roadmap_gen.core.escape import html_text, one_line
from roadmap_gen.markdown.pagecheck import split_front_matter
from roadmap_gen.pages.paths import yaml_string

MARKER = "<!-- roadmap-gen: the page's own content starts here -->"

_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "wbr", "section", "aside", "article", "hgroup",
})
# Elements whose content goes with them (the rest keep their text when the tag is dropped).
_DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                                "textarea", "select", "svg", "math"})
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "col": {"span"},
    "ol": {"start", "type", "reversed"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "details": {"open"},
    "time": {"datetime"},
    "div": {"data-tabs"},
}
_INPUT_TYPES = frozenset({"checkbox", "radio"})
#: The tool's own charts (charts/): the SVG elements and attributes they are drawn with, allowed in
#: generated pages only. None of them runs script or fetches anything (no <script>, <use>, <image>,
#: <foreignObject>, <animate> or <set>), so a project template that writes them can do no harm either.
_CHART_TAGS = frozenset({"svg", "g", "defs", "pattern", "title", "desc", "rect", "circle", "ellipse", "line",
                         "path", "polygon", "polyline", "text", "tspan"})
_CHART_ATTRIBUTES = frozenset({
    "xmlns", "role", "aria-labelledby", "aria-label", "aria-hidden", "viewBox", "width", "height", "style",
    "font-size", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "transform",
    "text-anchor", "dx", "dy", "fill", "stroke", "stroke-width", "stroke-dasharray", "patternUnits", "opacity",
})
#: Ids are words of [A-Za-z0-9_-], and none may be one of the theme's own (Material reads its settings
#: from #__config and keeps its search, drawer and palette under __ names): only the ids extensions
#: number for themselves (tabs, code lines) may start with __.
_ID_RE = re.compile(r"[A-Za-z0-9_-]+")
_EXTENSION_ID_RE = re.compile(r"__(?:tabbed_\d+(?:_\d+)?|codelineno-\d+(?:-\d+)?|span-\d+-\d+)")
_ID_ATTRIBUTES = frozenset({"id", "for", "name"})
_ARTICLE_END = "</article>"
_H1_RE = re.compile(r"\A(?:[ \t]*\r?\n)*[ ]{0,3}#(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*(?:\r?\n|\Z)")
_SETEXT_RE = re.compile(r"\A(?:[ \t]*\r?\n)*[ ]{0,3}(\S[^\n]*?)[ \t]*\r?\n[ ]{0,3}=+[ \t]*(?:\r?\n|\Z)")
_TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def safe_id(value: str) -> str:
    """*value* as an id the page may hold: characters outside [A-Za-z0-9_-] become ``-``, and a name
    the theme could use (``__config``) is moved out of its way (``id__config``)."""
    safe = value if _ID_RE.fullmatch(value) else re.sub(r"[^A-Za-z0-9_-]", "-", value) or "id"
    if safe.startswith("__") and not _EXTENSION_ID_RE.fullmatch(safe):
        safe = "id" + safe
    return safe


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in _ID_ATTRIBUTES:
        return safe_id(value)
    if tag == "svg" and attribute == "style":  # a chart's width limit, nothing else
        match = re.fullmatch(r"\s*max-width\s*:\s*([0-9.]+px)\s*;?\s*", value)
        return f"max-width:{match.group(1)}" if match else None
    if tag == "input" and attribute == "type":
        return value if value.lower() in _INPUT_TYPES else None
    if attribute == "style":  # only table cell alignment (Markdown tables write it so)
        match = re.fullmatch(r"\s*text-align\s*:\s*(left|right|center)\s*;?\s*", value, re.I)
        return f"text-align: {match.group(1).lower()};" if match else None
    return value


def clean_html(fragment: str, *, charts: bool = False) -> str:
    """*fragment* with only formatting markup left (see the module docstring); with *charts*, the
    SVG the tool's charts are drawn with stays too (a generated page)."""
    tags, drop, attributes = set(_TAGS), set(_DROP_WITH_CONTENT), {k: set(v) for k, v in _ATTRIBUTES.items()}
    if charts:
        tags |= _CHART_TAGS
        drop.discard("svg")
        for tag in _CHART_TAGS:
            attributes[tag] = attributes.get(tag, set()) | _CHART_ATTRIBUTES
    return nh3.clean(fragment, tags=tags, clean_content_tags=drop, attributes=attributes,
                     attribute_filter=_attribute_filter, strip_comments=True, link_rel=None,
                     url_schemes={"http", "https", "mailto"})


def _title_from_heading(body: str) -> str | None:
    """The page's title as MkDocs would take it (a first-line ``#`` or setext heading), as safe HTML text."""
    match = _H1_RE.match(body) or _SETEXT_RE.match(body)
    if not match:
        return None
    html = markdown.markdown(match.group(1), extensions=["attr_list"])
    text = " ".join(_TAG_RE.sub("", html).split())
    return nh3.clean(text, tags=set()) or None


def _front_matter(data: dict[str, Any], title: str | None) -> str:
    lines = ["---"]
    if title:
        lines.append(f"title: {yaml_string(title)}")
    description = data.get("description")
    if isinstance(description, str) and description.strip():
        lines.append(f"description: {yaml_string(html_text(one_line(description)))}")
    hide = data.get("hide")
    if isinstance(hide, list):
        known = [h for h in hide if h in ("navigation", "toc", "footer", "path", "tags", "feedback")]
        if known:
            lines.append("hide: [" + ", ".join(known) + "]")
    search = data.get("search")
    if isinstance(search, dict) and isinstance(search.get("exclude"), bool):
        lines.append(f"search:\n  exclude: {'true' if search['exclude'] else 'false'}")
    tags = data.get("tags")
    if isinstance(tags, list):
        shown = [yaml_string(html_text(one_line(str(t)))) for t in tags if isinstance(t, (str, int, float))]
        if shown:
            lines.append("tags: [" + ", ".join(shown) + "]")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def prepare(text: str, label: str) -> str:
    """The staging text of an untrusted hand-written page: our front matter, the marker, the body."""
    fm, _ = split_front_matter(text, label)
    body = text[fm.end:] if fm is not None else text
    data = fm.data if fm is not None else {}
    title_value = data.get("title")
    if isinstance(title_value, (str, int, float)) and not isinstance(title_value, bool) and str(title_value).strip():
        title: str | None = html_text(one_line(str(title_value)))
    else:
        title = _title_from_heading(body)
    return _front_matter(data, title) + MARKER + "\n\n" + body


def mark_generated(text: str) -> str:
    """A generated page's staging text with the marker between its front matter and its body, so its
    built content is cleaned like a hand-written page's (the project's templates wrote it)."""
    end = text.find("\n---\n", 4) if text.startswith("---\n") else -1
    cut = end + len("\n---\n") if end >= 0 else 0
    return text[:cut] + "\n" + GENERATED_MARKER + "\n\n" + text[cut:]


#: The marker of a generated page (its content may hold the tool's charts).
GENERATED_MARKER = "<!-- roadmap-gen: the generated content starts here -->"


def sanitize_built(html: str) -> str:
    """The built page with its own content (from the marker to the end of the article) cleaned."""
    # The first marker is the page's own: the other may be text the page's content wrote.
    found = sorted((at, marker) for marker in (MARKER, GENERATED_MARKER) if (at := html.find(marker)) >= 0)
    start, charts = (found[0][0], found[0][1] == GENERATED_MARKER) if found else (-1, False)
    if start < 0:  # fail closed: a page whose content cannot be found is not published
        raise ValueError("the page's content could not be found in the built page to clean it")
    end = html.rfind(_ARTICLE_END)
    if end < start:
        end = len(html)
    return html[:start] + clean_html(html[start:end], charts=charts) + html[end:]


def is_marked(html: str) -> bool:
    """True for a built page whose content is still to be cleaned."""
    return MARKER in html or GENERATED_MARKER in html


def clean_built_page(site: Path, rel: str, *, required: bool = False) -> None:
    """Clean the built page *rel* of *site* in place when it is marked; a page that must be cleaned
    (*required*: a hand-written page after a full build, the board pack printed) is refused without its
    marker (fail closed)."""
    built = site / rel
    try:
        html = built.read_text("utf-8")
        if is_marked(html) or required:
            built.write_text(sanitize_built(html), "utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BuildError(f"cannot clean the built page {rel}: {exc}") from None
