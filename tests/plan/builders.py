"""Small helpers that build model objects by hand for the planner's tests.

Every entity gets a location: ``line`` for the entity itself and, for each
field that health checks point at, the next lines in order, so tests can check
where a finding is located.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import (
    Action,
    Assessment,
    Catalogue,
    Dimension,
    Evidence,
    Factor,
    Feedback,
    FrozenItem,
    FrozenPhase,
    FrozenPlan,
    Goal,
    Initiative,
    Locs,
    Metric,
    Need,
    Organisation,
    Person,
    Planning,
    Project,
    Requirement,
    Review,
    Role,
    ScaleLevel,
    ScopeItem,
    Snapshot,
    Stakeholder,
    Team,
    TrainingModule,
    TrainingRecord,
)

ORG_FILE = "content/organisation.yaml"
CAT_FILE = "content/catalogue/test.yaml"


def q(text: str) -> Quarter:
    quarter = Quarter.parse(text)
    assert quarter is not None
    return quarter


def locs(file: str, line: int, *fields: str) -> Locs:
    """Locs at ``line``, each named field on the following lines (col 3)."""
    return Locs(Loc(file, line, 1), tuple((name, Loc(file, line + 1 + i, 3)) for i, name in enumerate(fields)))


# --- catalogue -------------------------------------------------------------------------


def action(id: str, raises_to: int, effort: float = 1, owner_role: str | None = None,
           training: Sequence[str] = (), factor: str = "", line: int = 0, dimension: str | None = None) -> Action:
    return Action(id=id, factor=factor, title=f"Do {id}", raises_to=raises_to, effort=effort, owner_role=owner_role,
                  training=tuple(training), dimension=dimension,
                  locs=locs(CAT_FILE, line, "raises_to", "effort", "owner_role", "training"))


def factor(id: str, dimension: str = "process", weight: int = 3, max_level: int = 5,
           actions: Iterable[Action] = (), requires: Mapping[int, Mapping[str, int]] | None = None,
           line: int = 0) -> Factor:
    reqs = tuple(Requirement(level=lvl, factor=other, at_least=k)
                 for lvl, needs in sorted((requires or {}).items()) for other, k in sorted(needs.items()))
    acts = tuple(Action(**{**a.__dict__, "factor": id}) for a in actions)
    return Factor(id=id, title=id.replace("-", " ").title(), question=f"Is there {id}?", dimension=dimension,
                  levels=tuple((n, f"{id} level {n}") for n in range(1, max_level + 1)), weight=weight,
                  requires=reqs, actions=acts, locs=locs(CAT_FILE, line))


def module(id: str, hours: float = 4, audience: Sequence[str] = ("practitioner",), format: str = "course",
           follow_up: str | None = None) -> TrainingModule:
    return TrainingModule(id=id, title=id.title(), format=format, hours=hours, audience=tuple(audience),
                          follow_up=follow_up, locs=locs(CAT_FILE, 0))


def catalogue(factors: Iterable[Factor] = (), dimensions: Sequence[str] = ("people", "process", "technology"),
              roles: Sequence[str] = ("sponsor", "process-owner", "practitioner", "coach", "tool-admin"),
              training: Iterable[TrainingModule] = (), max_level: int = 5) -> Catalogue:
    return Catalogue(
        id="test", title="Test catalogue", version="1",
        scale=tuple(ScaleLevel(number=n, name=f"L{n}") for n in range(max_level + 1)),
        dimensions=tuple(Dimension(id=d, title=d.title()) for d in dimensions),
        roles=tuple(Role(id=r, title=r.title()) for r in roles),
        training=tuple(training), factors=tuple(factors), files=(CAT_FILE,),
    )


# --- organisation ----------------------------------------------------------------------


def person(id: str, roles: Sequence[str] = (), external: bool = False, team: str | None = None,
           line: int = 0, until: date | None = None, trained: Sequence[str] = ()) -> Person:
    return Person(id=id, name=id.replace("-", " ").title(), roles=tuple(roles), external=external, team=team,
                  until=until, trained=tuple(TrainingRecord(module=m) for m in trained),
                  locs=locs(ORG_FILE, line, "name", "roles", "until"))


def evidence(text: str = "minutes", day: date | None = date(2026, 10, 1), line: int = 0) -> Evidence:
    return Evidence(text=text, date=day, locs=locs(ORG_FILE, line, "text", "date"))


def assess(factor: str, level: int = 0, target: int | None = None, owner: str | None = None,
           evidence: Sequence[Evidence] | None = None, applicable: bool = True, line: int = 0,
           file: str = ORG_FILE, priority: str = "normal") -> Assessment:
    """An assessment; evidence defaults to one recent item so evidence checks stay quiet."""
    ev = (Evidence(text="minutes", date=date(2026, 10, 1), locs=locs(file, line + 5, "text", "date")),) \
        if evidence is None else tuple(evidence)
    return Assessment(factor=factor, level=level, target=level if target is None else target, owner=owner,
                      evidence=ev, applicable=applicable, reason="" if applicable else "not ours",
                      priority=priority,  # type: ignore[arg-type]
                      locs=locs(file, line, "level", "target", "owner", "evidence"))


def metric(id: str, kind: str = "outcome", unit: str = "%", direction: str = "up", baseline: float | None = 50,
           current: float | None = 55, target: float | None = 70, due: str | None = "2027-Q4",
           factor: str | None = None, line: int = 0) -> Metric:
    return Metric(id=id, title=id.title(), kind=kind, unit=unit, direction=direction, baseline=baseline,
                  current=current, target=target, due=q(due) if due else None, factor=factor,
                  locs=locs(ORG_FILE, line, "kind", "baseline", "target", "due"))


def goal(id: str, statement: str = "Raise X from 50% to 70% by 2027-Q4.", metric: str | None = None,
         target: float | None = None, due: str | None = None, owner: str | None = None,
         line: int = 0, needs: Mapping[str, int] | None = None, lead: int = 1) -> Goal:
    return Goal(id=id, statement=statement, metric=metric, target=target, due=q(due) if due else None, owner=owner,
                lead=lead,
                needs=tuple(Need(factor=f, level=n, locs=locs(ORG_FILE, line + 5)) for f, n in (needs or {}).items()),
                locs=locs(ORG_FILE, line, "statement", "metric", "target", "due", "owner", "needs"))


def own(id: str, factor: str, raises_to: int, effort: float = 1, owner: str | None = None,
        status: str = "planned", training: Sequence[str] = (), line: int = 0, phase: str | None = None,
        dimension: str | None = None, responsible: Sequence[str] = ()) -> Initiative:
    """One of the organisation's own initiatives."""
    return Initiative(id=id, status=status, title=f"Own {id}", factor=factor, raises_to=raises_to,  # type: ignore[arg-type]
                      effort=effort, owner=owner, training=tuple(training), phase=q(phase) if phase else None,
                      dimension=dimension, responsible=tuple(responsible),
                      locs=locs(ORG_FILE, line, "status", "owner", "phase", "responsible"))


