"""The typed, frozen model of a roadmap project (FORMAT.md, version 1).

Every entity keeps where it was written (``loc``: the key or list item that
defines it) and where each of its fields was written (``locs``), so later
stages can point a user at the exact line a finding is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal, Mapping, Optional

from roadmap_gen.diagnostics import Loc
from roadmap_gen.periods import Quarter

Direction = Literal["up", "down"]
MetricKind = Literal["outcome", "experience", "operational"]
InitiativeStatus = Literal["planned", "in-progress", "done", "dropped"]
FeedbackStatus = Literal["open", "accepted", "considered", "declined"]
ScopeStatus = Literal["in", "later", "out"]
Engagement = Literal["none", "low", "medium", "high"]
TrainingFormat = Literal["course", "workshop", "coaching", "e-learning", "on-the-job"]


@dataclass(frozen=True)
class Locs:
    """Where each field of an entity was written; falls back to the entity's own place."""

    at_entity: Loc
    fields: tuple[tuple[str, Loc], ...] = ()

    def __call__(self, name: str) -> Loc:
        for key, loc in self.fields:
            if key == name:
                return loc
        return self.at_entity


def _no_locs() -> Locs:
    return Locs(Loc(""))


# --- catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleLevel:
    number: int
    name: str
    summary: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    description: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    description: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class TrainingModule:
    id: str
    title: str
    format: str
    hours: float
    audience: tuple[str, ...]
    follow_up: Optional[str] = None
    description: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class MetricSuggestion:
    id: str
    title: str
    unit: str = ""
    direction: str = "up"
    kind: str = "operational"
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Action:
    id: str
    factor: str
    title: str
    raises_to: int
    effort: float
    owner_role: Optional[str] = None
    training: tuple[str, ...] = ()
    description: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Requirement:
    """To reach ``level`` of a factor, ``factor`` must first be at ``at_least``."""

    level: int
    factor: str
    at_least: int
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Factor:
    id: str
    title: str
    question: str
    dimension: str
    levels: tuple[tuple[int, str], ...]
    weight: int = 3
    summary: str = ""
    requires: tuple[Requirement, ...] = ()
    metrics: tuple[MetricSuggestion, ...] = ()
    actions: tuple[Action, ...] = ()
    warning_signs: tuple[str, ...] = ()
    locs: Locs = field(default_factory=_no_locs, compare=False)

    def level_text(self, level: int) -> str:
        return dict(self.levels).get(level, "")

    def requirements_for(self, level: int) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requires if r.level == level)


