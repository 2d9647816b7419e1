"""Consulted by interest, communications (whom to tell what, by when) and decisions (one per subject)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_gen.core.diagnostics import Loc, WaiverNote, warning
from roadmap_gen.downloads.export import plan_to_json
from roadmap_gen.plan import make_plan
from roadmap_gen.plan.checks import CHECKS
from roadmap_gen.plan.communications import TELL_AHEAD, communications
from roadmap_gen.plan.decisions import decisions
from roadmap_gen.plan.types import PhaseWork

from .builders import action, assess, catalogue, factor, organisation, person, project, q, stakeholder


def _project(stakeholders, start: str = "2027-Q1"):
    cat = catalogue([factor("f", "process", actions=[action("f1", 1), action("f2", 2, dimension="people")]),
                     factor("g", "technology", actions=[action("g1", 1)])])
    org = organisation([assess("f", 0, 2, owner="boss"), assess("g", 0, 1, owner="boss")], stakeholders=stakeholders, start=start)
    return project(cat, org)


def _with_interests(id: str, engagement: str, interests: tuple[str, ...]):
    return replace(stakeholder(id, engagement), interests=interests)


def test_without_interests_the_engagement_rule_holds():
    plan = make_plan(_project([stakeholder("ops", "high"), stakeholder("ward", "medium"), stakeholder("fin", "low")]))
    assert {r.item for r in plan.raci} == {"f1", "f2", "g1"}
    for row in plan.raci:
        assert row.consulted == ("ops", "ward") and row.informed == ("boss",)  # fin: neither


def test_with_interests_consulted_on_its_factors_and_dimensions_and_informed_of_the_rest():
    plan = make_plan(_project([_with_interests("fin", "low", ("g",)), _with_interests("ward", "none", ("people",)),
                               stakeholder("ops", "high")]))
    rows = {r.item: r for r in plan.raci}
    assert rows["g1"].consulted == ("fin", "ops") and rows["g1"].informed == ("boss", "ward")
    # f2's own dimension is people (its factor's is process): ward is consulted on it
    assert rows["f2"].consulted == ("ops", "ward") and rows["f2"].informed == ("boss", "fin")
    assert rows["f1"].consulted == ("ops",) and rows["f1"].informed == ("boss", "fin", "ward")
    raci = {r["item"]: r for r in plan_to_json(plan)["raci"]}
    assert raci["f1"]["informed"] == ["boss", "fin", "ward"] and raci["g1"]["consulted"] == ["fin", "ops"]


def test_communications_per_stakeholder_and_phase_with_the_tell_by_day():
    plan = make_plan(_project([_with_interests("fin", "low", ("g",)), stakeholder("quiet", "low")]))
    comms = plan.communications
    assert {c.stakeholder for c in comms} == {"fin"}  # a group with nothing to hear is left out
    first = comms[0]
    assert first.period == q("2027-Q1") and first.tell_by == date(2026, 12, 2)  # across the year boundary
    assert all((c.period.first_day - c.tell_by).days == TELL_AHEAD for c in comms)
    items = {i.id: str(p.period) for p in plan.phases for i in p.items}
    assert {i for c in comms for i in c.consulted} == {"g1"}
    assert {i for c in comms for i in c.informed} == set(items) - {"g1"}
    assert plan_to_json(plan)["communications"][0] == {
        "stakeholder": "fin", "period": "2027-Q1", "consulted": list(first.consulted),
        "informed": list(first.informed), "tell_by": "2026-12-02"}


def test_tell_by_is_thirty_days_before_each_quarter():
    org = organisation([], stakeholders=[stakeholder("ops", "high")])
    item = make_plan(_project([])).items[0]
    days = {}
    for period in ("2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"):
        work = PhaseWork(index=0, period=q(period), capacity=1, effort=1, effort_by_dimension=(), items=(item,),
                         steps=())
        (c,) = communications([work], org)
        days[period] = c.tell_by
    assert days == {"2027-Q1": date(2026, 12, 2), "2027-Q2": date(2027, 3, 2), "2027-Q3": date(2027, 6, 1),
                    "2027-Q4": date(2027, 9, 1)}


def _finding(check: str, about, line: int, waived: bool = False):
    d = replace(warning(Loc("content/organisation.yaml", line, 1), check, f"{check} at {line}"), about=about)
    return replace(d, waiver=WaiverNote("accepted", "boss", "2027-Q1")) if waived else d


def test_findings_about_one_subject_are_one_decision():
    found = [_finding("owner-leaves", "lee", 10), _finding("external-owner", "lee", 20),
             _finding("owner-leaves", "lee", 30), _finding("goal-missed", "g", 40)]
    made = decisions(found)
    by_about = {d.about: d for d in made}
    assert set(by_about) == {"lee", "g"}
    lee = by_about["lee"]
    first = next(c for c in CHECKS if c in ("owner-leaves", "external-owner"))  # registry order
    assert lee.checks[0] == first and set(lee.checks) == {"owner-leaves", "external-owner"}
    assert lee.id == f"{first}:lee" and len(lee.findings) == 3
    wording = CHECKS[first].info.decide
    assert wording is not None and (lee.question, lee.options, lee.recommendation, lee.if_nothing) == (
        wording.question, wording.options, wording.recommendation, wording.if_nothing)


def test_a_finding_about_nothing_is_a_decision_of_its_own_and_waived_ones_make_none():
    found = [_finding("no-sponsor", None, 1), _finding("no-sponsor", None, 2),
             _finding("over-capacity", "2027-Q1", 3, waived=True), _finding("vague-goal", "g", 4)]
    made = decisions(found)
    assert [(d.id, d.about, d.checks) for d in made] == [("no-sponsor:", None, ("no-sponsor",)),
                                                         ("no-sponsor:2", None, ("no-sponsor",))]
    assert decisions([_finding("over-capacity", "2027-Q1", 3, waived=True)]) == ()


def test_every_check_the_board_decides_on_has_its_wording():
    asked = {"unapproved-rebaseline", "owner-leaves", "external-owner", "over-capacity", "goal-missed",
             "goal-off-track", "goal-at-risk", "target-unreached", "pin-conflict", "goal-conflict", "no-sponsor"}
    for check in asked:
        decide = CHECKS[check].info.decide
        assert decide is not None, check
        assert decide.question.endswith("?") and 2 <= len(decide.options) <= 4, check
        assert decide.recommendation and decide.if_nothing, check


def test_decisions_in_roadmap_json():
    plan = make_plan(project(catalogue([factor("f")]), organisation([], sponsor=None, people=[person("a")])))
    (entry,) = [d for d in plan_to_json(plan)["decisions"] if d["checks"] == ["no-sponsor"]]
    assert entry["id"] == "no-sponsor:" and entry["about"] is None
    assert set(entry) == {"id", "about", "checks", "question", "options", "recommendation", "if_nothing"}


DECIDING = sorted(c for c, r in CHECKS.items() if r.info.decide is not None)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DECIDING + ["vague-goal"]), st.sampled_from([None, "lee", "g", "2027-Q1"]),
                          st.booleans()), max_size=12))
def test_every_unwaived_finding_is_in_exactly_one_decision_and_no_subject_twice(spec):
    found = [_finding(check, about, line, waived) for line, (check, about, waived) in enumerate(spec, 1)]
    made = decisions(found)
    asking = [d for d in found if not d.waived and d.check in DECIDING]
    assert sorted(d.loc.line for x in made for d in x.findings) == sorted(d.loc.line for d in asking)
    abouts = [x.about for x in made if x.about is not None]
    assert len(abouts) == len(set(abouts)) and len({x.id for x in made}) == len(made)
    assert all(x.id.startswith(f"{x.checks[0]}:") and set(x.checks) == {d.check for d in x.findings} for x in made)
