"""Checks on goals, metrics and their targets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding, Loc
from roadmap_gen.core.numbers import fmt
from roadmap_gen.model import Goal
from roadmap_gen.plan.checks.context import HealthContext, first_review
from roadmap_gen.plan.checks.registry import Decide, check
from roadmap_gen.plan.goals import goal_aim, goal_due

VAGUE_RE = re.compile(r"\b(improv\w*|better|enhanc\w*|increas\w*|optimi[sz]\w*)", re.IGNORECASE)
# A number in a goal's statement is one that says how much: a year (2027) or a quarter (2027-Q3, Q3) only
# says when, so it does not count.
WHEN_RE = re.compile(r"\b(?:(?:19|20)\d\d(?:\s*-?\s*Q[1-4])?|Q[1-4])\b", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
TIME_UNITS = frozenset({
    "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours", "d", "day", "days",
})


def _shown(value: float | None) -> str:
    return "none" if value is None else fmt(value)


@check("unmeasurable-goal", "Goal that cannot be measured",
       looks_for="A goal has no metric, no numeric target or no due quarter, so nobody can tell whether it was met.",
       action="Link the goal to a metric and give it a number to reach and the quarter to reach it by.",
       about=("goal",), local=True)
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
       action="Say which number moves from where to where by when.", about=("goal",), local=True)
def vague_goal(ctx: HealthContext) -> Iterator[Finding]:
    """The statement has a word starting improv/better/enhanc/increas/optimis/optimiz
    (case-insensitive) and no number once years (2027) and quarters (2027-Q3, Q3) are set aside."""
    for goal in ctx.org.goals:
        match = VAGUE_RE.search(goal.statement)
        if match and not DIGIT_RE.search(WHEN_RE.sub(" ", goal.statement)):
            yield Finding(
                goal.locs("statement"),
                f"goal '{goal.id}' says '{match.group(0).lower()}' with no number in it: "
                f"say which number moves from where to where by when", goal.id,
                "e.g. \"Raise first-contact resolution from 52% to 65% by the end of 2027-Q3\"")


def _not_better(direction: str, target: float, baseline: float) -> bool:
    return target >= baseline if direction == "down" else target <= baseline


@check("loose-target", "Target that changes nothing",
       looks_for="A target is no better than the baseline, or than the current value, in the metric's direction, so "
                 "reaching it needs no change.",
       action="Set a target better than the baseline: above it when up is better, below it when down is better.",
       about=("metric", "goal"), local=True)
def loose_target(ctx: HealthContext) -> Iterator[Finding]:
    """A metric whose target is not better than its baseline in its direction (up: target <=
    baseline; down: target >= baseline), or not better than its current value (the metric already
    beats it); the same for a goal's own target against its metric's baseline and current value."""
    org = ctx.org
    for metric in org.metrics:
        if metric.target is None:
            continue
        against = _against(metric.direction, metric.target, metric.baseline, metric.current)
        if against:
            yield Finding(
                metric.locs("target"),
                f"metric '{metric.id}' targets {_shown(metric.target)} against {against} (better is "
                f"{metric.direction}): reaching it changes nothing; set a target "
                f"{'below' if metric.direction == 'down' else 'above'} it", metric.id,
                "a target should be better than the baseline and the current value in the metric's direction")
    for goal in org.goals:
        linked = ctx.goal_metric(goal.metric)
        if goal.target is None or linked is None:
            continue
        against = _against(linked.direction, goal.target, linked.baseline, linked.current)
        if against:
            yield Finding(
                goal.locs("target"),
                f"goal '{goal.id}' targets {_shown(goal.target)} against its metric's {against} (better is "
                f"{linked.direction}): set a target {'below' if linked.direction == 'down' else 'above'} it",
                goal.id, "a target should be better than the baseline and the current value in the metric's "
                         "direction")


def _against(direction: str, target: float, baseline: float | None, current: float | None) -> str:
    """What a target is no better than: its baseline, or its current value; "" when it is better than both."""
    if baseline is not None and _not_better(direction, target, baseline):
        return f"a baseline of {_shown(baseline)}"
    if current is not None and _not_better(direction, target, current) and target != current:
        return f"a current value of {_shown(current)}, which already beats it"
    return ""


def _at_limit(unit: str, direction: str, target: float) -> str | None:
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
       about=("factor", "metric", "goal"), local=True, reads=("planning.phases",))
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


def _goal_loc(ctx: HealthContext, goal_id: str) -> tuple[Goal, Loc]:
    goal = next(g for g in ctx.org.goals if g.id == goal_id)
    return goal, goal.locs.at_entity


@check("goal-at-risk", "Goal at risk",
       looks_for="A level a goal needs (or what it rests on) is reached too late for the metric to move by the due "
                 "quarter (later than the goal's `lead` quarters before it, one by default), or not within the plan.",
       action="Pin the enabling work earlier, raise the capacity or the factor's priority, or agree a later due "
              "with the goal's owner and record it under `rebaselines`.", about=("goal",),
       decide=Decide(
           question="The work a goal needs lands too late for its metric to move by the due. Do we bring the "
                    "work forward or move the due?",
           options=("Put the old due back and pin the enabling work earlier",
                    "Raise the capacity or the factor's priority so that the planner places the work earlier",
                    "Approve the later due and record it under `rebaselines`"),
           recommendation="Pin the enabling work earlier where the phase has room; where it has none, approve "
                          "the later due now, while it is a plan and not a miss.",
           if_nothing="The goal is likely to be missed at its due, and the board hears of it only then."))
def goal_at_risk(ctx: HealthContext) -> Iterator[Finding]:
    """A goal (not met yet) with a need the plan does not reach (on a factor not assessed, not
    applicable, or whose work is later work), or whose needs are all reached only after the end of
    the quarter ``lead`` quarters before its due (its due with ``lead: 0``), whatever its status.
    Located at the goal's needs."""
    org = ctx.org
    for plan in ctx.goals:
        if plan.status == "met" or not plan.needs:
            continue
        goal, _ = _goal_loc(ctx, plan.id)
        aim = goal_aim(goal, org)
        end = ctx.schedule.phases[-1].period if ctx.schedule.phases else org.review.period
        for need in plan.needs:
            if need.held or need.reached is not None:
                continue
            a = org.assessment_by_factor.get(need.factor)
            why = ("is not assessed" if a is None else "is marked not applicable" if not a.applicable
                   else f"does not get there within the plan (it reaches {_level_at_end(ctx, need.factor)} by {end})")
            yield Finding(goal.locs("needs"),
                          f"goal '{goal.id}' needs '{need.factor}' at level {need.level}, which {why}: "
                          f"its enabling work is later work", goal.id)
        if aim is not None and plan.needs_reached is not None and plan.needs_reached > aim:
            lead = (f"{goal.lead} quarter{'s' if goal.lead != 1 else ''} before it is due ({aim})" if goal.lead
                    else f"by its due quarter ({aim})")
            yield Finding(goal.locs("needs"),
                          f"goal '{goal.id}' is due {goal_due(goal, org)} and needs what it rests on {lead}, "
                          f"but the plan reaches it only by {plan.needs_reached} "
                          f"({', '.join(plan.late[:4])}{' ...' if len(plan.late) > 4 else ''}): the metric cannot "
                          f"move in time", goal.id)


