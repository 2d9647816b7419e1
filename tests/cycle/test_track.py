"""`roadmap-gen track FILE`: statuses back from Jira, GitLab and GitHub into `initiatives`, every comment kept.

Round trips go through the real CLI: export, a tracker's export made from it with states changed,
track, then the statuses are as expected and nothing else in organisation.yaml changed.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_process import run_cli
from example_project import copy_example
from roadmap_gen.commands.track import decide, edit_initiatives, edit_statuses, status_of, track, yaml_text
from roadmap_gen.commands.tracker_read import read_tracker
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError
from roadmap_gen.load.project import load_project
from roadmap_gen.model import TrackerStates
from roadmap_gen.pages import render_site
from roadmap_gen.pipeline import plan_project
from roadmap_gen.spec.yamlread import load_text, to_python
from roadmap_gen.workspace.workspace import Workspace

ORG = "content/organisation.yaml"


def _project(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


def _statuses(project: Path) -> dict[str, str]:
    loaded = load_project(project)
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics if d.severity == "error"]
    return {i.id: i.status for i in loaded.project.organisation.initiatives}


def _issues(project: Path) -> dict[str, str]:
    loaded = load_project(project)
    assert loaded.project is not None
    return {i.id: i.issue for i in loaded.project.organisation.initiatives if i.issue is not None}


def _export_rows(project: Path, fmt: str) -> list[list[str]]:
    done = run_cli("--project", str(project), "export", "--format", fmt)
    assert done.returncode == 0, done.stderr
    return list(csv.reader(io.StringIO(done.stdout)))


def _jira_export(rows: list[list[str]], states: dict[int, str]) -> bytes:
    """What Jira's 'Export CSV (all fields)' writes for the imported issues: its own column names, a
    Labels column per label, quoted multi-line descriptions, CRLF, a byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out)  # CRLF, as Jira writes
    writer.writerow(["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Priority",
                     "Assignee", "Labels", "Labels", "Labels", "Description", "Due date"])
    for n, row in enumerate(rows[1:]):
        summary, description, _, label_all, label_item, due, assignee = row
        writer.writerow([summary, f"NW-{n + 1}", str(10000 + n), "Task", states.get(n, "To Do"), "NW", "Medium",
                         assignee, "ward", label_all, label_item, description.replace("\n", "\r\n"), due])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _only_statuses_changed(before: str, after: str, changed: set[str]) -> None:
    """Every line of *before* is in *after* as it was, except the entries of *changed*; what was added
    is entries of *changed* (their status and issue key); every comment is kept byte for byte."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    gone = [line for tag, a, b, _, _ in opcodes if tag != "equal" for line in old[a:b]]
    added = [line for tag, _, _, c, d in opcodes if tag != "equal" for line in new[c:d]]
    ours = ("status:", "issue:")

    def bare(line: str) -> str:  # the line without the status and issue key track may set in it
        return re.sub(r"status: [a-z-]+", "status: ?", re.sub(r",? ?issue: [A-Z]+-[0-9]+", "", line))

    # A line that changed is the same line with a status or an issue key set in it.
    assert sorted(bare(line) for line in gone) == sorted(bare(line) for line in added
                                                         if bare(line) in map(bare, gone)), gone
    assert all(bare(line) in map(bare, gone) or line.strip().split(":")[0] in changed
               or line.strip().startswith(ours) for line in added), added
    comments = [line for line in old if line.lstrip().startswith("#")]
    assert comments == [line for line in new if line.lstrip().startswith("#")]


def test_jira_round_trip_through_the_cli(tmp_path: Path) -> None:
    project = _project(tmp_path)
    org = project / ORG
    before_text = org.read_text("utf-8")
    before = _statuses(project)
    rows = _export_rows(project, "jira-csv")
    ids = [row[4][3:] for row in rows[1:]]
    states = {0: "Done", 1: "in progress", 2: "RESOLVED", 3: "In Review", 4: "Closed", 5: "Backlog", 6: "To Do"}
    export = tmp_path / "jira.csv"
    export.write_bytes(_jira_export(rows, states))
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    after = _statuses(project)
    expected = {ids[0]: "done", ids[1]: "in-progress", ids[2]: "done", ids[3]: "in-progress", ids[4]: "done"}
    for ident, status in expected.items():
        assert after[ident] == status, ident
        assert f"{ident}: " in done.stderr
    # Items whose issue is in no mapped state keep their status; every issue's key is recorded beside it.
    assert {k: v for k, v in after.items() if k not in expected} == \
        {k: before.get(k, "planned") for k in after if k not in expected}
    assert after[ids[5]] == before.get(ids[5], "planned")
    assert _issues(project) == {ident: f"NW-{n + 1}" for n, ident in enumerate(ids)}
    changed = {i for i in expected if before.get(i) != expected[i]}
    assert f"{len(changed)} status(es) and {len(ids)} issue key(s) changed" in done.stderr
    assert f"{ids[5]}: issue NW-6 recorded (stays planned; 'Backlog' at" in done.stderr
    _only_statuses_changed(before_text, org.read_text("utf-8"), set(ids))
    # Run again: nothing to change, the file stays byte for byte.
    settled = org.read_bytes()
    again = run_cli("--project", str(project), "track", str(export))
    assert again.returncode == 0 and "0 status(es)" in again.stderr
    assert org.read_bytes() == settled
    # A second export names the items still planned with the same labels as the first.
    second = _export_rows(project, "jira-csv")
    first_labels = {row[0]: row[4] for row in rows[1:]}
    assert all(first_labels.get(row[0], row[4]) == row[4] for row in second[1:])
    assert not {row[4][3:] for row in second[1:]} & {i for i, s in expected.items() if s == "done"}
    assert run_cli("--project", str(project), "validate").returncode == 0


def test_gitlab_round_trip(tmp_path: Path) -> None:
    project = _project(tmp_path)
    rows = _export_rows(project, "gitlab-csv")
    ids = [row[1].splitlines()[-1].split(": ")[1] for row in rows[1:]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Title", "Description", "Issue ID", "IID", "URL", "State", "Author", "Labels", "Due Date"])
    for n, (title, description) in enumerate(rows[1:]):
        writer.writerow([title, description, str(900 + n), str(n + 1), f"https://gitlab.example/g/p/-/issues/{n + 1}",
                         "Closed" if n < 3 else "Open", "dana", "roadmap,ward", ""])
    export = tmp_path / "issues.csv"
    export.write_text(out.getvalue().replace("\n", "\r\n"), "utf-8", newline="")  # CRLF inside cells too
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    after = _statuses(project)
    assert all(after[i] == "done" for i in ids[:3])
    assert "#1, 'Closed'" in done.stderr and "(gitlab)" in done.stderr
    assert _issues(project) == {ident: f"#{n + 1}" for n, ident in enumerate(ids)}  # the IID, not the global id


def test_github_round_trip_and_dry_run(tmp_path: Path) -> None:
    project = _project(tmp_path)
    org = project / ORG
    rows = _export_rows(project, "jira-csv")  # the same labels as the gh script makes
    issues = [{"number": n + 1, "title": row[0], "state": "CLOSED" if n % 2 == 0 else "OPEN",
               "labels": [{"id": "L1", "name": "roadmap-gen", "description": "", "color": "5319e7"},
                          {"id": f"L{n}", "name": row[4], "description": "", "color": "ededed"}]}
              for n, row in enumerate(rows[1:6])]
    export = tmp_path / "issues.json"
    export.write_text(json.dumps(issues, indent=2), "utf-8")
    before = org.read_bytes()
    dry = run_cli("--project", str(project), "track", str(export), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would set" in dry.stderr and "nothing written" in dry.stderr
    assert org.read_bytes() == before
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    after = _statuses(project)
    assert [after.get(row[4][3:]) for row in rows[1:6:2]] == ["done"] * 3
    assert "#1, 'CLOSED'" in done.stderr


def test_reopened_and_unknown_are_warnings_and_the_rest_applies(tmp_path: Path) -> None:
    project = _project(tmp_path)
    before = _statuses(project)
    done_item = next(i for i, s in before.items() if s == "done")
    rows = _export_rows(project, "jira-csv")
    planned_item = rows[1][4][3:]
    body = ("Summary,Status,Labels,Labels,Issue key\n"
            f"Old,Reopened,roadmap-gen,rg-{done_item},NW-1\n"
            "Gone,Done,roadmap-gen,rg-no-such-item,NW-2\n"
            f"Next,Done,roadmap-gen,rg-{planned_item},NW-3\n")
    export = tmp_path / "jira.csv"
    export.write_text(body, "utf-8")
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    assert f"{export}:2:1: warning: [track-reopened]" in done.stderr
    assert f"{export}:3:1: warning: [track-unknown-id]" in done.stderr and "no-such-item" in done.stderr
    after = _statuses(project)
    assert after[done_item] == "done" and after[planned_item] == "done"


BROKEN: dict[str, tuple[bytes, str]] = {
    "not-utf8": (b"Summary,Status,Labels\nCaf\xe9,Done,rg-x\n", ":2:4: error: [tracker-file]"),
    "utf16": ("Summary,Status\n".encode("utf-16"), ":1:1: error: [tracker-file]"),
    "empty": (b"", ":1:1: error: [tracker-file]"),
    "no-header": (b"write-decision-rights,Done\n", ":1:1: error: [tracker-file]"),
    "status-but-no-labels": (b"Summary,Status\nx,Done\n", ":1:1: error: [tracker-file]"),
    "json-broken": (b'[{"number": 1, "state": "CLOSED",', ":1:34: error: [tracker-file]"),
    "json-not-a-list": (b'{"number": 1}', ":1:1: error: [tracker-file]"),
    "json-deep": (b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]", ":1:2: error: [tracker-file]"),
    "json-trailing": (b"[]\n[]", ":2:1: error: [tracker-file]"),
    "csv-nul": (b"Summary,Status,Labels\n\"a\x00b,Done,rg-x\n", "error: [tracker-file]"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_are_located_errors_and_change_nothing(tmp_path: Path, case: str) -> None:
    project = _project(tmp_path)
    org = project / ORG
    before = org.read_bytes()
    data, where = BROKEN[case]
    export = tmp_path / f"{case}.csv"
    export.write_bytes(data)
    done = run_cli("--project", str(project), "track", str(export))
    assert "Traceback" not in done.stderr
    if case == "csv-nul" and done.returncode == 0:
        pass  # Python's csv reads a NUL as text: then it is only an unknown id
    else:
        assert done.returncode == 1, done.stderr
        assert f"{export}{where}" in done.stderr if where.startswith(":") else where in done.stderr
    assert org.read_bytes() == before


def test_hostile_but_readable_rows_change_nothing_they_should_not(tmp_path: Path) -> None:
    project = _project(tmp_path)
    org = project / ORG
    before = org.read_bytes()
    item = _export_rows(project, "jira-csv")[1][4]
    rows = [["Summary", "Status", "Labels", "Issue key"],
            ["Formula", "=HYPERLINK(\"http://evil.example\")", item, "=cmd|' /C calc'!A0"],
            ["Escape", "Done\x1b[2K", item, "NW-\x1b[31m"],
            ["Path", "Done", "rg-../../etc/passwd", "NW-3"],
            ["Yaml", "Done", "rg-x: {status: done}\n", "NW-4"]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    export = tmp_path / "hostile.csv"
    export.write_text(out.getvalue(), "utf-8")
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert org.read_bytes() == before  # no state above maps to a status; unknown ids are warnings
    assert f"{export}:2:1: warning: [tracker-row] the state '=HYPERLINK" in done.stderr
    assert f"{export}:3:1: warning: [tracker-row]" in done.stderr
    assert done.stderr.count("[track-unknown-id]") == 2


def test_a_huge_file_is_refused_before_it_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    before = (project / ORG).read_bytes()
    monkeypatch.setattr("roadmap_gen.commands.tracker_read.MAX_TRACKER_BYTES", 1000)
    export = tmp_path / "huge.csv"
    export.write_bytes(b"Summary,Status,Labels\n" + b"x,Done,rg-x\n" * 1000)
    with pytest.raises(InputError) as refused:
        track(Workspace(project), export)
    assert [d.check for d in refused.value.diagnostics] == ["tracker-file"]
    assert "larger than the 1,000 bytes" in refused.value.diagnostics[0].message
    assert (project / ORG).read_bytes() == before


def test_a_pipe_is_not_waited_on(tmp_path: Path) -> None:
    project = _project(tmp_path)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    done = run_cli("--project", str(project), "track", str(fifo), timeout=60)
    assert done.returncode == 1 and "not a regular file" in done.stderr


def test_a_link_is_refused_and_nothing_it_points_at_is_quoted(tmp_path: Path) -> None:
    """A tracker file that is a link (one put in a repository, pointing at a secret) is not read: its
    first line would be quoted in the error on a CI log."""
    project = _project(tmp_path)
    secret = tmp_path / "environ"
    secret.write_text("TOKEN=hunter2,Status\n", encoding="utf-8")
    link = project / "issues.csv"
    link.symlink_to(secret)
    before = (project / ORG).read_bytes()
    done = run_cli("--project", str(project), "track", str(link), timeout=60)
    assert done.returncode == 1 and "is a symbolic link" in done.stderr and "hunter2" not in done.stderr
    assert (project / ORG).read_bytes() == before


def test_states_map_without_regard_to_case() -> None:
    assert [status_of(s) for s in ("Done", "CLOSED", "resolved", "closed", " In  Progress ", "IN REVIEW")] == \
        ["done", "done", "done", "done", "in-progress", "in-progress"]
    assert [status_of(s) for s in ("Open", "To Do", "Reopened", "Backlog", "=1+1", "")] == [None] * 6


# --- the edit itself ------------------------------------------------------------------------------

BASE = """\
# top comment
organisation: {name: Acme, sponsor: ann}   # trailing
initiatives:
  # a comment inside
  a-one: {status: planned, owner: ann}   # keep me
  b-two: {phase: 2027-Q1}
  c-three:
    title: Own work
    status: 'planned'   # quoted
  d-four:
    title: Block without status
    effort: 2
  e-five:
  # after the last entry
