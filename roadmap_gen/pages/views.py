"""The site's pages as data, computed once from the project and the plan: one view per page.

:func:`build_views` builds the index of lookups (:mod:`.index`) once, asks each page family for
its views, makes the charts (:mod:`.figures`) and cuts one frozen view per page
(:mod:`.pageviews`): what that page's template reads as ``page``, beside :class:`~.pageviews.Shared`.
Values are plain text and structured data: the templates word them and escape them for where
they land.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from roadmap_gen.model import Project
from roadmap_gen.pages import catalogue, figures, governance, health, paths, progress, teams, training
from roadmap_gen.pages.communications import communications
from roadmap_gen.pages.factors import FactorParts, dimension_views, factor_views
from roadmap_gen.pages.goals import MetricView, goal_views, metric_views
from roadmap_gen.pages.index import SiteIndex, build_index
from roadmap_gen.pages.pageviews import (
    CatalogueFactorsView,
    CatalogueTrainingView,
    CatalogueView,
    ChangesView,
    CommunicationsView,
    DownloadsView,
    FactorPageView,
    GoalsView,
    GovernanceView,
    HealthView,
    HomeView,
    NowView,
    PhasePageView,
    ProgressView,
    ReportView,
    RoadmapView,
    Shared,
    TeamGroupView,
    TeamPageView,
    TeamsView,
    TrainingView,
)
from roadmap_gen.pages.phases import (
    PhaseView,
    ScopeEntry,
    Work,
    dependency_views,
    later_groups,
    phase_views,
    scope_entry,
    scope_now,
    work_views,
)
from roadmap_gen.pages.rebaselines import rebaseline_summary, rebaseline_views
from roadmap_gen.pages.report import board_pack
from roadmap_gen.plan.types import GOAL_STATUSES, Plan, ScopeRef


@dataclass(frozen=True, kw_only=True)
class SiteViews:
    """Every generated page's view, computed once per build; the page registry places them."""

    shared: Shared
    home: HomeView
    now: NowView
    factors: tuple[FactorPageView, ...]  # dimension by dimension, catalogue order within
    goals: GoalsView
    roadmap: RoadmapView
    phases: tuple[PhasePageView, ...]
    governance: GovernanceView
    communications: CommunicationsView
    training: TrainingView
    progress: ProgressView
    changes: ChangesView
    health: HealthView
    teams: TeamsView | None  # None: the project has no team files
    groups: tuple[TeamGroupView, ...]
    team_pages: tuple[TeamPageView, ...]  # by name, then id
    catalogue: CatalogueView
    catalogue_factors: CatalogueFactorsView
    catalogue_training: CatalogueTrainingView
    report: ReportView
    downloads: DownloadsView


def end_period_of(plan: Plan) -> str:
    """The plan's last quarter, or "" for a plan with no phases."""
    return str(plan.phases[-1].period) if plan.phases else ""


def _factor_parts(ix: SiteIndex, work: Work, metrics: tuple[MetricView, ...],
                  spread: Mapping[str, teams.SpreadView]) -> dict[str, FactorParts]:
    """What each factor's page shows beside the factor itself: its work, metrics, spread and history."""
    by_factor: dict[str, list[MetricView]] = {}
    for view, metric in zip(metrics, sorted(ix.org.metrics, key=lambda m: m.id)):
        if metric.factor:
            by_factor.setdefault(metric.factor, []).append(view)
    history = progress.history_by_factor(ix)
    return {f.id: FactorParts(planned=work.planned_by_factor.get(f.id, ()), later=work.later_by_factor.get(f.id, ()),
                              metrics=tuple(by_factor.get(f.id, ())), spread=spread.get(f.id),
                              history=history.get(f.id, ()))
            for f in ix.factor_order}


def _scope_entries(entries: Iterable[ScopeRef]) -> tuple[ScopeEntry, ...]:
    return tuple(scope_entry(s) for s in entries)


