"""Writing and re-reading the tool's own files without following a link: the one way the tool writes.

Every file a command writes for the user (``init``, ``upgrade``, ``export --output``, ``report --pdf``,
``build --pdf``'s PDF, and any later writer) goes through :func:`write_file`:

- each folder from a *base* (the project, or the folder the user named) down to the file is opened
  with ``O_NOFOLLOW``, one name at a time (``openat``), so a folder on the way that is a symbolic
  link is refused instead of leading the write out of the project;
- the file itself must be missing or a regular file: a link there (dangling or not), a folder, a
  pipe or a device is refused, never written through;
- the bytes go to a new temporary file beside it (``O_CREAT | O_EXCL | O_NOFOLLOW``), which is then
  renamed over the name: a reader never sees half a file, and a link swapped in at the last moment
  is replaced, not followed. A file that was there keeps its permission bits.

:func:`read_regular` is the matching read of a file the tool wrote before (a scaffolding file that
``upgrade`` compares, the record of what ``init`` wrote): only a regular file reached without a link
is read, so nothing the tool prints can come from ``/proc/self/environ`` or another file a link
points at. :func:`check_output` refuses an output path that is one of the project's inputs.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from roadmap_gen.core.diagnostics import ProjectError, UsageError

#: What a project reads (docs/format.md): an output written there would overwrite or add an input.
PROJECT_INPUTS = ("content", "templates", "site_config", "mkdocs.yml", "roadmap-gen.yaml")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC


class LinkRefused(ProjectError):
    """A file the tool would write or re-read is a link, sits below a link, or is not a regular file."""


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular one is, in words (from ``stat``/``lstat``); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _kind(mode: int) -> str:
    return file_kind(mode) or "a file"


def _lstat_at(folder: int, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _split(target: Path, base: Path | None) -> tuple[Path, tuple[str, ...]]:
    """The folder to start from and the folder names from it down to *target*'s folder."""
    target = Path(os.path.abspath(target))
    if base is not None:
        base = Path(os.path.abspath(base))
        try:
            return base, target.parent.relative_to(base).parts
        except ValueError:
            pass
    return target.parent, ()


def _enter(folder: int, name: str, *, make: bool, shown: str) -> int:
    """Open the folder *name* inside the open folder *folder*, never through a link (made when *make*)."""
    found = _lstat_at(folder, name)
    if found is None and make:
        try:
            os.mkdir(name, 0o777, dir_fd=folder)
        except FileExistsError:
            pass
        found = _lstat_at(folder, name)
    if found is None:
        raise ProjectError(f"cannot write {shown}: the folder {name}/ on the way does not exist")
    if not stat.S_ISDIR(found.st_mode):
        why = "; roadmap-gen never writes through a link" if stat.S_ISLNK(found.st_mode) else ", not a folder"
        raise LinkRefused(f"refusing to write {shown}: {name}/ on the way is {_kind(found.st_mode)}{why}")
    return os.open(name, _FOLDER_FLAGS, dir_fd=folder)


def _open_folder(target: Path, base: Path | None, *, make: bool, shown: str) -> int:
    start, names = _split(target, base)
    try:
        folder = os.open(start, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    except FileNotFoundError:
        raise ProjectError(f"cannot write {shown}: the folder {start} does not exist") from None
    except OSError as exc:
        raise ProjectError(f"cannot write {shown}: cannot open the folder {start}: {exc.strerror or exc}") from None
    try:
        for name in names:
            inner = _enter(folder, name, make=make, shown=shown)
            os.close(folder)
            folder = inner
    except OSError as exc:
        os.close(folder)
        raise ProjectError(f"cannot write {shown}: {exc.strerror or exc}") from None
    except BaseException:
        os.close(folder)
        raise
    return folder


def write_file(target: Path, data: bytes, base: Path | None = None, *, make_folders: bool = False,
               shown: str | None = None) -> None:
    """Write *data* to *target* through a temporary file and a rename, following no link.

    The folders from *base* (when *target* is inside it; else *target*'s own folder) down to the file
    are opened without following links, made when *make_folders*. *shown* names the file in messages.
    """
    shown = shown or str(target)
    name = Path(os.path.abspath(target)).name
    folder = _open_folder(target, base, make=make_folders, shown=shown)
    try:
        found = _lstat_at(folder, name)
        if found is not None and not stat.S_ISREG(found.st_mode):
            raise LinkRefused(f"refusing to write {shown}: it is {_kind(found.st_mode)}; roadmap-gen never writes "
                              "through a link or over something that is not a file: remove it, or write elsewhere")
        temp = f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            out = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666, dir_fd=folder)
            try:
                if found is not None:
                    os.fchmod(out, stat.S_IMODE(found.st_mode))
                view = memoryview(data)
                while view:
                    view = view[os.write(out, view):]
            finally:
                os.close(out)
            os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError as exc:
            try:
                os.unlink(temp, dir_fd=folder)
            except OSError:
                pass
            raise ProjectError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        os.close(folder)