people:
  ann: {name: Ann}
"""


def _check(text: str, statuses: dict[str, str]) -> str:
    out = edit_statuses(text, "org.yaml", statuses)
    data = to_python(load_text(out, "org.yaml").root)
    assert isinstance(data, dict)
    for ident, status in statuses.items():
        assert data["initiatives"][ident]["status"] == status
    return out


def test_each_shape_of_entry_is_edited_in_place() -> None:
    out = _check(BASE, {"a-one": "done", "b-two": "in-progress", "c-three": "done", "d-four": "done",
                        "e-five": "done", "f-six": "in-progress"})
    assert "  a-one: {status: done, owner: ann}   # keep me\n" in out
    assert "  b-two: {phase: 2027-Q1, status: in-progress}\n" in out
    assert "    status: 'done'   # quoted\n" in out
    assert "    effort: 2\n    status: done\n" in out
    assert "  e-five: {status: done}\n  f-six: {status: in-progress}\n  # after the last entry\n" in out
    assert out.count("#") == BASE.count("#")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_breaks_are_kept_exactly(newline: str) -> None:
    text = BASE.replace("\n", newline)
    out = _check(text, {"a-one": "done", "f-six": "done"})
    assert out.replace("a-one: {status: done", "a-one: {status: planned").replace(
        f"  f-six: {{status: done}}{newline}", "") == text


def test_other_line_breaks_in_comments_are_kept() -> None:
    text = BASE.replace("# a comment inside", "# a comment\u2028# with a line separator\x85  # and a NEL")
    out = _check(text, {"d-four": "done"})
    assert "\u2028" in out and "\x85" in out


def test_initiatives_made_or_filled_when_missing_or_empty() -> None:
    bare = "organisation: {name: Acme}\npeople:\n    ann: {name: Ann}"  # no final line break, indent 4
    out = _check(bare, {"x-one": "done"})
    assert out == bare + "\ninitiatives:\n    x-one: {status: done}\n"
    empty = "organisation: {name: Acme}\ninitiatives:   # none yet\npeople: {}\n"
    assert _check(empty, {"x-one": "done"}) == (
        "organisation: {name: Acme}\ninitiatives:   # none yet\n  x-one: {status: done}\npeople: {}\n")
    flow = "organisation: {name: Acme}\ninitiatives: {}\n"
    assert _check(flow, {"x-one": "done", "y-two": "in-progress"}) == (
        "organisation: {name: Acme}\ninitiatives: {x-one: {status: done}, y-two: {status: in-progress}}\n")
    null = "initiatives: ~\n"
    assert _check(null, {"x-one": "done"}) == "initiatives: {x-one: {status: done}}\n"


def test_a_byte_order_mark_and_a_block_scalar_last() -> None:
    text = "initiatives:\n  a-one:\n    notes: |\n      two\n      lines\npeople: {}\n"
    out = _check(text, {"z-last": "done"})
    assert out == "initiatives:\n  a-one:\n    notes: |\n      two\n      lines\n  z-last: {status: done}\npeople: {}\n"


@pytest.mark.parametrize("text", [
    "base: &b {status: planned}\ninitiatives:\n  a-one: *b\n",
    "initiatives: &i\n  a-one: {status: planned}\nagain: *i\n",
    "initiatives:\n  a-one:\n    status: &s planned\n",
    "initiatives:\n  a-one: [1, 2]\n",
    "initiatives:\n  - a-one\n",
])
def test_what_cannot_be_edited_exactly_is_refused(text: str) -> None:
    with pytest.raises(InputError) as refused:
        edit_statuses(text, "org.yaml", {"a-one": "done"})
    assert all(d.check == "track-edit" and d.line >= 1 for d in refused.value.diagnostics)


def test_closed_without_the_work_done_changes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    loaded = load_project(project)
    assert loaded.project is not None
    first, second = [i.id for i in loaded.project.organisation.initiatives if i.status == "planned"][:2]
    jira = (f"Summary,Status,Resolution,Labels\nA,Done,Won't Do,rg-{first}\nB,Done,Done,rg-{second}\n").encode()
    read = read_tracker(jira, "x.csv", {f"rg-{first}": first, f"rg-{second}": second})
    changes, diags = decide(loaded.project, read.issues)
    assert [(c.item, c.new) for c in changes] == [(second, "done")]
    assert [(d.check, d.line) for d in diags] == [("track-not-done", 2)]
    github = json.dumps([{"number": 7, "state": "CLOSED", "stateReason": "NOT_PLANNED",
                          "labels": [{"name": f"rg-{first}"}]}]).encode()
    changes, diags = decide(loaded.project, read_tracker(github, "x.json", {f"rg-{first}": first}).issues)
    # Its key is still recorded: the issue is the item's, whatever was decided about it.
    assert [(c.item, c.status_changed, c.key) for c in changes] == [(first, False, "#7")]
    assert "closed as 'not planned'" in diags[0].message


def test_the_furthest_issue_of_an_item_counts(tmp_path: Path) -> None:
    project = _project(tmp_path)
    loaded = load_project(project)
    assert loaded.project is not None
    item = next(i.id for i in loaded.project.organisation.initiatives if i.status == "planned")
    data = (f"Summary,Status,Labels\nA,Done,rg-{item}\nB,In Progress,rg-{item}\n").encode()
    read = read_tracker(data, "x.csv", {f"rg-{item}": item})
    changes, diags = decide(loaded.project, read.issues)
    assert [(c.item, c.new) for c in changes] == [(item, "done")]
    assert [d.check for d in diags] == ["track-duplicate"]


# --- kill safety -----------------------------------------------------------------------------------


def _planned_export(project: Path, tmp_path: Path) -> Path:
    item = _export_rows(project, "jira-csv")[1][4]
    export = tmp_path / "jira.csv"
    export.write_text(f"Summary,Status,Labels\nx,Done,{item}\n", "utf-8")
    return export


def test_a_kill_before_the_rename_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    org = project / ORG
    before = org.read_bytes()
    export = _planned_export(project, tmp_path)

    def killed(src: object, dst: object) -> None:
        raise KeyboardInterrupt("killed at the rename")

    monkeypatch.setattr("roadmap_gen.commands.track.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        track(Workspace(project), export)
    assert org.read_bytes() == before
    assert not [p for p in (project / "content").iterdir() if p.name.startswith(".")]


def test_a_failed_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    org = project / ORG
    before = org.read_bytes()
    export = _planned_export(project, tmp_path)

    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("roadmap_gen.commands.review.os.fsync", failing)
    with pytest.raises(OSError):
        track(Workspace(project), export)
    assert org.read_bytes() == before
    assert not [p for p in (project / "content").iterdir() if p.name.startswith(".")]


def test_a_leftover_of_a_killed_run_is_cleared_by_the_next(tmp_path: Path) -> None:
    """A kill after the hidden file is written and before the rename leaves it: every command still reads
    the old organisation.yaml, and the next track removes it."""
    project = _project(tmp_path)
    org = project / ORG
    leftover = project / "content" / ".organisation.yaml.track"
    leftover.write_text("half: [", "utf-8")
    assert load_project(project).project is not None
    export = _planned_export(project, tmp_path)
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert "status: done" in org.read_text("utf-8")


def test_a_project_with_errors_is_not_tracked(tmp_path: Path) -> None:
    project = _project(tmp_path)
    org = project / ORG
    export = _planned_export(project, tmp_path)
    org.write_text(org.read_text("utf-8").replace("initiatives:", "initiatives:\n  bad id: {}", 1), "utf-8")
    before = org.read_bytes()
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert org.read_bytes() == before


def test_a_linked_organisation_file_is_not_written_through(tmp_path: Path) -> None:
    project = _project(tmp_path)
    org = project / ORG
    export = _planned_export(project, tmp_path)
    real = tmp_path / "real.yaml"
    real.write_bytes(org.read_bytes())
    org.unlink()
    org.symlink_to(real)
    before = real.read_bytes()
    done = run_cli("--project", str(project), "track", str(export), "--trust")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "[track-unwritable]" in done.stderr
    assert real.read_bytes() == before and org.is_symlink()


# --- properties ------------------------------------------------------------------------------------
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDS = st.sampled_from(["a-one", "b-two", "c-three", "d-four", "e-five", "f-six", "g-seven"])


@PROPERTY
@given(st.dictionaries(IDS, st.sampled_from(["done", "in-progress"]), max_size=7),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_any_set_of_statuses_edits_exactly(statuses: dict[str, str], newline: str, final_break: bool) -> None:
    text = BASE.replace("\n", newline)
    if not final_break:
        text = text.rstrip("\r\n")
    out = _check(text, statuses)
    assert [line for line in out.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in text.splitlines() if line.lstrip().startswith("#")]
    if newline == "\r\n":
        assert out.count("\n") == out.count("\r\n")  # every line break added is the file's own
    else:
        assert "\r" not in out
    data = to_python(load_text(out, "x").root)
    before = to_python(load_text(text, "x").root)
    assert isinstance(data, dict) and isinstance(before, dict)
    assert {k: v for k, v in data.items() if k != "initiatives"} == {k: v for k, v in before.items()
                                                                      if k != "initiatives"}


@PROPERTY
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_read_as_issues_or_a_located_error(data: bytes) -> None:
    for prefix in (b"", b"Summary,Status,Labels\n", b"Title,State,Description\n", b"["):
        read = read_tracker(prefix + data, "x.csv", {"rg-a-one": "a-one"})
        assert all(d.file == "x.csv" and d.line >= 1 and d.col >= 1 for d in read.diagnostics)
        if read.failed:
            assert read.issues == ()


# --- the site and the health checks read what track wrote -------------------------------------------


def test_a_status_set_by_track_clears_stale_review(tmp_path: Path) -> None:
    project = _project(tmp_path)
    # The 2026-Q3 review's frozen plan put work in 2026-Q3 that is still planned at the 2026-Q4 review.
    frozen_path = project / "content/reviews/2026-Q3/roadmap.json"
    frozen = json.loads(frozen_path.read_text("utf-8"))
    item = next(i for i in frozen["phases"][1]["items"] if i["id"] == "involve-staff-in-design")
    frozen["phases"][1]["items"].remove(item)
    frozen["phases"].insert(0, {"period": "2026-Q3", "items": [item]})
    frozen_path.write_text(json.dumps(frozen, indent=2), "utf-8")

    def stale() -> list[str]:
        result = plan_project(project)
        assert result.plan is not None
        return [f.about for f in result.plan.findings if f.check == "stale-review"]

    assert stale() == ["involve-staff-in-design"]
    export = tmp_path / "jira.csv"
    export.write_text("Summary,Issue key,Status,Labels\nInvolve,NW-7,In Progress,rg-involve-staff-in-design\n", "utf-8")
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    assert "involve-staff-in-design: planned -> in-progress (NW-7, 'In Progress'" in done.stderr
    assert stale() == []
    assert _issues(project)["involve-staff-in-design"] == "NW-7"


def test_the_issue_key_is_shown_with_the_item_and_in_roadmap_json(tmp_path: Path) -> None:
    project = _project(tmp_path)
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": 41, "state": "OPEN", "labels": [{"name": "rg-observe-user-journeys"}]}]),
                      "utf-8")
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    assert '  observe-user-journeys: {issue: "#41"}\n' in (project / ORG).read_text("utf-8")
    result = plan_project(project)
    assert result.plan is not None and result.project is not None
    tree = render_site(project, result.project, result.plan, BuildInfo())
    phase = next(text for rel, data in tree.files.items() if rel.startswith("roadmap/20")
                 and "Observe" in (text := data.decode("utf-8")) and "issue &#35;41" in text)
    assert phase.count("issue &#35;41") == 1
    items = [i for p in json.loads(tree.files["downloads/roadmap.json"])["phases"] for i in p["items"]]
    assert [i.get("issue") for i in items if i["id"] == "observe-user-journeys"] == ["#41"]
    assert all("issue" not in i for i in items if i["id"] != "observe-user-journeys")


# --- a team's own states and issue keys ---------------------------------------------------------------


def test_a_teams_own_states_come_first_without_regard_to_case() -> None:
    states = TrackerStates(done=("Deployed", "Verified  by QA"), in_progress=("Resolved", "Doing"))
    assert [status_of(s, states) for s in ("deployed", " VERIFIED by qa", "Done", "resolved", "DOING", "In Review",
                                           "To Do")] == \
        ["done", "done", "done", "in-progress", "in-progress", "in-progress", None]


def test_a_state_named_both_done_and_in_progress_is_a_located_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "roadmap-gen.yaml").write_text("tracker:\n  done: [Deployed]\n  in_progress: [DEPLOYED, Doing]\n",
                                              "utf-8")
    export = _planned_export(project, tmp_path)
    before = (project / ORG).read_bytes()
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 1, done.stderr
    assert "roadmap-gen.yaml:3:16: error: [tracker-states]" in done.stderr and "'DEPLOYED'" in done.stderr
    assert (project / ORG).read_bytes() == before


def test_a_teams_own_state_moves_the_item(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "roadmap-gen.yaml").write_text("tracker:\n  done: [Deployed]\n  in_progress: [Resolved]\n", "utf-8")
    rows = _export_rows(project, "jira-csv")
    first, second = rows[1][4], rows[2][4]
    export = tmp_path / "jira.csv"
    export.write_text(f"Summary,Status,Labels\nA,deployed,{first}\nB,Resolved,{second}\n", "utf-8")
    done = run_cli("--project", str(project), "track", str(export))
    assert done.returncode == 0, done.stderr
    after = _statuses(project)
    assert after[first[3:]] == "done" and after[second[3:]] == "in-progress"


ISSUES = """\
initiatives:
  a-one: {status: planned, issue: NW-1}   # keep me
  b-two:
    issue: '#3'
  c-three:
    title: Own work
  d-four:
