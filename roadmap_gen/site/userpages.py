"""Hand-written pages (``content/pages/*.md``) of an untrusted project: no script reaches the site.

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
from typing import Any

import markdown
import nh3

from roadmap_gen.escape import html_text, one_line
from roadmap_gen.load.pagecheck import split_front_matter
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
_ARTICLE_END = "</article>"
_H1_RE = re.compile(r"\A(?:[ \t]*\r?\n)*[ ]{0,3}#(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*(?:\r?\n|\Z)")
_SETEXT_RE = re.compile(r"\A(?:[ \t]*\r?\n)*[ ]{0,3}(\S[^\n]*?)[ \t]*\r?\n[ ]{0,3}=+[ \t]*(?:\r?\n|\Z)")
_TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "input" and attribute == "type":
        return value if value.lower() in _INPUT_TYPES else None
    if attribute == "style":  # only table cell alignment (Markdown tables write it so)
        match = re.fullmatch(r"\s*text-align\s*:\s*(left|right|center)\s*;?\s*", value, re.I)
        return f"text-align: {match.group(1).lower()};" if match else None
    return value


def clean_html(fragment: str) -> str:
    """*fragment* with only formatting markup left (see the module docstring)."""
    return nh3.clean(fragment, tags=set(_TAGS), clean_content_tags=set(_DROP_WITH_CONTENT),
                     attributes={k: set(v) for k, v in _ATTRIBUTES.items()}, attribute_filter=_attribute_filter,
                     strip_comments=True, link_rel=None, url_schemes={"http", "https", "mailto"})


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


def sanitize_built(html: str) -> str:
    """The built page with its own content (from the marker to the end of the article) cleaned."""
    start = html.find(MARKER)
    if start < 0:  # fail closed: a page whose content cannot be found is not published
        raise ValueError("the page's content could not be found in the built page to clean it")
    end = html.rfind(_ARTICLE_END)
    if end < start:
        end = len(html)
    return html[:start] + clean_html(html[start:end]) + html[end:]
