"""Checks on what the schedule could not do: targets left unreached, pins it could not honour, phases
overfilled before the planner chose anything."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.core.numbers import fmt
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.registry import Decide, check
from roadmap_gen.plan.money import waiting_for
from roadmap_gen.plan.steps import held_until, slipped


@check("target-unreached", "Target not reached by the end of the plan",
       looks_for="A factor's target (or a goal's need above it) is not reached by the end of the planned phases: "
                 "the plan promises less than the assessment asks for.",
       action="Plan more phases, raise the capacity, or lower the target; the roadmap's later work says what is "
              "held back and why.", about=("factor",),
       decide=Decide(
           question="The plan does not bring a factor to its target by its end. Do we plan more or ask for less?",
           options=("Plan more phases, and fund them",
                    "Raise the capacity of the phases",
                    "Lower the factor's target to what the plan reaches"),
           recommendation="Lower the target to what the plan reaches unless a goal needs it: a target no phase "
                          "delivers is a promise nobody keeps.",
           if_nothing="The assessment keeps asking for more than the plan delivers; the gap shows as later "
                      "work at every review."))
def target_unreached(ctx: HealthContext) -> Iterator[Finding]:
    """An applicable, assessed factor whose projected level after the last phase is below its
    planned target (its target, or the highest level a goal needs when that is higher)."""
    org = ctx.org
    end = ctx.schedule.phases[-1].period if ctx.schedule.phases else None
    for lv in ctx.schedule.levels:
        if not (lv.assessed and lv.applicable) or lv.final >= lv.planned_target:
            continue
        a = org.assessment_by_factor[lv.factor]
        aim = (f"target {lv.target}" if lv.planned_target == lv.target
               else f"level {lv.planned_target}, which a goal needs")
        when = f"by {end}" if end is not None else "with no phase planned"
        yield Finding(a.locs("target"), f"'{lv.factor}' aims for {aim} but the plan reaches only {lv.final} {when}",
                      lv.factor)


@check("pin-conflict", "Pinned work that cannot be placed",
       looks_for="Work is pinned to a phase it cannot be in: the phase is outside the plan, what it needs is not "
                 "reached by then, or its level step is pinned elsewhere.",
       action="Pin it to the phase the plan names, pin its prerequisites earlier, or remove the pin.",
       about=("action", "initiative"),
       decide=Decide(
           question="Work is pinned to a phase it cannot be in. Which gives way: the pin, or what the work needs?",
           options=("Pin it to the phase the plan names",
                    "Pin what it needs earlier, so that the pin holds",
                    "Remove the pin and let the planner place the work"),
           recommendation="Pin what it needs earlier if the pin stands for a real date (a contract, an audit); "
                          "otherwise remove the pin.",
           if_nothing="The work is not where its pin says: the plan and the promise the pin made disagree."))
def pin_conflict(ctx: HealthContext) -> Iterator[Finding]:
    """A pinned item whose step was placed in another phase than its pin (the pin was outside the
    plan, or the step was not eligible then), or is later work; and an item pinned to another phase
    than the earliest pin of its level step. Located at the item's ``phase``."""
    org = ctx.org
    outcomes = {(o.factor, o.level): o for o in ctx.schedule.outcomes}
    periods = [p.period for p in ctx.schedule.phases]
    for step in ctx.schedule.steps:
        outcome = outcomes.get((step.factor, step.level))
        for item in step.items:
            if item.pin is None:
                continue
            entry = org.initiative_by_id.get(item.id)
            loc = entry.locs("phase") if entry is not None else item.loc
            if step.pin is not None and item.pin != step.pin:
                yield Finding(loc, f"'{item.id}' is pinned to {item.pin}, but its level step ({step.factor} to "
                                   f"level {step.level}) is pinned to {step.pin} by other work of it", item.id)
                continue
            if outcome is None or outcome.period == item.pin:
                continue
            if not periods or item.pin < periods[0] or item.pin > periods[-1]:
                where = f"outside the plan ({periods[0]} to {periods[-1]})" if periods else "outside the plan"
            elif step.held_until is not None and item.pin < step.held_until:
                where = (f"before the outside work it waits for lands ({', '.join(step.after)}; it can start in "
                         f"{step.held_until} at the earliest)")
            else:
                where = "a phase in which what it needs is not reached yet"
            placed = f"it is planned in {outcome.period}" if outcome.period else f"it is later work: {outcome.detail}"
            yield Finding(loc, f"'{item.id}' is pinned to {item.pin}, {where}; {placed}", item.id)


