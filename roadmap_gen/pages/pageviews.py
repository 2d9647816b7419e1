"""What each page's template reads: one frozen view per page, and the small part every page shares.

A template sees its page's view as ``page`` and :class:`Shared` as ``shared`` (besides ``root``,
``title``, ``heading``, ``path`` and ``report_pdf``, which the renderer passes per page). A view
holds only what its template (and the macros it calls) reads, so a page's output depends on its
view, the shared part and the template's source alone: what a page cache keys on. Views are plain
data (frozen, keyword-only, hashable): rows of the page families' views and the page's charts,
never the project, the plan or a function.

:func:`.views.build_views` builds them all once per build; the page registry (:mod:`.registry`)
gives each page its view. A field named as one of the names ``site`` held before 0.2.0 holds the
same value (``site.phases`` became ``page.phases``); docs/templates.md lists every template's names.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.charts import Chart
from roadmap_gen.pages.catalogue import ModuleView, RetiredView, RoleView, ScaleRow
from roadmap_gen.pages.communications import Communications
from roadmap_gen.pages.factors import DimensionView, FactorView
from roadmap_gen.pages.goals import GoalView, MetricView
from roadmap_gen.pages.governance import (
    FeedbackView,
    OwnerRow,
    PersonView,
    PracticeRaci,
    PracticeView,
    RaciRow,
    ReviewDate,
    StakeholderView,
)
from roadmap_gen.pages.health import CheckSection, SkippedView
from roadmap_gen.pages.phases import DependencyView, LaterGroup, LaterView, PhaseView, ScopeEntry
from roadmap_gen.pages.progress import ComparisonView, FactorHistoryRow
from roadmap_gen.pages.rebaselines import RebaselineSummary, RebaselineView
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.report import BoardPack, Changes
from roadmap_gen.pages.shared import Count, FindingView
from roadmap_gen.pages.teams import GroupView, SpreadView, TeamRow, TeamView
from roadmap_gen.pages.training import (
    AfterHorizonView,
    AudienceGapView,
    PersonTrainingView,
    PhaseTrainingView,
    RoleTrainingView,
)
from roadmap_gen.plan.types import Cost


@dataclass(frozen=True, kw_only=True)
class Shared:
    """What every page may read: the organisation's names and review dates, and how it counts."""

    organisation: str
    programme: str  # the programme's own name, or ""
    subject: str  # what the catalogue improves ("IT service management"), or ""
    review: str  # this review's quarter
    review_date: str
    next_review: str
    effort_unit: str  # what one effort point is ("" when not said)
    currency: str  # the code every cost is in, as written ("" when not said)
    first_review: bool  # no earlier review to compare with (no snapshot)


@dataclass(frozen=True, kw_only=True)
class HomeView:
    vision: str
    offline: bool
    catalogue_title: str
    targets_total: int
    targets_reached: int
    goals: tuple[GoalView, ...]
    goal_counts: tuple[tuple[str, int], ...]
    rebaselined: RebaselineSummary
    phases: tuple[PhaseView, ...]
    later: tuple[LaterView, ...]
    factors: tuple[FactorView, ...]
    finding_counts: tuple[Count, ...]
    warnings: int
    errors: int
    waived: tuple[FindingView, ...]
    radar: Chart | None


@dataclass(frozen=True, kw_only=True)
class NowView:
    catalogue_title: str
    max_level: int
    scale: tuple[ScaleRow, ...]
    dimensions: tuple[DimensionView, ...]
    end_period: str
    not_assessed: tuple[Ref, ...]
    not_applicable: tuple[FactorView, ...]
    heatmap: Chart | None


@dataclass(frozen=True, kw_only=True)
class FactorPageView:
    factor: FactorView
    phase_refs: tuple[Ref, ...]  # every phase, in order (what ``site.phases`` gave as ``p.ref``)


@dataclass(frozen=True, kw_only=True)
class GoalsView:
    goals: tuple[GoalView, ...]
    metrics: tuple[MetricView, ...]
    pace: tuple[Chart | None, ...]  # each goal's pace chart, in the order of ``goals``


