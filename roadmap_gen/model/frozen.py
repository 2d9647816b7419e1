"""A review's frozen plan (``content/reviews/<period>/roadmap.json``): the keys read back from it."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.core.periods import Quarter
from roadmap_gen.spec.fields import Int, ListOf, Locs, Period, Record, Slug, Str, field, locs_field


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
