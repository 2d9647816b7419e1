"""CI formats: GitHub workflow commands, the GitLab Code Quality report, and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_process import run_cli
from roadmap_gen.commands.init import init_project
from roadmap_gen.core.diagnostics import Diagnostic, Loc, WaiverNote, error, warning
from roadmap_gen.core.report_formats import github_commands, github_line, gitlab_report, sarif_log
from roadmap_gen.plan.checks import CHECKS
from roadmap_gen.spec.yamlread import load_text, to_python

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
COMMAND = re.compile(r"^::(?P<severity>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_command(line: str) -> dict[str, str]:
    """A workflow command as GitHub reads it: the command, its properties and its message."""
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m["props"].split(","))
    return {"severity": m["severity"], **{k: unescape_property(v) for k, v in props.items()},
            "message": unescape_data(m["message"])}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "repo" / "roadmap"
    shutil.copytree(FIXTURE, root)
    org = root / "content" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("  phases: 4", "  phases: two")
                   .replace("    owner: dana-ruiz", "    owner: dana-ruis"), encoding="utf-8")
    return root


def test_a_github_line_round_trips():
    d = Diagnostic(Loc("content/pages/a,b:c%.md", 12, 3), "warning", "vague-goal",
                   "50% better:\r\nsoon, maybe", "add a number, e.g. 60%")
    line = github_line(d)
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::warning file=content/pages/a%2Cb%3Ac%25.md,line=12,col=3,title=[vague-goal]::")
    assert parse_command(line) == {"severity": "warning", "file": "content/pages/a,b:c%.md", "line": "12",
                                   "col": "3", "title": "[vague-goal]",
                                   "message": "50% better:\r\nsoon, maybe (add a number, e.g. 60%)"}


# Any text but control characters other than CR and LF (those are made visible: see below).
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\r\n"), max_size=40)


@given(file=_TEXT.filter(bool), message=_TEXT, check=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
       line=st.integers(1, 10**6), col=st.integers(1, 10**4), severity=st.sampled_from(["error", "warning", "notice"]))
def test_any_finding_round_trips(file, message, check, line, col, severity):
    d = Diagnostic(Loc(file, line, col), severity, check, message)
    out = github_commands([d])
    # The runner reads its output line by line, splitting at CR and LF only.
    assert out.endswith("\n") and "\r" not in out
    (text,) = out[:-1].split("\n")
    parsed = parse_command(text)
    assert parsed == {"severity": severity, "file": file, "line": str(line), "col": str(col),
                      "title": f"[{check}]", "message": message}


def test_other_control_characters_reach_the_log_only_as_visible_text():
    line = github_line(error(Loc("content/pages/a\x1b.md", 1, 1), "x", "red \x1b[31mtext\x07\tend\x85"))
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in line)
    assert parse_command(line)["message"] == "red \\x1b[31mtext\\x07\\x09end\\x85"
    assert parse_command(line)["file"] == "content/pages/a\\x1b.md"


def test_a_position_of_zero_is_left_out():
    assert github_line(error(Loc("mkdocs.yml", 0, 0), "x", "m")) == "::error file=mkdocs.yml,title=[x]::m"


def test_the_cli_annotates_with_paths_from_the_repository_root(broken):
    done = cli("validate", "--project", "roadmap", "--format", "github", cwd=broken.parent)
    assert done.returncode == 1
    commands = [parse_command(line) for line in done.stdout.splitlines()]
    assert [(c["severity"], c["file"], c["title"]) for c in commands] == [
        ("error", "roadmap/content/organisation.yaml", "[bad-type]"),
        ("error", "roadmap/content/organisation.yaml", "[unknown-id]"),
        ("warning", "roadmap/content/organisation.yaml", "[unevidenced-rise]")]  # beside the errors: same run
    assert all(int(c["line"]) > 0 and int(c["col"]) > 0 for c in commands)
    assert "did you mean 'dana-ruiz'?" in commands[1]["message"]
    assert "2 error(s)" in done.stderr


def test_the_gitlab_report_has_the_required_fields(broken):
    done = cli("validate", "--format", "gitlab", cwd=broken)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert len(report) == 3  # two errors, and the warning that comes beside them
    for issue in report:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["severity"] == ("minor" if issue["check_name"] == "unevidenced-rise" else "major")
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["location"]["path"] == "content/organisation.yaml"
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in report}) == 3
    assert "content/organisation.yaml:" in done.stderr  # the job's log still shows the findings
    again = json.loads(cli("validate", "--format", "gitlab", cwd=broken).stdout)
    assert again == report


def test_gitlab_fingerprints_survive_moved_lines_and_tell_twins_apart():
    a = warning(Loc("content/organisation.yaml", 10, 3), "vague-goal", "the goal is vague")
    moved = warning(Loc("content/organisation.yaml", 14, 3), "vague-goal", "the goal is vague")
    twin = warning(Loc("content/organisation.yaml", 30, 3), "vague-goal", "the goal is vague")
    other = warning(Loc("content/organisation.yaml", 10, 3), "loose-target", "the goal is vague")
    (first,) = gitlab_report([a])
    assert [first["fingerprint"]] == [i["fingerprint"] for i in gitlab_report([moved])]
    pair = gitlab_report([a, twin])
    assert pair[0]["fingerprint"] == first["fingerprint"] and pair[1]["fingerprint"] != first["fingerprint"]
    assert gitlab_report([other])[0]["fingerprint"] != first["fingerprint"]
    assert gitlab_report([a], prefix="roadmap")[0]["location"]["path"] == "roadmap/content/organisation.yaml"
    assert gitlab_report([a])[0]["severity"] == "minor"


# --- SARIF ---------------------------------------------------------------------------------

_SARIF_LEVELS = {"none", "note", "warning", "error"}


def assert_sarif_2_1_0(log: dict) -> None:
    """The SARIF 2.1.0 schema's required fields and value ranges, for what the tool writes (no network)."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert isinstance(driver["name"], str) and driver["name"]
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)
    for rule in rules:
        assert rule["defaultConfiguration"]["level"] in _SARIF_LEVELS
        for key in ("shortDescription", "fullDescription", "help"):
            assert key not in rule or isinstance(rule[key]["text"], str)
    for result in run["results"]:
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        assert result["level"] in _SARIF_LEVELS
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert isinstance(uri, str) and not uri.startswith("/")
            region = physical.get("region", {})
            assert region.get("startLine", 1) >= 1 and region.get("startColumn", 1) >= 1
        for suppression in result.get("suppressions", []):
            assert suppression["kind"] in {"inSource", "external"}


