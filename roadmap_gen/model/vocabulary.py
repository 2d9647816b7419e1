"""The words of the input format: each closed set of values a field may take, as a ``Literal`` type
and the tuple of its values (the field's ``Enum``)."""

from __future__ import annotations

from typing import Literal

from roadmap_gen.core.engine_names import ENGINES as ENGINES  # here for the model's vocabulary
from roadmap_gen.core.engine_names import Engine as Engine

Direction = Literal["up", "down"]
MetricKind = Literal["outcome", "experience", "operational"]
InitiativeStatus = Literal["planned", "in-progress", "done", "dropped"]
FeedbackStatus = Literal["open", "accepted", "considered", "declined"]
ScopeStatus = Literal["in", "later", "out"]
ScopeKind = Literal["practices", "configuration_items"]
Engagement = Literal["none", "low", "medium", "high"]
TrainingFormat = Literal["course", "workshop", "coaching", "e-learning", "on-the-job"]

TRAINING_FORMATS: tuple[TrainingFormat, ...] = ("course", "workshop", "coaching", "e-learning", "on-the-job")
DIRECTIONS: tuple[Direction, ...] = ("up", "down")
METRIC_KINDS: tuple[MetricKind, ...] = ("outcome", "experience", "operational")
INITIATIVE_STATUSES: tuple[InitiativeStatus, ...] = ("planned", "in-progress", "done", "dropped")
FEEDBACK_STATUSES: tuple[FeedbackStatus, ...] = ("open", "accepted", "considered", "declined")
SCOPE_STATUSES: tuple[ScopeStatus, ...] = ("in", "later", "out")
ENGAGEMENTS: tuple[Engagement, ...] = ("none", "low", "medium", "high")
Priority = Literal["critical", "high", "normal", "low"]
PRIORITIES: tuple[Priority, ...] = ("critical", "high", "normal", "low")
RebaselineChange = Literal["goal-due", "goal-target", "goal-removed", "metric-due", "metric-target", "factor-target",
                           "horizon"]
REBASELINE_CHANGES: tuple[RebaselineChange, ...] = ("goal-due", "goal-target", "goal-removed", "metric-due",
                                                    "metric-target", "factor-target", "horizon")
DependencyStatus = Literal["expected", "done", "late"]
DEPENDENCY_STATUSES: tuple[DependencyStatus, ...] = ("expected", "done", "late")
