"""Where are we now: a view of every factor (its page, the dimension tables, the catalogue list)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from roadmap_gen.model import Action, Assessment, Evidence, Factor
from roadmap_gen.pages.goals import MetricView
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.phases import LaterView, PhaseItems
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import EvidenceView, FindingView, evidence_view, findings_at
from roadmap_gen.pages.teams import SpreadView

#: What the plan does with a catalogue action (the catalogue page words it).
ActionState = Literal["", "planned", "later", "done", "dropped", "not-assessed", "not-applicable", "reached",
                      "beyond-target"]


@dataclass(frozen=True, kw_only=True)
class LevelRow:
    number: int
    name: str
    text: str
    now: bool
    target: bool
    end: bool


@dataclass(frozen=True, kw_only=True)
class RequirementView:
    level: int
    factor: Ref
    at_least: int
    current: int | None
    met: bool


@dataclass(frozen=True, kw_only=True)
class SuggestedMetric:
    title: str
    kind: str
    unit: str
    direction: str
    used: bool  # the organisation tracks a metric of this id
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class ActionView:
    id: str
    title: str
    raises_to: int
    level_name: str
    effort: float
    owner_role: str
    training: tuple[Ref, ...]
    state: ActionState
    state_period: str  # the phase, when planned
    state_reason: str  # the later reason, when later
    description: str
    cost: float | None = None  # one-off money the catalogue puts on it


@dataclass(frozen=True, kw_only=True)
class FactorView:
    id: str
    ref: Ref
    title: str
    path: str
    dimension_id: str
    dimension: str
    question: str
    summary: str
    weight: int
    priority: str
    assessed: bool
    applicable: bool
    reason: str
    level: int
    target: int
    gap: int
    level_name: str
    target_name: str
    end: int
    end_name: str
    reaches_target: bool
    owner: str
    owner_external: bool
    notes: str
    evidence: tuple[EvidenceView, ...]
    newest_days: int | None  # age of the newest dated evidence; None when none is dated
    levels: tuple[LevelRow, ...]
    warning_signs: tuple[str, ...]
    requires: tuple[RequirementView, ...]
    planned: tuple[PhaseItems, ...]
    later: tuple[LaterView, ...]
    projected: tuple[int, ...]
    metrics: tuple[MetricView, ...]
    suggested: tuple[SuggestedMetric, ...]
    actions: tuple[ActionView, ...]
    history: tuple[tuple[str, int | None], ...]
    findings: tuple[FindingView, ...]
    spread: SpreadView | None
    answers: tuple[int, ...] = ()  # the levels respondents gave when the level was collected


@dataclass(frozen=True, kw_only=True)
class DimensionView:
    id: str
    title: str
    description: str
    factors: tuple[FactorView, ...]
    assessed: int
    average_now: float | None
    average_target: float | None
    gap: int
    at_target: int
    reach_target: int


def _newest_days(evidence: Sequence[Evidence], review_date: date) -> int | None:
    dated = [e.date for e in evidence if e.date is not None]
    return (review_date - max(dated)).days if dated else None


@dataclass(frozen=True, kw_only=True)
class FactorParts:
    """What other families made for one factor's page."""

    planned: tuple[PhaseItems, ...] = ()
    later: tuple[LaterView, ...] = ()
    metrics: tuple[MetricView, ...] = ()
    spread: SpreadView | None = None
    history: tuple[tuple[str, int | None], ...] = ()


def factor_views(ix: SiteIndex, parts: Mapping[str, FactorParts]) -> tuple[FactorView, ...]:
    """Every factor of the catalogue, dimension by dimension."""
    states = _action_states(ix)
    return tuple(factor_view(ix, f, parts.get(f.id, FactorParts()), states) for f in ix.factor_order)