@dataclass(frozen=True)
class Catalogue:
    id: str
    title: str
    version: str
    scale: tuple[ScaleLevel, ...]
    dimensions: tuple[Dimension, ...]
    roles: tuple[Role, ...] = ()
    training: tuple[TrainingModule, ...] = ()
    factors: tuple[Factor, ...] = ()
    files: tuple[str, ...] = ()
    locs: Locs = field(default_factory=_no_locs, compare=False)

    @property
    def max_level(self) -> int:
        return max((s.number for s in self.scale), default=0)

    @cached_property
    def factor_by_id(self) -> Mapping[str, Factor]:
        return {f.id: f for f in self.factors}

    @cached_property
    def action_by_id(self) -> Mapping[str, Action]:
        return {a.id: a for f in self.factors for a in f.actions}

    @cached_property
    def role_by_id(self) -> Mapping[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def module_by_id(self) -> Mapping[str, TrainingModule]:
        return {m.id: m for m in self.training}

    @cached_property
    def dimension_by_id(self) -> Mapping[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    def level_name(self, level: int) -> str:
        for s in self.scale:
            if s.number == level:
                return s.name
        return str(level)


# --- organisation ----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    roles: tuple[str, ...] = ()
    team: Optional[str] = None
    external: bool = False
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Stakeholder:
    id: str
    title: str
    engagement: str = "none"
    contact: Optional[str] = None
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Evidence:
    text: str
    date: Optional[date] = None
    link: Optional[str] = None
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Assessment:
    factor: str
    level: int = 0
    target: int = 0
    owner: Optional[str] = None
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""
    applicable: bool = True
    reason: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)

    @property
    def gap(self) -> int:
        return max(0, self.target - self.level) if self.applicable else 0


@dataclass(frozen=True)
class Metric:
    id: str
    title: str
    kind: str
    unit: str
    direction: str
    baseline: Optional[float] = None
    current: Optional[float] = None
    target: Optional[float] = None
    due: Optional[Quarter] = None
    factor: Optional[str] = None
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Goal:
    id: str
    statement: str
    metric: Optional[str] = None
    target: Optional[float] = None
    due: Optional[Quarter] = None
    owner: Optional[str] = None
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Initiative:
    """An entry of ``initiatives``: progress on a catalogue action, or work of the organisation's own."""

    id: str
    status: str = "planned"
    title: Optional[str] = None
    factor: Optional[str] = None
    raises_to: Optional[int] = None
    effort: Optional[float] = None
    owner: Optional[str] = None
    training: tuple[str, ...] = ()
    locs: Locs = field(default_factory=_no_locs, compare=False)

    @property
    def is_own(self) -> bool:
        """Whether this is the organisation's own work rather than a catalogue action's status."""
        return self.title is not None


@dataclass(frozen=True)
class Feedback:
    date: Optional[date]
    source: str
    text: str
    status: str = "open"
    response: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class ScopeItem:
    kind: str  # "practices" | "configuration_items"
    id: str
    status: str
    start: Optional[Quarter] = None  # the `from` field
    reason: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Review:
    period: Quarter
    date: date
    next: date
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Planning:
    start: Quarter
    phases: int
    capacity: float
    owner_limit: int = 3
    locs: Locs = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True)
class Organisation:
    name: str
    review: Review
    planning: Planning
    vision: str = ""
    sponsor: Optional[str] = None
    scope: tuple[ScopeItem, ...] = ()
    people: tuple[Person, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    assessment: tuple[Assessment, ...] = ()
    metrics: tuple[Metric, ...] = ()
    goals: tuple[Goal, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    file: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)

    @cached_property
    def person_by_id(self) -> Mapping[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def stakeholder_by_id(self) -> Mapping[str, Stakeholder]:
        return {s.id: s for s in self.stakeholders}

    @cached_property
    def assessment_by_factor(self) -> Mapping[str, Assessment]:
        return {a.factor: a for a in self.assessment}

    @cached_property
    def metric_by_id(self) -> Mapping[str, Metric]:
        return {m.id: m for m in self.metrics}

    @cached_property
    def initiative_by_id(self) -> Mapping[str, Initiative]:
        return {i.id: i for i in self.initiatives}

    def holders_of(self, role: str) -> tuple[Person, ...]:
        """People holding a role, sorted by id."""
        return tuple(sorted((p for p in self.people if role in p.roles), key=lambda p: p.id))


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    lead: Optional[str] = None
    group: Optional[str] = None
    assessment: tuple[Assessment, ...] = ()
    file: str = ""
    locs: Locs = field(default_factory=_no_locs, compare=False)

    @cached_property
    def assessment_by_factor(self) -> Mapping[str, Assessment]:
        return {a.factor: a for a in self.assessment}


@dataclass(frozen=True)
class Snapshot:
    """The state frozen at an earlier review (``content/reviews/<period>/``)."""

    period: Quarter
    organisation: Organisation
    teams: tuple[Team, ...] = ()


@dataclass(frozen=True)
class Page:
    """A hand-written page from ``content/pages/``, copied into the site."""

    name: str
    text: str


@dataclass(frozen=True)
class Project:
    catalogue: Catalogue
    organisation: Organisation
    teams: tuple[Team, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()  # oldest first
    pages: tuple[Page, ...] = ()
    uses_default_catalogue: bool = False
