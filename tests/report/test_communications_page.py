"""The communications page and the board pack's "Who must hear of it", on a small built project."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from plan.builders import action, assess, catalogue, factor, organisation, person, project, stakeholder
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.pages import render_site
from roadmap_gen.pages.views import build_views
from roadmap_gen.plan import make_plan

REPO = Path(__file__).resolve().parents[2]


def _project(day: date):
    cat = catalogue([factor("f", "process", actions=[action("f1", 1), action("f2", 2)]),
                     factor("g", "technology", actions=[action("g1", 1)])])
    ward = replace(stakeholder("ward", "low"), title="Ward staff", contact="kim", interests=("g",))
    org = organisation([assess("f", 0, 2, owner="boss"), assess("g", 0, 1, owner="boss")],
                       people=[person("boss", ["sponsor"]), person("kim")], day=day,
                       stakeholders=[ward, stakeholder("quiet", "none")])
    return project(cat, org)


def test_each_group_phase_by_phase_with_whom_to_contact_and_when():
    proj = _project(date(2026, 11, 20))
    site = build_views(proj, make_plan(proj))
    quiet, ward = site.communications.comms.stakeholders  # by title
    assert (ward.title, ward.contact, ward.interests) == ("Ward staff", "Kim", ("G",))
    assert quiet.phases == ()
    first = ward.phases[0]
    assert (first.period, first.tell_by, first.late) == ("2027-Q1", "2026-12-02", False)
    assert first.consulted == ("Do g1",) and first.informed == ("Do f1",)
    assert site.report.pack.next_messages == (first,)
    page = render_site(REPO, proj, make_plan(proj), BuildInfo()).files["communications/index.md"].decode("utf-8")
    assert "## Ward staff" in page and "Contact: Kim." in page and "Interested in: G." in page
    assert "| 2026&#45;12&#45;02 | Do g1 | Do f1 |" in page
    assert "Not told of any planned work: Quiet." in page


def test_a_tell_by_day_before_the_review_says_to_tell_them_now():
    proj = _project(date(2026, 12, 10))
    site = build_views(proj, make_plan(proj))
    (first, *rest) = site.communications.comms.stakeholders[1].phases
    assert first.late and not any(p.late for p in rest)
    pack = render_site(REPO, proj, make_plan(proj), BuildInfo()).files["report/index.md"].decode("utf-8")
    assert "### Who must hear of it" in pack and "2026&#45;12&#45;02 (**past: tell them now**)" in pack