@check("over-capacity", "Phase over capacity",
       looks_for="The pinned work and the work already in progress in a phase need more effort than the phase "
                 "has, before the planner chose anything else.",
       action="Move a pin to another phase, split the work, or raise the phase's capacity.", about=("phase",),
       decide=Decide(
           question="Pinned and in-progress work needs more effort than the phase has. What gives?",
           options=("Move a pin to a later phase",
                    "Raise the phase's capacity: more people or time, and the budget for them",
                    "Split the work so that part of it moves to the next phase"),
           recommendation="Move a pin to a later phase unless a goal depends on it: more capacity costs money "
                          "the plan does not hold yet.",
           if_nothing="The phase is planned past what the people can do: work slips unannounced and the next "
                      "review counts it as slipped."))
def over_capacity(ctx: HealthContext) -> Iterator[Finding]:
    """A phase whose pinned and in-progress items add up to more effort than its capacity."""
    org = ctx.org
    for phase in ctx.schedule.phases:
        fixed = [i for i in phase.items
                 if i.why is not None and i.why.kind in ("pinned", "pin-moved", "in-progress", "step")]
        effort = round(sum(i.effort for i in fixed), 9)
        if effort > phase.capacity + 1e-9:
            yield Finding(org.planning.locs("capacity"),
                          f"phase {phase.period} has {fmt(effort)} {org.planning.unit} of pinned and in-progress work "
                          f"({', '.join(sorted(i.id for i in fixed))}) for a capacity of {fmt(phase.capacity)}",
                          str(phase.period))


@check("unplanned-initiative", "Open work the plan leaves out",
       looks_for="An initiative that is neither done nor dropped is in no phase and not in the later work, because "
                 "the level it brings its factor to is already reached, is above the level the plan aims for, or "
                 "its factor is not applicable or not assessed.",
       action="Mark it done or dropped, raise the factor's target to the level it brings, or correct its factor "
              "or raises_to.", about=("initiative",))
def unplanned_initiative(ctx: HealthContext) -> Iterator[Finding]:
    """A ``planned`` or ``in-progress`` initiative (own, or progress on a catalogue action) that is an
    item of no level step. Located at the initiative."""
    org = ctx.org
    in_plan = {item.id for step in ctx.schedule.steps for item in step.items}
    levels = {lv.factor: lv for lv in ctx.schedule.levels}
    factor_of = {a.id: (f.id, a.raises_to) for f in ctx.project.catalogue.factors for a in f.actions}
    for ini in org.initiatives:
        if ini.status in ("done", "dropped") or ini.id in in_plan:
            continue
        factor, level = (ini.factor, ini.raises_to) if ini.is_own else factor_of.get(ini.id, (None, None))
        if factor is None or level is None:
            continue  # an unknown id or a missing field is an error of its own
        assessment = org.assessment_by_factor.get(factor)
        lv = levels.get(factor)
        if assessment is None:
            why = f"'{factor}' is not assessed"
        elif not assessment.applicable:
            why = f"'{factor}' is marked not applicable"
        elif level <= assessment.level:
            why = f"'{factor}' is already at level {assessment.level}"
        elif lv is not None and level > lv.planned_target:
            why = f"the plan aims for level {lv.planned_target} of '{factor}'"
        else:
            continue
        yield Finding(ini.locs.at_entity, f"'{ini.id}' ({ini.status}) brings '{factor}' to level {level}, but {why}: "
                                          f"it is in no phase of the roadmap", ini.id,
                      "mark it done or dropped, or raise the factor's target to plan it")


@check("full-phases", "Phases planned to the last point",
       looks_for="No capacity is kept in reserve and two or more phases in a row are planned to their whole "
                 "capacity: the first sick leave or urgent incident pushes the plan back.",
       action="Keep a reserve (`planning.reserve`, a percentage of each phase) or plan fewer points a phase.",
       about=("phase",))
