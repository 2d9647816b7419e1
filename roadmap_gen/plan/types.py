"""The plan: frozen, sorted, comparable values made by :func:`roadmap_gen.plan.make_plan`.

Everything here is data (tuples, not lists) so that the same project always
gives an equal plan, and templates or exporters can read it without calling
back into the planner. Efforts are floats rounded to 9 decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Optional

from roadmap_gen.core.diagnostics import Diagnostic, Loc
from roadmap_gen.model import FrozenPhase, Priority
from roadmap_gen.core.periods import Quarter

#: Why a piece of work is not planned within the horizon.
LaterReason = Literal["no-action", "no-owner", "too-large", "dependency", "capacity", "prerequisite"]
LATER_REASONS: tuple[LaterReason, ...] = ("no-action", "no-owner", "too-large", "dependency", "capacity",
                                          "prerequisite")
#: What became of work an earlier plan put in its first phase.
Outcome = Literal["done", "in-progress", "slipped", "dropped"]
OUTCOMES: tuple[Outcome, ...] = ("done", "in-progress", "slipped", "dropped")


# --- work --------------------------------------------------------------------------------

OwnerSource = Literal["initiative", "assessment", "role", ""]
ItemStatus = Literal["planned", "in-progress"]
#: Why a placed item is in its phase, in the order the scheduler places work.
Placement = Literal["pinned", "pin-moved", "in-progress", "step", "goal", "priority", "value"]


@dataclass(frozen=True)
class Why:
    """Why a placed item is in the phase it is in."""

    kind: Placement
    goals: tuple[str, ...] = ()  # "goal": the goals it enables, earliest due first
    due: Optional[Quarter] = None  # "goal": the earliest due of those goals
    priority: Priority = "normal"  # "priority": its factor's priority
    pinned: Optional[Quarter] = None  # "pin-moved": the phase it was pinned to
    item: Optional[str] = None  # "step": the pinned or in-progress item of its level step that brought it along
    held: Optional[str] = None  # "step": "pinned" or "in-progress", what that item is
    waited: tuple[str, ...] = ()  # dependencies it waited for: it could not be placed before they land


@dataclass(frozen=True)
class Item:
    """One piece of work: a catalogue action or one of the organisation's own initiatives."""

    id: str
    title: str
    factor: str
    dimension: str  # its own dimension, else its factor's
    raises_to: int
    effort: float
    owner: Optional[str] = None
    owner_name: str = ""
    owner_source: OwnerSource = ""
    owner_external: bool = False
    owner_role: Optional[str] = None
    training: tuple[str, ...] = ()
    status: ItemStatus = "planned"  # done and dropped work is never an item
    own: bool = False  # an own initiative rather than a catalogue action
    synthetic: bool = False  # stands for a level step with no work at all ("no-action")
    loc: Loc = Loc("")
    candidates: tuple[tuple[str, OwnerSource], ...] = ()  # who may be accountable, in order (see plan.owners)
    responsible: tuple[str, ...] = ()  # the people its initiatives entry names as doing the work
    pin: Optional[Quarter] = None  # the phase its initiatives entry pins it to
    goals: tuple[str, ...] = ()  # the goals whose enabling work it is
    priority: Priority = "normal"
    why: Optional[Why] = None  # set once placed
    cost: float = 0.0  # one-off money: its initiatives entry's cost, else its catalogue action's, else 0
    after: tuple[str, ...] = ()  # dependencies its initiatives entry waits for
    issue: str = ""  # its issue in a tracker (its initiatives entry's issue, which track writes), "" when none

    @property
    def pinned(self) -> bool:
        return self.pin is not None


@dataclass(frozen=True)
class Step:
    """Raising one factor by one level: the items whose ``raises_to`` is that level."""

    factor: str
    dimension: str  # where most of its effort lies (its factor's, when its items have no dimension of their own)
    level: int
    items: tuple[Item, ...]
    effort: float
    weight: int
    requires: tuple[tuple[str, int], ...]  # (factor, at_least), sorted
    unlocks: int  # how many open requirements of other factors this level helps to meet
    in_progress: bool  # some item of it is already in progress
    problem: Optional[LaterReason] = None  # "no-action" | "no-owner" | "too-large" | None
    detail: str = ""
    priority: Priority = "normal"  # its factor's
    goals: tuple[str, ...] = ()  # goals whose enabling work it is, earliest due first
    due: Optional[Quarter] = None  # the earliest due among them
    aim: Optional[Quarter] = None  # the earliest quarter a goal wants it by: due less the goal's lead
    pin: Optional[Quarter] = None  # the earliest phase any of its items is pinned to
    efforts: tuple[tuple[str, float], ...] = ()  # effort by its items' dimensions
    after: tuple[str, ...] = ()  # dependencies any of its items waits for (they hold the whole step)
    held_until: Optional[Quarter] = None  # the first quarter those dependencies let it start (None: free)

    @property
    def id(self) -> str:
        return f"{self.factor}@{self.level}"


