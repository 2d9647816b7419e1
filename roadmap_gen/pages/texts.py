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