def full_phases(ctx: HealthContext) -> Iterator[Finding]:
    """``planning.reserve`` is 0 and two or more consecutive phases are planned to their whole
    capacity (effort at or above it); one finding per run, about its first phase."""
    org = ctx.org
    if org.planning.reserve:
        return
    run: list[str] = []
    for phase in (*ctx.schedule.phases, None):
        if phase is not None and phase.effort >= phase.capacity - 1e-9:
            run.append(str(phase.period))
            continue
        if len(run) >= 2:
            yield Finding(org.planning.locs("capacity"),
                          f"phases {run[0]} to {run[-1]} are planned to their whole capacity of "
                          f"{fmt(org.planning.capacity)} {org.planning.unit} with no reserve", run[0],
                          "set `planning.reserve: 20` to keep a fifth of each phase free")
        run = []


@check("unfunded-phase", "Work planned after the budget ends",
       looks_for="A phase after `planning.funded_until`, the last quarter the programme's budget covers, holds "
                 "planned work: nobody has agreed to pay for it.",
       action="Get the budget extended and move `funded_until`, or plan fewer phases.", about=("phase",),
       decide=Decide(
           question="Work is planned for a quarter the budget does not cover. Do we fund it, or stop the plan "
                    "where the money stops?",
           options=("Extend the budget to cover the phase, and move planning.funded_until",
                    "End the plan at the last funded quarter and list the rest as later work",
                    "Keep the phase and name the budget round that will decide it"),
           recommendation="Name the budget round that decides it and put the resource plan before it: an "
                          "unfunded phase is a risk the sponsor should carry knowingly.",
           if_nothing="The work in the phase has no money behind it and slips when the budget ends."))
def unfunded_phase(ctx: HealthContext) -> Iterator[Finding]:
    """A phase whose quarter is after ``planning.funded_until`` and that holds at least one item;
    one finding per phase, about its period."""
    org = ctx.org
    until = org.planning.funded_until
    if until is None:
        return
    for phase in ctx.schedule.phases:
        if phase.period > until and phase.items:
            yield Finding(org.planning.locs("funded_until"),
                          f"phase {phase.period} holds {len(phase.items)} piece(s) of work for {fmt(phase.effort)} "
                          f"{org.planning.unit}, but the budget covers the programme only to {until}",
                          str(phase.period),
                          "agree the budget for it, or end the plan by the last funded quarter")


@check("dependency-slipped", "Outside work late",
       looks_for="Work outside the programme that planned work waits for has passed its expected quarter without "
                 "being done, or is marked late.",
       action="Agree a new expected quarter with its owner: the work waiting for it moves with it.",
       about=("dependency",),
       decide=Decide(
           question="Outside work the plan waits for is late. Do we wait, or plan around it?",
           options=("Agree a new expected quarter with its owner; the waiting work moves with it",
                    "Drop the dependency from the work (remove `after`) and do it another way",
                    "Escalate to the dependency owner's management"),
           recommendation="Agree a new expected quarter with its owner now, so the waiting work is planned "
                          "where it can really start.",
           if_nothing="The waiting work stays planned for quarters it cannot start in, and slips review after "
                      "review."))
def dependency_slipped(ctx: HealthContext) -> Iterator[Finding]:
    """A dependency whose ``expected`` quarter is before ``review.period`` and whose status is not
    ``done``, or whose status is ``late``."""
    org = ctx.org
    waiting = waiting_for(ctx.schedule.steps)
    for dep in sorted(org.dependencies, key=lambda d: d.id):
        if slipped(dep, org):
            late = dep.status == "late"
            yield Finding(dep.locs("status") if late else dep.locs("expected"),
                          f"'{dep.id}' ({dep.title}) was expected in {dep.expected} and is "
                          f"{'marked late' if late else 'not done'}: {len(waiting.get(dep.id, ()))} piece(s) of "
                          f"work wait for it and can start in {held_until((dep.id,), org)} at the earliest",
                          dep.id, "set `expected` to the quarter its owner now promises, or `status: done`")