@dataclass(frozen=True)
class StepOutcome:
    """Where a gap step went: a phase (index and period) or later work with a reason."""

    factor: str
    level: int
    phase: Optional[int] = None
    period: Optional[Quarter] = None
    reason: Optional[LaterReason] = None
    detail: str = ""
    why: Optional[Why] = None

    @property
    def planned(self) -> bool:
        return self.phase is not None


@dataclass(frozen=True)
class Later:
    """An item not planned within the horizon, and why."""

    item: Item
    reason: LaterReason
    detail: str = ""

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def factor(self) -> str:
        return self.item.factor

    @property
    def raises_to(self) -> int:
        return self.item.raises_to


@dataclass(frozen=True)
class FactorLevels:
    """A factor's level now, its target, and the level projected after each phase."""

    factor: str
    title: str
    dimension: str
    weight: int
    now: int
    target: int  # the assessment's target
    projected: tuple[int, ...]
    applicable: bool = True
    assessed: bool = True
    needed: int = 0  # the highest level a goal needs
    priority: Priority = "normal"

    @property
    def planned_target(self) -> int:
        """What the plan aims for: the target, or a goal's need above it."""
        return max(self.target, self.needed)

    @property
    def final(self) -> int:
        return self.projected[-1] if self.projected else self.now

    @property
    def reaches_target(self) -> bool:
        return self.final >= self.planned_target


@dataclass(frozen=True)
class PhaseWork:
    """What the scheduler put in one phase."""

    index: int
    period: Quarter
    capacity: float
    effort: float
    effort_by_dimension: tuple[tuple[str, float], ...]
    items: tuple[Item, ...]  # sorted by id
    steps: tuple[tuple[str, int], ...]  # (factor, level) reached at the end of this phase, sorted


@dataclass(frozen=True)
class Schedule:
    """The result of scheduling gap steps into phases."""

    phases: tuple[PhaseWork, ...]
    later: tuple[Later, ...]
    steps: tuple[Step, ...]  # every gap step, sorted by (factor, level)
    outcomes: tuple[StepOutcome, ...]  # same order as steps
    levels: tuple[FactorLevels, ...]  # every catalogue factor, by id


# --- goals -------------------------------------------------------------------------------

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
    reached: Optional[Quarter]  # the phase by whose end it is reached; None when not within the plan
    held: bool  # it holds today


@dataclass(frozen=True)
class GoalPlan:
    """A goal as the plan sees it: its status, its pace, when its needs are reached, its enabling work."""

    id: str
    statement: str
    status: GoalStatus
    metric: Optional[str]
    target: Optional[float]
    due: Optional[Quarter]
    owner: Optional[str]
    current: Optional[float]
    values: tuple[tuple[Quarter, float], ...]  # the metric at every review that records it, oldest first
    pace: Optional[Pace]
    needs: tuple[NeedReached, ...]
    needs_reached: Optional[Quarter]  # the phase by whose end every need is reached (None: not in the plan)
    enabling: tuple[str, ...]  # ids of the work that enables it, planned or later
    late: tuple[str, ...]  # of those, the ones that land after its aim (lead before due) or not within the plan
    lead: int = 1  # quarters between the needs being reached and the metric moving
    causes: tuple[RiskCause, ...] = ()  # why it is at risk (also for an off-track goal whose needs are late)
    original: Optional[OriginalPromise] = None  # re-baselined: the promise of the last review, judged

    @property
    def needs_late(self) -> bool:
        """A need is reached later than ``lead`` quarters before due, or not within the plan."""
        return "late-need" in self.causes


@dataclass(frozen=True)
class OriginalPromise:
    """A re-baselined goal judged against the due and target the last review promised."""

    due: Optional[Quarter]
    target: Optional[float]
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
    approved_by: Optional[str] = None
    reason: str = ""
    loc: Loc = Loc("")

    @property
    def approved(self) -> bool:
        return self.approved_by is not None


