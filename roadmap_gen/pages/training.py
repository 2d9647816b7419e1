"""The training plan: per phase, per role and per person."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.types import TrainingSession


@dataclass(frozen=True, kw_only=True)
class SessionView:
    module: Ref
    format: str
    phase: Ref
    hours: float
    total_hours: float
    people: tuple[str, ...]
    items: tuple[str, ...]  # item titles
    factors: tuple[Ref, ...]
    follow_up_of: tuple[Ref, ...]
    follow_ups: tuple[tuple[str, tuple[Ref, ...]], ...] = ()  # (name, modules it follows up) per person booked so


@dataclass(frozen=True, kw_only=True)
class RoleTrainingView:
    title: str
    people: tuple[str, ...]
    hours: float
    modules: tuple[Ref, ...]


@dataclass(frozen=True, kw_only=True)
class PersonTrainingView:
    name: str
    hours: float
    by_phase: tuple[float, ...]
    modules: tuple[tuple[str, Ref], ...]  # (period, module)
    over_limit: tuple[int, ...] = ()  # phases above the training limit


@dataclass(frozen=True, kw_only=True)
class PhaseTrainingView:
    phase: Ref
    hours: float
    sessions: tuple[SessionView, ...]
    people: int


@dataclass(frozen=True, kw_only=True)
class AudienceGapView:
    module: Ref
    phase: Ref
    audience: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AfterHorizonView:
    module: Ref
    follow_up_of: Ref
    after: str
    people: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TrainingViews:
    sessions_by_phase: dict[int, tuple[SessionView, ...]]
    phases: tuple[PhaseTrainingView, ...]
    roles: tuple[RoleTrainingView, ...]
    people: tuple[PersonTrainingView, ...]
    gaps: tuple[AudienceGapView, ...]
    after: tuple[AfterHorizonView, ...]
    hours: float
    limit: float = 40.0


def session_view(ix: SiteIndex, s: TrainingSession) -> SessionView:
    return SessionView(
        module=ix.module_ref(s.module), format=s.format, phase=ix.phase_refs.get(s.phase, Ref(str(s.period))),
        hours=s.hours, total_hours=s.total_hours, people=tuple(sorted(ix.name(p) for p in s.people)),
        items=tuple(ix.item_titles.get(i, i) for i in s.items), factors=tuple(ix.factor_ref(f) for f in s.factors),
        follow_up_of=tuple(ix.module_ref(m) for m in s.follow_up_of),
        follow_ups=tuple(sorted((ix.name(b.person), tuple(ix.module_ref(m) for m in b.follows))
                                for b in s.bookings if b.follows)))


def training_views(ix: SiteIndex) -> TrainingViews:
    t, plan = ix.plan.training, ix.plan
    by_phase: dict[int, list[SessionView]] = defaultdict(list)
    for session in t.sessions:
        by_phase[session.phase].append(session_view(ix, session))
    sessions = {k: tuple(v) for k, v in by_phase.items()}
    phases = tuple(PhaseTrainingView(phase=ix.phase_refs.get(p.phase, Ref(str(p.period))), hours=p.hours,
                                     sessions=sessions.get(p.phase, ()), people=p.people) for p in t.phases)
    roles = tuple(RoleTrainingView(title=r.title or ix.role_titles.get(r.role, r.role),
                                   people=tuple(sorted(ix.name(p) for p in r.people)), hours=r.hours,
                                   modules=tuple(ix.module_ref(m) for m in r.modules))
                  for r in sorted(t.roles, key=lambda r: (r.title, r.role)))
    people = tuple(PersonTrainingView(name=p.name or ix.name(p.person), hours=p.hours, by_phase=p.by_phase,
                                      modules=tuple((str(plan.phases[i].period) if 0 <= i < len(plan.phases)
                                                     else str(i), ix.module_ref(m)) for i, m in p.modules),
                                      over_limit=p.over_limit)
                   for p in sorted(t.people, key=lambda p: (p.name, p.person)))
    gaps = tuple(AudienceGapView(module=ix.module_ref(g.module), phase=ix.phase_refs.get(g.phase, Ref(str(g.period))),
                                 audience=tuple(ix.role_titles.get(r, r) for r in g.audience),
                                 items=tuple(ix.item_titles.get(i, i) for i in g.items)) for g in t.gaps)
    after = tuple(AfterHorizonView(module=ix.module_ref(a.module), follow_up_of=ix.module_ref(a.follow_up_of),
                                   after=str(a.after), people=tuple(sorted(ix.name(p) for p in a.people)))
                  for a in t.after_horizon)
    return TrainingViews(sessions_by_phase=sessions, phases=phases, roles=roles, people=people, gaps=gaps, after=after,
                         hours=t.hours, limit=t.limit)
