"""The page registry: every page of the site with its path, template, title and place in the nav.

One declaration per page drives the nav, gives the page its view (what its template reads as
``page``, :mod:`.pageviews`), the page's front matter title and its heading, so a title
is written once; where the nav shows a shorter name than the page's title (a phase: ``2027-Q1``
for ``2027-Q1: phase 1 of 4``), or the heading differs from the title (the home page's heading is
the organisation), both stand side by side here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from roadmap_gen.core.escape import html_text, one_line
from roadmap_gen.model import Project
from roadmap_gen.pages import figures, paths
from roadmap_gen.pages.pageviews import (CatalogueFactorsView, CatalogueTrainingView, CatalogueView, ChangesView,
                                         CommunicationsView, DownloadsView, FactorPageView, GoalsView, GovernanceView,
                                         HealthView, HomeView, NowView, PhasePageView, ProgressView, ReportView,
                                         RoadmapView, Shared, TeamGroupView, TeamPageView, TeamsView, TrainingView)
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


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """One page: where it goes, its template and view, its title, and where it sits in the nav."""

    path: str
    template: Optional[str]  # None: a hand-written page copied as written
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


def shared_view(site: SiteData) -> Shared:
    """What every page's template reads as ``shared``."""
    return Shared(organisation=site.organisation, programme=site.programme, subject=site.subject, review=site.review,
                  review_date=site.review_date, next_review=site.next_review, effort_unit=site.effort_unit,
                  currency=site.currency, first_review=len(site.history_periods) < 2)


def page_specs(site: SiteData, project: Project) -> Iterator[PageSpec]:
    """Every page of the site, in nav order, each with its view."""
    phase_refs = tuple(p.ref for p in site.phases)
    yield PageSpec(path=paths.HOME, template="home.md.j2", title="Home", section=HOME, heading=site.organisation,
                   view=HomeView(
                       vision=site.vision, offline=site.offline, catalogue_title=site.catalogue_title,
                       targets_total=site.targets_total, targets_reached=site.targets_reached, goals=site.goals,
                       goal_counts=site.goal_counts, rebaselined=site.rebaselined, phases=site.phases,
                       later=site.later, factors=site.factors, finding_counts=site.finding_counts,
                       warnings=site.warnings, errors=site.errors, waived=site.waived,
                       radar=figures.maturity_radar(site)))
    yield PageSpec(path=paths.NOW, template="now.md.j2", title=NOW, section=NOW, own_page=True, view=NowView(
        catalogue_title=site.catalogue_title, max_level=site.max_level, scale=site.scale,
        dimensions=site.dimensions, end_period=site.end_period, not_assessed=site.not_assessed,
        not_applicable=site.not_applicable, heatmap=figures.levels_heatmap(site, paths.NOW)))
    for f in site.factors:
        yield PageSpec(path=f.path, template="factor.md.j2", title=f.title, section=NOW,
                       view=FactorPageView(factor=f, phase_refs=phase_refs))
    yield PageSpec(path=paths.GOALS, template="goals.md.j2", title=GOALS, section=GOALS, view=GoalsView(
        goals=site.goals, metrics=site.metrics, pace=tuple(figures.goal_pace(g) for g in site.goals)))
    yield PageSpec(path=paths.ROADMAP, template="roadmap.md.j2", title=ROADMAP, section=ROADMAP, own_page=True,
                   view=RoadmapView(
                       capacity=site.capacity, reserve=site.reserve, fill=site.fill, cost=site.cost,
                       funded_until=site.funded_until, end_period=site.end_period, dimensions=site.dimensions,
                       phases=site.phases, later=site.later, later_groups=site.later_groups,
                       dependencies=site.dependencies, scope_now=site.scope_now,
                       scope_unplaced=site.scope_unplaced, scope_out=site.scope_out, scope_after=site.scope_after,
                       timeline=figures.timeline(site), balance=figures.balance(site)))
    for i, p in enumerate(site.phases):
        yield PageSpec(path=p.path, template="phase.md.j2", title=f"{p.period}: phase {p.number} of {len(site.phases)}",
                       section=ROADMAP, nav_title=p.period, view=PhasePageView(
                           phase=p, phase_count=len(site.phases), previous=phase_refs[i - 1] if i > 0 else None,
                           next=phase_refs[i + 1] if i + 1 < len(phase_refs) else None,
                           funded_until=site.funded_until, reserve=site.reserve, fill=site.fill,
                           owner_limit=site.owner_limit))
    yield PageSpec(path=paths.GOVERNANCE, template="governance.md.j2", title=GOVERNANCE, section=GOVERNANCE,
                   view=GovernanceView(
                       sponsor=site.sponsor, sponsor_external=site.sponsor_external, owner_limit=site.owner_limit,
                       phase_refs=phase_refs, owner_rows=site.owner_rows, raci=site.raci,
                       raci_consulted=site.raci_consulted, raci_informed=site.raci_informed, people=site.people,
                       practices=site.practices, practice_raci=site.practice_raci, stakeholders=site.stakeholders,
                       feedback=site.feedback, earlier_reviews=site.earlier_reviews))
    yield PageSpec(path=paths.COMMUNICATIONS, template="communications.md.j2", title=COMMUNICATIONS,
                   section=COMMUNICATIONS, view=CommunicationsView(comms=site.communications))
    yield PageSpec(path=paths.TRAINING, template="training.md.j2", title=TRAINING, section=TRAINING, view=TrainingView(
        end_period=site.end_period, phase_periods=tuple(p.period for p in site.phases),
        training_phases=site.training_phases, training_roles=site.training_roles,
        training_people=site.training_people, training_gaps=site.training_gaps, training_after=site.training_after,
        training_hours=site.training_hours, training_limit=site.training_limit))
    yield PageSpec(path=paths.PROGRESS, template="progress.md.j2", title=PROGRESS, section=PROGRESS, view=ProgressView(
        first_period=site.phases[0].period if site.phases else "", history_periods=site.history_periods,
        history_factors=site.history_factors, history_rebaselines=site.history_rebaselines,
        comparisons=site.comparisons, trends=tuple(figures.metric_trends(site)),
        levels=figures.level_history(site, paths.PROGRESS)))
    yield from _changes_page(site)
    yield PageSpec(path=paths.HEALTH, template="health.md.j2", title=HEALTH, section=HEALTH, view=HealthView(
        check_sections=site.check_sections, passed_checks=site.passed_checks, skipped_checks=site.skipped_checks,
        waived=site.waived, warnings=site.warnings, errors=site.errors))
    yield from _team_pages(site)
    yield PageSpec(path=paths.CATALOGUE, template="catalogue.md.j2", title=CATALOGUE, section=CATALOGUE, own_page=True,
                   view=CatalogueView(
                       catalogue_title=site.catalogue_title, catalogue_id=site.catalogue_id,
                       catalogue_version=site.catalogue_version, catalogue_description=site.catalogue_description,
                       catalogue_source=site.catalogue_source, catalogue_licence=site.catalogue_licence,
                       default_catalogue=site.default_catalogue, scale=site.scale, dimensions=site.dimensions,
                       factors=site.factors, roles=site.roles))
    yield PageSpec(path=paths.CATALOGUE_FACTORS, template="catalogue-factors.md.j2", title="Factors and actions",
                   section=CATALOGUE, view=CatalogueFactorsView(factors=site.factors, retired=site.retired))
    yield PageSpec(path=paths.CATALOGUE_TRAINING, template="catalogue-training.md.j2", title="Training modules",
                   section=CATALOGUE, view=CatalogueTrainingView(modules=site.modules))
    yield from _report_page(site)
    yield PageSpec(path=paths.DOWNLOADS, template="downloads.md.j2", title=DOWNLOADS, section=DOWNLOADS,
                   view=DownloadsView())
    names = sorted(p.name for p in project.pages)
    if "index" in names:  # a hand-written index leads its section
        names.remove("index")
        names.insert(0, "index")
    for name in names:
        yield PageSpec(path=paths.extra_page_path(name), template=None, title="", section=MORE, own_page=True)


