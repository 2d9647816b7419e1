"""Checks across reviews: did the last plan happen, did anything get worse."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.core.numbers import fmt
from roadmap_gen.plan.checks.context import HealthContext, first_review, since_last_review
from roadmap_gen.plan.checks.registry import Decide, check
from roadmap_gen.plan.types import Rebaselined


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
       action="Find out why in the notes and plan the recovery.", about=("factor",), skip=first_review, local=True)
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
       skip=first_review, local=True)
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


def _change_words(r: Rebaselined) -> str:
    if r.change == "goal-removed":
        return f"goal '{r.about}' was removed before it was met"
    what = {"goal-due": "goal '{}' is due", "goal-target": "goal '{}' targets", "metric-due": "metric '{}' is due",
            "metric-target": "metric '{}' targets", "factor-target": "'{}' targets level",
            "horizon": "the plan ends"}[r.change].format(r.about)
    return f"{what} {_shown(r.new)}, not {_shown(r.old)} as at the last review"


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    return fmt(value) if isinstance(value, (int, float)) else str(value)


@check("unapproved-rebaseline", "Promise changed without approval",
       looks_for="A promise of the last review was changed (a goal or metric due later, a target lowered, a goal "
                 "dropped before it was met, the plan made longer) and nobody recorded who agreed it.",
       action="Record the change under `rebaselines` with its reason and who approved it (the sponsor or the "
              "goal's owner), or put the old promise back.", about=("goal", "metric", "factor", "setting"),
       skip=first_review,
       decide=Decide(
           question="A promise of the last review was changed and nobody recorded who agreed it. Do we accept "
                    "the new promise?",
           options=("Approve the change and record it under `rebaselines`, with its reason and who agreed it",
                    "Put the old promise back and pin the enabling work earlier so that it is kept",
                    "Retire the goal and say why"),
           recommendation="Approve the change if its reason holds and the goal's owner agrees: a recorded "
                          "re-baseline keeps the board's trust; a silent one loses it.",
           if_nothing="The new promise stands unapproved: the goal is judged against a date or target nobody "
                      "agreed, and the finding comes back at every review."))
def unapproved_rebaseline(ctx: HealthContext) -> Iterator[Finding]:
    """A re-baseline against the newest snapshot (a goal's or metric's ``due`` moved later, its
    ``target`` made less ambitious in the metric's direction, a goal removed that was not met, a
    factor's ``target`` lowered, ``planning.phases`` raised so that the plan ends later) that no
    ``rebaselines`` entry with the same ``about`` and ``change`` approves."""
    for r in ctx.rebaselines:
        if not r.approved:
            yield Finding(r.loc, f"{_change_words(r)}: a re-baseline nobody approved", r.about,
                          f"add to `rebaselines`: {{about: {r.about}, change: {r.change}, reason: ..., "
                          f"approved_by: <person id>}}, or restore the old value")


@check("unused-approval", "Approval of no change",
       looks_for="A `rebaselines` entry approves a change that was not made: the promise it names is the same as at "
                 "the last review.",
       action="Remove the entry, or correct its `about` or `change`.", about=("goal", "metric", "factor", "setting"))
def unused_approval(ctx: HealthContext) -> Iterator[Finding]:
    """A ``rebaselines`` entry whose ``about`` and ``change`` match no re-baseline against the
    newest snapshot (every entry, before the first review)."""
    found = {(r.about, r.change) for r in ctx.rebaselines}
    for entry in ctx.org.rebaselines:
        if (entry.about, entry.change) not in found:
            yield Finding(entry.locs.at_entity,
                          f"`rebaselines` approves a {entry.change} of '{entry.about}', but no such change was made "
                          f"since the last review", entry.about,
                          "remove the entry, or name the goal, metric or factor whose promise changed")
