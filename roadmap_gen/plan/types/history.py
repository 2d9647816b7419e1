"""The history of the programme: earlier reviews, what became of their plans, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import FrozenPhase
from roadmap_gen.plan.types.goals import Rebaselined


@dataclass(frozen=True)
class Regression:
    factor: str
    before_period: Quarter
    after_period: Quarter
    before: int
    after: int


@dataclass(frozen=True)
class FactorHistory:
    factor: str
    levels: tuple[int | None, ...]  # one per History.periods; None: not assessed or not applicable
    regressions: tuple[Regression, ...] = ()


@dataclass(frozen=True)
class MetricHistory:
    metric: str
    title: str
    unit: str
    direction: str
    values: tuple[float | None, ...]  # `current` at each review, one per History.periods


@dataclass(frozen=True)
class ItemOutcome:
    id: str
    title: str
    factor: str
    raises_to: int
    period: Quarter  # the phase it was planned in
    outcome: str  # "done" | "in-progress" | "slipped" | "dropped"
    status_after: str | None  # its initiative status at the next review, None if absent
    level_after: int


@dataclass(frozen=True)
class LevelChange:
    factor: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class MetricChange:
    metric: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class PastPlan:
    """The plan an earlier review published: its frozen roadmap.json, or recomputed when it has none."""

    period: Quarter
    phases: tuple[FrozenPhase, ...]
    recomputed: bool


@dataclass(frozen=True)
class ReviewComparison:
    """What the plan made at ``period`` put in its first phase, against the state at ``next_period``."""

    period: Quarter
    next_period: Quarter
    planned: tuple[ItemOutcome, ...]
    levels: tuple[LevelChange, ...]  # factors whose level changed
    metrics: tuple[MetricChange, ...]  # every metric known at either review
    recomputed: bool = False  # the review froze no plan: the one compared was recomputed from its state

    def count(self, outcome: str) -> int:
        return sum(1 for i in self.planned if i.outcome == outcome)


@dataclass(frozen=True)
class History:
    periods: tuple[Quarter, ...] = ()  # every review, oldest first; the last is the current one
    dates: tuple[date, ...] = ()
    factors: tuple[FactorHistory, ...] = ()
    metrics: tuple[MetricHistory, ...] = ()
    reviews: tuple[ReviewComparison, ...] = ()
    regressions: tuple[Regression, ...] = ()
    rebaselines: tuple[Rebaselined, ...] = ()  # every re-baseline between consecutive reviews, oldest first
