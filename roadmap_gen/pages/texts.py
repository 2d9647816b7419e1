"""Fixed wording the site shows: what each health check means, why work is later, outcome names.

One place for these words, so the site, the docs and the CLI can reuse them.
Plain text (the templates escape it like any other value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class CheckText:
    """A health check as the reader sees it: a short title, what it means and what to do."""

    title: str
    meaning: str
    action: str


#: Every health check id (GUIDE.md, "Health checks"), in the guide's order.
CHECK_EXPLANATIONS: Mapping[str, CheckText] = {
    "unmeasurable-goal": CheckText(
        "Goal that cannot be measured",
        "A goal has no metric, no numeric target or no due quarter, so nobody can tell whether it was met.",
        "Link the goal to a metric and give it a number to reach and the quarter to reach it by."),
    "vague-goal": CheckText(
        "Vague goal",
        "The goal says improve, better or enhance without a single number in it.",
        "Say which number moves from where to where by when."),
    "loose-target": CheckText(
        "Target that changes nothing",
        "A target is no better than the baseline in the metric's direction, so reaching it needs no change.",
        "Set a target better than the baseline: above it when up is better, below it when down is better."),
    "overambitious-target": CheckText(
        "Target out of reach",
        "A target needs more than one maturity level per factor per phase, or asks for a perfect score "
        "(100%, zero minutes) that no service keeps.",
        "Lower the target, plan more phases, or choose a reachable number."),
    "no-owner": CheckText(
        "Work with no owner",
        "Planned work has no accountable person: it will be owned by everybody, which means nobody.",
        "Name an owner on the initiative, an owner for the factor, or give someone the action's owner role."),
    "owner-overload": CheckText(
        "Owner overloaded",
        "One person owns more pieces of work in a phase than the plan's owner limit allows.",
        "Hand some of the work to someone else, move it to another phase, or raise the limit knowingly."),
    "external-owner": CheckText(
        "Work owned only by outsiders",
        "Work is owned by partners or consultants with no one of our own beside them; it stops when they leave.",
        "Make one of our own people accountable; let the partner coach."),
    "tool-first": CheckText(
        "Tool first",
        "Most of a phase's effort goes to technology while people or process gaps are still open: "
        "a fool with a tool is still a fool.",
        "Move people and process work earlier, or the tool work later."),
    "training-only": CheckText(
        "Training with nothing after it",
        "Training is planned with no process work or coaching after it, so what was learned is not put to use.",
        "Plan process design or coaching in the same or the next phase."),
    "no-feedback-loop": CheckText(
        "No feedback loop",
        "No feedback from the people served is recorded, or feedback was left open past a review.",
        "Record what stakeholders say and decide every open item at the next review."),
    "sla-only-metrics": CheckText(
        "Only operational metrics",
        "Every metric is operational (SLA-style); nothing measures outcomes or how the service feels to its users.",
        "Add at least one outcome metric and one experience metric."),
    "missing-evidence": CheckText(
        "Level with no evidence",
        "A level of 2 or more is claimed with no evidence someone else could check.",
        "Add dated evidence, or assess a lower level."),
    "stale-evidence": CheckText(
        "Old evidence",
        "The newest evidence for a level is more than a year old at the review date, or has no date.",
        "Add evidence from the last twelve months, or reassess the level."),
    "stale-review": CheckText(
        "Past work still planned",
        "The previous review's plan has work in phases that are over and still marked planned.",
        "Mark the work done, in progress or dropped, or explain the slip."),
    "regression": CheckText(
        "Level fell",
        "A factor's level is lower than at the last review.",
        "Find out why in the notes and plan the recovery."),
    "no-sponsor": CheckText(
        "No sponsor",
        "The programme has no sponsor, or the sponsor is not one of the people listed.",
        "Name an executive sponsor, one of the people listed in organisation.yaml."),
    "scope-undefined": CheckText(
        "No scope",
        "No practice is in scope, so the plan has nothing to improve.",
        "Put at least one practice in scope."),
    "unplaced-scope": CheckText(
        "Future scope with no date",
        "Scope is marked later but has no quarter in which it enters the roadmap.",
        "Give the entry the quarter it enters scope (its from field)."),
}

#: Why a piece of work is later (roadmap_gen.plan.types.LATER_REASONS), in words.
LATER_REASON_TEXT: Mapping[str, CheckText] = {
    "capacity": CheckText(
        "Did not fit",
        "The work could start, but the planned phases have no capacity left for it.",
        "Raise the capacity, plan more phases, or lower a target."),
    "prerequisite": CheckText(
        "Waits for other work",
        "The work needs another factor (or this factor's previous level) to be reached first, "
        "and that does not happen within the planned phases.",
        "Plan the prerequisite earlier or accept that this work comes later."),
    "too-large": CheckText(
        "Larger than a phase",
        "The level step needs more effort than a whole phase's capacity.",
        "Split the work into smaller actions or raise the capacity."),
    "no-owner": CheckText(
        "Nobody to own it",
        "No one can be made accountable: the factor has no owner and nobody holds the action's owner role.",
        "Give the factor an owner, or give someone the role."),
    "no-action": CheckText(
        "No work defined",
        "Neither the catalogue nor the organisation's own initiatives describe work for this level step.",
        "Add an initiative of your own for the factor and level."),
}

#: What became of an item an earlier plan put in its first phase.
OUTCOME_TEXT: Mapping[str, str] = {
    "done": "done",
    "in-progress": "in progress",
    "slipped": "slipped",
    "dropped": "dropped",
}

#: What each feedback status means.
FEEDBACK_STATUS_TEXT: Mapping[str, str] = {
    "open": "open: not decided yet",
    "accepted": "accepted",
    "considered": "considered: kept for later",
    "declined": "declined",
}


def later_reason(reason: str) -> CheckText:
    return LATER_REASON_TEXT.get(reason, CheckText(reason, "", ""))


def check_text(check: str) -> CheckText:
    return CHECK_EXPLANATIONS.get(check, CheckText(check, "", ""))
