"""`roadmap-gen validate` as users run it: a process of its own, real exit codes, real output."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_process import run_cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
ORG = "content/organisation.yaml"
LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning): \[[a-z0-9-]+\] .+")
SUMMARY = re.compile(r"^\d+ error\(s\), \d+ warning\(s\): (passed|failed)")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd or REPO, timeout=120)


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    org = root / ORG
    text = org.read_text(encoding="utf-8")
    text = text.replace("  phases: 4", "  phases: two").replace("    owner: dana-ruiz", "    owner: dana-ruis")
    org.write_text(text, encoding="utf-8")
    return root


def diagnostic_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not SUMMARY.match(line) and not line.startswith("note: ")]


def test_broken_project_exits_1_with_located_messages(broken_project):
    done = run("--project", str(broken_project), "validate")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = diagnostic_lines(done.stderr)
    for line in lines:
        assert LINE.match(line), line
        assert line.startswith(ORG + ":")  # FILE relative to the project
    lines = [line for line in lines if ": error: " in line]  # the health warnings that come beside them aside
    assert len(lines) == 2, done.stderr
    assert "[bad-type]" in lines[0] and "[unknown-id]" in lines[1]
    assert "did you mean 'dana-ruiz'?" in lines[1]
    assert SUMMARY.match(done.stderr.splitlines()[-1])
    assert done.stdout == ""


def test_project_option_after_the_command(broken_project):
    done = run("validate", "--project", str(broken_project))
    assert done.returncode == 1
    assert all(LINE.match(line) for line in diagnostic_lines(done.stderr))


def test_run_from_inside_the_project_folder(broken_project):
    env_cwd = broken_project
    done = run("validate", cwd=env_cwd)
    assert done.returncode == 1
    assert diagnostic_lines(done.stderr)[0].startswith(ORG + ":14:")


def test_json_format(broken_project):
    done = run("--project", str(broken_project), "validate", "--format", "json")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)
    assert isinstance(findings, list)
    findings = [item for item in findings if item["severity"] == "error"]
    assert len(findings) == 2
    for item in findings:
        assert {"check", "severity", "file", "line", "col", "message"} <= set(item)
        assert item["file"] == ORG
        assert isinstance(item["line"], int) and item["line"] >= 1 and item["col"] >= 1
    assert [f["check"] for f in findings] == ["bad-type", "unknown-id"]


def test_hostile_yaml_gives_a_message_not_a_traceback(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / ORG).write_text('organisation: !!python/object/apply:os.system ["touch %s"]\n'
                            % (tmp_path / "pwned"), encoding="utf-8")
    done = run("--project", str(root), "validate")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert LINE.match(diagnostic_lines(done.stderr)[0])
    assert "[yaml-tag]" in done.stderr
    assert not (tmp_path / "pwned").exists()


def test_not_utf8_gives_a_message_not_a_traceback(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / ORG).write_bytes(b"organisation:\n  name: caf\xe9\n")
    done = run("--project", str(root), "validate")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert diagnostic_lines(done.stderr) == [
        f"{ORG}:2:12: error: [not-utf8] byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"]


def test_missing_organisation_exits_1(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / ORG).unlink()
    done = run("--project", str(root), "validate")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = diagnostic_lines(done.stderr)
    assert lines and LINE.match(lines[0])
    assert lines[0].startswith(f"{ORG}:1:1: error: [missing-file]")


def test_missing_organisation_json(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / ORG).unlink()
    done = run("--project", str(root), "validate", "--format", "json")
    assert done.returncode == 1
    assert [f["check"] for f in json.loads(done.stdout)] == ["missing-file"]


@pytest.mark.parametrize("args", [
    ("frobnicate",),
    ("validate", "--format", "xml"),
    ("validate", "--no-such-option"),
    (),
])
def test_usage_errors_exit_2(args, tmp_path):
    done = run("--project", str(FIXTURE), *args)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert "usage:" in done.stderr


def test_valid_fixture_passes(tmp_path):
    """The one test here that reaches the planner: the minimal project is valid end to end."""
    done = run("--project", str(FIXTURE), "validate")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert all(LINE.match(line) for line in diagnostic_lines(done.stderr))
    assert re.search(r"^0 error\(s\)", done.stderr, re.M)


# --- errors and health warnings in one run ------------------------------------------------------


HEALTH = re.compile(r"^content/organisation\.yaml:\d+:\d+: warning: \[[a-z-]+\]", re.M)


@pytest.mark.parametrize("file, text", [
    ("roadmap-gen.yaml", "engine: nope\n"),
    ("content/pages/about.md", "---\n- front matter that is no map\n---\n# About\n"),
    ("mkdocs.yml", "- not a map\n"),
])
def test_an_error_the_plan_never_reads_comes_with_the_health_warnings(tmp_path, file, text):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / file).parent.mkdir(parents=True, exist_ok=True)
    (root / file).write_text(text, encoding="utf-8")
    done = run("--project", str(root), "validate")
    assert done.returncode == 1, done.stderr  # the error still fails
    assert re.search(rf"^{re.escape(file)}:\d+:\d+: error: ", done.stderr, re.M), done.stderr
    assert len(HEALTH.findall(done.stderr)) == 5, done.stderr  # the fixture's five, as when it is clean
    summary = done.stderr.splitlines()[-1]
    assert summary.endswith("warning(s): failed") and " 5 warning(s)" in summary, summary
    assert done.stderr.splitlines()[-2].startswith("note: some health checks wait until the errors are fixed")
    site = tmp_path / "site"
    built = run("--project", str(root), "build", "--site-dir", str(site))
    assert built.returncode == 1 and not site.exists()  # never built from what loaded
    assert HEALTH.search(built.stderr)


def test_an_error_outside_every_entry_holds_the_health_checks_back(broken_project):
    """An unknown key among the settings (which setting did it mean?), an unknown key at a snapshot's top
    could change what they find: none is reported (errors inside one entry or setting:
    tests/test_partial_checks.py)."""
    org = broken_project / ORG
    org.write_text(org.read_text("utf-8").replace("  phases: two", "  phase: 4"), "utf-8")
    done = run("--project", str(broken_project), "validate")
    assert done.returncode == 1
    assert not HEALTH.search(done.stderr) and "warning:" not in done.stderr
    assert "note: the health checks wait until the errors are fixed" in done.stderr  # not "0 warnings" alone
    root = broken_project.parent / "snapshot-broken"
    shutil.copytree(FIXTURE, root)
    snapshot = root / "content" / "reviews" / "2026-Q3" / "organisation.yaml"
    snapshot.write_text(snapshot.read_text("utf-8") + "\nunknown_field: 1\n", "utf-8")
    done = run("--project", str(root), "validate")
    assert done.returncode == 1 and "error:" in done.stderr and "warning:" not in done.stderr, done.stderr


def _findings(root: Path) -> set[tuple[str, str, int, str]]:
    from roadmap_gen.pipeline import plan_project
    return {(d.check, d.file, d.line, d.message) for d in plan_project(root).diagnostics}


@pytest.mark.parametrize("team", ["applications", "infrastructure", "service-desk"])
def test_a_team_left_out_only_takes_findings_away(tmp_path, team):
    """With a team file broken, the health checks run on the rest: every finding they report is one the
    project gives with the team fixed; only that team's own, and those of checks that look at every team
    or every finding at once, may be missing."""
    from example_project import copy_example
    root = copy_example(tmp_path / "p")
    clean = _findings(root)
    assert clean and not any(c[0] == "bad-type" for c in clean)
    path = root / "content" / "teams" / f"{team}.yaml"
    path.write_text(path.read_text("utf-8").replace("team:", "team: [broken\n", 1), "utf-8")
    broken = _findings(root)
    errors = {f for f in broken if f[1] == f"content/teams/{team}.yaml"}
    assert errors and all(f not in clean for f in errors)
    assert broken - errors <= clean, sorted(broken - errors - clean)
    assert any(f[1] == "content/organisation.yaml" for f in broken - errors)  # the warnings do come


def test_which_files_can_be_left_out():
    from roadmap_gen.load.project import can_leave_out
    assert all(map(can_leave_out, ("content/pages/a.md", "site_config/x.css", "mkdocs.yml", "roadmap-gen.yaml",
                                   "content/teams/a.yaml")))
    assert not any(map(can_leave_out, ("content/organisation.yaml", "content/catalogue/c.yaml",
                                       "content/reviews/2026-Q3/organisation.yaml",
                                       "content/reviews/2026-Q3/teams/a.yaml", "content/reviews/2026-Q3/roadmap.json",
                                       "content/pages", "content/.review-journal.json", "(packaged catalogue)/x.yaml")))


def test_checks_that_look_at_the_whole_are_not_reported_from_a_partial_load():
    from roadmap_gen.plan.checks import reported_from_partial
    assert not reported_from_partial("unsupported-level") and not reported_from_partial("unused-waiver")
    assert reported_from_partial("vague-goal") and reported_from_partial("bad-type")
