"""Issue 20, item 6 (B8): ids, periods, dates and file names match whole (``$`` accepts a final newline;
``\\d`` accepts any script's digits), and a file or folder name holding a control character is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import World, run_cli

from roadmap_gen.core.periods import Quarter, parse_date
from roadmap_gen.spec.fields import SLUG_RE

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@pytest.mark.parametrize("text", ["2026-Q3\n", "２０２６-Q3", "2026-Q3 ", "\n2026-Q3"])
def test_a_period_matches_whole(text: str) -> None:
    assert Quarter.parse(text) is None


@pytest.mark.parametrize("text", ["2026-07-01\n", "２０２６-07-01"])
def test_a_date_matches_whole(text: str) -> None:
    assert parse_date(text) is None


def test_an_id_matches_whole() -> None:
    assert SLUG_RE.fullmatch("evil\n") is None
    assert SLUG_RE.fullmatch("evil") is not None


def test_a_number_matches_whole() -> None:
    from roadmap_gen.spec.yamlread import load_text
    loaded = load_text('a: "12\\n"\nb: 12\n', "x.yaml")
    assert loaded.root is not None
    assert [v.value for _, v in loaded.root.items] == ["12\n", 12]  # type: ignore[union-attr]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    return project


def test_a_team_file_named_with_a_newline_is_refused(small: Path) -> None:
    teams = small / "content" / "teams"
    teams.mkdir(exist_ok=True)
    (teams / "evil\n.yaml").write_text("team:\n  name: Evil\n", "utf-8")
    done = run_cli("validate", project=small)
    assert done.returncode == 1, done.stderr
    assert "content/teams/evil\\x0a.yaml:1:1: error: [bad-name]" in done.stderr, done.stderr


def test_a_review_folder_named_with_a_newline_is_refused(small: Path) -> None:
    """``2026-Q3\\n`` must not pass for (and silently replace) the review frozen in 2026-Q3."""
    reviews = small / "content" / "reviews"
    reviews.mkdir(exist_ok=True)
    fake = reviews / "2026-Q3\n"
    fake.mkdir()
    (fake / "organisation.yaml").write_bytes((small / "content" / "organisation.yaml").read_bytes())
    done = run_cli("validate", project=small)
    assert done.returncode == 1, done.stderr
    assert "content/reviews/2026-Q3\\x0a:1:1: error: [bad-name]" in done.stderr, done.stderr


@pytest.mark.parametrize("rel", ["site_config/evil\u202ename.css", "templates/bad\x1b[31m.md.j2",
                                 "content/pages/page\r.md"])
def test_any_input_named_with_a_control_character_is_refused(small: Path, rel: str) -> None:
    path = small / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x\n", "utf-8")
    done = run_cli("validate", project=small)
    assert done.returncode == 1, done.stderr
    assert "error: [bad-name]" in done.stderr, done.stderr


@pytest.mark.slow
def test_a_newline_team_is_never_published(world: World) -> None:
    (world.project / "content" / "teams" / "evil\n.yaml").write_text("team:\n  name: Evil\n", "utf-8")
    world.refused(world.run("build"), "content/teams/evil\\x0a.yaml:1:1", 1, ["bad-name"])
    assert not any("\n" in p.name for p in world.site.rglob("*"))
