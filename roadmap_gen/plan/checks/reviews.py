"""Checks across reviews: did the last plan happen, did anything get worse."""

from __future__ import annotations

from typing import Iterator

from roadmap_gen.diagnostics import Finding
from roadmap_gen.plan.checks.context import HealthContext, first_review, since_last_review
from roadmap_gen.plan.checks.registry import check


@check("stale-review", "Past work still planned",
       looks_for="The previous review's plan has work in phases that are over and still marked planned.",
       action="Mark the work done, in progress or dropped, or explain the slip.", about=("action", "initiative"),
       skip=first_review)
def stale_review(ctx: HealthContext) -> Iterator[Finding]:
    """The plan the latest snapshot published (its frozen ``roadmap.json``; recomputed with the
    current catalogue when it has none) has items in phases whose period is before the current
    review period that are still ``planned`` (or absent from ``initiatives``) and whose factor has
    not reached the item's level. Every past phase counts, not only the first, so skipped reviews
    are caught too."""
    project, org = ctx.project, ctx.org
    if len(ctx.past_plans) < len(project.snapshots):
        return
    snap, plan = project.snapshots[-1], ctx.past_plans[len(project.snapshots) - 1]
    now = org.review.period
    for phase in plan.phases:
        if not phase.period < now:
            continue
        for item in phase.items:
            entry = org.initiative_by_id.get(item.id)
            if entry is not None and entry.status != "planned":
                continue
            a = org.assessment_by_factor.get(item.factor)
            level = a.level if a is not None else 0
            if level >= item.raises_to:
                continue
            if entry is not None:
                loc = entry.locs("status")
            elif a is not None:
                loc = a.locs("level")
            else:
                loc = org.locs.at_entity
            yield Finding(
                loc,
                f"'{item.id}' was planned for {phase.period} at the {snap.period} review"
                f"{' (as recomputed: that review froze no plan)' if plan.recomputed else ''}, that quarter is past "
                f"and it is still planned: record its status (done, in-progress or dropped) or reassess "
                f"'{item.factor}'", item.id,
                "set its status in `initiatives`; a catalogue action needs only `{status: ...}`")


@check("regression", "Level fell", looks_for="A factor's level is lower than at the last review.",
       action="Find out why in the notes and plan the recovery.", about=("factor",), skip=first_review)
def regression(ctx: HealthContext) -> Iterator[Finding]:
    """A factor whose current level is below its level in the latest snapshot (both applicable)."""
    project, org = ctx.project, ctx.org
    snap = project.snapshots[-1]
    for a, old in since_last_review(org.assessment, snap.organisation.assessment_by_factor):
        if a.level < old.level:
            yield Finding(
                a.locs("level"),
                f"'{a.factor}' fell from level {old.level} at the {snap.period} review to {a.level}: find out "
                f"what stopped working and plan to restore it", a.factor,
                "record the cause in the assessment's notes")


@check("team-regression", "Team level fell",
       looks_for="A team's level for a factor is lower than at the last review.",
       action="Ask the team what stopped working and record it in the assessment's notes.", about=("team",),
       skip=first_review)
def team_regression(ctx: HealthContext) -> Iterator[Finding]:
    """A team's applicable factor whose level is below its level in the latest snapshot's file of the
    same team (applicable too)."""
    project = ctx.project
    snap = project.snapshots[-1]
    before = {t.id: t.assessment_by_factor for t in snap.teams}
    for team in sorted(project.teams, key=lambda t: t.id):
        for a, old in since_last_review(team.assessment, before.get(team.id, {})):
            if a.level < old.level:
                yield Finding(a.locs("level"),
                              f"team '{team.id}' fell on '{a.factor}' from level {old.level} at the {snap.period} "
                              f"review to {a.level}", team.id)
