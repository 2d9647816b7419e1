"""The plan: frozen, sorted, comparable values made by :func:`roadmap_gen.plan.make_plan`.

Everything here is data (tuples, not lists) so that the same project always
gives an equal plan, and templates or exporters can read it without calling
back into the planner. Efforts are floats rounded to 9 decimals.

This package is the plan's face: the types live in ``work``, ``goals``, ``phases``, ``training``,
``history`` and ``teams``; ``from roadmap_gen.plan.types import X`` reaches them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.core.periods import Quarter
from roadmap_gen.plan.types.goals import (
    GOAL_STATUSES,
    PACE_MARGIN,
    GoalPlan,
    GoalStatus,
    NeedReached,
    OriginalPromise,
    Pace,
    Rebaselined,
    RiskCause,
    SkipReason,
)
from roadmap_gen.plan.types.history import (
    FactorHistory,
    History,
    ItemOutcome,
    LevelChange,
    MetricChange,
    MetricHistory,
    PastPlan,
    Regression,
    ReviewComparison,
)
from roadmap_gen.plan.types.phases import (
    Communication,
    Cost,
    Decision,
    DependencyPlan,
    OwnerLoad,
    Phase,
    PhaseScope,
    Raci,
    ScopePlan,
    ScopeRef,
)
from roadmap_gen.plan.types.teams import (
    FactorSpread,
    SkippedCheck,
    TeamFactor,
    TeamGroup,
    TeamsSummary,
    TeamSummary,
)
from roadmap_gen.plan.types.training import (
    AfterHorizon,
    AudienceGap,
    Booking,
    PersonTraining,
    PhaseTraining,
    RoleTraining,
    TrainingPlan,
    TrainingSession,
)
from roadmap_gen.plan.types.work import (
    LATER_REASONS,
    OUTCOMES,
    FactorLevels,
    Item,
    ItemStatus,
    Later,
    LaterReason,
    Outcome,
    OwnerSource,
    PhaseWork,
    Placement,
    Schedule,
    Step,
    StepOutcome,
    Why,
)

__all__ = [
    "AfterHorizon", "AudienceGap", "Booking", "Communication", "Cost", "Decision", "DependencyPlan",
    "FactorHistory", "FactorLevels", "FactorSpread", "GOAL_STATUSES", "GoalPlan", "GoalStatus", "History", "Item",
    "ItemOutcome", "ItemStatus", "LATER_REASONS", "Later", "LaterReason", "LevelChange", "MetricChange",
    "MetricHistory", "NeedReached", "OUTCOMES", "OriginalPromise", "Outcome", "OwnerLoad", "OwnerSource",
    "PACE_MARGIN", "Pace", "PastPlan", "PersonTraining", "Phase", "PhaseScope", "PhaseTraining", "PhaseWork",
    "Placement", "Plan", "Raci", "Rebaselined", "Regression", "ReviewComparison", "RiskCause", "RoleTraining",
    "Schedule", "ScopePlan", "ScopeRef", "SkipReason", "SkippedCheck", "Step", "StepOutcome", "TeamFactor",
    "TeamGroup", "TeamSummary", "TeamsSummary", "TrainingPlan", "TrainingSession", "Why",
]


@dataclass(frozen=True)
class Plan:
    organisation: str
    review: Quarter
    review_date: date
    next_review: date
    start: Quarter
    capacity: float
    owner_limit: int
    phases: tuple[Phase, ...]
    later: tuple[Later, ...]
    steps: tuple[Step, ...]
    outcomes: tuple[StepOutcome, ...]
    levels: tuple[FactorLevels, ...]
    scope: ScopePlan
    owners: tuple[OwnerLoad, ...]
    raci: tuple[Raci, ...]
    training: TrainingPlan
    findings: tuple[Diagnostic, ...]
    skipped_checks: tuple[SkippedCheck, ...] = ()  # health checks that cannot apply to this project
    rebaselines: tuple[Rebaselined, ...] = ()  # promises changed at this review, against the last one
    reserve: int = 0  # percent of each phase's capacity kept free
    fill: float = 0.0  # what the planner fills a phase up to: capacity less the reserve
    cost: Cost = field(default_factory=Cost)  # the whole plan's
    dependencies: tuple[DependencyPlan, ...] = ()  # by id
    effort_unit: str = ""
    currency: str = ""
    funded_until: Quarter | None = None
    goals: tuple[GoalPlan, ...] = ()
    history: History = field(default_factory=History)
    teams: TeamsSummary = field(default_factory=TeamsSummary)
    vision: str = ""
    sponsor: str | None = None
    catalogue: str = ""
    communications: tuple[Communication, ...] = ()  # by stakeholder, then phase
    decisions: tuple[Decision, ...] = ()  # what the steering group is asked to decide

    @property
    def items(self) -> tuple[Item, ...]:
        """Every planned item, phase by phase."""
        return tuple(item for phase in self.phases for item in phase.items)

    def level(self, factor: str) -> FactorLevels | None:
        for levels in self.levels:
            if levels.factor == factor:
                return levels
        return None
