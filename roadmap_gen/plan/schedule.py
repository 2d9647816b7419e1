"""Schedule gap steps into quarterly phases.

A greedy, phase-by-phase list scheduler (no search, so it runs in about
O(phases x (factors + requirements) x log factors)):

1. At the start of each phase, each factor offers at most its next unplanned
   step. The step is *eligible* when it has no problem (no-action, no-owner,
   too-large), its previous level was reached in an earlier phase (or holds
   today), and every ``requires`` of its level holds at the start of the phase.
2. Eligible steps are ranked: steps with work already in progress first; then
   by value = weight x levels still to climb (this one included)
   + 3 x requirements of other factors it helps to meet
   + 2 x quick-win (1 - effort / capacity); then by factor id and level.
3. Steps are taken best first while they fit the capacity left in the phase.
   To keep a phase balanced across dimensions, a candidate loses
   8 x (its dimension's effort in the phase / capacity), and 10 more if taking
   it would give its dimension more than half the phase's capacity; as this
   only re-ranks, unbalanced work is still taken when nothing else fits.
   Ranking keeps one queue per dimension with two forward-only cursors, so a
   pick costs O(dimensions) amortised.
4. Levels reached in a phase count only from the next phase on: a factor
   climbs at most one level per phase, and requirements met in a phase unlock
   work in the following one.

A step not planned within the horizon is later work with a reason:
``prerequisite`` if its previous level is itself later work (its own problem,
if any, is named in the detail); else its own problem (no-action, no-owner,
too-large) if it has one; else ``capacity`` if it was eligible at some phase but
never fitted; else ``prerequisite`` (a requirement, or its previous level, was
reached too late within the horizon).

Requirements on another factor: a factor assessed ``applicable: false`` is
treated as holding (the organisation declared it outside its control, so it
must not block work forever); a factor with no assessment counts as level 0
and, having no target, never rises within the plan.
"""

from __future__ import annotations

from typing import Optional

from roadmap_gen.numbers import fmt
from roadmap_gen.model import Catalogue, Organisation
from roadmap_gen.plan.owners import RoleIndex
from roadmap_gen.plan.steps import EPSILON, build_steps, placeholder
from roadmap_gen.plan.types import FactorLevels, Later, PhaseWork, Schedule, Step, StepOutcome

UNLOCK_WEIGHT = 3.0
QUICK_WIN_WEIGHT = 2.0
BALANCE_WEIGHT = 8.0
MAJORITY_PENALTY = 10.0


