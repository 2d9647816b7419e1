"""``roadmap-gen schema``: write the project's JSON Schemas, which list its own ids; and keep them fresh.

The schemas in ``schema/`` let an editor (VS Code's YAML extension, any client of the YAML language
server) complete and check the project's files: each YAML file names its schema in a first line
``# yaml-language-server: $schema=../schema/organisation.schema.json``. They list the ids the project
uses, its catalogue's (factors, actions, roles ...) and its own (people, teams, metrics, dependencies),
so they go out of date whenever an id is added or renamed, and when the tool changes.

- ``schema`` writes every one that is missing or that the tool wrote (its bytes are the pristine copy
  ``init``, ``upgrade`` or this command last wrote, or the sha256 recorded for it);
- ``build``, ``review``, ``collect`` and ``catalogue import`` refresh the ones the tool wrote, and
  never bring back one the user removed;
- a schema the user changed, or one no record says the tool wrote, is never replaced (``upgrade``
  merges the user's changes three ways);
- ``validate`` notes ``stale-schema`` for each schema the tool wrote that is not what ``schema`` would
  write now: a notice, which ``--strict`` does not fail on (the site is right either way).

Every write goes through :func:`~roadmap_gen.core.safe_write.write_file`, and every read through
:func:`~roadmap_gen.core.safe_write.read_regular`: never through a link, only inside the project.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from roadmap_gen.commands.scaffold import (
    MANIFEST,
    ids_of,
    manifest_text,
    project_ids,
    read_manifest,
    read_pristine,
    require_project,
    schema_files,
    sha256,
    write_pristine,
)
from roadmap_gen.core.diagnostics import Diagnostic, Finding, Loc, ProjectError
from roadmap_gen.core.safe_write import LinkRefused, read_regular, write_file
from roadmap_gen.model import Project
from roadmap_gen.plan.checks.loaded import STALE_SCHEMA
from roadmap_gen.spec.fields import Ids
from roadmap_gen.workspace.files import MAX_FILE_BYTES

WRITTEN, UP_TO_DATE, KEPT, LEFT_OUT, REFUSED = "written", "up to date", "kept", "left out", "not written"


@dataclass(frozen=True)
class SchemaAction:
    path: str
    action: str
    reason: str = ""

    def line(self) -> str:
        return f"{self.path}: {self.action}" + (f" ({self.reason})" if self.reason else "")


@dataclass(frozen=True)
class _Found:
    """A schema file as it is in the project, and whether the tool wrote it as it is."""

    data: bytes | None  # None: missing
    ours: bool
    refused: str = ""  # why it cannot be read or written (a link, a folder ...)


def _found(project: Path, rel: str, record: dict[str, str]) -> _Found:
    try:
        data = read_regular(project / rel, project, MAX_FILE_BYTES, rel)
    except LinkRefused as refused:
        return _Found(None, False, f"{refused}; roadmap-gen never reads or writes through a link")
    except OSError as exc:
        return _Found(None, False, f"cannot read it: {exc.strerror or exc}")
    if data is None:
        return _Found(None, False)
    return _Found(data, data == read_pristine(project, rel) or record.get(rel) == sha256(data))


def write_schemas(project: Path, ids: Ids | None = None, *, restore: bool = True) -> list[SchemaAction]:
    """Bring the project's schemas up to date with its ids (*ids*, else read from the project): write each
    the tool wrote, and, when *restore*, each that is missing; keep the user's own. Returns what was done."""
    if restore:
        require_project(project)
    ids = project_ids(project) if ids is None else ids
    record = read_manifest(project)
    actions = []
    changed = False
    for rel, new in schema_files(ids).items():
        found = _found(project, rel, record)
        if found.refused:
            actions.append(SchemaAction(rel, REFUSED, found.refused))
            continue
        if found.data == new:
            actions.append(SchemaAction(rel, UP_TO_DATE))
            continue
        if found.data is None and not restore:
            actions.append(SchemaAction(rel, LEFT_OUT, "missing: 'roadmap-gen schema' writes it"))
            continue
        if found.data is not None and not found.ours:
            actions.append(SchemaAction(rel, KEPT, "you changed it, or no record says roadmap-gen wrote it: "
                                                   "'roadmap-gen upgrade' merges this version's changes into it"))
            continue
        try:
            write_file(project / rel, new, base=project, make_folders=True, shown=rel)
            # the base of upgrade's three-way merge: the file as the tool last wrote it
            write_pristine(project, rel, new)
        except (ProjectError, OSError) as exc:  # a link on the way, a read-only folder: the rest goes on
            actions.append(SchemaAction(rel, REFUSED, _why(exc)))
            continue
        record[rel] = sha256(new)
        changed = True
        actions.append(SchemaAction(rel, WRITTEN))
    if changed:
        try:  # unrecorded, a schema written is still known as the tool's: it is its pristine copy
            write_file(project / MANIFEST, manifest_text(record).encode("utf-8"), base=project, shown=MANIFEST)
        except (ProjectError, OSError) as exc:
            actions.append(SchemaAction(MANIFEST, REFUSED, _why(exc)))
    return actions


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ProjectError) else f"cannot write it: {getattr(exc, 'strerror', '') or exc}"


