"""Re-baselines: the promises a review changed against the one before it, and who approved each.

Against an earlier state (the newest snapshot in ``content/reviews/``), each of these is a
re-baseline, named by its ``about`` and ``change``:

- ``goal-due``: a goal's ``due`` moved later (or was taken away);
- ``goal-target``: a goal's ``target`` made less ambitious in its metric's direction (or taken away);
- ``goal-removed``: a goal that was not met is gone (a goal renamed, or whose ``metric`` changed,
  counts as removed);
- ``metric-due`` and ``metric-target``: the same for a metric;
- ``factor-target``: a factor's ``target`` lowered in the organisation's assessment;
- ``horizon`` (about ``planning``): ``planning.phases`` raised so that the plan ends later.

A ``rebaselines`` entry with the same ``about`` and ``change`` approves it. Pure functions: the
planner and the history of earlier reviews both call them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Goal, Metric, Organisation, Rebaseline
from roadmap_gen.plan.types import Rebaselined


def _worse(direction: str, new: float, old: float) -> bool:
    """Whether ``new`` asks for less than ``old`` in a metric's direction."""
    return new > old if direction == "down" else new < old


def _later(new: Quarter | None, old: Quarter | None) -> bool:
    return old is not None and (new is None or new > old)


def _looser(direction: str | None, new: float | None, old: float | None) -> bool:
    return old is not None and (new is None or (direction is not None and _worse(direction, new, old)))


def _met(goal: Goal, states: tuple[Organisation, ...]) -> bool:
    """Whether a goal's metric reached its target at either review."""
    for org in states:
        metric = org.metric_by_id.get(goal.metric or "")
        if metric is not None and metric.current is not None and goal.target is not None:
            if not _worse(metric.direction, metric.current, goal.target):
                return True
    return False


def _found(before: Organisation, after: Organisation) -> Iterator[tuple[str, str, object, object, Loc]]:
    """(about, change, old, new, where) of every re-baseline from ``before`` to ``after``."""
    old_goals = {g.id: g for g in before.goals}
    new_goals = {g.id: g for g in after.goals}
    for goal_id, old in sorted(old_goals.items()):
        new = new_goals.get(goal_id)
        if new is None or (old.metric or None) != (new.metric or None):
            if not _met(old, (before, after)):
                yield goal_id, "goal-removed", old.statement, None, \
                    new.locs("metric") if new is not None else after.locs("goals")
            continue
        if _later(new.due, old.due):
            yield goal_id, "goal-due", _q(old.due), _q(new.due), new.locs("due")
        metric = after.metric_by_id.get(new.metric or "")
        if _looser(metric.direction if metric is not None else None, new.target, old.target):
            yield goal_id, "goal-target", old.target, new.target, new.locs("target")
    old_metrics: Mapping[str, Metric] = before.metric_by_id
    for metric in sorted(after.metrics, key=lambda m: m.id):
        was = old_metrics.get(metric.id)
        if was is None:
            continue
        if _later(metric.due, was.due):
            yield metric.id, "metric-due", _q(was.due), _q(metric.due), metric.locs("due")
        if _looser(metric.direction, metric.target, was.target):
            yield metric.id, "metric-target", was.target, metric.target, metric.locs("target")
    old_levels = before.assessment_by_factor
    for a in sorted(after.assessment, key=lambda a: a.factor):
        before_a = old_levels.get(a.factor)
        if before_a is not None and before_a.applicable and a.applicable and a.target < before_a.target:
            yield a.factor, "factor-target", before_a.target, a.target, a.locs("target")
    old_end, new_end = before.planning.end, after.planning.end
    if new_end > old_end and after.planning.phases > before.planning.phases:
        yield "planning", "horizon", str(old_end), str(new_end), after.planning.locs("phases")


def _q(period: Quarter | None) -> str | None:
    return str(period) if period is not None else None


def rebaselines(before: Organisation, after: Organisation) -> tuple[Rebaselined, ...]:
    """Every re-baseline from ``before`` to ``after``, each with the approval ``after`` records, by
    (about, change)."""
    approvals: dict[tuple[str, str], Rebaseline] = {(r.about, r.change): r for r in after.rebaselines}
    out = []
    for about, change, old, new, loc in _found(before, after):
        approval = approvals.get((about, change))
        out.append(Rebaselined(period=after.review.period, about=about, change=change, old=old, new=new,
                               approved_by=approval.approved_by if approval is not None else None,
                               reason=approval.reason if approval is not None else "", loc=loc))
    return tuple(sorted(out, key=lambda r: (r.about, r.change)))


def promised(found: tuple[Rebaselined, ...], before: Organisation) -> dict[str, tuple[Quarter | None,
                                                                                    float | None]]:
    """Goal id -> the (due, target) the earlier review promised, for every goal re-baselined since."""
    old_goals = {g.id: g for g in before.goals}
    return {r.about: (old_goals[r.about].due, old_goals[r.about].target)
            for r in found if r.change in ("goal-due", "goal-target") and r.about in old_goals}
