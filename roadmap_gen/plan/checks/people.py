"""Checks on people who come and go, and on who owns each practice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from roadmap_gen.core.diagnostics import Finding, Loc
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.registry import Decide, check
from roadmap_gen.plan.scope import in_scope


@check("owner-leaves", "Owner who leaves",
       looks_for="Work, a goal, a factor or a practice is owned by someone who leaves (their until) before it is "
                 "done: ownership walks out of the door with them.",
       action="Name an owner who stays; hand over before the end date and record it.", about=("person",),
       decide=Decide(
           question="Someone who owns work, goals, factors or practices leaves before it is done. Who takes "
                    "it over?",
           options=("Name a successor who stays, and plan the handover before the end date",
                    "Extend the person's contract until their work is done",
                    "Let the work fall to the next owner in line, as the plan does today"),
           recommendation="Name a successor now: a handover takes a phase, and the next owner in line may not "
                          "know the work.",
           if_nothing="On their last day the work falls to whoever is next in line, or to nobody, and what "
                      "they know leaves with them."))
def owner_leaves(ctx: HealthContext) -> Iterator[Finding]:
    """A person with ``until`` who is named as owner of: an initiative whose work is planned in a phase
    starting after that day, or is later work (the work falls to the next owner in line); a goal
    due after that day; a factor with planned work after that day, or still short of its target at
    the end of the plan; a practice in scope after that day. Located at the ``owner`` field."""
    org = ctx.org
    people = org.person_by_id
    phases = ctx.schedule.phases
    end = phases[-1].period.last_day if phases else org.review.date

    def leaving(person: str | None, before: date) -> date | None:
        who = people.get(person or "")
        return who.until if who is not None and who.until is not None and who.until < before else None

    def say(person: str) -> str:
        who = people[person]
        return f"{who.name} ({person}) leaves on {who.until}"

    placed = {i.id: (p.period, i) for p in phases for i in p.items}
    for entry in org.initiatives:
        if not entry.owner or entry.status in ("done", "dropped"):
            continue
        where = placed.get(entry.id)
        start = where[0].first_day if where else end
        if leaving(entry.owner, start):
            now = f"; {where[1].owner_name or 'nobody'} owns it in {where[0]}" if where else ""
            yield Finding(entry.locs("owner"), f"{say(entry.owner)}, before '{entry.id}' is done{now}", entry.owner)
    for goal in org.goals:
        if goal.owner and goal.due is not None and leaving(goal.owner, goal.due.last_day):
            yield Finding(goal.locs("owner"), f"{say(goal.owner)}, before goal '{goal.id}' falls due ({goal.due})",
                          goal.owner)
    last_work: dict[str, date] = {}
    for phase in phases:
        for item in phase.items:
            last_work[item.factor] = phase.period.first_day
    for level in ctx.schedule.levels:
        a = org.assessment_by_factor.get(level.factor)
        if a is None or not a.owner or not a.applicable:
            continue
        until = end if level.final < level.planned_target else last_work.get(level.factor)
        if until is not None and leaving(a.owner, until):
            yield Finding(a.locs("owner"), f"{say(a.owner)}, while '{a.factor}' still has work planned or a gap "
                                           f"to close", a.owner)
    for practice in org.practices:
        owner = practice.owner
        if owner and any(in_scope(practice, p.period) and leaving(owner, p.period.first_day) for p in phases):
            yield Finding(practice.locs("owner"), f"{say(owner)}, while practice '{practice.id}' is still in scope",
                          owner)


@check("no-practice-owner", "Practice with no owner",
       looks_for="A practice in scope has no accountable owner: nobody answers for how it works end to end.",
       action="Give the practice an owner: scope.practices.<id>: {status: in, owner: <person>}.",
       about=("practice",))
def no_practice_owner(ctx: HealthContext) -> Iterator[Finding]:
    """A practice in scope now (``in``) or entering scope within the plan (``later`` with a ``from`` no
    later than the last phase) with no ``owner``."""
    phases = ctx.schedule.phases
    last = phases[-1].period if phases else ctx.org.review.period
    for item in ctx.org.practices:
        if item.owner:
            continue
        entering = item.status == "later" and item.start is not None and item.start <= last
        if item.status == "in" or entering:
            when = "in scope" if item.status == "in" else f"entering scope in {item.start}"
            loc: Loc = item.locs.at_entity
            yield Finding(loc, f"practice '{item.id}' is {when} with no owner", item.id)
