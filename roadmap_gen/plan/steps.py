"""Gap steps: what raising each factor by one level takes.

For every applicable assessed factor whose planned target (its target, or a goal's need above it)
is above its level, each level ``level+1 .. planned target`` is a step. A step's items are the
catalogue actions of that factor whose ``raises_to`` is that level, plus the organisation's own
initiatives for that factor and level, minus those whose status is ``done`` or ``dropped``. An
``initiatives`` entry keyed by an action's id sets that action's status and may set its owner,
responsible people, training, pin (``phase``) and own dimension.

A step that cannot be planned whatever the capacity gets a ``problem``, checked in this order
(the schedule reports it as the later reason, unless the step's previous level is later work
already, which makes it ``prerequisite``):

- ``no-action``: nothing left to do for the level (no action and no initiative, or all of them
  done or dropped while the level is still not reached);
- ``no-owner``: some item has nobody who could be accountable (the whole step waits, as the level
  is reached only when all of its items are done);
- ``too-large``: the step's effort exceeds a whole phase's capacity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.core.numbers import fmt
from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Catalogue, Dependency, Factor, Initiative, Organisation
from roadmap_gen.plan.goals import enabling_goals, goal_due, needed_levels
from roadmap_gen.plan.owners import RoleIndex, candidates, owner_in
from roadmap_gen.plan.types import Item, OwnerSource, Step

CLOSED = ("done", "dropped")
EPSILON = 1e-9


def effort_of(value: float | None) -> float:
    return round(float(value or 0.0), 9) + 0.0


def gap_factors(catalogue: Catalogue, org: Organisation) -> list[tuple[Factor, int, int]]:
    """(factor, level, planned target) of every applicable assessed factor with a gap, by factor id."""
    out = []
    assessments = org.assessment_by_factor
    needed = needed_levels(org)
    for factor in sorted(catalogue.factors, key=lambda f: f.id):
        a = assessments.get(factor.id)
        if a is None or not a.applicable:
            continue
        target = max(a.target, min(needed.get(factor.id, 0), catalogue.max_level))
        if target > a.level:
            out.append((factor, a.level, target))
    return out


@dataclass(frozen=True)
class _Work:
    """What one piece of work is, before it becomes an item."""

    id: str
    title: str
    effort: float | None
    entry: Initiative | None
    owner_role: str | None
    training: tuple[str, ...]
    own: bool
    loc: Loc
    dimension: str | None
    cost: float | None = None


def _item(work: _Work, factor: Factor, level: int, org: Organisation, roles: RoleIndex) -> Item:
    entry = work.entry
    options = candidates(entry, org.assessment_by_factor.get(factor.id), work.owner_role, roles)
    first = owner_in(options, org.person_by_id, None)
    owner: str | None = first[0] if first is not None else None
    source: OwnerSource = first[1] if first is not None else ""
    person = org.person_by_id.get(owner) if owner else None
    return Item(
        id=work.id, title=work.title, factor=factor.id,
        dimension=(entry.dimension if entry is not None and entry.dimension else None) or work.dimension
        or factor.dimension,
        raises_to=level, effort=effort_of(work.effort), owner=owner,
        owner_name=person.name if person else (owner or ""), owner_source=source,
        owner_external=bool(person and person.external), owner_role=work.owner_role,
        training=tuple(sorted(set(work.training))), status="in-progress" if entry and entry.status == "in-progress"
        else "planned", own=work.own, loc=entry.locs.at_entity if entry is not None else work.loc,
        candidates=options, responsible=entry.responsible if entry is not None else (),
        pin=entry.phase if entry is not None else None,
        priority=org.assessment_by_factor[factor.id].priority,
        cost=effort_of(entry.cost if entry is not None and entry.cost is not None else work.cost),
        after=tuple(sorted(set(entry.after))) if entry is not None else (),
        issue=(entry.issue or "") if entry is not None else "")


def _work_of_level(factor: Factor, level: int, org: Organisation,
                   own: Mapping[tuple[str, int], list[Initiative]]) -> tuple[list[_Work], int]:
    """The open work of one level step, and how many pieces of it are done or dropped."""
    entries = org.initiative_by_id
    work: list[_Work] = []
    closed = 0
    for action in factor.actions:
        if action.raises_to != level:
            continue
        entry = entries.get(action.id)
        if entry is not None and entry.status in CLOSED:
            closed += 1
            continue
        work.append(_Work(action.id, action.title, action.effort, entry, action.owner_role,
                          action.training + (entry.training if entry is not None else ()), False,
                          action.locs.at_entity, action.dimension, action.cost))
    for ini in own.get((factor.id, level), ()):
        if ini.status in CLOSED:
            closed += 1
            continue
        work.append(_Work(ini.id, ini.title or ini.id, ini.effort, ini, None, ini.training, True,
                          ini.locs.at_entity, None, ini.cost))
    return work, closed


def _problem(items: list[Item], level: int, closed: int, effort: float, capacity: float,
             unit: str = "effort points") -> tuple[str | None, str]:
    ownerless = [i.id for i in items if not i.candidates]
    if not items:
        if closed:
            return "no-action", (f"all {closed} piece(s) of work for level {level} are done or dropped, "
                                 f"yet the level is not reached: reassess the level or add an initiative")
        return "no-action", f"the catalogue has no action for level {level}: add an initiative of your own"
    if ownerless:
        return "no-owner", f"no accountable owner for {', '.join(ownerless)}: name an owner for the factor or the work"
    if effort > capacity + EPSILON:
        return "too-large", (f"needs {fmt(effort)} {unit} but a phase has only {fmt(capacity)}: "
                             f"split the work or raise the capacity")
    return None, ""


def _efforts(items: list[Item]) -> tuple[tuple[str, float], ...]:
    by_dimension: dict[str, float] = {}
    for item in items:
        by_dimension[item.dimension] = by_dimension.get(item.dimension, 0.0) + item.effort
    return tuple(sorted((d, round(e, 9) + 0.0) for d, e in by_dimension.items()))


def _main_dimension(factor: Factor, efforts: tuple[tuple[str, float], ...]) -> str:
    """Where most of a step's effort lies; its factor's dimension on a tie or with no work."""
    best = max((e for _, e in efforts), default=0.0)
    leaders = [d for d, e in efforts if e >= best - EPSILON]
    return factor.dimension if factor.dimension in leaders or not leaders else leaders[0]


def build_steps(catalogue: Catalogue, org: Organisation, roles: RoleIndex | None = None) -> tuple[Step, ...]:
    """Every gap step, sorted by (factor, level), each knowing the goals it enables and its pin."""
    roles = roles or RoleIndex(org)
    capacity = org.planning.capacity
    gaps = gap_factors(catalogue, org)
    action_ids = catalogue.action_by_id
    own: dict[tuple[str, int], list[Initiative]] = {}
    for ini in org.initiatives:
        if ini.is_own and ini.id not in action_ids and ini.factor and ini.raises_to is not None:
            own.setdefault((ini.factor, ini.raises_to), []).append(ini)

    # requirements that steps help to meet: the requiring factor must itself have that level as a gap step
    open_levels = {(f.id, lvl) for f, level, target in gaps for lvl in range(level + 1, target + 1)}
    dependents: dict[str, list[int]] = {}
    for factor in catalogue.factors:
        for req in factor.requires:
            if (factor.id, req.level) in open_levels:
                dependents.setdefault(req.factor, []).append(req.at_least)

    steps: list[Step] = []
    for factor, now, target in gaps:
        for level in range(now + 1, target + 1):
            work, closed = _work_of_level(factor, level, org, own)
            items = sorted((_item(w, factor, level, org, roles) for w in work), key=lambda i: i.id)
            effort = round(sum(i.effort for i in items), 9) + 0.0
            problem, detail = _problem(items, level, closed, effort, capacity,
                                       org.planning.effort_unit or "effort points")
            efforts = _efforts(items)
            pins = [i.pin for i in items if i.pin is not None]
            after = tuple(sorted({d for i in items for d in i.after}))
            steps.append(Step(
                factor=factor.id, dimension=_main_dimension(factor, efforts), level=level, items=tuple(items),
                effort=effort, weight=factor.weight,
                requires=tuple(sorted((r.factor, r.at_least) for r in factor.requirements_for(level))),
                unlocks=sum(1 for k in dependents.get(factor.id, ()) if k >= level),
                in_progress=any(i.status == "in-progress" for i in items),
                problem=problem, detail=detail,  # type: ignore[arg-type]
                priority=org.assessment_by_factor[factor.id].priority, efforts=efforts,
                pin=min(pins) if pins else None, after=after, held_until=held_until(after, org)))
    return _with_goals(tuple(steps), org)


def _with_goals(steps: tuple[Step, ...], org: Organisation) -> tuple[Step, ...]:
    enabled = enabling_goals(steps, org)
    goal_by_id = {g.id: g for g in org.goals}
    out = []
    for step in steps:
        goals = enabled.get(step.id)
        if goals:
            ids = tuple(g for g, _ in goals)
            dues = [d for d in (goal_due(goal_by_id[g], org) for g in ids) if d is not None]
            step = replace(step, goals=ids, due=min(dues, default=None),
                           aim=min((a for _, a in goals if a is not None), default=None),
                           items=tuple(replace(i, goals=ids) for i in step.items))
        out.append(step)
    return tuple(out)


def lands(dependency: Dependency, org: Organisation) -> Quarter | None:
    """The quarter after which work waiting for a dependency may start: its expected quarter, or this
    review's when it has slipped past it (a late one is assumed to land next quarter at the earliest);
    None when it is done."""
    if dependency.status == "done":
        return None
    return max(dependency.expected, org.review.period)


def slipped(dependency: Dependency, org: Organisation) -> bool:
    """Marked late, or expected before this review and not done."""
    return dependency.status == "late" or (dependency.status != "done" and dependency.expected < org.review.period)


def held_until(after: tuple[str, ...], org: Organisation) -> Quarter | None:
    """The first quarter work waiting for these dependencies may be in; None when none holds it."""
    found = [lands(org.dependency_by_id[d], org) for d in after if d in org.dependency_by_id]
    quarters = [q for q in found if q is not None]
    return max(quarters).shift(1) if quarters else None


def placeholder(step: Step, title: str) -> Item:
    """The item standing for a step that has no work at all (later work, reason no-action)."""
    return Item(id=step.id, title=title, factor=step.factor, dimension=step.dimension, raises_to=step.level,
                effort=0.0, synthetic=True, goals=step.goals, priority=step.priority)


def periods_of(org: Organisation) -> list[Quarter]:
    """The quarter of each planned phase."""
    return [org.planning.start.shift(i) for i in range(max(0, int(org.planning.phases)))]
