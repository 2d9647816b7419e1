"""What ``build`` would refuse, found without writing anything in the project.

``validate`` calls :func:`check_site` after the plan: it renders one page of each kind
in memory (site/sample.py: each template with every shape of data it meets), and any
page a hand-written page links to (a broken project template is a located error; what a
project's own templates write is checked as the browser will get it,
site/templatecheck.py); with ``full``, every page and the downloads (the workbook, the
calendar). It makes the site
engine's configuration (an unsafe ``mkdocs.yml`` is one), and checks the links
of the hand-written pages (``content/pages/*.md``) and of the nav the way
MkDocs checks them under the strict validation ``build`` uses: a link to a page
or file that is not in the site, to a folder, an absolute link, or an anchor
the target page does not have. With ``full`` it also runs the site engine on a
staging tree in a temporary folder outside the project and turns what the
engine reports into located diagnostics (at the page and link where it can,
else at ``mkdocs.yml:1:1``).
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import BuildError, Diagnostic, InputError, Loc, ProjectError, closest, error
from roadmap_gen.markdown.setup import DEFAULT_SETUP, converter
from roadmap_gen.model import Project
from roadmap_gen.pages import DOWNLOADS, SitePages, SiteTree, site_frame
from roadmap_gen.pages.paths import extra_page_path, nav_paths
from roadmap_gen.pages.render import take_compiled
from roadmap_gen.plan import Plan
from roadmap_gen.settings.read import Settings
from roadmap_gen.site import idguard
from roadmap_gen.site.config import MARKDOWN_EXTENSIONS, project_settings
from roadmap_gen.site.engines import (
    engine_refusals,
    locate_engine_messages,
    mkdocs_setting_messages,
    run_engine,
    shown_message,
    with_engine,
)
from roadmap_gen.site.forkmap import fork_call, fork_map
from roadmap_gen.site.pagecache import project_cache
from roadmap_gen.site.sample import representatives
from roadmap_gen.site.staging import staging_files, sync_tree
from roadmap_gen.site.templatecheck import template_findings
from roadmap_gen.workspace.workspace import Workspace

LINK_CHECK = "broken-link"
ENGINE_CHECK = "site-engine"
MKDOCS_YML = "mkdocs.yml"


def check_site(workspace: Workspace, project: Project, plan: Plan, *, full: bool = False,
               engine: str | None = None, workers: int = 1) -> list[Diagnostic]:
    """Everything ``build`` would refuse in a project whose plan succeeded, as diagnostics. *engine*
    overrides the project's own (``roadmap-gen.yaml``). *workers* processes may share the choice of pages
    and their rendering, and read the settings as the site engine does (site/forkmap.py)."""
    project = with_engine(project, engine)
    engine = project.settings.engine
    try:
        settings = project_settings(workspace)
    except InputError as exc:
        return list(exc.diagnostics)
    refused = engine_refusals(settings, engine)
    if refused:
        return refused
    setting_check = _SettingCheck(workspace, project, settings, engine, full=full, workers=workers)
    try:
        return _check(workspace, project, plan, settings, setting_check, full=full, engine=engine, workers=workers)
    finally:
        setting_check.cancel()  # a page's error ended the check before its turn


def _check(workspace: Workspace, project: Project, plan: Plan, settings: Settings, setting_check: _SettingCheck, *,
           full: bool, engine: str, workers: int) -> list[Diagnostic]:
    try:
        # The footer does not matter to a check. The pages the last build rendered, where their inputs are
        # the same, are read from its cache (never written: validate writes nothing) and checked as fresh ones.
        # With no page in it (no build yet), no page's key is worked out to look for it.
        cache = project_cache(workspace)
        site = SitePages(workspace, project, plan, BuildInfo(), cache=None if cache is None or cache.empty else cache)
        mapper = None if workers < 2 else lambda work, items: fork_map(work, items, workers)
        # Without --full, one page of each kind (site/sample.py); the others are named, not rendered. Pages
        # that may come from the cache are looked for here: forked renderers would find most of them there.
        only = None if full else representatives(site.specs, mapper)
        if site.cached:
            mapper = None
        else:
            take_compiled()
        rendered = site.tree(only, downloads=full, mapper=mapper)
        named = dict.fromkeys([spec.path for spec in site.specs] + list(DOWNLOADS), b"")
        tree = replace(rendered, files={**named, **rendered.files})
        config, files = staging_files(workspace, project, tree, settings)
    except InputError as exc:
        return list(exc.diagnostics)
    pages = {extra_page_path(p.name): p.text for p in project.pages}
    docs = {rel[len("docs/"):] for rel in files if rel.startswith("docs/")}
    checker = _LinkChecker(_Texts(site, rendered), pages, docs, check_anchors=_same_extensions(config))
    try:
        diags = checker.check_pages()
    except InputError as exc:  # a page a link leads to, rendered to find its anchors, failed
        return list(exc.diagnostics)
    mkdocs_text = _read_text(workspace.root / MKDOCS_YML)  # to place what is found in it
    diags += _check_nav(config.get("nav", []), docs, mkdocs_text)
    diags += template_findings(rendered, settings)
    messages = engine_messages(workspace.root, files, engine) if full else setting_check.messages()
    known = {(d.loc, d.check) for d in diags}
    for message in messages:
        for found in locate_engine_messages([message], settings) or [engine_diagnostic(message, pages, mkdocs_text)]:
            if (found.loc, found.check) not in known:
                known.add((found.loc, found.check))
                diags.append(found)
    return diags


class _SettingCheck:
    """What MkDocs refuses in the site's settings before it builds anything (an unknown or misspelt setting,
    a value of the wrong type, a plugin's option), read as a build reads them (site/engines.py
    ``mkdocs_setting_messages``) in a temporary folder outside the project. Reading them imports MkDocs, its
    plugins and the Markdown extensions (a fifth of a second): with a second processor, a forked process
    reads them while this one checks the pages. Not with ``full`` (its build says it all), nor with Zensical,
    nor when the settings hold what only ``--trust`` lets through (reading them may run code: hooks, a
    Markdown extension or plugin of the project's choosing, a YAML tag)."""

    def __init__(self, workspace: Workspace, project: Project, settings: Settings, engine: str, *, full: bool,
                 workers: int) -> None:
        self._wanted = not full and engine == "mkdocs" and not settings.needs_trust
        self._workspace, self._project, self._settings = workspace, project, settings
        self._pending = fork_call(self._read) if self._wanted and workers > 1 else None

    def _read(self) -> list[str]:
        _config, files = staging_files(self._workspace, self._project, site_frame(self._project, BuildInfo()),
                                       self._settings)
        with _folder_outside(self._workspace.root) as root:
            # The staging tree but its pages, which reading the settings does not look at (docs/ must exist).
            sync_tree({rel: data for rel, data in files.items() if not rel.startswith("docs/")}, root / "staging")
            (root / "staging" / "docs").mkdir()
            return mkdocs_setting_messages(root / "staging" / "mkdocs.yml")

    def messages(self) -> list[str]:
        if not self._wanted:
            return []
        found = self._pending.result() if self._pending is not None else None
        return found if isinstance(found, list) else self._read()  # no process was forked, or it failed

    def cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()


# --- links in the hand-written pages ---------------------------------------------------


def _same_extensions(config: Mapping[str, Any]) -> bool:
    # Anchors depend on the Markdown extensions (toc slugs, attr_list ids ...). With extensions of
    # the project's own, only the engine knows them: anchors are then left to `validate --full`.
    return [e for e in config.get("markdown_extensions", []) if e != idguard.NAME] == MARKDOWN_EXTENSIONS


class _Scan(Treeprocessor):
    """Collects what MkDocs collects: link targets (a href, img src) and the ids a link may point to."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def run(self, root: Any) -> None:
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key and element.get(key) is not None:
                self.links.append(element.get(key))
            if element.get("id"):
                self.ids.add(element.get("id"))
            if element.tag == "a" and element.get("name"):
                self.ids.add(element.get("name"))


class _IdParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


class _RawIds(Preprocessor):
    """Ids written in raw HTML (``<a id="x">``), which MkDocs counts as anchors too."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        parser = _IdParser()
        parser.feed("\n".join(lines))
        parser.close()
        self.ids = parser.ids
        return lines


def _scan(text: str) -> tuple[list[str], set[str]]:
    """The link targets and anchor ids of one Markdown page (front matter left out, as MkDocs does)."""
    from mkdocs.utils.meta import get_data

    body, _ = get_data(text)
    md = converter(DEFAULT_SETUP)  # the generator's own extensions (MARKDOWN_EXTENSIONS)
    scan, raw = _Scan(md), _RawIds(md)
    md.treeprocessors.register(scan, "roadmap_gen_scan", 0)  # last, as MkDocs' own link check
    md.preprocessors.register(raw, "roadmap_gen_raw_ids", 21)
    md.convert(body)
    return scan.links, scan.ids | raw.ids


class _Texts:
    """The text of a generated page: rendered already, or rendered now (a link leads to it)."""

    def __init__(self, site: SitePages, rendered: SiteTree):
        self.site = site
        self.rendered = rendered
        self.specs = {spec.path: spec for spec in site.specs}

    def __call__(self, doc: str) -> str:
        data = self.rendered.files.get(doc)
        if data is None:
            data = self.site.page(self.specs[doc]) if doc in self.specs else b""
        return data.decode("utf-8", "replace")


class _LinkChecker:
    def __init__(self, texts: Callable[[str], str], pages: Mapping[str, str], docs: set[str], *,
                 check_anchors: bool):
        self.texts = texts
        self.pages = pages  # docs path -> the hand-written page's text
        self.docs = docs
        self.check_anchors = check_anchors
        self._ids: dict[str, set[str]] = {}

    def ids_of(self, doc: str) -> set[str]:
        if doc not in self._ids:
            text = self.pages[doc] if doc in self.pages else self.texts(doc)
            self._ids[doc] = _scan(text)[1]
        return self._ids[doc]

    def check_pages(self) -> list[Diagnostic]:
        diags: list[Diagnostic] = []
        for doc, text in sorted(self.pages.items()):
            links, ids = _scan(text)
            self._ids[doc] = ids
            seen: set[str] = set()
            for url in links:
                if url in seen:
                    continue
                seen.add(url)
                problem = self.problem(doc, url)
                if problem:
                    line, col = locate_link(text, url)
                    diags.append(error(Loc(f"content/{doc}", line, col), LINK_CHECK, *problem))
        return diags

    def problem(self, doc: str, url: str) -> tuple[str, str] | None:
        """What is wrong with *url* on page *doc*, as (message, hint), or None."""
        scheme, netloc, path, _, anchor = urlsplit(url)
        if scheme or netloc or AMP_SUBSTITUTE in url:
            return None  # a link out of the site (or an e-mail address Markdown obfuscated)
        if url.startswith(("/", "\\")):
            return (f"the link '{url}' is absolute: the site may be served from any folder",
                    "write it relative to this page, e.g. '../goals.md'")
        if not path:
            return self.anchor_problem(doc, doc, anchor, url)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(doc), unquote(path)).lstrip("/"))
        if target not in self.docs:
            if not posixpath.splitext(path)[1]:
                return (f"the link '{url}' points to a folder, not to a page",
                        f"link to the page's file, e.g. '{posixpath.join(path.rstrip('/'), 'index.md')}'")
            return (f"the link '{url}' leads nowhere: the site has no '{target}'", self.suggest(doc, target))
        if target.endswith(".md"):
            return self.anchor_problem(doc, target, anchor, url)
        return None

    def anchor_problem(self, doc: str, target: str, anchor: str, url: str) -> tuple[str, str] | None:
        if not anchor or not self.check_anchors or anchor in self.ids_of(target):
            return None
        where = "this page" if target == doc else f"'{target}'"
        close = closest(anchor, self.ids_of(target))
        hint = (f"did you mean '#{close}'?" if close
                else "anchors are made from headings: '## Next steps' is '#next-steps'")
        return f"the link '{url}' needs an anchor '#{anchor}' that {where} does not have", hint

    def suggest(self, doc: str, target: str) -> str:
        close = closest(target, self.docs)
        if close:
            return f"did you mean '{posixpath.relpath(close, posixpath.dirname(doc) or '.')}'?"
        return "links are relative to this page: another hand-written page is 'name.md', the home page '../index.md'"


