"""`roadmap-gen init`: a new project that validates with --strict at once, with CI examples that work."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from roadmap_gen.cli import build_parser
from roadmap_gen.diagnostics import ProjectError
from roadmap_gen.init import init_project
from roadmap_gen.pipeline import plan_project
from roadmap_gen.load.yamlload import load_text, to_python


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2027, 3, 31), date(2030, 1, 1)])
def test_a_new_project_is_clean_under_strict(tmp_path, today):
    init_project(tmp_path / "x", today=today)
    result = plan_project(tmp_path / "x")
    assert result.plan is not None
    assert [d.format() for d in result.diagnostics] == []


def test_it_writes_every_promised_file(tmp_path):
    written = {p.relative_to(tmp_path / "x").as_posix() for p in init_project(tmp_path / "x", today=date(2026, 11, 23))}
    for name in ("content/organisation.yaml", "mkdocs.yml", "site_config/custom.css", ".gitignore", "README.md",
                 ".github/workflows/roadmap.yml", ".gitlab-ci.yml", "schema/organisation.schema.json"):
        assert name in written
    text = (tmp_path / "x" / "content" / "organisation.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/organisation.schema.json")
    assert "$" not in text.replace("$schema", "")
    assert "/site/" in (tmp_path / "x" / ".gitignore").read_text()


def test_refuses_a_non_empty_folder_unless_told(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    with pytest.raises(ProjectError, match="not empty"):
        init_project(tmp_path / "x", today=date(2026, 11, 23))
    init_project(tmp_path / "x", today=date(2026, 11, 23), force=True)
    assert (tmp_path / "x" / "notes.txt").read_text() == "mine"


def _commands(lines: list[str]) -> list[list[str]]:
    return [line.split() for line in lines if line.startswith("roadmap-gen")]


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


def test_init_then_build_strict_through_the_cli(tmp_path):
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "init", str(tmp_path / "x")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "build", "--strict"], cwd=tmp_path / "x",
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x" / "site" / "index.html").is_file()
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "init", str(tmp_path / "x")],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "not empty" in done.stderr and "Traceback" not in done.stderr
