"""Each health check: one case that raises it, one that does not, and where it points."""

from __future__ import annotations

from datetime import date

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.plan import CHECKS, SkippedCheck, make_plan

from .builders import (
    ORG_FILE,
    action,
    assess,
    catalogue,
    entry,
    evidence,
    factor,
    feedback,
    goal,
    metric,
    module,
    organisation,
    person,
    project,
    scope,
    snapshot,
    team,
)

GUIDE_IDS = {
    "unmeasurable-goal", "vague-goal", "loose-target", "overambitious-target", "no-owner", "owner-overload",
    "external-owner", "tool-first", "training-only", "no-feedback-loop", "sla-only-metrics", "missing-evidence",
    "stale-evidence", "stale-review", "regression", "no-sponsor", "scope-undefined", "unplaced-scope",
}
#: FORMAT version 1.1's checks.
NEW_IDS = {
    "goal-at-risk", "goal-missed", "goal-off-track", "metric-worsening", "target-unreached", "pin-conflict",
    "over-capacity", "owner-leaves", "no-practice-owner", "unassessed-factor", "unevidenced-rise", "team-regression",
    "waiver-expired", "unused-waiver",
}


def healthy(org_kwargs=None, factors=None, assessments=None, **project_kwargs):
    """A project with no findings, parts replaceable."""
    factors = factors or [factor("f", "process", actions=[action("f1", 1), action("f2", 2), action("f3", 3)])]
    assessments = assessments or [assess("f", 1, 2, owner="boss", line=100)]
    return project(catalogue(factors), organisation(assessments, **(org_kwargs or {})), **project_kwargs)


def found(proj, check):
    return [d for d in make_plan(proj).findings if d.check == check]


def test_every_guide_check_exists_and_the_healthy_project_is_clean():
    assert set(CHECKS) >= GUIDE_IDS | NEW_IDS
    assert make_plan(healthy()).findings == ()


def test_findings_are_warnings_sorted_with_message_and_hint():
    proj = healthy({"sponsor": None, "scope_items": (), "metrics": (), "feedback_items": ()})
    findings = make_plan(proj).findings
    assert {d.check for d in findings} == {"no-sponsor", "scope-undefined", "sla-only-metrics", "no-feedback-loop"}
    assert all(d.severity == "warning" and d.message and d.hint for d in findings)
    assert list(findings) == sorted(findings, key=lambda d: d.sort_key())


# --- goals and metrics -------------------------------------------------------------------


def test_unmeasurable_goal():
    bad = healthy({"goals": [goal("g", "Raise it from 1 to 2.", line=70)]})
    (d,) = found(bad, "unmeasurable-goal")
    assert d.loc == Loc(ORG_FILE, 71, 3)  # the statement
    assert "metric" in d.message and "due period" in d.message
    good = healthy({"goals": [goal("g", "Raise it from 50% to 70% by 2027-Q4.", metric="outcome-one")]})
    assert found(good, "unmeasurable-goal") == []
    no_due = healthy({"metrics": [metric("outcome-one", due=None)],
                      "goals": [goal("g", "Raise it from 50% to 70%.", metric="outcome-one")]})
    assert len(found(no_due, "unmeasurable-goal")) == 1


def test_vague_goal():
    bad = healthy({"goals": [goal("g", "We will Improve the service desk.", metric="outcome-one")]})
    assert len(found(bad, "vague-goal")) == 1
    assert len(found(healthy({"goals": [goal("g", "Make things better", metric="outcome-one")]}), "vague-goal")) == 1
    good = healthy({"goals": [goal("g", "Improve first-contact resolution to 65% by 2027-Q3.",
                                   metric="outcome-one")]})
    assert found(good, "vague-goal") == []
    assert found(healthy({"goals": [goal("g", "Cut the backlog", metric="outcome-one")]}), "vague-goal") == []


def test_loose_target():
    bad = healthy({"metrics": [metric("m", baseline=50, target=50, line=50),
                               metric("d", direction="down", unit="days", baseline=5, target=6, line=60)]})
    ds = found(bad, "loose-target")
    assert [d.loc.line for d in ds] == [53, 63]  # each metric's target
    good = healthy({"metrics": [metric("m", baseline=50, target=60),
                                metric("d", direction="down", unit="days", baseline=5, target=4)]})
    assert found(good, "loose-target") == []
    loose_goal = healthy({"goals": [goal("g", "Reach 40% by 2027-Q4", metric="outcome-one", target=40, line=80)]})
    (d,) = found(loose_goal, "loose-target")
    assert d.loc.line == 83


