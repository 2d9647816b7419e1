"""Checks on who is accountable for the work."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.registry import Decide, check


@check("no-owner", "Work with no owner",
       looks_for="Planned work has no accountable person: it will be owned by everybody, which means nobody.",
       action="Name an owner on the initiative, an owner for the factor, or give someone the action's owner role.",
       about=("action", "initiative"))
def no_owner(ctx: HealthContext) -> Iterator[Finding]:
    """One finding per planned or later item with no accountable owner, at its ``initiatives``
    entry when it has one, else at the factor's assessment."""
    org = ctx.org
    for item, _ in ctx.items():
        if item.owner is not None:
            continue
        entry = org.initiative_by_id.get(item.id)
        loc = entry.locs.at_entity if entry is not None else ctx.factor_loc(item.factor)
        role = f" or give someone the role '{item.owner_role}'" if item.owner_role else ""
        yield Finding(
            loc,
            f"'{item.id}' ({item.factor} to level {item.raises_to}) has no accountable person, so it "
            f"is held back as later work: set an owner{role}", item.id,
            "an owner comes from the initiative's `owner`, else the factor's `owner` in the assessment, "
            "else a person holding the action's owner role")


@check("owner-overload", "Owner overloaded",
       looks_for="One person owns more pieces of work in a phase than the plan's owner limit allows.",
       action="Hand some of the work to someone else, move it to another phase, or raise the limit knowingly.",
       about=("person",))
def owner_overload(ctx: HealthContext) -> Iterator[Finding]:
    """A person owning more than ``planning.owner_limit`` items in one phase."""
    org = ctx.org
    limit = org.planning.owner_limit
    people = org.person_by_id
    for load in ctx.owners:
        if load.count > limit:
            person = people.get(load.person)
            loc = person.locs.at_entity if person is not None else org.planning.locs("owner_limit")
            yield Finding(
                loc,
                f"{load.name} owns {load.count} items in {load.period} (more than the limit of {limit}: "
                f"{', '.join(load.items)}): hand some to another owner or move them", load.person,
                "set `owner` on some of these initiatives, or raise planning.owner_limit if this is deliberate")


@check("external-owner", "Owned only by outsiders",
       looks_for="Work, a goal, a factor or a practice is owned by partners or consultants with no one of our own "
                 "beside them; it stops when they leave.",
       action="Make one of our own people accountable; let the partner coach.",
       about=("action", "initiative", "goal", "factor", "practice"),
       decide=Decide(
           question="Work is owned only by partners or consultants. Who of our own answers for it?",
           options=("Make one of our own people accountable and let the partner coach",
                    "Keep the partner accountable and name one of our people beside them to take over",
                    "Accept it for a while: waive the finding with an end date and a reason"),
           recommendation="Make one of our own people accountable: the capability has to stay when the "
                          "contract ends.",
           if_nothing="The work stalls when the contract ends, and nobody inside can carry it on."))
def external_owner(ctx: HealthContext) -> Iterator[Finding]:
    """A planned or later item owned by an external person with no internal person beside them
    (among its ``responsible`` people, or the other holders of its owner role); located at where the
    owner was set (initiative or assessment ``owner``) or, for an owner found by role, at the person.
    And a goal, a factor (its assessment's ``owner``) or a practice owned by an external person."""
    org = ctx.org
    people = org.person_by_id
    holders: dict[str, list[str]] = {}
    for person in org.people:
        for role in person.roles:
            holders.setdefault(role, []).append(person.id)
    for item, _ in ctx.items():
        if item.owner is None or not item.owner_external:
            continue
        beside = item.responsible or tuple(holders.get(item.owner_role or "", ()))
        sharing = [p for p in beside if p != item.owner and p in people and not people[p].external]
        if sharing:
            continue
        if item.owner_source == "initiative" and item.id in org.initiative_by_id:
            loc = org.initiative_by_id[item.id].locs("owner")
        elif item.owner_source == "assessment" and item.factor in org.assessment_by_factor:
            loc = org.assessment_by_factor[item.factor].locs("owner")
        else:
            loc = people[item.owner].locs.at_entity if item.owner in people else org.locs.at_entity
        yield Finding(
            loc,
            f"'{item.id}' is owned only by {item.owner_name or item.owner}, who is external: make an "
            f"internal person accountable (the external one can still coach)", item.id,
            "work owned by consultants stops when they leave")
    owned = [(g.owner, g.locs("owner"), f"goal '{g.id}'", g.id) for g in org.goals]
    owned += [(a.owner, a.locs("owner"), f"factor '{a.factor}'", a.factor) for a in org.assessment]
    owned += [(p.owner, p.locs("owner"), f"practice '{p.id}'", p.id) for p in org.practices]
    for owner, loc, what, about in owned:
        holder = people.get(owner or "")
        if holder is not None and holder.external:
            yield Finding(loc, f"{what} is owned by {holder.name}, who is external: make one of our own people "
                               f"accountable", about)
