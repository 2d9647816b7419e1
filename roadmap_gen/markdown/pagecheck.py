"""Checks of the hand-written pages (``content/pages/*.md``) and of theme CSS, in the load stage.

- Front matter: an untrusted page may set only the keys in :data:`FRONT_MATTER_KEYS`
  (the theme prints some front-matter values into the page unescaped, and other keys
  choose theme templates or plugins); its values are checked like any YAML.
- External requests: an image, script, style sheet, frame or media element whose
  address is on another server, a ``mermaid`` diagram (Material loads mermaid.js from a
  CDN), or a CSS ``url()``/``@import`` of another server makes the published site call
  the internet: each is a located ``external-request`` warning (see
  :data:`EXTERNAL_REQUEST_TEXT`), whose ``about`` is the page's path. The page is checked
  as the browser gets it: converted with the project's Markdown settings, then read by
  markdown/fetches.py (HTML parsed as a browser parses it, CSS by a CSS tokenizer), so no
  spelling of Markdown or HTML hides a request; each is located where the page's text
  writes the address (else at 1:1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error
from roadmap_gen.markdown.fetches import css_fetches, html_fetches, normal_url, short
from roadmap_gen.markdown.setup import DEFAULT_SETUP, MarkdownSetup, page_html
from roadmap_gen.spec.yamlread import Mapping as YamlMap
from roadmap_gen.spec.yamlread import Scalar, load_text, position, to_python

#: The texts for the health-check registry (title, what it looks for, what to do).
EXTERNAL_REQUEST_TEXT: Mapping[str, str] = {
    "id": "external-request",
    "severity": "warning",
    "title": "Loads something from outside the site",
    "meaning": ("A setting in mkdocs.yml (theme.font, an extra_javascript or extra_css address on another "
                "server, extra.analytics, repo_url, a logo or favicon address), a CSS file in site_config/ "
                "or a hand-written page (an image, script, style sheet, frame or media element on another "
                "server, a mermaid diagram) makes the published site fetch something from the internet. "
                "On an intranet it fails, and every reader's visit is reported to that server."),
    "action": ("Copy the file into site_config/ (or content/pages/) and refer to it there, or remove the "
               "setting; if the request is intended, waive the finding, with the about it shows (the setting's "
               "dotted key, or the page's path)."),
}

#: Front-matter keys an untrusted page may set (the rest need --trust).
FRONT_MATTER_KEYS = ("title", "description", "hide", "search", "tags")
_FRONT_MATTER_RE = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?((?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)
_FENCE_RE = re.compile(r"^([ \t]{0,3})(`{3,}|~{3,})[ \t]*([^\s`{]*)?")


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter: its values, where it ends in the text, and the body's first line."""

    data: dict[str, Any]
    end: int  # index in the text just after the closing '---'
    body_line: int  # the 1-based line the body starts on
    root: YamlMap | None = None  # the located tree, for diagnostics


def split_front_matter(text: str, label: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """The YAML front matter of a Markdown page (MkDocs' ``---`` block at the top), if any."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return None, []
    block = match.group(2) or ""
    # Parse the block where it stands, so positions are the page's own (the '---' line is line 1).
    loaded = load_text("\n" + block, label)
    if loaded.diagnostics:
        return None, list(loaded.diagnostics)
    data = to_python(loaded.root)
    diags: list[Diagnostic] = []
    if data is not None and not isinstance(data, dict):
        diags.append(error(Loc(label, 1, 1), "bad-type", "the page's front matter must be a map of settings"))
        data = {}
    body_line = position(text, match.end())[0]
    root = loaded.root if isinstance(loaded.root, YamlMap) else None
    return FrontMatter(data or {}, match.end(), body_line, root), diags


def check_front_matter(text: str, label: str, *, trust: bool) -> list[Diagnostic]:
    fm, diags = split_front_matter(text, label)
    if fm is None or trust:
        return diags
    if fm.root is not None:
        for key, value in fm.root.items:
            if key.value not in FRONT_MATTER_KEYS:
                diags.append(error(key.loc, "unsafe-setting",
                                   f"a page's front matter may set only {', '.join(FRONT_MATTER_KEYS)} "
                                   f"in an untrusted project; '{key.value}' needs --trust",
                                   "remove the key, or build with --trust if you trust everyone who can "
                                   "change this project"))
            elif key.value in ("title", "description") and not isinstance(value, Scalar):
                diags.append(error(value.loc, "bad-type", f"the page's {key.value} must be text"))
    return diags


def url_needles(url: str) -> list[str]:
    """How a text may write *url*: as found, as the browser reads it, without its scheme, or its server's name."""
    plain = normal_url(url)
    served = re.sub(r"\A(?:[a-z][a-z0-9+.-]*:)?//", "", plain, flags=re.I)  # server and path
    return [url, plain, served, served.split("/")[0]]


def locate(source: str, needles: list[str]) -> tuple[int, int] | None:
    """Line and column (1-based) of the first of *needles* (in that order) that *source* holds, in any
    letter case; None when it holds none."""
    lower = source.lower()
    for needle in needles:
        at = lower.find(needle.lower()) if needle else -1
        if at >= 0:
            return position(source, at)
    return None


def external_requests(text: str, label: str, markdown: MarkdownSetup = DEFAULT_SETUP) -> list[Diagnostic]:
    """``external-request`` warnings for every fetch the browser makes for a page: its Markdown
    converted with the project's settings, its raw HTML parsed as a browser parses it."""
    plain = re.sub("\r\n?", "\n", text)
    places: list[tuple[int, int, str]] = []
    for number, text_line in enumerate(plain.split("\n"), 1):
        fence = _FENCE_RE.match(text_line)
        if fence and (fence.group(3) or "").lower() == "mermaid":
            places.append((number, len(fence.group(1)) + 1, _MERMAID))
    fenced = bool(places)
    fm, _ = split_front_matter(plain, label)
    for fetch in html_fetches(page_html(plain[fm.end:] if fm is not None else plain, markdown)):
        if fetch.url == "mermaid":
            if not fenced:
                places.append((*(locate(plain, ["mermaid"]) or (1, 1)), _MERMAID))
        else:
            where = locate(plain, url_needles(fetch.url)) or (1, 1)
            places.append((*where, f"loads {short(normal_url(fetch.url))} ({fetch.what})"))
    return [Diagnostic(Loc(label, line, col), "warning", "external-request",
                       f"the page {what}, so the published site calls the internet",
                       EXTERNAL_REQUEST_TEXT["action"].split(";")[0], about=label)
            for line, col, what in dict.fromkeys(places)]


_MERMAID = "holds a mermaid diagram (Material loads mermaid.js from a CDN)"


def css_external_requests(data: bytes, label: str) -> list[Diagnostic]:
    """``external-request`` warnings for everything on other servers a style sheet loads, read as a
    browser reads it (tinycss2: escapes, ``image-set()``, ``@import``, the encoding its BOM names)."""
    return [Diagnostic(Loc(label, fetch.line, fetch.col), "warning", "external-request",
                       f"the style sheet loads {short(normal_url(fetch.url))}, so the published site calls the "
                       "internet",
                       "copy the file into site_config/ and refer to it there", about=label)
            for fetch in css_fetches(data)]


def check_page(text: str, label: str, markdown: MarkdownSetup = DEFAULT_SETUP, *, trust: bool) -> list[Diagnostic]:
    """Every finding about one hand-written page (*markdown*: the project's extensions and options)."""
    return check_front_matter(text, label, trust=trust) + external_requests(text, label, markdown)
