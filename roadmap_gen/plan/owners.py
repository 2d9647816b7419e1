"""Owners, who is available when, owner load per phase, and the RACI matrix.

An item's accountable owner is the first *available* person, in this order: the owner set on its
``initiatives`` entry; else the factor's ``owner`` in the assessment; else a person holding the
action's ``owner_role`` (internal people before external ones, then by id). A person is available
in a phase unless the phase starts after their ``until`` (the last day they are available).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Assessment, Initiative, Organisation, Person, Stakeholder
from roadmap_gen.plan.types import Item, Later, OwnerLoad, OwnerSource, PhaseWork, Raci

ENGAGED = ("medium", "high")


class RoleIndex:
    """People by role, built once (holders sorted internal first, then by id)."""

    def __init__(self, org: Organisation):
        holders: dict[str, list[Person]] = {}
        for person in org.people:
            for role in person.roles:
                holders.setdefault(role, []).append(person)
        self._holders: Mapping[str, tuple[Person, ...]] = {
            role: tuple(sorted(people, key=lambda p: (p.external, p.id))) for role, people in holders.items()
        }

    def holders(self, role: str | None) -> tuple[Person, ...]:
        """Holders of a role: internal people first, then external, each by id."""
        if role is None:
            return ()
        return self._holders.get(role, ())

    def holder_ids(self, roles: Iterable[str]) -> tuple[str, ...]:
        """Sorted ids of people holding any of ``roles``."""
        return tuple(sorted({p.id for role in roles for p in self.holders(role)}))


def available(person: Person | None, period: Quarter) -> bool:
    """Whether a person can own work or attend training in a phase: it does not start after their ``until``."""
    return person is None or person.until is None or period.first_day <= person.until


def candidates(entry: Initiative | None, assessment: Assessment | None, owner_role: str | None,
               roles: RoleIndex) -> tuple[tuple[str, OwnerSource], ...]:
    """Who may be accountable for an item, in the order they are asked (each person once)."""
    found: list[tuple[str, OwnerSource]] = []
    if entry is not None and entry.owner:
        found.append((entry.owner, "initiative"))
    if assessment is not None and assessment.owner:
        found.append((assessment.owner, "assessment"))
    found.extend((p.id, "role") for p in roles.holders(owner_role))
    unique: dict[str, OwnerSource] = {}
    for person, source in found:
        unique.setdefault(person, source)
    return tuple(unique.items())


def owner_in(options: Sequence[tuple[str, OwnerSource]], people: Mapping[str, Person],
             period: Quarter | None) -> tuple[str, OwnerSource] | None:
    """The first candidate available in ``period`` (any period when None)."""
    for person, source in options:
        if period is None or available(people.get(person), period):
            return person, source
    return None


def responsible(item: Item, roles: RoleIndex, people: Mapping[str, Person],
                period: Quarter | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(responsible, candidates) of an item: the people its entry names; else, as candidates only, the
    other holders of its owner role who are available in its phase."""
    if item.responsible:
        return tuple(sorted(item.responsible)), ()
    others = sorted(p.id for p in roles.holders(item.owner_role)
                    if p.id != item.owner and (period is None or available(p, period)))
    return (), tuple(others)


def owner_loads(phases: Sequence[PhaseWork], org: Organisation) -> tuple[OwnerLoad, ...]:
    """Per person and phase: the items they own and their effort, sorted by (person, phase)."""
    people = org.person_by_id
    limit = org.planning.owner_limit
    loads: list[OwnerLoad] = []
    for phase in phases:
        mine: dict[str, list[Item]] = {}
        for item in phase.items:
            if item.owner is not None:
                mine.setdefault(item.owner, []).append(item)
        for person_id, items in mine.items():
            person = people.get(person_id)
            loads.append(OwnerLoad(
                person=person_id,
                name=person.name if person else person_id,
                external=bool(person and person.external),
                phase=phase.index,
                period=phase.period,
                items=tuple(sorted(i.id for i in items)),
                effort=round(sum(i.effort for i in items), 9),
                over_limit=len(items) > limit,
            ))
    return tuple(sorted(loads, key=lambda load: (load.person, load.phase)))


def stakeholder_role(stakeholder: Stakeholder, item: Item) -> str | None:
    """How a stakeholder takes part in a piece of work: "consulted", "informed" or None.

    With ``interests``: consulted on the work whose factor or dimension (the item's own, else its
    factor's) it names, informed of the rest. Without: consulted on every piece of work when engaged at
    medium or high, else neither (the rule before interests existed)."""
    if stakeholder.interests:
        return "consulted" if {item.factor, item.dimension} & set(stakeholder.interests) else "informed"
    return "consulted" if stakeholder.engagement in ENGAGED else None


def raci(phases: Sequence[PhaseWork], later: Sequence[Later], org: Organisation,
         roles: RoleIndex) -> tuple[Raci, ...]:
    """A RACI row for every planned and later item (synthetic no-action entries excluded), by item id.

    Accountable: the owner. Responsible: the people the item's entry names; where it names none,
    the other holders of its owner role are listed as candidates, not as responsible. Consulted and
    informed: the stakeholders, by :func:`stakeholder_role`; the sponsor, when a known person, is
    informed too.
    """
    sponsor = (org.sponsor,) if org.sponsor and org.sponsor in org.person_by_id else ()
    stakeholders = sorted(org.stakeholders, key=lambda s: s.id)
    people = org.person_by_id
    rows: list[Raci] = []

    def row(item: Item, phase: PhaseWork | None) -> Raci:
        doers, maybe = responsible(item, roles, people, phase.period if phase else None)
        part = {s.id: stakeholder_role(s, item) for s in stakeholders}
        consulted = tuple(s for s, role in part.items() if role == "consulted")
        informed = tuple(sorted(sponsor + tuple(s for s, role in part.items() if role == "informed")))
        return Raci(item=item.id, title=item.title, factor=item.factor, phase=phase.index if phase else None,
                    accountable=item.owner, responsible=doers, consulted=consulted, informed=informed,
                    candidates=maybe)

    for phase in phases:
        rows.extend(row(item, phase) for item in phase.items)
    rows.extend(row(entry.item, None) for entry in later if not entry.item.synthetic)
    return tuple(sorted(rows, key=lambda r: (r.item, r.factor, -1 if r.phase is None else r.phase)))
