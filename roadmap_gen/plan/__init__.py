"""The planner: pure functions from a validated :class:`~roadmap_gen.model.Project` to a :class:`Plan`.

``make_plan(project)`` finds the gap steps (:mod:`.steps`), schedules them into
phases (:mod:`.schedule`), phases the scope (:mod:`.scope`), works out owners,
loads and the RACI matrix (:mod:`.owners`), the training plan (:mod:`.training`),
history since earlier reviews (:mod:`.history`), the teams summary
(:mod:`.teams`), the promises changed since the last review (:mod:`.rebaselines`), the health
checks (:mod:`.checks`), whom to tell what and when (:mod:`.communications`) and the decisions the
findings ask for (:mod:`.decisions`). It does no I/O, and the
same project always gives an equal plan.
"""

from __future__ import annotations

from collections.abc import Sequence

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.model import Project
from roadmap_gen.plan.checks import CHECKS, HealthContext, run_checks, skipped_checks
from roadmap_gen.plan.checks.waivers import apply_waivers
from roadmap_gen.plan.communications import communications
from roadmap_gen.plan.decisions import decisions
from roadmap_gen.plan.goals import goal_plans
from roadmap_gen.plan.history import build_history, past_plans
from roadmap_gen.plan.money import dependency_plans, phase_costs, plan_cost
from roadmap_gen.plan.owners import RoleIndex, owner_loads, raci
from roadmap_gen.plan.rebaselines import promised
from roadmap_gen.plan.schedule import make_schedule
from roadmap_gen.plan.scope import scope_plan
from roadmap_gen.plan.steps import build_steps
from roadmap_gen.plan.teams import team_summary
from roadmap_gen.plan.training import training_plan
from roadmap_gen.plan.types import (
    LATER_REASONS,
    AfterHorizon,
    AudienceGap,
    FactorHistory,
    FactorLevels,
    FactorSpread,
    History,
    Item,
    ItemOutcome,
    Later,
    LevelChange,
    MetricChange,
    MetricHistory,
    OwnerLoad,
    PersonTraining,
    Phase,
    PhaseScope,
    PhaseTraining,
    PhaseWork,
    Plan,
    Raci,
    Regression,
    ReviewComparison,
    RoleTraining,
    Schedule,
    ScopePlan,
    ScopeRef,
    SkippedCheck,
    Step,
    StepOutcome,
    TeamFactor,
    TeamGroup,
    TeamsSummary,
    TeamSummary,
    TrainingPlan,
    TrainingSession,
)

__all__ = [
    "CHECKS", "LATER_REASONS", "AfterHorizon", "AudienceGap", "FactorHistory", "FactorLevels", "FactorSpread",
    "HealthContext", "History", "Item", "ItemOutcome", "Later", "LevelChange", "MetricChange", "MetricHistory",
    "OwnerLoad", "PersonTraining", "Phase", "PhaseScope", "PhaseTraining", "PhaseWork", "Plan", "Raci",
    "Regression", "ReviewComparison", "RoleIndex", "RoleTraining", "Schedule", "ScopePlan", "ScopeRef",
    "SkippedCheck", "Step", "StepOutcome", "TeamFactor", "TeamGroup", "TeamsSummary", "TeamSummary", "TrainingPlan",
    "TrainingSession",
    "build_history", "build_steps", "make_plan", "owner_loads", "raci", "run_checks", "make_schedule",
    "past_plans", "scope_plan", "skipped_checks", "team_summary", "training_plan",
]


def make_plan(project: Project, earlier: Sequence[Diagnostic] = ()) -> Plan:
    """The whole plan of a valid project: schedule, scope, owners, training, goals, health, history, teams.

    ``earlier``: warnings the load stage found (settings that load from outside the site); they join
    the plan's findings so that the site shows them and waivers apply to them too."""
    catalogue, org = project.catalogue, project.organisation
    roles = RoleIndex(org)
    steps = build_steps(catalogue, org, roles)
    sched = make_schedule(catalogue, org, steps, roles)
    periods = [phase.period for phase in sched.phases]
    scope = scope_plan(org, periods)
    loads = owner_loads(sched.phases, org)
    training = training_plan(sched.phases, catalogue, org)
    earlier_plans = past_plans(project)
    history = build_history(project, earlier_plans)
    teams = team_summary(project)
    last = project.snapshots[-1].organisation if project.snapshots else None
    # the history compares every pair of reviews; its last pair is the newest snapshot against today
    changed = tuple(r for r in history.rebaselines if r.period == org.review.period)
    goals = goal_plans(project, sched, promised(changed, last) if last is not None else None)
    health = HealthContext(project=project, schedule=sched, training=training, owners=loads,
                           past_plans=earlier_plans, goals=goals, rebaselines=changed, teams=teams)
    found = run_checks(health)
    findings = apply_waivers(tuple(found) + tuple(d for d in earlier if d.severity == "warning"), project)
    costs = phase_costs(sched.phases, training, catalogue)
    funded_until = org.planning.funded_until
    phases = tuple(
        Phase(index=work.index, period=work.period, capacity=work.capacity, effort=work.effort,
              effort_by_dimension=work.effort_by_dimension, items=work.items, steps=work.steps,
              scope=scope.phases[work.index],
              levels=tuple((lv.factor, lv.projected[work.index]) for lv in sched.levels),
              training_hours=training.phases[work.index].hours, cost=costs[work.index],
              funded=funded_until is None or work.period <= funded_until)
        for work in sched.phases)
    return Plan(
        organisation=org.name,
        review=org.review.period,
        review_date=org.review.date,
        next_review=org.review.next,
        start=org.planning.start,
        capacity=float(org.planning.capacity),
        owner_limit=org.planning.owner_limit,
        phases=phases,
        later=sched.later,
        steps=sched.steps,
        outcomes=sched.outcomes,
        levels=sched.levels,
        scope=scope,
        owners=loads,
        raci=raci(sched.phases, sched.later, org, roles),
        communications=communications(sched.phases, org),
        decisions=decisions(findings),
        training=training,
        findings=findings,
        skipped_checks=skipped_checks(health),
        rebaselines=changed,
        reserve=org.planning.reserve,
        fill=org.planning.fill,
        cost=plan_cost(costs),
        dependencies=dependency_plans(org, sched),
        effort_unit=org.planning.effort_unit,
        currency=org.planning.currency,
        funded_until=funded_until,
        goals=goals,
        history=history,
        teams=teams,
        vision=org.vision,
        sponsor=org.sponsor,
        catalogue=catalogue.id,
    )
