"""The training plan: sessions, bookings, and who is still to be trained."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.core.periods import Quarter


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
