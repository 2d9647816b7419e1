"""Schedule gap steps into quarterly phases.

A greedy, phase-by-phase list scheduler (no search, so it runs in about
O(phases x (factors + requirements) x log factors)). At the start of each phase:

1. *Offer.* Each factor offers at most its next unplaced step. The step is *eligible* when it has
   no problem (no-action, no-owner, too-large), its previous level was reached in an earlier phase
   (or holds today), every ``requires`` of its level holds at the start of the phase, and each of
   its items has an owner still available then (nobody owns work in a phase that starts after
   their ``until``).
2. *Pinned work first.* A step whose items pin it (``initiatives.<id>.phase``; the earliest pin of
   its items counts for the whole step) is placed in its pinned phase, even past capacity, and is
   never taken earlier. A pin that cannot be honoured (the period is outside the plan, or the
   step is not eligible then) places the step at the first phase from then on where it is
   eligible; it is marked ``pin-moved`` and the ``pin-conflict`` check says why.
3. *Then the rest, best first while it fits the capacity left*, ranked by tier: work already in
   progress; then the enabling work of goals, earliest due first, then by priority; then by the
   factor's ``priority`` (critical, high, normal, low). Within the in-progress and priority tiers
   the planner's own value decides: weight x levels still to climb (this one included)
   + 3 x requirements of other factors it helps to meet + 2 x quick-win (1 - effort / capacity).
   To keep a phase balanced across dimensions, such a candidate loses 8 x (its dimension's effort
   in the phase / capacity), and 10 more if taking it would give its dimension more than half the
   phase's capacity; as this only re-ranks, unbalanced work is still taken when nothing else
   fits. Goal work is ranked by its due alone, so that work enabling an earlier goal never waits
   behind work a balance rule preferred. Ranking keeps one queue per dimension with two
   forward-only cursors, so a pick costs O(dimensions) amortised.
4. Levels reached in a phase count only from the next phase on: a factor climbs at most one level
   per phase, and requirements met in a phase unlock work in the following one.

An item counts in its own dimension (its ``dimension``, else its factor's): a phase's effort by
dimension and the balance rule count it there; a step's queue is the dimension most of its effort
is in.

*Dependencies.* A step any of whose items waits (``after``) for a dependency that is not done is
offered no earlier than the quarter after the later of the dependency's ``expected`` quarter and
the review's; work already in progress is placed regardless. A placed item that waited records the
dependencies in its ``why``.

A step not planned within the horizon is later work with the reason that binds it: its own
problem (no-action, too-large); else ``no-owner`` when in some phase its prerequisites held and it
fitted the room left but nobody could own it; else ``dependency`` when a dependency held it past
the plan; else ``capacity`` when its prerequisites held in some phase; else ``prerequisite``. The
detail says what blocked it in each phase.

Requirements on another factor: a factor assessed ``applicable: false`` is treated as holding (the
organisation declared it outside its control, so it must not block work forever); a factor with no
assessment counts as level 0 and, having no target, never rises within the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from roadmap_gen.core.numbers import fmt
from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Catalogue, Organisation
from roadmap_gen.plan.goals import needed_levels
from roadmap_gen.plan.owners import RoleIndex, owner_in
from roadmap_gen.plan.steps import EPSILON, build_steps, periods_of, placeholder
from roadmap_gen.plan.types import FactorLevels, Item, Later, OwnerSource, PhaseWork, Schedule, Step, StepOutcome, Why

UNLOCK_WEIGHT = 3.0
QUICK_WIN_WEIGHT = 2.0
BALANCE_WEIGHT = 8.0
MAJORITY_PENALTY = 10.0
PRIORITY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}
TIER_IN_PROGRESS, TIER_GOAL, TIER_PRIORITY = 0, 1, 2

Key = tuple[object, ...]


class _Lane:
    """One dimension's eligible steps, best first, with two cursors that only move forward.

    ``fit`` is the first step not taken that fits the capacity left; ``half`` the first one that
    also keeps the dimension within half the phase. Capacity left and room under half only shrink
    during a phase, so a step skipped once never comes back: finding both candidates costs O(1)
    amortised.
    """

    __slots__ = ("steps", "fit", "half")

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.fit = 0
        self.half = 0

    def candidates(self, taken: set[str], left: float, room: float) -> tuple[Step, ...]:
        steps = self.steps
        while self.fit < len(steps) and (steps[self.fit].id in taken or steps[self.fit].effort > left + EPSILON):
            self.fit += 1
        while self.half < len(steps) and (steps[self.half].id in taken
                                           or steps[self.half].effort > room + EPSILON):
            self.half += 1
        out = []
        if self.fit < len(steps):
            out.append(steps[self.fit])
        if self.half < len(steps) and self.half != self.fit:
            out.append(steps[self.half])
        return tuple(out)


@dataclass
class _State:
    """What the scheduler knows while it walks the phases."""

    catalogue: Catalogue
    org: Organisation
    steps: tuple[Step, ...]
    periods: list[Quarter]
    capacity: float
    fill: float  # what free work may fill a phase up to: the capacity less the reserve
    chains: dict[str, list[Step]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    reached: dict[str, int] = field(default_factory=dict)
    today: dict[str, int] = field(default_factory=dict)
    waived: set[str] = field(default_factory=set)
    targets: dict[str, int] = field(default_factory=dict)
    placed: dict[str, tuple[int, Why]] = field(default_factory=dict)
    ever_eligible: set[str] = field(default_factory=set)
    unstaffed: list[tuple[Step, str]] = field(default_factory=list)  # this phase: steps nobody can own, and why
    blocks: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # step id -> (phase, kind, text)
    pin_from: dict[str, int] = field(default_factory=dict)  # pinned step id -> first phase it may take
    history: list[dict[str, int]] = field(default_factory=list)


def _start(catalogue: Catalogue, org: Organisation, steps: tuple[Step, ...]) -> _State:
    state = _State(catalogue, org, steps, periods_of(org), float(org.planning.capacity), org.planning.fill)
    for step in steps:
        state.chains.setdefault(step.factor, []).append(step)
    for chain in state.chains.values():
        chain.sort(key=lambda s: s.level)
    state.position = {factor: 0 for factor in state.chains}
    state.waived = {a.factor for a in org.assessment if not a.applicable}
    state.reached = {a.factor: a.level for a in org.assessment if a.applicable}
    state.today = dict(state.reached)
    needed = needed_levels(org)
    state.targets = {a.factor: max(a.target, needed.get(a.factor, 0)) for a in org.assessment}
    start = org.planning.start
    for step in steps:
        if step.pin is not None:
            wanted = step.pin - start
            state.pin_from[step.id] = wanted if 0 <= wanted < len(state.periods) else 0
    return state


def _holds(state: _State, requirement: tuple[str, int]) -> bool:
    factor, at_least = requirement
    return factor in state.waived or state.reached.get(factor, 0) >= at_least


def _nobody(state: _State, step: Step, period: Quarter) -> str | None:
    """Why nobody can own some item of the step in this phase (everyone who could has left, or nobody
    could at all); None when every item has an owner still available."""
    people = state.org.person_by_id
    for item in step.items:
        if not item.candidates:
            return f"nobody can own '{item.id}'"
        if owner_in(item.candidates, people, period) is None:
            gone = ", ".join(f"{people[p].name} ({people[p].until})" for p, _ in item.candidates
                             if p in people and people[p].until is not None)
            return f"everyone who could own '{item.id}' has left: {gone}"
    return None


def _waits(org: Organisation, step: Step) -> str:
    """The dependencies holding a step, in words: title and the quarter they are expected in."""
    deps = [org.dependency_by_id[d] for d in step.after if d in org.dependency_by_id]
    return ", ".join(f"{d.title} (expected {d.expected}{', late' if d.status == 'late' else ''})"
                     for d in deps if d.status != "done")


def _block(state: _State, step: Step, index: int, kind: str, text: str) -> None:
    state.blocks.setdefault(step.id, []).append((index, kind, text))


def _offer(state: _State, index: int) -> list[Step]:
    """The eligible steps at the start of a phase: each factor's next one, if it may start now.

    Every step not offered has what blocks it recorded for this phase: a prerequisite, or (in
    ``unstaffed``, judged against the room left once the phase is placed) nobody to own it."""
    offered = []
    period = state.periods[index]
    state.unstaffed = []
    for factor in sorted(state.chains):
        chain = state.chains[factor]
        position = state.position[factor]
        if position >= len(chain):
            continue
        step = chain[position]
        for waiting in chain[position + 1:]:
            _block(state, waiting, index, "prerequisite", f"level {waiting.level - 1} is not reached yet")
        if step.problem in ("no-action", "too-large"):
            continue  # blocked for good: the later reason is the step's own problem
        if step.held_until is not None and not step.in_progress and period < step.held_until:
            _block(state, step, index, "dependency", f"waits for {_waits(state.org, step)}")
            continue
        unmet = [(f, k) for f, k in step.requires if not _holds(state, (f, k))]
        if unmet:
            _block(state, step, index, "prerequisite",
                   "needs " + ", ".join(f"{f} at level {k} (it is at {state.reached.get(f, 0)})" for f, k in unmet))
            continue
        if state.pin_from.get(step.id, 0) > index:
            _block(state, step, index, "pin", f"pinned to {step.pin}")
            continue
        nobody = _nobody(state, step, period)
        if nobody is not None:
            state.unstaffed.append((step, nobody))
            continue
        offered.append(step)
        state.ever_eligible.add(step.id)
    return offered


def _value(state: _State, step: Step) -> float:
    climb = state.targets.get(step.factor, step.level) - step.level + 1
    quick = 1.0 - min(step.effort / state.capacity, 1.0) if state.capacity > 0 else 0.0
    return step.weight * climb + UNLOCK_WEIGHT * step.unlocks + QUICK_WIN_WEIGHT * quick


def _tier(step: Step) -> tuple[object, ...]:
    """The rank of a step before its value: in progress, goal work by aim (due less lead), then priority."""
    if step.in_progress:
        return (TIER_IN_PROGRESS,)
    if step.goals:
        aim = step.aim
        return (TIER_GOAL, aim is None, aim or Quarter(1, 1), PRIORITY_RANK[step.priority])
    return (TIER_PRIORITY + PRIORITY_RANK[step.priority],)


def _why(step: Step, index: int, state: _State) -> Why:
    """Why the step as a whole is in this phase."""
    if step.pin is not None:
        wanted = step.pin - state.org.planning.start
        return Why("pinned") if wanted == index else Why("pin-moved", pinned=step.pin)
    if step.in_progress:
        return Why("in-progress")
    if step.goals:
        return Why("goal", goals=step.goals, due=step.due)
    if step.priority != "normal":
        return Why("priority", priority=step.priority)
    return Why("value")


def _item_why(item: Item, step: Step, why: Why) -> Why:
    """Why one item is in its phase: its own pin or status, or ``step`` when another item of its level
    step is pinned or in progress and brought it along (naming that item)."""
    if why.kind in ("pinned", "pin-moved"):
        if item.pin is not None:
            return why
        holder = min((i for i in step.items if i.pin is not None), key=lambda i: (i.pin, i.id))
        return Why("step", item=holder.id, held="pinned", pinned=holder.pin)
    if why.kind == "in-progress" and item.status != "in-progress":
        going = min(i.id for i in step.items if i.status == "in-progress")
        return Why("step", item=going, held="in-progress")
    return why


def _choose(state: _State, offered: list[Step], left: float, spent: dict[str, float]) -> list[Step]:
    """The unpinned steps this phase takes, best first while they fit."""
    capacity = state.capacity
    values = {s.id: _value(state, s) for s in offered}
    lanes: dict[str, _Lane] = {}
    for step in sorted(offered, key=lambda s: (_tier(s), -values[s.id], s.factor, s.level)):
        lanes.setdefault(step.dimension, _Lane()).steps.append(step)
    half = capacity / 2
    norm = capacity if capacity > 0 else 1.0
    taken: list[Step] = []
    chosen: set[str] = set()
    while True:
        best: Step | None = None
        best_key: Key | None = None
        for dimension in sorted(lanes):
            lane, already = lanes[dimension], spent.get(dimension, 0.0)
            for step in lane.candidates(chosen, left, min(left, half - already)):
                score = values[step.id]
                if _tier(step)[0] != TIER_GOAL:
                    score -= BALANCE_WEIGHT * already / norm
                    if already + step.effort > half + EPSILON:
                        score -= MAJORITY_PENALTY  # this dimension would hold most of the phase
                key: Key = (_tier(step), -score, step.factor, step.level)
                if best_key is None or key < best_key:
                    best, best_key = step, key
        if best is None:
            return taken
        chosen.add(best.id)
        taken.append(best)
        left -= best.effort
        for dimension, effort in best.efforts or ((best.dimension, best.effort),):
            spent[dimension] = spent.get(dimension, 0.0) + effort


def _staff(step: Step, period: Quarter, why: Why, org: Organisation) -> tuple[Item, ...]:
    """The step's items as placed: each owned by its first candidate still available then."""
    people = org.person_by_id
    items = []
    for item in step.items:
        found = owner_in(item.candidates, people, period)
        owner: str | None = found[0] if found is not None else None
        source: OwnerSource = found[1] if found is not None else ""
        person = people.get(owner) if owner else None
        items.append(replace(item, owner=owner, owner_source=source, owner_name=person.name if person else "",
                             owner_external=bool(person and person.external),
                             why=replace(_item_why(item, step, why), waited=why.waited)))
    return tuple(items)


