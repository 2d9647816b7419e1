"""The cycle collector is paused while a command loads and plans a project (cli/run.py), and what the load
made is then left out of its walks: the command still finds every message, and leaves the collector on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from example_project import copy_example
from roadmap_gen.cli import run
from roadmap_gen.workspace.workspace import Workspace


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_paused_then_frozen_and_on_again(collector: None) -> None:
    gc.enable()
    before = gc.get_freeze_count()
    with run._collector_paused():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)  # the lists made meanwhile are set aside
    gc.disable()
    with run._collector_paused():
        pass
    assert not gc.isenabled()  # a collector turned off stays off


def test_load_and_plan_pauses_the_collector(collector: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example(tmp_path / "project")
    seen: list[bool] = []
    from roadmap_gen import pipeline
    real = pipeline.plan_project

    def plan(*args: object, **kwargs: object) -> pipeline.Planned:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "plan_project", plan)
    gc.enable()
    result = run._load_and_plan(Workspace(project))
    assert seen == [False] and gc.isenabled()
    assert result.plan is not None and result == real(Workspace(project))
