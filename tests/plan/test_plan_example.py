"""The example project in this repository (content/) plans soundly, when it loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap_gen.downloads.export import plan_to_csv, plan_to_json
from roadmap_gen.plan import LATER_REASONS, make_plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example():
    project_module = pytest.importorskip("roadmap_gen.load.project")
    if not (ROOT / "content" / "organisation.yaml").is_file():
        pytest.skip("no example project")
    loaded = project_module.load_project(ROOT)
    if loaded.project is None:
        pytest.skip("the example project does not load: " + "; ".join(d.format() for d in loaded.diagnostics[:3]))
    return loaded.project


def test_example_plan_is_sound(example):
    plan = make_plan(example)
    assert plan == make_plan(example)
    assert plan.organisation == example.organisation.name
    for phase in plan.phases:
        assert phase.effort <= phase.capacity + 1e-9
        assert len({f for f, _ in phase.steps}) == len(phase.steps)
        assert all(item.owner for item in phase.items)
    assert all(entry.reason in LATER_REASONS for entry in plan.later)
    gaps = {(a.factor, lvl) for a in example.organisation.assessment if a.applicable
            for lvl in range(a.level + 1, a.target + 1)}
    assert {(o.factor, o.level) for o in plan.outcomes} == gaps
    assert len(plan.history.periods) == len(example.snapshots) + 1
    assert len(plan.teams.teams) == len(example.teams)


def test_example_exports(example):
    plan = make_plan(example)
    data = plan_to_json(plan)
    assert json.loads(json.dumps(data)) == data
    assert data["review"] == str(example.organisation.review.period)
    text = plan_to_csv(plan)
    assert text.count("\n") == 1 + len(plan.items) + len(plan.later)
