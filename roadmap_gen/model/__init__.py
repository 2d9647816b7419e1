"""The typed, frozen model of a roadmap project, and the input format it is read from.

Every field a user can write is declared here, once: its type, its spec (what
the YAML may hold), whether it is required, its default and its one-line
meaning. The form check and the model builder (:class:`~roadmap_gen.spec.fields.Record`),
the JSON Schemas, ``docs/format-fields.md`` and the field-coverage test are all
derived from these declarations.

Every entity keeps where it was written (``locs``: the key or list item that
defines it, and each of its fields), so later stages can point a user at the
exact line a finding is about.

This package is the model's face: the declarations live in ``vocabulary`` (the closed sets of
values), ``catalogue``, ``organisation`` (and a team's file), ``frozen`` (a review's frozen plan)
and ``settings`` (roadmap-gen.yaml); ``from roadmap_gen.model import X`` reaches them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model.catalogue import (
    Action,
    Catalogue,
    Dimension,
    Factor,
    MetricSuggestion,
    Requirement,
    RetiredAction,
    Role,
    ScaleLevel,
    TrainingModule,
)
from roadmap_gen.model.frozen import (
    FrozenItem,
    FrozenPhase,
    FrozenPlan,
)
from roadmap_gen.model.organisation import (
    Assessment,
    Dependency,
    Evidence,
    Feedback,
    Goal,
    Initiative,
    Metric,
    Need,
    Organisation,
    Person,
    Planning,
    Rebaseline,
    Review,
    ScopeItem,
    Stakeholder,
    Team,
    TrainingRecord,
    Waiver,
)
from roadmap_gen.model.settings import (
    GeneratorSettings,
    TrackerStates,
)
from roadmap_gen.model.vocabulary import (
    DEPENDENCY_STATUSES,
    DIRECTIONS,
    ENGAGEMENTS,
    ENGINES,
    FEEDBACK_STATUSES,
    INITIATIVE_STATUSES,
    METRIC_KINDS,
    PRIORITIES,
    REBASELINE_CHANGES,
    SCOPE_STATUSES,
    TRAINING_FORMATS,
    DependencyStatus,
    Direction,
    Engagement,
    Engine,
    FeedbackStatus,
    InitiativeStatus,
    MetricKind,
    Priority,
    RebaselineChange,
    ScopeKind,
    ScopeStatus,
    TrainingFormat,
)
from roadmap_gen.spec.fields import Locs, Record

__all__ = [
    "Action", "Assessment", "Catalogue", "DEPENDENCY_STATUSES", "DIRECTIONS", "Dependency", "DependencyStatus",
    "Dimension", "Direction", "ENGAGEMENTS", "ENGINES", "Engagement", "Engine", "Evidence", "FEEDBACK_STATUSES",
    "FILES", "Factor", "Feedback", "FeedbackStatus", "FrozenItem", "FrozenPhase", "FrozenPlan", "GeneratorSettings",
    "Goal", "INITIATIVE_STATUSES", "Initiative", "InitiativeStatus", "Locs", "METRIC_KINDS", "Metric", "MetricKind",
    "MetricSuggestion", "Need", "Organisation", "PRIORITIES", "Page", "Person", "Planning", "Priority", "Project",
    "REBASELINE_CHANGES", "Rebaseline", "RebaselineChange", "Requirement", "RetiredAction", "Review", "Role",
    "SCOPE_STATUSES", "ScaleLevel", "ScopeItem", "ScopeKind", "ScopeStatus", "Snapshot", "Stakeholder",
    "TRAINING_FORMATS", "Team", "TrackerStates", "TrainingFormat", "TrainingModule", "TrainingRecord", "Waiver",
]

#: The files of a project and the record each is read into.
FILES: Mapping[str, Record[Any]] = {
    "catalogue": Record(Catalogue),
    "organisation": Record(Organisation),
    "team": Record(Team),
    "frozen-plan": Record(FrozenPlan),
    "settings": Record(GeneratorSettings),
}


# --- the project -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """The state frozen at an earlier review (``content/reviews/<period>/``)."""

    period: Quarter
    organisation: Organisation
    teams: tuple[Team, ...] = ()
    plan: FrozenPlan | None = None  # the plan published at that review, when it was frozen


@dataclass(frozen=True, kw_only=True)
class Page:
    """A hand-written page from ``content/pages/``, copied into the site."""

    name: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Project:
    catalogue: Catalogue
    organisation: Organisation
    teams: tuple[Team, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()  # oldest first
    pages: tuple[Page, ...] = ()
    uses_default_catalogue: bool = False
    settings: GeneratorSettings = GeneratorSettings()