def test_overambitious_target():
    bad = healthy(assessments=[assess("f", 0, 5, owner="boss", line=100)])
    (d,) = found(bad, "overambitious-target")
    assert d.loc == Loc(ORG_FILE, 102, 3)  # the target
    limits = healthy({"metrics": [metric("all", target=100), metric("none", "experience", unit="minutes",
                                                                     direction="down", baseline=30, target=0),
                                  metric("zero-pct", unit="%", direction="down", baseline=5, target=0)]})
    assert len(found(limits, "overambitious-target")) == 3
    good = healthy({"metrics": [metric("almost", target=99), metric("fast", unit="minutes", direction="down",
                                                                     baseline=30, target=5)]},
                   assessments=[assess("f", 0, 4, owner="boss")])
    assert found(good, "overambitious-target") == []


def test_sla_only_metrics():
    assert len(found(healthy({"metrics": [metric("m", "operational")]}), "sla-only-metrics")) == 1
    assert len(found(healthy({"metrics": ()}), "sla-only-metrics")) == 1
    good = healthy({"metrics": [metric("m", "operational"), metric("x", "experience", unit="score")]})
    assert found(good, "sla-only-metrics") == []


# --- owners ------------------------------------------------------------------------------


def test_no_owner():
    f = factor("f", actions=[action("f1", 1, owner_role="ghost")])
    bad = healthy(factors=[f], assessments=[assess("f", 0, 1, line=100)])
    (d,) = found(bad, "no-owner")
    assert d.loc == Loc(ORG_FILE, 100, 1)  # the factor's assessment
    at_entry = healthy({"initiatives": [entry("f1", line=90)]}, factors=[f], assessments=[assess("f", 0, 1)])
    (d,) = found(at_entry, "no-owner")
    assert d.loc == Loc(ORG_FILE, 90, 1)
    assert found(healthy(factors=[f], assessments=[assess("f", 0, 1, owner="boss")]), "no-owner") == []


def test_owner_overload():
    f = factor("f", actions=[action(f"f{i}", 1) for i in range(4)])
    people = [person("boss", ["sponsor"], line=40)]
    bad = healthy({"people": people}, factors=[f], assessments=[assess("f", 0, 1, owner="boss")])
    (d,) = found(bad, "owner-overload")
    assert d.loc == Loc(ORG_FILE, 40, 1) and "2027-Q1" in d.message
    good = healthy({"people": people, "owner_limit": 4}, factors=[f], assessments=[assess("f", 0, 1, owner="boss")])
    assert found(good, "owner-overload") == []


def test_external_owner():
    f = factor("f", actions=[action("f1", 1, owner_role="coach")])
    ext = person("ext", ["coach"], external=True, line=45)
    bad = healthy({"people": [person("boss", ["sponsor"]), ext]}, factors=[f], assessments=[assess("f", 0, 1)])
    (d,) = found(bad, "external-owner")
    assert d.loc == Loc(ORG_FILE, 45, 1)  # the person found by role
    via_assessment = healthy({"people": [person("boss", ["sponsor"]), ext]}, factors=[f],
                             assessments=[assess("f", 0, 1, owner="ext", line=100)])
    assert found(via_assessment, "external-owner")[0].loc == Loc(ORG_FILE, 103, 3)  # assessment owner
    shared = healthy({"people": [person("boss", ["sponsor"]), ext, person("inside", ["coach"])]}, factors=[f],
                     assessments=[assess("f", 0, 1, owner="ext", line=100)])
    # the work has an internal coach beside its owner; the factor itself is still owned from outside
    assert [(d.about, d.loc) for d in found(shared, "external-owner")] == [("f", Loc(ORG_FILE, 103, 3))]
    responsible = healthy({"people": [person("boss", ["sponsor"]), ext, person("inside", ["practitioner"])],
                           "initiatives": [entry("f1", owner="ext", responsible=["inside"])]},
                          factors=[f], assessments=[assess("f", 0, 1, owner="boss")])
    assert found(responsible, "external-owner") == []


def test_external_owner_of_a_goal_or_a_practice():
    ext = person("ext", ["coach"], external=True)
    proj = healthy({"people": [person("boss", ["sponsor"]), ext],
                    "goals": [goal("g", metric="outcome-one", target=70, due="2027-Q4", owner="ext", line=200)],
                    "scope_items": [scope("incident-management", owner="ext", line=30)]})
    assert sorted((d.about, d.loc.line) for d in found(proj, "external-owner")) == [("g", 205),
                                                                                     ("incident-management", 33)]


