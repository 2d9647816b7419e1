"""Checks of the hand-written pages (``content/pages/*.md``) and of theme CSS, in the load stage.

- Front matter: an untrusted page may set only the keys in :data:`FRONT_MATTER_KEYS`
  (the theme prints some front-matter values into the page unescaped, and other keys
  choose theme templates or plugins); its values are checked like any YAML.
- External requests: an image, script, style sheet, frame or media element whose
  address is on another server, a ``mermaid`` diagram (Material loads mermaid.js from a
  CDN), or a CSS ``url()``/``@import`` of another server makes the published site call
  the internet: each is a located ``external-request`` warning (see
  :data:`EXTERNAL_REQUEST_TEXT`), whose ``about`` is the page's path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Mapping

from roadmap_gen.diagnostics import Diagnostic, Loc, error
from roadmap_gen.load.yamlload import Mapping as YamlMap, Scalar, load_text, position, to_python

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
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1", re.S)
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
_MD_REF_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\[([^\]\n]*)\]")
_MD_REF_DEF_RE = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_CSS_URL_RE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]*)""", re.I)
_EXTERNAL_RE = re.compile(r"^\s*(?:(?:https?|ftp|wss?):)?//", re.I)
# Attributes that make the browser fetch their value (the element loads it, no click needed).
_LOADING_ATTRS = {
    "img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "video": ("src", "poster"), "audio": ("src",),
    "source": ("src", "srcset"), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "link": ("href",), "use": ("href", "xlink:href"), "body": ("background",), "table": ("background",),
}


def is_external(url: str) -> bool:
    """True for an address on another server (``https://x``, ``//x``); relative and local ones are not."""
    return bool(_EXTERNAL_RE.match(url))


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


def check_front_matter(text: str, label: str, trust: bool) -> list[Diagnostic]:
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


def _blank_code(text: str) -> str:
    """*text* with fenced code blocks and code spans blanked (kept the same length, breaks kept),
    so examples of HTML inside code are not taken for markup the page uses."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE_RE.match(line)
        if fence is None:
            if match:
                fence = match.group(2)
                out.append(line)
                continue
            out.append(_CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line))
        else:
            if match and match.group(2)[0] == fence[0] and len(match.group(2)) >= len(fence) \
                    and not (match.group(3) or "").strip():
                fence = None
            out.append("".join(c if c in "\r\n" else " " for c in line))
    return "".join(out)


class _Loads(HTMLParser):
    """Collects (line, column, element, attribute, url) of every fetch raw HTML asks for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        wanted = _LOADING_ATTRS.get(tag, ())
        for name, value in attrs:
            value = value or ""
            if name in wanted:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    if is_external(url):
                        self.found.append((line, col + 1, tag, name, url))
            elif name == "style":
                for match in _CSS_URL_RE.finditer(value):
                    self.found.append((line, col + 1, tag, name, match.group(1)))
            elif name == "class" and "mermaid" in value.split():
                self.found.append((line, col + 1, tag, name, "mermaid"))

    handle_startendtag = handle_starttag


def external_requests(text: str, label: str) -> list[Diagnostic]:
    """``external-request`` warnings for every fetch a page's Markdown or raw HTML asks for."""
    found: list[Diagnostic] = []

    def warn(line: int, col: int, what: str) -> None:
        found.append(Diagnostic(Loc(label, line, col), "warning", "external-request",
                                f"the page {what}, so the published site calls the internet",
                                EXTERNAL_REQUEST_TEXT["action"].split(";")[0], about=label))

    # HTMLParser and the regexes count lines by LF: work on a copy whose other breaks are LF.
    plain = re.sub("\r\n?", "\n", text)
    for number, text_line in enumerate(plain.split("\n"), 1):
        fence = _FENCE_RE.match(text_line)
        if fence and (fence.group(3) or "").lower() == "mermaid":
            warn(number, len(fence.group(1)) + 1, "holds a mermaid diagram (Material loads mermaid.js from a CDN)")
    blank = _blank_code(plain)
    refs = {m.group(1).strip().lower(): m.group(2) for m in _MD_REF_DEF_RE.finditer(blank)}
    for match in _MD_IMAGE_RE.finditer(blank):
        if is_external(match.group(1)):
            line, col = _line_col(blank, match.start())
            warn(line, col, f"shows an image from another server ({_short(match.group(1))})")
    for match in _MD_REF_IMAGE_RE.finditer(blank):
        url = refs.get((match.group(2) or match.group(1)).strip().lower(), "")
        if is_external(url):
            line, col = _line_col(blank, match.start())
            warn(line, col, f"shows an image from another server ({_short(url)})")
    parser = _Loads()
    try:
        parser.feed(blank)
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; a failure only means fewer findings
        pass
    for line, col, tag, attr, url in parser.found:
        if url == "mermaid":
            warn(line, col, "holds a mermaid diagram (Material loads mermaid.js from a CDN)")
        else:
            warn(line, col, f"loads {_short(url)} (<{tag} {attr}>)")
    return found


def css_external_requests(text: str, label: str) -> list[Diagnostic]:
    """``external-request`` warnings for ``url(https://...)`` and ``@import`` of other servers in CSS."""
    plain = re.sub("\r\n?", "\n", text)
    found = []
    for match in _CSS_URL_RE.finditer(plain):
        line, col = _line_col(plain, match.start())
        found.append(Diagnostic(Loc(label, line, col), "warning", "external-request",
                                f"the style sheet loads {_short(match.group(1))}, so the published site "
                                "calls the internet", "copy the file into site_config/ and refer to it there",
                                about=label))
    return found


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


def check_page(text: str, label: str, trust: bool) -> list[Diagnostic]:
    """Every finding about one hand-written page."""
    return check_front_matter(text, label, trust) + external_requests(text, label)