def _room(state: _State, step: Step, effort: float) -> float:
    """The room a phase holding ``effort`` has left for a step: work in progress may use the whole
    capacity, other work only what the reserve leaves."""
    return (state.capacity if step.in_progress else state.fill) - effort


def _phase(state: _State, index: int, dimensions: list[str]) -> PhaseWork:
    period = state.periods[index]
    offered = _offer(state, index)
    pinned = [s for s in offered if s.id in state.pin_from and state.pin_from[s.id] <= index]
    going = [s for s in offered if s.id not in state.pin_from and s.in_progress]
    free = [s for s in offered if s.id not in state.pin_from and not s.in_progress]
    spent: dict[str, float] = {}
    for step in pinned:
        for dimension, effort in step.efforts:
            spent[dimension] = spent.get(dimension, 0.0) + effort
    used = sum(s.effort for s in pinned)
    # Work in progress first, up to the whole capacity; then the rest, up to what the reserve leaves.
    taken = pinned + _choose(state, going, state.capacity - used, spent)
    used = sum(s.effort for s in taken)
    taken += _choose(state, free, state.fill - used, spent)
    effort = round(sum(s.effort for s in taken), 9) + 0.0
    items: list[Item] = []
    for step in taken:
        why = _why(step, index, state)
        if step.held_until is not None and state.periods and step.held_until > state.periods[0]:
            why = replace(why, waited=tuple(d for d in step.after if d in state.org.dependency_by_id
                                            and state.org.dependency_by_id[d].status != "done"))
        state.placed[step.id] = (index, why)
        state.reached[step.factor] = step.level
        state.position[step.factor] += 1
        items.extend(_staff(step, period, why, state.org))
    chosen = {s.id for s in taken}
    for step in offered:
        if step.id not in chosen:
            _block(state, step, index, "room", f"no room: needs {fmt(step.effort)} {state.org.planning.unit}, "
                                              f"{fmt(max(0.0, _room(state, step, effort)))} left")
    for step, nobody in state.unstaffed:
        fits = step.effort <= _room(state, step, effort) + EPSILON
        _block(state, step, index, "owner" if fits else "owner-room", nobody if fits else f"{nobody}; and no room")
    state.history.append(dict(state.reached))
    return PhaseWork(index=index, period=period, capacity=state.capacity, effort=effort,
                     effort_by_dimension=tuple((d, round(spent.get(d, 0.0), 9) + 0.0) for d in dimensions),
                     items=tuple(sorted(items, key=lambda i: i.id)),
                     steps=tuple(sorted((s.factor, s.level) for s in taken)))


