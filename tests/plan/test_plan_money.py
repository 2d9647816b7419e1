"""Money and outside dependencies: phase costs, funding, and work that waits for work outside the
programme (expected, done, late or slipped)."""

from __future__ import annotations

from dataclasses import replace

from roadmap_gen.model import Dependency
from roadmap_gen.plan import make_plan

from .builders import ORG_FILE, action, assess, catalogue, entry, factor, locs, module, organisation, person, project, q


def _cat():
    return catalogue([factor("a", actions=[action("a1", 1, effort=2, training=["course"]),
                                           action("a2", 2, effort=2)]),
                      factor("b", actions=[action("b1", 1, effort=2)])],
                     training=[replace(module("course", audience=["practitioner"]), cost=450)])


def _org(initiatives=(), dependencies=(), **planning):
    people = [person("boss", ["practitioner"]), person("ann", ["practitioner"]), person("bob", ["practitioner"])]
    org = organisation([assess("a", 0, 2, owner="boss"), assess("b", 0, 1, owner="boss")], people, capacity=10,
                       phases=3, initiatives=initiatives)
    return replace(org, dependencies=tuple(dependencies), planning=replace(org.planning, **planning))


def _dep(id, expected, status="expected"):
    return Dependency(id=id, title=f"Outside {id}", expected=q(expected), status=status, owner="boss",
                      locs=locs(ORG_FILE, 120, "expected", "status"))


def test_phase_costs_count_work_and_a_fee_for_each_person_booked():
    initiatives = [replace(entry("a1", responsible=["ann", "bob"]), cost=1000.0),
                   replace(entry("b1"), cost=250.5)]
    plan = make_plan(project(_cat(), _org(initiatives, currency="EUR")))
    first = plan.phases[0]
    # a1 (1000) and b1 (250.5); the course is booked for boss, ann and bob: 3 x 450
    assert (first.cost.work, first.cost.training, first.cost.total) == (1250.5, 1350.0, 2600.5)
    assert plan.cost.total == 2600.5 and plan.currency == "EUR"
    assert [i.cost for i in first.items] == [1000.0, 250.5]


def test_an_initiatives_cost_replaces_its_actions_and_unfunded_phases_are_found():
    cat = catalogue([factor("a", actions=[replace(action("a1", 1, effort=6), cost=900.0),
                                          replace(action("a2", 2, effort=6), cost=100.0)])])
    org = organisation([assess("a", 0, 2, owner="boss")], capacity=6, phases=3,
                       initiatives=[replace(entry("a2"), cost=50.0)])
    org = replace(org, planning=replace(org.planning, funded_until=q("2027-Q1")))
    plan = make_plan(project(cat, org))
    assert [p.cost.work for p in plan.phases] == [900.0, 50.0, 0.0]
    assert [p.funded for p in plan.phases] == [True, False, False]
    # only a phase that holds work is a finding
    assert [(d.check, d.about) for d in plan.findings if d.check == "unfunded-phase"] == [("unfunded-phase", "2027-Q2")]


def test_work_waits_for_a_dependency_and_moves_with_it():
    waits = [replace(entry("b1"), after=("laptops",))]
    placed = lambda plan: {i.id: str(p.period) for p in plan.phases for i in p.items}  # noqa: E731
    plan = make_plan(project(_cat(), _org(waits, [_dep("laptops", "2027-Q1")])))
    assert placed(plan)["b1"] == "2027-Q2"  # the quarter after the one it is expected in
    item = next(i for p in plan.phases for i in p.items if i.id == "b1")
    assert item.why.waited == ("laptops",)
    assert plan.dependencies[0].items == ("b1",) and not plan.dependencies[0].slipped
    moved = make_plan(project(_cat(), _org(waits, [_dep("laptops", "2027-Q2")])))
    assert placed(moved)["b1"] == "2027-Q3"
    done = make_plan(project(_cat(), _org(waits, [_dep("laptops", "2027-Q3", status="done")])))
    assert placed(done)["b1"] == "2027-Q1" and not done.phases[0].items[-1].why.waited


def test_a_late_or_slipped_dependency_lands_next_quarter_at_the_earliest_and_is_a_finding():
    waits = [replace(entry("b1"), after=("laptops",))]
    slipped = make_plan(project(_cat(), _org(waits, [_dep("laptops", "2026-Q2")])))
    late = make_plan(project(_cat(), _org(waits, [_dep("laptops", "2026-Q4", status="late")])))
    for plan in (slipped, late):
        assert {i.id: str(p.period) for p in plan.phases for i in p.items}["b1"] == "2027-Q1"
        assert plan.dependencies[0].slipped
        assert ("dependency-slipped", "laptops") in {(d.check, d.about) for d in plan.findings}
    on_time = make_plan(project(_cat(), _org(waits, [_dep("laptops", "2027-Q1")])))
    assert "dependency-slipped" not in {d.check for d in on_time.findings}


def test_a_dependency_past_the_plan_makes_later_work_with_its_reason_and_a_pin_it_breaks_is_a_conflict():
    waits = [replace(entry("b1", phase="2027-Q1"), after=("tool",))]
    plan = make_plan(project(_cat(), _org(waits, [_dep("tool", "2027-Q3")])))
    (later,) = [e for e in plan.later if e.id == "b1"]
    assert later.reason == "dependency" and "waits for Outside tool (expected 2027-Q3)" in later.detail
    assert ("pin-conflict", "b1") in {(d.check, d.about) for d in plan.findings}
    # work already in progress is placed whatever it waits for
    going = [replace(entry("b1", status="in-progress"), after=("tool",))]
    plan = make_plan(project(_cat(), _org(going, [_dep("tool", "2027-Q3")])))
    assert "b1" in {i.id for i in plan.phases[0].items}
