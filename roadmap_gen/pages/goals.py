"""Where do we want to be: goals and the metrics behind them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from roadmap_gen.model import Metric
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import FindingView, ItemView, findings_at
from roadmap_gen.plan.types import GoalPlan, OriginalPromise, Rebaselined

GOAL_CHECKS = ("unmeasurable-goal", "vague-goal", "loose-target", "overambitious-target")
STATUS_CHECKS = ("goal-at-risk", "goal-off-track", "goal-missed")


@dataclass(frozen=True, kw_only=True)
class MetricView:
    id: str
    title: str
    kind: str
    unit: str
    direction: str
    baseline: float | None
    current: float | None
    target: float | None
    due: str
    factor: Ref | None
    progress: float | None  # per cent of the way from baseline to target
    findings: tuple[FindingView, ...] = ()
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class NeedView:
    factor: Ref
    level: int
    now: int
    reached: Ref | None  # the phase by whose end it is reached
    held: bool  # it holds today
    late: bool  # reached after the goal's aim (its lead before due), or not within the plan


@dataclass(frozen=True, kw_only=True)
class PaceView:
    since: str  # the earlier review the pace so far is measured from
    start: float  # the metric's value then
    so_far: float  # per quarter, in the metric's better direction
    needed: float


@dataclass(frozen=True, kw_only=True)
class GoalView:
    id: str
    anchor: str
    statement: str
    metric: MetricView | None
    baseline: float | None
    current: float | None
    target: float | None
    due: str
    owner: str
    measurable: bool  # no goal finding: its verdict is the titles of its findings' checks otherwise
    findings: tuple[FindingView, ...]
    status: str = "no-data"  # on-track | at-risk | off-track | missed | met | no-data: the template words it
    pace: PaceView | None = None
    needs: tuple[NeedView, ...] = ()
    needs_reached: str = ""  # the phase by whose end every need is reached ("" when not within the plan)
    enabling: tuple[ItemView, ...] = ()  # planned (with their phase) and later work that enables it
    values: tuple[tuple[str, float], ...] = ()  # the metric at every review that records it
    risks: tuple[FindingView, ...] = ()  # goal-at-risk, goal-off-track, goal-missed
    causes: tuple[str, ...] = ()  # why it is at risk: margin, late-need
    lead: int = 1  # quarters between its needs being reached and its metric moving
    aim: str = ""  # the quarter its needs should be reached by
    original: OriginalPromise | None = None  # re-baselined at this review: the last review's promise, judged
    rebaselines: tuple[Rebaselined, ...] = ()  # its promises changed at this review


def progress_of(baseline: float | None, current: float | None, target: float | None) -> float | None:
    if baseline is None or current is None or target is None or target == baseline:
        return None
    return round((current - baseline) / (target - baseline) * 100, 0)


def metric_view(ix: SiteIndex, m: Metric) -> MetricView:
    return MetricView(id=m.id, title=m.title, kind=m.kind, unit=m.unit, direction=m.direction, baseline=m.baseline,
                      current=m.current, target=m.target, due=str(m.due) if m.due else "",
                      factor=ix.factor_ref(m.factor) if m.factor else None,
                      progress=progress_of(m.baseline, m.current, m.target),
                      findings=findings_at(ix, m.locs.all(), ("loose-target", "overambitious-target")),
                      description=m.description)


def metric_views(ix: SiteIndex) -> tuple[MetricView, ...]:
    return tuple(metric_view(ix, m) for m in sorted(ix.org.metrics, key=lambda m: m.id))


def _needs(ix: SiteIndex, plan: GoalPlan) -> tuple[NeedView, ...]:
    aim = plan.due.shift(-plan.lead) if plan.due is not None else None
    return tuple(NeedView(factor=ix.factor_ref(n.factor), level=n.level, now=n.now,
                          reached=ix.phase_refs.get(_phase_index(ix, n.reached)) if n.reached else None, held=n.held,
                          late=not n.held and (n.reached is None or (aim is not None and n.reached > aim)))
                 for n in plan.needs)


def _phase_index(ix: SiteIndex, period: object) -> int:
    return next((p.index for p in ix.plan.phases if p.period == period), -1)


def goal_views(ix: SiteIndex, metrics: Mapping[str, MetricView],
               work: Sequence[ItemView] = ()) -> tuple[GoalView, ...]:
    plans = {g.id: g for g in ix.plan.goals}
    goals = []
    for g in ix.org.goals:
        metric = metrics.get(g.metric or "")
        model_metric = ix.org.metric_by_id.get(g.metric or "")
        found = list(findings_at(ix, g.locs.all(), GOAL_CHECKS))
        if metric is not None:
            found.extend(f for f in metric.findings if f not in found)
        target = g.target if g.target is not None else (metric.target if metric else None)
        due = str(g.due) if g.due else (metric.due if metric else "")
        plan = plans.get(g.id)
        pace = plan.pace if plan is not None else None
        goals.append(GoalView(
            id=g.id, anchor=f"goal-{g.id}", statement=g.statement, metric=metric,
            baseline=model_metric.baseline if model_metric else None,
            current=model_metric.current if model_metric else None, target=target, due=due,
            owner=ix.name(g.owner), measurable=not found, findings=tuple(found),
            status=plan.status if plan is not None else "no-data",
            pace=None if pace is None else PaceView(since=str(pace.since), start=pace.start, so_far=pace.so_far,
                                                    needed=pace.needed),
            needs=_needs(ix, plan) if plan is not None else (),
            needs_reached=str(plan.needs_reached) if plan is not None and plan.needs_reached else "",
            enabling=tuple(i for i in work if plan is not None and i.id in plan.enabling),
            values=tuple((str(p), v) for p, v in plan.values) if plan is not None else (),
            risks=findings_at(ix, g.locs.all(), STATUS_CHECKS),
            causes=plan.causes if plan is not None else (), lead=g.lead,
            aim=str(g.due.shift(-g.lead)) if g.due is not None else "",
            original=plan.original if plan is not None else None,
            rebaselines=tuple(r for r in ix.plan.rebaselines if r.about == g.id)))
    return tuple(goals)
