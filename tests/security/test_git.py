"""Issue 10, item 5: the footer's commit is read without running anything the project's git config names."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from corpus import World

from roadmap_gen.core.gitref import head_commit

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def commit_all(repo: Path, message: str = "x") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.mark.slow
def test_the_projects_git_config_runs_nothing(world: World) -> None:
    trap = world.root / "fsmonitor-ran"
    git(world.project, "init", "-q")
    (world.project / ".gitignore").write_text("/site/\n/.roadmap-gen/\n", "utf-8")
    sha = commit_all(world.project)
    git(world.project, "config", "core.fsmonitor", f"touch {trap}; false")
    (world.project / "content" / "notes.txt").write_text("an uncommitted change", "utf-8")
    done = world.run("build")
    assert done.returncode == 0, done.stderr
    assert not trap.exists(), "the project's core.fsmonitor ran"
    home = (world.site / "index.html").read_text("utf-8")
    assert f"built from commit <code>{sha[:12]}</code>" in home
    assert "+changes" not in home
    git(world.project, "status", "--porcelain")  # the trap was armed: git itself runs it
    assert trap.exists()


def test_head_on_a_branch_a_packed_ref_and_a_detached_head(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "a.txt").write_text("a", "utf-8")
    first = commit_all(repo)
    assert head_commit(repo) == first[:12]
    assert head_commit(repo / "a-subfolder-that-does-not-exist") == first[:12]
    git(repo, "pack-refs", "--all")
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert head_commit(repo) == first[:12]
    (repo / "a.txt").write_text("b", "utf-8")
    second = commit_all(repo)
    git(repo, "checkout", "-q", first)
    assert head_commit(repo) == first[:12]
    git(repo, "checkout", "-q", "main")
    assert head_commit(repo) == second[:12]


def test_a_worktree_reads_its_own_head(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "a.txt").write_text("a", "utf-8")
    first = commit_all(repo)
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "a.txt").write_text("b", "utf-8")
    second = commit_all(repo)
    git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "main")
    assert (tmp_path / "wt" / ".git").is_file()  # a `gitdir:` file
    assert head_commit(tmp_path / "wt") == first[:12]
    assert head_commit(repo) == second[:12]


def test_no_repository_or_a_damaged_one_gives_no_commit(tmp_path: Path) -> None:
    assert head_commit(tmp_path) == ""
    broken = tmp_path / "broken"
    (broken / ".git").mkdir(parents=True)
    (broken / ".git" / "HEAD").write_text("ref: refs/heads/../../../../etc/passwd\n", "utf-8")
    assert head_commit(broken) == ""
    (broken / ".git" / "HEAD").write_text("not a commit\n", "utf-8")
    assert head_commit(broken) == ""
    os.mkfifo(broken / ".git" / "packed-refs")
    (broken / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    assert head_commit(broken) == ""  # a FIFO is not read (and does not hang)
