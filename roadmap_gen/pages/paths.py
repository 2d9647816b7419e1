"""Where each generated page lives, and the small text helpers every page shares.

Paths are docs-relative POSIX paths ending in ``.md``. Links between pages are
written relative to the linking page (``root`` + path: ``root`` is ``""`` for
pages at the top and ``"../"`` for pages one folder down), so MkDocs validates
and rewrites them. Only links inside inline SVG need built URLs
(:func:`built_url`), because MkDocs does not rewrite raw HTML.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from html import escape
from typing import Any

from roadmap_gen.core.escape import anchor_id, html_text, one_line
from roadmap_gen.core.version import __version__

HOME = "index.md"
NOW = "now/index.md"
GOALS = "goals.md"
ROADMAP = "roadmap/index.md"
GOVERNANCE = "governance.md"
COMMUNICATIONS = "communications/index.md"
TRAINING = "training.md"
PROGRESS = "progress.md"
HEALTH = "health.md"
TEAMS = "teams/index.md"
CATALOGUE = "catalogue/index.md"
CATALOGUE_FACTORS = "catalogue/factors.md"
CATALOGUE_TRAINING = "catalogue/training.md"
DOWNLOADS = "downloads/index.md"
JSON_FILE = "downloads/roadmap.json"
CSV_FILE = "downloads/roadmap.csv"
CHANGES = "changes.md"
REPORT = "report/index.md"
XLSX_FILE = "downloads/roadmap.xlsx"
ICS_FILE = "downloads/roadmap.ics"
#: Made after the site engine built the site (``build --pdf``), from the built report page.
PDF_FILE = "downloads/report.pdf"

#: File names in teams/ that team pages may not take (the index and the group pages).
GROUP_PREFIX = "group-"


def factor_file_names(factor_ids: Iterable[str]) -> dict[str, str]:
    """Factor id -> file stem in now/: the id, unless it is ``index`` (the section's own page)."""
    return _safe_names(factor_ids, "factor-", lambda name: name == "index")


def phase_path(period: str) -> str:
    return f"roadmap/{period.lower()}.md"


def extra_page_path(name: str) -> str:
    return f"pages/{name}.md"


def _safe_names(ids: Iterable[str], prefix: str, reserved: Callable[[str], bool]) -> dict[str, str]:
    """Id -> file stem: the id itself, or *prefix* + id (repeated until free) when the id is reserved."""
    ordered = sorted(set(ids))
    taken = set(ordered)
    names: dict[str, str] = {}
    for ident in ordered:
        name = ident
        if reserved(name):
            name = prefix + ident
            while name in taken or reserved(name):
                name = prefix + name
            taken.add(name)
        names[ident] = name
    return names


def team_file_names(team_ids: Iterable[str]) -> dict[str, str]:
    """Team id -> file stem in teams/: the id, unless it is ``index`` or starts like a group page."""
    return _safe_names(team_ids, "team-", lambda name: name == "index" or name.startswith(GROUP_PREFIX))


def group_file_names(groups: Iterable[str]) -> dict[str, str]:
    """Group name -> file stem ``group-<slug>`` in teams/, unique (``-2``, ``-3`` ... on a clash)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for group in sorted(set(groups)):
        base = f"{GROUP_PREFIX}{anchor_id(group)}"
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        names[group] = name
    return names


def root_of(path: str) -> str:
    """The prefix that leads from the page at *path* back to the docs root."""
    depth = path.count("/")
    return "../" * depth


def built_url(from_page: str, to_page: str) -> str:
    """The URL of *to_page* relative to *from_page* in the built site (``use_directory_urls``)."""

    def url_dir(path: str) -> str:
        stem = path[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    here, there = url_dir(from_page), url_dir(to_page)
    rel = posixpath.relpath(there or ".", here or ".")
    return "./" if rel == "." else rel + "/"


def front_matter(title: str, *, searchable: bool = True, hide: tuple[str, ...] = ()) -> str:
    """YAML front matter giving the page's title, escaped for HTML.

    Material writes ``page.title`` into ``<title>`` through ``striptags``, which
    turns ``&lt;`` back into ``<``; a title from the front matter is written as
    is. So every page carries its title here, HTML-escaped, and the YAML string
    uses only ASCII escapes (``\\uXXXX``) so any character survives the YAML reader.
    Pages that are not ``searchable`` are left out of the search index (Material's
    ``search.exclude``): team pages, whose names the teams index and group pages carry,
    so the index and the build stay small at a thousand teams. ``hide`` names parts of the theme's
    page the page goes without (Material's ``hide``: ``navigation``, ``toc``, ``footer``).
    """
    search = "" if searchable else "search:\n  exclude: true\n"
    hidden = "hide:\n" + "".join(f"  - {part}\n" for part in hide) if hide else ""
    return f"---\ntitle: {yaml_string(html_text(one_line(title)))}\n{search}{hidden}---\n\n"


def yaml_string(text: str) -> str:
    """*text* as a YAML double-quoted scalar made of printable ASCII only."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_UPPER_WORDS = frozenset({"it", "itsm", "cmdb", "sla", "slas", "hr", "cx", "itil", "ci", "cis", "api", "ai"})


def label_of(slug: str) -> str:
    """A readable label for an id with no title of its own (scope entries): ``it-asset-management`` -> ``IT asset management``."""
    words = [w.upper() if w in _UPPER_WORDS else w for w in slug.replace("_", "-").split("-") if w]
    if not words:
        return slug
    first = words[0]
    words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def site_title(organisation: str, programme: str, subject: str) -> str:
    """The site's name: the programme's own name, else what the catalogue improves; never a subject
    the catalogue does not name."""
    if programme:
        return f"{programme} · {organisation}"
    return f"{organisation} · {subject + ' ' if subject else ''}improvement roadmap"


ENGINE_TITLES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


def footer_html(organisation: str, period: str, next_review: str, commit: str, built: str,
                engine: str = "mkdocs") -> str:
    parts = [f"{escape(organisation)} · review {escape(period)} · next review {escape(next_review)}"]
    if commit:
        parts.append(f"built from commit <code>{escape(commit)}</code>")
    if built:
        parts.append(f"built {escape(built)}")
    parts.append(f"made with roadmap-gen {escape(__version__)} and {ENGINE_TITLES.get(engine, escape(engine))}")
    return " · ".join(parts)


def nav_entries(nav: Any, *, titled: bool = False) -> Iterator[tuple[str, bool]]:
    """Every entry of a MkDocs nav (pages and links), in order, and whether the nav gives it a title
    (a bare entry's title is its page's, which MkDocs knows only once it has read the page)."""
    if isinstance(nav, str):
        yield nav, titled
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_entries(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_entries(value, titled=True)


def nav_paths(nav: Any) -> Iterator[str]:
    """Every entry of a MkDocs nav (pages and links), in order."""
    return (path for path, _ in nav_entries(nav))