def read_regular(target: Path, base: Path, limit: int, shown: str | None = None) -> bytes | None:
    """The bytes of *target*, a file of the tool's below *base*; None when it is missing.

    Refused (:class:`LinkRefused`) when it, or a folder on the way, is a link, or it is not a regular
    file: what the tool reads back and may print is never a file a link points at.
    """
    shown = shown or str(target)
    try:
        folder = _open_folder(target, base, make=False, shown=shown)
    except LinkRefused:
        raise
    except ProjectError:
        return None  # a folder on the way is missing: so is the file
    try:
        name = Path(os.path.abspath(target)).name
        found = _lstat_at(folder, name)
        if found is None:
            return None
        if not stat.S_ISREG(found.st_mode):
            raise LinkRefused(f"{shown} is {_kind(found.st_mode)}, not a file")
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC, dir_fd=folder)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LinkRefused(f"{shown} is not a file")
            data = read_at_most(fd, limit + 1)
        finally:
            os.close(fd)
        if len(data) > limit:
            raise LinkRefused(f"{shown} is larger than {limit:,} bytes")
        return data
    finally:
        os.close(folder)


def read_at_most(fd: int, most: int) -> bytes:
    """Up to *most* bytes from the open file *fd*: a file that grows, or never ends, costs no more."""
    chunks, size = [], 0
    while size < most:
        chunk = os.read(fd, min(1 << 20, most - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def refusal(target: Path, base: Path) -> str | None:
    """Why :func:`write_file` would refuse *target* below *base* (a link or a non-file on the way or at
    it), or None; nothing is written. For a command that checks every file before writing any."""
    start, names = _split(target, base)
    current = start
    for name in (*names, Path(os.path.abspath(target)).name):
        current = current / name
        try:
            found = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            return None
        rel = current.relative_to(start).as_posix()
        if stat.S_ISLNK(found.st_mode):
            return f"{rel} is a symbolic link; roadmap-gen never writes through a link"
        if current != Path(os.path.abspath(target)):
            if not stat.S_ISDIR(found.st_mode):
                return f"{rel} is a file, not a folder"
        elif not stat.S_ISREG(found.st_mode):
            return f"{rel} is {_kind(found.st_mode)}, not a file"
    return None


def check_output(project: Path, target: Path) -> None:
    """A usage error when *target*, as written or with its links resolved, is one of *project*'s inputs
    (``export --output content/organisation.yaml`` would overwrite the assessment)."""
    root = Path(os.path.abspath(project))
    real_root = Path(os.path.realpath(project))
    for place, top in ((Path(os.path.abspath(target)), root), (Path(os.path.realpath(target)), real_root)):
        for area in PROJECT_INPUTS:
            guarded = top / area
            if place == guarded or guarded in place.parents:
                raise UsageError(f"{target} is one of the project's inputs ({area}); write the output "
                                 "somewhere else")


def write_output(project: Path, target: Path, data: bytes) -> None:
    """A command's output file (``export --output``, ``report --pdf``): never one of the project's inputs,
    never through a link; inside the project, no folder on the way may be a link either."""
    check_output(project, target)
    write_file(target, data, base=project)


__all__ = ["LinkRefused", "PROJECT_INPUTS", "check_output", "file_kind", "read_at_most", "read_regular", "refusal",
           "write_file", "write_output"]
