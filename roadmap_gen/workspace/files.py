"""Reading a project's files safely: the one place inputs are opened.

Every input (content/, templates/, site_config/, content/pages/, mkdocs.yml) is read
through :class:`ProjectFiles`, which enforces the file rules of docs/security.md:

- A file is read only if it is a regular file. Named pipes, devices, sockets and
  folders are refused with a located error, decided from ``stat`` before anything is
  opened, and checked again on the open descriptor (opened ``O_NONBLOCK``, so even a
  pipe swapped in at the last moment cannot hang the tool).
- A file is read only if its real path (symlinks resolved) is inside the project.
  A link that leaves the project (to ``/etc/passwd``, ``/proc/self/environ``, another
  checkout) is refused with a located error naming ``--trust``; with ``--trust`` it is
  read, so roadmaps may share a catalogue through a link.
- A file is read up to a size limit: no input can make the tool read for ever.
- Names: YAML files are those ending ``.yaml`` or ``.yml`` in any letter case
  (``team.YAML`` is read). A file whose name says YAML but does not end so
  (``team.yaml.txt``, ``team.yml~``, ``team.yaml.bak``) is not read and is reported as
  a warning (``ignored-file``), so nothing a user meant as input is skipped silently.
  Names starting with ``.`` are never inputs (editor and tool state). A file or folder whose name
  holds a control character (a line break, an escape, a bidirectional control) is refused
  (``bad-name``): ``evil\n.yaml`` would otherwise publish ``teams/evil\n/``, and ``2026-Q3\n`` pass
  for a review folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error, warning
from roadmap_gen.core.safe_text import has_controls
from roadmap_gen.core.safe_write import file_kind as _kind

#: The largest input file read (the YAML loader's own limit is the same).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: The most files one input folder (templates/, site_config/) may hold, links followed.
MAX_FOLDER_FILES = 10_000

YAML_SUFFIXES = (".yaml", ".yml")
TRUST_HINT = "run with --trust only if you trust everyone who can change this project"


def read_only(path: Path) -> bool:
    """True when *path* has no write permission bit at all.

    Checked from the mode bits rather than with ``os.access``: CI often runs as root,
    for whom every file is writable, and a file or folder marked read-only is still a
    statement by its owner that the tool should respect.
    """
    try:
        return not (os.stat(path).st_mode & 0o222)
    except OSError:
        return False


def is_yaml_name(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


def looks_like_yaml(name: str) -> bool:
    """A name that says YAML without ending in a YAML suffix (``x.yaml.txt``, ``x.yml~``)."""
    lower = name.lower()
    return not is_yaml_name(name) and (".yaml" in lower or ".yml" in lower)


@dataclass
class ProjectFiles:
    """Reads files under one project root, by the rules above; problems become diagnostics."""

    root: Path
    trust: bool = field(default=False, kw_only=True)
    diagnostics: list[Diagnostic] = field(default_factory=list, kw_only=True)

    def __post_init__(self) -> None:
        self.root = Path(os.path.realpath(self.root))

    # --- places ----------------------------------------------------------------------

    def rel(self, path: Path) -> str:
        """*path* relative to the project, as the diagnostics show it."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def inside(self, path: Path) -> bool:
        """True when *path*, every link on the way resolved, is inside the project."""
        try:
            return self._inside_real(os.path.realpath(path))
        except (ValueError, OSError):
            return False

    def _inside_real(self, real: str) -> bool:
        """True when *real* (a path ``os.path.realpath`` gave) is the project's folder or inside it."""
        root, real = os.path.normcase(str(self.root)), os.path.normcase(real)
        return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

    def _report(self, diagnostic: Diagnostic) -> Diagnostic:
        self.diagnostics.append(diagnostic)
        return diagnostic

    # --- single files ----------------------------------------------------------------

    def problem(self, path: Path, label: str | None = None) -> Diagnostic | None:
        """Why *path* may not be read (a located error), or None; nothing is opened."""
        return self._problem(path, label or self.rel(path))[0]

    def _problem(self, path: Path, label: str) -> tuple[Diagnostic | None, str]:
        """:meth:`problem`, and the path with every link resolved that it checked (what is then opened)."""
        where = Loc(label, 1, 1)
        try:
            link = os.lstat(path)
            real = os.path.realpath(path)
        except (OSError, ValueError) as exc:
            return error(where, "unreadable", f"cannot read {label}: {getattr(exc, 'strerror', None) or exc}"), ""
        if not self.trust and not self._inside_real(real):
            return error(where, "outside-project",
                         f"{label} is a link to a file outside the project; refusing to read it",
                         "copy the file into the project, or " + TRUST_HINT), real
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            reason = "a link to nothing" if stat.S_ISLNK(link.st_mode) else (exc.strerror or str(exc))
            return error(where, "unreadable", f"cannot read {label}: {reason}"), real
        kind = _kind(mode)
        if kind is not None:
            return error(where, "not-a-file", f"{label} is {kind}, not a file; refusing to read it",
                         "replace it with a regular file"), real
        return None, real

    def read_bytes(self, path: Path, label: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes | None:
        """The bytes of *path*, or None with the reason added to :attr:`diagnostics`."""
        label = label or self.rel(path)
        refused, real = self._problem(path, label)
        if refused is not None:
            self._report(refused)
            return None
        where = Loc(label, 1, 1)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
        try:
            fd = os.open(real, flags)  # the very path checked above, links resolved
        except OSError as exc:
            self._report(error(where, "unreadable", f"cannot read {label}: {exc.strerror or exc}"))
            return None
        try:
            kind = _kind(os.fstat(fd).st_mode)
            if kind is not None:  # swapped for something else since the check
                self._report(error(where, "not-a-file", f"{label} is {kind}, not a file; refusing to read it"))
                return None
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                try:
                    chunk = os.read(fd, min(1 << 20, limit + 1 - size))
                except BlockingIOError:  # pragma: no cover - regular files never block
                    break
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError as exc:
            self._report(error(where, "unreadable", f"cannot read {label}: {exc.strerror or exc}"))
            return None
        finally:
            os.close(fd)
        if size > limit:
            self._report(error(where, "file-too-large", f"{label} is larger than {limit:,} bytes",
                               "split the content over several files"))
            return None
        return b"".join(chunks)

    def read_text(self, path: Path, label: str | None = None) -> str | None:
        """The file decoded as UTF-8 (a BOM dropped), or None with a located reason."""
        label = label or self.rel(path)
        data = self.read_bytes(path, label)
        if data is None:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._report(error(Loc(label, 1, 1), "not-utf8", f"{label} is not readable UTF-8 text",
                               "save the file as UTF-8"))
            return None

    # --- folders ---------------------------------------------------------------------

    def folder(self, path: Path, label: str | None = None) -> bool:
        """True when *path* is a folder to look into; an input path that is something else is reported."""
        label = label or self.rel(path)
        try:
            os.lstat(path)
        except FileNotFoundError:
            return False
        except OSError as exc:
            self._report(error(Loc(label, 1, 1), "unreadable", f"cannot read {label}: {exc.strerror or exc}"))
            return False
        if not self.trust and not self.inside(path):
            self._report(error(Loc(label, 1, 1), "outside-project",
                               f"{label} is a link to a folder outside the project; refusing to read it",
                               "copy the files into the project, or " + TRUST_HINT))
            return False
        try:
            mode = os.stat(path).st_mode
        except OSError:
            self._report(error(Loc(label, 1, 1), "unreadable", f"cannot read {label}: a link to nothing"))
            return False
        if not stat.S_ISDIR(mode):
            self._report(error(Loc(label, 1, 1), "not-a-folder", f"{label} is {_kind(mode) or 'a file'}, "
                               "not a folder", f"{label} must be a folder; move the file away"))
            return False
        return True

    def entries(self, folder: Path) -> list[Path]:
        """The visible entries of *folder* (names starting with '.' left out), sorted by name."""
        if not self.folder(folder):
            return []
        try:
            names = sorted(name for name in os.listdir(folder) if not name.startswith("."))
        except OSError as exc:
            self._report(error(Loc(self.rel(folder), 1, 1), "unreadable",
                               f"cannot list {self.rel(folder)}: {exc.strerror or exc}"))
            return []
        return [folder / name for name in names if self._fit_name(folder / name)]

    def _fit_name(self, path: Path) -> bool:
        """False (and reported) when the name of *path* holds a control character."""
        if not has_controls(path.name):
            return True
        self._report(error(Loc(self.rel(path), 1, 1), "bad-name",
                           f"{self.rel(path)}: the name holds a control character (shown escaped); refusing to "
                           "read it", "rename it with letters, digits, '-' and '.'"))
        return False

    def yaml_files(self, folder: Path) -> list[Path]:
        """The YAML files of *folder* (any letter case of .yaml/.yml), sorted by name.

        Entries that say YAML but are not named so are reported (``ignored-file``);
        entries named so that are not regular files are returned, for :meth:`read_bytes`
        to refuse with their place.
        """
        found = []
        for path in self.entries(folder):
            if is_yaml_name(path.name):
                found.append(path)
            elif looks_like_yaml(path.name):
                self._report(_ignored(self.rel(path), "only files ending .yaml or .yml are read"))
        return found

    def files_named(self, folder: Path, suffix: str, near: Iterable[str] = ()) -> list[Path]:
        """Files of *folder* ending *suffix* in any letter case; names containing one of *near* are reported."""
        found = []
        for path in self.entries(folder):
            lower = path.name.lower()
            if lower.endswith(suffix):
                found.append(path)
            elif any(word in lower for word in near):
                self._report(_ignored(self.rel(path), f"only files ending {suffix} are read here"))
        return found

    def walk(self, folder: Path, *, dotted: Collection[str] = ()) -> list[tuple[str, Path]]:
        """Every readable regular file under *folder* as (path relative to the folder, path), but for names
        starting with a dot (``.git``) unless their relative path is one of *dotted*.

        Links are followed only while they stay inside the project (or with trust), and
        each real folder is visited once, so a link loop ends. Refused entries are reported.
        """
        if not self.folder(folder):
            return []
        out: list[tuple[str, Path]] = []
        seen: set[str] = set()
        stack: list[tuple[str, Path]] = [("", folder)]
        while stack:
            prefix, current = stack.pop()
            real = os.path.realpath(current)
            if real in seen:
                continue
            seen.add(real)
            try:
                names = sorted(os.listdir(current))
            except OSError as exc:
                self._report(error(Loc(self.rel(current), 1, 1), "unreadable",
                                   f"cannot list {self.rel(current)}: {exc.strerror or exc}"))
                continue
            for name in names:
                if (name.startswith(".") and f"{prefix}{name}" not in dotted) or name == "__pycache__":
                    continue
                path = current / name
                if not self._fit_name(path):
                    continue
                rel = f"{prefix}{name}"
                try:
                    is_dir = stat.S_ISDIR(os.stat(path).st_mode)
                except OSError:
                    is_dir = False
                if is_dir:
                    if self.folder(path):
                        stack.append((rel + "/", path))
                    continue
                refused = self.problem(path)
                if refused is not None:
                    self._report(refused)
                    continue
                out.append((rel, path))
                if len(out) > MAX_FOLDER_FILES:
                    self._report(error(Loc(self.rel(folder), 1, 1), "too-many-files",
                                       f"{self.rel(folder)} holds more than {MAX_FOLDER_FILES:,} files"))
                    return []
        return sorted(out)


def _ignored(label: str, why: str) -> Diagnostic:
    return warning(Loc(label, 1, 1), "ignored-file", f"{label} is not read: {why}",
                   "rename it if it is meant as input, or move it out of the folder")


__all__ = ["MAX_FILE_BYTES", "ProjectFiles", "is_yaml_name", "looks_like_yaml", "read_only"]
