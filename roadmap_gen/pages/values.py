"""The view values the templates read: frozen, plain-text, ids already turned into names and links.

Made once per build by :mod:`roadmap_gen.pages.views`; documented for template
authors in the order the pages use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.teams import TeamsData


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    ref: Optional[Ref] = None


@dataclass(frozen=True)
class FindingView:
    severity: str
    check: str
    check_title: str
    where: str  # file:line
    message: str
    hint: str


@dataclass(frozen=True)
class EvidenceView:
    text: str
    date: str  # ISO, or "" when undated
    age: str  # "92 days", "no date", "dated after the review"
    stale: bool
    href: Optional[str]  # a safe absolute link, or None
    note: str  # what to say about a link that is not shown as one


@dataclass(frozen=True)
class LevelRow:
    number: int
    name: str
    text: str
    now: bool
    target: bool
    end: bool


@dataclass(frozen=True)
class RequirementView:
    level: int
    factor: Ref
    at_least: int
    current: Optional[int]
    met: bool


@dataclass(frozen=True)
class ItemView:
    id: str
    title: str
    factor_id: str
    factor: Ref
    dimension: str
    raises_to: int
    level_name: str
    effort: float
    owner: str  # a name, "" when nobody
    owner_external: bool
    owner_source: str
    status: str
    own: bool
    training: tuple[Ref, ...]
    phase: Optional[Ref] = None


@dataclass(frozen=True)
class LaterView:
    item: ItemView
    reason: str
    reason_title: str
    detail: str


@dataclass(frozen=True)
class LaterGroup:
    reason: str
    title: str
    meaning: str
    action: str
    items: tuple[LaterView, ...]


@dataclass(frozen=True)
class PhaseItems:
    phase: Ref
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class MetricView:
    id: str
    title: str
    kind: str
    unit: str
    direction: str
    baseline: Optional[float]
    current: Optional[float]
    target: Optional[float]
    due: str
    factor: Optional[Ref]
    progress: Optional[float]  # per cent of the way from baseline to target
    findings: tuple[FindingView, ...] = ()


@dataclass(frozen=True)
class SuggestedMetric:
    title: str
    kind: str
    unit: str
    direction: str
    used: bool  # the organisation tracks a metric of this id


@dataclass(frozen=True)
class ActionView:
    id: str
    title: str
    raises_to: int
    level_name: str
    effort: float
    owner_role: str
    training: tuple[Ref, ...]
    state: str  # what the plan does with it: "planned in 2027-Q1", "later: did not fit", "done", ...
    description: str


@dataclass(frozen=True)
class SpreadView:
    factor: Ref
    teams: int
    lowest: int
    median: float
    highest: int
    organisation: Optional[int]
    lagging: tuple[Ref, ...]  # the first few, by level then name
    lagging_more: int


@dataclass(frozen=True)
class FactorView:
    id: str
    ref: Ref
    title: str
    path: str
    dimension_id: str
    dimension: str
    question: str
    summary: str
    weight: int
    assessed: bool
    applicable: bool
    reason: str
    level: int
    target: int
    gap: int
    level_name: str
    target_name: str
    end: int
    end_name: str
    reaches_target: bool
    owner: str
    owner_external: bool
    notes: str
    evidence: tuple[EvidenceView, ...]
    newest_age: str
    levels: tuple[LevelRow, ...]
    warning_signs: tuple[str, ...]
    requires: tuple[RequirementView, ...]
    planned: tuple[PhaseItems, ...]
    later: tuple[LaterView, ...]
    projected: tuple[int, ...]
    metrics: tuple[MetricView, ...]
    suggested: tuple[SuggestedMetric, ...]
    actions: tuple[ActionView, ...]
    history: tuple[tuple[str, Optional[int]], ...]
    findings: tuple[FindingView, ...]
    spread: Optional[SpreadView]


@dataclass(frozen=True)
class DimensionView:
    id: str
    title: str
    description: str
    factors: tuple[FactorView, ...]
    assessed: int
    average_now: Optional[float]
    average_target: Optional[float]
    gap: int
    at_target: int
    reach_target: int


@dataclass(frozen=True)
class ScopeEntry:
    kind: str  # "Practice" | "Configuration item"
    label: str
    start: str
    reason: str


@dataclass(frozen=True)
class LevelChangeRow:
    factor: Ref
    before: int
    after: int
    target: int
    changed: bool


@dataclass(frozen=True)
class OwnerLoadView:
    name: str
    external: bool
    items: tuple[str, ...]  # item titles
    count: int
    effort: float
    over_limit: bool


@dataclass(frozen=True)
class SessionView:
    module: Ref
    format: str
    phase: Ref
    hours: float
    total_hours: float
    people: tuple[str, ...]
    items: tuple[str, ...]  # item titles
    factors: tuple[Ref, ...]
    follow_up_of: tuple[Ref, ...]


@dataclass(frozen=True)
class PhaseView:
    index: int
    number: int
    period: str
    ref: Ref
    path: str
    capacity: float
    effort: float
    free: float
    over: bool
    effort_by_dimension: tuple[tuple[str, float], ...]
    items: tuple[ItemView, ...]
    practices: tuple[str, ...]
    configuration_items: tuple[str, ...]
    entering: tuple[ScopeEntry, ...]
    levels: tuple[LevelChangeRow, ...]
    reached: tuple[LevelChangeRow, ...]
    owners: tuple[OwnerLoadView, ...]
    training: tuple[SessionView, ...]
    training_hours: float


@dataclass(frozen=True)
class GoalView:
    id: str
    anchor: str
    statement: str
    metric: Optional[MetricView]
    baseline: Optional[float]
    current: Optional[float]
    target: Optional[float]
    due: str
    owner: str
    verdict: str
    measurable: bool
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class OwnerCell:
    count: int
    effort: float
    over_limit: bool


@dataclass(frozen=True)
class OwnerRow:
    name: str
    external: bool
    cells: tuple[Optional[OwnerCell], ...]
    total: int


@dataclass(frozen=True)
class RaciRow:
    item: str
    factor: Ref
    phase: Optional[Ref]
    accountable: str
    responsible: str
    consulted: str
    informed: str


@dataclass(frozen=True)
class StakeholderView:
    title: str
    engagement: str
    contact: str
    feedback: int


@dataclass(frozen=True)
class FeedbackView:
    date: str
    source: str
    text: str
    status: str
    status_text: str
    response: str


@dataclass(frozen=True)
class ReviewDate:
    period: str
    date: str


@dataclass(frozen=True)
class RoleTrainingView:
    title: str
    people: tuple[str, ...]
    hours: float
    modules: tuple[Ref, ...]


@dataclass(frozen=True)
class PersonTrainingView:
    name: str
    hours: float
    by_phase: tuple[float, ...]
    modules: tuple[tuple[str, Ref], ...]  # (period, module)


@dataclass(frozen=True)
class PhaseTrainingView:
    phase: Ref
    hours: float
    sessions: tuple[SessionView, ...]
    people: int


@dataclass(frozen=True)
class AudienceGapView:
    module: Ref
    phase: Ref
    audience: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True)
class AfterHorizonView:
    module: Ref
    follow_up_of: Ref
    after: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeView:
    title: str
    factor: Ref
    raises_to: int
    outcome: str
    outcome_text: str
    status_after: str


@dataclass(frozen=True)
class LevelDelta:
    factor: Ref
    before: Optional[int]
    after: Optional[int]
    direction: str  # "up" | "down" | ""


@dataclass(frozen=True)
class MetricDelta:
    title: str
    unit: str
    before: Optional[float]
    after: Optional[float]
    better: str  # "better" | "worse" | "same" | ""


@dataclass(frozen=True)
class ComparisonView:
    period: str
    next_period: str
    anchor: str
    planned: tuple[OutcomeView, ...]
    counts: tuple[Count, ...]
    levels: tuple[LevelDelta, ...]
    metrics: tuple[MetricDelta, ...]


@dataclass(frozen=True)
class FactorHistoryRow:
    factor: Ref
    levels: tuple[Optional[int], ...]
    regressed: bool


@dataclass(frozen=True)
class ScaleRow:
    number: int
    name: str
    summary: str


@dataclass(frozen=True)
class RoleView:
    id: str
    title: str
    description: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class ModuleView:
    id: str
    anchor: str
    title: str
    format: str
    hours: float
    audience: tuple[str, ...]
    follow_up: Optional[Ref]
    description: str
    planned: tuple[Ref, ...]  # phases with a session


@dataclass(frozen=True)
class CheckSection:
    check: str
    anchor: str
    title: str
    meaning: str
    action: str
    findings: tuple[FindingView, ...]  # the ones listed on the health page
    total: int = 0  # all of this check's findings
    by_team: tuple[Count, ...] = ()  # when teams have too many to list: how many each team has


@dataclass(frozen=True)
class SiteData:
    """Everything the pages show, computed once per build."""

    organisation: str
    vision: str
    review: str
    review_date: str
    next_review: str
    sponsor: str
    sponsor_external: bool
    owner_limit: int
    capacity: float
    max_level: int
    scale: tuple[ScaleRow, ...]
    catalogue_title: str
    catalogue_id: str
    catalogue_version: str
    default_catalogue: bool
    dimensions: tuple[DimensionView, ...]
    factors: tuple[FactorView, ...]  # dimension by dimension, catalogue order within
    phases: tuple[PhaseView, ...]
    end_period: str
    later: tuple[LaterView, ...]
    later_groups: tuple[LaterGroup, ...]
    scope_now: tuple[ScopeEntry, ...]
    scope_unplaced: tuple[ScopeEntry, ...]
    scope_out: tuple[ScopeEntry, ...]
    scope_after: tuple[ScopeEntry, ...]
    goals: tuple[GoalView, ...]
    metrics: tuple[MetricView, ...]
    owner_rows: tuple[OwnerRow, ...]
    raci: tuple[RaciRow, ...]
    raci_consulted: str  # the same for every row ("" when rows differ)
    raci_informed: str
    stakeholders: tuple[StakeholderView, ...]
    feedback: tuple[FeedbackView, ...]
    earlier_reviews: tuple[ReviewDate, ...]
    training_phases: tuple[PhaseTrainingView, ...]
    training_roles: tuple[RoleTrainingView, ...]
    training_people: tuple[PersonTrainingView, ...]
    training_gaps: tuple[AudienceGapView, ...]
    training_after: tuple[AfterHorizonView, ...]
    training_hours: float
    history_periods: tuple[str, ...]
    history_factors: tuple[FactorHistoryRow, ...]
    comparisons: tuple[ComparisonView, ...]
    findings: tuple[FindingView, ...]
    check_sections: tuple[CheckSection, ...]
    passed_checks: tuple[CheckSection, ...]
    finding_counts: tuple[Count, ...]
    warnings: int
    errors: int
    roles: tuple[RoleView, ...]
    modules: tuple[ModuleView, ...]
    not_assessed: tuple[Ref, ...]
    not_applicable: tuple[FactorView, ...]
    teams: Optional[TeamsData]


@dataclass(frozen=True)
class _Training:
    phases: tuple[PhaseTrainingView, ...]
    roles: tuple[RoleTrainingView, ...]
    people: tuple[PersonTrainingView, ...]
    gaps: tuple[AudienceGapView, ...]
    after: tuple[AfterHorizonView, ...]
    hours: float
