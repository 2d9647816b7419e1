"""How do we get there: the phases, their work, scope and levels, and the work left for later."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from roadmap_gen.model import ScopeItem
from roadmap_gen.pages import paths
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import ItemView, item_view
from roadmap_gen.pages.training import SessionView
from roadmap_gen.plan.types import LATER_REASONS, Cost, ScopeRef


@dataclass(frozen=True, kw_only=True)
class LaterView:
    item: ItemView
    reason: str  # one of plan.types.LATER_REASONS; the templates word it
    detail: str


@dataclass(frozen=True, kw_only=True)
class LaterGroup:
    reason: str
    items: tuple[LaterView, ...]


@dataclass(frozen=True, kw_only=True)
class PhaseItems:
    phase: Ref
    items: tuple[ItemView, ...]


@dataclass(frozen=True, kw_only=True)
class ScopeEntry:
    kind: str  # "Practice" | "Configuration item"
    label: str
    start: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class LevelChangeRow:
    factor: Ref
    before: int
    after: int
    target: int
    changed: bool


@dataclass(frozen=True, kw_only=True)
class OwnerLoadView:
    name: str
    external: bool
    items: tuple[str, ...]  # item titles
    count: int
    effort: float
    over_limit: bool


@dataclass(frozen=True, kw_only=True)
class PhaseView:
    index: int
    number: int
    period: str
    ref: Ref
    path: str
    capacity: float
    effort: float
    free: float
    over: bool
    effort_by_dimension: tuple[tuple[str, float], ...]
    items: tuple[ItemView, ...]
    practices: tuple[str, ...]
    configuration_items: tuple[str, ...]
    entering: tuple[ScopeEntry, ...]
    levels: tuple[LevelChangeRow, ...]
    reached: tuple[LevelChangeRow, ...]
    owners: tuple[OwnerLoadView, ...]
    training: tuple[SessionView, ...]
    training_hours: float
    cost: Cost = Cost()
    funded: bool = True  # within planning.funded_until


@dataclass(frozen=True, kw_only=True)
class Work:
    """Every planned and later item as views, and both grouped by factor, made once."""

    by_phase: tuple[tuple[ItemView, ...], ...]
    later: tuple[LaterView, ...]
    planned_by_factor: Mapping[str, tuple[PhaseItems, ...]]
    later_by_factor: Mapping[str, tuple[LaterView, ...]]

    def items_of(self, factor: str) -> tuple[ItemView, ...]:
        """Every planned item of a factor, phase by phase."""
        return tuple(i for group in self.planned_by_factor.get(factor, ()) for i in group.items)


def work_views(ix: SiteIndex) -> Work:
    plan = ix.plan
    by_phase = tuple(tuple(item_view(ix, i, p.index) for i in p.items) for p in plan.phases)
    planned: dict[str, list[PhaseItems]] = defaultdict(list)
    for phase, views in zip(plan.phases, by_phase):
        grouped: dict[str, list[ItemView]] = defaultdict(list)
        for view in views:
            grouped[view.factor_id].append(view)
        for factor, members in grouped.items():
            planned[factor].append(PhaseItems(phase=ix.phase_refs[phase.index], items=tuple(members)))
    later = tuple(LaterView(item=item_view(ix, e.item, None), reason=e.reason, detail=e.detail) for e in plan.later)
    later_by_factor: dict[str, list[LaterView]] = defaultdict(list)
    for entry in later:
        later_by_factor[entry.item.factor_id].append(entry)
    return Work(by_phase=by_phase, later=later, planned_by_factor={k: tuple(v) for k, v in planned.items()},
                later_by_factor={k: tuple(v) for k, v in later_by_factor.items()})


def later_groups(ix: SiteIndex, later: Sequence[LaterView]) -> tuple[LaterGroup, ...]:
    """Later work grouped by reason (in LATER_REASONS order), factors in the site's order within."""
    order = {f.id: i for i, f in enumerate(ix.factor_order)}
    groups = []
    for reason in list(LATER_REASONS) + sorted({v.reason for v in later} - set(LATER_REASONS)):
        members = sorted((v for v in later if v.reason == reason),
                         key=lambda v: (order.get(v.item.factor_id, len(order)), v.item.factor_id,
                                        v.item.raises_to, v.item.id))
        if members:
            groups.append(LaterGroup(reason=reason, items=tuple(members)))
    return tuple(groups)


