"""The scheduler: capacity, one level per phase, prerequisites, ordering, later reasons."""

from __future__ import annotations

from roadmap_gen.plan import make_plan, make_schedule

from .builders import action, assess, catalogue, entry, factor, organisation, own, project, simple


def _placed(plan):
    return {(f, lvl): phase.index for phase in plan.phases for f, lvl in phase.steps}


def _later(plan):
    return {(o.factor, o.level): o.reason for o in plan.outcomes if not o.planned}


def test_one_level_per_phase_and_projection():
    plan = make_plan(simple({"a": (0, 3)}, capacity=10, phases=4))
    assert _placed(plan) == {("a", 1): 0, ("a", 2): 1, ("a", 3): 2}
    lv = plan.level("a")
    assert lv.projected == (1, 2, 3, 3) and lv.reaches_target
    assert [p.period for p in plan.phases] == [plan.start.shift(i) for i in range(4)]
    assert str(plan.phases[0].period) == "2027-Q1"


def test_capacity_is_never_exceeded_and_overflow_is_capacity():
    plan = make_plan(simple({"a": (0, 1), "b": (0, 1), "c": (0, 1)}, effort=4, capacity=9, phases=1))
    assert plan.phases[0].effort == 8.0
    assert list(_later(plan).values()) == ["capacity"]


def test_too_large_and_the_steps_after_it_are_prerequisite():
    f = factor("f", actions=[action("a1", 1, effort=20), action("a2", 2)])
    plan = make_plan(project(catalogue([f]), organisation([assess("f", 0, 2, owner="boss")], capacity=10)))
    assert _later(plan) == {("f", 1): "too-large", ("f", 2): "prerequisite"}
    assert "later work" in [o.detail for o in plan.outcomes if o.level == 2][0]


def test_requires_wait_for_an_earlier_phase():
    a = factor("a", actions=[action("a1", 1), action("a2", 2)])
    b = factor("b", actions=[action("b1", 1)], requires={1: {"a": 2}})
    plan = make_plan(project(catalogue([a, b]), organisation(
        [assess("a", 0, 2, owner="boss"), assess("b", 0, 1, owner="boss")], capacity=10)))
    assert _placed(plan) == {("a", 1): 0, ("a", 2): 1, ("b", 1): 2}


def test_requires_holding_today_or_not_applicable_do_not_block():
    a = factor("a")
    c = factor("c")
    b = factor("b", actions=[action("b1", 1)], requires={1: {"a": 2, "c": 3}})
    org = organisation([assess("a", 2, 2), assess("c", 0, applicable=False), assess("b", 0, 1, owner="boss")])
    plan = make_plan(project(catalogue([a, b, c]), org))
    assert _placed(plan) == {("b", 1): 0}


def test_requires_on_an_unassessed_factor_count_as_level_zero():
    a = factor("a")
    b = factor("b", actions=[action("b1", 1), action("b2", 2)], requires={1: {"a": 0}, 2: {"a": 1}})
    plan = make_plan(project(catalogue([a, b]), organisation([assess("b", 0, 2, owner="boss")])))
    assert _placed(plan) == {("b", 1): 0}
    assert _later(plan) == {("b", 2): "prerequisite"}
    assert "needs a at level 1" in [o.detail for o in plan.outcomes if not o.planned][0]


def test_blocked_only_by_the_horizon_is_prerequisite():
    plan = make_plan(simple({"a": (0, 3)}, phases=2))
    assert _later(plan) == {("a", 3): "prerequisite"}


def test_in_progress_comes_first():
    plan = make_plan(simple({"a": (0, 1), "b": (0, 1)}, effort=5, capacity=5, phases=1,
                            initiatives=[entry("b-1", "in-progress")]))
    assert _placed(plan) == {("b", 1): 0}


