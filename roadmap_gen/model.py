"""The typed, frozen model of a roadmap project, and the input format it is read from.

Every field a user can write is declared here, once: its type, its spec (what
the YAML may hold), whether it is required, its default and its one-line
meaning. The form check and the model builder (:class:`~roadmap_gen.spec.fields.Record`),
the JSON Schemas, ``docs/format-fields.md`` and the field-coverage test are all
derived from these declarations.

Every entity keeps where it was written (``locs``: the key or list item that
defines it, and each of its fields), so later stages can point a user at the
exact line a finding is about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date as Day
from functools import cached_property
from typing import Any, Literal, Mapping, Optional

from roadmap_gen.core.engine_names import ENGINES, Engine
from roadmap_gen.spec.fields import (
    Bool,
    Date,
    Entry,
    Enum,
    Int,
    IntKey,
    ListOf,
    Locs,
    MapOf,
    Num,
    Period,
    Record,
    Section,
    Slug,
    Str,
    context_field,
    field,
    key_field,
    locs_field,
    parent_key_field,
)
from roadmap_gen.core.periods import Quarter, add_months

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

__all__ = [
    "Action", "Assessment", "Need", "PRIORITIES", "TrainingRecord", "Waiver", "Catalogue", "DIRECTIONS", "Dimension",
    "ENGAGEMENTS", "ENGINES", "Evidence", "FEEDBACK_STATUSES", "FILES", "FrozenItem", "FrozenPhase", "FrozenPlan",
    "GeneratorSettings", "DEPENDENCY_STATUSES", "Dependency", "REBASELINE_CHANGES", "Rebaseline", "RetiredAction", "Factor", "Feedback", "Goal", "INITIATIVE_STATUSES", "Initiative", "Locs",
    "METRIC_KINDS", "Metric",
    "MetricSuggestion", "Organisation", "Page", "Person", "Planning", "Project", "Requirement", "Review", "Role",
    "SCOPE_STATUSES", "ScaleLevel", "ScopeItem", "Snapshot", "Stakeholder", "TRAINING_FORMATS", "Team",
    "TrainingModule",
]



# --- catalogue -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ScaleLevel:
    number: int = key_field("The level number (0, 1, 2 ...).")
    name: str = field(Str(), "Short name of the level, e.g. Defined.", required=True)
    summary: str = field(Str(), "What the level means in one sentence.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Dimension:
    id: str = key_field()
    title: str = field(Str(), "Name shown on the site.", required=True)
    description: str = field(Str(), "One sentence shown beside the title.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Role:
    id: str = key_field()
    title: str = field(Str(), "Name shown on the site.", required=True)
    description: str = field(Str(), "One sentence shown beside the title.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class RetiredAction:
    """An action id a revision of the catalogue removed or renamed; entries that still use it are
    accepted with a warning, and frozen reviews that used it stay valid."""

    id: str = key_field("The old action id.")
    since: str = field(Str(), "The catalogue version that retired it.", required=True)
    reason: str = field(Str(), "Why it went, in a sentence: shown in the warning and on the catalogue page.",
                        required=True)
    replaced_by: Optional[str] = field(
        Slug(ref="action"), "The action that does the same work now: an entry of the old id counts for it.",
        default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class TrainingModule:
    id: str = key_field()
    title: str = field(Str(), "Name shown on the site.", required=True)
    format: TrainingFormat = field(Enum(TRAINING_FORMATS), "How it is taught.", required=True)
    hours: float = field(Num(minimum=0), "Hours per person.", required=True)
    audience: tuple[str, ...] = field(ListOf(Slug(ref="role"), min_items=1), "Role ids that take this module.",
                                      required=True)
    follow_up: Optional[str] = field(
        Slug(ref="module"), "A module booked in the phase after this one, for the same people.", default=None)
    description: str = field(Str(), "What the module teaches, shown in the catalogue.", default="")
    cost: Optional[float] = field(Num(minimum=0), "The fee per person booked, in the organisation's "
                                                  "planning.currency.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class MetricSuggestion:
    id: str = field(Slug(), "The metric's id, as an organisation would file it under `metrics`.", required=True)
    title: str = field(Str(), "Name shown on the site.", required=True)
    unit: str = field(Str(allow_empty=True), "Unit of the values, e.g. % or days.", default="")
    direction: Direction = field(Enum(DIRECTIONS), "Which way is better.", default="up")
    kind: MetricKind = field(Enum(METRIC_KINDS), "outcome, experience or operational.", default="operational")
    description: str = field(Str(), "What it measures, shown on the factor's page.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Action:
    id: str = field(Slug(), "Unique across the catalogue.", required=True)
    factor: str = parent_key_field("The factor the action raises (the one it is listed under).")
    title: str = field(Str(), "What the work is, shown on the plan.", required=True)
    raises_to: int = field(Int(minimum=1), "The level this work (with the others of that step) brings the factor to.",
                           required=True)
    effort: float = field(Num(positive=True), "Effort points, counted against a phase's capacity.", required=True)
    owner_role: Optional[str] = field(Slug(ref="role"), "A role id: who is accountable by default.", default=None)
    training: tuple[str, ...] = field(ListOf(Slug(ref="module")), "Training module ids this work needs.")
    description: str = field(Str(), "What doing it involves, shown in the catalogue.", default="")
    dimension: Optional[str] = field(
        Slug(ref="dimension"), "The work's own dimension, when it is not its factor's (a floor walk under a "
                               "technology factor is people work).", default=None)
    cost: Optional[float] = field(Num(minimum=0), "One-off money the work needs (licences, fees), in the "
                                                  "organisation's planning.currency.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """To reach ``level`` of a factor, ``factor`` must first be at ``at_least``."""

    level: int
    factor: str
    at_least: int
    locs: Locs = locs_field()


def _requirements(entries: list[Entry]) -> tuple[Requirement, ...]:
    found = [Requirement(level=level.key, factor=req.key, at_least=req.value, locs=Locs(req.loc))
             for level in entries for req in level.value]
    return tuple(sorted(found, key=lambda r: (r.level, r.factor)))


def _levels(entries: list[Entry]) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((e.key, e.value) for e in entries))


@dataclass(frozen=True, kw_only=True)
class Factor:
    id: str = key_field()
    title: str = field(Str(), "Name shown on the site.", required=True)
    question: str = field(Str(), "The question the assessment answers.", required=True)
    dimension: str = field(Slug(ref="dimension"), "A dimension id.", required=True)
    weight: int = field(Int(minimum=1, maximum=5), "Importance, 1..5 (default 3).", default=3)
    summary: str = field(Str(), "Why the factor matters, in one sentence.", default="")
    levels: tuple[tuple[int, str], ...] = field(
        MapOf(IntKey(1), Str(), build=_levels), "What each level above 0 looks like.", required=True)
    requires: tuple[Requirement, ...] = field(
        MapOf(IntKey(1), MapOf(Slug(ref="factor"), Int(minimum=0), build=list), build=_requirements),
        "To reach a level, other factors must first be at these levels.")
    metrics: tuple[MetricSuggestion, ...] = field(ListOf(Record(MetricSuggestion)), "Suggested measures of this factor.")
    actions: tuple[Action, ...] = field(ListOf(Record(Action)), "Work that raises the factor.")
    warning_signs: tuple[str, ...] = field(ListOf(Str()), "What failure looks like, shown on the factor's page.")
    locs: Locs = locs_field()

    def level_text(self, level: int) -> str:
        return dict(self.levels).get(level, "")

    def requirements_for(self, level: int) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requires if r.level == level)


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    """A catalogue file, and the merge of all of them (content/catalogue/*.yaml)."""

    __sections__ = (Section("catalogue", "The catalogue's identity, scale and dimensions; exactly one catalogue "
                                         "file has it."),)
    __title__ = "roadmap-gen catalogue file"

    id: str = field(Slug(), "The catalogue's id.", required=True, section="catalogue")
    title: str = field(Str(), "Name shown on the site.", required=True, section="catalogue")
    version: str = field(Str(), "The catalogue's version, shown in the catalogue.", default="", section="catalogue")
    subject: str = field(Str(), "What the catalogue improves (e.g. IT service management); the site's title and "
                                "wording use it.", default="", section="catalogue")
    description: str = field(Str(), "What the catalogue is, shown on the catalogue page.", default="",
                             section="catalogue")
    source: str = field(Str(), "Where the catalogue comes from (a public model, its version and where to get it), "
                               "shown on the catalogue page.", default="", section="catalogue")
    licence: str = field(Str(), "The terms the catalogue's text is under (e.g. CC BY-SA 4.0), shown on the "
                                "catalogue page with its source.", default="", section="catalogue")
    scale: tuple[ScaleLevel, ...] = field(
        MapOf(IntKey(0), Record(ScaleLevel)), "Maturity levels: consecutive whole numbers from 0.", required=True,
        section="catalogue")
    dimensions: tuple[Dimension, ...] = field(
        MapOf(Slug(), Record(Dimension)), "What a factor belongs to, e.g. people, process, technology.",
        required=True, section="catalogue")
    roles: tuple[Role, ...] = field(MapOf(Slug(), Record(Role)), "Roles that own work or receive training.")
    training: tuple[TrainingModule, ...] = field(MapOf(Slug(), Record(TrainingModule)), "Training modules.")
    factors: tuple[Factor, ...] = field(MapOf(Slug(), Record(Factor)), "The critical success factors.")
    retired: tuple[RetiredAction, ...] = field(
        MapOf(Slug(), Record(RetiredAction)), "Action ids an earlier version had and this one does not.",
        section="catalogue")
    files: tuple[str, ...] = context_field((), "The catalogue files merged into this catalogue.")
    locs: Locs = locs_field()

    @property
    def has_header(self) -> bool:
        """Whether this file carries the ``catalogue:`` block."""
        return self.locs.has("catalogue")

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
    def retired_by_id(self) -> Mapping[str, RetiredAction]:
        return {r.id: r for r in self.retired}

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


@dataclass(frozen=True, kw_only=True)
class TrainingRecord:
    module: str = field(Slug(ref="module"), "A training module id.", required=True)
    date: Optional[Day] = field(Date(), "When it was completed.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Person:
    id: str = key_field()
    name: str = field(Str(), "The person's name, shown wherever they own or attend something.", required=True)
    roles: tuple[str, ...] = field(ListOf(Slug(ref="role")), "Role ids from the catalogue.")
    team: Optional[str] = field(Slug(), "A team id (a file under content/teams/).", default=None)
    external: bool = field(Bool(), "true for partners and consultants.", default=False)
    email: str = field(Str(), "Shown on the governance page.", default="")
    until: Optional[Day] = field(Date(), "The last day this person is available (contract end, leaving): nobody is "
                                         "planned to own work or attend training after it.", default=None)
    trained: tuple[TrainingRecord, ...] = field(
        ListOf(Record(TrainingRecord, short_field="module")),
        "Training modules already completed (an id, or {module, date}): never booked again.")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Stakeholder:
    id: str = key_field()
    title: str = field(Str(), "Name of the group, shown on the governance page.", required=True)
    engagement: Engagement = field(Enum(ENGAGEMENTS), "How engaged the group is today.", default="none")
    contact: Optional[str] = field(Slug(), "A person id: who talks to them.", default=None)
    description: str = field(Str(), "Who they are, shown on the governance page.", default="")
    interests: tuple[str, ...] = field(ListOf(Slug(ref="interest")), "Factor ids or dimension ids the group cares about: it is "
                                                       "consulted on that work and informed of the rest.")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Evidence:
    text: str = field(Str(), "What shows the level is real.", required=True)
    date: Optional[Day] = field(Date(), "When the evidence was produced.", default=None)
    link: Optional[str] = field(Str(), "http(s), mailto or relative link.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Assessment:
    factor: str = key_field("The factor assessed.")
    level: int = field(Int(minimum=0), "The level today (required unless applicable: false).", default=0)
    target: int = field(Int(minimum=0), "The level wanted (default: the current level).",
                        default_fn=lambda values, parent: values["level"])
    owner: Optional[str] = field(Slug(), "A person id accountable for this factor.", default=None)
    evidence: tuple[Evidence, ...] = field(ListOf(Record(Evidence)), "What shows the level is real.")
    notes: str = field(Str(), "Anything a reader needs to judge the level, shown on the factor's page.", default="")
    applicable: bool = field(Bool(), "false leaves the factor out of the plan (needs a reason).", default=True)
    reason: str = field(Str(), "Why the factor does not apply.", default="")
    priority: Priority = field(Enum(PRIORITIES), "How much the factor's work matters: critical, high, normal "
                                                 "(default) or low; ranks its work in the plan.", default="normal")
    answers: tuple[int, ...] = field(ListOf(Int(minimum=0)), "The levels respondents answered when the level was "
                                                             "collected from several workbooks (`roadmap-gen "
                                                             "collect` writes it).")
    locs: Locs = locs_field()

    @property
    def gap(self) -> int:
        return max(0, self.target - self.level) if self.applicable else 0


@dataclass(frozen=True, kw_only=True)
class Metric:
    id: str = key_field()
    title: str = field(Str(), "Name shown on the site.", required=True)
    kind: MetricKind = field(Enum(METRIC_KINDS), "outcome, experience or operational.", required=True)
    unit: str = field(Str(allow_empty=True), "Unit of the values, e.g. % or days.", required=True)
    direction: Direction = field(Enum(DIRECTIONS), "Which way is better.", required=True)
    baseline: Optional[float] = field(Num(), "The value when the programme started.", default=None)
    current: Optional[float] = field(Num(), "The value at this review.", default=None)
    target: Optional[float] = field(Num(), "The value to reach.", default=None)
    due: Optional[Quarter] = field(Period(), "The quarter the target should be met.", default=None)
    factor: Optional[str] = field(Slug(ref="factor"), "A factor id: the factor this metric tracks.", default=None)
    description: str = field(Str(), "How it is measured, shown on the goals page.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Need:
    """A factor level a goal depends on."""

    factor: str
    level: int
    locs: Locs = locs_field()


def _needs(entries: list[Entry]) -> tuple[Need, ...]:
    return tuple(Need(factor=e.key, level=e.value, locs=Locs(e.loc)) for e in entries)


@dataclass(frozen=True, kw_only=True)
class Goal:
    id: str = field(Slug(), "The goal's id.", required=True)
    statement: str = field(Str(), "Which number moves from where to where by when, in one sentence.", required=True)
    metric: Optional[str] = field(Slug(), "A metric id.", default=None)
    target: Optional[float] = field(Num(), "The metric value the goal aims for.", default=None)
    due: Optional[Quarter] = field(Period(), "The quarter the goal falls due.", default=None)
    owner: Optional[str] = field(Slug(), "A person id: who answers for the goal.", default=None)
    needs: tuple[Need, ...] = field(MapOf(Slug(ref="factor"), Int(minimum=0), build=_needs),
                                    "Factor levels the goal depends on (factor id: level); the work that reaches "
                                    "them is planned to land before the goal falls due.")
    lead: int = field(Int(minimum=0, maximum=20), "Quarters between the needs being reached and the metric moving "
                                                  "(default 1): the needs are planned to be reached that many "
                                                  "quarters before the due quarter.", default=1)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Initiative:
    """An entry of ``initiatives``: progress on a catalogue action, or work of the organisation's own."""

    id: str = key_field()
    status: InitiativeStatus = field(Enum(INITIATIVE_STATUSES), "planned, in-progress, done or dropped.",
                                     default="planned")
    title: Optional[str] = field(Str(), "What the work is (own initiatives only).", default=None)
    factor: Optional[str] = field(Slug(ref="factor"), "The factor it raises (own initiatives only).", default=None)
    raises_to: Optional[int] = field(Int(minimum=1), "The level it brings the factor to (own initiatives only).",
                                     default=None)
    effort: Optional[float] = field(Num(positive=True), "Effort points (own initiatives only).", default=None)
    owner: Optional[str] = field(Slug(), "A person id: who is accountable for this work.", default=None)
    training: tuple[str, ...] = field(ListOf(Slug(ref="module")), "Training module ids this work needs.")
    notes: str = field(Str(), "Free text shown with the item on the plan.", default="")
    phase: Optional[Quarter] = field(Period(), "Pin the work, and with it its whole level step, to this phase.",
                                     default=None)
    responsible: tuple[str, ...] = field(ListOf(Slug()), "Person ids who do the work with its owner (they get its "
                                                         "training).")
    dimension: Optional[str] = field(Slug(ref="dimension"), "The work's own dimension, when it is not its factor's.",
                                     default=None)
    cost: Optional[float] = field(Num(minimum=0), "One-off money the work needs (licences, fees), in "
                                                  "planning.currency; for a catalogue action, instead of its own.",
                                  default=None)
    after: tuple[str, ...] = field(ListOf(Slug()), "Dependency ids (under `dependencies`): outside work this waits "
                                                   "for, with the rest of its level step.")
    issue: Optional[str] = field(Str(), "The work's issue in a tracker (PROJ-12, #12), shown with the item; "
                                        "`roadmap-gen track` writes it.", default=None)
    locs: Locs = locs_field()

    @property
    def is_own(self) -> bool:
        """Whether this is the organisation's own work rather than a catalogue action's status."""
        return self.title is not None


@dataclass(frozen=True, kw_only=True)
class Feedback:
    date: Day = field(Date(), "When it was said.", required=True)
    source: str = field(Slug(), "A stakeholder or person id.", required=True, name="from")
    text: str = field(Str(), "What was said.", required=True)
    status: FeedbackStatus = field(Enum(FEEDBACK_STATUSES), "open, accepted, considered or declined.", default="open")
    response: str = field(Str(), "What was done with it.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class ScopeItem:
    id: str = key_field()
    kind: ScopeKind = context_field("practices", "practices or configuration_items: where it is listed.")
    status: ScopeStatus = field(Enum(SCOPE_STATUSES), "in, later or out.", required=True)
    start: Optional[Quarter] = field(Period(), "The period a 'later' entry enters scope.", default=None, name="from")
    reason: str = field(Str(), "Why it is later or out.", default="")
    owner: Optional[str] = field(Slug(), "A person id: the practice's accountable owner.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Review:
    period: Quarter = field(Period(), "The quarter this assessment describes.", required=True)
    date: Day = field(Date(), "The review day: the 'as of' date of every age check.", required=True)
    next: Day = field(Date(), "The next review's day (default: three months after date).",
                       default_fn=lambda values, parent: add_months(values["date"], 3))
    locs: Locs = locs_field()


def _start(values: Mapping[str, Any], parent: Mapping[str, Any]) -> Quarter:
    review = parent.get("review")
    period = review.period if isinstance(review, Review) else Quarter(1970, 1)
    return period.shift(1)


@dataclass(frozen=True, kw_only=True)
class Planning:
    start: Quarter = field(Period(), "The first planned quarter (default: the one after review.period).",
                           default_fn=_start)
    phases: int = field(Int(minimum=1, maximum=40), "How many quarterly phases to plan.", required=True)
    capacity: float = field(Num(positive=True), "Effort points available in each phase.", required=True)
    owner_limit: int = field(Int(minimum=1), "Most items one person should own in a phase (default 3).", default=3)
    training_limit: float = field(Num(positive=True), "Most training hours one person should have in a phase "
                                                      "(default 40).", default=40.0)
    effort_unit: str = field(Str(), "What one effort point is (person-days, team-weeks); shown beside every point "
                                    "figure.", default="")
    currency: str = field(Str(), "The currency of every cost (EUR, USD): shown as written, never guessed.",
                          default="")
    funded_until: Optional[Quarter] = field(Period(), "The last quarter the programme's budget covers: work "
                                                      "planned after it is unfunded.", default=None)
    reserve: int = field(Int(minimum=0, maximum=100), "Percent of each phase's capacity kept free for the "
                                                      "unplanned (default 0): the planner fills a phase up to the "
                                                      "rest.", default=0)
    locs: Locs = locs_field()

    @property
    def fill(self) -> float:
        """What the planner fills a phase up to: the floor of capacity x (100 - reserve) / 100."""
        if not self.reserve:
            return float(self.capacity)  # no reserve: the whole capacity, fractions included, as in 1.1
        return float(math.floor(self.capacity * (100 - self.reserve) / 100 + 1e-9))

    @property
    def unit(self) -> str:
        """What effort is counted in, for messages: the organisation's own unit, else points."""
        return self.effort_unit or "points"

    @property
    def end(self) -> Quarter:
        """The last planned quarter (the plan's horizon)."""
        return self.start.shift(max(1, self.phases) - 1)


@dataclass(frozen=True, kw_only=True)
class Waiver:
    """A finding accepted for a while: it still shows, but no longer fails --strict until it lapses."""

    check: str = field(Slug(ref="check"), "The check id of the finding.", required=True)
    about: Optional[str] = field(Str(), "The finding's about (the id it names, or a setting's dotted key); leave "
                                        "it out for a finding about nothing in particular.", default=None)
    reason: str = field(Str(), "Why the finding is accepted.", required=True)
    approved_by: str = field(Slug(), "A person id: who accepted it.", required=True)
    until: Quarter = field(Period(), "The waiver lapses after this quarter.", required=True)
    locs: Locs = locs_field()


DependencyStatus = Literal["expected", "done", "late"]
DEPENDENCY_STATUSES: tuple[DependencyStatus, ...] = ("expected", "done", "late")


@dataclass(frozen=True, kw_only=True)
class Dependency:
    """Work outside the programme that planned work waits for (a laptop refresh, a supplier renewal)."""

    id: str = key_field()
    title: str = field(Str(), "What the outside work is, shown on the roadmap.", required=True)
    expected: Quarter = field(Period(), "The quarter it is expected to land: work waiting for it is planned no "
                                        "earlier than the quarter after.", required=True)
    owner: Optional[str] = field(Slug(), "A person id: who follows it up.", default=None)
    status: DependencyStatus = field(Enum(DEPENDENCY_STATUSES), "expected (default), done or late.",
                                     default="expected")
    description: str = field(Str(), "What it is and who delivers it, shown on the roadmap.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Rebaseline:
    """A change of promise made at this review (a goal's due moved later, a target lowered ...), and
    who agreed it: the approval of one re-baseline the planner finds against the last review."""

    about: str = field(Str(), "The goal, metric or factor id the promise was about; planning for the horizon.",
                       required=True)
    change: RebaselineChange = field(Enum(REBASELINE_CHANGES), "What changed: goal-due, goal-target, "
                                                               "goal-removed, metric-due, metric-target, "
                                                               "factor-target or horizon.", required=True)
    reason: str = field(Str(), "Why the promise changed.", required=True)
    approved_by: str = field(Slug(), "A person id: who agreed the change.", required=True)
    locs: Locs = locs_field()


def _scope_entries(kind: ScopeKind, doc: str) -> Any:
    entry = Record(ScopeItem, short_field="status")
    return field(MapOf(Slug(), entry, inject=(("kind", kind),)), doc, section="scope")


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """``content/organisation.yaml``: the current state, or a frozen earlier review."""

    __sections__ = (Section("organisation", "Who the roadmap is for.", required=True),
                    Section("scope", "What the programme covers: in, later or out."))
    __title__ = "roadmap-gen organisation file"

    name: str = field(Str(), "The organisation's name, shown on every page.", required=True, section="organisation")
    vision: str = field(Str(), "One sentence that heads the home page.", default="", section="organisation")
    sponsor: Optional[str] = field(Slug(), "A person id: the executive who owns the programme.", default=None,
                                   section="organisation")
    programme: str = field(Str(), "The programme's own name; the site's title uses it.", default="",
                           section="organisation")
    review: Review = field(Record(Review), "The review this file describes.", required=True)
    planning: Planning = field(Record(Planning), "How many phases to plan and their capacity.", required=True)
    practices: tuple[ScopeItem, ...] = _scope_entries("practices", "Practices: in, later or out.")
    configuration_items: tuple[ScopeItem, ...] = _scope_entries(
        "configuration_items", "Classes of configuration item (CMDB): in, later or out.")
    people: tuple[Person, ...] = field(MapOf(Slug(), Record(Person)), "Everyone named anywhere in the project.")
    stakeholders: tuple[Stakeholder, ...] = field(MapOf(Slug(), Record(Stakeholder)), "The groups served.")
    assessment: tuple[Assessment, ...] = field(MapOf(Slug(ref="factor"), Record(Assessment)),
                                               "One entry per catalogue factor.")
    metrics: tuple[Metric, ...] = field(MapOf(Slug(), Record(Metric)), "How the organisation knows work made a "
                                                                      "difference.")
    goals: tuple[Goal, ...] = field(ListOf(Record(Goal)), "What the programme is trying to achieve.")
    initiatives: tuple[Initiative, ...] = field(
        MapOf(Slug(ref="action", open=True), Record(Initiative)),
        "Progress on catalogue actions, and work of the organisation's own.")
    feedback: tuple[Feedback, ...] = field(ListOf(Record(Feedback)), "What stakeholders said, and what was done "
                                                                     "with it.")
    waivers: tuple[Waiver, ...] = field(ListOf(Record(Waiver)), "Findings the organisation has decided to accept, "
                                                                "for a while.")
    dependencies: tuple[Dependency, ...] = field(
        MapOf(Slug(), Record(Dependency)), "Work outside the programme that planned work waits for (`after` on an "
                                           "initiatives entry).")
    rebaselines: tuple[Rebaseline, ...] = field(
        ListOf(Record(Rebaseline)), "Changes of promise made at this review (a goal due later, a target lowered), "
                                    "and who approved each; `review` freezes and clears them.")
    file: str = context_field("", "The file this organisation was read from.")
    locs: Locs = locs_field()

    @property
    def scope(self) -> tuple[ScopeItem, ...]:
        """Every scope entry: practices first, then configuration items."""
        return self.practices + self.configuration_items

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

    @cached_property
    def dependency_by_id(self) -> Mapping[str, Dependency]:
        return {d.id: d for d in self.dependencies}


@dataclass(frozen=True, kw_only=True)
class Team:
    """``content/teams/<team-id>.yaml``: one team's own assessment."""

    __sections__ = (Section("team", "Who the team is.", required=True),)
    __title__ = "roadmap-gen team file"
    __hints__ = {"members": "a team's members are the people whose `team` is this team's id, under `people` "
                            "in content/organisation.yaml"}

    id: str = context_field("", "The team's id: its file name.")
    name: str = field(Str(), "The team's name, shown on its page.", required=True, section="team")
    lead: Optional[str] = field(Slug(), "A person id.", default=None, section="team")
    group: Optional[str] = field(Str(), "Teams with the same group share a page and heatmap.", default=None,
                                 section="team")
    description: str = field(Str(), "What the team does, shown on its page.", default="", section="team")
    assessment: tuple[Assessment, ...] = field(MapOf(Slug(ref="factor"), Record(Assessment)),
                                               "The team's own levels, same shape as the organisation's.")
    file: str = context_field("", "The file this team was read from.")
    locs: Locs = locs_field()

    @cached_property
    def assessment_by_factor(self) -> Mapping[str, Assessment]:
        return {a.factor: a for a in self.assessment}


#: The files of a project and the record each is read into.
# --- a frozen plan (content/reviews/<period>/roadmap.json) --------------------------------


@dataclass(frozen=True, kw_only=True)
class FrozenItem:
    """A piece of work as a frozen plan placed it."""

    __open__ = True
    id: str = field(Str(), "The action or initiative id.", required=True)
    title: str = field(Str(), "What the work was.", default="")
    factor: str = field(Slug(), "The factor it raised.", required=True)
    raises_to: int = field(Int(minimum=1), "The level it brought the factor to.", required=True)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class FrozenPhase:
    __open__ = True
    period: Quarter = field(Period(), "The phase's quarter.", required=True)
    items: tuple[FrozenItem, ...] = field(ListOf(Record(FrozenItem)), "The work placed in it.")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class FrozenPlan:
    """The plan as it was published at a review: what ``export --format json`` printed then.

    ``review`` writes it; only the keys below are read (the file holds the whole plan)."""

    __open__ = True
    __title__ = "A review's frozen plan (roadmap.json)"
    review: Quarter = field(Period(), "The review period that made the plan.", required=True)
    phases: tuple[FrozenPhase, ...] = field(ListOf(Record(FrozenPhase)), "The plan's phases, in order.")
    locs: Locs = locs_field()


# --- how the site is built (roadmap-gen.yaml) -----------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TrackerStates:
    """A team's own workflow states, for ``roadmap-gen track``: added to the states it knows already."""

    done: tuple[str, ...] = field(ListOf(Str()), "Tracker states that mean the work is done, besides Done, Closed "
                                                 "and Resolved (any case).")
    in_progress: tuple[str, ...] = field(ListOf(Str()), "Tracker states that mean the work is under way, besides "
                                                        "In Progress and In Review (any case).")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class GeneratorSettings:
    """How roadmap-gen builds this project's site: ``roadmap-gen.yaml`` at the project's root, optional,
    every field optional. (The site's own look and navigation are in ``mkdocs.yml``.)"""

    __title__ = "roadmap-gen settings (roadmap-gen.yaml)"
    engine: Engine = field(Enum(ENGINES), "The site engine: mkdocs (MkDocs with Material for MkDocs, the default) or "
                                          "zensical (Zensical, from the same authors, for after Material's end of "
                                          "life; pip install 'roadmap-gen[zensical]'). --engine overrides it.",
                           default="mkdocs")
    offline: bool = field(Bool(), "true: build a site that also works opened from disk (page links end in "
                                  ".html; there is no search, which needs a web server, and the home page says "
                                  "so).", default=False)
    tracker: TrackerStates = field(Record(TrackerStates), "How `roadmap-gen track` reads a team's own workflow "
                                                          "states (a state named here overrides the defaults).",
                                   default=TrackerStates())
    locs: Locs = locs_field()


FILES: Mapping[str, Record] = {
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
    plan: Optional[FrozenPlan] = None  # the plan published at that review, when it was frozen


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