def _level_at_end(ctx: HealthContext, factor: str) -> int:
    levels = next((lv for lv in ctx.schedule.levels if lv.factor == factor), None)
    return levels.final if levels is not None else 0


@check("goal-missed", "Goal missed",
       looks_for="A goal's due quarter has passed and its metric is short of the target.",
       action="Decide at this review: agree a new due or target with the goal's owner, or retire the goal and say "
              "why.", about=("goal",),
       decide=Decide(
           question="A goal's due has passed and its metric is short of the target. Do we reset it or retire it?",
           options=("Agree a new due with the goal's owner and record it under `rebaselines`",
                    "Lower the target to what is realistic and record it under `rebaselines`",
                    "Retire the goal and say why"),
           recommendation="Agree a new due only where the enabling work is now planned in time for it; "
                          "otherwise retire the goal and say why.",
           if_nothing="The goal stays missed in every report, and the plan no longer says what it promises."))
def goal_missed(ctx: HealthContext) -> Iterator[Finding]:
    """Status ``missed``: the review date is after the last day of the goal's own due, and the
    metric's current value does not reach the goal's own target in its direction."""
    for plan in ctx.goals:
        if plan.status == "missed":
            goal, _ = _goal_loc(ctx, plan.id)
            yield Finding(goal.locs("due"),
                          f"goal '{goal.id}' was due {plan.due} and its metric stands at {_shown(plan.current)}, "
                          f"short of {_shown(plan.target)}", goal.id)