def locate_link(text: str, url: str) -> tuple[int, int]:
    """Line and column (1-based) of *url* where the page's source writes it as a link; else 1:1."""
    for before in ("](", "]: ", "<", 'href="', 'src="', ""):
        at = text.find(before + url)
        if at >= 0:
            return position(text, at + len(before))
    return 1, 1


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- the nav ----------------------------------------------------------------------------


def _check_nav(nav: Any, docs: set[str], mkdocs_yml: str) -> list[Diagnostic]:
    diags = []
    for path in dict.fromkeys(nav_paths(nav)):
        scheme, netloc = urlsplit(path)[:2]
        if scheme or netloc or posixpath.normpath(path) in docs:
            continue
        line, col = _locate_setting(mkdocs_yml, path)
        if path.startswith("/"):
            diags.append(error(Loc(MKDOCS_YML, line, col), LINK_CHECK,
                               f"the nav names '{path}', an absolute path",
                               "name a page relative to the site's pages (pages/notes.md), or a full URL"))
        else:
            close = closest(path, [d for d in docs if d.endswith(".md")])
            diags.append(error(Loc(MKDOCS_YML, line, col), LINK_CHECK,
                               f"the nav names '{path}', which is not a page of the site",
                               f"did you mean '{close}'?" if close else
                               "your own pages are content/pages/NAME.md, named in the nav as pages/NAME.md"))
    return diags


