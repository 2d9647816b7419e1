"""The plan's work: items, level steps, what is left for later, and the schedule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Priority

#: Why a piece of work is not planned within the horizon.
LaterReason = Literal["no-action", "no-owner", "too-large", "dependency", "capacity", "prerequisite"]
LATER_REASONS: tuple[LaterReason, ...] = ("no-action", "no-owner", "too-large", "dependency", "capacity",
                                          "prerequisite")
#: What became of work an earlier plan put in its first phase.
Outcome = Literal["done", "in-progress", "slipped", "dropped"]
OUTCOMES: tuple[Outcome, ...] = ("done", "in-progress", "slipped", "dropped")


OwnerSource = Literal["initiative", "assessment", "role", ""]
ItemStatus = Literal["planned", "in-progress"]
#: Why a placed item is in its phase, in the order the scheduler places work.
Placement = Literal["pinned", "pin-moved", "in-progress", "step", "goal", "priority", "value"]


@dataclass(frozen=True)
class Why:
    """Why a placed item is in the phase it is in."""

    kind: Placement
    goals: tuple[str, ...] = ()  # "goal": the goals it enables, earliest due first
    due: Quarter | None = None  # "goal": the earliest due of those goals
    priority: Priority = "normal"  # "priority": its factor's priority
    pinned: Quarter | None = None  # "pin-moved": the phase it was pinned to
    item: str | None = None  # "step": the pinned or in-progress item of its level step that brought it along
    held: str | None = None  # "step": "pinned" or "in-progress", what that item is
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
    owner: str | None = None
    owner_name: str = ""
    owner_source: OwnerSource = ""
    owner_external: bool = False
    owner_role: str | None = None
    training: tuple[str, ...] = ()
    status: ItemStatus = "planned"  # done and dropped work is never an item
    own: bool = False  # an own initiative rather than a catalogue action
    synthetic: bool = False  # stands for a level step with no work at all ("no-action")
    loc: Loc = Loc("")
    candidates: tuple[tuple[str, OwnerSource], ...] = ()  # who may be accountable, in order (see plan.owners)
    responsible: tuple[str, ...] = ()  # the people its initiatives entry names as doing the work
    pin: Quarter | None = None  # the phase its initiatives entry pins it to
    goals: tuple[str, ...] = ()  # the goals whose enabling work it is
    priority: Priority = "normal"
    why: Why | None = None  # set once placed
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
    problem: LaterReason | None = None  # "no-action" | "no-owner" | "too-large" | None
    detail: str = ""
    priority: Priority = "normal"  # its factor's
    goals: tuple[str, ...] = ()  # goals whose enabling work it is, earliest due first
    due: Quarter | None = None  # the earliest due among them
    aim: Quarter | None = None  # the earliest quarter a goal wants it by: due less the goal's lead
    pin: Quarter | None = None  # the earliest phase any of its items is pinned to
    efforts: tuple[tuple[str, float], ...] = ()  # effort by its items' dimensions
    after: tuple[str, ...] = ()  # dependencies any of its items waits for (they hold the whole step)
    held_until: Quarter | None = None  # the first quarter those dependencies let it start (None: free)

    @property
    def id(self) -> str:
        return f"{self.factor}@{self.level}"


@dataclass(frozen=True)
class StepOutcome:
    """Where a gap step went: a phase (index and period) or later work with a reason."""

    factor: str
    level: int
    phase: int | None = None
    period: Quarter | None = None
    reason: LaterReason | None = None
    detail: str = ""
    why: Why | None = None

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
