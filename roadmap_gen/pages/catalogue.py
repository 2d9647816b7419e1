"""The catalogue pages: the scale, roles and training modules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref


@dataclass(frozen=True, kw_only=True)
class ScaleRow:
    number: int
    name: str
    summary: str


@dataclass(frozen=True, kw_only=True)
class RoleView:
    id: str
    title: str
    description: str
    people: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ModuleView:
    id: str
    anchor: str
    title: str
    format: str
    hours: float
    audience: tuple[str, ...]
    follow_up: Ref | None
    description: str
    planned: tuple[Ref, ...]  # phases with a session
    cost: float | None = None  # the fee per person booked


@dataclass(frozen=True, kw_only=True)
class RetiredView:
    id: str
    since: str
    reason: str
    replaced_by: str | None


def scale(ix: SiteIndex) -> tuple[ScaleRow, ...]:
    return tuple(ScaleRow(number=s.number, name=s.name, summary=s.summary) for s in ix.catalogue.scale)


def roles(ix: SiteIndex) -> tuple[RoleView, ...]:
    holders: dict[str, list[str]] = defaultdict(list)
    for p in ix.org.people:
        for r in p.roles:
            holders[r].append(p.name)
    return tuple(RoleView(id=r.id, title=r.title, description=r.description,
                          people=tuple(sorted(holders.get(r.id, ()))))
                 for r in ix.catalogue.roles)


def modules(ix: SiteIndex) -> tuple[ModuleView, ...]:
    planned: dict[str, list[Ref]] = defaultdict(list)
    for s in ix.plan.training.sessions:
        ref = ix.phase_refs.get(s.phase)
        if ref is not None and ref not in planned[s.module]:
            planned[s.module].append(ref)
    return tuple(ModuleView(id=m.id, anchor=f"module-{m.id}", title=m.title, format=m.format, hours=m.hours,
                            audience=tuple(ix.role_titles.get(r, r) for r in m.audience),
                            follow_up=ix.module_ref(m.follow_up) if m.follow_up else None, description=m.description,
                            planned=tuple(planned.get(m.id, ())), cost=m.cost)
                 for m in ix.catalogue.training)


def retired(ix: SiteIndex) -> tuple[RetiredView, ...]:
    return tuple(RetiredView(id=r.id, since=r.since, reason=r.reason, replaced_by=r.replaced_by)
                 for r in sorted(ix.catalogue.retired, key=lambda r: r.id))