def _locate_setting(text: str, needle: str) -> tuple[int, int]:
    at = text.find(needle) if needle else -1
    return position(text, at) if at >= 0 else (1, 1)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


# --- the site engine, in a temporary folder ---------------------------------------------


@contextmanager
def _folder_outside(project_dir: Path) -> Iterator[Path]:
    """An empty temporary folder, never inside the project (validate writes nothing there); removed after."""
    with tempfile.TemporaryDirectory(prefix="roadmap-gen-check-") as temp:
        root = Path(temp).resolve()
        if project_dir.resolve() in root.parents:
            raise ProjectError(f"the temporary folder {root} is inside the project; set TMPDIR to another folder")
        yield root


def engine_messages(project_dir: Path, files: Mapping[str, bytes], engine: str) -> list[str]:
    """Build the staging *files* with *engine* in a temporary folder outside the project; what it
    reported, one per entry."""
    with _folder_outside(project_dir) as root:
        sync_tree(dict(files), root / "staging")
        try:
            run_engine(engine, root / "staging" / "mkdocs.yml", root / "site")
        except BuildError as exc:
            return list(exc.messages) or [str(exc)]
    return []


_DOC_LINK = re.compile(r"^Doc file '(?P<doc>[^']+)' contains (?:a link|an absolute link|an unrecognized relative link)"
                       r" '(?P<url>[^']*)'")