@check("goal-off-track", "Goal off track",
       looks_for="A goal's metric has moved more slowly since the earlier reviews than it must move from now on "
                 "to reach the target by the due quarter.",
       action="Look at what the enabling work has delivered so far; bring work forward, or agree a realistic "
              "target or due.", about=("goal",),
       decide=Decide(
           question="A goal's metric moves too slowly to reach its target by the due. Do we speed up or reset "
                    "the promise?",
           options=("Bring the enabling work forward: pin it earlier or raise the factor's priority",
                    "Agree a later due or a lower target with the goal's owner and record it under `rebaselines`",
                    "Keep the goal as it is and look again at the next review"),
           recommendation="Bring the enabling work forward where the phases have room; where they have none, "
                          "reset the promise now rather than miss it later.",
           if_nothing="At today's pace the goal is missed at its due."))
def goal_off_track(ctx: HealthContext) -> Iterator[Finding]:
    """Status ``off-track``: the pace so far (per quarter, since the oldest of the newest four earlier
    reviews that record the metric) is slower than the pace still needed to reach the target by the
    end of the due quarter."""
    for plan in ctx.goals:
        if plan.status == "off-track" and plan.pace is not None:
            goal, _ = _goal_loc(ctx, plan.id)
            pace = plan.pace
            yield Finding(goal.locs("target"),
                          f"goal '{goal.id}' has moved {_shown(round(pace.so_far, 2))} a quarter since {pace.since} "
                          f"but needs {_shown(round(pace.needed, 2))} a quarter to reach {_shown(plan.target)} by "
                          f"{plan.due}", goal.id)


@check("metric-worsening", "Metric got worse",
       looks_for="A metric's current value is worse, in its direction, than at the last review.",
       action="Find out why before planning more of the same; say so in the metric's description or the review "
              "notes.", about=("metric",), skip=first_review, local=True)
def metric_worsening(ctx: HealthContext) -> Iterator[Finding]:
    """A metric whose ``current`` is worse in its direction than its ``current`` in the latest
    snapshot that records it."""
    last = ctx.project.snapshots[-1]
    before = last.organisation.metric_by_id
    for metric in ctx.org.metrics:
        old = before.get(metric.id)
        if metric.current is None or old is None or old.current is None:
            continue
        if _not_better(metric.direction, metric.current, old.current) and metric.current != old.current:
            yield Finding(metric.locs("current"),
                          f"metric '{metric.id}' got worse: {_shown(old.current)} at the {last.period} review, "
                          f"{_shown(metric.current)} now (better is {metric.direction})", metric.id)


@check("goal-conflict", "Goals that contradict",
       looks_for="Two goals on one metric where the one due later does not ask for more than the earlier one: one "
                 "of them reads as on track while the other is off track on the same numbers.",
       action="Make the later goal ask for more than the earlier one, merge the two goals, or retire one.",
       about=("goal",),
       decide=Decide(
           question="Two goals on one metric contradict each other. Which one stands?",
           options=("Make the later goal ask for more than the earlier one",
                    "Merge the two goals into one",
                    "Retire one of them"),
           recommendation="Merge them into one goal with one due and one target: two promises on one number "
                          "confuse the board.",
           if_nothing="One goal reads as on track while the other reads as off track on the same numbers."))
def goal_conflict(ctx: HealthContext) -> Iterator[Finding]:
    """Two goals on the same metric, each with a target and a due quarter, where the goal due later
    does not ask for strictly more (in the metric's direction) than the one due earlier; about the
    later goal (with the same due, the later id in sort order)."""
    by_metric: dict[str, list[Goal]] = {}
    for goal in ctx.org.goals:
        if goal.metric and goal.target is not None and goal.due is not None:
            by_metric.setdefault(goal.metric, []).append(goal)
    for metric_id, goals in sorted(by_metric.items()):
        metric = ctx.goal_metric(metric_id)
        if metric is None or len(goals) < 2:
            continue
        ordered = sorted(goals, key=lambda g: (g.due, g.id))
        reported: set[str] = set()
        for i, earlier in enumerate(ordered):
            for later in ordered[i + 1:]:
                assert earlier.target is not None and later.target is not None
                if later.id in reported or not _not_better(metric.direction, later.target, earlier.target):
                    continue
                reported.add(later.id)
                yield Finding(later.locs("target"),
                              f"goals '{earlier.id}' (due {earlier.due}) and '{later.id}' (due {later.due}) both "
                              f"measure '{metric_id}', but the later one asks for {_shown(later.target)}, no more "
                              f"than the earlier one's {_shown(earlier.target)}: one can be off track while the "
                              f"other is on track on the same numbers", later.id,
                              "make the later goal ask for more, or merge the two goals")
