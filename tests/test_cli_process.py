"""The end-to-end tests' way of running the CLI (cli_process.py) gives what a new interpreter gives.

Each case runs the same command both ways, ``python -m roadmap_gen`` in a new interpreter and a
process forked from the warm server, and compares exit code, standard output and standard error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_process import REPO, cli_environment, run_cli, start_cli

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


def interpreter(*args: str, cwd: Path, env: dict[str, str], text: bool = True) -> subprocess.CompletedProcess:
    environ = cli_environment(env)
    environ["PYTHONPATH"] = str(REPO) + (os.pathsep + environ["PYTHONPATH"] if environ.get("PYTHONPATH") else "")
    return subprocess.run([sys.executable, "-m", "roadmap_gen", *args], cwd=cwd, env=environ, capture_output=True,
                          text=text, timeout=300, check=False)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    org = project / "content" / "organisation.yaml"
    org.write_text(org.read_text("utf-8").replace("  phases: 4", "  phases: two"), "utf-8")
    return project


@pytest.mark.parametrize("args", [
    ("--help",),
    ("validate",),
    ("validate", "--format", "json"),
    ("review", "2027-Q2", "--date", "yesterday"),  # a usage error: exit 2
    ("nonsense",),
], ids=lambda args: "-".join(args))
def test_same_outcome_as_a_new_interpreter(broken: Path, args: tuple[str, ...]) -> None:
    real = interpreter(*args, cwd=broken, env=EPOCH)
    forked = run_cli(*args, cwd=broken, env=EPOCH)
    assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)


def test_bytes_and_the_environment_reach_the_command(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    real = interpreter("export", "--format", "json", cwd=project, env=EPOCH, text=False)
    forked = run_cli("export", "--format", "json", cwd=project, env=EPOCH, text=False)
    assert real.returncode == forked.returncode == 0
    assert forked.stdout == real.stdout and forked.stdout.startswith(b"{")
    # The command reads the environment it is given, not the server's.
    bad = {"SOURCE_DATE_EPOCH": "soon"}
    real = interpreter("build", cwd=project, env=bad)
    forked = run_cli("build", cwd=project, env=bad)
    assert (forked.returncode, forked.stderr) == (real.returncode, real.stderr)
    assert forked.returncode == 2 and "SOURCE_DATE_EPOCH='soon'" in forked.stderr
    assert not (project / "site").exists()


def test_a_command_that_runs_too_long_is_killed() -> None:
    started = start_cli("--help", setup=_sleep)
    with pytest.raises(subprocess.TimeoutExpired):
        started.wait(timeout=0.5)


def _sleep() -> None:
    import time
    time.sleep(60)