def _later(state: _State, step: Step) -> tuple[str, str]:
    """Why a step is not planned within the horizon, as the binding constraint: (reason, detail).

    The step's own problem (no-action, too-large) first; then ``no-owner`` when in some phase its
    prerequisites held and it fitted the room left but nobody could own it; then ``capacity`` when
    its prerequisites held in some phase; else ``prerequisite``. The detail says what blocked it in
    each phase."""
    if step.problem in ("no-action", "too-large"):
        return step.problem, step.detail
    if not state.periods:
        return (("capacity", "no phases are planned") if step.id in state.ever_eligible
                else ("prerequisite", _blocked(state, step)))
    blocks = state.blocks.get(step.id, [])
    kinds = {kind for _, kind, _ in blocks}
    detail = _per_phase(state.periods, blocks)
    if "owner" in kinds:
        return "no-owner", detail + "; name an internal owner who is available then"
    if step.held_until is not None and step.held_until > state.periods[-1]:
        return "dependency", detail
    if kinds & {"room", "owner-room"}:
        return "capacity", detail
    if step.level - 1 > state.today.get(step.factor, 0) and f"{step.factor}@{step.level - 1}" not in state.placed:
        detail = _blocked(state, step)  # its previous level is later work: that is the whole story
    if step.problem == "no-owner":
        detail = f"{detail}; besides, {step.detail}" if detail else step.detail
    return "prerequisite", detail or _blocked(state, step)


