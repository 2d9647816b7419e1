"""The charts each page shows, made from the page families' views (:mod:`roadmap_gen.charts` draws them).

Links inside a chart are raw HTML that MkDocs does not rewrite, so they are
built URLs relative to the page that shows the chart (:func:`paths.built_url`).
"""

from __future__ import annotations

from collections.abc import Sequence

from roadmap_gen import charts
from roadmap_gen.charts import Chart, TimelineRow
from roadmap_gen.core.numbers import fmt
from roadmap_gen.core.periods import Quarter
from roadmap_gen.pages import paths
from roadmap_gen.pages.factors import DimensionView, FactorView
from roadmap_gen.pages.goals import GoalView
from roadmap_gen.pages.phases import PhaseView
from roadmap_gen.pages.progress import FactorHistoryRow, MetricTrend
from roadmap_gen.pages.teams import HEATMAP_MAX_ROWS, TeamRow, TeamsData


def _rated(factors: Sequence[FactorView]) -> list[FactorView]:
    return [f for f in factors if f.assessed and f.applicable]


def maturity_radar(all_factors: Sequence[FactorView], end_period: str, max_level: int) -> Chart | None:
    """Now, target and end of plan (*end_period*, "" when no phase is planned) for every rated factor:
    one radar, or one per dimension past 16 factors.

    ``None`` only when no factor is rated yet (the home page then says so instead).
    """
    factors = _rated(all_factors)
    if not factors:
        return None
    series: list[tuple[str, Sequence[float]]] = [
        ("Now", [float(f.level) for f in factors]),
        ("Target", [float(f.target) for f in factors]),
    ]
    if end_period:
        series.append((f"End of plan ({end_period})", [float(f.end) for f in factors]))
    return charts.grouped_radar("maturity", "Maturity now, at target and at the end of the plan",
                                [f.title for f in factors], [f.dimension for f in factors], series,
                                max(max_level, 1))


def levels_heatmap(all_factors: Sequence[FactorView], periods: Sequence[str], max_level: int,
                   page: str) -> Chart | None:
    factors = _rated(all_factors)
    if not factors:
        return None
    cols = ["Now", "Target", *(f"After {p}" for p in periods)]
    known: list[list[int | None]] = [[f.level, f.target, *f.projected[: len(periods)]] for f in factors]
    values = [row + [None] * (len(cols) - len(row)) for row in known]
    return charts.heatmap(
        "levels", "Levels by factor: now, target and after each phase", [f.title for f in factors], cols, values,
        max(max_level, 1), [paths.built_url(page, f.path) for f in factors],
        row_title="Factor", row_plural="factors", col_plural="columns")


def level_history(history: Sequence[FactorHistoryRow], periods: Sequence[str], max_level: int,
                  page: str) -> Chart | None:
    """Each factor's level at every review, oldest first: the level trend across reviews."""
    rows = [r for r in history if any(v is not None for v in r.levels)]
    if len(periods) < 2 or not rows:
        return None
    return charts.heatmap(
        "level-history", "Levels by factor at each review", [r.factor.title for r in rows],
        list(periods), [list(r.levels) for r in rows], max(max_level, 1),
        [paths.built_url(page, r.factor.path or "") for r in rows],
        row_title="Factor", row_plural="factors", col_plural="reviews")


def timeline(factors: Sequence[FactorView], phases: Sequence[PhaseView]) -> Chart | None:
    if not phases:
        return None
    order = {f.id: i for i, f in enumerate(factors)}
    entries = sorted(((order.get(item.factor_id, len(order)), item.factor_id, phase.index, item.id, item, phase.index)
                      for phase in phases for item in phase.items), key=lambda e: e[:4])
    rows = [TimelineRow(item.title, index, item.owner or "no owner", item.factor.title)
            for *_, item, index in entries]
    return charts.timeline("timeline", "Planned work by phase, grouped by factor",
                           [p.period for p in phases], rows, group_title="Factor", group_plural="factors")


def balance(dimensions: Sequence[DimensionView], phases: Sequence[PhaseView]) -> Chart | None:
    if not phases:
        return None
    dims = [d.title for d in dimensions]
    efforts = []
    for p in phases:
        by_dim = dict(p.effort_by_dimension)
        efforts.append([float(by_dim.get(d, 0.0)) for d in dims])
    return charts.balance("balance", "Effort by dimension against capacity", [p.period for p in phases],
                          dims, efforts, [p.capacity for p in phases], unit="points")


def metric_trends(history_periods: Sequence[str], trends: Sequence[MetricTrend]) -> tuple[Chart, ...]:
    """One trend chart per metric with values at the reviews, against today's target."""
    periods = list(history_periods)
    out = []
    for t in trends:
        series: list[tuple[str, Sequence[float | None]]] = [("Value", list(t.values))]
        if t.target is not None:
            series.append(("Target", [float(t.target)] * len(periods)))
        y_max = 100.0 if t.unit.strip() == "%" else None
        out.append(charts.trend(f"trend-{t.id}", t.title, periods, series, t.unit or "value", y_max))
    return tuple(out)


def teams_heatmap(teams: TeamsData, rows: Sequence[TeamRow], page: str, chart_id: str, title: str,
                  max_level: int) -> Chart | None:
    if not rows or len(rows) > HEATMAP_MAX_ROWS or not teams.column_ids:
        return None
    values = [[teams.levels.get(r.id, {}).get(f) for f in teams.column_ids] for r in rows]
    names, factors, top = [r.ref.title for r in rows], [c.title for c in teams.columns], max(max_level, 1)
    team_links = [paths.built_url(page, r.ref.path or "") for r in rows]
    if len(rows) < len(factors) and not charts.fits_page(names, factors, values, top):
        # Few teams and many factors: a factor a row, so the chart keeps its size instead of
        # being scaled down to the page until its numbers cannot be read.
        by_factor = [[row[c] for row in values] for c in range(len(factors))]
        return charts.heatmap(chart_id, title, factors, names, by_factor, top,
                              [paths.built_url(page, c.path or "") for c in teams.columns], col_links=team_links,
                              row_title="Factor", row_plural="factors", col_plural="teams")
    return charts.heatmap(chart_id, title, names, factors, values, top, team_links,
                          row_title="Team", row_plural="teams", col_plural="factors")


def goal_pace(goal: GoalView) -> Chart | None:
    """A goal's metric at each review, and the straight line from now to its target by its due quarter."""
    if not goal.values or goal.target is None or not goal.due or goal.current is None:
        return None
    first, now = Quarter.parse(goal.values[0][0]), Quarter.parse(goal.values[-1][0])
    due = Quarter.parse(goal.due)
    if first is None or now is None or due is None:
        return None
    end = max(due, now)
    periods = [first.shift(i) for i in range(end - first + 1)]
    known = dict(goal.values)
    values: list[float | None] = [known.get(str(p)) for p in periods]
    steps = max(1, due - now)
    needed: list[float | None] = [
        goal.current + (goal.target - goal.current) * (p - now) / steps if now <= p <= due else None for p in periods]
    series: list[tuple[str, Sequence[float | None]]] = [("Value", values), ("Pace needed", needed)]
    unit = goal.metric.unit if goal.metric is not None else ""
    y_max = 100.0 if unit.strip() == "%" else None
    return charts.trend(f"goal-{goal.id}", f"{goal.metric.title if goal.metric else goal.id}: so far, and the pace "
                        f"needed to reach {fmt(goal.target)} by {goal.due}", [str(p) for p in periods], series,
                        unit or "value", y_max, period_title="Quarter")
