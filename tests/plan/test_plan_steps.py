"""Gap steps: items per level, statuses, owners and step problems."""

from __future__ import annotations

from roadmap_gen.plan import build_steps

from .builders import action, assess, catalogue, entry, factor, organisation, own, person


def _steps(factors, assessments, **kw):
    cat = catalogue(factors)
    return build_steps(cat, organisation(assessments, **kw))


def test_one_step_per_level_of_the_gap_with_matching_actions():
    f = factor("f", actions=[action("a1", 1), action("a2", 2), action("a2b", 2, effort=2), action("a3", 3)])
    steps = _steps([f], [assess("f", 1, 3, owner="boss")])
    assert [(s.level, [i.id for i in s.items]) for s in steps] == [(2, ["a2", "a2b"]), (3, ["a3"])]
    assert steps[0].effort == 3.0
    assert steps[0].id == "f@2"


def test_no_steps_without_gap_or_when_not_applicable_or_not_assessed():
    f = factor("f", actions=[action("a1", 1)])
    g = factor("g", actions=[action("b1", 1)])
    h = factor("h", actions=[action("c1", 1)])
    steps = _steps([f, g, h], [assess("f", 2, 2), assess("g", 0, 3, applicable=False)])
    assert steps == ()


def test_done_and_dropped_are_left_out_and_own_initiatives_added():
    f = factor("f", actions=[action("a1", 1), action("a2", 1), action("a3", 1)])
    inits = [entry("a1", "done"), entry("a2", "dropped"), own("mine", "f", 1, effort=2, owner="boss"),
             own("gone", "f", 1, status="done", owner="boss"), own("other-level", "f", 3, owner="boss")]
    steps = _steps([f], [assess("f", 0, 1, owner="boss")], initiatives=inits)
    assert [i.id for i in steps[0].items] == ["a3", "mine"]
    mine = steps[0].items[1]
    assert mine.own and mine.effort == 2.0 and mine.owner == "boss" and mine.owner_source == "initiative"


def test_entry_overrides_owner_and_status_and_marks_in_progress():
    f = factor("f", actions=[action("a1", 1, owner_role="practitioner")])
    people = [person("boss", ["sponsor"]), person("pat", ["practitioner"]), person("zed")]
    steps = _steps([f], [assess("f", 0, 1, owner="boss")], people=people,
                   initiatives=[entry("a1", "in-progress", owner="zed")])
    item = steps[0].items[0]
    assert item.owner == "zed" and item.owner_source == "initiative" and item.status == "in-progress"
    assert steps[0].in_progress


def test_owner_falls_back_to_assessment_then_role_internal_first():
    f = factor("f", actions=[action("a1", 1, owner_role="coach"), action("a2", 2, owner_role="coach")])
    people = [person("aa-ext", ["coach"], external=True), person("bb", ["coach"]), person("cc", ["coach"])]
    steps = _steps([f], [assess("f", 0, 2)], people=people)
    assert steps[0].items[0].owner == "bb" and steps[0].items[0].owner_source == "role"
    steps = _steps([f], [assess("f", 0, 2, owner="cc")], people=people)
    assert steps[0].items[0].owner == "cc" and steps[0].items[0].owner_source == "assessment"
    only_ext = [person("aa-ext", ["coach"], external=True)]
    steps = _steps([f], [assess("f", 0, 2)], people=only_ext)
    assert steps[0].items[0].owner == "aa-ext" and steps[0].items[0].owner_external


def test_problems_no_action_no_owner_too_large():
    f = factor("f", actions=[action("a1", 1, owner_role="nobody"), action("a3", 3, effort=50, owner_role="sponsor")])
    steps = _steps([f], [assess("f", 0, 3)], people=[person("boss", ["sponsor"])])
    assert [s.problem for s in steps] == ["no-owner", "no-action", "too-large"]
    steps = _steps([f], [assess("f", 0, 3, owner="boss")])
    assert [s.problem for s in steps] == [None, "no-action", "too-large"]
    assert "add an initiative" in steps[1].detail


def test_all_work_closed_is_no_action_with_a_hint_to_reassess():
    f = factor("f", actions=[action("a1", 1)])
    steps = _steps([f], [assess("f", 0, 1, owner="boss")], initiatives=[entry("a1", "done")])
    assert steps[0].problem == "no-action" and "reassess" in steps[0].detail


def test_unlocks_counts_open_requirements_on_the_factor():
    f = factor("f", actions=[action("a1", 1), action("a2", 2)])
    g = factor("g", actions=[action("b1", 1), action("b2", 2)], requires={1: {"f": 1}, 2: {"f": 2}})
    h = factor("h", actions=[action("c4", 4)], requires={4: {"f": 2}})  # h has no gap at 4: not counted
    steps = _steps([f, g, h], [assess("f", 0, 2, owner="boss"), assess("g", 0, 2, owner="boss"),
                               assess("h", 1, 1, owner="boss")])
    by = {s.id: s for s in steps}
    assert by["f@1"].unlocks == 2 and by["f@2"].unlocks == 1 and by["g@1"].unlocks == 0
    assert by["g@2"].requires == (("f", 2),)


def test_empty_inputs():
    assert build_steps(catalogue(()), organisation((), people=())) == ()
