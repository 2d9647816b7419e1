"""Progress since earlier reviews ("Did we get there").

The reviews are the snapshots (oldest first) followed by the current state.
For each factor: its level at each review and its regressions; for each metric:
its ``current`` value at each review; every re-baseline between consecutive reviews. For each snapshot, the plan it published
(its frozen ``roadmap.json``; recomputed with today's catalogue from the
snapshot's organisation when it has none, and marked so) is compared, item by
item of its first phase, with the *next* review's state:

- ``done``: the initiative's status is done (a level reached with no status recorded is not);
- ``dropped``: the status is dropped;
- ``in-progress``: the status is in-progress;
- ``slipped``: still planned, or absent from ``initiatives``.
"""

from __future__ import annotations

from collections.abc import Sequence

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Catalogue, FrozenItem, FrozenPhase, Organisation, Project
from roadmap_gen.plan.rebaselines import rebaselines
from roadmap_gen.plan.schedule import make_schedule
from roadmap_gen.plan.types import (
    FactorHistory,
    History,
    ItemOutcome,
    LevelChange,
    MetricChange,
    MetricHistory,
    PastPlan,
    Regression,
    ReviewComparison,
)


def past_plans(project: Project) -> tuple[PastPlan, ...]:
    """The plan each snapshot published (oldest first): frozen, or recomputed where none was frozen."""
    return tuple(PastPlan(snap.period, snap.plan.phases, recomputed=False) if snap.plan is not None
                 else _recomputed(project.catalogue, snap.period, snap.organisation)
                 for snap in project.snapshots)


def _recomputed(catalogue: Catalogue, period: Quarter, org: Organisation) -> PastPlan:
    schedule = make_schedule(catalogue, org)
    return PastPlan(period, tuple(
        FrozenPhase(period=phase.period, items=tuple(
            FrozenItem(id=i.id, title=i.title, factor=i.factor, raises_to=i.raises_to) for i in phase.items))
        for phase in schedule.phases), recomputed=True)


def level_at(org: Organisation, factor: str) -> int | None:
    """A factor's level in an organisation's assessment; None if not assessed or not applicable."""
    a = org.assessment_by_factor.get(factor)
    return a.level if a is not None and a.applicable else None


def outcome_of(status: str | None, level_after: int, raises_to: int) -> str:
    """Work counts as done only when its status says so: a level reached by other means, or an entry
    never written, is not the plan's work done."""
    if status == "done":
        return "done"
    if status == "dropped":
        return "dropped"
    if status == "in-progress":
        return "in-progress"
    return "slipped"


def compare(before: Organisation, period: Quarter, plan: PastPlan,
            after: Organisation, next_period: Quarter, factors: Sequence[str]) -> ReviewComparison:
    planned = []
    if plan.phases:
        first = plan.phases[0]
        entries = after.initiative_by_id
        for item in first.items:
            entry = entries.get(item.id)
            status = entry.status if entry is not None else None
            level_after = level_at(after, item.factor) or 0
            planned.append(ItemOutcome(id=item.id, title=item.title or item.id, factor=item.factor, raises_to=item.raises_to,
                                       period=first.period, outcome=outcome_of(status, level_after, item.raises_to),
                                       status_after=status, level_after=level_after))
    levels = []
    for factor in factors:
        old, new = level_at(before, factor), level_at(after, factor)
        if old != new:
            levels.append(LevelChange(factor, old, new))
    metric_ids = sorted(set(before.metric_by_id) | set(after.metric_by_id))
    metrics = tuple(MetricChange(m, _current(before, m), _current(after, m)) for m in metric_ids)
    return ReviewComparison(period=period, next_period=next_period, planned=tuple(sorted(planned, key=lambda i: i.id)),
                            levels=tuple(levels), metrics=metrics, recomputed=plan.recomputed)


def _current(org: Organisation, metric: str) -> float | None:
    m = org.metric_by_id.get(metric)
    return m.current if m is not None else None


def build_history(project: Project, plans: Sequence[PastPlan] | None = None) -> History:
    org = project.organisation
    if plans is None:
        plans = past_plans(project)
    states: list[tuple[Quarter, Organisation]] = [(s.period, s.organisation) for s in project.snapshots]
    states.append((org.review.period, org))
    periods = tuple(p for p, _ in states)
    factor_ids = sorted({f.id for f in project.catalogue.factors}
                        | {a.factor for _, o in states for a in o.assessment})

    factors: list[FactorHistory] = []
    regressions: list[Regression] = []
    for factor in factor_ids:
        levels = tuple(level_at(o, factor) for _, o in states)
        falls = tuple(
            Regression(factor, periods[i - 1], periods[i], levels[i - 1], levels[i])  # type: ignore[arg-type]
            for i in range(1, len(levels))
            if levels[i - 1] is not None and levels[i] is not None and levels[i] < levels[i - 1])  # type: ignore[operator]
        factors.append(FactorHistory(factor, levels, falls))
        regressions.extend(falls)

    metrics = []
    for metric in sorted({m.id for _, o in states for m in o.metrics}):
        latest = next(o.metric_by_id[metric] for _, o in reversed(states) if metric in o.metric_by_id)
        metrics.append(MetricHistory(metric=metric, title=latest.title, unit=latest.unit,
                                     direction=latest.direction,
                                     values=tuple(_current(o, metric) for _, o in states)))

    reviews = tuple(
        compare(states[i][1], states[i][0], plans[i], states[i + 1][1], states[i + 1][0], factor_ids)
        for i in range(len(project.snapshots)))
    changed = tuple(r for i in range(1, len(states)) for r in rebaselines(states[i - 1][1], states[i][1]))
    return History(periods=periods, dates=tuple(o.review.date for _, o in states), factors=tuple(factors),
                   metrics=tuple(metrics), reviews=reviews, rebaselines=changed,
                   regressions=tuple(sorted(regressions, key=lambda r: (r.after_period, r.factor))))
