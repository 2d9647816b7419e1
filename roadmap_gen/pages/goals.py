"""Where do we want to be: goals and the metrics behind them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from roadmap_gen.model import Metric
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import FindingView, findings_at

GOAL_CHECKS = ("unmeasurable-goal", "vague-goal", "loose-target", "overambitious-target")


@dataclass(frozen=True)
class MetricView:
    id: str
    title: str
    kind: str
    unit: str
    direction: str
    baseline: Optional[float]
    current: Optional[float]
    target: Optional[float]
    due: str
    factor: Optional[Ref]
    progress: Optional[float]  # per cent of the way from baseline to target
    findings: tuple[FindingView, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class GoalView:
    id: str
    anchor: str
    statement: str
    metric: Optional[MetricView]
    baseline: Optional[float]
    current: Optional[float]
    target: Optional[float]
    due: str
    owner: str
    measurable: bool  # no goal finding: its verdict is the titles of its findings' checks otherwise
    findings: tuple[FindingView, ...]


def progress_of(baseline: Optional[float], current: Optional[float], target: Optional[float]) -> Optional[float]:
    if baseline is None or current is None or target is None or target == baseline:
        return None
    return round((current - baseline) / (target - baseline) * 100, 0)


def metric_view(ix: SiteIndex, m: Metric) -> MetricView:
    return MetricView(m.id, m.title, m.kind, m.unit, m.direction, m.baseline, m.current, m.target,
                      str(m.due) if m.due else "", ix.factor_ref(m.factor) if m.factor else None,
                      progress_of(m.baseline, m.current, m.target),
                      findings_at(ix, m.locs.all(), ("loose-target", "overambitious-target")), m.description)


def metric_views(ix: SiteIndex) -> tuple[MetricView, ...]:
    return tuple(metric_view(ix, m) for m in sorted(ix.org.metrics, key=lambda m: m.id))


def goal_views(ix: SiteIndex, metrics: Mapping[str, MetricView]) -> tuple[GoalView, ...]:
    goals = []
    for g in ix.org.goals:
        metric = metrics.get(g.metric or "")
        model_metric = ix.org.metric_by_id.get(g.metric or "")
        found = list(findings_at(ix, g.locs.all(), GOAL_CHECKS))
        if metric is not None:
            found.extend(f for f in metric.findings if f not in found)
        target = g.target if g.target is not None else (metric.target if metric else None)
        due = str(g.due) if g.due else (metric.due if metric else "")
        goals.append(GoalView(
            id=g.id, anchor=f"goal-{g.id}", statement=g.statement, metric=metric,
            baseline=model_metric.baseline if model_metric else None,
            current=model_metric.current if model_metric else None, target=target, due=due,
            owner=ix.name(g.owner), measurable=not found, findings=tuple(found)))
    return tuple(goals)
