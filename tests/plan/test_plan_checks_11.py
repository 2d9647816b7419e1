"""Version 1.1's checks not tied to goals: assessment, teams, practices, waivers, and the widened ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from roadmap_gen.core.diagnostics import Loc, has_errors
from roadmap_gen.model import Waiver
from roadmap_gen.plan import make_plan
from roadmap_gen.spec.fields import Locs

from .builders import (
    ORG_FILE,
    action,
    assess,
    catalogue,
    entry,
    evidence,
    factor,
    goal,
    metric,
    organisation,
    own,
    person,
    project,
    q,
    scope,
    snapshot,
    team,
)
from .test_plan_health import found, healthy


def test_unassessed_factor():
    two = [factor("f", "process", actions=[action("f1", 1), action("f2", 2)]), factor("g", "process")]
    proj = healthy(factors=two)
    (d,) = found(proj, "unassessed-factor")
    assert d.about == "g" and d.loc == Loc(ORG_FILE, 1, 1)  # the organisation (the builder's locs)
    applicable_false = healthy(factors=two, assessments=[assess("f", 1, 2, owner="boss"),
                                                         assess("g", applicable=False)])
    assert found(applicable_false, "unassessed-factor") == []


def _rise(new_evidence_day):
    before = organisation([assess("f", 1, 2, owner="boss")], period="2026-Q3", day=date(2026, 8, 20))
    now = organisation([assess("f", 2, 2, owner="boss", line=100,
                               evidence=[evidence("minutes", new_evidence_day)])])
    return project(healthy().catalogue, now, snapshots=[snapshot(before)])


def test_unevidenced_rise():
    (d,) = found(_rise(date(2026, 8, 1)), "unevidenced-rise")
    assert d.about == "f" and d.loc == Loc(ORG_FILE, 101, 3) and "2026-08-20" in d.message
    assert found(_rise(date(2026, 9, 1)), "unevidenced-rise") == []


def test_team_regression():
    cat = healthy().catalogue
    old = snapshot(organisation([assess("f", 1, 2, owner="boss")], period="2026-Q3", day=date(2026, 8, 20)),
                   teams=[team("desk", [assess("f", 2, 3, file="content/reviews/2026-Q3/teams/desk.yaml")])])
    fell = team("desk", [assess("f", 1, 3, file="content/teams/desk.yaml", line=10)])
    proj = project(cat, organisation([assess("f", 1, 2, owner="boss")]), teams=[fell], snapshots=[old])
    (d,) = found(proj, "team-regression")
    assert d.about == "desk" and d.loc == Loc("content/teams/desk.yaml", 11, 3)
    same = team("desk", [assess("f", 2, 3, file="content/teams/desk.yaml")])
    assert found(project(cat, organisation([assess("f", 1, 2, owner="boss")]), teams=[same], snapshots=[old]),
                 "team-regression") == []


def test_no_practice_owner():
    proj = healthy({"scope_items": [scope("incident", owner="boss"), scope("change", line=40),
                                    scope("assets", "later", "2027-Q3", line=50), scope("far", "later", "2031-Q1"),
                                    scope("servers", kind="configuration_items")]})
    assert sorted((d.about, d.loc.line) for d in found(proj, "no-practice-owner")) == [("assets", 50), ("change", 40)]


def test_vague_goal_does_not_take_a_year_or_a_quarter_for_a_number():
    for statement, vague in [("Improve the service desk by 2027", True), ("Improve it by 2027-Q3", True),
                             ("Improve first-contact resolution in Q3", True),
                             ("Improve first-contact resolution from 52% to 65% by 2027-Q3", False)]:
        proj = healthy({"goals": [goal("g", statement, metric="outcome-one", target=70, due="2027-Q4")]})
        assert bool(found(proj, "vague-goal")) is vague, statement


def test_loose_target_also_against_the_current_value():
    beaten = healthy({"metrics": [metric("m", baseline=50, current=75, target=70, line=50)]})
    (d,) = found(beaten, "loose-target")
    assert d.about == "m" and "current value of 75" in d.message and d.loc == Loc(ORG_FILE, 53, 3)
    assert found(healthy({"metrics": [metric("m", baseline=50, current=60, target=70)]}), "loose-target") == []


def _waived(until: str, check: str = "no-sponsor", about=None, period: str = "2026-Q4"):
    org = organisation([assess("f", 1, 2, owner="boss", line=100)], sponsor=None, period=period)
    waiver = Waiver(check=check, about=about, reason="Interim, a new CIO starts in March.", approved_by="boss",
                    until=q(until), locs=Locs(Loc(ORG_FILE, 300, 5), (("until", Loc(ORG_FILE, 304, 12)),)))
    return make_plan(project(healthy().catalogue, replace(org, waivers=(waiver,))))


def test_a_waived_finding_still_shows_but_no_longer_fails_strict():
    plan = _waived("2027-Q2")
    (d,) = [d for d in plan.findings if d.check == "no-sponsor"]
    assert d.waived and d.waiver.reason.startswith("Interim") and d.waiver.approved_by == "Boss"
    assert not has_errors(plan.findings, strict=True)
    assert not [d for d in plan.findings if d.check in ("waiver-expired", "unused-waiver")]


def test_an_expired_waiver_counts_again_and_says_so():
    plan = _waived("2026-Q3")
    assert not [d for d in plan.findings if d.check == "no-sponsor" and d.waived]
    (expired,) = [d for d in plan.findings if d.check == "waiver-expired"]
    assert expired.loc == Loc(ORG_FILE, 304, 12)
    assert has_errors(plan.findings, strict=True)


def test_a_waiver_that_matches_nothing():
    plan = _waived("2027-Q2", check="vague-goal", about="nothing")
    (unused,) = [d for d in plan.findings if d.check == "unused-waiver"]
    assert unused.loc == Loc(ORG_FILE, 300, 5) and unused.about == "nothing"
    misspelt = _waived("2027-Q2", check="no-sponsr")
    (d,) = [d for d in misspelt.findings if d.check == "unused-waiver"]
    assert "no-sponsor" in d.hint


def test_owner_leaves_for_work_and_practices():
    people = [person("boss", ["sponsor"]), person("temp", ["sponsor"], until=date(2027, 5, 15))]
    org = organisation([assess("f", 0, 2, owner="boss", line=100)], people=people,
                       scope_items=[scope("incident", owner="temp", line=40)])
    org = replace(org, initiatives=(entry("f2", owner="temp", line=200),))
    cat = catalogue([factor("f", "process", actions=[action("f1", 1), action("f2", 2)])])
    plan = make_plan(project(cat, org))
    leaves = sorted((d.about, d.loc.line) for d in plan.findings if d.check == "owner-leaves")
    # temp leaves on 2027-05-15, during 2027-Q2: f2, planned in Q2, stays hers (a phase is closed to her only
    # when it starts after that day), but the practice is still in scope in Q3 and Q4
    assert leaves == [("temp", 43)]
    owners = {i.id: i.owner for p in plan.phases for i in p.items}
    assert owners["f2"] == "temp"


def test_unplanned_initiative_names_open_work_the_plan_leaves_out():
    two = [factor("f", "process", actions=[action("f1", 1), action("f2", 2), action("f3", 3)]),
           factor("g", "process", actions=[action("g1", 1)])]
    proj = healthy({"initiatives": [entry("f1", line=200), entry("f2", line=210), entry("f3", "in-progress", line=220),
                                    own("mine", "f", 4, owner="boss", line=230), own("kept", "f", 2, owner="boss"),
                                    own("closed", "f", 5, status="done"), entry("g1", line=240)]},
                   factors=two, assessments=[assess("f", 1, 2, owner="boss", line=100),
                                             assess("g", applicable=False)])
    found_ = {d.about: d for d in found(proj, "unplanned-initiative")}
    assert sorted(found_) == ["f1", "f3", "g1", "mine"]
    assert "already at level 1" in found_["f1"].message and found_["f1"].loc == Loc(ORG_FILE, 200, 1)
    assert "aims for level 2" in found_["f3"].message and "(in-progress)" in found_["f3"].message
    assert "not applicable" in found_["g1"].message and "level 4" in found_["mine"].message