def test_value_weight_and_gap_then_quick_wins_then_id():
    heavy = factor("heavy", weight=5, actions=[action("h1", 1, effort=5)])
    light = factor("light", weight=1, actions=[action("l1", 1, effort=5)])
    plan = make_plan(project(catalogue([heavy, light]), organisation(
        [assess("heavy", 0, 1, owner="boss"), assess("light", 0, 1, owner="boss")], capacity=5, phases=1)))
    assert _placed(plan) == {("heavy", 1): 0}
    # same value: the cheaper step wins
    big = factor("big", actions=[action("b1", 1, effort=4)])
    small = factor("small", actions=[action("s1", 1, effort=1)])
    plan = make_plan(project(catalogue([big, small]), organisation(
        [assess("big", 0, 1, owner="boss"), assess("small", 0, 1, owner="boss")], capacity=4, phases=1)))
    assert _placed(plan) == {("small", 1): 0}
    # a full tie is broken by factor id
    plan = make_plan(simple({"bb": (0, 1), "aa": (0, 1)}, effort=3, capacity=3, phases=1))
    assert _placed(plan) == {("aa", 1): 0}


def test_unlocking_steps_go_first():
    key = factor("key", actions=[action("k1", 1, effort=3)])
    other = factor("other", actions=[action("o1", 1, effort=3)])
    dep = factor("dep", weight=1, actions=[action("d1", 1, effort=3)], requires={1: {"key": 1}})
    dep2 = factor("dep2", weight=1, actions=[action("e1", 1, effort=3)], requires={1: {"key": 1}})
    org = organisation([assess(f, 0, 1, owner="boss") for f in ("key", "other", "dep", "dep2")],
                       capacity=3, phases=1)
    plan = make_plan(project(catalogue([key, other, dep, dep2]), org))
    assert _placed(plan) == {("key", 1): 0}


def test_balance_across_dimensions():
    factors = [factor("t1", "technology", actions=[action("t1a", 1, 3)]),
               factor("t2", "technology", actions=[action("t2a", 1, 3)]),
               factor("p1", "process", weight=2, actions=[action("p1a", 1, 3)])]
    org = organisation([assess(f.id, 0, 1, owner="boss") for f in factors], capacity=6, phases=1)
    plan = make_plan(project(catalogue(factors), org))
    # p1 has less value than t2, but technology already holds half of the phase
    assert _placed(plan) == {("t1", 1): 0, ("p1", 1): 0}
    assert dict(plan.phases[0].effort_by_dimension) == {"people": 0.0, "process": 3.0, "technology": 3.0}


def test_no_action_and_no_owner_become_later():
    f = factor("f", actions=[action("a1", 1, owner_role="ghost")])
    g = factor("g")
    plan = make_plan(project(catalogue([f, g]), organisation([assess("f", 0, 1), assess("g", 0, 1, owner="boss")])))
    assert _later(plan) == {("f", 1): "no-owner", ("g", 1): "no-action"}
    ids = {e.id: e for e in plan.later}
    assert ids["a1"].reason == "no-owner" and ids["g@1"].item.synthetic


def test_own_initiative_makes_an_empty_level_plannable():
    g = factor("g")
    org = organisation([assess("g", 0, 1)], initiatives=[own("ours", "g", 1, effort=2, owner="boss")])
    plan = make_plan(project(catalogue([g]), org))
    assert [i.id for i in plan.items] == ["ours"]


def test_zero_phases_and_zero_capacity():
    plan = make_plan(simple({"a": (0, 2)}, phases=0))
    assert plan.phases == () and _later(plan) == {("a", 1): "capacity", ("a", 2): "prerequisite"}
    plan = make_plan(simple({"a": (0, 1)}, capacity=0))
    assert _later(plan) == {("a", 1): "too-large"}


def test_schedule_function_alone_is_deterministic():
    p = simple({"a": (0, 3), "b": (1, 4), "c": (2, 5)}, capacity=3)
    assert make_schedule(p.catalogue, p.organisation) == make_schedule(p.catalogue, p.organisation)


def test_empty_project():
    plan = make_plan(project(catalogue(()), organisation((), people=(), metrics=(), scope_items=(),
                                                         feedback_items=(), sponsor=None)))
    assert plan.items == () and plan.later == () and plan.levels == ()
    assert len(plan.phases) == 4 and all(p.effort == 0 for p in plan.phases)


def test_a_step_s_own_problem_comes_before_the_later_work_it_follows():
    f = factor("f", actions=[action("a1", 1, effort=20)])  # level 1 too large, level 2 has no action
    plan = make_plan(project(catalogue([f]), organisation([assess("f", 0, 2, owner="boss")])))
    # level 2 would wait even if level 1 were done: having no work is what binds it
    assert _later(plan) == {("f", 1): "too-large", ("f", 2): "no-action"}
