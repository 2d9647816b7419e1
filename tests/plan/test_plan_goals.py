"""Goals drive the plan: needs, enabling work, pins, priorities, and each goal's status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from roadmap_gen.plan import make_plan
from roadmap_gen.plan.goals import goal_state

from .builders import action, assess, catalogue, entry, factor, goal, metric, organisation, person, project, q, snapshot


def _catalogue():
    # "a" has the best catalogue value (weight 5); "b" is what the goal needs; "c" is what b's level 2 requires.
    return catalogue([
        factor("a", "process", weight=5, actions=[action(f"a{n}", n, 4) for n in range(1, 6)]),
        factor("b", "process", weight=1, actions=[action(f"b{n}", n, 4) for n in range(1, 6)],
               requires={2: {"c": 1}}),
        factor("c", "people", weight=1, actions=[action(f"c{n}", n, 4) for n in range(1, 6)]),
    ])


def _plan(goals=(), initiatives=(), assessments=None, capacity=4, phases=4):
    assessments = assessments or [assess("a", 0, 3, owner="boss"), assess("b", 0, 2, owner="boss"),
                                  assess("c", 0, 1, owner="boss")]
    org = organisation(assessments, goals=goals, initiatives=initiatives, capacity=capacity, phases=phases)
    return make_plan(project(_catalogue(), org))


def placed(plan):
    return {i.id: str(p.period) for p in plan.phases for i in p.items}


def test_without_needs_the_planner_ranks_by_value():
    # one 4-point step a phase: a (weight 5) takes the first three, b never gets one
    where = placed(_plan())
    assert [where[a] for a in ("a1", "a2", "a3")] == ["2027-Q1", "2027-Q2", "2027-Q3"] and "b1" not in where


def test_enabling_work_of_a_goal_goes_first_with_what_it_rests_on():
    g = goal("g", metric="outcome-one", target=70, due="2027-Q3", needs={"b": 2})
    plan = _plan(goals=[g])
    where = placed(plan)
    # b1 and c1 (b's level 2 requires c at 1), then b2: all before a gets a phase, b2 by its due
    assert {where["b1"], where["c1"]} == {"2027-Q1", "2027-Q2"} and where["b2"] == "2027-Q3"
    items = {i.id: i for p in plan.phases for i in p.items}
    assert items["c1"].goals == ("g",) and items["c1"].why.kind == "goal" and str(items["c1"].why.due) == "2027-Q3"
    assert items["a1"].why.kind == "value"
    (gp,) = plan.goals
    # b2 lands in the due quarter itself: with the default lead of one quarter that is too late
    assert str(gp.needs_reached) == "2027-Q3" and gp.late == ("b2",) and set(gp.enabling) == {"b1", "b2", "c1"}
    assert "late-need" in gp.causes
    (on_time,) = _plan(goals=[goal("g", metric="outcome-one", target=70, due="2027-Q3", needs={"b": 2}, lead=0)]).goals
    assert on_time.late == () and "late-need" not in on_time.causes


def test_earliest_due_first():
    late = goal("late", metric="outcome-one", target=70, due="2028-Q1", needs={"a": 1})
    soon = goal("soon", metric="outcome-one", target=70, due="2027-Q2", needs={"c": 1})
    where = placed(_plan(goals=[late, soon]))
    assert where["c1"] == "2027-Q1" and where["a1"] == "2027-Q2"


def test_a_need_above_the_target_counts_as_the_target():
    g = goal("g", metric="outcome-one", target=70, due="2028-Q4", needs={"c": 2})
    plan = _plan(goals=[g], phases=6)
    assert "c2" in placed(plan)
    (levels,) = [lv for lv in plan.levels if lv.factor == "c"]
    assert levels.target == 1 and levels.needed == 2 and levels.planned_target == 2


def test_priority_ranks_work_after_goals():
    plan = _plan(assessments=[assess("a", 0, 3, owner="boss"), assess("b", 0, 2, owner="boss"),
                              assess("c", 0, 1, owner="boss", priority="critical")])
    where = placed(plan)
    assert where["c1"] == "2027-Q1"
    item = next(i for p in plan.phases for i in p.items if i.id == "c1")
    assert item.why.kind == "priority" and item.why.priority == "critical"


def test_a_pin_places_the_whole_step_in_its_phase_even_past_capacity():
    plan = _plan(initiatives=[entry("c1", phase="2027-Q3")])
    where = placed(plan)
    assert where["c1"] == "2027-Q3"
    pinned = next(i for p in plan.phases for i in p.items if i.id == "c1")
    assert pinned.pinned and pinned.why.kind == "pinned"
    q3 = next(p for p in plan.phases if str(p.period) == "2027-Q3")
    # the pin takes the phase: a's third step waits for the next one
    assert q3.effort == 4 and where["a3"] == "2027-Q4"
    assert not [d for d in plan.findings if d.check in ("pin-conflict", "over-capacity")]  # 4 pinned of 4


def test_a_pin_that_cannot_be_honoured_moves_and_says_why():
    # b2 needs b1 and c1 first: it cannot be in the first phase
    plan = _plan(initiatives=[entry("b2", phase="2027-Q1", line=300)], capacity=8)
    (d,) = [d for d in plan.findings if d.check == "pin-conflict"]
    assert d.about == "b2" and d.loc.line == 303 and "2027-Q1" in d.message
    moved = next(i for p in plan.phases for i in p.items if i.id == "b2")
    assert moved.why.kind == "pin-moved" and str(moved.why.pinned) == "2027-Q1"
    outside = _plan(initiatives=[entry("c1", phase="2031-Q1")])
    (d,) = [d for d in outside.findings if d.check == "pin-conflict"]
    assert "outside the plan" in d.message and placed(outside)["c1"] == "2027-Q1"


def test_pinned_and_in_progress_work_over_capacity():
    plan = _plan(initiatives=[entry("c1", phase="2027-Q1"), entry("a1", status="in-progress", phase="2027-Q1")])
    (d,) = [d for d in plan.findings if d.check == "over-capacity"]
    assert d.about == "2027-Q1" and "8" in d.message


# --- status ------------------------------------------------------------------------------


def _project(values, current, target=70, due="2027-Q4", day=date(2026, 11, 20), direction="up"):
    """Metric m with `current` now and `values` at earlier reviews (period -> value, None: not recorded)."""
    def org_at(period, value, review_day):
        m = metric("m", direction=direction, baseline=50, current=value, target=target)
        return organisation([assess("a", 0, 0)], metrics=[m] if value is not None else [],
                            goals=[goal("g", metric="m", target=target, due=due)], period=period, day=review_day)
    snaps = [snapshot(org_at(p, v, q(p).first_day)) for p, v in sorted(values.items())]
    return project(_catalogue(), org_at("2026-Q4", current, day), snapshots=snaps)


def status(proj):
    (g,) = proj.organisation.goals
    return goal_state(g, proj)


def test_status_on_track_and_off_track_from_the_pace():
    # 50 -> 60 over two quarters is 5 a quarter; 10 more in 4 quarters needs 2.5: on track, with room to spare
    on = status(_project({"2026-Q2": 50}, 60))
    assert on.status == "on-track" and on.pace.so_far == 5 and on.pace.needed == 2.5 and on.causes == ()
    # 55 -> 60 is 2.5 a quarter, exactly the pace needed: no margin, so at risk
    edge = status(_project({"2026-Q2": 55}, 60))
    assert edge.status == "at-risk" and edge.causes == ("margin",) and edge.pace.so_far == 2.5
    off = status(_project({"2026-Q2": 58}, 60))
    assert off.status == "off-track" and str(off.pace.since) == "2026-Q2"


def test_status_met_missed_and_no_data():
    assert status(_project({"2026-Q2": 55}, 71)).status == "met"
    assert status(_project({"2026-Q2": 55}, 60, due="2026-Q3")).status == "missed"
    assert status(_project({}, 60)).status == "no-data"  # no earlier review records the metric
    assert status(_project({"2026-Q2": 55}, None)).status == "no-data"


def test_status_reads_the_metric_direction():
    assert status(_project({"2026-Q2": 50}, 30, target=10, direction="down")).status == "on-track"
    assert status(_project({"2026-Q2": 40}, 30, target=10, direction="down")).status == "at-risk"  # 5 against 5
    assert status(_project({"2026-Q2": 31}, 30, target=10, direction="down")).status == "off-track"
    assert status(_project({"2026-Q2": 40}, 9, target=10, direction="down")).status == "met"


def test_pace_uses_the_oldest_of_the_newest_four_reviews_that_record_it():
    values = {"2025-Q2": 0, "2025-Q3": 50, "2025-Q4": None, "2026-Q1": 52, "2026-Q2": 54, "2026-Q3": 56}
    state = status(_project(values, 58))
    # recorded earlier reviews: 2025-Q2, 2025-Q3, 2026-Q1, 2026-Q2, 2026-Q3; the newest four start at 2025-Q3
    assert str(state.pace.since) == "2025-Q3" and state.pace.start == 50
    assert state.pace.so_far == pytest.approx(8 / 5)
    assert [str(p) for p, _ in state.values] == ["2025-Q2", "2025-Q3", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def test_goal_checks_follow_the_status():
    proj = _project({"2026-Q2": 58}, 60)
    plan = make_plan(proj)
    assert [d.about for d in plan.findings if d.check == "goal-off-track"] == ["g"]
    missed = make_plan(_project({"2026-Q2": 55}, 60, due="2026-Q3"))
    assert [d.check for d in missed.findings if d.check.startswith("goal-")] == ["goal-missed"]
    fine = make_plan(_project({"2026-Q2": 55}, 60))
    assert not [d for d in fine.findings if d.check.startswith("goal-")]


def test_goal_at_risk_when_its_needs_land_after_its_due_or_not_at_all():
    soon = goal("g", metric="outcome-one", target=70, due="2027-Q1", needs={"b": 2}, line=200)
    plan = _plan(goals=[soon])
    (d,) = [d for d in plan.findings if d.check == "goal-at-risk"]
    assert d.about == "g" and "2027-Q1" in d.message and d.loc.line == 206  # at the goal's needs
    never = goal("g", metric="outcome-one", target=70, due="2027-Q4", needs={"a": 5})
    assert [d.about for d in _plan(goals=[never]).findings if d.check == "goal-at-risk"] == ["g"]
    fine = goal("g", metric="outcome-one", target=70, due="2027-Q4", needs={"c": 1})
    assert not [d for d in _plan(goals=[fine]).findings if d.check == "goal-at-risk"]


def test_metric_worsening_compares_with_the_last_review():
    worse = make_plan(_project({"2026-Q3": 62}, 60))
    (d,) = [d for d in worse.findings if d.check == "metric-worsening"]
    assert d.about == "m" and "62" in d.message and "60" in d.message
    assert not [d for d in make_plan(_project({"2026-Q3": 58}, 60)).findings if d.check == "metric-worsening"]


def test_target_unreached_at_the_end_of_the_plan():
    plan = _plan(phases=2)
    unreached = sorted(d.about for d in plan.findings if d.check == "target-unreached")
    assert unreached == ["a", "b", "c"]
    assert not [d for d in _plan(phases=8, capacity=12).findings if d.check == "target-unreached"]


def test_a_v1_project_plans_the_same_with_or_without_the_new_fields_left_at_their_defaults():
    plan = _plan()
    same = make_plan(replace(project(_catalogue(), organisation([assess("a", 0, 3, owner="boss"),
                                                                 assess("b", 0, 2, owner="boss"),
                                                                 assess("c", 0, 1, owner="boss")],
                                                                capacity=4, phases=4))))
    assert placed(plan) == placed(same)


def test_nobody_owns_work_after_they_leave():
    people = [person("boss", ["sponsor"]), person("temp", ["sponsor"], until=date(2027, 3, 31), line=60)]
    org = organisation([assess("c", 0, 3, owner="temp", line=100)], people=people, capacity=4, phases=4,
                       goals=[goal("g", metric="outcome-one", target=70, due="2027-Q4", owner="temp", line=200)])
    cat = catalogue([factor("c", "people", actions=[action(f"c{n}", n, 4, owner_role="sponsor") for n in (1, 2, 3)])])
    plan = make_plan(project(cat, org))
    owners = {i.id: (str(p.period), i.owner) for p in plan.phases for i in p.items}
    # temp owns the factor and is the first in line; from 2027-Q2 on the work falls to boss (the role's holder)
    assert owners == {"c1": ("2027-Q1", "temp"), "c2": ("2027-Q2", "boss"), "c3": ("2027-Q3", "boss")}
    leaves = [(d.about, d.loc.line) for d in plan.findings if d.check == "owner-leaves"]
    assert ("temp", 103) in leaves and ("temp", 205) in leaves  # the factor's owner, the goal's owner
    alone = organisation([assess("c", 0, 3, owner="temp")], people=[people[1]], capacity=4, phases=4, sponsor="temp")
    only = catalogue([factor("c", "people", actions=[action(f"c{n}", n, 4) for n in (1, 2, 3)])])
    later = make_plan(project(only, alone)).later
    assert [(e.item.id, e.reason) for e in later] == [("c2", "no-owner"), ("c3", "prerequisite")]
