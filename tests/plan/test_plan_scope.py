"""Scope per phase."""

from __future__ import annotations

from roadmap_gen.plan import make_plan, scope_plan

from .builders import catalogue, organisation, project, q, scope


def test_in_later_out_and_unplaced():
    items = [scope("incident", "in"), scope("knowledge", "later", "2027-Q2"), scope("early", "later", "2026-Q1"),
             scope("far", "later", "2030-Q1"), scope("someday", "later"), scope("continuity", "out"),
             scope("servers", "in", kind="configuration_items"),
             scope("network", "later", "2027-Q3", kind="configuration_items")]
    org = organisation(scope_items=items)
    plan = scope_plan(org, [q("2027-Q1"), q("2027-Q2"), q("2027-Q3")])
    assert [p.practices for p in plan.phases] == [("early", "incident"), ("early", "incident", "knowledge"),
                                                 ("early", "incident", "knowledge")]
    assert [p.configuration_items for p in plan.phases] == [("servers",), ("servers",), ("network", "servers")]
    assert [r.id for r in plan.phases[0].entering] == ["early"]
    assert [r.id for r in plan.phases[1].entering] == ["knowledge"]
    assert [r.id for r in plan.unplaced] == ["someday"]
    assert [r.id for r in plan.out] == ["continuity"]
    assert [r.id for r in plan.after_horizon] == ["far"]


def test_phase_scope_is_in_the_plan():
    plan = make_plan(project(catalogue(()), organisation(
        scope_items=[scope("b"), scope("a"), scope("c", "later", "2027-Q2")])))
    assert plan.phases[0].scope.practices == ("a", "b")
    assert plan.phases[1].scope.practices == ("a", "b", "c")


def test_no_scope_no_phases():
    plan = scope_plan(organisation(scope_items=()), [])
    assert plan.phases == () and plan.unplaced == () and plan.out == ()
