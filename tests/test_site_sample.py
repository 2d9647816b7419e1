"""Which pages ``validate`` renders (site/sample.py): fewer than the site has, yet every kind of value a
template meets, so that an error only some pages show is still found without ``--full``."""

from __future__ import annotations

from pathlib import Path

from example_project import copy_example
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.resources import default_templates_dir
from roadmap_gen.pages import SitePages
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site.sample import features, representatives
from test_site_check import LINE, cli


def _teams(project: Path, count: int) -> None:
    """*count* more teams, alike but for the last, which has no group and rates a factor 0."""
    for index in range(count):
        last = index == count - 1
        lines = ["team:", f"  name: Team {index:02d}"] + ([] if last else ["  group: Operations"])
        lines += ["assessment:", f"  leadership-support: {{level: {0 if last else 2}, target: 3}}"]
        (project / "content" / "teams" / f"team-{index:02d}.yaml").write_text("\n".join(lines) + "\n",
                                                                            encoding="utf-8")


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
    project = copy_example(tmp_path / "project")
    _teams(project, 20)
    (project / "templates").mkdir()
    source = (default_templates_dir() / "team.md.j2").read_text(encoding="utf-8")
    (project / "templates" / "team.md.j2").write_text(
        source + "\n{% if team.group is none %}{{ team.no_such_field }}{% endif %}\n", encoding="utf-8")
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
