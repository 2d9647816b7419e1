"""``export --format jira-csv | gitlab-csv | github``: the plan as issues to import into a tracker.

Golden files: ``tests/golden/trackers/`` holds the example project's three exports byte for byte.
After a deliberate change regenerate them and review the diff::

    pytest tests/test_tracker_export.py --update-goldens

The GitHub script is run by ``sh`` against a stand-in ``gh`` on PATH that records its arguments:
hostile titles arrive intact, nothing in them runs, and a second run makes no second issue.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_process import run_cli
from example_project import copy_example
from roadmap_gen.commands.tracker_export import (
    ALL_LABEL,
    GITLAB_HEADER,
    JIRA_HEADER,
    MAX_LABEL,
    Issue,
    github_script,
    gitlab_csv,
    item_label,
    jira_csv,
    plan_issues,
    shell_quote,
    tracker_text,
)
from roadmap_gen.pipeline import plan_project

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden" / "trackers"
FILES = {"jira-csv": "jira.csv", "gitlab-csv": "gitlab.csv", "github": "github.sh"}


@pytest.fixture(scope="module")
def example_issues() -> tuple[Issue, ...]:
    planned = plan_project(REPO)
    assert planned.project is not None and planned.plan is not None
    return plan_issues(planned.project, planned.plan)


def test_golden_exports_of_the_example(example_issues: tuple[Issue, ...], update_goldens: bool) -> None:
    for fmt, name in FILES.items():
        text = tracker_text(fmt, example_issues)
        assert text == tracker_text(fmt, example_issues)  # deterministic
        if update_goldens:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, "utf-8", newline="")
            continue
        assert (GOLDEN / name).is_file(), "no golden file: run pytest tests/test_tracker_export.py --update-goldens"
        assert (GOLDEN / name).read_text("utf-8") == text, (
            f"{name} differs from its golden file; review, then: pytest tests/test_tracker_export.py --update-goldens")


def test_the_cli_prints_the_goldens_and_cuts_to_phases(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    for fmt, name in FILES.items():
        done = run_cli("--project", str(project), "export", "--format", fmt)
        assert done.returncode == 0, done.stderr
        assert done.stdout == (GOLDEN / name).read_text("utf-8")
    planned = plan_project(project)
    assert planned.plan is not None
    first = {i.id for i in planned.plan.phases[0].items}
    done = run_cli("--project", str(project), "export", "--format", "jira-csv", "--phases", "1")
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert tuple(rows[0]) == JIRA_HEADER
    assert {row[4][3:] for row in rows[1:]} == first
    assert {row[5] for row in rows[1:]} == {planned.plan.phases[0].period.last_day.isoformat()}
    for bad in ("0", "-1", "x"):
        refused = run_cli("--project", str(project), "export", "--format", "github", "--phases", bad)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
    refused = run_cli("--project", str(project), "export", "--format", "json", "--phases", "2")
    assert refused.returncode == 2 and "--phases is for the tracker formats" in refused.stderr


def test_rows_carry_what_the_formats_promise(example_issues: tuple[Issue, ...]) -> None:
    planned = plan_project(REPO)
    assert planned.project is not None and planned.plan is not None
    items = [i for phase in planned.plan.phases for i in phase.items]
    assert [i.id for i in example_issues] == [i.id for i in items]
    people = planned.project.organisation.person_by_id
    rows = list(csv.reader(io.StringIO(jira_csv(example_issues))))
    assert tuple(rows[0]) == JIRA_HEADER
    for row, item in zip(rows[1:], items):
        assert row[0] == item.title and row[2] == "Task" and row[3] == ALL_LABEL and row[4] == f"rg-{item.id}"
        assert row[6] == (people[item.owner].email if item.owner else "")
        assert row[1].endswith(f"\nroadmap-gen: {item.id}")
        assert "Factor: " in row[1] and f"raises it to {item.raises_to}" in row[1]
        action = planned.project.catalogue.action_by_id.get(item.id)
        if action is not None and action.description:
            assert f"Done when: {' '.join(action.description.split())}" in row[1]
        for goal in item.goals:
            assert goal in row[1]
    assert any(row[6] for row in rows[1:]) and any(not row[6] for row in rows[1:])
    gitlab = list(csv.reader(io.StringIO(gitlab_csv(example_issues))))
    assert tuple(gitlab[0]) == GITLAB_HEADER
    assert all(row[1].splitlines()[-1] == f"roadmap-gen: {row_id}" for row, row_id in
               zip(gitlab[1:], (i.id for i in items)))


def test_labels_fit_github_and_stay_stable() -> None:
    short = "write-decision-rights"
    assert item_label(short) == "rg-write-decision-rights"
    long_a, long_b = "a" * 60 + "-one", "a" * 60 + "-two"
    for ident in (long_a, long_b, "x" * 64, "b" * 47):
        label = item_label(ident)
        assert len(label) <= MAX_LABEL and label.startswith("rg-")
        assert label == item_label(ident)
    assert item_label("b" * 47) == "rg-" + "b" * 47
    assert item_label(long_a) != item_label(long_b)
    assert len(item_label(long_a)) == MAX_LABEL


def test_the_phase_page_is_linked_where_site_url_is_set(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8") + "site_url: https://roadmap.example.org/it/\n", "utf-8")
    done = run_cli("--project", str(project), "export", "--format", "gitlab-csv", "--phases", "1")
    assert done.returncode == 0, done.stderr
    assert "Phase page: https://roadmap.example.org/it/roadmap/2027-q1/\n" in done.stdout
    (project / "roadmap-gen.yaml").write_text("offline: true\n", "utf-8")
    done = run_cli("--project", str(project), "export", "--format", "jira-csv", "--phases", "1")
    assert "Phase page: https://roadmap.example.org/it/roadmap/2027-q1.html\n" in done.stdout
    assert "Phase page" not in (GOLDEN / "jira.csv").read_text("utf-8")  # the example has no site_url


HOSTILE_TITLES = (
    "It's \"quoted\" and 'single' and \\backslash\\",
    "$(touch pwned-dollar) and ${HOME} and $HOME",
    "`touch pwned-backtick` and !! and *",
    "two\nlines'; touch pwned-newline; echo '",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "-v --help",
    "tab\there and a bell\x07 and an escape\x1b[31mred",
)


def _issue(n: int, title: str, body: str = "", ident: str = "") -> Issue:
    ident = ident or f"item-{n}"
    return Issue(ident, item_label(ident), title, (body or f"Factor: x\n/close\nroadmap-gen: {ident}"),
                 "2027-Q1", "2027-03-31", "")


def test_csv_cells_are_neutralised_and_quick_actions_escaped() -> None:
    issues = [_issue(n, title) for n, title in enumerate(HOSTILE_TITLES)]
    jira = list(csv.reader(io.StringIO(jira_csv(issues))))
    assert jira[5][0] == "'" + HOSTILE_TITLES[4]
    assert jira[6][0] == "'" + HOSTILE_TITLES[5]
    assert len(jira) == len(issues) + 1 and all(len(row) == len(JIRA_HEADER) for row in jira)
    gitlab = list(csv.reader(io.StringIO(gitlab_csv(issues))))
    assert all("\n\\/close\n" in row[1] for row in gitlab[1:])
    assert all(not row[1].startswith(("=", "+", "-", "@")) for row in gitlab[1:])


def test_shell_quote_is_one_word_whatever_the_text() -> None:
    for text in HOSTILE_TITLES + ("", "'", "''", "\r\n", "\u202e evil"):
        quoted = shell_quote(text)
        out = subprocess.run(["sh", "-c", f"printf '%s' {quoted}"], capture_output=True, text=True, check=True)
        expected = text.replace("\r\n", "\n").replace("\r", "\n")
        expected = expected.replace("\x07", "\\x07").replace("\x1b", "\\x1b").replace("\t", "\\x09")
        expected = expected.replace("\u202e", "\\u202e")
        assert out.stdout == expected


FAKE_GH = """\
#!{python}
# A stand-in for the GitHub CLI: logs its arguments, remembers the labels of the issues it made.
import json, os, sys
state = os.environ["FAKE_GH_DIR"]
args = sys.argv[1:]
with open(os.path.join(state, "calls.jsonl"), "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
made = os.path.join(state, "made.json")
labels = json.load(open(made)) if os.path.exists(made) else []
if args[:2] == ["issue", "list"]:
    if os.environ.get("FAKE_GH_OFFLINE"):
        sys.exit("error connecting to api.github.com")
    wanted = args[args.index("--label") + 1]
    if wanted in labels:
        print(labels.index(wanted) + 1)
elif args[:2] == ["issue", "create"]:
    labels.extend(a.split("=", 1)[1] for a in args if a.startswith("--label="))
    json.dump(labels, open(made, "w"))
"""


def _run_script(script: Path, state: Path, with_gh: bool = True, offline: bool = False
                ) -> subprocess.CompletedProcess[str]:
    bin_dir = state / "bin"
    bin_dir.mkdir(exist_ok=True)
    if with_gh:
        gh = bin_dir / "gh"
        gh.write_text(FAKE_GH.replace("{python}", sys.executable), "utf-8")
        gh.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "FAKE_GH_DIR": str(state), "HOME": str(state),
           **({"FAKE_GH_OFFLINE": "1"} if offline else {})}
    return subprocess.run(["sh", str(script)], cwd=state, env=env, capture_output=True, text=True, timeout=120)


def _calls(state: Path) -> list[list[str]]:
    log = state / "calls.jsonl"
    return [json.loads(line) for line in log.read_text("utf-8").splitlines()] if log.exists() else []


def test_the_github_script_quotes_everything_and_is_safe_to_run_twice(tmp_path: Path) -> None:
    issues = [_issue(n, title, body=f"{title}\n$(touch pwned-body)\nroadmap-gen: item-{n}")
              for n, title in enumerate(HOSTILE_TITLES)]
    issues.append(_issue(99, "A long id", ident="a" * 64))
    script = tmp_path / "make-issues.sh"
    script.write_text(github_script(issues), "utf-8")
    state = tmp_path / "state"
    state.mkdir()
    done = _run_script(script, state)
    assert done.returncode == 0, done.stderr
    calls = _calls(state)
    label_calls = [c for c in calls if c[:2] == ["label", "create"]]
    first_issue_call = next(i for i, c in enumerate(calls) if c[:2] == ["issue", "create"])
    assert all(calls.index(c) < first_issue_call for c in label_calls)  # labels first
    assert [c[3] for c in label_calls] == [ALL_LABEL] + [i.label for i in issues]
    assert all("--force" in c for c in label_calls)
    created = [c for c in calls if c[:2] == ["issue", "create"]]
    assert len(created) == len(issues)
    for call, issue in zip(created, issues):
        title = next(a.split("=", 1)[1] for a in call if a.startswith("--title="))
        body = next(a.split("=", 1)[1] for a in call if a.startswith("--body="))
        shown = issue.title.replace("\x07", "\\x07").replace("\x1b", "\\x1b").replace("\t", "\\x09")
        assert title == shown
        assert body == issue.body.replace("\x07", "\\x07").replace("\x1b", "\\x1b").replace("\t", "\\x09")
        assert body.endswith(f"roadmap-gen: {issue.id}")
        assert f"--label={issue.label}" in call and f"--label={ALL_LABEL}" in call
    assert len(issues[-1].label) == 50
    assert not list(tmp_path.rglob("pwned*"))  # nothing in a title or body ran
    # Run twice: every issue exists, none is made again.
    again = _run_script(script, state)
    assert again.returncode == 0, again.stderr
    assert len([c for c in _calls(state) if c[:2] == ["issue", "create"]]) == len(issues)
    assert again.stdout.count("exists already") == len(issues)


def test_the_github_script_stops_when_gh_cannot_list_issues(tmp_path: Path) -> None:
    """Offline or logged out, 'does the issue exist?' has no answer: the script stops rather than make
    an issue that may exist already."""
    script = tmp_path / "make-issues.sh"
    script.write_text(github_script([_issue(1, "One"), _issue(2, "Two")]), "utf-8")
    state = tmp_path / "state"
    state.mkdir()
    done = _run_script(script, state, offline=True)
    assert done.returncode == 1 and "no issue is made twice" in done.stderr
    assert not [c for c in _calls(state) if c[:2] == ["issue", "create"]]


def test_titles_are_one_line_and_fit_every_tracker(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    org = project / "content" / "organisation.yaml"
    long_title = "Monthly IT floor walks " + "and more words " * 30
    org.write_text(org.read_text("utf-8").replace(
        "title: Monthly IT floor walks on every ward, with issues logged on the spot",
        f"title: \"{long_title}\\nsecond line\""), "utf-8")
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None, [d.format() for d in planned.diagnostics]
    issue = next(i for i in plan_issues(planned.project, planned.plan) if i.id == "ward-floor-walks")
    assert len(issue.title) == 255 and issue.title.endswith("\u2026") and "\n" not in issue.title


def test_the_github_script_stops_without_gh(tmp_path: Path) -> None:
    script = tmp_path / "make-issues.sh"
    script.write_text(github_script([_issue(1, "One")]), "utf-8")
    state = tmp_path / "state"
    state.mkdir()
    done = _run_script(script, state, with_gh=False)
    assert done.returncode == 1 and "GitHub CLI (gh) is not installed" in done.stderr
    assert _calls(state) == []


def test_the_github_script_reads_as_what_it_does(example_issues: tuple[Issue, ...]) -> None:
    """Read before it is run: comments say what it does, every command line is a gh call, a test or a
    message, and no terminal control hides a line."""
    script = github_script([*example_issues, _issue(1, HOSTILE_TITLES[-1])])
    assert script.startswith("#!/bin/sh\n# ")
    assert "\x1b" not in script and "\x07" not in script
    assert "set -eu" in script and "gh label create --force" in script
    head = script.split("set -eu", 1)[0]
    assert all(line.startswith("#") for line in head.splitlines())


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_the_example_script_runs_against_the_stand_in(tmp_path: Path) -> None:
    script = tmp_path / "github.sh"
    shutil.copy(GOLDEN / "github.sh", script)
    state = tmp_path / "state"
    state.mkdir()
    done = _run_script(script, state)
    assert done.returncode == 0, done.stderr
    created = [c for c in _calls(state) if c[:2] == ["issue", "create"]]
    assert len(created) == (GOLDEN / "jira.csv").read_text("utf-8").count(",Task,roadmap-gen,")
    assert os.path.exists(state / "made.json")
