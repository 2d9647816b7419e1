"""History: levels over reviews, regressions, metric trends, plan against actual."""

from __future__ import annotations

from datetime import date

from roadmap_gen.plan import make_plan
from roadmap_gen.plan.history import outcome_of

from .builders import action, assess, catalogue, entry, factor, frozen, metric, organisation, project, q, snapshot

CAT = catalogue([factor("f", actions=[action("f1", 1), action("f1b", 1), action("f2", 2)]),
                 factor("g", actions=[action("g1", 1), action("g2", 2)]),
                 factor("h", actions=[action("h1", 1)])])


def _org(period, day, levels, **kw):
    return organisation([assess(fid, lvl, tgt, owner="boss") for fid, (lvl, tgt) in levels.items()],
                        period=period, day=day, **kw)


def test_levels_regressions_and_metrics_over_reviews():
    s1 = _org("2026-Q2", date(2026, 5, 20), {"f": (0, 2), "g": (2, 2)}, metrics=[metric("m", current=40)])
    s2 = _org("2026-Q3", date(2026, 8, 20), {"f": (1, 2), "g": (1, 2)}, metrics=[metric("m", current=45)])
    now = _org("2026-Q4", date(2026, 11, 20), {"f": (1, 2), "g": (1, 2), "h": (0, 1)},
               metrics=[metric("m", current=50), metric("new", current=1)])
    history = make_plan(project(CAT, now, snapshots=[snapshot(s1), snapshot(s2)])).history
    assert history.periods == (q("2026-Q2"), q("2026-Q3"), q("2026-Q4"))
    assert history.dates[-1] == date(2026, 11, 20)
    levels = {f.factor: f.levels for f in history.factors}
    assert levels == {"f": (0, 1, 1), "g": (2, 1, 1), "h": (None, None, 0)}
    (reg,) = history.regressions
    assert (reg.factor, str(reg.before_period), str(reg.after_period), reg.before, reg.after) == \
        ("g", "2026-Q2", "2026-Q3", 2, 1)
    values = {m.metric: m.values for m in history.metrics}
    assert values == {"m": (40, 45, 50), "new": (None, None, 1)}


def test_plan_against_actual_with_the_next_review():
    s1 = _org("2026-Q2", date(2026, 5, 20), {"f": (0, 2), "g": (0, 2), "h": (0, 1)})
    s2 = _org("2026-Q3", date(2026, 8, 20), {"f": (1, 2), "g": (0, 2), "h": (0, 1)},
              initiatives=[entry("g1", "in-progress"), entry("h1", "dropped")])
    now = _org("2026-Q4", date(2026, 11, 20), {"f": (2, 2), "g": (0, 2), "h": (0, 1)})
    history = make_plan(project(CAT, now, snapshots=[snapshot(s1), snapshot(s2)])).history
    first, second = history.reviews
    assert (str(first.period), str(first.next_period)) == ("2026-Q2", "2026-Q3")
    outcomes = {i.id: i.outcome for i in first.planned}
    # f rose, but nobody recorded f1 or f1b as done: only a status of done counts the work as done
    assert outcomes == {"f1": "slipped", "f1b": "slipped", "g1": "in-progress", "h1": "dropped"}
    assert [(c.factor, c.before, c.after) for c in first.levels] == [("f", 0, 1)]
    assert first.count("done") == 0 and {i.level_after for i in first.planned if i.factor == "f"} == {1}
    # the 2026-Q3 plan put f2 and g1 first; g1 is absent at 2026-Q4 and g did not rise: slipped
    outcomes = {i.id: i.outcome for i in second.planned}
    assert outcomes["f2"] == "slipped" and outcomes["g1"] == "slipped"
    assert all(str(i.period) == "2026-Q4" for i in second.planned)


def test_no_snapshots():
    history = make_plan(project(CAT, _org("2026-Q4", date(2026, 11, 20), {"f": (0, 1)}))).history
    assert history.reviews == () and history.regressions == () and len(history.periods) == 1


def test_outcome_rules():
    assert outcome_of("done", 0, 3) == "done"
    assert outcome_of(None, 3, 3) == "slipped"  # the level was reached, but nobody recorded the work as done
    assert outcome_of("dropped", 0, 3) == "dropped"
    assert outcome_of("in-progress", 0, 3) == "in-progress"
    assert outcome_of("planned", 2, 3) == "slipped" and outcome_of(None, 0, 1) == "slipped"


def test_each_review_is_compared_with_its_frozen_plan_else_a_recomputed_one():
    s1 = _org("2026-Q2", date(2026, 5, 20), {"f": (0, 2), "g": (0, 2), "h": (0, 1)})
    s2 = _org("2026-Q3", date(2026, 8, 20), {"f": (1, 2), "g": (0, 2), "h": (0, 1)})
    now = _org("2026-Q4", date(2026, 11, 20), {"f": (2, 2), "g": (0, 2), "h": (0, 1)})
    # What 2026-Q3 published: g2 first (not what today's planner would choose), and work since retired.
    published = frozen("2026-Q3", ("2026-Q4", [("g2", "g", 2), ("retired-work", "old-factor", 3)]))
    history = make_plan(project(CAT, now, snapshots=[snapshot(s1), snapshot(s2, plan=published)])).history
    first, second = history.reviews
    assert first.recomputed and not second.recomputed
    assert {i.id: i.outcome for i in second.planned} == {"g2": "slipped", "retired-work": "slipped"}
    assert {i.title for i in second.planned} == {"Frozen g2", "Frozen retired-work"}
    assert {i.id for i in first.planned} == {"f1", "f1b", "g1", "h1"}  # recomputed, as before


def test_stale_review_reads_the_frozen_plan():
    s2 = _org("2026-Q3", date(2026, 8, 20), {"f": (1, 2), "g": (0, 2)})
    now = _org("2026-Q4", date(2026, 11, 20), {"f": (1, 2), "g": (0, 2)})
    published = frozen("2026-Q3", ("2026-Q3", [("g1", "g", 1)]), ("2026-Q4", [("f2", "f", 2)]))
    stale = [d for d in make_plan(project(CAT, now, snapshots=[snapshot(s2, plan=published)])).findings
             if d.check == "stale-review"]
    assert [d.about for d in stale] == ["g1"] and "recomputed" not in stale[0].message
    early = _org("2026-Q3", date(2026, 8, 20), {"f": (1, 2), "g": (0, 2)}, start="2026-Q3")
    recomputed = [d for d in make_plan(project(CAT, now, snapshots=[snapshot(early)])).findings
                  if d.check == "stale-review"]
    assert recomputed and all("as recomputed" in d.message for d in recomputed)