# --- scope -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeRef:
    kind: str  # "practices" | "configuration_items"
    id: str
    status: str
    start: Optional[Quarter] = None
    reason: str = ""
    loc: Loc = Loc("")


@dataclass(frozen=True)
class PhaseScope:
    period: Quarter
    practices: tuple[str, ...]
    configuration_items: tuple[str, ...]
    entering: tuple[ScopeRef, ...] = ()  # later entries whose `from` is this phase (or earlier, for the first)


@dataclass(frozen=True)
class ScopePlan:
    phases: tuple[PhaseScope, ...]
    unplaced: tuple[ScopeRef, ...]  # later entries with no `from`
    out: tuple[ScopeRef, ...]
    after_horizon: tuple[ScopeRef, ...] = ()  # later entries whose `from` is after the last phase


# --- phases as the plan shows them ------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    """Money, in the organisation's planning.currency: the work's own and the training fees."""

    work: float = 0.0
    training: float = 0.0

    @property
    def total(self) -> float:
        return round(self.work + self.training, 9)


@dataclass(frozen=True)
class DependencyPlan:
    """A dependency as the plan sees it: when the work waiting for it can start, and that work."""

    id: str
    title: str
    expected: Quarter
    status: str  # expected | done | late
    owner: Optional[str]
    lands: Optional[Quarter]  # the quarter after which its work may start (None when done)
    items: tuple[str, ...]  # ids of the work that waits for it, planned or later
    slipped: bool  # expected before this review and not done, or marked late


@dataclass(frozen=True)
class Phase:
    index: int
    period: Quarter
    capacity: float
    effort: float
    effort_by_dimension: tuple[tuple[str, float], ...]
    items: tuple[Item, ...]
    steps: tuple[tuple[str, int], ...]
    scope: PhaseScope
    levels: tuple[tuple[str, int], ...]  # every factor's projected level after this phase
    training_hours: float = 0.0
    cost: Cost = field(default_factory=Cost)
    funded: bool = True  # within planning.funded_until (or no end of funding given)

    @property
    def free(self) -> float:
        return round(self.capacity - self.effort, 9)


# --- owners and governance --------------------------------------------------------------


@dataclass(frozen=True)
class OwnerLoad:
    """What one person owns in one phase."""

    person: str
    name: str
    external: bool
    phase: int
    period: Quarter
    items: tuple[str, ...]
    effort: float
    over_limit: bool = False

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Raci:
    item: str
    title: str
    factor: str
    phase: Optional[int]  # None: later work
    accountable: Optional[str]
    responsible: tuple[str, ...]  # the people the work's entry names
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    candidates: tuple[str, ...] = ()  # where it names none: the other holders of its role, who could be


@dataclass(frozen=True)
class Communication:
    """What one stakeholder must hear about one phase: the work they are consulted or informed on,
    and the day to tell them by."""

    stakeholder: str
    period: Quarter
    consulted: tuple[str, ...]  # item ids, sorted
    informed: tuple[str, ...]
    tell_by: date  # TELL_AHEAD days before the phase's first day
    contact: Optional[str] = None  # a person id: who talks to them


@dataclass(frozen=True)
class Decision:
    """What the steering group is asked to decide about one subject: the findings about it merged."""

    id: str  # "<first check>:<about>"
    about: Optional[str]
    checks: tuple[str, ...]  # registry order
    question: str
    options: tuple[str, ...]
    recommendation: str
    if_nothing: str
    findings: tuple[Diagnostic, ...] = ()  # what it was made from, sorted


# --- training ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingSession:
    module: str
    title: str
    format: str
    phase: int
    period: Quarter
    people: tuple[str, ...]
    hours: float  # per person
    total_hours: float
    items: tuple[str, ...] = ()  # planned items that need it in this phase
    factors: tuple[str, ...] = ()
    follow_up_of: tuple[str, ...] = ()  # modules whose follow-up this session is
    bookings: tuple[Booking, ...] = ()  # per person, why they are booked (by person)


@dataclass(frozen=True)
class Booking:
    """Why one person is booked on one session: the items they do that need the module, or the
    modules whose follow-up it is for them."""

    person: str
    items: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonTraining:
    person: str
    name: str
    hours: float
    by_phase: tuple[float, ...]  # hours per phase
    modules: tuple[tuple[int, str], ...]  # (phase, module), sorted
    over_limit: tuple[int, ...] = ()  # phases in which the person has more than the training limit


@dataclass(frozen=True)
class PhaseTraining:
    phase: int
    period: Quarter
    hours: float
    sessions: int
    people: int