def test_the_sarif_log_has_the_required_fields_and_paths_from_the_repository_root(broken):
    done = cli("validate", "--project", "roadmap", "--format", "sarif", cwd=broken.parent)
    assert done.returncode == 1
    log = json.loads(done.stdout)
    assert_sarif_2_1_0(log)
    (run,) = log["runs"]
    assert set(CHECKS) <= {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("bad-type", "error"), ("unknown-id", "error"),
                                                                   ("unevidenced-rise", "warning")]
    for result in run["results"]:
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "roadmap/content/organisation.yaml"
        assert location["physicalLocation"]["region"]["startLine"] > 1
    assert "did you mean 'dana-ruiz'?" in run["results"][1]["message"]["text"]
    assert "2 error(s)" in done.stderr  # the job's log still shows the findings
    assert cli("validate", "--project", "roadmap", "--format", "sarif", cwd=broken.parent).stdout == done.stdout


def test_sarif_levels_rules_waivers_and_places_that_are_no_file():
    goal = warning(Loc("content/organisation.yaml", 10, 3), "vague-goal", "the goal is vague", "add a number")
    waived = Diagnostic(Loc("content/organisation.yaml", 20, 0), "warning", "loose-target", "held flat",
                        waiver=WaiverNote("the move", "Alex Morgan", "2027-Q2"))
    packaged = error(Loc("(packaged catalogue)/factors.yaml", 3, 1), "catalogue-new", "something new")
    log = sarif_log([packaged, waived, goal], [c.info for c in CHECKS.values()], "9.9.9", prefix="roadmap")
    assert_sarif_2_1_0(log)
    (run,) = log["runs"]
    assert run["tool"]["driver"]["version"] == "9.9.9"
    rules = run["tool"]["driver"]["rules"]
    vague = next(rule for rule in rules if rule["id"] == "vague-goal")
    assert vague["name"] == CHECKS["vague-goal"].info.title and vague["help"]["text"] == CHECKS["vague-goal"].info.action
    assert rules[-1] == {"id": "catalogue-new", "name": "catalogue-new", "defaultConfiguration": {"level": "error"}}
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert "locations" not in by_rule["catalogue-new"]  # a label, not a file of the repository
    assert by_rule["vague-goal"]["message"]["text"] == "the goal is vague (add a number)"
    assert by_rule["vague-goal"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 3}
    assert by_rule["loose-target"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 20}
    (suppression,) = by_rule["loose-target"]["suppressions"]
    assert suppression["kind"] == "external" and "Alex Morgan" in suppression["justification"]
    fingerprints = [r["partialFingerprints"]["roadmapGen/v1"] for r in run["results"]]
    assert fingerprints == [i["fingerprint"] for i in gitlab_report([packaged, waived, goal], "roadmap")]


