"""Goals: the factor levels they need, the work that enables them, and whether they are on track.

*Needs.* A goal's ``needs`` are factor levels it depends on; a need above the factor's target counts
as its target. The work that reaches a need, with every step and ``requires`` before it, is the
goal's *enabling work*: the scheduler places it before work that enables no goal, earliest due
first.

*Status*, as of ``review.date``, on the goal's metric with the goal's own ``target`` and ``due``:
``no-data`` when the goal lacks a metric, target or due, or its metric has no current value;
``met`` when ``current`` reaches ``target`` in the metric's direction; else ``missed`` when the
review date is after the last day of ``due``; else ``no-data`` when no earlier review records the
metric; else ``off-track`` when the pace so far is slower than the pace still needed; else
``on-track``. Pace so far = (current - the value at the oldest of the newest four earlier reviews
that record it) / the quarters between that review's period and ``review.period``. Pace needed =
(target - current) / the quarters from ``review.period`` to ``due`` (at least 1). Both are read in
the metric's direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

from roadmap_gen.model import Goal, Metric, Organisation, Project
from roadmap_gen.periods import Quarter
from roadmap_gen.plan.types import GoalPlan, GoalStatus, NeedReached, Pace, Schedule, Step

#: Earlier reviews that count for the pace so far: the newest this many that record the metric.
PACE_REVIEWS = 4


def needed_levels(org: Organisation) -> dict[str, int]:
    """The highest level any goal needs, per factor."""
    needed: dict[str, int] = {}
    for goal in org.goals:
        for need in goal.needs:
            needed[need.factor] = max(needed.get(need.factor, 0), need.level)
    return needed


def goal_due(goal: Goal, org: Organisation) -> Optional[Quarter]:
    """When a goal's enabling work must be done by: its own due, else its metric's."""
    if goal.due is not None:
        return goal.due
    metric = org.metric_by_id.get(goal.metric or "")
    return metric.due if metric is not None else None


def enabling_goals(steps: Sequence[Step], org: Organisation) -> dict[str, list[tuple[str, Optional[Quarter]]]]:
    """Step id -> the goals it enables with their due, earliest due first (no due last), then by id."""
    by_factor: dict[str, list[Step]] = {}
    for step in steps:
        by_factor.setdefault(step.factor, []).append(step)

    def closure(factor: str, level: int, seen: set[str]) -> None:
        for step in by_factor.get(factor, ()):
            if step.level > level or step.id in seen:
                continue
            seen.add(step.id)
            for other, at_least in step.requires:
                closure(other, at_least, seen)

    enabled: dict[str, list[tuple[str, Optional[Quarter]]]] = {}
    for goal in org.goals:
        seen: set[str] = set()
        for need in goal.needs:
            closure(need.factor, need.level, seen)
        due = goal_due(goal, org)
        for step_id in seen:
            enabled.setdefault(step_id, []).append((goal.id, due))
    for goals in enabled.values():
        goals.sort(key=lambda g: (g[1] is None, g[1] or Quarter(1, 1), g[0]))
    return enabled


# --- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalState:
    status: GoalStatus
    current: Optional[float] = None
    values: tuple[tuple[Quarter, float], ...] = ()  # the metric at every review that records it, oldest first
    pace: Optional[Pace] = None


def _better(metric: Metric, value: float) -> float:
    """A value read in the metric's direction: higher is always better."""
    return -value if metric.direction == "down" else value


def metric_values(project: Project, metric_id: str) -> tuple[tuple[Quarter, float], ...]:
    """A metric's ``current`` at every review that records it (the snapshots, then now), oldest first."""
    states: list[tuple[Quarter, Organisation]] = [(s.period, s.organisation) for s in project.snapshots]
    states.append((project.organisation.review.period, project.organisation))
    out = []
    for period, org in states:
        metric = org.metric_by_id.get(metric_id)
        if metric is not None and metric.current is not None:
            out.append((period, metric.current))
    return tuple(out)


def goal_state(goal: Goal, project: Project) -> GoalState:
    org = project.organisation
    metric = org.metric_by_id.get(goal.metric or "")
    if metric is None or goal.target is None or goal.due is None or metric.current is None:
        return GoalState("no-data", metric.current if metric is not None else None)
    values = metric_values(project, metric.id)
    current = metric.current
    if _better(metric, current) >= _better(metric, goal.target):
        return GoalState("met", current, values)
    review = org.review
    if review.date > goal.due.last_day:
        return GoalState("missed", current, values)
    earlier = [(p, v) for p, v in values if p < review.period][-PACE_REVIEWS:]
    if not earlier:
        return GoalState("no-data", current, values)
    since, start = earlier[0]
    so_far = (_better(metric, current) - _better(metric, start)) / max(1, review.period - since)
    needed = (_better(metric, goal.target) - _better(metric, current)) / max(1, goal.due - review.period)
    pace = Pace(since, start, so_far, needed)
    # A hair of tolerance: 0.15 a quarter so far against 0.15 needed is on track, whatever the float says.
    return GoalState("off-track" if so_far < needed - 1e-9 else "on-track", current, values, pace)


def needs_reached(goal: Goal, org: Organisation, reached: Mapping[tuple[str, int], Quarter]) -> tuple[NeedReached, ...]:
    """When each of a goal's needs is reached, from (factor, level) -> the phase that reaches it."""
    out = []
    for need in goal.needs:
        a = org.assessment_by_factor.get(need.factor)
        now = a.level if a is not None and a.applicable else 0
        held = a is not None and a.applicable and a.level >= need.level
        when = None if held else reached.get((need.factor, need.level))
        out.append(NeedReached(need.factor, need.level, now, when, held))
    return tuple(out)


def all_reached(needs: Iterable[NeedReached], review: Quarter) -> Optional[Quarter]:
    """The phase by whose end every need is reached; the review itself when all hold today; None when one
    is not reached within the plan or the goal needs nothing."""
    needs = list(needs)
    if not needs:
        return None
    if any(n.reached is None and not n.held for n in needs):
        return None
    return max((n.reached for n in needs if n.reached is not None), default=review)


def goal_plans(project: Project, schedule: Schedule) -> tuple[GoalPlan, ...]:
    """Every goal with its status, its pace, when its needs are reached and its enabling work."""
    org = project.organisation
    reached = {(o.factor, o.level): o.period for o in schedule.outcomes if o.period is not None}
    placed = {(o.factor, o.level): o.period for o in schedule.outcomes}
    out = []
    for goal in org.goals:
        state = goal_state(goal, project)
        needs = needs_reached(goal, org, reached)
        due = goal_due(goal, org)
        enabling, late = [], []
        for step in schedule.steps:
            if goal.id not in step.goals:
                continue
            period = placed.get((step.factor, step.level))
            ids = [i.id for i in step.items] or [step.id]
            enabling.extend(ids)
            if period is None or (due is not None and period > due):
                late.extend(ids)
        out.append(GoalPlan(
            id=goal.id, statement=goal.statement, status=state.status, metric=goal.metric, target=goal.target,
            due=goal.due, owner=goal.owner, current=state.current, values=state.values, pace=state.pace,
            needs=needs, needs_reached=all_reached(needs, org.review.period),
            enabling=tuple(sorted(set(enabling))), late=tuple(sorted(set(late)))))
    return tuple(out)
