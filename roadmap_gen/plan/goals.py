"""Goals: the factor levels they need, the work that enables them, and whether they are on track.

*Needs.* A goal's ``needs`` are factor levels it depends on; a need above the factor's target counts
as its target. The work that reaches a need, with every step and ``requires`` before it, is the
goal's *enabling work*: the scheduler places it before work that enables no goal, earliest aim
first, where a goal's aim is the quarter ``lead`` quarters before its due (a metric moves only
after the work lands).

*Status*, as of ``review.date``, on the goal's metric with the goal's own ``target`` and ``due``,
the first that holds: ``no-data`` when the goal lacks a metric, target or due, or its metric has no
current value; ``met`` when ``current`` reaches ``target`` in the metric's direction; ``missed``
when the review date is after the last day of ``due``; ``no-data`` when no earlier review records
the metric (the pace cannot be computed); ``off-track`` when the pace so far is slower than the
pace still needed; ``at-risk`` when the pace so far is less than 1.2 times the pace needed, or a
need is reached later than ``lead`` quarters before ``due`` or not within the plan; else
``on-track``.

Pace so far = (current - start) / the quarters between the review it starts from and
``review.period``, where the review it starts from is the oldest of the newest four earlier reviews
that record the metric, and start is that review's value, or the metric's ``baseline`` where the
baseline is better (a recovery from a dip below the baseline is not progress). Pace needed =
(target - current) / the quarters from ``review.period`` to ``due`` (at least 1). Both are read in
the metric's direction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Goal, Metric, Organisation, Project
from roadmap_gen.plan.types import (
    PACE_MARGIN,
    GoalPlan,
    GoalStatus,
    NeedReached,
    OriginalPromise,
    Pace,
    RiskCause,
    Schedule,
    Step,
)

#: Earlier reviews that count for the pace so far: the newest this many that record the metric.
PACE_REVIEWS = 4


def needed_levels(org: Organisation) -> dict[str, int]:
    """The highest level any goal needs, per factor."""
    needed: dict[str, int] = {}
    for goal in org.goals:
        for need in goal.needs:
            needed[need.factor] = max(needed.get(need.factor, 0), need.level)
    return needed


def goal_due(goal: Goal, org: Organisation) -> Quarter | None:
    """When a goal's enabling work must be done by: its own due, else its metric's."""
    if goal.due is not None:
        return goal.due
    metric = org.metric_by_id.get(goal.metric or "")
    return metric.due if metric is not None else None


def goal_aim(goal: Goal, org: Organisation) -> Quarter | None:
    """The quarter by whose end a goal's needs should be reached: ``lead`` quarters before its due."""
    due = goal_due(goal, org)
    return due.shift(-goal.lead) if due is not None else None


def enabling_goals(steps: Sequence[Step], org: Organisation) -> dict[str, list[tuple[str, Quarter | None]]]:
    """Step id -> the goals it enables with their aim (see :func:`goal_aim`), earliest aim first (none
    last), then by id."""
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

    enabled: dict[str, list[tuple[str, Quarter | None]]] = {}
    for goal in org.goals:
        seen: set[str] = set()
        for need in goal.needs:
            closure(need.factor, need.level, seen)
        aim = goal_aim(goal, org)
        for step_id in seen:
            enabled.setdefault(step_id, []).append((goal.id, aim))
    for goals in enabled.values():
        goals.sort(key=lambda g: (g[1] is None, g[1] or Quarter(1, 1), g[0]))
    return enabled


# --- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalState:
    status: GoalStatus
    current: float | None = None
    values: tuple[tuple[Quarter, float], ...] = ()  # the metric at every review that records it, oldest first
    pace: Pace | None = None
    causes: tuple[RiskCause, ...] = ()


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


