"""From the plan to the site's pages: Jinja templates -> a Markdown tree, in memory.

:func:`render_site` computes every page's view once (:func:`.views.build_views`: an index of
lookups, one builder per page family, the charts of :mod:`.figures`, and one frozen view per page
of :mod:`.pageviews`), lists the pages from the page registry (:mod:`.registry`: path, template,
title, place in the nav, and the page's view), renders each page's template with its view as ``page`` and the part every
page shares as ``shared`` with one :class:`~.render.Renderer` (templates compiled once), and returns a
:class:`SiteTree`: every file of the docs folder, the MkDocs nav and the few settings the site
engine needs. It is pure: the same inputs give the same bytes.

Every generated page starts with YAML front matter holding its title, HTML-escaped (see
:func:`.paths.front_matter`); nav titles are HTML-escaped too, because the theme writes both into
the page unescaped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from jinja2 import TemplateError

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError
from roadmap_gen.core.escape import html_attr, one_line
from roadmap_gen.core.fingerprint import Fingerprints, Unfingerprintable
from roadmap_gen.downloads.export import plan_json_text, plan_to_csv, within_read_limit
from roadmap_gen.model import Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.registry import PageSpec, build_nav, page_specs
from roadmap_gen.pages.render import Renderer
from roadmap_gen.pages.views import SiteViews, build_views
from roadmap_gen.plan.types import Plan
from roadmap_gen.workspace.workspace import Workspace, as_workspace

__all__ = ["DOWNLOADS", "Mapper", "PageCache", "PageSpec", "SitePages", "SiteTree", "SiteViews", "in_order", "render_site",
           "site_frame"]

@dataclass(frozen=True, kw_only=True)
class SiteTree:
    """The docs folder in memory, and what the site engine's config needs from the pages."""

    files: Mapping[str, bytes]  # docs-relative path -> content
    nav: list[Any]  # the MkDocs nav, explicit
    not_in_nav: tuple[str, ...] = ()  # gitignore-style patterns of pages reached only from their section
    offline: bool = False  # for opening from disk (roadmap-gen.yaml): no directory URLs, no search
    site_name: str = ""  # HTML-escaped: the theme writes it unescaped
    site_description: str = ""  # HTML-escaped likewise
    footer_html: str = ""


_BLANK_RUN = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    return _BLANK_RUN.sub("\n\n", text).strip("\n") + "\n"


Item = TypeVar("Item")
Result = TypeVar("Result")


class Mapper(Protocol):
    """``mapper(work, items)`` is ``[work(item) for item in items]``, in whatever processes it likes."""

    def __call__(self, work: Callable[[Item], Result], items: Sequence[Item], /) -> list[Result]: ...


def in_order(work: Callable[[Item], Result], items: Sequence[Item], /) -> list[Result]:
    """The :class:`Mapper` that works every item here, in order."""
    return [work(item) for item in items]


class PageCache(Protocol):
    """Pages rendered before, by the digest of everything they were made from (site/pagecache.py keeps
    them in ``.roadmap-gen/``). ``get`` answers None for a key it does not hold, or holds badly."""

    def get(self, path: str, key: str) -> bytes | None: ...

    def put(self, path: str, key: str, data: bytes, *, fresh: bool) -> None: ...