_NAV = re.compile(r"^(?:A reference to|An absolute path to) '(?P<ref>[^']+)' is included in the 'nav'")
_SETTING = re.compile(r"^Config value '(?P<key>[^']+)'")


def engine_diagnostic(message: str, pages: Mapping[str, str], mkdocs_yml: str) -> Diagnostic:
    """One message of the site engine as a diagnostic, located where the message allows."""
    text = "the site engine (MkDocs) reports: " + shown_message(" ".join(message.split()))
    link = _DOC_LINK.match(message)
    if link and link.group("doc") in pages:
        line, col = locate_link(pages[link.group("doc")], link.group("url"))
        return error(Loc(f"content/{link.group('doc')}", line, col), LINK_CHECK, text)
    if link:
        return error(Loc(MKDOCS_YML, 1, 1), LINK_CHECK, text,
                     "a generated page links there: check the templates in templates/ and the nav in mkdocs.yml")
    nav = _NAV.match(message)
    if nav:
        line, col = _locate_setting(mkdocs_yml, nav.group("ref"))
        return error(Loc(MKDOCS_YML, line, col), LINK_CHECK, text)
    setting = _SETTING.match(message)
    if setting:
        found = re.search(rf"^{re.escape(setting.group('key').split('.')[0])}\s*:", mkdocs_yml, re.MULTILINE)
        line, col = position(mkdocs_yml, found.start()) if found else (1, 1)
        return error(Loc(MKDOCS_YML, line, col), ENGINE_CHECK, text)
    return error(Loc(MKDOCS_YML, 1, 1), ENGINE_CHECK, text)


__all__ = ["ENGINE_CHECK", "LINK_CHECK", "check_site", "engine_diagnostic", "locate_link", "run_engine"]
