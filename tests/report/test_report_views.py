"""The board pack's views (roadmap_gen/pages/report.py) and its pages, on small built projects and the example."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from golden_site import compare_goldens
from plan.builders import (
    ORG_FILE,
    action,
    assess,
    catalogue,
    entry,
    factor,
    feedback,
    frozen,
    goal,
    locs,
    metric,
    organisation,
    person,
    project,
    q,
    scope,
    snapshot,
)
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import Loc, warning
from roadmap_gen.model import Project, Waiver
from roadmap_gen.pages import render_site
from roadmap_gen.pages.report import FINDINGS_LISTED
from roadmap_gen.pages.views import SiteViews, build_views
from roadmap_gen.pipeline import plan_project
from roadmap_gen.plan import make_plan
from roadmap_gen.plan.goals import goal_state
from roadmap_gen.plan.previous import LOADER_CHECKS, previous_review

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "report-decisions"


def _catalogue():
    return catalogue([
        factor("a", actions=[action("a2", 2), action("a3", 3)]),
        factor("b", actions=[action("b2", 2), action("b3", 3)]),
        factor("c", actions=[action("c1", 1, effort=3), action("c2", 2, effort=3)]),
    ])


def _org(period: str, day: date, levels: dict[str, int], current: float, **kwargs):
    """An organisation at *period*: factors at *levels* (target 3), metric m at *current*, goal g on m."""
    people = kwargs.pop("people", [person("boss", ["sponsor"], line=40)])
    owners = kwargs.pop("owners", {})
    needs = kwargs.pop("needs", None)
    return organisation(
        [assess(f, lvl, 3, owner=owners.get(f, "boss"), line=100 + 10 * i) for i, (f, lvl) in enumerate(sorted(levels.items()))],
        people=people, period=period, day=day,
        metrics=[metric("m", baseline=40, current=current, target=70, line=200)],
        goals=[goal("g", "Raise m from 40% to 70% by 2027-Q4.", metric="m", target=70, due="2027-Q4", owner="boss",
                    line=300, needs=needs)],
        **kwargs)


def _project() -> Project:
    """Two earlier reviews and today's: a rose, b fell, c is new work owned by someone who leaves; goal g
    was off track at the last review and is at risk now (a level it needs has no work left); the practice that had no owner has one."""
    cat = _catalogue()
    q2 = _org("2026-Q2", date(2026, 5, 20), {"a": 1, "b": 2, "c": 0}, 48.0)
    q3 = _org("2026-Q3", date(2026, 8, 20), {"a": 1, "b": 2, "c": 0}, 50.0,
              scope_items=[scope("incident-management", line=30)])  # no owner then
    plan_q3 = frozen("2026-Q3", ("2026-Q4", [("a2", "a", 2), ("b3", "b", 3), ("c1", "c", 1)]),
                     ("2027-Q1", [("a3", "a", 3)]))
    leaver = person("lee", ["process-owner"], line=45, until=date(2027, 3, 31))
    now = _org("2026-Q4", date(2026, 11, 20), {"a": 2, "b": 1, "c": 0}, 60.0,
               people=[person("boss", ["sponsor"], line=40), leaver], owners={"c": "lee"},
               initiatives=[entry("a2", status="done", line=490),  # recorded: only a status of done counts
                            entry("a3", phase="2026-Q1", line=500),  # a pin outside the plan
                            entry("b2", phase="2027-Q1", line=510),  # with a3, more than 2027-Q1 holds
                            entry("c1", status="dropped", line=400)],
               needs={"c": 2},  # c has no work left for level 1: g is at risk
               feedback_items=[feedback(status="accepted", line=60), feedback("boss", status="open", line=70)],
               capacity=1.5)
    now = replace(now, waivers=(Waiver(check="regression", about="b", reason="A new way of rating b.",
                                       approved_by="boss", until=q("2027-Q1"), locs=locs(ORG_FILE, 600, "until")),))
    return project(cat, now, snapshots=[snapshot(q2), snapshot(q3, plan=plan_q3)])


@pytest.fixture(scope="module")
def built() -> tuple[Project, SiteViews]:
    proj = _project()
    return proj, build_views(proj, make_plan(proj))


def test_what_changed_levels_work_and_goals(built) -> None:
    proj, site = built
    c = site.report.pack.changes
    assert (c.period, c.previous, c.previous_date, c.recomputed) == ("2026-Q4", "2026-Q3", "2026-08-20", False)
    assert [(m.factor.title, m.before, m.after) for m in c.levels_up] == [("A", 1, 2)]
    assert [(m.factor.title, m.before, m.after) for m in c.levels_down] == [("B", 2, 1)]
    # the frozen plan's first phase (2026-Q4), against today: a reached 2, b3 still planned, c1 dropped
    assert [(w.title, w.outcome) for w in c.work] == [("Frozen a2", "done"), ("Frozen b3", "slipped"),
                                                       ("Frozen c1", "dropped")]
    assert dict(c.work_counts) == {"done": 1, "in-progress": 0, "slipped": 1, "dropped": 1}
    (moved,) = c.goals
    assert (moved.goal.title, moved.before, moved.after) == ("g", "off-track", "at-risk")


def test_the_goal_status_then_is_the_same_function_on_the_snapshot(built) -> None:
    proj, site = built
    snap = proj.snapshots[-1]
    then = Project(catalogue=proj.catalogue, organisation=snap.organisation, snapshots=proj.snapshots[:-1])
    (g,) = snap.organisation.goals
    assert goal_state(g, then).status == site.report.pack.changes.goals[0].before == "off-track"
    assert site.report.pack.changes.goals[0].after == "at-risk"  # its need on c is not within the plan
    assert goal_state(g, proj).status == "on-track" and goal_state(g, proj, late_need=True).status == "at-risk"


def test_findings_new_and_resolved_by_check_and_about(built) -> None:
    proj, site = built
    c = site.report.pack.changes
    then = previous_review(proj, make_plan(proj).findings)
    assert then is not None and any(d.check == "no-practice-owner" for d in then.findings)
    resolved = {g.check: g for g in c.resolved_groups}
    assert resolved["no-practice-owner"].about == ("Incident management",)
    assert all(f.where.startswith("content/organisation.yaml") for f in c.findings_resolved)  # the snapshot's file
    new = {g.check: g for g in c.new_groups}
    assert new["regression"].about == ("B",) and new["owner-leaves"].count >= 1
    assert c.new == len(c.findings_new) and c.resolved == len(c.findings_resolved)
    keys_now = {(d.check, d.about or "") for d in make_plan(proj).findings}
    assert all((f.check, f.about) in keys_now for f in c.findings_new)
    assert not any((f.check, f.about) in keys_now for f in c.findings_resolved)


def test_loader_findings_are_not_compared() -> None:
    proj = _project()
    loaded = warning(Loc("mkdocs.yml", 3, 1), "external-request", "the theme loads fonts from another server")
    assert "external-request" in LOADER_CHECKS
    plan = make_plan(proj, [replace(loaded, about="theme.font")])
    site = build_views(proj, plan)
    assert "external-request" not in {g.check for g in site.report.pack.changes.new_groups}
    assert "external-request" in {c.check for c in site.report.pack.appendix}  # still in the appendix


def test_decisions_needed(built) -> None:
    _proj, site = built
    d = site.report.pack.decisions
    assert [f.status for f in d.feedback] == ["open"]
    assert [w.about_name for w in d.waivers] == ["B"] and d.waivers[0].lapses == "2027-03-31"
    assert d.lapse_by == "2027-Q1"
    # one decision per subject, in the registry's order, each worded by its check's registry entry
    assert [x.id for x in d.decisions] == ["goal-at-risk:g", "target-unreached:c", "pin-conflict:a3",
                                           "over-capacity:2027-Q1", "owner-leaves:lee"]
    subjects = [x.subject for x in d.decisions]
    assert subjects == ["Goal g: Raise m from 40% to 70% by 2027-Q4.", "C", "Do a3", "Phase 2027-Q1", "Lee"]
    assert all(x.question and len(x.options) >= 2 and x.recommendation and x.if_nothing and x.findings
               for x in d.decisions)
    assert d.count == len(d.feedback) + len(d.decisions) + len(d.waivers)
    assert site.report.pack.summary.decisions == d.count


def test_summary_figures(built) -> None:
    _proj, site = built
    s = site.report.pack.summary
    assert (s.goals, s.on_track) == (1, 0)
    assert dict(s.goal_counts)["at-risk"] == 1 and sum(n for _, n in s.goal_counts) == 1
    assert (s.targets_total, s.targets_reached) == (site.home.targets_total, site.home.targets_reached)
    assert s.waivers == 1 and s.waivers_lapsing == 1 and s.waived == len(site.home.waived)
    assert s.findings == site.home.warnings + site.home.errors
    assert site.report.pack.next_phase == site.roadmap.phases[0]


def test_the_first_review_has_nothing_to_compare() -> None:
    proj = project(_catalogue(), _org("2026-Q4", date(2026, 11, 20), {"a": 1, "b": 1, "c": 1}, 50.0))
    plan = make_plan(proj)
    site = build_views(proj, plan)
    c = site.report.pack.changes
    assert c.previous == "" and not (c.levels_up or c.goals or c.findings_new or c.work)
    tree = render_site(REPO, proj, plan, BuildInfo())
    page = tree.files["changes.md"].decode("utf-8")
    assert "This is the first review (2026&#45;Q4)" in page
    assert 'title: "What changed"' in page


def test_long_lists_are_cut_and_counted() -> None:
    """Hundreds of new findings: the page lists the first FINDINGS_LISTED and says how many there are."""
    cat = catalogue([factor(f"f{i:03d}", actions=[action(f"f{i:03d}-1", 1)]) for i in range(FINDINGS_LISTED + 20)])
    levels = {f"f{i:03d}": 2 for i in range(FINDINGS_LISTED + 20)}
    then = organisation([assess(f, 2, 2, owner="boss") for f in levels], period="2026-Q3", day=date(2026, 8, 20))
    now = organisation([assess(f, 2, 2, owner="boss", evidence=[]) for f in levels])  # missing-evidence each
    proj = project(cat, now, snapshots=[snapshot(then)])
    plan = make_plan(proj)
    site = build_views(proj, plan)
    c = site.report.pack.changes
    assert c.new >= FINDINGS_LISTED + 20 and len(c.findings_new) == FINDINGS_LISTED
    (group,) = [g for g in c.new_groups if g.check == "missing-evidence"]
    assert len(group.about) == 20 and group.more == group.count - 20
    page = render_site(REPO, proj, plan, BuildInfo()).files["changes.md"].decode("utf-8")
    assert f"The first {FINDINGS_LISTED} of {c.new}" in page and f"and {group.more} more" in page


# --- the example -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    planned = plan_project(REPO)
    assert planned.project is not None and planned.plan is not None
    return planned, render_site(REPO, planned.project, planned.plan, BuildInfo())


def test_the_example_pack(example) -> None:
    planned, tree = example
    pack = build_views(planned.project, planned.plan).report.pack
    s, c, d = pack.summary, pack.changes, pack.decisions
    assert (s.targets_reached, s.targets_total, s.end_period) == (17, 17, "2028-Q4")
    assert (s.goals, s.on_track, s.findings, s.waived, s.waivers, s.waivers_lapsing) == (5, 2, 0, 8, 8, 5)
    # both goals on track are so only after this review moved them, and every move was approved
    assert s.on_track_rebaselined == 2 and (s.rebaselines.count, s.rebaselines.approved) == (9, 9)
    assert c.previous == "2026-Q3" and (len(c.levels_up), len(c.levels_down)) == (8, 1)
    assert dict(c.work_counts)["done"] == 6 and (c.new, c.resolved) == (6, 26)
    assert [g.after for g in c.goals] == ["on-track", "at-risk", "on-track", "at-risk"]
    assert len(d.feedback) == 1 and [w.until for w in d.waivers] == ["2027-Q1"] * 5 and s.decisions == 6
    assert pack.next_phase is not None and pack.next_phase.period == "2027-Q1"
    assert not pack.appendix and len(pack.waived) == 8 and pack.waived[0].where.startswith("content/organisation.yaml:")


def test_the_example_pages(example) -> None:
    _planned, tree = example
    report = tree.files["report/index.md"].decode("utf-8")
    front = report.split("\n---\n", 1)[0]
    assert "hide:\n  - navigation\n  - toc\n  - footer" in front and "exclude: true" in front
    for part in ("## 1 Summary", "## 2 What changed since 2026&#45;Q3", "## 3 The next phase: 2027&#45;Q1",
                 "## 4 Decisions needed", "## 5 Appendix: every health finding"):
        assert part in report, part
    assert report.count('class="rg-part') == 6  # cover and five parts, each starting a printed page
    # the goals' tile: its statuses after a separator written as template text (a `{{ "; " }}` lost its space)
    assert 're-baseline at this review); 3 <span class="rg-status rg-status-at-risk">at risk</span>' in report
    # the pack is read on paper: no link out of it but the screen note's way back to the site
    body = report.split('<div class="rg-part rg-cover"', 1)[1]
    assert "](" not in body.replace("](#", "")
    changes = tree.files["changes.md"].decode("utf-8")
    assert "## Levels" in changes and "[Long&#45;term in&#45;house expertise](now/in-house-expertise.md)" in changes
    assert "### Resolved findings" in changes and "content/reviews/2026&#45;Q3/organisation&#46;yaml&#58;38" in changes


def test_every_decision_part_is_written(built) -> None:
    proj, _site = built
    page = render_site(REPO, proj, make_plan(proj), BuildInfo()).files["report/index.md"].decode("utf-8")
    for heading in ("### Feedback still open", "### 1. Goal g", "### 5. Lee",
                    "### Waivers lapsing by the end of 2027&#45;Q1"):
        assert heading in page, heading
    assert "| Findings to decide on, one per subject | 5 |" in page
    assert 'rg-status-off-track">off track</span>' in page  # the goal's status at the last review


def test_the_board_pack_with_decisions_is_golden(built, update_goldens: bool) -> None:
    """Every decision shows its options and a recommendation, and no subject comes twice."""
    proj, _site = built
    page = render_site(REPO, proj, make_plan(proj), BuildInfo()).files["report/index.md"]
    compare_goldens({"report/index.md": page}, GOLDEN, update_goldens,
                    "pytest tests/report/test_report_views.py --update-goldens")
    text = page.decode("utf-8")
    part = text.split("## 4 Decisions needed", 1)[1].split('<div class="rg-part rg-appendix"', 1)[0]
    decisions = re.split(r"^### \d+\. ", part, flags=re.M)[1:]
    assert len(decisions) == 5
    subjects = [d.split("\n", 1)[0] for d in decisions]
    assert len(subjects) == len(set(subjects))
    for d in decisions:
        assert "Options:\n\n1. " in d and "\n2. " in d and "**Recommended:** " in d and "**If nothing is decided:** " in d


def test_a_bare_project_still_has_every_part() -> None:
    """Nothing assessed, no goals, metrics, feedback, scope or sponsor: every part still says where it stands."""
    proj = project(catalogue([factor("a")]), organisation([], metrics=[], feedback_items=[], scope_items=[],
                                                          sponsor=None, people=[]))
    plan = make_plan(proj)
    page = render_site(REPO, proj, plan, BuildInfo()).files["report/index.md"].decode("utf-8")
    for text in ("## 1 Summary", "no factor has a gap to close", "no goals set",
                 "No factor is assessed yet, so there is no maturity chart", "This is the first review",
                 "Nothing is planned in this phase.", "### 1. No sponsor",
                 "## 5 Appendix: every health finding", "<code>content/organisation.yaml:2</code>"):
        assert text in page, text
    assert "| Sponsor | none named |" in page
