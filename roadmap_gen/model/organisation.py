"""The organisation's file (its people, assessment, metrics, goals, initiatives, feedback, scope,
waivers ...) and a team's file."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Day
from functools import cached_property
from typing import Any

from roadmap_gen.core.periods import Quarter, add_months
from roadmap_gen.model.vocabulary import (
    DEPENDENCY_STATUSES,
    DIRECTIONS,
    ENGAGEMENTS,
    FEEDBACK_STATUSES,
    INITIATIVE_STATUSES,
    METRIC_KINDS,
    PRIORITIES,
    REBASELINE_CHANGES,
    SCOPE_STATUSES,
    DependencyStatus,
    Direction,
    Engagement,
    FeedbackStatus,
    InitiativeStatus,
    MetricKind,
    Priority,
    RebaselineChange,
    ScopeKind,
    ScopeStatus,
)
from roadmap_gen.spec.fields import (
    Bool,
    Date,
    Entry,
    Enum,
    Int,
    ListOf,
    Locs,
    MapOf,
    Num,
    Period,
    Record,
    Ref,
    Section,
    Slug,
    Str,
    context_field,
    field,
    key_field,
    locs_field,
)


@dataclass(frozen=True, kw_only=True)
class TrainingRecord:
    module: str = field(Ref("module", label="training module"), "A training module id.", required=True)
    date: Day | None = field(Date(), "When it was completed.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Person:
    id: str = key_field()
    name: str = field(Str(), "The person's name, shown wherever they own or attend something.", required=True)
    roles: tuple[str, ...] = field(ListOf(Ref("role")), "Role ids from the catalogue.")
    team: str | None = field(Ref("team"), "A team id (a file under content/teams/).", default=None)
    external: bool = field(Bool(), "true for partners and consultants.", default=False)
    email: str = field(Str(), "Shown on the governance page.", default="")
    until: Day | None = field(Date(), "The last day this person is available (contract end, leaving): nobody is "
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
    contact: str | None = field(Ref("person"), "A person id: who talks to them.", default=None)
    description: str = field(Str(), "Who they are, shown on the governance page.", default="")
    interests: tuple[str, ...] = field(ListOf(Ref("interest")), "Factor ids or dimension ids the group cares "
                                                                "about: it is consulted on that work and informed "
                                                                "of the rest.")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Evidence:
    text: str = field(Str(), "What shows the level is real.", required=True)
    date: Day | None = field(Date(), "When the evidence was produced.", default=None)
    link: str | None = field(Str(), "http(s), mailto or relative link.", default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class Assessment:
    factor: str = key_field("The factor assessed.")
    level: int = field(Int(minimum=0), "The level today (required unless applicable: false).", default=0)
    target: int = field(Int(minimum=0), "The level wanted (default: the current level).",
                        default_fn=lambda values, parent: values["level"])
    owner: str | None = field(Ref("person"), "A person id accountable for this factor.", default=None)
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
    baseline: float | None = field(Num(), "The value when the programme started.", default=None)
    current: float | None = field(Num(), "The value at this review.", default=None)
    target: float | None = field(Num(), "The value to reach.", default=None)
    due: Quarter | None = field(Period(), "The quarter the target should be met.", default=None)
    factor: str | None = field(Ref("factor"), "A factor id: the factor this metric tracks.", default=None)
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
    metric: str | None = field(Ref("metric"), "A metric id.", default=None)
    target: float | None = field(Num(), "The metric value the goal aims for.", default=None)
    due: Quarter | None = field(Period(), "The quarter the goal falls due.", default=None)
    owner: str | None = field(Ref("person"), "A person id: who answers for the goal.", default=None)
    needs: tuple[Need, ...] = field(MapOf(Ref("factor"), Int(minimum=0), build=_needs, key_attr="factor"),
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
    title: str | None = field(Str(), "What the work is (own initiatives only).", default=None)
    factor: str | None = field(Ref("factor"), "The factor it raises (own initiatives only).", default=None)
    raises_to: int | None = field(Int(minimum=1), "The level it brings the factor to (own initiatives only).",
                                     default=None)
    effort: float | None = field(Num(positive=True), "Effort points (own initiatives only).", default=None)
    owner: str | None = field(Ref("person"), "A person id: who is accountable for this work.", default=None)
    training: tuple[str, ...] = field(ListOf(Ref("module", label="training module")),
                                      "Training module ids this work needs.")
    notes: str = field(Str(), "Free text shown with the item on the plan.", default="")
    phase: Quarter | None = field(Period(), "Pin the work, and with it its whole level step, to this phase.",
                                     default=None)
    responsible: tuple[str, ...] = field(ListOf(Ref("person", label="responsible person")),
                                         "Person ids who do the work with its owner (they get its training).")
    dimension: str | None = field(Ref("dimension"), "The work's own dimension, when it is not its factor's.",
                                     default=None)
    cost: float | None = field(Num(minimum=0), "One-off money the work needs (licences, fees), in "
                                                  "planning.currency; for a catalogue action, instead of its own.",
                                  default=None)
    after: tuple[str, ...] = field(ListOf(Ref("dependency")), "Dependency ids (under `dependencies`): outside work "
                                                              "this waits for, with the rest of its level step.")
    issue: str | None = field(Str(), "The work's issue in a tracker (PROJ-12, #12), shown with the item; "
                                        "`roadmap-gen track` writes it.", default=None)
    locs: Locs = locs_field()

    @property
    def is_own(self) -> bool:
        """Whether this is the organisation's own work rather than a catalogue action's status."""
        return self.title is not None


@dataclass(frozen=True, kw_only=True)
class Feedback:
    date: Day = field(Date(), "When it was said.", required=True)
    source: str = field(Ref("source"), "A stakeholder or person id.", required=True, name="from")
    text: str = field(Str(), "What was said.", required=True)
    status: FeedbackStatus = field(Enum(FEEDBACK_STATUSES), "open, accepted, considered or declined.", default="open")
    response: str = field(Str(), "What was done with it.", default="")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class ScopeItem:
    id: str = key_field()
    kind: ScopeKind = context_field("practices", "practices or configuration_items: where it is listed.")
    status: ScopeStatus = field(Enum(SCOPE_STATUSES), "in, later or out.", required=True)
    start: Quarter | None = field(Period(), "The period a 'later' entry enters scope.", default=None, name="from")
    reason: str = field(Str(), "Why it is later or out.", default="")
    owner: str | None = field(Ref("person"), "A person id: the practice's accountable owner.", default=None)
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
    funded_until: Quarter | None = field(Period(), "The last quarter the programme's budget covers: work "
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

    check: str = field(Ref("check", checked_by="unused-waiver"), "The check id of the finding.", required=True)
    about: str | None = field(Str(), "The finding's about (the id it names, or a setting's dotted key); leave "
                                        "it out for a finding about nothing in particular.", default=None)
    reason: str = field(Str(), "Why the finding is accepted.", required=True)
    approved_by: str = field(Ref("person"), "A person id: who accepted it.", required=True)
    until: Quarter = field(Period(), "The waiver lapses after this quarter.", required=True)
    locs: Locs = locs_field()



@dataclass(frozen=True, kw_only=True)
class Dependency:
    """Work outside the programme that planned work waits for (a laptop refresh, a supplier renewal)."""

    id: str = key_field()
    title: str = field(Str(), "What the outside work is, shown on the roadmap.", required=True)
    expected: Quarter = field(Period(), "The quarter it is expected to land: work waiting for it is planned no "
                                        "earlier than the quarter after.", required=True)
    owner: str | None = field(Ref("person"), "A person id: who follows it up.", default=None)
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
    approved_by: str = field(Ref("person"), "A person id: who agreed the change.", required=True)
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
    sponsor: str | None = field(Ref("person", checked_by="no-sponsor"),
                                   "A person id: the executive who owns the programme.", default=None,
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
    assessment: tuple[Assessment, ...] = field(MapOf(Ref("factor"), Record(Assessment)),
                                               "One entry per catalogue factor.")
    metrics: tuple[Metric, ...] = field(MapOf(Slug(), Record(Metric)), "How the organisation knows work made a "
                                                                      "difference.")
    goals: tuple[Goal, ...] = field(ListOf(Record(Goal)), "What the programme is trying to achieve.")
    initiatives: tuple[Initiative, ...] = field(
        MapOf(Ref("action", open=True), Record(Initiative)),
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
    lead: str | None = field(Ref("person"), "A person id.", default=None, section="team")
    group: str | None = field(Str(), "Teams with the same group share a page and heatmap.", default=None,
                                 section="team")
    description: str = field(Str(), "What the team does, shown on its page.", default="", section="team")
    assessment: tuple[Assessment, ...] = field(MapOf(Ref("factor"), Record(Assessment)),
                                               "The team's own levels, same shape as the organisation's.")
    file: str = context_field("", "The file this team was read from.")
    locs: Locs = locs_field()

    @cached_property
    def assessment_by_factor(self) -> Mapping[str, Assessment]:
        return {a.factor: a for a in self.assessment}