class _Lane:
    """One dimension's eligible steps, best first, with two cursors that only move forward.

    ``fit`` is the first step not taken that fits the capacity left; ``half`` the first
    one that also keeps the dimension within half the phase. Capacity left and room
    under half only shrink during a phase, so a step skipped once never comes back:
    finding both candidates costs O(1) amortised.
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


def make_schedule(catalogue: Catalogue, org: Organisation, steps: Optional[tuple[Step, ...]] = None,
                  roles: Optional[RoleIndex] = None) -> Schedule:
    """Place every gap step in a phase, or list it as later work with a reason."""
    planning = org.planning
    phases = max(0, int(planning.phases))
    capacity = float(planning.capacity)
    if steps is None:
        steps = build_steps(catalogue, org, roles)
    periods = [planning.start.shift(i) for i in range(phases)]

    by_factor: dict[str, list[Step]] = {}
    for step in steps:
        by_factor.setdefault(step.factor, []).append(step)
    for chain in by_factor.values():
        chain.sort(key=lambda s: s.level)

    assessments = org.assessment_by_factor
    waived = {a.factor for a in org.assessment if not a.applicable}
    reached: dict[str, int] = {a.factor: a.level for a in org.assessment if a.applicable}
    today = dict(reached)
    targets = {a.factor: a.target for a in org.assessment}
    position = {factor: 0 for factor in by_factor}
    active = sorted(by_factor)
    placed: dict[str, int] = {}
    ever_eligible: set[str] = set()

    def holds(requirement: tuple[str, int]) -> bool:
        factor, at_least = requirement
        return factor in waived or reached.get(factor, 0) >= at_least

    def eligible() -> list[Step]:
        nonlocal active
        offered: list[Step] = []
        still: list[str] = []
        for factor in active:
            chain = by_factor[factor]
            index = position[factor]
            if index >= len(chain) or chain[index].problem is not None:
                continue  # done, or blocked for good by a step that cannot be planned
            still.append(factor)
            step = chain[index]
            if all(holds(r) for r in step.requires):
                offered.append(step)
                ever_eligible.add(step.id)
        active = still
        return offered

    def value(step: Step) -> float:
        climb = targets.get(step.factor, step.level) - step.level + 1
        quick = 1.0 - min(step.effort / capacity, 1.0) if capacity > 0 else 0.0
        return step.weight * climb + UNLOCK_WEIGHT * step.unlocks + QUICK_WIN_WEIGHT * quick

    work: list[PhaseWork] = []
    history: list[dict[str, int]] = []
    dimensions = sorted({d.id for d in catalogue.dimensions} | {s.dimension for s in steps})
    for index, period in enumerate(periods):
        offered = eligible()
        scores = {s.id: value(s) for s in offered}
        lanes: dict[str, _Lane] = {}
        for step in sorted(offered, key=lambda s: (not s.in_progress, -scores[s.id], s.factor, s.level)):
            lanes.setdefault(step.dimension, _Lane()).steps.append(step)
        order = sorted(lanes)
        left = capacity
        half = capacity / 2
        norm = capacity if capacity > 0 else 1.0
        spent: dict[str, float] = {}
        taken: list[Step] = []
        chosen: set[str] = set()
        while True:
            best: Optional[Step] = None
            best_key: Optional[tuple] = None
            for dimension in order:
                lane, already = lanes[dimension], spent.get(dimension, 0.0)
                for step in lane.candidates(chosen, left, min(left, half - already)):
                    score = scores[step.id] - BALANCE_WEIGHT * already / norm
                    if already + step.effort > half + EPSILON:
                        score -= MAJORITY_PENALTY  # this dimension would hold most of the phase
                    key = (not step.in_progress, -score, step.factor, step.level)
                    if best_key is None or key < best_key:
                        best, best_key = step, key
            if best is None:
                break
            chosen.add(best.id)
            taken.append(best)
            left -= best.effort
            spent[best.dimension] = spent.get(best.dimension, 0.0) + best.effort
        for step in taken:
            placed[step.id] = index
            reached[step.factor] = step.level
            position[step.factor] += 1
        items = tuple(sorted((i for s in taken for i in s.items), key=lambda i: i.id))
        effort = round(sum(s.effort for s in taken), 9) + 0.0
        by_dimension = tuple((d, round(spent.get(d, 0.0), 9) + 0.0) for d in dimensions)
        work.append(PhaseWork(index=index, period=period, capacity=capacity, effort=effort,
                              effort_by_dimension=by_dimension, items=items,
                              steps=tuple(sorted((s.factor, s.level) for s in taken))))
        history.append(dict(reached))
    if phases == 0:
        eligible()  # nothing can be placed, but what could start now is short of capacity, not blocked

    outcomes: list[StepOutcome] = []
    later: list[Later] = []
    for step in steps:
        if step.id in placed:
            index = placed[step.id]
            outcomes.append(StepOutcome(step.factor, step.level, phase=index, period=periods[index]))
            continue
        after_later = step.level - 1 > today.get(step.factor, 0) and f"{step.factor}@{step.level - 1}" not in placed
        if after_later:
            reason, detail = "prerequisite", _blocked(step, placed, reached, today, waived, periods)
            if step.problem is not None:
                detail += f"; besides, {step.problem}: {step.detail}"
        elif step.problem is not None:
            reason, detail = step.problem, step.detail
        elif step.id in ever_eligible:
            reason = "capacity"
            detail = (f"could start but did not fit in the {phases} phase(s) planned "
                      f"(needs {fmt(step.effort)} of {fmt(capacity)} points a phase)")
        else:
            reason, detail = "prerequisite", _blocked(step, placed, reached, today, waived, periods)
        outcomes.append(StepOutcome(step.factor, step.level, reason=reason, detail=detail))
        if step.items:
            later.extend(Later(item, reason, detail) for item in step.items)
        else:
            factor = catalogue.factor_by_id.get(step.factor)
            title = (f"Level {step.level} ({catalogue.level_name(step.level)}) of "
                     f"{factor.title if factor else step.factor}: no work defined")
            later.append(Later(placeholder(step, title), reason, detail))

    levels = []
    for factor in sorted(catalogue.factors, key=lambda f: f.id):
        a = assessments.get(factor.id)
        now = a.level if a is not None else 0
        target = a.target if a is not None else now
        projected = tuple(h.get(factor.id, now) if a is not None and a.applicable else now for h in history)
        levels.append(FactorLevels(factor=factor.id, title=factor.title, dimension=factor.dimension,
                                   weight=factor.weight, now=now, target=target, projected=projected,
                                   applicable=a.applicable if a is not None else True, assessed=a is not None))
    return Schedule(
        phases=tuple(work),
        later=tuple(sorted(later, key=lambda e: (e.item.factor, e.item.raises_to, e.item.id))),
        steps=tuple(steps),
        outcomes=tuple(outcomes),
        levels=tuple(levels),
    )


def _blocked(step: Step, placed: dict[str, int], reached: dict[str, int], today: dict[str, int],
             waived: set[str], periods: list) -> str:
    previous = f"{step.factor}@{step.level - 1}"
    reasons = []
    if step.level - 1 > today.get(step.factor, 0) and previous not in placed:
        reasons.append(f"comes after level {step.level - 1} of {step.factor}, which is itself later work")
    for factor, at_least in step.requires:
        if factor not in waived and reached.get(factor, 0) < at_least:
            reasons.append(f"needs {factor} at level {at_least}, which the plan does not reach "
                           f"(it gets to {reached.get(factor, 0)})")
    if reasons:
        return "; ".join(reasons)
    if periods:
        return f"its previous level or requirements are reached only in the last phase, {periods[-1]}"
    return "no phases are planned"

