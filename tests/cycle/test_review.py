"""`roadmap-gen review`: freeze the review, open the next, keep the user's file as written."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.commands.review import apply_edits, open_review, plan_edits
from roadmap_gen.core.diagnostics import InputError, ProjectError, UsageError
from roadmap_gen.core.periods import Quarter
from roadmap_gen.load.project import load_project
from roadmap_gen.workspace.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "minimal"

COMMENTED = """\
# A heavily commented file: every comment, quote and key order must survive.
organisation:   # who we are
  name: 'Acme IT'      # single-quoted on purpose
  sponsor: ann   # the sponsor

# the review block
review:
  # period comment above the key
  period: "2026-Q4"    # double quotes kept
  date: 2026-11-20     # plain kept
  next: '2027-02-19'   # single quotes kept

planning: {start: 2027-Q1, phases: 4, capacity: 12}   # flow style kept
people:
  ann: {name: Ann, roles: [sponsor]}   # trailing
"""


def test_only_the_changed_values_differ():
    edits, old = plan_edits(COMMENTED, "x.yaml", Quarter(2027, 1), date(2027, 2, 18))
    out = apply_edits(COMMENTED, edits)
    assert old == Quarter(2026, 4)
    expected = (COMMENTED.replace('"2026-Q4"', '"2027-Q1"').replace("date: 2026-11-20", "date: 2027-02-18")
                .replace("'2027-02-19'", "'2027-05-18'").replace("start: 2027-Q1", "start: 2027-Q2"))
    assert out == expected


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def test_review_freezes_byte_for_byte_and_opens_the_period(tmp_path):
    root = _project(tmp_path)
    org = root / "content" / "organisation.yaml"
    before = org.read_bytes()
    team_before = {p.name: p.read_bytes() for p in (root / "content" / "teams").glob("*.yaml")}
    period = load_project(root).project.organisation.review.period
    outcome = open_review(Workspace(root), str(period.shift(1)), date(2027, 2, 19))
    snap = root / "content" / "reviews" / str(period)
    assert outcome.snapshot == snap
    assert (snap / "organisation.yaml").read_bytes() == before
    assert {p.name: p.read_bytes() for p in (snap / "teams").glob("*.yaml")} == team_before
    loaded = load_project(root)
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics]
    assert loaded.project.organisation.review.period == period.shift(1)
    assert loaded.project.organisation.review.date == date(2027, 2, 19)
    assert [s.period for s in loaded.project.snapshots][-1] == period
    # Outside the changed values the file is untouched, line for line.
    old_lines, new_lines = before.decode().splitlines(), org.read_text().splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert 2 <= len(changed) <= 4
    for a, b in changed:
        assert a.split(":")[0] == b.split(":")[0]
    assert "update" in outcome.message and "evidence" in outcome.message


def test_double_review_is_refused(tmp_path):
    root = _project(tmp_path)
    period = load_project(root).project.organisation.review.period
    open_review(Workspace(root), str(period.shift(1)), date(2027, 2, 19))
    # Re-opening the same period again would need to freeze it over an existing snapshot... and is not after it.
    with pytest.raises(ProjectError):
        open_review(Workspace(root), str(period.shift(1)), date(2027, 2, 20))
    # Freezing a period whose snapshot exists is refused too.
    frozen = root / "content" / "reviews" / str(period.shift(1))
    frozen.mkdir(parents=True)
    shutil.copy(root / "content" / "organisation.yaml", frozen / "organisation.yaml")
    with pytest.raises(ProjectError, match="already exists"):
        open_review(Workspace(root), str(period.shift(2)), date(2027, 5, 20))


@pytest.mark.parametrize("bad, error", [("2026-Q1", ProjectError), ("2026-Q4", ProjectError),
                                        ("2027Q1", UsageError), ("next", UsageError)])
def test_period_not_after_the_current_one_or_malformed_is_refused(tmp_path, bad, error):
    root = _project(tmp_path)
    before = (root / "content" / "organisation.yaml").read_bytes()
    with pytest.raises(error) as raised:
        open_review(Workspace(root), bad, date(2027, 2, 19))
    assert raised.value.exit_code == (2 if error is UsageError else 1)
    assert (root / "content" / "organisation.yaml").read_bytes() == before
    assert not (root / "content" / "reviews" / "2026-Q4").exists()


def test_a_project_with_errors_is_not_reviewed(tmp_path):
    root = _project(tmp_path)
    org = root / "content" / "organisation.yaml"
    org.write_text(org.read_text().replace("capacity:", "capacityy:", 1))
    with pytest.raises(InputError):
        open_review(Workspace(root), "2027-Q1", date(2027, 2, 19))


def test_an_interrupted_review_is_completed_by_the_next_run(tmp_path, monkeypatch):
    """Interrupted after its commit point (the journal written), a review is refused by every other
    command until the next `review` completes it; the old organisation.yaml is never half written."""
    root = _project(tmp_path)
    org = root / "content" / "organisation.yaml"
    before = org.read_bytes()
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst) == org:
            raise KeyboardInterrupt("killed while writing organisation.yaml")
        return real_replace(src, dst)

    monkeypatch.setattr("roadmap_gen.commands.review.os.replace", failing_replace)
    with pytest.raises(KeyboardInterrupt):
        open_review(Workspace(root), "2027-Q1", date(2027, 2, 19))
    assert org.read_bytes() == before
    assert (root / "content" / ".review-journal.json").is_file()
    refused = load_project(root)
    assert refused.project is None
    assert [d.check for d in refused.diagnostics if d.severity == "error"] == ["review-interrupted"]
    monkeypatch.setattr("roadmap_gen.commands.review.os.replace", real_replace)
    outcome = open_review(Workspace(root), "2027-Q1", date(2027, 2, 19))
    assert "completed the review interrupted earlier" in outcome.message
    assert (root / "content" / "reviews" / "2026-Q4" / "organisation.yaml").read_bytes() == before
    loaded = load_project(root)
    assert loaded.project is not None and str(loaded.project.organisation.review.period) == "2027-Q1"
    assert not [p for p in (root / "content").iterdir() if p.name.startswith(".")]


def test_an_interrupted_preparation_leaves_the_old_state(tmp_path, monkeypatch):
    """Interrupted before its commit point, a review leaves only hidden temporary names, which the next run clears."""
    root = _project(tmp_path)
    org = root / "content" / "organisation.yaml"
    before = org.read_bytes()
    reviews_before = sorted(p.name for p in (root / "content" / "reviews").iterdir())
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr("roadmap_gen.commands.review.os.fsync", failing_fsync)
    with pytest.raises(OSError):
        open_review(Workspace(root), "2027-Q1", date(2027, 2, 19))
    assert org.read_bytes() == before
    assert sorted(p.name for p in (root / "content" / "reviews").iterdir()) == reviews_before
    assert not [p for p in (root / "content").iterdir() if p.name.startswith(".")]
    assert load_project(root).project is not None


def test_review_then_build_through_the_cli(tmp_path):
    root = _project(tmp_path)
    project = ["--project", str(root)]
    done = run_cli(*project, "review", "2027-Q1", "--date", "2027-02-19")
    assert done.returncode == 0, done.stderr
    assert "froze review" in done.stderr
    done = run_cli(*project, "validate")
    assert done.returncode == 0, done.stderr
    done = run_cli(*project, "review", "2027-Q1")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    done = run_cli(*project, "review", "2027-Q2", "--date", "yesterday")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_review_freezes_the_plan_export_printed_and_the_next_review_compares_with_it(tmp_path):
    root = tmp_path / "example"
    shutil.copytree(REPO / "content", root / "content")
    project = ["--project", str(root)]
    exported = run_cli(*project, "export", "--format", "json", text=False)
    assert exported.returncode == 0, exported.stderr
    period = load_project(root).project.organisation.review.period
    done = run_cli(*project, "review", str(period.shift(1)), "--date", "2027-02-19")
    assert done.returncode == 0, done.stderr
    frozen = root / "content" / "reviews" / str(period) / "roadmap.json"
    assert frozen.read_bytes() == exported.stdout
    loaded = load_project(root)
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics]
    snapshot = loaded.project.snapshots[-1]
    assert snapshot.period == period and snapshot.plan is not None and snapshot.plan.review == period
    from roadmap_gen.plan import make_plan
    comparison = make_plan(loaded.project).history.reviews[-1]
    assert not comparison.recomputed
    first_phase = json.loads(exported.stdout)["phases"][0]
    assert sorted(i.id for i in comparison.planned) == sorted(i["id"] for i in first_phase["items"])


def _with_frozen_plan(tmp_path: Path, text: str) -> Path:
    root = _project(tmp_path)
    period = load_project(root).project.organisation.review.period
    open_review(Workspace(root), str(period.shift(1)), date(2027, 2, 19))
    (root / "content" / "reviews" / str(period) / "roadmap.json").write_text(text, "utf-8")
    return root


@pytest.mark.parametrize("text, where, check", [
    ('{"review": "2026-Q3", "phases": []}\n', (1, 12), "bad-period"),  # the folder is 2026-Q4
    ('{"review": "2026-Q4", "phases": [{"period": "2027-Q1", "items": [{"id": "x", "factor": "f",\n'
     '  "raises_to": "two"}]}]}\n', (2, 16), "bad-type"),
    ('{"review": "2026-Q4", "phases": [\n', (2, 1), None),
    ('{"review": "2026-Q4",\n "review": "2026-Q4"}\n', (2, 2), "duplicate-key"),
])
def test_a_frozen_plan_is_checked_like_any_input(tmp_path, text, where, check):
    root = _with_frozen_plan(tmp_path, text)
    loaded = load_project(root)
    assert loaded.project is None
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    assert errors and errors[0].loc.file.endswith("/roadmap.json")
    assert (errors[0].loc.line, errors[0].loc.col) == where, errors[0].format()
    if check:
        assert errors[0].check == check


def test_a_frozen_plan_may_hold_keys_the_tool_does_not_read(tmp_path):
    text = ('{"organisation": "Acme", "review": "2026-Q4", "later": [], "levels": {}, "findings": [],\n'
            ' "phases": [{"period": "2027-Q1", "capacity": 10, "items": [{"id": "x", "factor": "f", "raises_to": 2,\n'
            ' "owner": null, "why": {"kind": "value"}}]}]}\n')
    loaded = load_project(_with_frozen_plan(tmp_path, text))
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics]
    (item,) = loaded.project.snapshots[-1].plan.phases[0].items
    assert (item.id, item.factor, item.raises_to, item.title) == ("x", "f", 2, "")


def _commands_in_order(text: str) -> list[str]:
    """The roadmap-gen commands a text names, in the order it first names them."""
    seen: list[str] = []
    for name in re.findall(r"roadmap-gen (\w+)", text):
        if name not in seen:
            seen.append(name)
    return seen


def test_the_generated_readme_and_the_cycle_doc_tell_one_order():
    readme = (REPO / "roadmap_gen" / "skeleton" / "README.md").read_text(encoding="utf-8")
    quarter = readme.split("## Every quarter\n\n", 1)[1].split("\n\n", 1)[0]  # its numbered steps
    doc = (REPO / "docs" / "quarterly-cycle.md").read_text(encoding="utf-8")
    steps = doc.split("## 1. ", 1)[1].split("## Every change in between", 1)[0]
    assert _commands_in_order(quarter) == _commands_in_order(steps) == ["review", "validate", "serve", "build"]
    assert re.findall(r"^## (\d)\. ", doc, re.M) == ["1", "2", "3", "4", "5"]
    assert re.findall(r"^(\d)\. ", quarter, re.M) == ["1", "2", "3", "4", "5"]


def test_rebaselines_are_frozen_with_the_review_and_a_moved_goal_is_found(tmp_path):
    """Review, then move a goal's due later, then look: the re-baseline is found, unapproved until an
    entry approves it; the last review's approvals stay in its snapshot and the new period starts
    with none, every comment outside the list kept."""
    from example_project import copy_example

    root = copy_example(tmp_path / "project")
    project = ["--project", str(root)]
    org = root / "content" / "organisation.yaml"
    before = org.read_text("utf-8")
    done = run_cli(*project, "review", "2027-Q1", "--date", "2027-02-19")
    assert done.returncode == 0, done.stderr
    frozen = (root / "content" / "reviews" / "2026-Q4" / "organisation.yaml").read_text("utf-8")
    # byte for byte, but for the $schema line, which names the same schema from the snapshot's folder
    assert frozen == before.replace("$schema=../", "$schema=../../../", 1)
    assert frozen.count("approved_by: dana-ruiz") >= 9
    opened = org.read_text("utf-8")
    assert "rebaselines:\n  []\n" in opened and "change: horizon" not in opened
    kept = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(line in opened for line in kept)  # no comment lost, the list's own heading included

    def plan():
        done = run_cli(*project, "export", "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert plan()["rebaselines"] == []  # nothing moved since the review
    org.write_text(opened.replace("    due: 2027-Q2\n    owner: lena-hoffmann", "    due: 2027-Q3\n    owner: lena-hoffmann"),
                   "utf-8")
    exported = plan()
    assert exported["rebaselines"] == [{"about": "change-success-97", "change": "goal-due", "old": "2027-Q2",
                                        "new": "2027-Q3", "approved_by": None, "reason": None, "period": "2027-Q1"}]
    goal = next(g for g in exported["goals"] if g["id"] == "change-success-97")
    assert goal["original"]["due"] == "2027-Q2" and goal["original"]["status"] in ("off-track", "at-risk", "missed")
    found = [f for f in exported["findings"] if f["check"] == "unapproved-rebaseline"]
    assert [f["about"] for f in found] == ["change-success-97"]
    org.write_text(org.read_text("utf-8").replace(
        "rebaselines:\n  []\n",
        "rebaselines:\n  - {about: change-success-97, change: goal-due, reason: RACI lands a quarter late.,\n"
        "     approved_by: dana-ruiz}\n"), "utf-8")
    exported = plan()
    assert exported["rebaselines"][0]["approved_by"] == "dana-ruiz"
    assert not [f for f in exported["findings"] if f["check"] in ("unapproved-rebaseline", "unused-approval")]


def test_review_empties_a_flow_list_of_rebaselines(tmp_path):
    root = _project(tmp_path)
    org = root / "content" / "organisation.yaml"
    text = org.read_text("utf-8")
    org.write_text(text + "\nrebaselines: [{about: planning, change: horizon, reason: Longer.,\n"
                          "              approved_by: dana-ruiz}]  # approvals of this review\n", "utf-8")
    edits, _ = plan_edits(org.read_text("utf-8"), "content/organisation.yaml", Quarter(2027, 1), date(2027, 2, 19))
    opened = apply_edits(org.read_text("utf-8"), edits)
    assert opened.endswith("\nrebaselines: []  # approvals of this review\n")