"""


def test_issue_keys_are_set_or_replaced_in_place() -> None:
    out = edit_initiatives(ISSUES, "org.yaml", {"a-one": {"status": "done", "issue": "NW-9"}, "b-two": {"issue": "#4"},
                                                "c-three": {"issue": "GL-2"}, "d-four": {"issue": "#5"},
                                                "e-five": {"status": "in-progress", "issue": "#6"}})
    assert out == """\
initiatives:
  a-one: {status: done, issue: NW-9}   # keep me
  b-two:
    issue: "#4"
  c-three:
    title: Own work
    issue: GL-2
  d-four: {issue: "#5"}
  e-five: {status: in-progress, issue: "#6"}
"""
    data = to_python(load_text(out, "org.yaml").root)
    assert isinstance(data, dict) and data["initiatives"]["b-two"] == {"issue": "#4"}


def test_only_sane_issue_keys_are_recorded(tmp_path: Path) -> None:
    project = _project(tmp_path)
    loaded = load_project(project)
    assert loaded.project is not None
    planned = [i.id for i in loaded.project.organisation.initiatives if i.status == "planned"][:3]
    data = ("Summary,Issue key,Status,Labels\n"
            f"A,=HYPERLINK(\"x\"),To Do,rg-{planned[0]}\nB,NW 12,To Do,rg-{planned[1]}\nC,true,To Do,rg-{planned[2]}\n")
    read = read_tracker(data.encode(), "x.csv", {f"rg-{i}": i for i in planned})
    changes, _ = decide(loaded.project, read.issues)
    assert [(c.item, c.key) for c in changes] == [(planned[2], "true")]
    assert yaml_text("true") == '"true"' and yaml_text("NW-12") == "NW-12" and yaml_text("#12") == '"#12"'
