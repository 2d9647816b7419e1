"""Property tests of the 1.2 planner: later reasons name the binding constraint, ``why`` tells the
truth about each item, and the reserve holds except through pinned work and work in progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_gen.plan import make_plan
from roadmap_gen.plan.owners import owner_in

from .builders import action, assess, catalogue, entry, factor, organisation, person, project

ROLES = ("process-owner", "practitioner")
EFFORTS = (1, 2, 3, 5, 8)
EPS = 1e-9
LEAVING = (None, None, date(2027, 3, 31), date(2027, 9, 30), date(2026, 12, 31))


@st.composite
def projects(draw):
    n = draw(st.integers(1, 5))
    ids = [f"f{i}" for i in range(n)]
    factors, assessments, initiatives = [], [], []
    phases = draw(st.integers(1, 5))
    periods = [f"2027-Q{i + 1}" if i < 4 else "2028-Q1" for i in range(phases)]
    for fid in ids:
        actions = []
        for level in range(1, 4):
            for k in range(draw(st.integers(1, 2))):
                aid = f"{fid}-{level}-{k}"
                actions.append(action(aid, level, draw(st.sampled_from(EFFORTS)),
                                      owner_role=draw(st.sampled_from(ROLES + (None,)))))
                pick = draw(st.integers(0, 5))
                if pick == 0:
                    initiatives.append(entry(aid, "in-progress"))
                elif pick == 1:
                    initiatives.append(entry(aid, phase=draw(st.sampled_from(periods))))
        requires = {}
        if len(ids) > 1 and draw(st.booleans()):
            other = draw(st.sampled_from([i for i in ids if i != fid]))
            requires[draw(st.integers(1, 3))] = {other: draw(st.integers(1, 3))}
        factors.append(factor(fid, draw(st.sampled_from(("people", "process", "technology"))), actions=actions,
                              requires=requires))
        level = draw(st.integers(0, 2))
        assessments.append(assess(fid, level, draw(st.integers(level, 3)),
                                  owner=draw(st.sampled_from((None, "p0", "p1")))))
    people = [person(f"p{i}", draw(st.lists(st.sampled_from(ROLES), max_size=2, unique=True)),
                     external=draw(st.booleans()), until=draw(st.sampled_from(LEAVING))) for i in range(3)]
    org = organisation(assessments, people, phases=phases, capacity=draw(st.sampled_from((3, 5, 8, 10, 13))),
                       initiatives=initiatives)
    org = replace(org, planning=replace(org.planning, reserve=draw(st.sampled_from((0, 0, 10, 20, 35)))))
    return project(catalogue(factors), org)


def _level_before(plan, factor, index):
    lv = plan.level(factor)
    return lv.now if index == 0 else lv.projected[index - 1]


def _prerequisites_hold(plan, step, index):
    if _level_before(plan, step.factor, index) < step.level - 1:
        return False
    return all(_level_before(plan, f, index) >= k for f, k in step.requires)


def _owned(proj, step, period):
    people = proj.organisation.person_by_id
    return all(owner_in(item.candidates, people, period) is not None for item in step.items)


def _room(plan, step, phase):
    return (plan.capacity if step.in_progress else plan.fill) - phase.effort


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_later_reasons_name_the_binding_constraint(proj):
    plan = make_plan(proj)
    steps = {(s.factor, s.level): s for s in plan.steps}
    for outcome in plan.outcomes:
        if outcome.planned or outcome.reason not in ("no-owner", "capacity"):
            continue
        step = steps[(outcome.factor, outcome.level)]
        free = [p for p in plan.phases if _prerequisites_hold(plan, step, p.index)
                and (step.pin is None or step.pin <= p.period)]
        fits = [p for p in free if step.effort <= _room(plan, step, p) + EPS]
        unowned = [p for p in fits if not _owned(proj, step, p.period)]
        if outcome.reason == "no-owner":
            # in some phase it had its prerequisites and room, but nobody to own it
            assert unowned, outcome
        else:
            # its prerequisites held in some phase; in every such phase it had no room, and raising
            # the capacity is what it needs (nobody missing where it would have fitted)
            assert free and not fits, outcome
        assert str(plan.phases[0].period) in outcome.detail or not free  # the detail speaks phase by phase


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_why_tells_the_truth_and_the_reserve_holds(proj):
    plan = make_plan(proj)
    for phase in plan.phases:
        held = 0.0
        for item in phase.items:
            if item.why.kind == "in-progress":
                assert item.status == "in-progress", item
            if item.why.kind == "step":
                other = next(i for i in phase.items if i.id == item.why.item)
                assert other.factor == item.factor and other.raises_to == item.raises_to
                assert (other.pinned if item.why.held == "pinned" else other.status == "in-progress")
            if item.pinned or item.status == "in-progress" or item.why.kind in ("step", "pinned", "pin-moved"):
                held += item.effort
        # nothing but pinned work and work in progress (with its level step) goes past the reserve
        assert phase.effort <= max(plan.fill, held) + EPS, (phase.period, phase.effort, plan.fill, held)