def factor_view(ix: SiteIndex, f: Factor, parts: FactorParts,
                states: Mapping[str, tuple[ActionState, str, str]]) -> FactorView:
    org = ix.org
    a: Assessment | None = org.assessment_by_factor.get(f.id)
    lv = ix.levels.get(f.id)
    level = a.level if a is not None and a.applicable else 0
    target = max(a.target, a.level) if a is not None and a.applicable else level
    end = lv.final if lv is not None else level
    owner = ix.people.get(a.owner) if a is not None and a.owner else None
    review_date = org.review.date
    evidence = tuple(evidence_view(e, review_date) for e in a.evidence) if a is not None else ()
    # newest first, undated last; ties by text
    evidence = tuple(sorted(sorted(evidence, key=lambda e: e.text), key=lambda e: e.date, reverse=True))
    ref = ix.factor_ref(f.id)
    tracked = {m.id for m in org.metrics}
    return FactorView(
        id=f.id, ref=ref, title=f.title, path=ref.path or "", dimension_id=f.dimension,
        dimension=ix.dimension_titles.get(f.dimension, f.dimension), question=f.question,
        summary=f.summary, weight=f.weight, priority=a.priority if a is not None else "normal",
        assessed=a is not None,
        applicable=a is None or a.applicable, reason=a.reason if a is not None else "",
        level=level, target=target, gap=max(0, target - level), level_name=ix.level_name(level),
        target_name=ix.level_name(target), end=end, end_name=ix.level_name(end),
        reaches_target=end >= target, owner=ix.name(a.owner) if a is not None else "",
        owner_external=bool(owner and owner.external), notes=a.notes if a is not None else "",
        answers=a.answers if a is not None else (),
        evidence=evidence, newest_days=_newest_days(a.evidence, review_date) if a is not None else None,
        levels=tuple(LevelRow(number=s.number, name=s.name, text=f.level_text(s.number),
                              now=a is not None and s.number == level,
                              target=a is not None and s.number == target and target != level,
                              end=a is not None and s.number == end and end != level)
                     for s in ix.catalogue.scale),
        warning_signs=f.warning_signs,
        requires=tuple(sorted((_requirement(ix, r.level, r.factor, r.at_least) for r in f.requires),
                              key=lambda r: (r.level, r.factor.title, r.at_least))),
        planned=parts.planned, later=parts.later, projected=lv.projected if lv is not None else (),
        metrics=parts.metrics,
        suggested=tuple(SuggestedMetric(title=m.title, kind=m.kind, unit=m.unit, direction=m.direction,
                                        used=m.id in tracked, description=m.description)
                        for m in f.metrics),
        actions=tuple(_action(ix, act, states) for act in sorted(f.actions, key=lambda x: (x.raises_to, x.id))),
        history=parts.history, findings=findings_at(ix, a.locs.all()) if a is not None else (),
        spread=parts.spread)


def _requirement(ix: SiteIndex, level: int, factor: str, at_least: int) -> RequirementView:
    a = ix.org.assessment_by_factor.get(factor)
    current = a.level if a is not None and a.applicable else None
    return RequirementView(level=level, factor=ix.factor_ref(factor), at_least=at_least, current=current,
                           met=current is not None and current >= at_least)


def _action_states(ix: SiteIndex) -> dict[str, tuple[ActionState, str, str]]:
    """Action id -> (what the plan does with it, the phase, the later reason)."""
    states: dict[str, tuple[ActionState, str, str]] = {}
    for phase in ix.plan.phases:
        for item in phase.items:
            states[item.id] = ("planned", str(phase.period), "")
    for entry in ix.plan.later:
        states.setdefault(entry.item.id, ("later", "", entry.reason))
    for init in ix.org.initiatives:
        if init.status in ("done", "dropped"):
            states.setdefault(init.id, (init.status, "", ""))
    return states


def _action(ix: SiteIndex, act: Action, states: Mapping[str, tuple[ActionState, str, str]]) -> ActionView:
    state, period, reason = states.get(act.id, ("", "", ""))
    if not state:
        a = ix.org.assessment_by_factor.get(act.factor)
        if a is None:
            state = "not-assessed"
        elif not a.applicable:
            state = "not-applicable"
        elif a.level >= act.raises_to:
            state = "reached"
        elif a.target < act.raises_to:
            state = "beyond-target"
    return ActionView(id=act.id, title=act.title, raises_to=act.raises_to, level_name=ix.level_name(act.raises_to),
                      effort=act.effort, owner_role=ix.role_titles.get(act.owner_role or "", act.owner_role or ""),
                      training=tuple(ix.module_ref(m) for m in act.training), state=state, state_period=period,
                      state_reason=reason, description=act.description, cost=act.cost)


def dimension_views(ix: SiteIndex, factors: Sequence[FactorView]) -> tuple[DimensionView, ...]:
    out = []
    for d in ix.catalogue.dimensions:
        members = [f for f in factors if f.dimension_id == d.id]
        rated = [f for f in members if f.assessed and f.applicable]
        out.append(DimensionView(
            id=d.id, title=d.title, description=d.description, factors=tuple(members), assessed=len(rated),
            average_now=round(sum(f.level for f in rated) / len(rated), 2) if rated else None,
            average_target=round(sum(f.target for f in rated) / len(rated), 2) if rated else None,
            gap=sum(f.gap for f in rated), at_target=sum(1 for f in rated if f.gap == 0),
            reach_target=sum(1 for f in rated if f.reaches_target)))
    return tuple(out)
