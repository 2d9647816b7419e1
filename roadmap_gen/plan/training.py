"""The training plan that goes with the planned work.

- Each planned item's training modules are booked in the phase of the work.
- Who: the people holding any role of the module's audience. When nobody holds
  one, the need is recorded as an :class:`AudienceGap`.
- Nobody is booked twice for the same module: the first phase wins, so a later
  session lists only people not trained yet (and is left out when none remain).
- A module's ``follow_up`` is booked in the phase after, for the same people; a
  follow-up falling after the last phase is listed in ``after_horizon``. Follow-ups
  of follow-ups chain the same way; the no-double-booking rule ends any cycle.
"""

from __future__ import annotations

from typing import Sequence

from roadmap_gen.model import Catalogue, Organisation
from roadmap_gen.plan.owners import RoleIndex
from roadmap_gen.plan.types import (
    AfterHorizon,
    AudienceGap,
    PersonTraining,
    PhaseTraining,
    PhaseWork,
    RoleTraining,
    TrainingPlan,
    TrainingSession,
)


class _Demand:
    __slots__ = ("items", "factors", "follow_up_of", "people")

    def __init__(self) -> None:
        self.items: set[str] = set()
        self.factors: set[str] = set()
        self.follow_up_of: set[str] = set()
        self.people: set[str] = set()


def training_plan(phases: Sequence[PhaseWork], catalogue: Catalogue, org: Organisation,
                  roles: RoleIndex) -> TrainingPlan:
    modules = catalogue.module_by_id
    count = len(phases)
    booked: dict[str, set[str]] = {}
    carry: list[tuple[str, str, frozenset[str], frozenset[str]]] = []
    sessions: list[TrainingSession] = []
    gaps: list[AudienceGap] = []
    after: list[AfterHorizon] = []

    for phase in phases:
        demand: dict[str, _Demand] = {}
        for item in phase.items:
            for module_id in item.training:
                module = modules.get(module_id)
                if module is None:
                    continue
                need = demand.setdefault(module_id, _Demand())
                need.items.add(item.id)
                need.factors.add(item.factor)
                need.people.update(roles.holder_ids(module.audience))
        for module_id, of, people, factors in carry:
            need = demand.setdefault(module_id, _Demand())
            need.follow_up_of.add(of)
            need.people.update(people)
            need.factors.update(factors)
        carry = []
        for module_id in sorted(demand):
            need, module = demand[module_id], modules[module_id]
            if need.items and not roles.holder_ids(module.audience):
                gaps.append(AudienceGap(module=module_id, phase=phase.index, period=phase.period,
                                        audience=tuple(module.audience), items=tuple(sorted(need.items))))
            already = booked.setdefault(module_id, set())
            booked_now = tuple(sorted(need.people - already))
            if not booked_now:
                continue
            already.update(booked_now)
            hours = float(module.hours)
            sessions.append(TrainingSession(
                module=module_id, title=module.title, format=module.format, phase=phase.index,
                period=phase.period, people=booked_now, hours=hours, total_hours=round(hours * len(booked_now), 9),
                items=tuple(sorted(need.items)), factors=tuple(sorted(need.factors)),
                follow_up_of=tuple(sorted(need.follow_up_of)),
            ))
            follow = module.follow_up
            if follow and follow in modules:
                if phase.index + 1 < count:
                    carry.append((follow, module_id, frozenset(booked_now), frozenset(need.factors)))
                else:
                    after.append(AfterHorizon(module=follow, follow_up_of=module_id, after=phase.period,
                                              people=booked_now))

    names = org.person_by_id
    per_person: dict[str, list[float]] = {}
    person_modules: dict[str, list[tuple[int, str]]] = {}
    per_role: dict[str, tuple[set[str], list[float], set[str]]] = {}
    for session in sessions:
        module = modules[session.module]
        for person in session.people:
            per_person.setdefault(person, [0.0] * count)[session.phase] += session.hours
            person_modules.setdefault(person, []).append((session.phase, session.module))
            held = names[person].roles if person in names else ()
            for role in module.audience:
                if role in held:
                    entry = per_role.setdefault(role, (set(), [0.0], set()))
                    entry[0].add(person)
                    entry[1][0] += session.hours
                    entry[2].add(session.module)
    people_out = tuple(
        PersonTraining(person=p, name=names[p].name if p in names else p,
                       hours=round(sum(hours), 9), by_phase=tuple(round(h, 9) for h in hours),
                       modules=tuple(sorted(person_modules[p])))
        for p, hours in sorted(per_person.items()))
    phases_out = tuple(
        PhaseTraining(phase=ph.index, period=ph.period,
                      hours=round(sum(s.total_hours for s in sessions if s.phase == ph.index), 9),
                      sessions=sum(1 for s in sessions if s.phase == ph.index),
                      people=len({p for s in sessions if s.phase == ph.index for p in s.people}))
        for ph in phases)
    role_titles = catalogue.role_by_id
    roles_out = tuple(
        RoleTraining(role=r, title=role_titles[r].title if r in role_titles else r, people=tuple(sorted(v[0])),
                     hours=round(v[1][0], 9), modules=tuple(sorted(v[2])))
        for r, v in sorted(per_role.items()))
    return TrainingPlan(sessions=tuple(sorted(sessions, key=lambda s: (s.phase, s.module))),
                        people=people_out, phases=phases_out, roles=roles_out,
                        gaps=tuple(sorted(gaps, key=lambda g: (g.phase, g.module))),
                        after_horizon=tuple(sorted(after, key=lambda a: (a.module, a.follow_up_of))))
