"""The site's data, computed once from the project and the plan: what every template reads as ``site``.

:func:`build_views` builds the index of lookups (:mod:`.index`) once and asks each page family for
its views. Values are plain text and structured data: the templates word them and escape them for
where they land.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.model import Project
from roadmap_gen.pages import catalogue, governance, health, progress, teams, training
from roadmap_gen.pages.communications import Communications, communications
from roadmap_gen.pages.catalogue import ModuleView, RetiredView, RoleView, ScaleRow
from roadmap_gen.pages.factors import DimensionView, FactorParts, FactorView, dimension_views, factor_views
from roadmap_gen.pages.goals import GoalView, MetricView, goal_views, metric_views
from roadmap_gen.pages.governance import (FeedbackView, OwnerRow, PersonView, PracticeRaci, PracticeView, RaciRow,
                                          ReviewDate, StakeholderView)
from roadmap_gen.pages.health import CheckSection, SkippedView
from roadmap_gen.pages.index import SiteIndex, build_index
from roadmap_gen.pages.phases import (DependencyView, LaterGroup, LaterView, PhaseView, ScopeEntry, dependency_views,
                                      later_groups, phase_views, scope_entry, scope_now, work_views)
from roadmap_gen.pages.progress import ComparisonView, FactorHistoryRow, MetricTrend
from roadmap_gen.pages.rebaselines import RebaselineSummary, RebaselineView, rebaseline_summary, rebaseline_views
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.report import BoardPack, board_pack
from roadmap_gen.pages.shared import Count, FindingView, finding_view
from roadmap_gen.pages.teams import TeamsData
from roadmap_gen.pages.training import (AfterHorizonView, AudienceGapView, PersonTrainingView, PhaseTrainingView,
                                        RoleTrainingView)
from roadmap_gen.plan.types import GOAL_STATUSES, Cost, Plan


@dataclass(frozen=True, kw_only=True)
class SiteData:
    """Everything the pages show, computed once per build."""

    organisation: str
    programme: str  # the programme's own name, or ""
    subject: str  # what the catalogue improves ("IT service management"), or ""
    offline: bool  # a site for opening from disk: no search (roadmap-gen.yaml)
    vision: str
    review: str
    review_date: str
    next_review: str
    sponsor: str
    sponsor_external: bool
    owner_limit: int
    capacity: float
    max_level: int
    scale: tuple[ScaleRow, ...]
    catalogue_title: str
    catalogue_id: str
    catalogue_version: str
    catalogue_description: str
    catalogue_source: str
    catalogue_licence: str
    default_catalogue: bool
    dimensions: tuple[DimensionView, ...]
    factors: tuple[FactorView, ...]  # dimension by dimension, catalogue order within
    phases: tuple[PhaseView, ...]
    end_period: str
    later: tuple[LaterView, ...]
    later_groups: tuple[LaterGroup, ...]
    scope_now: tuple[ScopeEntry, ...]
    scope_unplaced: tuple[ScopeEntry, ...]
    scope_out: tuple[ScopeEntry, ...]
    scope_after: tuple[ScopeEntry, ...]
    goals: tuple[GoalView, ...]
    goal_counts: tuple[tuple[str, int], ...]  # (status, goals with it) in GOAL_STATUSES order, all of them
    rebaselined: RebaselineSummary  # the promises this review changed, and who approved them
    history_rebaselines: tuple[RebaselineView, ...]  # every re-baseline at every review, oldest first
    reserve: int  # percent of each phase's capacity kept free
    fill: float  # what the planner fills a phase up to
    effort_unit: str  # what one effort point is ("" when not said)
    currency: str  # the code every cost is in, as written ("" when not said)
    cost: Cost  # the whole plan's
    funded_until: str  # the last quarter the budget covers ("" when not said)
    dependencies: tuple[DependencyView, ...]
    targets_total: int  # rated factors with a gap to close (or a goal's need above their level)
    targets_reached: int  # of those, the ones the plan brings to their target by its end
    metrics: tuple[MetricView, ...]
    owner_rows: tuple[OwnerRow, ...]
    raci: tuple[RaciRow, ...]
    raci_consulted: str  # the same for every row ("" when rows differ)
    raci_informed: str
    people: tuple[PersonView, ...]
    practices: tuple[PracticeView, ...]
    practice_raci: tuple[PracticeRaci, ...]
    stakeholders: tuple[StakeholderView, ...]
    feedback: tuple[FeedbackView, ...]
    earlier_reviews: tuple[ReviewDate, ...]
    training_phases: tuple[PhaseTrainingView, ...]
    training_roles: tuple[RoleTrainingView, ...]
    training_people: tuple[PersonTrainingView, ...]
    training_gaps: tuple[AudienceGapView, ...]
    training_after: tuple[AfterHorizonView, ...]
    training_hours: float
    training_limit: float
    history_periods: tuple[str, ...]
    history_factors: tuple[FactorHistoryRow, ...]
    comparisons: tuple[ComparisonView, ...]
    metric_trends: tuple[MetricTrend, ...]
    findings: tuple[FindingView, ...]
    check_sections: tuple[CheckSection, ...]
    passed_checks: tuple[CheckSection, ...]
    skipped_checks: tuple[SkippedView, ...]  # checks that cannot apply to this project, and why
    finding_counts: tuple[Count, ...]  # findings that count (not waived), per check
    waived: tuple[FindingView, ...]  # findings a waiver in force accepts
    warnings: int  # findings that count
    errors: int
    roles: tuple[RoleView, ...]
    modules: tuple[ModuleView, ...]
    retired: tuple[RetiredView, ...]
    not_assessed: tuple[Ref, ...]
    not_applicable: tuple[FactorView, ...]
    teams: Optional[TeamsData]
    report: Optional[BoardPack] = None  # the board pack and "What changed" (set by build_views)
    # whom to tell what, and by when (set by build_views)
    communications: Communications = Communications(stakeholders=())


def build_views(project: Project, plan: Plan) -> SiteData:
    """The site's data for *project* and its *plan* (pure, deterministic)."""
    ix = build_index(project, plan)
    site = replace(_site(ix), communications=communications(ix))
    return replace(site, report=board_pack(ix, site.phases, site.feedback, site.check_sections,
                                           site.waived, site.communications))