def entry(id: str, status: str = "planned", owner: str | None = None, line: int = 0,
          phase: str | None = None, responsible: Sequence[str] = (), dimension: str | None = None) -> Initiative:
    """An ``initiatives`` entry for a catalogue action."""
    return Initiative(id=id, status=status, owner=owner, phase=q(phase) if phase else None,  # type: ignore[arg-type]
                      responsible=tuple(responsible), dimension=dimension,
                      locs=locs(ORG_FILE, line, "status", "owner", "phase", "responsible"))


def feedback(source: str = "finance", day: date | None = date(2026, 10, 1), status: str = "accepted",
             line: int = 0) -> Feedback:
    return Feedback(date=day, source=source, text="Something.", status=status,
                    locs=locs(ORG_FILE, line, "date", "from", "text", "status"))


def scope(id: str, status: str = "in", start: str | None = None, kind: str = "practices",
          line: int = 0, owner: str | None = None) -> ScopeItem:
    return ScopeItem(kind=kind, id=id, status=status, start=q(start) if start else None, owner=owner,  # type: ignore[arg-type]
                     locs=locs(ORG_FILE, line, "status", "from", "owner"))


def stakeholder(id: str, engagement: str = "medium") -> Stakeholder:
    return Stakeholder(id=id, title=id.title(), engagement=engagement, locs=locs(ORG_FILE, 0))


_DEFAULT = object()


