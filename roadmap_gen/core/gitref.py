"""The commit a project is checked out at, read from git's files: no git command is run.

Running ``git`` in a project runs whatever the project's git configuration names
(``core.fsmonitor``, ``core.hooksPath`` hooks, filters, ``diff.external``...). The footer
needs only the commit id, which git keeps in plain files: ``HEAD``, a loose ref under
``refs/``, or ``packed-refs``; a worktree's ``.git`` file points (``gitdir: ...``) at its
own folder, whose ``commondir`` names the shared one. Anything else (the reftable
format, a damaged repository) gives no commit rather than an error. Whether the
checkout has uncommitted changes is not shown: that needs ``git status``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_SHA = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_MAX_REF_FILE = 64 * 1024
_MAX_PACKED_REFS = 64 * 1024 * 1024
_MAX_DEPTH = 8
SHORT = 12


def _read_small(path: Path, limit: int = _MAX_REF_FILE) -> str | None:
    """A small regular file's text, or None (links are fine: a .git may be one; FIFOs are not)."""
    try:
        if not path.is_file():
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        data = os.read(fd, limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > limit:
        return None
    return data.decode("utf-8", "replace")


def find_git_dir(start: Path) -> Path | None:
    """The git folder of the repository holding *start* (its ``.git`` folder, or where a ``.git`` file points)."""
    current = Path(os.path.abspath(start))
    for folder in [current, *current.parents]:
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            text = _read_small(dot_git) or ""
            match = re.fullmatch(r"gitdir:\s*(.+?)\s*", text.splitlines()[0] if text else "")
            if not match:
                return None
            target = Path(match.group(1))
            return target if target.is_absolute() else (folder / target)
    return None


def _common_dir(git_dir: Path) -> Path:
    text = _read_small(git_dir / "commondir")
    if not text or not text.strip():
        return git_dir
    target = Path(text.strip())
    return target if target.is_absolute() else git_dir / target


def _packed(common: Path, ref: str) -> str | None:
    text = _read_small(common / "packed-refs", _MAX_PACKED_REFS)
    if not text:
        return None
    for line in text.splitlines():
        if line.startswith(("#", "^")):
            continue
        parts = line.split(" ", 1)
        if len(parts) == 2 and parts[1].strip() == ref:
            return parts[0].strip()
    return None


def _resolve(git_dir: Path, common: Path, ref: str) -> str | None:
    for _ in range(_MAX_DEPTH):
        if not ref.startswith("refs/") or ".." in ref.split("/"):
            return None
        text = None
        for base in (git_dir, common):
            text = _read_small(base / ref)
            if text is not None:
                break
        if text is None:
            text = _packed(common, ref)
        if text is None:
            return None
        text = text.strip()
        if text.startswith("ref:"):
            ref = text[4:].strip()
            continue
        return text
    return None


def head_commit(project_dir: Path) -> str:
    """The short id of the commit checked out in *project_dir*'s repository, or "" when there is none."""
    git_dir = find_git_dir(project_dir)
    if git_dir is None:
        return ""
    common = _common_dir(git_dir)
    head = (_read_small(git_dir / "HEAD") or "").strip()
    sha = _resolve(git_dir, common, head[4:].strip()) if head.startswith("ref:") else head
    if not sha or not _SHA.fullmatch(sha.lower()):
        return ""
    return sha.lower()[:SHORT]
