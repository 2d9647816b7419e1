"""The training plan that goes with the planned work.

- A module a planned item needs is booked, in the item's phase, for the people who do that work
  (its accountable owner and its ``responsible`` people) who hold a role of the module's audience:
  once each per phase, never for someone whose ``trained`` lists it, never again for someone
  booked on it in an earlier phase, and never in a phase that starts after the person's ``until``.
- When none of the people doing the work may attend (nobody of them is in the audience), the need
  is recorded as an :class:`AudienceGap`.
- A module's ``follow_up`` is booked only for people booked on, or trained in, the module it
  follows (and in the follow-up's audience and still available): in the next phase for those
  booked on it; in the phase of the work that needs the module for those whose ``trained`` lists
  it. A follow-up falling after the last phase is listed in ``after_horizon``. Follow-ups of
  follow-ups chain the same way; a chain never books the same module twice for a person.
- Each session says, per person, why they are booked (:class:`Booking`): the items they do that
  need the module, or the modules whose follow-up it is for them.
- A person's hours are summed per phase; a phase above ``planning.training_limit`` hours for one
  person is flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Catalogue, Organisation, Person, TrainingModule
from roadmap_gen.plan.owners import available
from roadmap_gen.plan.types import (
    AfterHorizon,
    AudienceGap,
    Booking,
    Item,
    PersonTraining,
    PhaseTraining,
    PhaseWork,
    RoleTraining,
    TrainingPlan,
    TrainingSession,
)


@dataclass
class _Demand:
    """Who needs one module in one phase, and why."""

    items: set[str] = field(default_factory=set)
    factors: set[str] = field(default_factory=set)
    follow_up_of: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    work: set[str] = field(default_factory=set)  # booked for the work itself, not as a follow-up
    items_of: dict[str, set[str]] = field(default_factory=dict)  # person -> the items they do that need it
    follows_of: dict[str, set[str]] = field(default_factory=dict)  # person -> the modules it follows up for them

    def follow(self, person: str, of: str, factors: Iterable[str], chain: frozenset[str]) -> None:
        """Book *person* on this module as the follow-up of *of*."""
        self.follow_up_of.add(of)
        self.factors.update(factors)
        self.people.add(person)
        self.follows_of.setdefault(person, set()).add(of)
        self.chains[person] = self.chains.get(person, frozenset()) | chain
    chains: dict[str, frozenset[str]] = field(default_factory=dict)  # person -> modules earlier in their chain


@dataclass(frozen=True)
class _FollowUp:
    module: str
    of: str
    people: tuple[str, ...]
    factors: frozenset[str]
    chains: Mapping[str, frozenset[str]]


def _may_attend(person: Person | None, module: TrainingModule, period: Quarter) -> bool:
    return (person is not None and any(role in person.roles for role in module.audience)
            and available(person, period))


def _doers(item: Item) -> tuple[str, ...]:
    """Who does a piece of work: its accountable owner and its responsible people."""
    return tuple(sorted({*((item.owner,) if item.owner else ()), *item.responsible}))


def _work_demand(phase: PhaseWork, modules: Mapping[str, TrainingModule], people: Mapping[str, Person],
                 trained: Mapping[str, set[str]], booked: Mapping[str, set[str]],
                 gaps: list[AudienceGap]) -> dict[str, _Demand]:
    demand: dict[str, _Demand] = {}
    unattended: dict[str, list[str]] = {}
    for item in phase.items:
        doers = _doers(item)
        for module_id in item.training:
            module = modules.get(module_id)
            if module is None:
                continue
            need = demand.setdefault(module_id, _Demand())
            need.items.add(item.id)
            need.factors.add(item.factor)
            attending = [p for p in doers if _may_attend(people.get(p), module, phase.period)]
            if not attending:
                unattended.setdefault(module_id, []).append(item.id)
            for person in attending:
                if module_id in trained.get(person, set()):
                    _follow_trained(demand, module, person, item, phase, modules, people, trained, booked)
                elif person not in booked.get(module_id, set()):
                    need.people.add(person)
                    need.work.add(person)
                    need.items_of.setdefault(person, set()).add(item.id)
                    need.chains[person] = frozenset({module_id})
    for module_id, items in sorted(unattended.items()):
        gaps.append(AudienceGap(module=module_id, phase=phase.index, period=phase.period,
                                audience=tuple(modules[module_id].audience), items=tuple(sorted(items))))
    return demand


def _follow_trained(demand: dict[str, _Demand], module: TrainingModule, person: str, item: Item, phase: PhaseWork,
                    modules: Mapping[str, TrainingModule], people: Mapping[str, Person],
                    trained: Mapping[str, set[str]], booked: Mapping[str, set[str]]) -> None:
    """Someone already trained in a module who does work needing it gets the module's follow-up in
    the work's phase (never twice, never one they are trained in)."""
    follow = modules.get(module.follow_up or "")
    if (follow is None or follow.id in trained.get(person, set()) or person in booked.get(follow.id, set())
            or not _may_attend(people.get(person), follow, phase.period)):
        return
    need = demand.setdefault(follow.id, _Demand())
    need.follow(person, module.id, (item.factor,), frozenset({module.id, follow.id}))
    need.work.add(person)  # booked once: a later piece of work does not book it again


