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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.escape import html_attr, one_line
from roadmap_gen.downloads.export import plan_json_text, plan_to_csv, within_read_limit
from roadmap_gen.model import Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.registry import PageSpec, build_nav, page_specs
from roadmap_gen.pages.render import Renderer
from roadmap_gen.pages.views import SiteViews, build_views
from roadmap_gen.plan.types import Plan
from roadmap_gen.workspace.workspace import Workspace, as_workspace

__all__ = ["PageSpec", "SiteTree", "SiteViews", "render_site"]

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


def render_site(where: Workspace | Path, project: Project, plan: Plan, info: BuildInfo) -> SiteTree:
    """Render every page of the site for *project* and its *plan* (see the module docstring); the project's
    own templates are read from the workspace *where* (a bare folder is untrusted)."""
    renderer = Renderer(as_workspace(where))
    views = build_views(project, plan)
    specs = list(page_specs(views, project))
    files: dict[str, bytes] = {}
    pages = {p.name: p for p in project.pages}
    # The board pack's PDF is made after the site engine ran (build --pdf): pages may name it, not link it.
    for spec in specs:
        if spec.template is None:
            files[spec.path] = pages[spec.path[len("pages/"):-len(".md")]].text.encode("utf-8")
            continue
        body = renderer.render(spec.template, page=spec.view, shared=views.shared, root=paths.root_of(spec.path),
                               title=spec.title, heading=spec.shown_heading, path=spec.path, report_pdf=info.report_pdf)
        files[spec.path] = (paths.front_matter(spec.title, searchable=spec.searchable, hide=spec.hide)
                            + _tidy(body)).encode("utf-8")
    files[paths.JSON_FILE] = plan_json_text(plan).encode("utf-8")
    files[paths.CSV_FILE] = plan_to_csv(plan).encode("utf-8")
    org = project.organisation
    # Imported here: openpyxl and icalendar take a fifth of a second to load, which every validate
    # (a pre-commit hook, a CI lint) would pay for files only a site build writes.
    from roadmap_gen.downloads.ics import calendar_bytes
    from roadmap_gen.downloads.xlsx import workbook_bytes
    files[paths.XLSX_FILE] = workbook_bytes(project, plan)
    title = paths.site_title(org.name, org.programme, project.catalogue.subject)
    files[paths.ICS_FILE] = calendar_bytes(project, plan, title)
    for name in (paths.JSON_FILE, paths.CSV_FILE, paths.XLSX_FILE, paths.ICS_FILE):
        within_read_limit(files[name], f"the download {name}")
    nav, not_in_nav = build_nav(specs)
    return SiteTree(
        files=dict(sorted(files.items())),
        nav=nav,
        not_in_nav=not_in_nav,
        offline=project.settings.offline,
        site_name=html_attr(one_line(title)),
        site_description=html_attr(one_line(org.vision)),
        footer_html=paths.footer_html(org.name, str(org.review.period), str(org.review.next),
                                      info.commit, info.built, project.settings.engine),
    )
