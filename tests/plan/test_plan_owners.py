"""Owner loads per phase and the RACI matrix."""

from __future__ import annotations

from roadmap_gen.plan import make_plan

from .builders import action, assess, catalogue, entry, factor, organisation, person, project, stakeholder


def _project(**kw):
    f = factor("f", actions=[action("a1", 1, 2, owner_role="practitioner"), action("a2", 1, 1, owner_role="coach"),
                             action("a3", 2, 1, owner_role="practitioner")])
    people = [person("boss", ["sponsor"]), person("pat", ["practitioner"]), person("quinn", ["practitioner"]),
              person("ext", ["coach"], external=True)]
    org = organisation([assess("f", 0, 3)], people=people,
                       stakeholders=[stakeholder("ops", "high"), stakeholder("fin", "low"),
                                     stakeholder("ward", "medium")], **kw)
    return project(catalogue([f]), org)


def test_owner_loads_per_person_and_phase():
    plan = make_plan(_project())
    loads = [(o.person, str(o.period), o.items, o.effort) for o in plan.owners]
    assert loads == [("ext", "2027-Q1", ("a2",), 1.0), ("pat", "2027-Q1", ("a1",), 2.0),
                     ("pat", "2027-Q2", ("a3",), 1.0)]
    assert not any(o.over_limit for o in plan.owners)
    plan = make_plan(_project(owner_limit=0))
    assert all(o.over_limit for o in plan.owners)


def test_raci_rows():
    plan = make_plan(_project(initiatives=[entry("a3", owner="boss")]))
    rows = {r.item: r for r in plan.raci}
    # With no `responsible` named, the other holders of the work's role are candidates, not responsible.
    assert rows["a1"].accountable == "pat" and rows["a1"].responsible == () and rows["a1"].candidates == ("quinn",)
    assert rows["a3"].accountable == "boss" and rows["a3"].candidates == ("pat", "quinn")
    assert rows["a2"].accountable == "ext" and rows["a2"].responsible == () and rows["a2"].candidates == ()
    assert rows["a1"].consulted == ("ops", "ward") and rows["a1"].informed == ("boss",)
    assert [r.item for r in plan.raci] == sorted(rows)


def test_raci_covers_later_items_and_skips_unknown_sponsor():
    plan = make_plan(_project(phases=1, sponsor="nobody"))
    rows = {r.item: r for r in plan.raci}
    assert rows["a3"].phase is None and rows["a1"].phase == 0
    assert rows["a1"].informed == ()