def _phase_pages(phases: tuple[PhaseView, ...], *, funded_until: str, reserve: int, fill: float,
                 owner_limit: int) -> tuple[PhasePageView, ...]:
    """Each phase's page, with links to the phases beside it."""
    refs = tuple(p.ref for p in phases)
    return tuple(PhasePageView(phase=p, phase_count=len(phases), previous=refs[i - 1] if i > 0 else None,
                               next=refs[i + 1] if i + 1 < len(phases) else None, funded_until=funded_until,
                               reserve=reserve, fill=fill, owner_limit=owner_limit)
                 for i, p in enumerate(phases))


def _team_family(team_data: teams.TeamsData | None, end_period: str, max_level: int
                 ) -> tuple[TeamsView | None, tuple[TeamGroupView, ...], tuple[TeamPageView, ...]]:
    """The teams page, each group's page and each team's page (none without team files)."""
    if team_data is None:
        return None, (), ()
    listing = TeamsView(
        rows=team_data.rows, spreads=team_data.spreads, groups=team_data.groups, ungrouped=team_data.ungrouped,
        heatmap=figures.teams_heatmap(team_data, team_data.rows, paths.TEAMS, "teams", "Team levels by factor",
                                      max_level))
    groups = tuple(TeamGroupView(group=g, heatmap=figures.teams_heatmap(
        team_data, g.rows, g.path, "group-teams", f"Team levels by factor: {g.name}", max_level))
        for g in team_data.groups)
    return listing, groups, tuple(TeamPageView(team=t, end_period=end_period) for t in team_data.teams)