# --- balance -----------------------------------------------------------------------------


def _tool_first(dims=("people", "process", "technology")):
    tech = factor("tech", "technology", actions=[action("t1", 1, 6)])
    proc = factor("proc", "process", actions=[action("p1", 1, 2, owner_role="ghost")])  # cannot be planned
    return project(catalogue([tech, proc], dimensions=dims),
                   organisation([assess("tech", 0, 1, owner="boss"), assess("proc", 0, 1)]))


def test_tool_first():
    (d,) = found(_tool_first(), "tool-first")
    assert "2027-Q1" in d.message and d.loc.line == 20  # the planning block
    assert found(_tool_first(dims=("process", "technology", "x")), "tool-first") != []


def test_a_check_that_cannot_apply_is_skipped_with_its_reason():
    no_tech = make_plan(_tool_first(dims=("tools", "process", "people", "technology-x")))
    assert SkippedCheck("tool-first", "missing-dimension", ("technology",)) in no_tech.skipped_checks
    only_tech = make_plan(_tool_first(dims=("technology", "tools")))
    assert SkippedCheck("tool-first", "missing-dimension", ("people", "process")) in only_tech.skipped_checks
    assert "tool-first" not in {s.check for s in make_plan(_tool_first()).skipped_checks}
    # Before the first review nothing compares with one; from the second review on, all of them run.
    compare = {"stale-review", "regression", "team-regression", "unevidenced-rise", "metric-worsening",
               "unapproved-rebaseline"}
    first = make_plan(healthy())
    assert {s.check for s in first.skipped_checks} == compare
    assert {s.reason for s in first.skipped_checks} == {"no-earlier-review"}
    later = make_plan(healthy(snapshots=[_snap("2026-Q3", date(2026, 8, 20))]))
    assert later.skipped_checks == ()


def test_tool_first_not_raised():
    assert found(_tool_first(dims=("tools", "process", "people", "technology-x")), "tool-first") == []
    tech = factor("tech", "technology", actions=[action("t1", 1, 3)])
    proc = factor("proc", "process", actions=[action("p1", 1, 3)])
    balanced = project(catalogue([tech, proc]),
                       organisation([assess("tech", 0, 1, owner="boss"), assess("proc", 0, 1, owner="boss")]))
    assert found(balanced, "tool-first") == []


def _training(modules, process_work=False):
    people_factor = factor("skills", "people", actions=[action("s1", 1, training=["course"])])
    factors = [people_factor]
    assessments = [assess("skills", 0, 1, owner="boss", line=100)]
    if process_work:
        factors.append(factor("flow", "process", actions=[action("w2", 2)]))
        assessments.append(assess("flow", 1, 2, owner="boss"))
    return project(catalogue(factors, training=modules),
                   organisation(assessments, people=[person("boss", ["sponsor", "practitioner"])]))


def test_training_only():
    (d,) = found(_training([module("course")]), "training-only")
    assert d.loc == Loc(ORG_FILE, 100, 1)


def test_training_only_not_raised_with_coaching_or_process_work():
    coached = _training([module("course", follow_up="coach"), module("coach", format="coaching")])
    assert found(coached, "training-only") == []
    assert found(_training([module("course")], process_work=True), "training-only") == []


# --- feedback and evidence ---------------------------------------------------------------


def test_no_feedback_loop():
    assert len(found(healthy({"feedback_items": ()}), "no-feedback-loop")) == 1
    old = organisation([assess("f", 1, 1)], period="2026-Q3", day=date(2026, 8, 20))
    left_open = healthy({"feedback_items": [feedback(day=date(2026, 8, 1), status="open", line=60)]},
                        snapshots=[snapshot(old)])
    (d,) = found(left_open, "no-feedback-loop")
    assert d.loc == Loc(ORG_FILE, 64, 3)  # the status


def test_no_feedback_loop_not_raised():
    old = organisation([assess("f", 1, 1)], period="2026-Q3", day=date(2026, 8, 20))
    fresh = healthy({"feedback_items": [feedback(day=date(2026, 9, 1), status="open")]}, snapshots=[snapshot(old)])
    assert found(fresh, "no-feedback-loop") == []
    assert found(healthy({"feedback_items": [feedback(day=date(2026, 1, 1), status="open")]}),
                 "no-feedback-loop") == []