def organisation(
    assessment: Iterable[Assessment] = (),
    people: Iterable[Person] | object = _DEFAULT,
    *,
    name: str = "Test Org",
    period: str = "2026-Q4",
    day: date = date(2026, 11, 20),
    start: str | None = None,
    phases: int = 4,
    capacity: float = 10,
    owner_limit: int = 3,
    sponsor: str | None | object = _DEFAULT,
    scope_items: Iterable[ScopeItem] | object = _DEFAULT,
    stakeholders: Iterable[Stakeholder] = (),
    metrics: Iterable[Metric] | object = _DEFAULT,
    goals: Iterable[Goal] = (),
    initiatives: Iterable[Initiative] = (),
    feedback_items: Iterable[Feedback] | object = _DEFAULT,
) -> Organisation:
    """An organisation; by default healthy in what the checks look at (a sponsor, scope, metrics, feedback)."""
    review_period = q(period)
    chosen_scope: tuple[ScopeItem, ...] = ((scope("incident-management", line=30, owner="boss"),)
                                           if scope_items is _DEFAULT
                                           else tuple(scope_items))  # type: ignore[arg-type]
    return Organisation(
        name=name,
        review=Review(period=review_period, date=day,
                      next=day.replace(year=day.year + 1) if day.month > 9 else day,
                      locs=locs(ORG_FILE, 10, "period", "date", "next")),
        planning=Planning(start=q(start) if start else review_period.shift(1), phases=phases, capacity=capacity,
                          owner_limit=owner_limit, locs=locs(ORG_FILE, 20, "start", "phases", "capacity",
                                                            "owner_limit")),
        sponsor="boss" if sponsor is _DEFAULT else sponsor,  # type: ignore[arg-type]
        practices=tuple(s for s in chosen_scope if s.kind == "practices"),
        configuration_items=tuple(s for s in chosen_scope if s.kind == "configuration_items"),
        people=(person("boss", ["sponsor"], line=40),) if people is _DEFAULT else tuple(people),  # type: ignore[arg-type]
        stakeholders=tuple(stakeholders),
        assessment=tuple(assessment),
        metrics=(metric("outcome-one", line=50),) if metrics is _DEFAULT else tuple(metrics),  # type: ignore[arg-type]
        goals=tuple(goals),
        initiatives=tuple(initiatives),
        feedback=(feedback(line=60),) if feedback_items is _DEFAULT else tuple(feedback_items),  # type: ignore[arg-type]
        file=ORG_FILE,
        locs=locs(ORG_FILE, 1, "sponsor", "scope", "metrics", "feedback"),
    )


def team(id: str, assessment: Iterable[Assessment] = (), group: str | None = None,
         lead: str | None = None) -> Team:
    return Team(id=id, name=id.title(), lead=lead, group=group, assessment=tuple(assessment),
                file=f"content/teams/{id}.yaml", locs=locs(f"content/teams/{id}.yaml", 1))


def snapshot(org: Organisation, teams: Iterable[Team] = (), plan: FrozenPlan | None = None) -> Snapshot:
    return Snapshot(period=org.review.period, organisation=org, teams=tuple(teams), plan=plan)


def frozen(review: str, *phases: tuple[str, Sequence[tuple[str, str, int]]]) -> FrozenPlan:
    """A frozen plan: (period, [(item id, factor, raises_to), ...]) per phase."""
    return FrozenPlan(review=q(review), phases=tuple(
        FrozenPhase(period=q(period), items=tuple(FrozenItem(id=i, title=f"Frozen {i}", factor=f, raises_to=r)
                                                  for i, f, r in items))
        for period, items in phases))


def project(cat: Catalogue, org: Organisation, teams: Iterable[Team] = (),
            snapshots: Iterable[Snapshot] = ()) -> Project:
    return Project(catalogue=cat, organisation=org, teams=tuple(teams), snapshots=tuple(snapshots))


def simple(levels: Mapping[str, tuple[int, int]], dimension: str = "process", effort: float = 1,
           owner: str | None = "boss", **org_kwargs: object) -> Project:
    """A project whose factors (id -> (level, target)) each have one action per level."""
    factors = [factor(fid, dimension=dimension,
                      actions=[action(f"{fid}-{n}", n, effort) for n in range(1, 6)])
               for fid in sorted(levels)]
    assessments = [assess(fid, lvl, tgt, owner=owner) for fid, (lvl, tgt) in sorted(levels.items())]
    return project(catalogue(factors), organisation(assessments, **org_kwargs))  # type: ignore[arg-type]