@dataclass(frozen=True, kw_only=True)
class RoadmapView:
    capacity: float
    reserve: int
    fill: float
    cost: Cost
    funded_until: str
    end_period: str
    dimensions: tuple[DimensionView, ...]
    phases: tuple[PhaseView, ...]
    later: tuple[LaterView, ...]
    later_groups: tuple[LaterGroup, ...]
    dependencies: tuple[DependencyView, ...]
    scope_now: tuple[ScopeEntry, ...]
    scope_unplaced: tuple[ScopeEntry, ...]
    scope_out: tuple[ScopeEntry, ...]
    scope_after: tuple[ScopeEntry, ...]
    timeline: Chart | None
    balance: Chart | None


@dataclass(frozen=True, kw_only=True)
class PhasePageView:
    phase: PhaseView
    phase_count: int  # how many phases the plan has
    previous: Ref | None  # the phase before, None on the first
    next: Ref | None  # the phase after, None on the last
    funded_until: str
    reserve: int
    fill: float
    owner_limit: int


@dataclass(frozen=True, kw_only=True)
class GovernanceView:
    sponsor: str
    sponsor_external: bool
    owner_limit: int
    phase_refs: tuple[Ref, ...]  # every phase, in order
    owner_rows: tuple[OwnerRow, ...]
    raci: tuple[RaciRow, ...]
    raci_consulted: str
    raci_informed: str
    people: tuple[PersonView, ...]
    practices: tuple[PracticeView, ...]
    practice_raci: tuple[PracticeRaci, ...]
    stakeholders: tuple[StakeholderView, ...]
    feedback: tuple[FeedbackView, ...]
    earlier_reviews: tuple[ReviewDate, ...]


@dataclass(frozen=True, kw_only=True)
class CommunicationsView:
    comms: Communications


@dataclass(frozen=True, kw_only=True)
class TrainingView:
    end_period: str
    phase_periods: tuple[str, ...]  # every phase's quarter, in order
    training_phases: tuple[PhaseTrainingView, ...]
    training_roles: tuple[RoleTrainingView, ...]
    training_people: tuple[PersonTrainingView, ...]
    training_gaps: tuple[AudienceGapView, ...]
    training_after: tuple[AfterHorizonView, ...]
    training_hours: float
    training_limit: float


@dataclass(frozen=True, kw_only=True)
class ProgressView:
    first_period: str  # the first phase's quarter, "" when none
    history_periods: tuple[str, ...]
    history_factors: tuple[FactorHistoryRow, ...]
    history_rebaselines: tuple[RebaselineView, ...]
    comparisons: tuple[ComparisonView, ...]
    trends: tuple[Chart, ...]
    levels: Chart | None


@dataclass(frozen=True, kw_only=True)
class ChangesView:
    changes: Changes


@dataclass(frozen=True, kw_only=True)
class HealthView:
    check_sections: tuple[CheckSection, ...]
    passed_checks: tuple[CheckSection, ...]
    skipped_checks: tuple[SkippedView, ...]
    waived: tuple[FindingView, ...]
    warnings: int
    errors: int


@dataclass(frozen=True, kw_only=True)
class TeamsView:
    rows: tuple[TeamRow, ...]
    spreads: tuple[SpreadView, ...]
    groups: tuple[GroupView, ...]
    ungrouped: tuple[TeamRow, ...]
    heatmap: Chart | None


@dataclass(frozen=True, kw_only=True)
class TeamGroupView:
    group: GroupView
    heatmap: Chart | None


@dataclass(frozen=True, kw_only=True)
class TeamPageView:
    team: TeamView
    end_period: str


@dataclass(frozen=True, kw_only=True)
class CatalogueView:
    catalogue_title: str
    catalogue_id: str
    catalogue_version: str
    catalogue_description: str
    catalogue_source: str
    catalogue_licence: str
    default_catalogue: bool
    scale: tuple[ScaleRow, ...]
    dimensions: tuple[DimensionView, ...]
    factors: tuple[FactorView, ...]
    roles: tuple[RoleView, ...]


@dataclass(frozen=True, kw_only=True)
class CatalogueFactorsView:
    factors: tuple[FactorView, ...]
    retired: tuple[RetiredView, ...]


@dataclass(frozen=True, kw_only=True)
class CatalogueTrainingView:
    modules: tuple[ModuleView, ...]


@dataclass(frozen=True, kw_only=True)
class ReportView:
    pack: BoardPack
    radar: Chart | None
    vision: str
    sponsor: str
    catalogue_title: str
    owner_limit: int
    funded_until: str
    cost: Cost
    phases: tuple[PhaseView, ...]


@dataclass(frozen=True, kw_only=True)
class DownloadsView:
    """The downloads page reads only the shared part (and ``report_pdf``)."""
