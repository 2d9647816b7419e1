"""Did we get there: each review's plan against what happened, and levels across reviews."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.types import OUTCOMES, ItemOutcome


@dataclass(frozen=True, kw_only=True)
class OutcomeView:
    title: str
    factor: Ref
    raises_to: int
    outcome: str  # done | in-progress | slipped | dropped: the template words it
    status_after: str


@dataclass(frozen=True, kw_only=True)
class OutcomeCount:
    outcome: str
    count: int


@dataclass(frozen=True, kw_only=True)
class LevelDelta:
    factor: Ref
    before: int | None
    after: int | None
    direction: str  # "up" | "down" | ""


@dataclass(frozen=True, kw_only=True)
class MetricDelta:
    title: str
    unit: str
    before: float | None
    after: float | None
    better: str  # "better" | "worse" | "same" | ""


@dataclass(frozen=True, kw_only=True)
class ComparisonView:
    period: str
    next_period: str
    anchor: str
    planned: tuple[OutcomeView, ...]
    counts: tuple[OutcomeCount, ...]  # one per outcome, in OUTCOMES order
    levels: tuple[LevelDelta, ...]
    metrics: tuple[MetricDelta, ...]
    recomputed: bool  # no plan was frozen at that review: the one shown is recomputed


@dataclass(frozen=True, kw_only=True)
class FactorHistoryRow:
    factor: Ref
    levels: tuple[int | None, ...]
    regressed: bool


@dataclass(frozen=True, kw_only=True)
class MetricTrend:
    """A metric's ``current`` value at every review, for its trend chart."""

    id: str
    title: str
    unit: str
    target: float | None  # today's target
    values: tuple[float | None, ...]  # one per review, oldest first


def metric_trends(ix: SiteIndex) -> tuple[MetricTrend, ...]:
    """Metrics with a value at some review, when there is more than one review."""
    history = ix.plan.history
    if len(history.periods) < 2:
        return ()
    targets = {m.id: m.target for m in ix.org.metrics}
    return tuple(MetricTrend(id=mh.metric, title=mh.title, unit=mh.unit, target=targets.get(mh.metric),
                             values=mh.values)
                 for mh in sorted(history.metrics, key=lambda mh: (mh.title, mh.metric))
                 if any(v is not None for v in mh.values))


def history_by_factor(ix: SiteIndex) -> dict[str, tuple[tuple[str, int | None], ...]]:
    h = ix.plan.history
    periods = [str(p) for p in h.periods]
    return {fh.factor: tuple(zip(periods, fh.levels)) for fh in h.factors} if len(periods) > 1 else {}


def history_rows(ix: SiteIndex) -> tuple[FactorHistoryRow, ...]:
    by_factor = {fh.factor: fh for fh in ix.plan.history.factors}
    rows = []
    for f in ix.factor_order:
        fh = by_factor.get(f.id)
        if fh is None or all(v is None for v in fh.levels):
            continue
        rows.append(FactorHistoryRow(factor=ix.factor_ref(f.id), levels=fh.levels, regressed=bool(fh.regressions)))
    return tuple(rows)


def _better(before: float | None, after: float | None, direction: str) -> str:
    if before is None or after is None:
        return ""
    if after == before:
        return "same"
    return "better" if (after > before) == (direction == "up") else "worse"


def outcome_view(ix: SiteIndex, item: ItemOutcome) -> OutcomeView:
    """A piece of work a review's plan put in its first phase, and what became of it."""
    return OutcomeView(title=item.title, factor=ix.factor_ref(item.factor), raises_to=item.raises_to,
                       outcome=item.outcome, status_after=item.status_after or "")


def comparisons(ix: SiteIndex) -> tuple[ComparisonView, ...]:
    titles: dict[str, tuple[str, str, str]] = {m.id: (m.title, m.unit, m.direction) for m in ix.org.metrics}
    for mh in ix.plan.history.metrics:
        titles.setdefault(mh.metric, (mh.title, mh.unit, mh.direction))
    out = []
    for r in ix.plan.history.reviews:
        planned = tuple(outcome_view(ix, i) for i in sorted(r.planned, key=lambda i: (i.outcome, i.title, i.id)))
        counts = tuple(OutcomeCount(outcome=o, count=r.count(o)) for o in OUTCOMES)
        levels = tuple(LevelDelta(factor=ix.factor_ref(c.factor), before=c.before, after=c.after,
                                  direction="" if c.before is None or c.after is None
                                  else ("up" if c.after > c.before else "down"))
                       for c in sorted(r.levels, key=lambda c: (ix.factor_ref(c.factor).title, c.factor)))
        metrics = []
        for c in r.metrics:
            title, unit, direction = titles.get(c.metric, (c.metric, "", "up"))
            metrics.append(MetricDelta(title=title, unit=unit, before=c.before, after=c.after,
                                       better=_better(c.before, c.after, direction)))
        out.append(ComparisonView(period=str(r.period), next_period=str(r.next_period),
                                  anchor=f"review-{str(r.period).lower()}", planned=planned, counts=counts,
                                  levels=levels, metrics=tuple(sorted(metrics, key=lambda m: m.title)),
                                  recomputed=r.recomputed))
    return tuple(out)