def build_views(project: Project, plan: Plan) -> SiteViews:
    """Every page's view for *project* and its *plan* (pure, deterministic)."""
    ix = build_index(project, plan)
    org, cat = ix.org, ix.catalogue
    work = work_views(ix)
    trained = training.training_views(ix)
    metrics = metric_views(ix)
    spread = teams.spreads(ix)
    factors = factor_views(ix, _factor_parts(ix, work, metrics, spread))
    checks = health.health(ix)
    raci = governance.raci(ix)
    team_data = teams.team_views(
        ix, work.items_of,
        {f.id: ((f.level, f.end) if f.assessed and f.applicable else (None, None)) for f in factors}, spread)
    team_family = _team_family(team_data, end_period_of(plan), cat.max_level)
    sponsor = ix.people.get(org.sponsor or "")
    goals = goal_views(ix, {m.id: m for m in metrics},
                       [i for phase in work.by_phase for i in phase] + [v.item for v in work.later])
    rated = [lv for lv in plan.levels if lv.assessed and lv.applicable and lv.planned_target > lv.now]
    phases = phase_views(ix, work, trained.sessions_by_phase)
    phase_refs = tuple(p.ref for p in phases)
    periods = tuple(p.period for p in phases)
    end_period = end_period_of(plan)
    funded_until = str(plan.funded_until) if plan.funded_until else ""
    history_periods = tuple(str(p) for p in plan.history.periods)
    dimensions = dimension_views(ix, factors)
    max_level, scale = cat.max_level, catalogue.scale(ix)
    feedback = governance.feedback(ix)
    comms = communications(ix)
    pack = board_pack(ix, phases, feedback, checks.sections, checks.waived, comms)
    warnings = sum(1 for d in plan.findings if d.severity == "warning" and not d.waived)
    errors = sum(1 for d in plan.findings if d.severity == "error")
    radar = figures.maturity_radar(factors, end_period, max_level)
    history_rows = progress.history_rows(ix)
    return SiteViews(
        shared=Shared(organisation=org.name, programme=org.programme, subject=cat.subject,
                      review=str(org.review.period), review_date=str(org.review.date),
                      next_review=str(org.review.next), effort_unit=plan.effort_unit, currency=plan.currency,
                      first_review=len(history_periods) < 2),
        home=HomeView(
            vision=org.vision, offline=project.settings.offline, catalogue_title=cat.title,
            targets_total=len(rated), targets_reached=sum(1 for lv in rated if lv.reaches_target), goals=goals,
            goal_counts=tuple((s, sum(1 for g in goals if g.status == s)) for s in GOAL_STATUSES),
            rebaselined=rebaseline_summary(ix), phases=phases, later=work.later, factors=factors,
            finding_counts=checks.counts, warnings=warnings, errors=errors, waived=checks.waived, radar=radar),
        now=NowView(
            catalogue_title=cat.title, max_level=max_level, scale=scale, dimensions=dimensions, end_period=end_period,
            not_assessed=tuple(f.ref for f in factors if not f.assessed),
            not_applicable=tuple(f for f in factors if f.assessed and not f.applicable),
            heatmap=figures.levels_heatmap(factors, periods, max_level, paths.NOW)),
        factors=tuple(FactorPageView(factor=f, phase_refs=phase_refs) for f in factors),
        goals=GoalsView(goals=goals, metrics=metrics, pace=tuple(figures.goal_pace(g) for g in goals)),
        roadmap=RoadmapView(
            capacity=float(org.planning.capacity), reserve=plan.reserve, fill=plan.fill, cost=plan.cost,
            funded_until=funded_until, end_period=end_period, dimensions=dimensions, phases=phases,
            later=work.later, later_groups=later_groups(ix, work.later), dependencies=dependency_views(ix, work),
            scope_now=scope_now(ix), scope_unplaced=_scope_entries(plan.scope.unplaced),
            scope_out=_scope_entries(plan.scope.out), scope_after=_scope_entries(plan.scope.after_horizon),
            timeline=figures.timeline(factors, phases), balance=figures.balance(dimensions, phases)),
        phases=_phase_pages(phases, funded_until=funded_until, reserve=plan.reserve, fill=plan.fill,
                            owner_limit=org.planning.owner_limit),
        governance=GovernanceView(
            sponsor=ix.name(org.sponsor), sponsor_external=bool(sponsor and sponsor.external),
            owner_limit=org.planning.owner_limit, phase_refs=phase_refs, owner_rows=governance.owner_rows(ix),
            raci=raci.rows, raci_consulted=raci.consulted, raci_informed=raci.informed,
            people=governance.people(ix), practices=governance.practices(ix),
            practice_raci=governance.practice_raci(ix), stakeholders=governance.stakeholders(ix), feedback=feedback,
            earlier_reviews=governance.earlier_reviews(ix)),
        communications=CommunicationsView(comms=comms),
        training=TrainingView(
            end_period=end_period, phase_periods=periods, training_phases=trained.phases,
            training_roles=trained.roles, training_people=trained.people, training_gaps=trained.gaps,
            training_after=trained.after, training_hours=trained.hours, training_limit=trained.limit),
        progress=ProgressView(
            first_period=periods[0] if periods else "", history_periods=history_periods,
            history_factors=history_rows,
            history_rebaselines=rebaseline_views(ix, plan.history.rebaselines),
            comparisons=progress.comparisons(ix),
            trends=figures.metric_trends(history_periods, progress.metric_trends(ix)),
            levels=figures.level_history(history_rows, history_periods, max_level, paths.PROGRESS)),
        changes=ChangesView(changes=pack.changes),
        health=HealthView(check_sections=checks.sections, passed_checks=checks.passed,
                          skipped_checks=checks.skipped, waived=checks.waived, warnings=warnings, errors=errors),
        teams=team_family[0], groups=team_family[1], team_pages=team_family[2],
        catalogue=CatalogueView(
            catalogue_title=cat.title, catalogue_id=cat.id, catalogue_version=cat.version,
            catalogue_description=cat.description, catalogue_source=cat.source, catalogue_licence=cat.licence,
            default_catalogue=project.uses_default_catalogue, scale=scale, dimensions=dimensions, factors=factors,
            roles=catalogue.roles(ix)),
        catalogue_factors=CatalogueFactorsView(factors=factors, retired=catalogue.retired(ix)),
        catalogue_training=CatalogueTrainingView(modules=catalogue.modules(ix)),
        report=ReportView(pack=pack, radar=radar, vision=org.vision, sponsor=ix.name(org.sponsor),
                          catalogue_title=cat.title, owner_limit=org.planning.owner_limit,
                          funded_until=funded_until, cost=plan.cost, phases=phases),
        downloads=DownloadsView(),
    )