def test_missing_evidence():
    bad = healthy(assessments=[assess("f", 2, 2, evidence=(), line=100)],
                  teams=[team("desk", [assess("f", 3, 3, evidence=(), line=7, file="content/teams/desk.yaml")])])
    ds = found(bad, "missing-evidence")
    assert [d.loc for d in ds] == [Loc(ORG_FILE, 101, 3), Loc("content/teams/desk.yaml", 8, 3)]
    good = healthy(assessments=[assess("f", 1, 1, evidence=())], teams=[team("desk", [assess("f", 2, 2)])])
    assert found(good, "missing-evidence") == []


def test_stale_evidence():
    old = [evidence(day=date(2025, 1, 1), line=110), evidence(day=date(2025, 6, 1), line=120)]
    bad = healthy(assessments=[assess("f", 2, 2, evidence=old)],
                  teams=[team("desk", [assess("f", 2, 2, evidence=[evidence(day=None)], line=5,
                                              file="content/teams/desk.yaml")])])
    ds = found(bad, "stale-evidence")
    assert [d.loc for d in ds] == [Loc(ORG_FILE, 122, 3),  # the newest evidence's date
                                   Loc("content/teams/desk.yaml", 9, 3)]  # undated: the evidence list
    assert "no date" in ds[1].message
    good = healthy(assessments=[assess("f", 2, 2, evidence=[evidence(day=date(2026, 1, 1))])])
    assert found(good, "stale-evidence") == []


# --- reviews -----------------------------------------------------------------------------


def _snap(period, day, level=0, initiatives=()):
    return snapshot(organisation([assess("f", level, 2, owner="boss")], period=period, day=day,
                                 initiatives=initiatives))


def test_stale_review():
    past = _snap("2026-Q2", date(2026, 5, 20))  # planned f1 for 2026-Q3, now past
    bad = healthy(assessments=[assess("f", 0, 2, owner="boss", line=100)], snapshots=[past])
    (d,) = found(bad, "stale-review")
    assert "f1" in d.message and d.loc == Loc(ORG_FILE, 101, 3)
    with_entry = healthy({"initiatives": [entry("f1", "planned", line=90)]},
                         assessments=[assess("f", 0, 2, owner="boss")], snapshots=[past])
    assert found(with_entry, "stale-review")[0].loc == Loc(ORG_FILE, 91, 3)


def test_stale_review_not_raised():
    past = _snap("2026-Q2", date(2026, 5, 20))
    done = healthy({"initiatives": [entry("f1", "done")]}, assessments=[assess("f", 0, 2, owner="boss")],
                   snapshots=[past])
    assert found(done, "stale-review") == []
    reached = healthy(assessments=[assess("f", 1, 2, owner="boss")], snapshots=[past])
    assert found(reached, "stale-review") == []
    recent = _snap("2026-Q3", date(2026, 8, 20))  # its first phase is 2026-Q4, the current review
    assert found(healthy(assessments=[assess("f", 0, 2, owner="boss")], snapshots=[recent]), "stale-review") == []


def test_regression():
    before = _snap("2026-Q3", date(2026, 8, 20), level=2)
    (d,) = found(healthy(assessments=[assess("f", 1, 2, owner="boss", line=100)], snapshots=[before]), "regression")
    assert d.loc == Loc(ORG_FILE, 101, 3)
    assert found(healthy(assessments=[assess("f", 2, 3, owner="boss")], snapshots=[before]), "regression") == []


# --- organisation and scope --------------------------------------------------------------


def test_no_sponsor():
    (d,) = found(healthy({"sponsor": None}), "no-sponsor")
    assert d.loc == Loc(ORG_FILE, 2, 3)
    assert len(found(healthy({"sponsor": "stranger"}), "no-sponsor")) == 1
    assert found(healthy({"sponsor": "boss"}), "no-sponsor") == []


def test_scope_undefined():
    assert len(found(healthy({"scope_items": [scope("x", "later", "2027-Q2")]}), "scope-undefined")) == 1
    assert len(found(healthy({"scope_items": [scope("cis", kind="configuration_items")]}), "scope-undefined")) == 1
    assert found(healthy(), "scope-undefined") == []


def test_unplaced_scope():
    bad = healthy({"scope_items": [scope("x"), scope("someday", "later", line=33)]})
    (d,) = found(bad, "unplaced-scope")
    assert d.loc == Loc(ORG_FILE, 33, 1)
    assert found(healthy({"scope_items": [scope("x"), scope("soon", "later", "2027-Q2")]}), "unplaced-scope") == []
