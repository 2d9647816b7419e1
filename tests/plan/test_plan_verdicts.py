"""Verdicts that never flatter: each cause of a goal's status, re-baselines against the last review,
and the 1.2 checks (goal-conflict, unsupported-level, people-late, full-phases, unapproved-rebaseline,
unused-approval), one rule per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from roadmap_gen.model import Rebaseline
from roadmap_gen.plan import make_plan
from roadmap_gen.plan.goals import goal_state
from roadmap_gen.plan.rebaselines import rebaselines

from .builders import (
    ORG_FILE,
    action,
    assess,
    catalogue,
    factor,
    goal,
    locs,
    metric,
    module,
    organisation,
    person,
    project,
    q,
    snapshot,
    team,
)


def _state(values, current, *, baseline=50, target=70, due="2027-Q4", direction="up", late_need=False):
    """Goal g on metric m: `values` at earlier reviews (period -> value; None: the review does not record m)."""
    def org_at(period, value, day):
        m = metric("m", direction=direction, baseline=baseline, current=value, target=target)
        return organisation([assess("a", 0, 0)], metrics=[m] if value is not None else [],
                            goals=[goal("g", metric="m", target=target, due=due)], period=period, day=day)
    snaps = [snapshot(org_at(p, v, q(p).first_day)) for p, v in sorted(values.items())]
    proj = project(catalogue([factor("a")]), org_at("2026-Q4", current, date(2026, 11, 20)), snapshots=snaps)
    (g,) = proj.organisation.goals
    return goal_state(g, proj, late_need=late_need)


def test_margin_below_one_point_two_times_the_pace_needed_is_at_risk():
    # 10 to go in 4 quarters needs 2.5; 54 -> 60 over two quarters is 3 (1.2x exactly): on track
    on = _state({"2026-Q2": 54}, 60)
    assert (on.status, on.causes) == ("on-track", ())
    below = _state({"2026-Q2": 54.5}, 60)  # 2.75 a quarter: 1.1x
    assert (below.status, below.causes) == ("at-risk", ("margin",))
    slower = _state({"2026-Q2": 56}, 60)  # 2 a quarter: off track, and short of the margin too
    assert (slower.status, slower.causes) == ("off-track", ("margin",))


def test_a_need_reached_too_late_makes_an_on_pace_goal_at_risk():
    late = _state({"2026-Q2": 40}, 60, late_need=True)
    assert (late.status, late.causes) == ("at-risk", ("late-need",))
    assert _state({"2026-Q2": 58}, 60, late_need=True).causes == ("margin", "late-need")


def test_a_recovery_from_a_dip_below_the_baseline_is_not_progress():
    # baseline 90, a dip to 79 at 2026-Q2, 85 now: from the dip that is 3 a quarter; from the baseline it is
    # a loss, so the goal is off track
    state = _state({"2026-Q2": 79}, 85, baseline=90, target=95)
    assert state.status == "off-track" and state.pace.start == 90 and state.pace.so_far == -2.5
    assert str(state.pace.since) == "2026-Q2"  # quarters still counted from the review it starts at
    # a baseline worse than the earlier value changes nothing
    assert _state({"2026-Q2": 54}, 60, baseline=50).pace.start == 54


def test_a_metric_recorded_at_only_some_reviews_counts_from_those():
    state = _state({"2026-Q1": None, "2026-Q2": 55, "2026-Q3": None}, 60)
    assert str(state.pace.since) == "2026-Q2" and state.pace.so_far == 2.5
    assert _state({"2026-Q2": None, "2026-Q3": None}, 60).status == "no-data"  # no pace: no verdict


def _goal_plan(due, lead, reached_by_capacity=4):
    """Goal g due `due` with `lead`, needing factor b at 1: one 4-point step, placed in the first phase."""
    cat = catalogue([factor("b", actions=[action("b1", 1, effort=4)])])
    org = organisation([assess("b", 0, 1, owner="boss")], capacity=reached_by_capacity, phases=4,
                       metrics=[metric("m", baseline=40, current=65, target=70)],
                       goals=[goal("g", metric="m", target=70, due=due, needs={"b": 1}, lead=lead)])
    old = replace(org, review=replace(org.review, period=q("2026-Q2"), date=date(2026, 5, 20)),
                  metrics=(metric("m", baseline=40, current=40, target=70),))
    return make_plan(project(cat, org, snapshots=[snapshot(old)]))


def test_lead_one_wants_the_need_a_quarter_before_due_and_lead_zero_in_the_due_quarter():
    (g,) = _goal_plan("2027-Q1", lead=1).goals  # b1 lands in 2027-Q1, the due quarter itself
    assert g.status == "at-risk" and g.causes == ("late-need",) and g.late == ("b1",)
    (g0,) = _goal_plan("2027-Q1", lead=0).goals
    assert g0.status == "on-track" and g0.causes == () and g0.late == ()
    checks = {d.check for d in _goal_plan("2027-Q1", lead=1).findings}
    assert "goal-at-risk" in checks and "goal-at-risk" not in {d.check for d in _goal_plan("2027-Q1", 0).findings}


# --- re-baselines ---------------------------------------------------------------------------


def _orgs(**after):
    before = organisation([assess("a", 1, 3)], phases=4,
                          metrics=[metric("m", target=70, due="2027-Q4"), metric("d", direction="down", target=10,
                                                                                 current=20, baseline=30)],
                          goals=[goal("g", metric="m", target=70, due="2027-Q4"),
                                 goal("h", metric="d", target=10, due="2027-Q4"),
                                 goal("met", metric="m", target=50, due="2027-Q4")],
                          period="2026-Q3", day=date(2026, 8, 20))
    now = organisation([assess("a", 1, after.get("factor_target", 3))], phases=after.get("phases", 4),
                       metrics=[metric("m", target=after.get("m_target", 70), due=after.get("m_due", "2027-Q4")),
                                metric("d", direction="down", target=after.get("d_target", 10), current=20,
                                       baseline=30)],
                       goals=after.get("goals", [goal("g", metric="m", target=70, due="2027-Q4"),
                                                 goal("h", metric="d", target=10, due="2027-Q4"),
                                                 goal("met", metric="m", target=50, due="2027-Q4")]),
                       period="2026-Q4", day=date(2026, 11, 20))
    return before, now


def _found(**after):
    return [(r.about, r.change, r.old, r.new) for r in rebaselines(*_orgs(**after))]


def test_each_kind_of_rebaseline_is_found():
    assert _found() == []
    assert _found(m_due="2028-Q1", m_target=65) == [("m", "metric-due", "2027-Q4", "2028-Q1"),
                                                     ("m", "metric-target", 70, 65)]
    assert _found(m_due="2027-Q3", m_target=75) == []  # earlier and more ambitious: not a re-baseline
    assert _found(d_target=12) == [("d", "metric-target", 10, 12)]  # down is better: 12 asks for less
    assert _found(factor_target=2) == [("a", "factor-target", 3, 2)]
    # 4 phases from 2027-Q1 ended 2027-Q4 (the snapshot planned from 2026-Q4, so it ended 2027-Q3)
    assert _found(phases=6) == [("planning", "horizon", "2027-Q3", "2028-Q2")]
    goals = [goal("g", metric="m", target=60, due="2028-Q1"), goal("h", metric="m", target=10, due="2027-Q4")]
    found = _found(goals=goals)
    assert ("g", "goal-due", "2027-Q4", "2028-Q1") in found and ("g", "goal-target", 70, 60) in found
    # h measured another metric: that is a goal removed; `met` was met (55 >= 50), so removing it is not
    assert ("h", "goal-removed", goals[1].statement, None) in found
    assert not [f for f in found if f[0] == "met"]


def test_approvals_match_by_about_and_change_and_the_rest_are_findings():
    before, now = _orgs(m_due="2028-Q1", factor_target=2)
    now = replace(now, people=now.people + (person("boss", ["sponsor"]),), rebaselines=(
        Rebaseline(about="m", change="metric-due", reason="Moved with the tool.", approved_by="boss",
                   locs=locs(ORG_FILE, 90)),
        Rebaseline(about="g", change="goal-due", reason="Not moved at all.", approved_by="boss",
                   locs=locs(ORG_FILE, 95))))
    found = {(r.about, r.change): r.approved_by for r in rebaselines(before, now)}
    assert found == {("m", "metric-due"): "boss", ("a", "factor-target"): None}
    plan = make_plan(project(catalogue([factor("a")]), now, snapshots=[snapshot(before)]))
    by_check = {(d.check, d.about) for d in plan.findings}
    assert ("unapproved-rebaseline", "a") in by_check and ("unapproved-rebaseline", "m") not in by_check
    assert ("unused-approval", "g") in by_check
    assert [(r.about, r.approved_by) for r in plan.rebaselines] == [("a", None), ("m", "boss")]


def test_a_rebaselined_goal_is_judged_against_its_old_promise():
    def org(period, day, current, due):
        return organisation([assess("a", 1, 1)], metrics=[metric("m", baseline=40, current=current, target=70)],
                            goals=[goal("g", metric="m", target=70, due=due)], period=period, day=day)
    before = org("2026-Q3", date(2026, 8, 20), 50, "2027-Q4")
    now = org("2026-Q4", date(2026, 11, 20), 53, "2029-Q4")
    plan = make_plan(project(catalogue([factor("a")]), now, snapshots=[snapshot(before)]))
    (g,) = plan.goals
    # 3 a quarter: 17 to go by 2029-Q4 needs 1.4 (on track); by 2027-Q4, the promise it replaced, 4.25
    assert g.status == "on-track" and g.original is not None and str(g.original.due) == "2027-Q4"
    assert g.original.status == "off-track"


# --- the other checks -------------------------------------------------------------------------


def _checks(proj):
    return [(d.check, d.about) for d in make_plan(proj).findings]


def test_goal_conflict_is_about_the_later_goal_that_asks_for_no_more():
    org = organisation([assess("a", 1, 1)], metrics=[metric("m")],
                       goals=[goal("early", metric="m", target=70, due="2027-Q1"),
                              goal("late", metric="m", target=70, due="2027-Q4"),
                              goal("more", metric="m", target=75, due="2028-Q1")])
    found = [c for c in _checks(project(catalogue([factor("a")]), org)) if c[0] == "goal-conflict"]
    assert found == [("goal-conflict", "late")]
    same_due = organisation([assess("a", 1, 1)], metrics=[metric("m")],
                            goals=[goal("b", metric="m", target=60, due="2027-Q4"),
                                   goal("a", metric="m", target=70, due="2027-Q4")])
    assert [c for c in _checks(project(catalogue([factor("a")]), same_due)) if c[0] == "goal-conflict"] == \
        [("goal-conflict", "b")]


def test_unsupported_level_against_the_lower_median_of_two_or_more_teams():
    cat = catalogue([factor("a")])
    org = organisation([assess("a", 2, 2)])
    teams = [team("t1", [assess("a", 1, 2)]), team("t2", [assess("a", 3, 3)])]
    assert ("unsupported-level", "a") in _checks(project(cat, org, teams=teams))  # lower median 1
    teams = [team("t1", [assess("a", 1, 2)]), team("t2", [assess("a", 2, 3)]), team("t3", [assess("a", 3, 3)])]
    assert ("unsupported-level", "a") not in _checks(project(cat, org, teams=teams))  # median 2
    assert ("unsupported-level", "a") not in _checks(project(cat, org, teams=teams[:1]))  # one team says little
    plan = make_plan(project(cat, org, teams=[team("t1", [assess("a", 1, 1)])]))
    assert plan.teams.teams[0].below == ("a",)  # the team's page lists it as a gap the plan leaves open


def test_people_late_and_full_phases():
    people_f = factor("p", "people", actions=[action(f"p{i}", i, effort=5) for i in (1, 2, 3)])
    process_f = factor("r", "process", weight=5, actions=[action(f"r{i}", i, effort=5) for i in (1, 2, 3)])
    tech_f = factor("t", "technology", weight=5, actions=[action(f"t{i}", i, effort=5) for i in (1, 2, 3)])
    cat = catalogue([people_f, process_f, tech_f])
    org = organisation([assess("p", 0, 3, owner="boss", priority="low"), assess("r", 0, 3, owner="boss"),
                        assess("t", 0, 3, owner="boss")], capacity=10, phases=5)
    found = _checks(project(cat, org))
    assert ("people-late", None) in found and ("full-phases", "2027-Q1") in found
    reserved = replace(org, planning=replace(org.planning, reserve=20))
    assert ("full-phases", "2027-Q1") not in _checks(project(cat, reserved))
    plan = make_plan(project(cat, reserved))
    assert plan.fill == 8 and all(p.effort <= 8 for p in plan.phases)


def test_follow_ups_only_for_those_booked_on_or_trained_in_what_they_follow():
    cat = catalogue([factor("a", actions=[action("a1", 1, training=["work"]), action("a2", 2, training=["ws"])])],
                    training=[module("ws", follow_up="coach"), module("coach", format="coaching"),
                              module("work")])
    people = [person("boss", ["practitioner"], trained=["ws"]), person("new", ["practitioner"])]
    from .builders import entry
    org = organisation([assess("a", 0, 2, owner="boss")], people,
                       initiatives=[entry("a1", responsible=["new"]), entry("a2", responsible=["new"])])
    plan = make_plan(project(cat, org))
    sessions = {(s.module, str(s.period)): s for s in plan.training.sessions}
    ws = sessions[("ws", "2027-Q2")]
    assert ws.people == ("new",)  # boss is trained in the workshop already
    # boss, trained before, gets the coaching with the work that needs the workshop; new gets it a phase later
    early = sessions[("coach", "2027-Q2")]
    assert [(b.person, b.follows) for b in early.bookings] == [("boss", ("ws",))]
    late = sessions[("coach", "2027-Q3")]
    assert [(b.person, b.follows, b.items) for b in late.bookings] == [("new", ("ws",), ())]


def test_work_whose_only_owner_leaves_is_later_for_no_owner_not_capacity():
    """The consultant's case: a tool selection that cannot start in the first phase (no room), whose only
    possible owner leaves at the end of that phase, while the next phase has room: raising capacity
    would change nothing, so the reason is no-owner and the detail says so, phase by phase."""
    cat = catalogue([factor("busy", "process", weight=5, actions=[action("busy1", 1, effort=8)]),
                     factor("tool", "technology", actions=[action("pick-one-tool", 1, effort=4,
                                                                   owner_role="tool-admin")])])
    people = [person("boss", ["sponsor"]), person("temp", ["tool-admin"], external=True, until=date(2027, 3, 31))]
    from .builders import entry
    org = organisation([assess("busy", 0, 1, owner="boss"), assess("tool", 0, 1)], people, capacity=10, phases=3,
                       initiatives=[entry("busy1", phase="2027-Q1")])  # the first phase is taken
    plan = make_plan(project(cat, org))
    (later,) = plan.later
    assert (later.id, later.reason) == ("pick-one-tool", "no-owner")
    assert later.detail.startswith("2027-Q1: no room: needs 4 points, 2 left; 2027-Q2 to 2027-Q3: everyone who "
                                   "could own 'pick-one-tool' has left: Temp (2027-03-31)")
    assert "name an internal owner" in later.detail
