"""`roadmap-gen init`: a new project that validates with --strict at once, with CI examples that work."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.cli import build_parser
from roadmap_gen.commands.init import init_project
from roadmap_gen.commands.install_source import Source
from roadmap_gen.commands.scaffold import MANIFEST, read_manifest, sha256
from roadmap_gen.core.diagnostics import ProjectError
from roadmap_gen.pipeline import plan_project
from roadmap_gen.spec.yamlread import load_text, to_python

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2027, 3, 31), date(2030, 1, 1)])
def test_a_new_project_is_clean_under_strict(tmp_path, today):
    init_project(tmp_path / "x", today=today)
    result = plan_project(tmp_path / "x")
    assert result.plan is not None
    assert [d.format() for d in result.diagnostics] == []


def test_it_writes_every_promised_file(tmp_path):
    written = {p.relative_to(tmp_path / "x").as_posix() for p in init_project(tmp_path / "x", today=date(2026, 11, 23))}
    for name in ("content/organisation.yaml", "mkdocs.yml", "site_config/custom.css", ".gitignore", "README.md",
                 ".github/workflows/roadmap.yml", ".gitlab-ci.yml", "schema/organisation.schema.json",
                 "schema/team.schema.json", "content/teams/service-desk.yaml", "requirements.txt", MANIFEST):
        assert name in written
    text = (tmp_path / "x" / "content" / "organisation.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/organisation.schema.json")
    assert "$" not in text.replace("$schema", "")
    team = (tmp_path / "x" / "content" / "teams" / "service-desk.yaml").read_text()
    assert team.startswith("# yaml-language-server: $schema=../../schema/team.schema.json")
    assert (tmp_path / "x" / "content" / "teams" / "../../schema/team.schema.json").is_file()
    assert "/site/" in (tmp_path / "x" / ".gitignore").read_text()
    # The record of what was written is committed: .gitignore must not hide it.
    assert MANIFEST not in (tmp_path / "x" / ".gitignore").read_text()
    record = read_manifest(tmp_path / "x")
    assert record[".gitlab-ci.yml"] == sha256((tmp_path / "x" / ".gitlab-ci.yml").read_bytes())
    assert not any(rel.startswith("content/") or rel == "requirements.txt" for rel in record)


def test_the_new_team_shows_on_the_site(tmp_path):
    init_project(tmp_path / "x", today=date(2026, 11, 23))
    result = plan_project(tmp_path / "x")
    assert [t.id for t in result.project.teams] == ["service-desk"]
    assert {p.id: p.team for p in result.project.organisation.people}["sam-patel"] == "service-desk"


def test_requirements_name_the_source_and_the_version(tmp_path):
    from roadmap_gen import __version__
    init_project(tmp_path / "x", today=date(2026, 11, 23), source=Source("roadmap-gen @ https://h.example/w.whl"))
    text = (tmp_path / "x" / "requirements.txt").read_text()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == ["roadmap-gen @ https://h.example/w.whl"]
    assert f"roadmap-gen {__version__}" in text
    # With no source, a placeholder that can never resolve, and says what to do.
    init_project(tmp_path / "y", today=date(2026, 11, 23))
    last = (tmp_path / "y" / "requirements.txt").read_text().splitlines()[-1]
    assert ".invalid/" in last and f"@v{__version__}" in last


def test_force_never_overwrites_content(tmp_path):
    project = tmp_path / "x"
    init_project(project, today=date(2026, 11, 23), source=Source("roadmap-gen==9.9"))
    org = project / "content" / "organisation.yaml"
    org.write_text(org.read_text().replace("Your organisation IT", "Acme IT"))
    (project / "content" / "teams" / "service-desk.yaml").unlink()
    (project / "requirements.txt").write_text("roadmap-gen @ https://mine.example/r.whl\n")
    before = org.read_bytes()
    written = init_project(project, today=date(2027, 5, 1), force=True)
    assert org.read_bytes() == before
    assert project / "content" / "organisation.yaml" not in written
    assert (project / "content" / "teams" / "service-desk.yaml").is_file()  # what is missing is written
    assert (project / "requirements.txt").read_text() == "roadmap-gen @ https://mine.example/r.whl\n"
    init_project(project, today=date(2027, 5, 1), force=True, source=Source("roadmap-gen==1.2.3"),
                 replace_requirements=True)
    assert (project / "requirements.txt").read_text().splitlines()[-1] == "roadmap-gen==1.2.3"
    assert org.read_bytes() == before


def test_refuses_a_non_empty_folder_unless_told(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    with pytest.raises(ProjectError, match="not empty"):
        init_project(tmp_path / "x", today=date(2026, 11, 23))
    init_project(tmp_path / "x", today=date(2026, 11, 23), force=True)
    assert (tmp_path / "x" / "notes.txt").read_text() == "mine"


def _commands(lines: list[str]) -> list[list[str]]:
    """The roadmap-gen commands among shell lines, their output redirection left out."""
    commands = []
    for line in lines:
        words = shlex.split(line)
        if words and words[0] == "roadmap-gen":
            commands.append(words[:words.index(">")] if ">" in words else words)
    return commands


def ci_steps(project: Path) -> dict[str, list[str]]:
    """Each CI job's shell lines, in order: GitHub's `run:` steps, GitLab's before_script and script."""
    github = to_python(load_text((project / ".github/workflows/roadmap.yml").read_bytes(), "gh").root)
    jobs = {f"github:{name}": [step["run"] for step in job["steps"] if "run" in step]
            for name, job in github["jobs"].items()}
    gitlab = to_python(load_text((project / ".gitlab-ci.yml").read_bytes(), "gl").root)
    before = gitlab.get("default", {}).get("before_script", [])
    for name, job in gitlab.items():
        if isinstance(job, dict) and "script" in job:
            jobs[f"gitlab:{name}"] = list(job.get("before_script", before)) + list(job["script"])
    return jobs