def refresh_schemas(project: Path, loaded: Project | None = None) -> list[SchemaAction]:
    """What ``build``, ``review``, ``collect`` and ``catalogue import`` do after their work: refresh the
    schemas the tool wrote (from *loaded*'s ids when given), bring back none. Returns what was written or
    could not be; a schema that cannot be written never fails the command that refreshes it."""
    actions = write_schemas(project, ids_of(loaded) if loaded is not None else None, restore=False)
    return [a for a in actions if a.action in (WRITTEN, REFUSED)]


def stale_schemas(project: Path, loaded: Project) -> list[Diagnostic]:
    """A ``stale-schema`` notice for each schema the tool wrote that differs from what ``schema`` would
    write now for *loaded* (a project that loaded: with errors its ids are not known)."""
    record = read_manifest(project)
    out = []
    for rel, new in schema_files(ids_of(loaded)).items():
        found = _found(project, rel, record)
        if found.data is not None and found.ours and found.data != new:
            out.append(Finding(Loc(rel, 1, 1), f"{rel} no longer lists the project's ids as they are (an id was "
                                               "added, renamed or removed, or roadmap-gen changed): an editor may "
                                               "reject a valid id or not offer a new one").diagnostic(STALE_SCHEMA))
    return out


#: The line by which a YAML file names its schema for the YAML language server (VS Code and others).
_POINTER = re.compile(rb"^(#[ \t]*yaml-language-server:[ \t]*\$schema=)([^\s]+)", re.MULTILINE)


def repoint_schema(data: bytes, was_in: str, now_in: str) -> bytes:
    """A YAML file's bytes, moved from the project folder *was_in* to *now_in* (POSIX, relative to the
    project): a ``$schema`` line that named a file of the project by a relative path names the same file
    from the new place. Every other byte stays (a URL, an absolute path, a path out of the project)."""
    def moved(match: re.Match[bytes]) -> bytes:
        try:
            target = match.group(2).decode("utf-8")
        except UnicodeDecodeError:
            return match.group(0)
        if "://" in target or target.startswith("/"):
            return match.group(0)
        inside = posixpath.normpath(posixpath.join(was_in, target))
        if inside == ".." or inside.startswith("../"):
            return match.group(0)
        return match.group(1) + posixpath.relpath(inside, now_in).encode("utf-8")

    return _POINTER.sub(moved, data)


__all__ = ["repoint_schema", "KEPT", "LEFT_OUT", "REFUSED", "UP_TO_DATE", "WRITTEN", "SchemaAction", "refresh_schemas", "stale_schemas",
           "write_schemas"]