def _per_phase(periods: list[Quarter], blocks: list[tuple[int, str, str]]) -> str:
    """What blocked a step in each phase, consecutive phases with the same words run together."""
    runs: list[tuple[int, int, str]] = []
    for index, _, text in blocks:
        if runs and runs[-1][2] == text and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index, text)
        else:
            runs.append((index, index, text))
    return "; ".join(f"{periods[first]}{'' if first == last else f' to {periods[last]}'}: {text}"
                     for first, last, text in runs)


def _blocked(state: _State, step: Step) -> str:
    previous = f"{step.factor}@{step.level - 1}"
    reasons = []
    if step.level - 1 > state.today.get(step.factor, 0) and previous not in state.placed:
        reasons.append(f"comes after level {step.level - 1} of {step.factor}, which is itself later work")
    for factor, at_least in step.requires:
        if factor not in state.waived and state.reached.get(factor, 0) < at_least:
            reasons.append(f"needs {factor} at level {at_least}, which the plan does not reach "
                           f"(it gets to {state.reached.get(factor, 0)})")
    if reasons:
        return "; ".join(reasons)
    if state.periods:
        return f"its previous level or requirements are reached only in the last phase, {state.periods[-1]}"
    return "no phases are planned"


def _outcomes(state: _State) -> tuple[list[StepOutcome], list[Later]]:
    outcomes: list[StepOutcome] = []
    later: list[Later] = []
    for step in state.steps:
        if step.id in state.placed:
            index, why = state.placed[step.id]
            outcomes.append(StepOutcome(step.factor, step.level, phase=index, period=state.periods[index], why=why))
            continue
        reason, detail = _later(state, step)
        outcomes.append(StepOutcome(step.factor, step.level, reason=reason, detail=detail))  # type: ignore[arg-type]
        if step.items:
            later.extend(Later(item, reason, detail) for item in step.items)  # type: ignore[arg-type]
        else:
            factor = state.catalogue.factor_by_id.get(step.factor)
            title = (f"Level {step.level} ({state.catalogue.level_name(step.level)}) of "
                     f"{factor.title if factor else step.factor}: no work defined")
            later.append(Later(placeholder(step, title), reason, detail))  # type: ignore[arg-type]
    return outcomes, later


