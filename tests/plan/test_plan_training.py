"""The training plan."""

from __future__ import annotations

from roadmap_gen.plan import make_plan

from .builders import action, assess, catalogue, factor, module, organisation, person, project


def _plan(actions, modules, people, phases=4, capacity=10):
    f = factor("f", actions=actions)
    org = organisation([assess("f", 0, max(a.raises_to for a in actions), owner="boss")], people=people,
                       phases=phases, capacity=capacity)
    return make_plan(project(catalogue([f], training=modules), org))


PEOPLE = [person("boss", ["sponsor"]), person("pat", ["practitioner"]), person("quinn", ["practitioner", "coach"])]


def test_sessions_in_the_phase_of_the_work_for_the_audience():
    plan = _plan([action("a1", 1, training=["found"])], [module("found", 8, ["practitioner"])], PEOPLE)
    (s,) = plan.training.sessions
    assert (s.module, s.phase, s.people, s.hours, s.total_hours, s.items) == \
        ("found", 0, ("pat", "quinn"), 8.0, 16.0, ("a1",))
    assert [p.hours for p in plan.training.phases] == [16.0, 0.0, 0.0, 0.0]
    assert plan.phases[0].training_hours == 16.0
    assert {p.person: p.by_phase for p in plan.training.people} == {"pat": (8.0, 0, 0, 0), "quinn": (8.0, 0, 0, 0)}
    assert [(r.role, r.people, r.hours) for r in plan.training.roles] == [("practitioner", ("pat", "quinn"), 16.0)]


def test_nobody_twice_for_a_module_first_phase_wins():
    plan = _plan([action("a1", 1, training=["found"]), action("a2", 2, training=["found"])],
                 [module("found", 8, ["practitioner"])], PEOPLE)
    assert [(s.phase, s.people) for s in plan.training.sessions] == [(0, ("pat", "quinn"))]


def test_follow_up_in_the_next_phase_for_the_same_people_or_after_the_horizon():
    modules = [module("found", 8, ["practitioner"], follow_up="coach-it"),
               module("coach-it", 2, ["coach"], format="coaching")]
    plan = _plan([action("a1", 1, training=["found"])], modules, PEOPLE)
    assert [(s.module, s.phase, s.people, s.follow_up_of) for s in plan.training.sessions] == [
        ("found", 0, ("pat", "quinn"), ()), ("coach-it", 1, ("pat", "quinn"), ("found",))]
    plan = _plan([action("a1", 1, training=["found"])], modules, PEOPLE, phases=1)
    assert [s.module for s in plan.training.sessions] == ["found"]
    (after,) = plan.training.after_horizon
    assert (after.module, after.follow_up_of, str(after.after), after.people) == \
        ("coach-it", "found", "2027-Q1", ("pat", "quinn"))


def test_audience_gap_when_nobody_holds_the_roles():
    plan = _plan([action("a1", 1, training=["found"])], [module("found", 8, ["architect"])], PEOPLE)
    assert plan.training.sessions == ()
    (gap,) = plan.training.gaps
    assert (gap.module, gap.phase, gap.audience, gap.items) == ("found", 0, ("architect",), ("a1",))


def test_later_items_get_no_training():
    plan = _plan([action("a1", 1, effort=20, training=["found"])], [module("found", 8)], PEOPLE)
    assert plan.training.sessions == () and plan.training.hours == 0
