"""A record's model object made without the frozen dataclass's ``__init__`` (spec/record.py ``_make``) is
the very object ``__init__`` makes: the same fields, values, places and order, for every file of a project;
a class whose ``__init__`` does more is made by the class."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from example_project import copy_example
from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.load.project import load_project
from roadmap_gen.spec import record as record_module
from roadmap_gen.spec.base import Locs
from roadmap_gen.spec.fields import Int, Record, Str, locs_field
from roadmap_gen.spec.fields import field as spec_field


def test_a_project_loads_the_same_made_either_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example(tmp_path / "project")
    quick = load_project(project)
    assert quick.project is not None
    def by_init(self: Record) -> object:
        cls = self.cls
        return lambda values, locs: cls(**values, locs=locs)

    monkeypatch.setattr(record_module.Record, "_make", property(by_init))
    slow = load_project(project)
    assert slow.project is not None
    assert quick.project == slow.project and quick.diagnostics == slow.diagnostics
    # Byte for byte: every field (places included) in the order __init__ sets them.
    assert pickle.dumps(quick.project) == pickle.dumps(slow.project)


@dataclass(frozen=True, kw_only=True)
class _Counted:
    name: str = spec_field(Str(), "A name.", required=True)
    size: int = spec_field(Int(), "A size.", default=0)
    locs: Locs = locs_field()
    seen: list[str] = field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.seen.append(self.name)


def test_a_class_whose_init_does_more_is_made_by_it() -> None:
    from roadmap_gen.spec.base import Ctx
    from roadmap_gen.spec.yamlread import load_text

    root = load_text(b"name: x\nsize: 3\n", "f.yaml").root
    assert root is not None
    made = Record(_Counted).check(root, Ctx(), "")
    assert made.seen == ["x"] and made.size == 3 and made.locs("size") == Loc("f.yaml", 2, 7)