class SitePages:
    """The pages of *project*'s site, each rendered when asked for (see the module docstring).

    With a *cache*, a page whose inputs (the tool, its template and the templates that template
    includes or imports, its spec with its own view, the part every page shares, the build's
    information) are those of a page rendered before is taken from the cache instead of rendered
    again: a page's view holds only what its template reads (.pageviews), so an edit renders again
    only the pages that show what it changed. Whatever checks a page gets after rendering (its
    cleaning, the template findings, the site engine's) it gets from whoever asked for it."""

    def __init__(self, where: Workspace | Path, project: Project, plan: Plan, info: BuildInfo, *,
                 cache: PageCache | None = None):
        self.project, self.plan, self.info = project, plan, info
        self.renderer = Renderer(as_workspace(where))
        self.views = build_views(project, plan)
        self.specs = list(page_specs(self.views, project))
        self._hand = {p.name: p.text for p in project.pages}
        self._cache = cache
        self._prints = Fingerprints()
        # What every page's key covers: the part every page shares and the build's report_pdf.
        self._common = self._prints.digest((self.views.shared, info.report_pdf))
        self._templates: dict[str, bytes] = {}

    @property
    def cached(self) -> bool:
        """Whether pages are looked for in a cache before they are rendered."""
        return self._cache is not None

    def page(self, spec: PageSpec) -> bytes:
        """The file of one page: a template's, rendered (or from the cache), or a hand-written page as written."""
        return self.pages([spec])[0]

    def pages(self, specs: Sequence[PageSpec], mapper: Mapper | None = None) -> list[bytes]:
        """The files of *specs*' pages, in their order, made by *mapper* (``mapper(work, specs)`` is
        ``[work(spec) for spec in specs]``, perhaps shared by processes: making a page is pure); those
        rendered afresh are then kept in the cache."""
        made = (mapper or in_order)(self._made, specs)
        for spec, (key, data, fresh) in zip(specs, made, strict=True):
            if key is not None and self._cache is not None:  # here: what the mapper's processes used counts
                self._cache.put(spec.path, key, data, fresh=fresh)
        return [data for _key, data, _fresh in made]

    def _made(self, spec: PageSpec) -> tuple[str | None, bytes, bool]:
        """(the page's cache key or None, its file, whether it was rendered afresh)."""
        if spec.template is None:
            return None, self._hand[spec.path[len("pages/"):-len(".md")]].encode("utf-8"), False
        key = self._key(spec) if self._cache is not None else None
        if key is not None and self._cache is not None:
            found = self._cache.get(spec.path, key)
            if found is not None:
                return key, found, False
        return key, self._render(spec), True

    def _render(self, spec: PageSpec) -> bytes:
        assert spec.template is not None
        # The board pack's PDF is made after the site engine ran (build --pdf): pages may name it, not link it.
        body = self.renderer.render(spec.template, page=spec.view, shared=self.views.shared,
                                    root=paths.root_of(spec.path), title=spec.title, heading=spec.shown_heading,
                                    path=spec.path, report_pdf=self.info.report_pdf)
        return (paths.front_matter(spec.title, searchable=spec.searchable, hide=spec.hide)
                + _tidy(body)).encode("utf-8")

    def _key(self, spec: PageSpec) -> str | None:
        """The digest of what *spec*'s page is made from; None when it cannot be told (the render says why)."""
        assert spec.template is not None
        try:
            if spec.template not in self._templates:
                self._templates[spec.template] = self._prints.digest(self.renderer.sources(spec.template))
            parts = (self._templates[spec.template], self._common, self._prints.digest(spec))
        except (Unfingerprintable, TemplateError, InputError):
            return None
        return hashlib.sha256(b"".join(parts)).hexdigest()

    def tree(self, only: Collection[str] | None = None, *, downloads: bool = True,
             mapper: Mapper | None = None) -> SiteTree:
        """The docs folder: every page, or those whose paths are in *only* (the rest left out), with the
        downloads (the workbook and the calendar only when *downloads*: they take long to make). *mapper*
        renders the pages (see :meth:`pages`)."""
        specs = [spec for spec in self.specs if only is None or spec.path in only]
        files: dict[str, bytes] = dict(zip((spec.path for spec in specs), self.pages(specs, mapper), strict=True))
        project, plan = self.project, self.plan
        files[paths.JSON_FILE] = plan_json_text(plan).encode("utf-8")
        files[paths.CSV_FILE] = plan_to_csv(plan).encode("utf-8")
        org = project.organisation
        title = paths.site_title(org.name, org.programme, project.catalogue.subject)
        if downloads:
            # Imported here: openpyxl and icalendar take a fifth of a second to load, which every validate
            # (a pre-commit hook, a CI lint) would pay for files only a site build writes.
            from roadmap_gen.downloads.ics import calendar_bytes
            from roadmap_gen.downloads.xlsx import workbook_bytes
            files[paths.XLSX_FILE] = workbook_bytes(project, plan)
            files[paths.ICS_FILE] = calendar_bytes(project, plan, title)
        for name in DOWNLOADS:
            if name in files:
                within_read_limit(files[name], f"the download {name}")
        nav, not_in_nav = build_nav(self.specs)
        return replace(site_frame(project, self.info), files=dict(sorted(files.items())), nav=nav,
                       not_in_nav=not_in_nav)


def site_frame(project: Project, info: BuildInfo) -> SiteTree:
    """What the site engine's settings take from *project* (its name, description, footer), without pages or
    nav: the frame :meth:`SitePages.tree` fills, and what a check of the settings alone needs."""
    org = project.organisation
    title = paths.site_title(org.name, org.programme, project.catalogue.subject)
    return SiteTree(files={}, nav=[], offline=project.settings.offline, site_name=html_attr(one_line(title)),
                    site_description=html_attr(one_line(org.vision)),
                    footer_html=paths.footer_html(org.name, str(org.review.period), str(org.review.next), info.commit,
                                                  info.built, project.settings.engine))


#: Every download the site offers, by its path in the docs folder.
DOWNLOADS = (paths.JSON_FILE, paths.CSV_FILE, paths.XLSX_FILE, paths.ICS_FILE)


def render_site(where: Workspace | Path, project: Project, plan: Plan, info: BuildInfo, *,
                cache: PageCache | None = None, mapper: Mapper | None = None) -> SiteTree:
    """Render every page of the site for *project* and its *plan* (see the module docstring); the project's
    own templates are read from the workspace *where* (a bare folder is untrusted)."""
    return SitePages(where, project, plan, info, cache=cache).tree(mapper=mapper)
