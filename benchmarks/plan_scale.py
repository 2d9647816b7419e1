"""How the planner scales with the number of teams (10, 100, 1,000).

Two measurements per size, with a 21-factor catalogue (the default catalogue's
size) and three people per team:

- ``plan``: :func:`roadmap_gen.plan.make_plan` on model objects built in memory
  (a synthetic catalogue of 21 factors, two earlier reviews, N teams assessing
  every factor);
- ``load+plan``: when :func:`roadmap_gen.load.project.load_project` exists, the same
  kind of project written as YAML to a temporary folder (with the packaged
  default catalogue), loaded, validated and planned.

Run: ``python benchmarks/plan_scale.py`` (``--sizes 10,100`` to choose sizes).
Times are the best of a few runs; the per-team column should stay roughly flat
if the cost grows linearly.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from roadmap_gen.core.periods import Quarter  # noqa: E402
from roadmap_gen.model import (  # noqa: E402
    Action,
    Assessment,
    Catalogue,
    Dimension,
    Evidence,
    Factor,
    Feedback,
    Goal,
    Initiative,
    Metric,
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
)
from roadmap_gen.plan import make_plan  # noqa: E402

FACTORS = 21
DIMENSIONS = ("people", "process", "technology")
ROLES = ("sponsor", "it-leadership", "programme-lead", "process-owner", "practitioner", "coach", "tool-admin",
         "service-desk-lead", "relationship-manager", "measurement-analyst", "supplier-manager")
PEOPLE_PER_TEAM = 3


# --- in memory ---------------------------------------------------------------------------


def synthetic_catalogue() -> Catalogue:
    modules = tuple(
        TrainingModule(id=f"module-{i}", title=f"Module {i}", format=("course", "workshop", "coaching")[i % 3],
                       hours=4 + i, audience=(ROLES[i % len(ROLES)], ROLES[(i + 3) % len(ROLES)]),
                       follow_up=f"module-{i + 1}" if i % 4 == 0 else None)
        for i in range(15))
    factors = []
    for n in range(FACTORS):
        fid = f"factor-{n:02d}"
        actions = tuple(
            Action(id=f"{fid}-l{level}-{k}", factor=fid, title=f"Action {level}.{k} of {fid}", raises_to=level,
                   effort=1 + (n + level + k) % 4, owner_role=ROLES[(n + k) % len(ROLES)],
                   training=(f"module-{(n + level) % 15}",) if k == 0 else ())
            for level in range(1, 6) for k in range(2))
        requires = tuple(Requirement(level=3, factor=f"factor-{(n + 5) % FACTORS:02d}", at_least=2)
                         for _ in range(1) if n % 3 == 0)
        factors.append(Factor(id=fid, title=f"Factor {n}", question="?", dimension=DIMENSIONS[n % 3],
                              levels=tuple((lvl, f"level {lvl}") for lvl in range(1, 6)), weight=1 + n % 5,
                              requires=requires, actions=actions))
    return Catalogue(id="bench", title="Bench", version="1", scale=tuple(ScaleLevel(i, f"L{i}") for i in range(6)),
                     dimensions=tuple(Dimension(d, d.title()) for d in DIMENSIONS),
                     roles=tuple(Role(r, r.title()) for r in ROLES), training=modules, factors=tuple(factors))


def _people(teams: int) -> tuple[Person, ...]:
    people = [Person(id="sponsor-person", name="Sponsor", roles=("sponsor", "it-leadership"))]
    people += [Person(id=f"core-{i}", name=f"Core {i}", roles=(ROLES[i % len(ROLES)],)) for i in range(10)]
    for t in range(teams):
        for k in range(PEOPLE_PER_TEAM):
            people.append(Person(id=f"t{t:04d}-p{k}", name=f"Person {t}.{k}", roles=(ROLES[(t + k) % len(ROLES)],),
                                 team=f"team-{t:04d}", external=(t + k) % 17 == 0))
    return tuple(people)


def synthetic_organisation(catalogue: Catalogue, teams: int, period: Quarter, lower: int = 0) -> Organisation:
    day = period.last_day.replace(day=15)
    assessment = tuple(
        Assessment(factor=f.id, level=max(0, 1 + n % 3 - lower), target=min(5, 2 + n % 3),
                   owner=f"core-{n % 10}", evidence=(Evidence("minutes", date(day.year, day.month, 1)),))
        for n, f in enumerate(catalogue.factors))
    return Organisation(
        name="Bench Org", review=Review(period, day, day), vision="Bench.", sponsor="sponsor-person",
        planning=Planning(start=period.shift(1), phases=4, capacity=12, owner_limit=3),
        scope=(ScopeItem("practices", "incident-management", "in"),
               ScopeItem("practices", "knowledge", "later", period.shift(2))),
        people=_people(teams),
        stakeholders=(Stakeholder("finance", "Finance", "medium"),),
        assessment=assessment,
        metrics=(Metric("m1", "M1", "outcome", "%", "up", 50, 55, 70, period.shift(4)),),
        goals=(Goal("g1", "Raise M1 from 50% to 70% by the end of next year.", "m1", 70, period.shift(4)),),
        initiatives=(Initiative(id=f"{catalogue.factors[0].id}-l2-0", status="in-progress"),),
        feedback=(Feedback(date(day.year, day.month, 1), "finance", "Text.", "accepted"),),
        file="content/organisation.yaml")


def synthetic_project(teams: int) -> Project:
    catalogue = synthetic_catalogue()
    now = Quarter(2026, 4)
    snapshots = tuple(Snapshot(now.shift(-k), synthetic_organisation(catalogue, teams, now.shift(-k), lower=k))
                      for k in (2, 1))
    team_list = tuple(
        Team(id=f"team-{t:04d}", name=f"Team {t}", lead=f"t{t:04d}-p0", group=f"group-{t % 7}",
             assessment=tuple(Assessment(factor=f.id, level=(t + n) % 4, target=min(5, (t + n) % 4 + 1),
                                         evidence=(Evidence("x", date(2026, 1 + (t + n) % 10, 1)),))
                              for n, f in enumerate(catalogue.factors)),
             file=f"content/teams/team-{t:04d}.yaml")
        for t in range(teams))
    return Project(catalogue, synthetic_organisation(catalogue, teams, now), team_list, snapshots)


# --- YAML on disk ------------------------------------------------------------------------


def _org_doc(factor_ids: list[str], roles: list[str], teams: int, period: Quarter, lower: int) -> dict:
    day = period.last_day.replace(day=15)
    def role(i: int) -> list[str]:
        return [roles[i % len(roles)]] if roles else []

    people = {"sponsor-person": {"name": "Sponsor", "roles": ["sponsor"] if "sponsor" in roles else role(0)}}
    for i in range(10):
        people[f"core-{i}"] = {"name": f"Core {i}", "roles": role(i)}
    for t in range(teams):
        for k in range(PEOPLE_PER_TEAM):
            people[f"t{t:04d}-p{k}"] = {"name": f"Person {t}.{k}", "roles": role(t + k)}
    return {
        "organisation": {"name": "Bench Org", "vision": "Bench.", "sponsor": "sponsor-person"},
        "review": {"period": str(period), "date": day.isoformat()},
        "planning": {"start": str(period.shift(1)), "phases": 4, "capacity": 12, "owner_limit": 3},
        "scope": {"practices": {"incident-management": "in"}},
        "people": people,
        "stakeholders": {"finance": {"title": "Finance", "engagement": "medium"}},
        "assessment": {
            fid: {"level": max(0, 1 + n % 3 - lower), "target": min(5, 2 + n % 3), "owner": f"core-{n % 10}",
                  "evidence": [{"text": "minutes", "date": date(day.year, day.month, 1).isoformat()}]}
            for n, fid in enumerate(factor_ids)},
        "metrics": {"m1": {"title": "M1", "kind": "outcome", "unit": "%", "direction": "up", "baseline": 50,
                           "current": 55, "target": 70, "due": str(period.shift(4))}},
        "goals": [{"id": "g1", "statement": "Raise M1 from 50% to 70% by the end of next year.", "metric": "m1",
                   "target": 70, "due": str(period.shift(4))}],
        "feedback": [{"date": date(day.year, day.month, 1).isoformat(), "from": "finance", "text": "Text.",
                      "status": "accepted"}],
    }


def write_yaml_project(root: Path, teams: int, catalogue: Catalogue | None) -> None:
    """JSON is YAML 1.2: each file is written as JSON text with a .yaml name.

    With no catalogue, the organisation assesses nothing and names no roles (a probe
    to load the packaged catalogue).
    """
    factor_ids = [f.id for f in catalogue.factors] if catalogue else []
    roles = [r.id for r in catalogue.roles] if catalogue else []
    content = root / "content"
    (content / "teams").mkdir(parents=True)
    now = Quarter(2026, 4)
    (content / "organisation.yaml").write_text(json.dumps(_org_doc(factor_ids, roles, teams, now, 0)))
    for k in (2, 1):
        folder = content / "reviews" / str(now.shift(-k))
        folder.mkdir(parents=True)
        (folder / "organisation.yaml").write_text(json.dumps(_org_doc(factor_ids, roles, teams, now.shift(-k), k)))
    for t in range(teams):
        doc = {"team": {"name": f"Team {t}", "lead": f"t{t:04d}-p0"},
               "assessment": {fid: {"level": (t + n) % 4, "target": min(5, (t + n) % 4 + 1),
                                    "evidence": [{"text": "x", "date": f"2026-{1 + (t + n) % 9:02d}-01"}]}
                              for n, fid in enumerate(factor_ids)}}
        (content / "teams" / f"team-{t:04d}.yaml").write_text(json.dumps(doc))


# --- timing ------------------------------------------------------------------------------


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    try:
        from roadmap_gen.load.project import load_project
    except ImportError:  # the loader is not there yet
        load_project = None  # type: ignore[assignment]
    default_catalogue = None
    if load_project is not None:
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp)
            write_yaml_project(probe, 0, None)
            # a project with no catalogue of its own uses the packaged default one
            loaded = load_project(probe)
            default_catalogue = loaded.project.catalogue if loaded.project else None
            if default_catalogue is None:
                errors = [d.format() for d in loaded.diagnostics if d.severity == "error"][:5]
                print(f"cannot load the packaged catalogue: {errors}", file=sys.stderr)

    rows = []
    for teams in sizes:
        project = synthetic_project(teams)
        plan = make_plan(project)
        plan_s = best_of(lambda p=project: make_plan(p), args.repeat)
        load_s = total_s = None
        if load_project is not None and default_catalogue is not None:
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                write_yaml_project(root, teams, default_catalogue)
                loaded = load_project(root)
                if loaded.project is None:
                    errors = [d.format() for d in loaded.diagnostics if d.severity == "error"][:5]
                    print(f"load failed for {teams} teams: {errors}", file=sys.stderr)
                else:
                    load_s = best_of(lambda r=root: load_project(r), max(1, args.repeat // 2))
                    loaded_project = load_project(root).project
                    total_s = load_s + best_of(lambda p=loaded_project: make_plan(p), args.repeat)
        rows.append((teams, len(project.organisation.people), len(plan.items), len(plan.findings), plan_s,
                     load_s, total_s))

    print(f"{'teams':>6} {'people':>7} {'items':>6} {'findings':>8} {'plan ms':>9} {'ms/team':>8} "
          f"{'load ms':>9} {'load+plan ms':>13} {'ms/team':>8}")
    for teams, people, items, findings, plan_s, load_s, total_s in rows:
        load = f"{load_s * 1000:9.1f}" if load_s is not None else f"{'n/a':>9}"
        total = f"{total_s * 1000:13.1f}" if total_s is not None else f"{'n/a':>13}"
        per = f"{total_s * 1000 / teams:8.3f}" if total_s is not None else f"{'n/a':>8}"
        print(f"{teams:>6} {people:>7} {items:>6} {findings:>8} {plan_s * 1000:9.2f} {plan_s * 1000 / teams:8.3f} "
              f"{load} {total} {per}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
