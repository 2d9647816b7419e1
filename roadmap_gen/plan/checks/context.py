"""What the health checks look at: the project and what the planner made of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.model import Assessment, Metric, Organisation, Project
from roadmap_gen.plan.types import (
    GoalPlan,
    Item,
    OwnerLoad,
    PastPlan,
    Rebaselined,
    Schedule,
    SkipReason,
    TeamsSummary,
    TrainingPlan,
)


@dataclass(frozen=True)
class HealthContext:
    project: Project
    schedule: Schedule
    training: TrainingPlan = field(default_factory=TrainingPlan)
    owners: tuple[OwnerLoad, ...] = ()
    past_plans: tuple[PastPlan, ...] = ()  # the plan each snapshot published, oldest first
    goals: tuple[GoalPlan, ...] = ()
    rebaselines: tuple[Rebaselined, ...] = ()  # promises changed since the last review
    teams: TeamsSummary = field(default_factory=TeamsSummary)

    @property
    def org(self) -> Organisation:
        return self.project.organisation

    def items(self) -> Iterator[tuple[Item, str | None]]:
        """Every planned item with its period, then every later one (not the no-action placeholders)."""
        for phase in self.schedule.phases:
            for item in phase.items:
                yield item, str(phase.period)
        for entry in self.schedule.later:
            if not entry.item.synthetic:
                yield entry.item, None

    def factor_loc(self, factor: str) -> Loc:
        """Where a finding about a factor points: its assessment entry, else the organisation."""
        assessment = self.org.assessment_by_factor.get(factor)
        return assessment.locs.at_entity if assessment is not None else self.org.locs.at_entity

    def goal_metric(self, metric_id: str | None) -> Metric | None:
        return self.org.metric_by_id.get(metric_id) if metric_id else None


@dataclass(frozen=True)
class Skip:
    """Why a check cannot apply to a project (see SkippedCheck)."""

    reason: SkipReason
    about: tuple[str, ...] = ()


# A skip function's docstring says, in the user's words, when its check does not apply (docs/health-checks.md).


def first_review(ctx: HealthContext) -> Skip | None:
    """Before the first review: there is no earlier review to compare with."""
    return None if ctx.project.snapshots else Skip("no-earlier-review")


def missing_dimension(*needed: tuple[str, ...]) -> Callable[[HealthContext], Skip | None]:
    """A skip function for a check that needs, of each group in *needed*, at least one dimension."""

    def skip(ctx: HealthContext) -> Skip | None:
        dims = ctx.project.catalogue.dimension_by_id
        for group in needed:
            if not any(d in dims for d in group):
                return Skip("missing-dimension", group)
        return None

    skip.__doc__ = "When the catalogue has " + ", or ".join(
        "no " + " or ".join(f"``{d}``" for d in group) + " dimension" for group in needed) + "."
    return skip


def since_last_review(now: Iterable[Assessment], before: Mapping[str, Assessment]
                      ) -> Iterator[tuple[Assessment, Assessment]]:
    """Each applicable assessment, by factor id, with the same factor's entry at the last review
    (*before*) where that was applicable too: the levels a review compares."""
    for a in sorted(now, key=lambda a: a.factor):
        old = before.get(a.factor)
        if a.applicable and old is not None and old.applicable:
            yield a, old
