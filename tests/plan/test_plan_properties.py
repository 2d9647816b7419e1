"""Property tests: random valid catalogues and organisations always give a sound plan."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_gen.downloads.export import plan_to_csv, plan_to_json
from roadmap_gen.plan import LATER_REASONS, make_plan

from .builders import (
    action,
    assess,
    catalogue,
    entry,
    factor,
    module,
    organisation,
    own,
    person,
    project,
    snapshot,
    team,
)

DIMENSIONS = ("people", "process", "technology")
ROLES = ("sponsor", "process-owner", "practitioner", "coach")
EFFORTS = (0, 0.5, 1, 2, 3, 5, 8, 13)
STATUSES = ("planned", "in-progress", "done", "dropped")
EPS = 1e-9


@st.composite
def projects(draw):
    n = draw(st.integers(0, 7))
    ids = [f"f{i}" for i in range(n)]
    modules = [module("m0", 4, ["practitioner"], follow_up="m1"), module("m1", 2, ["coach"], format="coaching"),
               module("m2", 3, ["ghost-role"])]
    factors, assessments, initiatives = [], [], []
    for fid in ids:
        actions = []
        for level in range(1, 6):
            for k in range(draw(st.integers(0, 2))):
                actions.append(action(f"{fid}-{level}-{k}", level, draw(st.sampled_from(EFFORTS)),
                                      owner_role=draw(st.sampled_from(ROLES + ("ghost", None))),
                                      training=draw(st.lists(st.sampled_from(("m0", "m1", "m2")), max_size=2))))
                if draw(st.integers(0, 4)) == 0:
                    initiatives.append(entry(f"{fid}-{level}-{k}", draw(st.sampled_from(STATUSES)),
                                             owner=draw(st.sampled_from((None, "p0", "p1")))))
        requires = {}
        for level in range(1, 6):
            if ids and draw(st.integers(0, 3)) == 0:
                other = draw(st.sampled_from(ids))
                if other != fid:
                    requires[level] = {other: draw(st.integers(0, 5))}
        factors.append(factor(fid, draw(st.sampled_from(DIMENSIONS)), weight=draw(st.integers(1, 5)),
                              actions=actions, requires=requires))
        kind = draw(st.sampled_from(("assessed", "assessed", "assessed", "none", "not-applicable")))
        if kind == "assessed":
            level = draw(st.integers(0, 5))
            assessments.append(assess(fid, level, draw(st.integers(level, 5)),
                                      owner=draw(st.sampled_from((None, None, "p0", "p2")))))
        elif kind == "not-applicable":
            assessments.append(assess(fid, 0, applicable=False))
    for i in range(draw(st.integers(0, 3)) if ids else 0):
        initiatives.append(own(f"own-{i}", draw(st.sampled_from(ids)), draw(st.integers(1, 5)),
                               draw(st.sampled_from(EFFORTS)), owner=draw(st.sampled_from((None, "p1"))),
                               status=draw(st.sampled_from(STATUSES)), training=draw(st.lists(
                                   st.sampled_from(("m0", "m2")), max_size=1))))
    people = [person(f"p{i}", draw(st.lists(st.sampled_from(ROLES), max_size=2, unique=True)),
                     external=draw(st.booleans())) for i in range(draw(st.integers(0, 3)))]
    org = organisation(assessments, people, phases=draw(st.integers(0, 6)),
                       capacity=draw(st.sampled_from((0, 1, 2.5, 5, 8, 12, 20))), initiatives=initiatives,
                       owner_limit=draw(st.integers(0, 3)))
    snaps = []
    if draw(st.booleans()):
        old = organisation([assess(a.factor, max(0, a.level - 1), a.target, owner=a.owner) for a in assessments],
                           people, period="2026-Q2", day=date(2026, 5, 20), phases=2, capacity=5)
        snaps.append(snapshot(old))
    teams = [team(f"t{i}", [assess(a.factor, draw(st.integers(0, 5)), 5) for a in assessments])
             for i in range(draw(st.integers(0, 3)))]
    return project(catalogue(factors, training=modules), org, teams=teams, snapshots=snaps)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _level_before(plan, factor_id, phase_index, waived):
    if factor_id in waived:
        return 99
    lv = plan.level(factor_id)
    if lv is None or not lv.assessed:
        return 0
    return lv.now if phase_index == 0 else lv.projected[phase_index - 1]


def check_capacity_and_one_level_per_factor_per_phase(proj, plan):
    capacity = proj.organisation.planning.capacity
    assert len(plan.phases) == max(0, proj.organisation.planning.phases)
    for phase in plan.phases:
        assert phase.effort <= capacity + EPS
        assert abs(phase.effort - sum(i.effort for i in phase.items)) < 1e-6
        factors = [f for f, _ in phase.steps]
        assert len(factors) == len(set(factors))
    for lv in plan.levels:
        previous = lv.now
        for level in lv.projected:
            assert previous <= level <= previous + 1
            previous = level
        assert previous <= max(lv.now, lv.target)


def check_steps_come_after_their_previous_step_and_requirements(proj, plan):
    org = proj.organisation
    waived = {a.factor for a in org.assessment if not a.applicable}
    placed = {(o.factor, o.level): o.phase for o in plan.outcomes if o.planned}
    steps = {(s.factor, s.level): s for s in plan.steps}
    for (fid, level), phase in placed.items():
        now = org.assessment_by_factor[fid].level
        if level - 1 > now:
            assert placed.get((fid, level - 1), 99) < phase
        for other, at_least in steps[(fid, level)].requires:
            assert _level_before(plan, other, phase, waived) >= at_least


def check_every_gap_step_is_planned_xor_later_with_a_reason(proj, plan):
    org = proj.organisation
    gaps = {(a.factor, lvl) for a in org.assessment if a.applicable
            for lvl in range(a.level + 1, a.target + 1)}
    outcomes = {(o.factor, o.level): o for o in plan.outcomes}
    assert set(outcomes) == gaps and len(plan.outcomes) == len(gaps)
    planned_items = {i.id for i in plan.items}
    later_items = {entry.id: entry for entry in plan.later}
    assert not planned_items & set(later_items)
    for step in plan.steps:
        outcome = outcomes[(step.factor, step.level)]
        assert outcome.planned != (outcome.reason is not None)
        if outcome.planned:
            assert {i.id for i in step.items} <= planned_items and step.items
        else:
            assert outcome.reason in LATER_REASONS
            ids = [i.id for i in step.items] or [step.id]
            assert all(later_items[i].reason == outcome.reason for i in ids)
    for entry_ in plan.later:
        assert entry_.reason in LATER_REASONS


def reference_placement(proj, steps):
    """A naive scheduler (scan every candidate at every pick) with the same rules, for comparison."""
    from roadmap_gen.plan.schedule import BALANCE_WEIGHT, MAJORITY_PENALTY, QUICK_WIN_WEIGHT, UNLOCK_WEIGHT

    org = proj.organisation
    capacity = float(org.planning.capacity)
    waived = {a.factor for a in org.assessment if not a.applicable}
    reached = {a.factor: a.level for a in org.assessment if a.applicable}
    targets = {a.factor: a.target for a in org.assessment}
    pending = {}
    for step in steps:
        pending.setdefault(step.factor, []).append(step)
    placed = {}
    norm = capacity if capacity > 0 else 1.0
    for index in range(max(0, org.planning.phases)):
        offered = []
        for chain in pending.values():
            if chain and chain[0].problem is None and all(
                    f in waived or reached.get(f, 0) >= k for f, k in chain[0].requires):
                offered.append(chain[0])
        left, spent, taken = capacity, {}, []
        while True:
            best, best_key = None, None
            for step in offered:
                if step in taken or step.effort > left + EPS:
                    continue
                climb = targets[step.factor] - step.level + 1
                quick = 1.0 - min(step.effort / capacity, 1.0) if capacity > 0 else 0.0
                score = (step.weight * climb + UNLOCK_WEIGHT * step.unlocks + QUICK_WIN_WEIGHT * quick
                         - BALANCE_WEIGHT * spent.get(step.dimension, 0.0) / norm)
                if spent.get(step.dimension, 0.0) + step.effort > capacity / 2 + EPS:
                    score -= MAJORITY_PENALTY
                key = (not step.in_progress, -score, step.factor, step.level)
                if best_key is None or key < best_key:
                    best, best_key = step, key
            if best is None:
                break
            taken.append(best)
            left -= best.effort
            spent[best.dimension] = spent.get(best.dimension, 0.0) + best.effort
        for step in taken:
            placed[step.id] = index
            reached[step.factor] = step.level
            pending[step.factor].pop(0)
    return placed


def check_matches_the_naive_scheduler(proj, plan):
    placed = {f"{o.factor}@{o.level}": o.phase for o in plan.outcomes if o.planned}
    assert placed == reference_placement(proj, plan.steps)


def check_same_input_same_plan(proj, first):
    second = make_plan(proj)
    assert first == second
    assert plan_to_json(first) == plan_to_json(second)
    assert json.dumps(plan_to_json(first), sort_keys=True) == json.dumps(plan_to_json(second), sort_keys=True)
    assert plan_to_csv(first) == plan_to_csv(second)
    assert list(first.findings) == sorted(first.findings, key=lambda d: d.sort_key())


@SETTINGS
@given(projects())
def test_plan_properties(proj):
    """One generated project, every property (generation costs more than planning)."""
    plan = make_plan(proj)
    check_capacity_and_one_level_per_factor_per_phase(proj, plan)
    check_steps_come_after_their_previous_step_and_requirements(proj, plan)
    check_every_gap_step_is_planned_xor_later_with_a_reason(proj, plan)
    check_same_input_same_plan(proj, plan)
    check_matches_the_naive_scheduler(proj, plan)


def test_properties_catch_a_broken_plan():
    """The checks are not vacuous: a plan with a phase over capacity fails them."""
    import dataclasses

    import pytest

    from .builders import simple

    proj = simple({"a": (0, 2)}, capacity=1)
    plan = make_plan(proj)
    broken = dataclasses.replace(plan, phases=(dataclasses.replace(plan.phases[0], effort=5.0),) + plan.phases[1:])
    with pytest.raises(AssertionError):
        check_capacity_and_one_level_per_factor_per_phase(proj, broken)
    swapped = dataclasses.replace(plan, outcomes=tuple(
        dataclasses.replace(o, phase=1 - o.phase) for o in plan.outcomes))
    with pytest.raises(AssertionError):
        check_steps_come_after_their_previous_step_and_requirements(proj, swapped)
