"""The load memo (load/project.py ``LoadMemo``) that ``serve`` keeps from one rebuild to the next: a load with
it gives exactly what a fresh load gives, whatever file was edited, and a file that did not change is not
parsed again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from example_project import copy_example
from roadmap_gen.load.project import Loaded, LoadMemo, load_project

TEAM = "content/teams/service-desk.yaml"
ORG = "content/organisation.yaml"
CATALOGUE = "content/catalogue/itil4-csf.yaml"
SNAPSHOT = "content/reviews/2026-Q3/organisation.yaml"
SNAPSHOT_TEAM = "content/reviews/2026-Q3/teams/service-desk.yaml"
FROZEN_PLAN = "content/reviews/2026-Q3/roadmap.json"
SETTINGS = "roadmap-gen.yaml"


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _write(rel: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / rel).write_text(text, encoding="utf-8")
    return edit


def _rename(rel: str, to: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / rel).rename(root / to)
    return edit


#: Edits of every kind of file, applied one after the other: sound ones, ones that break a file (a form
#: error, a YAML error, an unknown reference) and the edits that mend it again.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("team file", _replace(TEAM, "name: Service desk", "name: Service desk (edited)")),
    ("team file, a form error", _replace(TEAM, "level: 3", "level: three")),
    ("team file, mended", _replace(TEAM, "level: three", "level: 3")),
    ("team file, renamed (same bytes, another id)", _rename(TEAM, "content/teams/first-line.yaml")),
    ("team file, renamed back", _rename("content/teams/first-line.yaml", TEAM)),
    ("organisation", _replace(ORG, "name: Northwind Health IT", "name: Northwind Health IT (edited)")),
    ("organisation, a YAML error", _replace(ORG, "organisation:\n", "organisation: [\n")),
    ("organisation, mended", _replace(ORG, "organisation: [\n", "organisation:\n")),
    ("catalogue", _replace(CATALOGUE, "front-door:", "front-door-renamed:")),
    ("catalogue, mended", _replace(CATALOGUE, "front-door-renamed:", "front-door:")),
    ("catalogue, a second file", _write("content/catalogue/extra.yaml", "roles:\n  extra-role: {title: Extra}\n")),
    ("catalogue, the second file broken", _replace("content/catalogue/extra.yaml", "title:", "name:")),
    ("catalogue, the second file mended", _replace("content/catalogue/extra.yaml", "name:", "title:")),
    ("snapshot", _replace(SNAPSHOT, "name: Northwind Health IT", "name: Northwind Health IT (then)")),
    ("snapshot team file", _replace(SNAPSHOT_TEAM, "name: Service desk", "name: Service desk (then)")),
    ("snapshot team file, a form error", _replace(SNAPSHOT_TEAM, "name: Service desk (then)", "name: [a, b]")),
    ("snapshot team file, mended", _replace(SNAPSHOT_TEAM, "name: [a, b]", "name: Service desk")),
    ("frozen plan, made at another review", _replace(FROZEN_PLAN, '"review": "2026-Q3"', '"review": "2026-Q2"')),
    ("frozen plan, mended", _replace(FROZEN_PLAN, '"review": "2026-Q2"', '"review": "2026-Q3"')),
    ("settings, new", _write(SETTINGS, "offline: true\n")),
    ("settings, an error", _write(SETTINGS, "engine: nope\n")),
    ("settings, mended", _write(SETTINGS, "engine: mkdocs\n")),
]


def count_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the loader parses from now on, in order (its YAML reading counted)."""
    import roadmap_gen.load.project as project_module
    parsed: list[str] = []
    real = project_module.load_text

    def counting(data: bytes | str, label: str) -> object:
        parsed.append(label)
        return real(data, label)

    monkeypatch.setattr(project_module, "load_text", counting)
    return parsed


def _same(memoised: Loaded, fresh: Loaded) -> None:
    assert [d.format() for d in memoised.diagnostics] == [d.format() for d in fresh.diagnostics]
    assert memoised == fresh  # the model, the partial model and the diagnostics, field by field


def test_a_memoised_load_gives_what_a_fresh_one_gives_after_every_kind_of_edit(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    memo = LoadMemo()
    _same(load_project(root, memo=memo), load_project(root))
    for name, edit in EDITS:
        edit(root)
        fresh = load_project(root)
        assert fresh.diagnostics or fresh.project is not None, name
        _same(load_project(root, memo=memo), fresh)
        _same(load_project(root, memo=memo), fresh)  # a second load with nothing changed: all from the memo


def test_only_the_edited_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "project")
    memo = LoadMemo()
    before = load_project(root, memo=memo).project
    assert before is not None
    _replace(TEAM, "name: Service desk", "name: Service desk (edited)")(root)
    parsed = count_parsed(monkeypatch)
    after = load_project(root, memo=memo).project
    assert parsed == [TEAM]
    assert after is not None
    kept = {t.id: t for t in before.teams}
    for team in after.teams:
        assert (team is kept[team.id]) == (team.id != "service-desk"), team.id
    assert after.teams != before.teams


def test_results_read_ahead_are_used_as_the_loaders_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What another process read ahead (read_ahead) is offered to the memo: taken at the first of those files
    the load asks for, used only for files whose bytes are the ones read, and the load gives what a fresh one
    gives; offered results that never come (the process failed) only cost the parsing."""
    from roadmap_gen.load.project import read_ahead, team_files

    root = copy_example(tmp_path / "project")
    _replace(TEAM, "level: 3", "level: three")(root)  # a file whose result carries an error
    paths = team_files(root)
    assert len(paths) >= 3
    labels = [p.relative_to(root).as_posix() for p in paths]
    ahead = read_ahead(root, paths[1:])
    assert sorted(key[0] for key in ahead) == labels[1:]
    fresh = load_project(root)
    parsed = count_parsed(monkeypatch)
    taken: list[str] = []
    memo = LoadMemo()

    def take() -> dict[Any, Any]:
        taken.append(f"after {parsed[-1]}")
        return ahead

    memo.offer(labels[1:], take)
    _same(load_project(root, memo=memo), fresh)
    assert taken == [f"after {labels[0]}"]  # when the load came to the first offered file, not before
    assert labels[0] in parsed and not set(labels[1:]) & set(parsed)  # the offered ones were not parsed here
    assert memo.fresh == len(labels) + len(parsed) - 1  # results to keep: those read here and those taken

    # An edit after the other process read the file: its result is not used, the file is read here.
    _replace(labels[-1], "name:", "name: Edited,")(root)
    expected = load_project(root)
    memo = LoadMemo()
    memo.offer(labels[1:], lambda: ahead)
    parsed.clear()
    _same(load_project(root, memo=memo), expected)
    assert labels[-1] in parsed and labels[1] not in parsed

    memo = LoadMemo()
    memo.offer(labels[1:], lambda: None)  # the other process failed
    _same(load_project(root, memo=memo), load_project(root))
