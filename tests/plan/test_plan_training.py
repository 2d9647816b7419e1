"""The training plan: booked for the people who do the work, once, with follow-ups for every trainee."""

from __future__ import annotations

from datetime import date

from roadmap_gen.plan import make_plan

from .builders import action, assess, catalogue, entry, factor, module, organisation, person, project

PEOPLE = [person("boss", ["sponsor"]), person("pat", ["practitioner"]), person("quinn", ["practitioner", "coach"])]


def _plan(actions, modules, people=PEOPLE, phases=4, capacity=10, initiatives=(), training_limit=None):
    f = factor("f", actions=actions)
    org = organisation([assess("f", 0, max(a.raises_to for a in actions), owner="pat")], people=people,
                       phases=phases, capacity=capacity, initiatives=initiatives)
    if training_limit is not None:
        from dataclasses import replace
        org = replace(org, planning=replace(org.planning, training_limit=training_limit))
    return make_plan(project(catalogue([f], training=modules), org))


def sessions(plan):
    return [(s.module, s.phase, s.people, s.follow_up_of) for s in plan.training.sessions]


def test_booked_for_the_owner_and_the_responsible_people_in_the_audience():
    plan = _plan([action("a1", 1, training=["found"])], [module("found", 8, ["practitioner"])],
                 initiatives=[entry("a1", responsible=["quinn", "boss"])])
    (s,) = plan.training.sessions
    # pat owns the work (the factor's owner), quinn does it with her; boss is responsible but not in the audience
    assert (s.module, s.phase, s.people, s.hours, s.total_hours, s.items) == \
        ("found", 0, ("pat", "quinn"), 8.0, 16.0, ("a1",))
    assert {p.person: p.by_phase for p in plan.training.people} == {"pat": (8.0, 0, 0, 0), "quinn": (8.0, 0, 0, 0)}
    assert [(r.role, r.people, r.hours) for r in plan.training.roles] == [("practitioner", ("pat", "quinn"), 16.0)]


def test_not_booked_for_role_holders_who_do_not_do_the_work():
    plan = _plan([action("a1", 1, training=["found"])], [module("found", 8, ["practitioner"])])
    assert sessions(plan) == [("found", 0, ("pat",), ())]


def test_never_booked_for_someone_already_trained():
    people = [person("pat", ["practitioner"], trained=["found"]), person("quinn", ["practitioner"])]
    plan = _plan([action("a1", 1, training=["found"])], [module("found", 8, ["practitioner"])], people=people,
                 initiatives=[entry("a1", responsible=["quinn"])])
    assert sessions(plan) == [("found", 0, ("quinn",), ())]


def test_booked_once_even_when_later_work_needs_the_module_again():
    plan = _plan([action("a1", 1, training=["found"]), action("a2", 2, training=["found"])],
                 [module("found", 8, ["practitioner"])])
    assert sessions(plan) == [("found", 0, ("pat",), ())]


def test_every_trainee_gets_the_follow_up_in_the_next_phase_audience_permitting():
    modules = [module("found", 8, ["practitioner"], follow_up="coach-it"),
               module("coach-it", 2, ["practitioner", "coach"], format="coaching")]
    plan = _plan([action("a1", 1, training=["found"])], modules, initiatives=[entry("a1", responsible=["quinn"])])
    assert sessions(plan) == [("found", 0, ("pat", "quinn"), ()), ("coach-it", 1, ("pat", "quinn"), ("found",))]
    only_coaches = [module("found", 8, ["practitioner"], follow_up="coach-it"),
                    module("coach-it", 2, ["coach"], format="coaching")]
    plan = _plan([action("a1", 1, training=["found"])], only_coaches, initiatives=[entry("a1", responsible=["quinn"])])
    assert sessions(plan)[1] == ("coach-it", 1, ("quinn",), ("found",))


def test_a_follow_up_follows_every_course_not_only_the_first():
    modules = [module("found", 8, ["practitioner"], follow_up="coach-it"),
               module("design", 4, ["practitioner"], follow_up="coach-it"),
               module("coach-it", 2, ["practitioner"], format="coaching")]
    plan = _plan([action("a1", 1, training=["found"]), action("a2", 2, training=["design"])], modules)
    assert sessions(plan) == [("found", 0, ("pat",), ()), ("coach-it", 1, ("pat",), ("found",)),
                              ("design", 1, ("pat",), ()), ("coach-it", 2, ("pat",), ("design",))]


def test_follow_up_after_the_horizon():
    modules = [module("found", 8, ["practitioner"], follow_up="coach-it"),
               module("coach-it", 2, ["practitioner"], format="coaching")]
    plan = _plan([action("a1", 1, training=["found"])], modules, phases=1)
    assert [s.module for s in plan.training.sessions] == ["found"]
    (after,) = plan.training.after_horizon
    assert (after.module, after.follow_up_of, str(after.after), after.people) == ("coach-it", "found", "2027-Q1", ("pat",))


def test_nobody_is_booked_after_they_leave():
    people = [person("pat", ["practitioner"]), person("quinn", ["practitioner"], until=date(2027, 3, 31))]
    modules = [module("found", 8, ["practitioner"], follow_up="coach-it"),
               module("coach-it", 2, ["practitioner"], format="coaching")]
    plan = _plan([action("a1", 1, training=["found"])], modules, people=people,
                 initiatives=[entry("a1", responsible=["quinn"])])
    # quinn leaves at the end of 2027-Q1: the course, but no coaching in 2027-Q2
    assert sessions(plan) == [("found", 0, ("pat", "quinn"), ()), ("coach-it", 1, ("pat",), ("found",))]


def test_audience_gap_when_none_of_the_doers_may_attend():
    plan = _plan([action("a1", 1, training=["found"])], [module("found", 8, ["architect"])])
    assert plan.training.sessions == ()
    (gap,) = plan.training.gaps
    assert (gap.module, gap.phase, gap.audience, gap.items) == ("found", 0, ("architect",), ("a1",))


def test_hours_per_person_over_the_limit_are_flagged():
    modules = [module("found", 30, ["practitioner"]), module("design", 20, ["practitioner"])]
    plan = _plan([action("a1", 1, training=["found", "design"])], modules, training_limit=40)
    (pat,) = plan.training.people
    assert pat.by_phase[0] == 50.0 and pat.over_limit == (0,) and plan.training.limit == 40


def test_later_items_get_no_training():
    plan = _plan([action("a1", 1, effort=20, training=["found"])], [module("found", 8)])
    assert plan.training.sessions == () and plan.training.hours == 0