# --- the pre-commit hook -------------------------------------------------------------------


def hook() -> dict:
    hooks = to_python(load_text((REPO / ".pre-commit-hooks.yaml").read_bytes(), ".pre-commit-hooks.yaml").root)
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_the_hook_is_declared_for_pre_commit():
    h = hook()
    assert h["id"] == "roadmap-gen-validate" and h["name"]
    assert h["language"] == "python" and h["pass_filenames"] is False
    assert shlex.split(h["entry"]) == ["roadmap-gen", "validate", "--strict"]  # not --full: CI runs that
    files = re.compile(h["files"])
    for path in ("content/organisation.yaml", "content/teams/a.yaml", "content/pages/x.md", "templates/home.md.j2",
                 "site_config/custom.css", "mkdocs.yml", "roadmap-gen.yaml"):
        assert files.search(path), path
    for path in ("site/index.html", "README.md", "docs/mkdocs.yml.md", "requirements.txt", "docs/roadmap-gen.yaml"):
        assert not files.search(path), path


def test_the_hook_entry_validates_a_project(tmp_path):
    project = tmp_path / "roadmap"
    init_project(project, today=date(2026, 11, 23))
    words = shlex.split(hook()["entry"])
    assert words[0] == "roadmap-gen"
    done = cli(*words[1:], cwd=project)  # as pre-commit runs it: in the repository's root, no file names
    assert done.returncode == 0, done.stderr
    org = project / "content" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("owner: jordan-lee", "owner: jordan-le", 1),
                   encoding="utf-8")
    done = cli(*words[1:], cwd=project)
    assert done.returncode == 1
    assert done.stderr.startswith("content/organisation.yaml:") and "[unknown-id]" in done.stderr


# --- notices ---------------------------------------------------------------------------------


def test_a_notice_is_each_formats_mildest_level_and_fails_nothing():
    from roadmap_gen.core.diagnostics import has_errors, notice
    stale = notice(Loc("schema/team.schema.json", 1, 1), "stale-schema", "out of date", "run 'roadmap-gen schema'")
    odd = notice(Loc("content/organisation.yaml", 2, 1), "some-notice", "a notice of no registered check")
    assert stale.format() == ("schema/team.schema.json:1:1: notice: [stale-schema] out of date "
                              "(run 'roadmap-gen schema')")
    assert not has_errors([stale], strict=True) and has_errors([stale, warning(stale.loc, "x", "y")], strict=True)
    assert github_line(stale).startswith("::notice file=schema/team.schema.json,line=1,col=1,")
    assert [issue["severity"] for issue in gitlab_report([stale])] == ["info"]
    log = sarif_log([stale, odd], [c.info for c in CHECKS.values()], "9.9.9")
    assert_sarif_2_1_0(log)
    (run,) = log["runs"]
    assert {r["ruleId"]: r["level"] for r in run["results"]} == {"stale-schema": "note", "some-notice": "note"}
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["stale-schema"]["defaultConfiguration"] == {"level": "note"}
    assert rules["some-notice"]["defaultConfiguration"] == {"level": "note"}
    assert json.loads(json.dumps(stale.as_dict()))["severity"] == "notice"


def test_more_findings_than_shown_count_as_the_worst_of_them():
    from roadmap_gen.core.diagnostics import capped_per_file, notice
    notices = [notice(Loc("f.yaml", n, 1), "n", "a notice") for n in range(1, 6)]
    assert capped_per_file(notices, limit=2)[-1].severity == "notice"
    assert capped_per_file([*notices, warning(Loc("f.yaml", 9, 1), "w", "a warning")], limit=2)[-1].severity == "warning"