def test_ci_examples_are_workflows_that_call_real_commands(tmp_path):
    init_project(tmp_path / "x", today=date(2026, 11, 23))
    github = to_python(load_text((tmp_path / "x" / ".github/workflows/roadmap.yml").read_bytes(), "gh").root)
    assert set(github) >= {"name", "on", "jobs"}
    runs = []
    for job in github["jobs"].values():
        assert "runs-on" in job and isinstance(job["steps"], list)
        for step in job["steps"]:
            assert "uses" in step or "run" in step
            if "run" in step:
                runs.append(step["run"])
    gitlab = to_python(load_text((tmp_path / "x" / ".gitlab-ci.yml").read_bytes(), "gl").root)
    scripts = [line for job in gitlab.values() if isinstance(job, dict) and "script" in job for line in job["script"]]
    assert any(job.get("stage") == "publish" for job in gitlab.values() if isinstance(job, dict))
    commands = _commands(runs) + _commands(scripts)
    assert {c[1] for c in commands} == {"validate", "build"}
    parser = build_parser()
    for command in commands:
        parser.parse_args(command[1:])  # exits 2 on an unknown command or option
    assert any("--strict" in c for c in commands)
    jobs = ci_steps(tmp_path / "x")
    assert set(jobs) == {"github:check", "github:publish", "gitlab:validate", "gitlab:pages"}
    for name, lines in jobs.items():
        # Every job installs the pinned tool from requirements.txt, never by name from an index.
        assert "pip install -r requirements.txt" in lines, name
        assert not any(shlex.split(line)[:3] == ["pip", "install", "roadmap-gen"] for line in lines), name
    validates = {name: [c for c in _commands(lines) if c[1] == "validate"] for name, lines in jobs.items()}
    assert validates["github:check"] == [["roadmap-gen", "validate", "--full", "--strict", "--format", "github"]]
    assert validates["gitlab:validate"] == [["roadmap-gen", "validate", "--full", "--strict", "--format", "gitlab"]]
    assert gitlab["validate"]["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    assert "> gl-code-quality.json" in jobs["gitlab:validate"][-1]


def test_the_new_projects_yaml_passes_yamllint_defaults(tmp_path):
    """A platform team lints every YAML file of a repository; a new project adds no finding, not even a warning."""
    from yamllint import linter
    from yamllint.config import YamlLintConfig
    project = tmp_path / "x"
    init_project(project, today=date(2026, 11, 23))
    config = YamlLintConfig("extends: default")
    files = sorted(p for p in project.rglob("*") if p.suffix in (".yaml", ".yml"))
    assert {p.relative_to(project).as_posix() for p in files} >= {
        "mkdocs.yml", ".gitlab-ci.yml", ".github/workflows/roadmap.yml", "content/organisation.yaml",
        "content/teams/service-desk.yaml"}
    problems = [f"{p.relative_to(project)}:{problem.line}:{problem.column}: {problem.desc} ({problem.rule})"
                for p in files for problem in linter.run(p.read_text(encoding="utf-8"), config, str(p))]
    assert problems == []


def test_the_ci_files_run_once_per_change_on_the_default_branch_with_a_reproducible_build_time(tmp_path):
    init_project(tmp_path / "x", today=date(2026, 11, 23))
    github_text = (tmp_path / "x" / ".github/workflows/roadmap.yml").read_text()
    gitlab_text = (tmp_path / "x" / ".gitlab-ci.yml").read_text()
    for text in (github_text, gitlab_text):
        assert '"main"' not in text and "'main'" not in text and "heads/main" not in text
    github = to_python(load_text(github_text.encode(), "gh").root)
    # A pull request's commit is checked once: the check job skips pushes other than the default branch's.
    assert set(github["on"]) == {"push", "pull_request"}
    check_if = " ".join(github["jobs"]["check"]["if"].split())
    assert check_if == ("github.event_name == 'pull_request' || "
                        "github.ref_name == github.event.repository.default_branch")
    publish = github["jobs"]["publish"]
    assert "github.event.repository.default_branch" in publish["if"] and "'push'" in publish["if"]
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert any("SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in step.get("run", "") for step in publish["steps"])
    gitlab = to_python(load_text(gitlab_text.encode(), "gl").root)
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in gitlab["workflow"]["rules"]
    assert 'export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in gitlab["pages"]["script"]
    # The image has git (a git+ requirement, the footer's commit): nothing is installed with apt in any job.
    assert not gitlab["default"]["image"].endswith("-slim") and "apt-get" not in gitlab_text


def test_init_then_build_strict_through_the_cli(tmp_path):
    done = run_cli("init", str(tmp_path / "x"))
    assert done.returncode == 0, done.stderr
    done = run_cli("build", "--strict", cwd=tmp_path / "x", timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x" / "site" / "index.html").is_file()
    done = run_cli("init", str(tmp_path / "x"))
    assert done.returncode != 0 and "not empty" in done.stderr and "Traceback" not in done.stderr


def test_the_new_project_is_generic_and_says_what_reads_its_files(tmp_path):
    project = tmp_path / "x"
    init_project(project, today=date(2026, 11, 23))
    ignored = (project / ".gitignore").read_text().splitlines()
    assert "/.venv/" in ignored  # the README installs the tool into .venv
    first = (project / "mkdocs.yml").read_text().splitlines()[0]
    assert first.startswith("# Read by roadmap-gen") and "MkDocs" in first
    # Nothing of the example organisation (a hospital group) in a project for anyone.
    example = plan_project(REPO).project
    new = plan_project(project).project
    generic = {"finance"}
    assert {s.id for s in new.organisation.stakeholders} & {s.id for s in example.organisation.stakeholders} <= generic
    everything = " ".join(p.read_text(encoding="utf-8") for p in project.rglob("*") if p.is_file()).lower()
    for word in ("clinical", "hospital", "patient", "northwind"):
        assert word not in everything, word
