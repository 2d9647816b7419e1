"""Fixtures of the attack corpus (tests/security): see corpus.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import World, files_of, run_cli

from example_project import copy_example


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project with its site built once, by the CLI."""
    root = tmp_path_factory.mktemp("security-example")
    project = copy_example(root / "project")
    done = run_cli("build", project=project)
    assert done.returncode == 0, done.stderr
    return project


@pytest.fixture
def world(example_build: Path, tmp_path: Path) -> Iterator[World]:
    project = tmp_path / "project"
    shutil.copytree(example_build, project, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "canary.txt").write_text("canary: must survive\n", "utf-8")
    (outside / ".dotfile").write_text("hidden: must survive\n", "utf-8")
    (outside / "secret.txt").write_text("SECRET-TOKEN-1234\n", "utf-8")
    w = World(tmp_path, project, outside, files_of(project / "site"), files_of(outside))
    yield w
    w.outside_untouched()
