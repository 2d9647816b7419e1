"""Teams summary."""

from __future__ import annotations

from roadmap_gen.plan import make_plan, team_summary
from roadmap_gen.plan.teams import _median

from .builders import assess, catalogue, factor, organisation, project, team


def test_team_levels_and_spread():
    teams = [team("a", [assess("f", 1, 3), assess("g", 2, 2)], group="ops"),
             team("b", [assess("f", 3, 3), assess("g", 0, applicable=False)], group="ops"),
             team("c", [assess("f", 2, 4)], group="dev"),
             team("d", [assess("f", 4, 4)])]
    proj = project(catalogue([factor("f"), factor("g")]), organisation([assess("f", 3, 3)]), teams=teams)
    summary = team_summary(proj)
    assert [t.id for t in summary.teams] == ["a", "b", "c", "d"]
    assert summary.teams[0].gap == 2 and summary.teams[2].factors[0].gap == 2
    f, g = summary.factors
    assert (f.factor, f.teams, f.lowest, f.median, f.highest, f.organisation) == ("f", 4, 1, 2.5, 4, 3)
    assert f.lagging == ("a", "c")
    assert (g.teams, g.lowest, g.median, g.highest, g.organisation, g.lagging) == (1, 2, 2, 2, None, ())
    assert [(gr.group, gr.teams) for gr in summary.groups] == [("dev", ("c",)), ("ops", ("a", "b"))]
    assert make_plan(proj).teams == summary


def test_median_by_counting():
    assert _median({1: 1}, 1) == 1
    assert _median({1: 1, 3: 1}, 2) == 2
    assert _median({0: 2, 5: 1}, 3) == 0
    assert _median({0: 1, 2: 2, 4: 1}, 4) == 2


def test_no_teams():
    assert team_summary(project(catalogue(()), organisation())).teams == ()
