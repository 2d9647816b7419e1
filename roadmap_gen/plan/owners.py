"""Owners, owner load per phase, and the RACI matrix.

An item's accountable owner is, in order: the owner set on its ``initiatives``
entry; else the factor's ``owner`` in the assessment; else a person holding the
action's ``owner_role`` (internal people before external ones, then by id).
"""

from __future__ import annotations

from typing import Iterable, Mapping, Optional, Sequence

from roadmap_gen.model import Assessment, Initiative, Organisation, Person
from roadmap_gen.plan.types import Item, Later, OwnerLoad, PhaseWork, Raci

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

    def holders(self, role: Optional[str]) -> tuple[Person, ...]:
        """Holders of a role: internal people first, then external, each by id."""
        if role is None:
            return ()
        return self._holders.get(role, ())

    def holder_ids(self, roles: Iterable[str]) -> tuple[str, ...]:
        """Sorted ids of people holding any of ``roles``."""
        return tuple(sorted({p.id for role in roles for p in self.holders(role)}))


def resolve_owner(
    entry: Optional[Initiative],
    assessment: Optional[Assessment],
    owner_role: Optional[str],
    roles: RoleIndex,
) -> tuple[Optional[str], str]:
    """The accountable owner of an item and where it came from."""
    if entry is not None and entry.owner:
        return entry.owner, "initiative"
    if assessment is not None and assessment.owner:
        return assessment.owner, "assessment"
    holders = roles.holders(owner_role)
    if holders:
        return holders[0].id, "role"
    return None, ""


def responsible(item: Item, roles: RoleIndex) -> tuple[str, ...]:
    """People holding the item's owner role, other than its owner (sorted by id)."""
    return tuple(sorted(p.id for p in roles.holders(item.owner_role) if p.id != item.owner))


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


def raci(phases: Sequence[PhaseWork], later: Sequence[Later], org: Organisation,
         roles: RoleIndex) -> tuple[Raci, ...]:
    """A RACI row for every planned and later item (synthetic no-action entries excluded), by item id.

    Accountable: the owner. Responsible: holders of the action's owner role other
    than the owner. Consulted: stakeholders engaged at medium or high. Informed: the
    sponsor, when the sponsor is a known person.
    """
    consulted = tuple(sorted(s.id for s in org.stakeholders if s.engagement in ENGAGED))
    informed = (org.sponsor,) if org.sponsor and org.sponsor in org.person_by_id else ()
    rows: list[Raci] = []

    def row(item: Item, phase: Optional[int]) -> Raci:
        return Raci(item=item.id, title=item.title, factor=item.factor, phase=phase,
                    accountable=item.owner, responsible=responsible(item, roles),
                    consulted=consulted, informed=informed)

    for phase in phases:
        rows.extend(row(item, phase.index) for item in phase.items)
    rows.extend(row(entry.item, None) for entry in later if not entry.item.synthetic)
    return tuple(sorted(rows, key=lambda r: (r.item, r.factor, -1 if r.phase is None else r.phase)))