def scope_entry(s: ScopeRef | ScopeItem) -> ScopeEntry:
    kind = "Practice" if s.kind == "practices" else "Configuration item"
    return ScopeEntry(kind=kind, label=paths.label_of(s.id), start=str(s.start) if s.start else "", reason=s.reason)


def scope_now(ix: SiteIndex) -> tuple[ScopeEntry, ...]:
    return tuple(scope_entry(s) for s in sorted(ix.org.scope, key=lambda s: (s.kind != "practices", s.id))
                 if s.status == "in")


def _level_rows(ix: SiteIndex, index: int) -> tuple[LevelChangeRow, ...]:
    rows = []
    for f in ix.factor_order:
        lv = ix.levels.get(f.id)
        if lv is None or not (lv.assessed and lv.applicable) or index >= len(lv.projected):
            continue
        before = lv.projected[index - 1] if index > 0 else lv.now
        after = lv.projected[index]
        rows.append(LevelChangeRow(factor=ix.factor_ref(f.id), before=before, after=after,
                                   target=max(lv.target, lv.now), changed=after > before))
    return tuple(rows)


def phase_views(ix: SiteIndex, work: Work,
                sessions: Mapping[int, tuple[SessionView, ...]]) -> tuple[PhaseView, ...]:
    out = []
    for p in ix.plan.phases:
        rows = _level_rows(ix, p.index)
        owners = tuple(
            OwnerLoadView(name=o.name or ix.name(o.person), external=o.external,
                          items=tuple(ix.item_titles.get(i, i) for i in o.items), count=o.count, effort=o.effort,
                          over_limit=o.over_limit)
            for o in sorted((o for o in ix.plan.owners if o.phase == p.index), key=lambda o: (o.name, o.person)))
        ref = ix.phase_refs[p.index]
        out.append(PhaseView(
            index=p.index, number=p.index + 1, period=str(p.period), ref=ref, path=ref.path or "",
            capacity=p.capacity, effort=p.effort, free=p.free, over=p.effort > p.capacity + 1e-9,
            effort_by_dimension=tuple((ix.dimension_titles.get(d, d), e) for d, e in p.effort_by_dimension),
            items=work.by_phase[p.index], practices=tuple(paths.label_of(s) for s in p.scope.practices),
            configuration_items=tuple(paths.label_of(s) for s in p.scope.configuration_items),
            entering=tuple(scope_entry(s) for s in p.scope.entering), levels=rows,
            reached=tuple(r for r in rows if r.changed), owners=owners,
            training=sessions.get(p.index, ()), training_hours=p.training_hours, cost=p.cost, funded=p.funded))
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class DependencyView:
    id: str
    title: str
    description: str
    expected: str
    status: str  # expected | done | late
    owner: str
    lands: str  # the quarter after which its work may start ("" when done)
    slipped: bool
    work: tuple[ItemView, ...]  # the work that waits for it, planned (with its phase) or later


def dependency_views(ix: SiteIndex, work: Work) -> tuple[DependencyView, ...]:
    views = {i.id: i for phase in work.by_phase for i in phase}
    views.update({v.item.id: v.item for v in work.later})
    described = {d.id: d.description for d in ix.org.dependencies}
    return tuple(DependencyView(id=d.id, title=d.title, description=described.get(d.id, ""), expected=str(d.expected),
                                status=d.status, owner=ix.name(d.owner), lands=str(d.lands or ""), slipped=d.slipped,
                                work=tuple(views[i] for i in d.items if i in views))
                 for d in ix.plan.dependencies)