def _team_pages(site: SiteData) -> Iterator[PageSpec]:
    teams = site.teams
    if teams is None:
        return
    yield PageSpec(path=paths.TEAMS, template="teams.md.j2", title=TEAMS, section=TEAMS, own_page=True, view=TeamsView(
        rows=teams.rows, spreads=teams.spreads, groups=teams.groups, ungrouped=teams.ungrouped,
        heatmap=figures.teams_heatmap(teams, teams.rows, paths.TEAMS, "teams", "Team levels by factor",
                                      site.max_level)))
    for g in teams.groups:
        yield PageSpec(path=g.path, template="team-group.md.j2", title=f"Teams: {g.name}", section=TEAMS,
                       nav_title=g.name, view=TeamGroupView(group=g, heatmap=figures.teams_heatmap(
                           teams, g.rows, g.path, "group-teams", f"Team levels by factor: {g.name}", site.max_level)))
    for t in teams.teams:
        yield PageSpec(path=t.path, template="team.md.j2", title=t.name, section=TEAMS,
                       view=TeamPageView(team=t, end_period=site.end_period), in_nav=False, searchable=False)


def _changes_page(site: SiteData) -> Iterator[PageSpec]:
    pack = site.report
    if pack is not None:
        since = f" since {pack.changes.previous}" if pack.changes.previous else ""
        yield PageSpec(path=paths.CHANGES, template="changes.md.j2", title=f"What changed{since}", section=CHANGES,
                       view=ChangesView(changes=pack.changes))


def _report_page(site: SiteData) -> Iterator[PageSpec]:
    pack = site.report
    if pack is not None:
        # Left out of search: every figure in it is on the page it comes from.
        yield PageSpec(path=paths.REPORT, template="report.md.j2", title=f"Board pack: review {site.review}",
                       section=REPORT, searchable=False, hide=REPORT_HIDES, view=ReportView(
                           pack=pack, radar=figures.maturity_radar(site), vision=site.vision, sponsor=site.sponsor,
                           catalogue_title=site.catalogue_title, owner_limit=site.owner_limit,
                           funded_until=site.funded_until, cost=site.cost, phases=site.phases))


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
