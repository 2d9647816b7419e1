"""Issue 10, items 3 and 4: nothing deleted that the tool did not make; one build at a time."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import EPOCH, World, files_of

from cli_process import start_cli

pytestmark = pytest.mark.slow

MARKER = ".roadmap-gen-site"


def site_link(w: World) -> list[str]:
    shutil.rmtree(w.site)
    w.site.symlink_to(w.outside)
    w.site_before = files_of(w.site)
    return ["build"]


def staging_link(w: World) -> list[str]:
    shutil.rmtree(w.project / ".roadmap-gen" / "staging")
    (w.project / ".roadmap-gen" / "staging").symlink_to(w.outside)
    return ["build"]


def state_link(w: World) -> list[str]:
    shutil.rmtree(w.project / ".roadmap-gen")
    (w.project / ".roadmap-gen").symlink_to(w.outside)
    return ["build"]


def building_link(w: World) -> list[str]:
    (w.project / ".site.building").symlink_to(w.outside)
    return ["build"]


def old_link(w: World) -> list[str]:
    (w.project / ".site.old").symlink_to(w.outside)
    return ["build"]


def foreign_site_dir(w: World) -> list[str]:
    return ["build", "--site-dir", str(w.outside)]


def parent_is_a_file(w: World) -> list[str]:
    (w.root / "afile").write_text("x", "utf-8")
    return ["build", "--site-dir", str(w.root / "afile" / "site")]


def state_is_a_file(w: World) -> list[str]:
    shutil.rmtree(w.project / ".roadmap-gen")
    (w.project / ".roadmap-gen").write_text("not a folder", "utf-8")
    return ["build"]


def read_only_project(w: World) -> list[str]:
    shutil.rmtree(w.project / ".roadmap-gen")
    w.project.chmod(0o555)
    return ["build"]


def site_is_a_git_checkout(w: World) -> list[str]:
    (w.outside / ".git").mkdir()
    w.outside_before = files_of(w.outside)
    return ["build", "--site-dir", str(w.outside)]


REFUSED: list[tuple[str, Callable[[World], list[str]], str]] = [
    ("site-is-a-link", site_link, "symbolic link"),
    ("staging-is-a-link", staging_link, "symbolic link"),
    ("state-folder-is-a-link", state_link, "symbolic link"),
    ("temporary-build-folder-is-a-link", building_link, "symbolic link"),
    ("old-site-folder-is-a-link", old_link, "symbolic link"),
    ("site-dir-not-made-by-the-tool", foreign_site_dir, "--site-dir"),
    ("site-dir-parent-is-a-file", parent_is_a_file, "is a file"),
    (".roadmap-gen-is-a-file", state_is_a_file, ".roadmap-gen is a file"),
    ("read-only-project", read_only_project, "read-only"),
    ("site-dir-is-a-git-checkout", site_is_a_git_checkout, "git checkout"),
]


@pytest.mark.parametrize("case, setup, words", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_site_folders(world: World, case: str, setup: Callable[[World], list[str]], words: str) -> None:
    args = setup(world)
    try:
        done = world.run(*args)
    finally:
        world.project.chmod(0o755)
    world.refused(done, None, 1, [words])


def test_refusal_says_how_to_proceed(world: World) -> None:
    done = world.run("build", "--site-dir", str(world.outside))
    assert "empty it" in done.stderr and "--site-dir" in done.stderr
    assert (world.outside / ".dotfile").is_file()


def test_an_earlier_versions_site_is_adopted_once(world: World, tmp_path: Path) -> None:
    old = tmp_path / "public"
    shutil.copytree(world.site, old)
    (old / MARKER).unlink()  # what a site built before the marker looks like
    done = world.run("build", "--site-dir", str(old))
    assert done.returncode == 0, done.stderr
    assert (old / MARKER).is_file()
    assert files_of(old) == files_of(world.site)


def test_an_empty_or_missing_site_dir_is_fine_and_gets_the_marker(world: World, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = world.run("build", "--site-dir", str(tmp_path / "empty"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "empty" / MARKER).is_file() and (tmp_path / "empty" / "index.html").is_file()


# --- one build at a time --------------------------------------------------------------------------


def test_two_builds_at_once_give_one_complete_site(world: World) -> None:
    """Two builds started together: both wait their turn, and the site is whole (same files as one build)."""
    expected = sorted(world.site_before)
    org = world.project / "content" / "organisation.yaml"
    org.write_text(org.read_text("utf-8").replace("Northwind Health IT", "Southwind Health IT"), "utf-8")
    command = ["--project", str(world.project), "build"]
    started = [start_cli(*command, env={"SOURCE_DATE_EPOCH": EPOCH}) for _ in range(2)]
    outcomes = [(done.returncode, done.stderr) for done in (build.wait() for build in started)]
    for code, stderr in outcomes:
        assert "Traceback" not in stderr
        assert code == 0 or (code == 1 and "another roadmap-gen command" in stderr), stderr
    assert any(code == 0 for code, _ in outcomes)
    assert sorted(files_of(world.site)) == expected
    assert "Southwind" in (world.site / "index.html").read_text("utf-8")
    assert not list(world.project.glob(".site.building")) and not list(world.project.glob(".site.old"))


def test_a_held_lock_makes_a_build_wait_then_stop(world: World) -> None:
    fd = os.open(world.project / ".roadmap-gen" / "lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        done = world.run("build", "--wait", "0.5")
    finally:
        os.close(fd)
    world.refused(done, None, 1, ["waiting for another roadmap-gen command", "gave up after waiting 0.5 s"])
    assert done.stderr.count("waiting for another") == 1


def test_a_held_site_lock_blocks_a_build_into_that_folder(world: World) -> None:
    fd = os.open(world.project / ".site.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        done = world.run("build", "--wait", "0")
    finally:
        os.close(fd)
    world.refused(done, None, 1, ["site folder"])
