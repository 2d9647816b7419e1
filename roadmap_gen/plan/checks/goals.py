"""Checks on goals, metrics and their targets."""

from __future__ import annotations

import re
from typing import Iterator, Optional

from roadmap_gen.diagnostics import Finding
from roadmap_gen.numbers import fmt
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.registry import check

VAGUE_RE = re.compile(r"\b(improv\w*|better|enhanc\w*|increas\w*|optimi[sz]\w*)", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
TIME_UNITS = frozenset({
    "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours", "d", "day", "days",
})


def _shown(value: Optional[float]) -> str:
    return "none" if value is None else fmt(value)


@check("unmeasurable-goal", "Goal that cannot be measured",
       looks_for="A goal has no metric, no numeric target or no due quarter, so nobody can tell whether it was met.",
       action="Link the goal to a metric and give it a number to reach and the quarter to reach it by.",
       about=("goal",))
def unmeasurable_goal(ctx: HealthContext) -> Iterator[Finding]:
    """A goal without a metric, without a numeric target (the goal's ``target`` or its metric's) or
    without a due period (the goal's ``due`` or its metric's)."""
    for goal in ctx.org.goals:
        metric = ctx.goal_metric(goal.metric)
        missing = []
        if metric is None:
            missing.append("metric")
        if goal.target is None and (metric is None or metric.target is None):
            missing.append("numeric target")
        if goal.due is None and (metric is None or metric.due is None):
            missing.append("due period")
        if missing:
            yield Finding(
                goal.locs("statement"),
                f"goal '{goal.id}' has no {', no '.join(missing)}, so nobody can tell whether it was met: "
                f"tie it to a metric with a numeric target and a due quarter", goal.id,
                "set `metric` to a metric id, `target` to a number and `due` to a quarter such as 2027-Q4")


@check("vague-goal", "Vague goal",
       looks_for="The goal says improve, better or enhance without a single number in it.",
       action="Say which number moves from where to where by when.", about=("goal",))
def vague_goal(ctx: HealthContext) -> Iterator[Finding]:
    """The statement has a word starting improv/better/enhanc/increas/optimis/optimiz
    (case-insensitive) and no digit at all."""
    for goal in ctx.org.goals:
        match = VAGUE_RE.search(goal.statement)
        if match and not DIGIT_RE.search(goal.statement):
            yield Finding(
                goal.locs("statement"),
                f"goal '{goal.id}' says '{match.group(0).lower()}' with no number in it: "
                f"say which number moves from where to where by when", goal.id,
                "e.g. \"Raise first-contact resolution from 52% to 65% by the end of 2027-Q3\"")


def _not_better(direction: str, target: float, baseline: float) -> bool:
    return target >= baseline if direction == "down" else target <= baseline


@check("loose-target", "Target that changes nothing",
       looks_for="A target is no better than the baseline in the metric's direction, so reaching it needs no change.",
       action="Set a target better than the baseline: above it when up is better, below it when down is better.",
       about=("metric", "goal"))
def loose_target(ctx: HealthContext) -> Iterator[Finding]:
    """A metric whose target is not better than its baseline in its direction (up: target <=
    baseline; down: target >= baseline); the same for a goal's own target against its metric's
    baseline."""
    org = ctx.org
    for metric in org.metrics:
        if metric.baseline is None or metric.target is None:
            continue
        if _not_better(metric.direction, metric.target, metric.baseline):
            yield Finding(
                metric.locs("target"),
                f"metric '{metric.id}' targets {_shown(metric.target)} against a baseline of "
                f"{_shown(metric.baseline)} (better is {metric.direction}): reaching it changes nothing; "
                f"set a target {'below' if metric.direction == 'down' else 'above'} the baseline", metric.id,
                "a target should be better than the baseline in the metric's direction")
    for goal in org.goals:
        linked = ctx.goal_metric(goal.metric)
        if goal.target is None or linked is None or linked.baseline is None:
            continue
        if _not_better(linked.direction, goal.target, linked.baseline):
            yield Finding(
                goal.locs("target"),
                f"goal '{goal.id}' targets {_shown(goal.target)} against its metric's baseline of "
                f"{_shown(linked.baseline)} (better is {linked.direction}): set a target "
                f"{'below' if linked.direction == 'down' else 'above'} the baseline", goal.id,
                "a target should be better than the baseline in the metric's direction")


def _at_limit(unit: str, direction: str, target: float) -> Optional[str]:
    unit = unit.strip().lower()
    if unit == "%":
        if direction == "up" and target >= 100:
            return "100%"
        if direction == "down" and target <= 0:
            return "0%"
    if unit in TIME_UNITS and target <= 0:
        return f"0 {unit}"
    return None


@check("overambitious-target", "Target out of reach",
       looks_for="A target needs more than one maturity level per factor per phase, or asks for a perfect score "
                 "(100%, zero minutes) that no service keeps.",
       action="Lower the target, plan more phases, or choose a reachable number.",
       about=("factor", "metric", "goal"))
def overambitious_target(ctx: HealthContext) -> Iterator[Finding]:
    """An applicable assessment whose ``target - level`` exceeds the number of phases (a factor
    climbs at most one level per phase); or a metric or goal target at its absolute limit: unit
    ``%`` with 100 or more (direction up) or 0 or less (direction down), or a time unit (s,
    seconds, min, minutes, h, hours, days, ...) with a target of 0."""
    org = ctx.org
    phases = max(0, org.planning.phases)
    for a in sorted(org.assessment, key=lambda a: a.factor):
        if a.applicable and a.target - a.level > phases:
            yield Finding(
                a.locs("target"),
                f"'{a.factor}' aims to climb {a.target - a.level} levels (from {a.level} to {a.target}) in "
                f"{phases} phase(s), but a factor rises at most one level per phase: lower the target "
                f"or plan more phases", a.factor,
                f"a target of at most {a.level + phases} fits the plan")
    for metric in org.metrics:
        if metric.target is None:
            continue
        limit = _at_limit(metric.unit, metric.direction, metric.target)
        if limit:
            yield Finding(
                metric.locs("target"),
                f"metric '{metric.id}' targets {limit}, a perfect score no service keeps: set a target that "
                f"is better than the baseline but reachable", metric.id,
                "absolute targets (100%, zero minutes) turn every miss into failure")
    for goal in org.goals:
        linked = ctx.goal_metric(goal.metric)
        if goal.target is None or linked is None or goal.target == linked.target:
            continue
        limit = _at_limit(linked.unit, linked.direction, goal.target)
        if limit:
            yield Finding(
                goal.locs("target"),
                f"goal '{goal.id}' targets {limit}, a perfect score no service keeps: set a reachable target",
                goal.id, "absolute targets (100%, zero minutes) turn every miss into failure")
