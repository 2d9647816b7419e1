"""Goals as planned: their pace, the needs they wait for, and promises changed since the last review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.core.periods import Quarter

SkipReason = Literal["no-earlier-review", "missing-dimension"]
GoalStatus = Literal["met", "missed", "off-track", "at-risk", "on-track", "no-data"]
GOAL_STATUSES: tuple[GoalStatus, ...] = ("on-track", "at-risk", "off-track", "missed", "met", "no-data")
#: Why a goal is at risk: its pace has less than the margin over what is needed, or a need it rests
#: on is reached too late (later than ``lead`` quarters before due) or not within the plan.
RiskCause = Literal["margin", "late-need"]
#: The margin the pace so far must keep over the pace needed for a goal to count as on track.
PACE_MARGIN = 1.2


@dataclass(frozen=True)
class Pace:
    """How fast a goal's metric has moved and must still move, per quarter, in its better direction."""

    since: Quarter  # the earlier review the pace so far is measured from
    start: float  # the metric's value then
    so_far: float
    needed: float


@dataclass(frozen=True)
class NeedReached:
    factor: str
    level: int
    now: int  # the factor's level today
    reached: Quarter | None  # the phase by whose end it is reached; None when not within the plan
    held: bool  # it holds today


@dataclass(frozen=True)
class GoalPlan:
    """A goal as the plan sees it: its status, its pace, when its needs are reached, its enabling work."""

    id: str
    statement: str
    status: GoalStatus
    metric: str | None
    target: float | None
    due: Quarter | None
    owner: str | None
    current: float | None
    values: tuple[tuple[Quarter, float], ...]  # the metric at every review that records it, oldest first
    pace: Pace | None
    needs: tuple[NeedReached, ...]
    needs_reached: Quarter | None  # the phase by whose end every need is reached (None: not in the plan)
    enabling: tuple[str, ...]  # ids of the work that enables it, planned or later
    late: tuple[str, ...]  # of those, the ones that land after its aim (lead before due) or not within the plan
    lead: int = 1  # quarters between the needs being reached and the metric moving
    causes: tuple[RiskCause, ...] = ()  # why it is at risk (also for an off-track goal whose needs are late)
    original: OriginalPromise | None = None  # re-baselined: the promise of the last review, judged

    @property
    def needs_late(self) -> bool:
        """A need is reached later than ``lead`` quarters before due, or not within the plan."""
        return "late-need" in self.causes


@dataclass(frozen=True)
class OriginalPromise:
    """A re-baselined goal judged against the due and target the last review promised."""

    due: Quarter | None
    target: float | None
    status: GoalStatus
    causes: tuple[RiskCause, ...] = ()


@dataclass(frozen=True)
class Rebaselined:
    """A promise changed against an earlier review, and whether (and by whom) the change was approved.

    ``old`` and ``new`` are what the promise said: a quarter for a due or the horizon, a number for a
    target, the goal's statement (``new`` None) for a removed goal."""

    period: Quarter  # the review that made the change
    about: str
    change: str  # goal-due | goal-target | goal-removed | metric-due | metric-target | factor-target | horizon
    old: object
    new: object
    approved_by: str | None = None
    reason: str = ""
    loc: Loc = Loc("")

    @property
    def approved(self) -> bool:
        return self.approved_by is not None
