"""The page registry: every page of the site with its path, template, title and place in the nav.

One declaration per page drives the nav, gives the page its view (what its template reads as
``page``, built by :mod:`.views`), the page's front matter title and its heading, so a title
is written once; where the nav shows a shorter name than the page's title (a phase: ``2027-Q1``
for ``2027-Q1: phase 1 of 4``), or the heading differs from the title (the home page's heading is
the organisation), both stand side by side here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roadmap_gen.core.escape import html_text, one_line
from roadmap_gen.model import Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.views import SiteViews

#: The nav's sections in order; those that list pages under their own page hold a list.
HOME, NOW, GOALS, ROADMAP, GOVERNANCE, TRAINING, PROGRESS, HEALTH, TEAMS, CATALOGUE, DOWNLOADS, MORE = (
    "Home", "Where are we now", "Where do we want to be", "How do we get there", "Governance", "Training plan",
    "Did we get there", "Health check", "Teams", "Catalogue", "Downloads", "More")
COMMUNICATIONS = "Communications"
WITH_PAGES = frozenset({NOW, ROADMAP, TEAMS, CATALOGUE, MORE})
#: The board pack's sections: what changed since the last review, and the pack itself (a page for print).
CHANGES, REPORT = "What changed", "Board pack"
#: What the board pack page goes without, on screen as in print: it is a document, not a site page.
REPORT_HIDES = ("navigation", "toc", "footer")


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """One page: where it goes, its template and view, its title, and where it sits in the nav."""

    path: str
    template: str | None  # None: a hand-written page copied as written
    title: str  # the page's title (front matter, browser tab); "" for a hand-written page
    section: str  # the nav section it belongs to
    nav_title: str = ""  # its nav entry when that is not the title; "" on a section's own page
    heading: str = ""  # its first heading when that is not the title
    view: object = None  # what its template reads as ``page`` (a frozen view of .pageviews); None: hand-written
    in_nav: bool = True  # False: reached from its section's pages only (team pages)
    searchable: bool = True
    hide: tuple[str, ...] = ()  # parts of the theme's page it goes without (paths.front_matter)
    own_page: bool = False  # the section's own page (listed first, with no title of its own)

    @property
    def shown_heading(self) -> str:
        return self.heading or self.title


def page_specs(views: SiteViews, project: Project) -> Iterator[PageSpec]:
    """Every page of the site, in nav order, each with its view."""
    yield PageSpec(path=paths.HOME, template="home.md.j2", title="Home", section=HOME,
                   heading=views.shared.organisation, view=views.home)
    yield PageSpec(path=paths.NOW, template="now.md.j2", title=NOW, section=NOW, own_page=True, view=views.now)
    for f in views.factors:
        yield PageSpec(path=f.factor.path, template="factor.md.j2", title=f.factor.title, section=NOW, view=f)
    yield PageSpec(path=paths.GOALS, template="goals.md.j2", title=GOALS, section=GOALS, view=views.goals)
    yield PageSpec(path=paths.ROADMAP, template="roadmap.md.j2", title=ROADMAP, section=ROADMAP, own_page=True,
                   view=views.roadmap)
    for p in views.phases:
        phase = p.phase
        yield PageSpec(path=phase.path, template="phase.md.j2", section=ROADMAP, nav_title=phase.period,
                       title=f"{phase.period}: phase {phase.number} of {p.phase_count}", view=p)
    yield PageSpec(path=paths.GOVERNANCE, template="governance.md.j2", title=GOVERNANCE, section=GOVERNANCE,
                   view=views.governance)
    yield PageSpec(path=paths.COMMUNICATIONS, template="communications.md.j2", title=COMMUNICATIONS,
                   section=COMMUNICATIONS, view=views.communications)
    yield PageSpec(path=paths.TRAINING, template="training.md.j2", title=TRAINING, section=TRAINING,
                   view=views.training)
    yield PageSpec(path=paths.PROGRESS, template="progress.md.j2", title=PROGRESS, section=PROGRESS,
                   view=views.progress)
    previous = views.changes.changes.previous
    yield PageSpec(path=paths.CHANGES, template="changes.md.j2", section=CHANGES, view=views.changes,
                   title=f"What changed since {previous}" if previous else "What changed")
    yield PageSpec(path=paths.HEALTH, template="health.md.j2", title=HEALTH, section=HEALTH, view=views.health)
    if views.teams is not None:
        yield PageSpec(path=paths.TEAMS, template="teams.md.j2", title=TEAMS, section=TEAMS, own_page=True,
                       view=views.teams)
    for g in views.groups:
        yield PageSpec(path=g.group.path, template="team-group.md.j2", title=f"Teams: {g.group.name}", section=TEAMS,
                       nav_title=g.group.name, view=g)
    for t in views.team_pages:
        yield PageSpec(path=t.team.path, template="team.md.j2", title=t.team.name, section=TEAMS, view=t,
                       in_nav=False, searchable=False)
    yield PageSpec(path=paths.CATALOGUE, template="catalogue.md.j2", title=CATALOGUE, section=CATALOGUE,
                   own_page=True, view=views.catalogue)
    yield PageSpec(path=paths.CATALOGUE_FACTORS, template="catalogue-factors.md.j2", title="Factors and actions",
                   section=CATALOGUE, view=views.catalogue_factors)
    yield PageSpec(path=paths.CATALOGUE_TRAINING, template="catalogue-training.md.j2", title="Training modules",
                   section=CATALOGUE, view=views.catalogue_training)
    # Left out of search: every figure in it is on the page it comes from.
    yield PageSpec(path=paths.REPORT, template="report.md.j2", title=f"Board pack: review {views.shared.review}",
                   section=REPORT, searchable=False, hide=REPORT_HIDES, view=views.report)
    yield PageSpec(path=paths.DOWNLOADS, template="downloads.md.j2", title=DOWNLOADS, section=DOWNLOADS,
                   view=views.downloads)
    names = sorted(p.name for p in project.pages)
    if "index" in names:  # a hand-written index leads its section
        names.remove("index")
        names.insert(0, "index")
    for name in names:
        yield PageSpec(path=paths.extra_page_path(name), template=None, title="", section=MORE, own_page=True)


def _nav_title(text: str) -> str:
    # The theme writes nav titles into the page unescaped.
    return html_text(one_line(text))


def build_nav(specs: list[PageSpec]) -> tuple[list[Any], tuple[str, ...]]:
    """The MkDocs nav, and the not_in_nav patterns for pages reached only from their section."""
    nav: list[Any] = []
    entries: dict[str, list[Any]] = {}
    for spec in specs:
        if not spec.in_nav:
            continue
        if spec.section not in entries:
            entries[spec.section] = []
            nav.append({spec.section: entries[spec.section]})
        entries[spec.section].append(spec.path if spec.own_page else {_nav_title(spec.nav_title or spec.title): spec.path})
    for item in nav:
        (section, pages), = item.items()
        if section not in WITH_PAGES and len(pages) == 1:
            only = pages[0]
            item[section] = only if isinstance(only, str) else next(iter(only.values()))
    hidden = any(not spec.in_nav for spec in specs)
    not_in_nav = ("/teams/*.md", "!/teams/index.md", f"!/teams/{paths.GROUP_PREFIX}*.md") if hidden else ()
    return nav, not_in_nav
