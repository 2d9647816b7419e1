"""What a browser fetches from a page's HTML or a style sheet, seen as the browser sees it.

The ``external-request`` check must not be fooled by a spelling the browser reads differently
from a regular expression, so it works on the parsed forms, not on the text:

- HTML is parsed first by html5ever (through nh3, the parser the sanitiser uses: a browser's
  parsing rules, so ``<img/src=...>``, unquoted values and character references come out as a
  browser reads them) and written back in one regular form, which :class:`_Collect` then
  reads element by element. Every ``src``, ``href`` (of the elements that load it),
  ``srcset``, ``poster``, ``data``, ``background``, ``style`` attribute and ``<style>``
  element counts, and a ``class="mermaid"`` (Material then loads mermaid.js from a CDN).
- CSS is read with tinycss2, a CSS Syntax Level 3 tokenizer: escapes (``\\75 rl(``,
  ``"\\2f\\2f host"``), ``image-set()``, ``@import "..."`` without a space and the
  encoding a BOM or ``@charset`` names are decoded as a browser decodes them.
- An address is read as the URL standard reads it: tabs and line breaks inside it are
  dropped, spaces and controls around it trimmed, and a backslash is a slash
  (``ht&#9;tp://``, ``\\\\host/x``).

Script, event handlers and ``javascript:`` addresses are found too (:func:`html_scripts`),
for the refusal of a project template's output that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
import tinycss2

#: Attributes that make the element fetch their value when the page loads (no click needed).
_LOADING = {
    "img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "video": ("src", "poster"), "audio": ("src",),
    "source": ("src", "srcset"), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "link": ("href",), "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
    "body": ("background",), "table": ("background",), "td": ("background",), "th": ("background",),
}
_ATTRIBUTES = {"src", "srcset", "href", "xlink:href", "poster", "data", "background", "style", "class"}
#: Elements and attributes kept for :func:`html_scripts` (everything that runs script).
_SCRIPT_TAGS = {"script", "iframe", "frame", "object", "embed", "base", "meta", "form", "applet"}
_CSS_URL_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set", "image", "cross-fade"}
_SCHEME = re.compile(r"\A([a-z][a-z0-9+.-]*):")
_FETCHING_SCHEMES = {"http", "https", "ftp", "ws", "wss"}


def normal_url(url: str) -> str:
    """*url* as the URL standard reads it: tabs and line breaks inside dropped, spaces and controls
    around it trimmed, backslashes as slashes (what every browser does with http(s) addresses)."""
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    return url.replace("\\", "/")


def is_external(url: str) -> bool:
    """True for an address on another server (``https://x``, ``//x``, ``ht&#9;tp://x`` decoded);
    relative and local ones (``img/a.png``, ``#top``, ``mailto:``) are not."""
    plain = normal_url(url)
    if plain.startswith("//"):
        return True
    scheme = _SCHEME.match(plain.lower())
    return bool(scheme and scheme.group(1) in _FETCHING_SCHEMES)


@dataclass(frozen=True)
class Fetch:
    """One thing the browser would fetch: the address as written (decoded), and what asks for it."""

    url: str
    what: str  # "<img src>", "style sheet", "mermaid diagram" ...
    line: int = 0  # in the text it was found in, when known (CSS); 0 when not
    col: int = 0


# --- CSS -----------------------------------------------------------------------------------


def _css_values(nodes: Iterable[Any]) -> Iterator[Any]:
    """Every component value under *nodes*, nested blocks and function arguments included."""
    for node in nodes:
        yield node
        for inner in ("prelude", "content", "arguments", "value"):
            child = getattr(node, inner, None)
            if isinstance(child, list):
                yield from _css_values(child)


def _css_urls(nodes: Iterable[Any]) -> Iterator[tuple[str, int, int]]:
    for node in _css_values(nodes):
        if node.type == "url":
            yield node.value, node.source_line, node.source_column
        elif node.type == "function" and node.lower_name in _CSS_URL_FUNCTIONS:
            for arg in node.arguments:
                if arg.type == "string":
                    yield arg.value, node.source_line, node.source_column
        elif node.type == "at-rule" and node.lower_at_keyword == "import":
            for arg in node.prelude:
                if arg.type == "string":
                    yield arg.value, node.source_line, node.source_column


def css_fetches(css: str | bytes, *, declarations: bool = False) -> list[Fetch]:
    """The other servers a style sheet makes the browser call: *css* as bytes is decoded by its BOM
    or ``@charset``, as a browser does; *declarations*: *css* is a ``style`` attribute's value."""
    if isinstance(css, bytes):
        rules, _encoding = tinycss2.parse_stylesheet_bytes(css)
    elif declarations:
        rules = tinycss2.parse_blocks_contents(css)
    else:
        rules = tinycss2.parse_stylesheet(css)
    found = [Fetch(url, "style sheet", line, col) for url, line, col in _css_urls(rules) if is_external(url)]
    return list(dict.fromkeys(found))


# --- HTML ----------------------------------------------------------------------------------


def _regular_html(html: str, tags: set[str], attributes: set[str]) -> str:
    """*html* parsed by html5ever and written back with only *tags* and *attributes* kept (every
    value quoted, character references decoded), so a plain tokenizer reads it as a browser would."""
    return nh3.clean(html, tags=tags, clean_content_tags=set(), attributes={"*": attributes},
                     strip_comments=True, link_rel=None, url_schemes=set(_FETCHING_SCHEMES) | {"javascript"},
                     generic_attribute_prefixes={"on"})


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetches: list[Fetch] = []
        self.scripts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = _LOADING.get(tag, ())
        self._in_style = tag == "style"
        if tag in _SCRIPT_TAGS:
            self.scripts.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name in wanted:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                self.fetches += [Fetch(url, f"<{tag} {name}>") for url in urls if is_external(url)]
            elif name == "style":
                self.fetches += [Fetch(f.url, f"<{tag} style>") for f in css_fetches(value, declarations=True)]
            elif name == "class" and "mermaid" in value.lower().split():
                self.fetches.append(Fetch("mermaid", "mermaid diagram"))
            if name.startswith("on"):
                self.scripts.append(f"{name}= on <{tag}>")
            elif name in ("href", "src", "data", "xlink:href") and normal_url(value).lower().startswith(
                    ("javascript:", "vbscript:")):
                self.scripts.append(f"a {normal_url(value).split(':')[0].lower()}: address")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.fetches += [Fetch(f.url, "<style>") for f in css_fetches(data)]


#: Every element a style attribute may stand on: HTML's and SVG's (html5ever keeps only those named, SVG
#: ones in their own letter case; the tokenizer reading its output gives them in lower case).
_ALL_TAGS = set(_LOADING) | _SCRIPT_TAGS | set("""
    a abbr address area article aside b bdi bdo blockquote br button canvas caption center cite code col
    colgroup data datalist dd del details dfn dialog dir div dl dt em fieldset figcaption figure font footer
    h1 h2 h3 h4 h5 h6 header hgroup hr i ins kbd label legend li main map mark marquee menu meter nav
    noscript ol optgroup option output p picture pre progress q rp rt ruby s samp search section select
    slot small span strike strong sub summary sup tbody template textarea tfoot thead time tr tt u ul var
    wbr style svg g defs symbol marker pattern mask clipPath linearGradient radialGradient stop rect
    circle ellipse line path polygon polyline text tspan textPath foreignObject switch title desc view
    filter feImage feFlood feTurbulence animate set animateMotion animateTransform""".split())


def _collect(html: str) -> _Collect:
    collect = _Collect()
    collect.feed(_regular_html(html, _ALL_TAGS, _ATTRIBUTES | {"srcdoc", "http-equiv", "action"}))
    collect.close()
    return collect


def html_fetches(html: str) -> list[Fetch]:
    """Everything on other servers the browser would fetch for *html* (a page's content)."""
    return list(dict.fromkeys(_collect(html).fetches))


def html_scripts(html: str) -> list[str]:
    """What in *html* would run script or leave the page's control (each once, in order)."""
    return list(dict.fromkeys(_collect(html).scripts))


def short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


__all__ = ["Fetch", "css_fetches", "html_fetches", "html_scripts", "is_external", "normal_url", "short"]
