"""What the plan costs, and the outside work it waits for.

*Money.* An item's cost is its initiatives entry's ``cost``, else its catalogue action's, else 0
(:mod:`.steps` sets it). A phase's cost is the cost of its items (``work``) plus, for each booked
training session, its module's ``cost`` times the people booked on it (``training``). Every cost is
read in ``planning.currency``; no conversion is made.

*Dependencies.* Each dependency with the work that waits for it, planned or later, and when it
lets that work start (:func:`~roadmap_gen.plan.steps.lands`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from roadmap_gen.model import Catalogue, Organisation
from roadmap_gen.plan.steps import lands, slipped
from roadmap_gen.plan.types import Cost, DependencyPlan, PhaseWork, Schedule, Step, TrainingPlan


def phase_costs(phases: Sequence[PhaseWork], training: TrainingPlan, catalogue: Catalogue) -> tuple[Cost, ...]:
    """Each phase's cost, in phase order."""
    modules = catalogue.module_by_id
    fees = [0.0] * len(phases)
    for session in training.sessions:
        module = modules.get(session.module)
        if module is not None and module.cost:
            fees[session.phase] += module.cost * len(session.people)
    return tuple(Cost(work=_sum(i.cost for i in phase.items), training=_sum((fees[phase.index],)))
                 for phase in phases)


def _sum(values: Iterable[float]) -> float:
    return round(sum(values), 9) + 0.0


def plan_cost(costs: Sequence[Cost]) -> Cost:
    return Cost(work=_sum(c.work for c in costs), training=_sum(c.training for c in costs))


def waiting_for(steps: Sequence[Step]) -> dict[str, tuple[str, ...]]:
    """Dependency id -> the ids of the work that waits for it (a step's ``after`` holds all its items)."""
    waiting: dict[str, set[str]] = {}
    for step in steps:
        for dep in step.after:
            waiting.setdefault(dep, set()).update(i.id for i in step.items)
    return {dep: tuple(sorted(ids)) for dep, ids in waiting.items()}


def dependency_plans(org: Organisation, schedule: Schedule) -> tuple[DependencyPlan, ...]:
    waiting = waiting_for(schedule.steps)
    return tuple(
        DependencyPlan(id=d.id, title=d.title, expected=d.expected, status=d.status, owner=d.owner,
                       lands=lands(d, org), items=waiting.get(d.id, ()), slipped=slipped(d, org))
        for d in sorted(org.dependencies, key=lambda d: d.id))
