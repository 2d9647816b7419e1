"""From the plan to the site's pages: Jinja templates -> a Markdown tree, in memory.

:func:`render_site` computes the site's data once (:mod:`.views`, with
:mod:`.lookups`, :mod:`.sections` and :mod:`.teams`: names, titles, items by
factor and phase, findings by goal, factor and team ...; the values the
templates read are documented in :mod:`.values`), makes each page's charts
(:mod:`.figures`), renders one template per page kind with one
:class:`~roadmap_gen.pages.render.Renderer` (templates compiled once), and returns a
:class:`SiteTree`: every file of the docs folder, the MkDocs nav and the few
settings the site engine needs. It is pure: the same inputs give the same
bytes.

Pages (docs-relative paths; templates in ``templates/``):

=================================  =========================  ================================
page                               template                   nav
=================================  =========================  ================================
``index.md``                       ``home.md.j2``             Home
``now/index.md``                   ``now.md.j2``              Where are we now
``now/<factor>.md``                ``factor.md.j2``           under Where are we now
``goals.md``                       ``goals.md.j2``            Where do we want to be
``roadmap/index.md``               ``roadmap.md.j2``          How do we get there
``roadmap/<period>.md``            ``phase.md.j2``            under How do we get there
``governance.md``                  ``governance.md.j2``       Governance
``training.md``                    ``training.md.j2``         Training plan
``progress.md``                    ``progress.md.j2``         Did we get there
``health.md``                      ``health.md.j2``           Health check
``teams/index.md``                 ``teams.md.j2``            Teams (only with team files)
``teams/group-<slug>.md``          ``team-group.md.j2``       under Teams
``teams/<team>.md``                ``team.md.j2``             not in nav: linked from the above
``catalogue/index.md``             ``catalogue.md.j2``        Catalogue
``catalogue/factors.md``           ``catalogue-factors.md.j2``  under Catalogue
``catalogue/training.md``          ``catalogue-training.md.j2`` under Catalogue
``downloads/index.md``             ``downloads.md.j2``        Downloads
``pages/<name>.md``                (copied as written)        More
=================================  =========================  ================================

Every generated page starts with YAML front matter holding its title,
HTML-escaped (see :func:`.paths.front_matter`); nav titles are HTML-escaped too,
because the theme writes both into the page unescaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from roadmap_gen.escape import html_attr, html_text, one_line
from roadmap_gen.export import plan_to_csv, plan_to_json
from roadmap_gen.model import Project
from roadmap_gen.pages import figures, paths
from roadmap_gen.pages.texts import CHECK_EXPLANATIONS, LATER_REASON_TEXT, CheckText
from roadmap_gen.pages.views import SiteData, build_views
from roadmap_gen.plan.types import Plan
from roadmap_gen.pages.render import Renderer

__all__ = ["CHECK_EXPLANATIONS", "LATER_REASON_TEXT", "CheckText", "PageSpec", "SiteTree", "render_site"]

SITE_NAME_SUFFIX = " · ITSM roadmap"


@dataclass(frozen=True)
class SiteTree:
    """The docs folder in memory, and what the site engine's config needs from the pages."""

    files: Mapping[str, bytes]  # docs-relative path -> content
    nav: list[Any]  # the MkDocs nav, explicit
    not_in_nav: tuple[str, ...] = ()  # gitignore-style patterns of pages reached only from their section
    site_name: str = ""  # HTML-escaped: the theme writes it unescaped
    site_description: str = ""  # HTML-escaped likewise
    footer_html: str = ""


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, its template, its title and its own context."""

    path: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    searchable: bool = True


def page_specs(site: SiteData, plan: Plan) -> Iterator[PageSpec]:
    """Every generated page, in nav order."""
    yield PageSpec(paths.HOME, "home.md.j2", "Home", {"radar": figures.maturity_radar(site)})
    yield PageSpec(paths.NOW, "now.md.j2", "Where are we now",
                   {"heatmap": figures.levels_heatmap(site, paths.NOW)})
    for f in site.factors:
        yield PageSpec(f.path, "factor.md.j2", f.title, {"factor": f})
    yield PageSpec(paths.GOALS, "goals.md.j2", "Where do we want to be")
    yield PageSpec(paths.ROADMAP, "roadmap.md.j2", "How do we get there",
                   {"timeline": figures.timeline(site), "balance": figures.balance(site)})
    for p in site.phases:
        yield PageSpec(p.path, "phase.md.j2", f"{p.period}: phase {p.number} of {len(site.phases)}", {"phase": p})
    yield PageSpec(paths.GOVERNANCE, "governance.md.j2", "Governance")
    yield PageSpec(paths.TRAINING, "training.md.j2", "Training plan")
    yield PageSpec(paths.PROGRESS, "progress.md.j2", "Did we get there",
                   {"trends": _trends(site, plan), "levels": figures.level_history(site, paths.PROGRESS)})
    yield PageSpec(paths.HEALTH, "health.md.j2", "Health check")
    teams = site.teams
    if teams is not None:
        yield PageSpec(paths.TEAMS, "teams.md.j2", "Teams", {
            "teams": teams,
            "heatmap": figures.teams_heatmap(teams, teams.rows, paths.TEAMS, "teams", "Team levels by factor",
                                             site.max_level) if len(teams.rows) <= figures.HEATMAP_MAX_ROWS
            else None,
        })
        for g in teams.groups:
            yield PageSpec(g.path, "team-group.md.j2", f"Teams: {g.name}", {
                "group": g,
                "heatmap": figures.teams_heatmap(teams, g.rows, g.path, "group-teams", f"Team levels by factor: {g.name}",
                                                 site.max_level),
            })
        for t in teams.teams:
            yield PageSpec(t.path, "team.md.j2", t.name, {"team": t}, searchable=False)
    yield PageSpec(paths.CATALOGUE, "catalogue.md.j2", "Catalogue")
    yield PageSpec(paths.CATALOGUE_FACTORS, "catalogue-factors.md.j2", "Factors and actions")
    yield PageSpec(paths.CATALOGUE_TRAINING, "catalogue-training.md.j2", "Training modules")
    yield PageSpec(paths.DOWNLOADS, "downloads.md.j2", "Downloads")


def _trends(site: SiteData, plan: Plan) -> list:  # type: ignore[type-arg]
    if len(plan.history.periods) < 2:
        return []
    targets = {m.id: m.target for m in site.metrics}
    values = [(mh.metric, mh.title, mh.unit, targets.get(mh.metric), mh.values)
              for mh in sorted(plan.history.metrics, key=lambda mh: (mh.title, mh.metric))
              if any(v is not None for v in mh.values)]
    return figures.metric_trends(site, values)


def _nav_title(text: str) -> str:
    return html_text(one_line(text))


def build_nav(site: SiteData, project: Project) -> tuple[list, tuple[str, ...]]:  # type: ignore[type-arg]
    nav: list = [{"Home": paths.HOME}]  # type: ignore[type-arg]
    nav.append({"Where are we now": [paths.NOW] + [{_nav_title(f.title): f.path} for f in site.factors]})
    nav.append({"Where do we want to be": paths.GOALS})
    nav.append({"How do we get there": [paths.ROADMAP] + [{p.period: p.path} for p in site.phases]})
    nav.append({"Governance": paths.GOVERNANCE})
    nav.append({"Training plan": paths.TRAINING})
    nav.append({"Did we get there": paths.PROGRESS})
    nav.append({"Health check": paths.HEALTH})
    not_in_nav: tuple[str, ...] = ()
    if site.teams is not None:
        nav.append({"Teams": [paths.TEAMS] + [{_nav_title(g.name): g.path} for g in site.teams.groups]})
        not_in_nav = ("/teams/*.md", "!/teams/index.md", f"!/teams/{paths.GROUP_PREFIX}*.md")
    nav.append({"Catalogue": [paths.CATALOGUE, {"Factors and actions": paths.CATALOGUE_FACTORS},
                              {"Training modules": paths.CATALOGUE_TRAINING}]})
    nav.append({"Downloads": paths.DOWNLOADS})
    if project.pages:
        names = sorted(p.name for p in project.pages)
        if "index" in names:
            names.remove("index")
            names.insert(0, "index")
        nav.append({"More": [paths.extra_page_path(n) for n in names]})
    return nav, not_in_nav


_BLANK_RUN = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    return _BLANK_RUN.sub("\n\n", text).strip("\n") + "\n"


def render_site(project_dir: Path, project: Project, plan: Plan, info: Mapping[str, str],
                trust: bool = False) -> SiteTree:
    """Render every page of the site for *project* and its *plan* (see the module docstring)."""
    renderer = Renderer(project_dir, trust)
    site = build_views(project, plan)
    files: dict[str, bytes] = {}
    for spec in page_specs(site, plan):
        body = renderer.render(spec.template, site=site, root=paths.root_of(spec.path), title=spec.title,
                               path=spec.path, **spec.context)
        files[spec.path] = (paths.front_matter(spec.title, spec.searchable) + _tidy(body)).encode("utf-8")
    files[paths.JSON_FILE] = (json.dumps(plan_to_json(plan), indent=2, ensure_ascii=False, sort_keys=False)
                              + "\n").encode("utf-8")
    files[paths.CSV_FILE] = plan_to_csv(plan).encode("utf-8")
    for page in project.pages:
        files[paths.extra_page_path(page.name)] = page.text.encode("utf-8")
    nav, not_in_nav = build_nav(site, project)
    org = project.organisation
    return SiteTree(
        files=dict(sorted(files.items())),
        nav=nav,
        not_in_nav=not_in_nav,
        site_name=html_attr(one_line(org.name + SITE_NAME_SUFFIX)),
        site_description=html_attr(one_line(org.vision)),
        footer_html=paths.footer_html(org.name, str(org.review.period), str(org.review.next),
                                info.get("commit", ""), info.get("built", "")),
    )
