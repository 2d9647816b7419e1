"""Phases as the plan shows them, with their scope, cost and dependencies; owners and governance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roadmap_gen.core.diagnostics import Diagnostic, Loc
from roadmap_gen.core.periods import Quarter
from roadmap_gen.plan.types.work import Item


@dataclass(frozen=True)
class ScopeRef:
    kind: str  # "practices" | "configuration_items"
    id: str
    status: str
    start: Quarter | None = None
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
    owner: str | None
    lands: Quarter | None  # the quarter after which its work may start (None when done)
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
    phase: int | None  # None: later work
    accountable: str | None
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
    contact: str | None = None  # a person id: who talks to them


@dataclass(frozen=True)
class Decision:
    """What the steering group is asked to decide about one subject: the findings about it merged."""

    id: str  # "<first check>:<about>"
    about: str | None
    checks: tuple[str, ...]  # registry order
    question: str
    options: tuple[str, ...]
    recommendation: str
    if_nothing: str
    findings: tuple[Diagnostic, ...] = ()  # what it was made from, sorted
