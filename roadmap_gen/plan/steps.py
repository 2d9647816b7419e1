"""Gap steps: what raising each factor by one level takes.

For every applicable assessed factor whose target is above its level, each level
``level+1 .. target`` is a step. A step's items are the catalogue actions of that
factor whose ``raises_to`` is that level, plus the organisation's own initiatives
for that factor and level, minus those whose status is ``done`` or ``dropped``.
An ``initiatives`` entry keyed by an action's id sets that action's status and may
override its owner.

A step that cannot be planned whatever the capacity gets a ``problem``, checked
in this order (the schedule reports it as the later reason, unless the step's
previous level is later work already, which makes it ``prerequisite``):

- ``no-action``: nothing left to do for the level (no action and no initiative, or
  all of them done or dropped while the level is still not reached);
- ``no-owner``: some item has no accountable owner (the whole step waits, as the
  level is reached only when all of its items are done);
- ``too-large``: the step's effort exceeds a whole phase's capacity.
"""

from __future__ import annotations

from typing import Optional

from roadmap_gen.diagnostics import Loc
from roadmap_gen.numbers import fmt
from roadmap_gen.model import Catalogue, Factor, Initiative, Organisation
from roadmap_gen.plan.owners import RoleIndex, resolve_owner
from roadmap_gen.plan.types import Item, Step

CLOSED = ("done", "dropped")
EPSILON = 1e-9


def effort_of(value: Optional[float]) -> float:
    return round(float(value or 0.0), 9) + 0.0


def gap_factors(catalogue: Catalogue, org: Organisation) -> list[tuple[Factor, int, int]]:
    """(factor, level, target) of every applicable assessed factor with a gap, by factor id."""
    out = []
    assessments = org.assessment_by_factor
    for factor in sorted(catalogue.factors, key=lambda f: f.id):
        a = assessments.get(factor.id)
        if a is None or not a.applicable or a.target <= a.level:
            continue
        out.append((factor, a.level, a.target))
    return out


def build_steps(catalogue: Catalogue, org: Organisation, roles: Optional[RoleIndex] = None) -> tuple[Step, ...]:
    """Every gap step, sorted by (factor, level)."""
    roles = roles or RoleIndex(org)
    entries = org.initiative_by_id
    action_ids = catalogue.action_by_id
    people = org.person_by_id
    capacity = org.planning.capacity
    gaps = gap_factors(catalogue, org)

    own: dict[tuple[str, int], list[Initiative]] = {}
    for ini in org.initiatives:
        if ini.is_own and ini.id not in action_ids and ini.factor and ini.raises_to is not None:
            own.setdefault((ini.factor, ini.raises_to), []).append(ini)

    # requirements that steps help to meet: requiring factor must itself have that level as a gap step
    open_levels = {(f.id, lvl) for f, level, target in gaps for lvl in range(level + 1, target + 1)}
    dependents: dict[str, list[int]] = {}
    for factor in catalogue.factors:
        for req in factor.requires:
            if (factor.id, req.level) in open_levels:
                dependents.setdefault(req.factor, []).append(req.at_least)

    def item(id_: str, title: str, factor: Factor, level: int, effort: Optional[float], entry: Optional[Initiative],
             owner_role: Optional[str], training: tuple[str, ...], own_work: bool, loc: Loc) -> Item:
        owner, source = resolve_owner(entry, org.assessment_by_factor.get(factor.id), owner_role, roles)
        person = people.get(owner) if owner else None
        status = entry.status if entry is not None else "planned"
        return Item(
            id=id_, title=title, factor=factor.id, dimension=factor.dimension, raises_to=level,
            effort=effort_of(effort), owner=owner, owner_name=person.name if person else (owner or ""),
            owner_source=source, owner_external=bool(person and person.external), owner_role=owner_role,
            training=tuple(sorted(set(training))), status=status, own=own_work,
            loc=entry.locs.at_entity if entry is not None else loc,
        )

    steps: list[Step] = []
    for factor, now, target in gaps:
        for level in range(now + 1, target + 1):
            items: list[Item] = []
            closed = 0
            for action in factor.actions:
                if action.raises_to != level:
                    continue
                entry = entries.get(action.id)
                if entry is not None and entry.status in CLOSED:
                    closed += 1
                    continue
                training = action.training + (entry.training if entry is not None else ())
                items.append(item(action.id, action.title, factor, level, action.effort, entry, action.owner_role,
                                  training, False, action.locs.at_entity))
            for ini in own.get((factor.id, level), ()):
                if ini.status in CLOSED:
                    closed += 1
                    continue
                items.append(item(ini.id, ini.title or ini.id, factor, level, ini.effort, ini, None,
                                  ini.training, True, ini.locs.at_entity))
            items.sort(key=lambda i: i.id)
            effort = round(sum(i.effort for i in items), 9) + 0.0
            requires = tuple(sorted((r.factor, r.at_least) for r in factor.requirements_for(level)))
            problem, detail = None, ""
            ownerless = [i.id for i in items if i.owner is None]
            if not items:
                problem = "no-action"
                if closed:
                    detail = (f"all {closed} piece(s) of work for level {level} are done or dropped, "
                              f"yet the level is not reached: reassess the level or add an initiative")
                else:
                    detail = f"the catalogue has no action for level {level}: add an initiative of your own"
            elif ownerless:
                problem = "no-owner"
                detail = f"no accountable owner for {', '.join(ownerless)}: name an owner for the factor or the work"
            elif effort > capacity + EPSILON:
                problem = "too-large"
                detail = (f"needs {fmt(effort)} effort points but a phase has only {fmt(capacity)}: "
                          f"split the work or raise the capacity")
            steps.append(Step(
                factor=factor.id, dimension=factor.dimension, level=level, items=tuple(items), effort=effort,
                weight=factor.weight, requires=requires,
                unlocks=sum(1 for k in dependents.get(factor.id, ()) if k >= level),
                in_progress=any(i.status == "in-progress" for i in items),
                problem=problem, detail=detail,
            ))
    return tuple(steps)


def placeholder(step: Step, title: str) -> Item:
    """The item standing for a step that has no work at all (later work, reason no-action)."""
    return Item(id=step.id, title=title, factor=step.factor, dimension=step.dimension, raises_to=step.level,
                effort=0.0, synthetic=True)

