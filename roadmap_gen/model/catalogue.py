"""The catalogue: its scale, dimensions, roles, training modules, factors and their actions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from roadmap_gen.model.vocabulary import (
    DIRECTIONS,
    METRIC_KINDS,
    TRAINING_FORMATS,
    Direction,
    MetricKind,
    TrainingFormat,
)
from roadmap_gen.spec.fields import (
    Entry,
    Enum,
    Int,
    IntKey,
    ListOf,
    Locs,
    MapOf,
    Num,
    Record,
    Ref,
    Section,
    Slug,
    Str,
    context_field,
    field,
    key_field,
    locs_field,
    parent_key_field,
)


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
    replaced_by: str | None = field(
        Ref("action"), "The action that does the same work now: an entry of the old id counts for it.",
        default=None)
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class TrainingModule:
    id: str = key_field()
    title: str = field(Str(), "Name shown on the site.", required=True)
    format: TrainingFormat = field(Enum(TRAINING_FORMATS), "How it is taught.", required=True)
    hours: float = field(Num(minimum=0), "Hours per person.", required=True)
    audience: tuple[str, ...] = field(ListOf(Ref("role", label="audience role"), min_items=1),
                                      "Role ids that take this module.", required=True)
    follow_up: str | None = field(
        Ref("module"), "A module booked in the phase after this one, for the same people.", default=None)
    description: str = field(Str(), "What the module teaches, shown in the catalogue.", default="")
    cost: float | None = field(Num(minimum=0), "The fee per person booked, in the organisation's "
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
    owner_role: str | None = field(Ref("role"), "A role id: who is accountable by default.", default=None)
    training: tuple[str, ...] = field(ListOf(Ref("module", label="training module")),
                                      "Training module ids this work needs.")
    description: str = field(Str(), "What doing it involves, shown in the catalogue.", default="")
    dimension: str | None = field(
        Ref("dimension"), "The work's own dimension, when it is not its factor's (a floor walk under a "
                               "technology factor is people work).", default=None)
    cost: float | None = field(Num(minimum=0), "One-off money the work needs (licences, fees), in the "
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
    dimension: str = field(Ref("dimension"), "A dimension id.", required=True)
    weight: int = field(Int(minimum=1, maximum=5), "Importance, 1..5 (default 3).", default=3)
    summary: str = field(Str(), "Why the factor matters, in one sentence.", default="")
    levels: tuple[tuple[int, str], ...] = field(
        MapOf(IntKey(1), Str(), build=_levels), "What each level above 0 looks like.", required=True)
    requires: tuple[Requirement, ...] = field(
        MapOf(IntKey(1), MapOf(Ref("factor", label="required factor"), Int(minimum=0), build=list,
                               key_attr="factor"), build=_requirements),
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