@dataclass(frozen=True)
class RoleTraining:
    role: str
    title: str
    people: tuple[str, ...]
    hours: float
    modules: tuple[str, ...]


@dataclass(frozen=True)
class AudienceGap:
    """A module the plan needs that nobody can attend (no one holds a role of its audience)."""

    module: str
    phase: int
    period: Quarter
    audience: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True)
class AfterHorizon:
    """A follow-up that falls after the last planned phase."""

    module: str
    follow_up_of: str
    after: Quarter  # the period of the last phase
    people: tuple[str, ...]


@dataclass(frozen=True)
class TrainingPlan:
    sessions: tuple[TrainingSession, ...] = ()  # by (phase, module)
    people: tuple[PersonTraining, ...] = ()
    phases: tuple[PhaseTraining, ...] = ()
    roles: tuple[RoleTraining, ...] = ()
    gaps: tuple[AudienceGap, ...] = ()
    after_horizon: tuple[AfterHorizon, ...] = ()
    limit: float = 40.0  # planning.training_limit: most hours one person should have in a phase

    @property
    def hours(self) -> float:
        return round(sum(s.total_hours for s in self.sessions), 9)


# --- history -----------------------------------------------------------------------------


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
    levels: tuple[Optional[int], ...]  # one per History.periods; None: not assessed or not applicable
    regressions: tuple[Regression, ...] = ()


@dataclass(frozen=True)
class MetricHistory:
    metric: str
    title: str
    unit: str
    direction: str
    values: tuple[Optional[float], ...]  # `current` at each review, one per History.periods


@dataclass(frozen=True)
class ItemOutcome:
    id: str
    title: str
    factor: str
    raises_to: int
    period: Quarter  # the phase it was planned in
    outcome: str  # "done" | "in-progress" | "slipped" | "dropped"
    status_after: Optional[str]  # its initiative status at the next review, None if absent
    level_after: int


@dataclass(frozen=True)
class LevelChange:
    factor: str
    before: Optional[int]
    after: Optional[int]


@dataclass(frozen=True)
class MetricChange:
    metric: str
    before: Optional[float]
    after: Optional[float]


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


# --- teams -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamFactor:
    factor: str
    level: int
    target: int
    gap: int
    applicable: bool = True


@dataclass(frozen=True)
class TeamSummary:
    id: str
    name: str
    lead: Optional[str]
    group: Optional[str]
    factors: tuple[TeamFactor, ...]
    file: str = ""
    below: tuple[str, ...] = ()  # factors where the team stands below the organisation's current level

    @property
    def gap(self) -> int:
        return sum(f.gap for f in self.factors)


@dataclass(frozen=True)
class FactorSpread:
    factor: str
    teams: int  # how many teams assessed it (applicable)
    lowest: int
    median: float
    highest: int
    organisation: Optional[int]  # the organisation's own level, None when not assessed
    lagging: tuple[str, ...]  # teams below the median or below the organisation's level
    lower_median: int = 0  # the lower of the two middle levels (the middle one for an odd count)


@dataclass(frozen=True)
class TeamGroup:
    group: str
    teams: tuple[str, ...]


@dataclass(frozen=True)
class SkippedCheck:
    """A health check that cannot apply to this project, and why: a code the health page words.

    ``no-earlier-review``: the check compares with the last review, and there is none yet.
    ``missing-dimension``: the catalogue has none of the dimensions in ``about``.
    """

    check: str
    reason: SkipReason
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamsSummary:
    teams: tuple[TeamSummary, ...] = ()
    factors: tuple[FactorSpread, ...] = ()
    groups: tuple[TeamGroup, ...] = ()


# --- the plan ----------------------------------------------------------------------------


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
    funded_until: Optional[Quarter] = None
    goals: tuple[GoalPlan, ...] = ()
    history: History = field(default_factory=History)
    teams: TeamsSummary = field(default_factory=TeamsSummary)
    vision: str = ""
    sponsor: Optional[str] = None
    catalogue: str = ""
    communications: tuple[Communication, ...] = ()  # by stakeholder, then phase
    decisions: tuple[Decision, ...] = ()  # what the steering group is asked to decide

    @property
    def items(self) -> tuple[Item, ...]:
        """Every planned item, phase by phase."""
        return tuple(item for phase in self.phases for item in phase.items)

    def level(self, factor: str) -> Optional[FactorLevels]:
        for levels in self.levels:
            if levels.factor == factor:
                return levels
        return None