def _add_follow_ups(demand: dict[str, _Demand], carried: Sequence[_FollowUp], phase: PhaseWork,
                    modules: Mapping[str, TrainingModule], people: Mapping[str, Person],
                    trained: Mapping[str, set[str]]) -> None:
    for follow in carried:
        module = modules[follow.module]
        for person in follow.people:
            chain = follow.chains.get(person, frozenset())
            if (follow.module in chain or follow.module in trained.get(person, set())
                    or not _may_attend(people.get(person), module, phase.period)):
                continue
            demand.setdefault(follow.module, _Demand()).follow(person, follow.of, follow.factors,
                                                               chain | {follow.module})


def _sessions_of(phase: PhaseWork, demand: Mapping[str, _Demand], modules: Mapping[str, TrainingModule],
                 booked: dict[str, set[str]], *, last: bool, after: list[AfterHorizon]
                 ) -> tuple[list[TrainingSession], list[_FollowUp]]:
    sessions: list[TrainingSession] = []
    carry: list[_FollowUp] = []
    for module_id in sorted(demand):
        need, module = demand[module_id], modules[module_id]
        attendees = tuple(sorted(need.people))
        if not attendees:
            continue
        booked.setdefault(module_id, set()).update(need.work)
        hours = float(module.hours)
        sessions.append(TrainingSession(
            module=module_id, title=module.title, format=module.format, phase=phase.index, period=phase.period,
            people=attendees, hours=hours, total_hours=round(hours * len(attendees), 9),
            items=tuple(sorted(need.items)), factors=tuple(sorted(need.factors)),
            follow_up_of=tuple(sorted(need.follow_up_of)),
            bookings=tuple(Booking(p, tuple(sorted(need.items_of.get(p, ()))), tuple(sorted(need.follows_of.get(p, ()))))
                           for p in attendees)))
        follow = module.follow_up
        if follow and follow in modules:
            if last:
                after.append(AfterHorizon(module=follow, follow_up_of=module_id, after=phase.period, people=attendees))
            else:
                carry.append(_FollowUp(follow, module_id, attendees, frozenset(need.factors),
                                       {p: need.chains[p] for p in attendees}))
    return sessions, carry


def training_plan(phases: Sequence[PhaseWork], catalogue: Catalogue, org: Organisation) -> TrainingPlan:
    modules = catalogue.module_by_id
    people = org.person_by_id
    trained = {p.id: {r.module for r in p.trained} for p in org.people}
    booked: dict[str, set[str]] = {}
    carried: list[_FollowUp] = []
    sessions: list[TrainingSession] = []
    gaps: list[AudienceGap] = []
    after: list[AfterHorizon] = []
    for phase in phases:
        demand = _work_demand(phase, modules, people, trained, booked, gaps)
        _add_follow_ups(demand, carried, phase, modules, people, trained)
        made, carried = _sessions_of(phase, demand, modules, booked, last=phase.index + 1 >= len(phases), after=after)
        sessions.extend(made)
    return _summarise(sessions, phases, catalogue, org, gaps, after)


def _summarise(sessions: list[TrainingSession], phases: Sequence[PhaseWork], catalogue: Catalogue,
               org: Organisation, gaps: list[AudienceGap], after: list[AfterHorizon]) -> TrainingPlan:
    modules, names, count = catalogue.module_by_id, org.person_by_id, len(phases)
    limit = org.planning.training_limit
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
                       modules=tuple(sorted(person_modules[p])),
                       over_limit=tuple(i for i, h in enumerate(hours) if h > limit + 1e-9))
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
                        after_horizon=tuple(sorted(after, key=lambda a: (a.module, a.follow_up_of))),
                        limit=limit)