def pace_of(metric: Metric, values: Sequence[tuple[Quarter, float]], review: Quarter, target: float,
            due: Quarter) -> Pace | None:
    """The pace so far and the pace still needed (see the module docstring); None without an earlier
    review that records the metric."""
    current = metric.current
    earlier = [(p, v) for p, v in values if p < review][-PACE_REVIEWS:]
    if current is None or not earlier:
        return None
    since, start = earlier[0]
    if metric.baseline is not None and _better(metric, metric.baseline) > _better(metric, start):
        start = metric.baseline  # a recovery from a dip below the baseline is not progress
    so_far = (_better(metric, current) - _better(metric, start)) / max(1, review - since)
    needed = (_better(metric, target) - _better(metric, current)) / max(1, due - review)
    return Pace(since, start, so_far, needed)


def goal_state(goal: Goal, project: Project, *, late_need: bool = False) -> GoalState:
    """A goal's status (see the module docstring); ``late_need``: a need it rests on is reached later
    than ``lead`` quarters before its due, or not within the plan."""
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
    pace = pace_of(metric, values, review.period, goal.target, goal.due)
    if pace is None:
        return GoalState("no-data", current, values, causes=("late-need",) if late_need else ())
    # A hair of tolerance, so that float noise never decides a verdict.
    causes: list[RiskCause] = []
    if pace.so_far < PACE_MARGIN * pace.needed - 1e-9:
        causes.append("margin")
    if late_need:
        causes.append("late-need")
    if pace.so_far < pace.needed - 1e-9:
        status: GoalStatus = "off-track"
    elif causes:
        status = "at-risk"
    else:
        status = "on-track"
    return GoalState(status, current, values, pace, tuple(causes))


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


def all_reached(needs: Iterable[NeedReached], review: Quarter) -> Quarter | None:
    """The phase by whose end every need is reached; the review itself when all hold today; None when one
    is not reached within the plan or the goal needs nothing."""
    needs = list(needs)
    if not needs:
        return None
    if any(n.reached is None and not n.held for n in needs):
        return None
    return max((n.reached for n in needs if n.reached is not None), default=review)


def late_need(needs: Sequence[NeedReached], aim: Quarter | None) -> bool:
    """A need is not reached within the plan, or only after the goal's aim (``lead`` before due)."""
    return any(not n.held and (n.reached is None or (aim is not None and n.reached > aim)) for n in needs)


def goal_plans(project: Project, schedule: Schedule,
               promised: Mapping[str, tuple[Quarter | None, float | None]] | None = None
               ) -> tuple[GoalPlan, ...]:
    """Every goal with its status, its pace, when its needs are reached and its enabling work.

    ``promised``: goal id -> the (due, target) the last review promised, for the goals re-baselined
    since; each such goal is also judged against that promise (``original``)."""
    org = project.organisation
    reached = {(o.factor, o.level): o.period for o in schedule.outcomes if o.period is not None}
    placed = {(o.factor, o.level): o.period for o in schedule.outcomes}
    out = []
    for goal in org.goals:
        needs = needs_reached(goal, org, reached)
        aim = goal_aim(goal, org)
        state = goal_state(goal, project, late_need=late_need(needs, aim))
        enabling, late = [], []
        for step in schedule.steps:
            if goal.id not in step.goals:
                continue
            period = placed.get((step.factor, step.level))
            ids = [i.id for i in step.items] or [step.id]
            enabling.extend(ids)
            if period is None or (aim is not None and period > aim):
                late.extend(ids)
        original = None
        if promised and goal.id in promised:
            old_due, old_target = promised[goal.id]
            old = replace(goal, due=old_due, target=old_target)
            judged = goal_state(old, project, late_need=late_need(needs, goal_aim(old, org)))
            original = OriginalPromise(old_due, old_target, judged.status, judged.causes)
        out.append(GoalPlan(
            id=goal.id, statement=goal.statement, status=state.status, metric=goal.metric, target=goal.target,
            due=goal.due, owner=goal.owner, current=state.current, values=state.values, pace=state.pace,
            needs=needs, needs_reached=all_reached(needs, org.review.period),
            enabling=tuple(sorted(set(enabling))), late=tuple(sorted(set(late))), lead=goal.lead,
            causes=state.causes, original=original))
    return tuple(out)
