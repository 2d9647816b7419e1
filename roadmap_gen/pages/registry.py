"""The page registry: every page of the site with its path, template, title and place in the nav.

One declaration per page drives the nav, the page's front matter title and its heading, so a title
is written once; where the nav shows a shorter name than the page's title (a phase: ``2027-Q1``
for ``2027-Q1: phase 1 of 4``), or the heading differs from the title (the home page's heading is
the organisation), both stand side by side here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Optional

from roadmap_gen.core.escape import html_text, one_line
from roadmap_gen.model import Project
from roadmap_gen.pages import figures, paths
from roadmap_gen.pages.views import SiteData

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


@dataclass(frozen=True)
class PageSpec:
    """One page: where it goes, its template, its title, and where it sits in the nav."""

    path: str
    template: Optional[str]  # None: a hand-written page copied as written
    title: str  # the page's title (front matter, browser tab); "" for a hand-written page
    section: str  # the nav section it belongs to
    nav_title: str = ""  # its nav entry when that is not the title; "" on a section's own page
    heading: str = ""  # its first heading when that is not the title
    context: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = True  # False: reached from its section's pages only (team pages)
    searchable: bool = True
    hide: tuple[str, ...] = ()  # parts of the theme's page it goes without (paths.front_matter)
    own_page: bool = False  # the section's own page (listed first, with no title of its own)

    @property
    def shown_heading(self) -> str:
        return self.heading or self.title


def page_specs(site: SiteData, project: Project) -> Iterator[PageSpec]:
    """Every page of the site, in nav order."""
    yield PageSpec(paths.HOME, "home.md.j2", "Home", HOME, heading=site.organisation,
                   context={"radar": figures.maturity_radar(site)})
    yield PageSpec(paths.NOW, "now.md.j2", NOW, NOW, own_page=True,
                   context={"heatmap": figures.levels_heatmap(site, paths.NOW)})
    for f in site.factors:
        yield PageSpec(f.path, "factor.md.j2", f.title, NOW, context={"factor": f})
    yield PageSpec(paths.GOALS, "goals.md.j2", GOALS, GOALS,
                   context={"pace": {g.id: figures.goal_pace(g) for g in site.goals}})
    yield PageSpec(paths.ROADMAP, "roadmap.md.j2", ROADMAP, ROADMAP, own_page=True,
                   context={"timeline": figures.timeline(site), "balance": figures.balance(site)})
    for p in site.phases:
        yield PageSpec(p.path, "phase.md.j2", f"{p.period}: phase {p.number} of {len(site.phases)}", ROADMAP,
                       nav_title=p.period, context={"phase": p})
    yield PageSpec(paths.GOVERNANCE, "governance.md.j2", GOVERNANCE, GOVERNANCE)
    yield PageSpec(paths.COMMUNICATIONS, "communications.md.j2", COMMUNICATIONS, COMMUNICATIONS,
                   context={"comms": site.communications})
    yield PageSpec(paths.TRAINING, "training.md.j2", TRAINING, TRAINING)
    yield PageSpec(paths.PROGRESS, "progress.md.j2", PROGRESS, PROGRESS,
                   context={"trends": figures.metric_trends(site), "levels": figures.level_history(site, paths.PROGRESS)})
    yield from _changes_page(site)
    yield PageSpec(paths.HEALTH, "health.md.j2", HEALTH, HEALTH)
    teams = site.teams
    if teams is not None:
        yield PageSpec(paths.TEAMS, "teams.md.j2", TEAMS, TEAMS, own_page=True, context={
            "teams": teams,
            "heatmap": figures.teams_heatmap(teams, teams.rows, paths.TEAMS, "teams", "Team levels by factor",
                                             site.max_level)})
        for g in teams.groups:
            yield PageSpec(g.path, "team-group.md.j2", f"Teams: {g.name}", TEAMS, nav_title=g.name, context={
                "group": g,
                "heatmap": figures.teams_heatmap(teams, g.rows, g.path, "group-teams",
                                                 f"Team levels by factor: {g.name}", site.max_level)})
        for t in teams.teams:
            yield PageSpec(t.path, "team.md.j2", t.name, TEAMS, context={"team": t}, in_nav=False, searchable=False)
    yield PageSpec(paths.CATALOGUE, "catalogue.md.j2", CATALOGUE, CATALOGUE, own_page=True)
    yield PageSpec(paths.CATALOGUE_FACTORS, "catalogue-factors.md.j2", "Factors and actions", CATALOGUE)
    yield PageSpec(paths.CATALOGUE_TRAINING, "catalogue-training.md.j2", "Training modules", CATALOGUE)
    yield from _report_page(site)
    yield PageSpec(paths.DOWNLOADS, "downloads.md.j2", DOWNLOADS, DOWNLOADS)
    names = sorted(p.name for p in project.pages)
    if "index" in names:  # a hand-written index leads its section
        names.remove("index")
        names.insert(0, "index")
    for name in names:
        yield PageSpec(paths.extra_page_path(name), None, "", MORE, own_page=True)


def _changes_page(site: SiteData) -> Iterator[PageSpec]:
    pack = site.report
    if pack is not None:
        since = f" since {pack.changes.previous}" if pack.changes.previous else ""
        yield PageSpec(paths.CHANGES, "changes.md.j2", f"What changed{since}", CHANGES, context={"pack": pack})


def _report_page(site: SiteData) -> Iterator[PageSpec]:
    pack = site.report
    if pack is not None:
        # Left out of search: every figure in it is on the page it comes from.
        yield PageSpec(paths.REPORT, "report.md.j2", f"Board pack: review {site.review}", REPORT,
                       context={"pack": pack, "radar": figures.maturity_radar(site)}, searchable=False,
                       hide=REPORT_HIDES)


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
