"""One build at a time: advisory locks (``flock``) on a project and on a site folder.

A build holds the project's lock (``.roadmap-gen/lock``: it writes the staging tree)
and the site folder's lock (``.<name>.lock`` beside the folder: it replaces the folder),
so two builds, a build and ``serve``'s rebuild, or a build and ``review`` never meet.
A second command waits for the lock, says once that it waits, and stops with a clear
message after the limit. The locks are released by the kernel when the process ends,
however it ends, so a killed build never leaves a stale lock; the lock files stay
(removing a lock file while another process waits on it would let two in).

Waiting is the only place the tool looks at a clock, and it changes no output.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from roadmap_gen.core.diagnostics import ProjectError

STATE_DIR = ".roadmap-gen"
DEFAULT_WAIT_SECONDS = 120.0
_POLL_SECONDS = 0.1

Report = Callable[[str], None] | None


class LockTimeout(ProjectError):
    """Another roadmap-gen command held the lock for longer than the wait allowed."""


def _open_lock_file(path: Path, what: str) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"cannot create {path.parent} for the {what} lock: {exc.strerror or exc}") from None
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ProjectError(f"refusing to use {path} as the {what} lock: it is a symbolic link") from None
        raise ProjectError(f"cannot open the {what} lock {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ProjectError(f"refusing to use {path} as the {what} lock: it is not a regular file")
    return fd


@contextmanager
def hold(path: Path, what: str, wait: float = DEFAULT_WAIT_SECONDS, report: Report = None) -> Iterator[None]:
    """Hold an exclusive lock on *path* (created if needed) for the ``with`` block.

    Waits up to *wait* seconds for another holder, calling *report* once when it starts
    waiting; then raises :class:`LockTimeout` (exit 1) naming what it waited for.
    """
    fd = _open_lock_file(path, what)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise ProjectError(f"cannot lock {path}: {exc.strerror or exc}") from None
            if time.monotonic() >= deadline:
                raise LockTimeout(f"another roadmap-gen command is still working on the {what} ({path} is "
                                  f"locked); gave up after waiting {wait:g} s: try again when it has finished, "
                                  "or give a longer --wait")
            if not told and report is not None:
                report(f"waiting for another roadmap-gen command to finish with the {what} ({path})")
                told = True
            time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def state_dir(project_dir: Path) -> Path:
    """``.roadmap-gen`` (created if needed): a real, writable folder, never a link or a file."""
    from roadmap_gen.workspace.files import read_only

    state = project_dir / STATE_DIR
    found = _lstat(state)
    if found is None and not read_only(project_dir):
        try:
            state.mkdir()
        except FileExistsError:  # made meanwhile by another process (a build's own, keeping its load cache)
            pass
        except FileNotFoundError:
            raise ProjectError(f"the project folder {project_dir} does not exist") from None
        except OSError as exc:
            raise ProjectError(f"cannot create {STATE_DIR}/ in {project_dir}: {exc.strerror or exc}") from None
        found = _lstat(state)  # checked as one found there: a link or a file made meanwhile is refused
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to use {STATE_DIR}/: it is a symbolic link; roadmap-gen keeps its working "
                           "files in that folder and never follows a link there: remove the link")
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise ProjectError(f"{STATE_DIR} is a file; roadmap-gen keeps its working files in a folder of that "
                           "name: move the file away")
    if found is None:
        if read_only(project_dir):
            raise ProjectError(f"the project folder {project_dir} is read-only; roadmap-gen writes its working "
                               f"files into {STATE_DIR}/: make the folder writable")
        raise ProjectError(f"the project folder {project_dir} does not exist")
    if read_only(state):
        raise ProjectError(f"{STATE_DIR}/ is read-only; make it writable")
    return state


@contextmanager
def project_lock(project_dir: Path, wait: float = DEFAULT_WAIT_SECONDS, report: Report = None) -> Iterator[Path]:
    """Hold the project's lock (``.roadmap-gen/lock``); yields the state folder."""
    state = state_dir(project_dir)
    with hold(state / "lock", "project", wait, report):
        yield state


def site_lock_path(site_dir: Path) -> Path:
    """The lock file of a site folder: ``.<name>.lock`` beside it."""
    return site_dir.parent / f".{site_dir.name}.lock"
