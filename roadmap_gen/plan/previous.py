"""The previous review as the planner sees it: what "What changed" compares this review with.

The latest snapshot (``content/reviews/<period>/``) is planned as if it were the current state,
with the snapshots before it as its history, by the same planner as today's plan: a goal's status
then and the findings then are what that plan says. The pages only read the result.

It stands beside :mod:`.history` rather than in it because it runs the planner, which builds the
history with :mod:`.history`: one module doing both would import itself in a circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Project
from roadmap_gen.plan import make_plan
from roadmap_gen.plan.checks.registry import CHECKS
from roadmap_gen.plan.checks.waivers import UNUSED_WAIVER, WAIVER_EXPIRED
from roadmap_gen.plan.types import GoalPlan

#: Checks whose findings the loader makes (settings, pages, retired actions): a snapshot keeps none of
#: those files, so nothing can be said about how they stood then, and they are not compared across reviews.
LOADER_CHECKS = frozenset(c for c, r in CHECKS.items() if r.run is None) - {WAIVER_EXPIRED.id, UNUSED_WAIVER.id}


@dataclass(frozen=True, kw_only=True)
class PreviousReview:
    """The latest snapshot planned as if it were the current state (the snapshots before it its history)."""

    period: Quarter
    goals: tuple[GoalPlan, ...]  # each goal's status then
    findings: tuple[Diagnostic, ...]  # its findings, those of LOADER_CHECKS left out


def previous_review(project: Project, findings: Sequence[Diagnostic]) -> PreviousReview | None:
    """The previous review, or None when there is no snapshot.

    *findings* are today's plan's: those of :data:`LOADER_CHECKS` are handed to the snapshot's plan as
    they are today (without their waivers), so that a waiver of one is not taken for an unused waiver then.
    """
    if not project.snapshots:
        return None
    snap = project.snapshots[-1]
    earlier = Project(catalogue=project.catalogue, organisation=snap.organisation, teams=snap.teams,
                      snapshots=project.snapshots[:-1], uses_default_catalogue=project.uses_default_catalogue)
    loaded = tuple(replace(d, waiver=None) for d in findings if d.check in LOADER_CHECKS)
    before = make_plan(earlier, loaded)
    return PreviousReview(period=snap.period, goals=before.goals,
                          findings=tuple(d for d in before.findings if d.check not in LOADER_CHECKS))
