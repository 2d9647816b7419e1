"""Which pages ``validate`` renders (site/sample.py): fewer than the site has, yet every kind of value a
template meets, so that an error only some pages show is still found without ``--full``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from example_project import copy_example
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.resources import default_templates_dir
from roadmap_gen.pages import PageSpec, SitePages, paths
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site import sample
from roadmap_gen.site.check import check_site
from roadmap_gen.site.forkmap import fork_map
from roadmap_gen.site.sample import features, representatives
from roadmap_gen.workspace.workspace import Workspace
from test_site_check import LINE, cli


def _teams(project: Path, count: int) -> None:
    """*count* more teams, alike but for the last, which has no group and rates a factor 0."""
    for index in range(count):
        last = index == count - 1
        lines = ["team:", f"  name: Team {index:02d}"] + ([] if last else ["  group: Operations"])
        lines += ["assessment:", f"  leadership-support: {{level: {0 if last else 2}, target: 3}}"]
        (project / "content" / "teams" / f"team-{index:02d}.yaml").write_text("\n".join(lines) + "\n",
                                                                            encoding="utf-8")


def _error_on_the_last_team_page(tmp_path: Path) -> Path:
    """The example with 20 more teams and a template error only the last team's page (no group) shows."""
    project = copy_example(tmp_path / "project")
    _teams(project, 20)
    (project / "templates").mkdir()
    source = (default_templates_dir() / "team.md.j2").read_text(encoding="utf-8")
    (project / "templates" / "team.md.j2").write_text(
        source + "\n{% if team.group is none %}{{ team.no_such_field }}{% endif %}\n", encoding="utf-8")
    return project


def test_one_page_of_each_kind_and_every_value_met(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    _teams(project, 20)
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None
    site = SitePages(project, planned.project, planned.plan, BuildInfo())
    chosen = representatives(site.specs)
    team_pages = [spec for spec in site.specs if spec.template == "team.md.j2"]
    kept = [spec for spec in team_pages if spec.path in chosen]
    assert len(team_pages) == 23 and 1 < len(kept) < len(team_pages)
    met = set().union(*(features(spec.view) for spec in team_pages))
    assert set().union(*(features(spec.view) for spec in kept)) == met
    assert "teams/team-19.md" in chosen  # the only team without a group
    # Told against what was seen: only what is new, as the whole set less the seen one.
    seen = features(team_pages[0].view)
    for spec in site.specs:
        assert features(spec.view, seen=seen) == features(spec.view) - seen
        seen |= features(spec.view)
    # Every template is rendered at least once, and every hand-written page is kept.
    assert {spec.template for spec in site.specs} == {spec.template for spec in site.specs if spec.path in chosen}


def test_validate_finds_an_error_only_one_team_page_shows(tmp_path: Path) -> None:
    project = _error_on_the_last_team_page(tmp_path)
    done = cli("validate", cwd=project)
    assert done.returncode == 1, done.stderr
    found = [m.groupdict() for m in map(LINE.match, done.stderr.splitlines()) if m]
    assert [(f["file"], f["check"]) for f in found if f["sev"] == "error"] == [
        ("templates/team.md.j2", "template-error")], done.stderr


def test_a_views_plain_fields_are_told_as_any_plain_value() -> None:
    """features() tells a view's str, int, bool and None fields on a fast path of its own: the same
    features as the same values met as items of a list (told by _leaf)."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class View:
        text: object
        none: object = None

    for value in ("", "x", 0, 3, -2, True, False, None, 1.5, float("nan")):
        as_field = {f for f in features(View(value)) if f[0] == ".text"}
        as_item = {(".text", f[1]) for f in features([value]) if f[0] == "[]"}
        assert as_field == as_item, value


def _one_pass(specs: list[PageSpec]) -> set[str]:
    """The choice as one pass over each kind's pages makes it (what representatives did before halves)."""
    chosen = {spec.path for spec in specs if spec.template is None}
    kinds: dict[object, list[PageSpec]] = {}
    for spec in specs:
        if spec.template is not None:
            kinds.setdefault((spec.template, paths.root_of(spec.path), spec.searchable, spec.hide,
                              bool(spec.heading)), []).append(spec)
    for group in kinds.values():
        seen: set[Any] = set()
        for spec in group:
            new = features(spec.view) - seen
            if new:
                chosen.add(spec.path)
                seen |= new
    return chosen


@pytest.mark.parametrize("split_from", [2, 3, 64])
def test_halves_worked_apart_choose_as_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               split_from: int) -> None:
    """Each kind of many pages looked at in two halves, in forked processes or here, gives the one-pass
    choice: a page of the second half is kept for what neither an earlier page of its half nor the first
    half has."""
    project = copy_example(tmp_path / "project")
    _teams(project, 20)
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None
    specs = SitePages(project, planned.project, planned.plan, BuildInfo()).specs
    monkeypatch.setattr(sample, "SPLIT_FROM", split_from)
    expected = _one_pass(specs)
    assert representatives(specs) == expected
    assert representatives(specs, lambda work, items: fork_map(work, items, 2)) == expected
    assert representatives(specs, lambda work, items: fork_map(work, items, 3)) == expected
    # The second half's first page has all its features in its own half's findings: kept only when the
    # first half lacks one. A reversed order of halves would choose differently: the order is kept.
    assert representatives(list(reversed(specs))) == _one_pass(list(reversed(specs)))


def test_check_in_processes_finds_what_one_process_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """check_site with two processes (the choice of pages in halves, the pages rendered in both) gives the
    messages one process gives: an error only the last of many team pages shows, located."""
    project = _error_on_the_last_team_page(tmp_path)
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None
    monkeypatch.setattr(sample, "SPLIT_FROM", 8)  # the 23 team pages in halves
    alone = check_site(Workspace(project), planned.project, planned.plan)
    assert [(d.file, d.check) for d in alone if d.severity == "error"] == [("templates/team.md.j2", "template-error")]
    assert check_site(Workspace(project), planned.project, planned.plan, workers=2) == alone
