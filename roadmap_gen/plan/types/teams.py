"""Teams compared: their levels by factor, groups, and the checks that could not apply."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.plan.types.goals import SkipReason


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
    lead: str | None
    group: str | None
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
    organisation: int | None  # the organisation's own level, None when not assessed
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