def _levels(state: _State) -> tuple[FactorLevels, ...]:
    org, assessments = state.org, state.org.assessment_by_factor
    needed = needed_levels(org)
    levels = []
    for factor in sorted(state.catalogue.factors, key=lambda f: f.id):
        a = assessments.get(factor.id)
        now = a.level if a is not None else 0
        rated = a is not None and a.applicable
        projected = tuple(h.get(factor.id, now) if rated else now for h in state.history)
        levels.append(FactorLevels(factor=factor.id, title=factor.title, dimension=factor.dimension,
                                   weight=factor.weight, now=now, target=a.target if a is not None else now,
                                   projected=projected, applicable=a.applicable if a is not None else True,
                                   assessed=a is not None, needed=needed.get(factor.id, 0) if rated else 0,
                                   priority=a.priority if a is not None else "normal"))
    return tuple(levels)


def make_schedule(catalogue: Catalogue, org: Organisation, steps: tuple[Step, ...] | None = None,
                  roles: RoleIndex | None = None) -> Schedule:
    """Place every gap step in a phase, or list it as later work with a reason."""
    if steps is None:
        steps = build_steps(catalogue, org, roles)
    state = _start(catalogue, org, steps)
    dimensions = sorted({d.id for d in catalogue.dimensions} | {d for s in steps for d, _ in s.efforts}
                        | {s.dimension for s in steps})
    work = [_phase(state, index, dimensions) for index in range(len(state.periods))]
    if not state.periods:
        # nothing can be placed, but what could start now is short of capacity, not blocked
        state.periods.append(org.planning.start)
        _offer(state, 0)
        state.periods.pop()
    outcomes, later = _outcomes(state)
    return Schedule(
        phases=tuple(work),
        later=tuple(sorted(later, key=lambda e: (e.item.factor, e.item.raises_to, e.item.id))),
        steps=tuple(steps),
        outcomes=tuple(outcomes),
        levels=_levels(state),
    )