def _site(ix: SiteIndex) -> SiteData:
    org, cat, plan = ix.org, ix.catalogue, ix.plan
    work = work_views(ix)
    trained = training.training_views(ix)
    metrics = metric_views(ix)
    by_factor: dict[str, list[MetricView]] = {}
    for view, metric in zip(metrics, sorted(org.metrics, key=lambda m: m.id)):
        if metric.factor:
            by_factor.setdefault(metric.factor, []).append(view)
    spread = teams.spreads(ix)
    history = progress.history_by_factor(ix)
    parts = {f.id: FactorParts(planned=work.planned_by_factor.get(f.id, ()), later=work.later_by_factor.get(f.id, ()),
                               metrics=tuple(by_factor.get(f.id, ())), spread=spread.get(f.id),
                               history=history.get(f.id, ()))
             for f in ix.factor_order}
    factors = factor_views(ix, parts)
    checks = health.health(ix)
    raci = governance.raci(ix)
    team_data = teams.team_views(
        ix, work.items_of,
        {f.id: ((f.level, f.end) if f.assessed and f.applicable else (None, None)) for f in factors}, spread)
    sponsor = ix.people.get(org.sponsor or "")
    goals = goal_views(ix, {m.id: m for m in metrics},
                       [i for phase in work.by_phase for i in phase] + [v.item for v in work.later])
    rated = [lv for lv in plan.levels if lv.assessed and lv.applicable and lv.planned_target > lv.now]
    return SiteData(
        organisation=org.name, programme=org.programme, subject=cat.subject, offline=ix.project.settings.offline,
        vision=org.vision,
        review=str(org.review.period),
        review_date=str(org.review.date), next_review=str(org.review.next),
        sponsor=ix.name(org.sponsor), sponsor_external=bool(sponsor and sponsor.external),
        owner_limit=org.planning.owner_limit, capacity=float(org.planning.capacity),
        max_level=cat.max_level, scale=catalogue.scale(ix),
        catalogue_title=cat.title, catalogue_id=cat.id, catalogue_version=cat.version,
        catalogue_description=cat.description, catalogue_source=cat.source,
        catalogue_licence=cat.licence, default_catalogue=ix.project.uses_default_catalogue,
        dimensions=dimension_views(ix, factors), factors=factors,
        phases=phase_views(ix, work, trained.sessions_by_phase),
        end_period=str(plan.phases[-1].period) if plan.phases else "",
        later=work.later, later_groups=later_groups(ix, work.later),
        scope_now=scope_now(ix), scope_unplaced=tuple(scope_entry(s) for s in plan.scope.unplaced),
        scope_out=tuple(scope_entry(s) for s in plan.scope.out),
        scope_after=tuple(scope_entry(s) for s in plan.scope.after_horizon),
        goals=goals, goal_counts=tuple((s, sum(1 for g in goals if g.status == s)) for s in GOAL_STATUSES),
        rebaselined=rebaseline_summary(ix),
        history_rebaselines=rebaseline_views(ix, plan.history.rebaselines),
        reserve=plan.reserve, fill=plan.fill, effort_unit=plan.effort_unit, currency=plan.currency, cost=plan.cost,
        funded_until=str(plan.funded_until) if plan.funded_until else "",
        dependencies=dependency_views(ix, work),
        targets_total=len(rated), targets_reached=sum(1 for lv in rated if lv.reaches_target), metrics=metrics,
        owner_rows=governance.owner_rows(ix), raci=raci.rows, raci_consulted=raci.consulted,
        raci_informed=raci.informed, people=governance.people(ix), practices=governance.practices(ix),
        practice_raci=governance.practice_raci(ix), stakeholders=governance.stakeholders(ix),
        feedback=governance.feedback(ix), earlier_reviews=governance.earlier_reviews(ix),
        training_phases=trained.phases, training_roles=trained.roles, training_people=trained.people,
        training_gaps=trained.gaps, training_after=trained.after, training_hours=trained.hours,
        training_limit=trained.limit,
        history_periods=tuple(str(p) for p in plan.history.periods),
        history_factors=progress.history_rows(ix), comparisons=progress.comparisons(ix),
        metric_trends=progress.metric_trends(ix),
        findings=tuple(finding_view(d) for d in sorted(plan.findings, key=Diagnostic.sort_key)),
        check_sections=checks.sections, passed_checks=checks.passed, skipped_checks=checks.skipped,
        finding_counts=checks.counts, waived=checks.waived,
        warnings=sum(1 for d in plan.findings if d.severity == "warning" and not d.waived),
        errors=sum(1 for d in plan.findings if d.severity == "error"),
        roles=catalogue.roles(ix), modules=catalogue.modules(ix), retired=catalogue.retired(ix),
        not_assessed=tuple(f.ref for f in factors if not f.assessed),
        not_applicable=tuple(f for f in factors if f.assessed and not f.applicable),
        teams=team_data,
    )
