"""Re-baselines as the pages show them: what promise changed, from what to what, who approved it,
and for a goal, how it stands against the promise it replaced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_gen.pages import paths
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.types import Rebaselined

GOAL_CHANGES = ("goal-due", "goal-target", "goal-removed")


@dataclass(frozen=True, kw_only=True)
class RebaselineView:
    period: str  # the review that made the change
    subject: Ref  # the goal, metric or factor (the plan's horizon for `planning`)
    change: str
    old: object
    new: object
    approved_by: str  # the approver's name, "" when nobody approved it
    reason: str
    original: str = ""  # a re-baselined goal's status against the old promise ("" for anything else)


@dataclass(frozen=True, kw_only=True)
class RebaselineSummary:
    """How many promises changed at this review, how many were approved, and which goals moved."""

    rows: tuple[RebaselineView, ...] = ()
    approved: int = 0
    goals: tuple[str, ...] = ()  # ids of the goals re-baselined at this review

    @property
    def count(self) -> int:
        return len(self.rows)


def _subject(ix: SiteIndex, about: str, change: str) -> Ref:
    if change == "horizon":
        return Ref("the plan's horizon", paths.ROADMAP)
    if change.startswith("goal-"):
        return Ref(about, f"{paths.GOALS}#goal-{about}") if change != "goal-removed" else Ref(about)
    if change.startswith("metric-"):
        return Ref(about, paths.GOALS)
    return ix.factor_ref(about)


def rebaseline_views(ix: SiteIndex, found: Sequence[Rebaselined]) -> tuple[RebaselineView, ...]:
    originals = {g.id: g.original.status for g in ix.plan.goals if g.original is not None}
    current = ix.plan.review
    return tuple(
        RebaselineView(period=str(r.period), subject=_subject(ix, r.about, r.change), change=r.change, old=r.old,
                       new=r.new, approved_by=ix.name(r.approved_by), reason=r.reason,
                       original=originals.get(r.about, "") if r.period == current and r.change in GOAL_CHANGES
                       else "")
        for r in found)


def rebaseline_summary(ix: SiteIndex, found: Sequence[Rebaselined] | None = None) -> RebaselineSummary:
    """The re-baselines of this review (or ``found``), for home, the board pack and the changes."""
    rows = found if found is not None else ix.plan.rebaselines
    return RebaselineSummary(rows=rebaseline_views(ix, rows), approved=sum(1 for r in rows if r.approved),
                             goals=tuple(sorted({r.about for r in rows if r.change in GOAL_CHANGES[:2]})))
