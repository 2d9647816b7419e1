"""``roadmap-gen upgrade``: refresh a project's scaffolding to this version of the tool, safely.

For each file the tool owns (JSON Schemas, CI files, README, ``.gitignore``,
``mkdocs.yml``, ``site_config/``; see :mod:`roadmap_gen.commands.scaffold`):

- the same bytes as this version's: *up to date*;
- missing and never written before: *added*;
- missing but recorded as written: the user removed it (a CI file they do not
  use): *left out*;
- unchanged since it was written (the same bytes as its pristine copy in
  ``.roadmap-gen-pristine/``, or its sha256 the recorded one): *updated*;
- changed by the user while this version writes what the last one did: *kept*
  as the user has it (nothing to merge);
- changed on both sides: merged three ways (base: the pristine copy; see
  :mod:`roadmap_gen.core.merge3way`): *merged* when the changes are apart, else
  written with conflict markers, *conflict*, and the command exits 1;
- changed by the user with no pristine copy to merge from (a project from
  before it was kept): *kept*, with a unified diff from it to this version's
  file, to apply by hand.

Every file the tool writes refreshes its pristine copy.

Nothing under ``content/`` is read or written; ``requirements.txt`` is the
user's and is only checked for the version it pins.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from roadmap_gen.commands.install_source import REQUIREMENTS, pinned_requirement
from roadmap_gen.commands.scaffold import (
    MANIFEST,
    manifest_text,
    project_ids,
    read_manifest,
    read_pristine,
    require_project,
    scaffolding,
    sha256,
    write_pristine,
)
from roadmap_gen.core.merge3way import merge
from roadmap_gen.core.safe_write import LinkRefused, read_regular, refusal, write_file
from roadmap_gen.core.version import __version__
from roadmap_gen.workspace.files import MAX_FILE_BYTES

ADDED, UPDATED, UP_TO_DATE, KEPT, LEFT_OUT, STALE, CHECK, MERGED, CONFLICT = (
    "added", "updated", "up to date", "kept", "left out", "no longer generated", "check", "merged",
    "merged with conflicts")


@dataclass(frozen=True)
class FileAction:
    path: str
    action: str
    reason: str = ""
    diff: str = ""  # for a kept file: from the user's file to this version's

    def line(self, *, dry_run: bool = False) -> str:
        action = (f"would be {self.action}" if dry_run and self.action in (ADDED, UPDATED, MERGED, CONFLICT)
                  else self.action)
        return f"{self.path}: {action}" + (f" ({self.reason})" if self.reason else "")


def unified_diff(rel: str, old: bytes, new: bytes) -> str:
    """A diff ``git apply`` and ``patch -p1`` accept, a/ and b/ prefixes included."""
    def lines(data: bytes) -> list[str]:
        out = data.decode("utf-8", errors="replace").splitlines(keepends=True)
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n\\ No newline at end of file\n"
        return out

    return "".join(difflib.unified_diff(lines(old), lines(new), f"a/{rel}", f"b/{rel}"))


def upgrade_project(project: Path, *, dry_run: bool = False) -> list[FileAction]:
    """Bring the project's scaffolding to this version; returns what was (or, dry, would be) done per file."""
    require_project(project)
    refused = refusal(project / MANIFEST, project)
    if refused is not None:  # checked first: the record is rewritten at the end
        raise LinkRefused(f"refusing to upgrade: {refused}")
    record = read_manifest(project)
    actions: list[FileAction] = []
    current = scaffolding(project_ids(project))
    for rel, new in current.items():
        path = project / rel
        try:  # never through a link: a kept file's diff must not show what a link points at
            old = read_regular(path, project, MAX_FILE_BYTES, rel)
        except LinkRefused as refused:
            actions.append(FileAction(rel, KEPT, f"{refused}; roadmap-gen never reads or writes through a link"
                                      " or over something that is not a file"))
            continue
        if old is None:
            if rel in record:
                actions.append(FileAction(rel, LEFT_OUT, "you removed it; 'roadmap-gen init . --force' restores it"))
                continue
            action = FileAction(rel, ADDED)
        else:
            base = read_pristine(project, rel)
            if old == new:
                record[rel] = sha256(new)
                actions.append(FileAction(rel, UP_TO_DATE))
                if base != new and not dry_run:
                    write_pristine(project, rel, new)
                continue
            if base is not None and old != base:
                if base == new:  # only the user changed it: theirs stands, and there is nothing to merge
                    actions.append(FileAction(rel, KEPT, "only you changed it; this version writes what the last "
                                                         "one did"))
                    continue
                action, written = _merged(rel, base, old, new)
            elif base is None and record.get(rel) != sha256(old):
                why = "you changed it" if rel in record else "no record says roadmap-gen wrote it as it is"
                actions.append(FileAction(rel, KEPT, f"{why}, and no pristine copy to merge from: apply the diff "
                                                     "by hand", unified_diff(rel, old, new)))
                continue
            else:
                action, written = FileAction(rel, UPDATED), new
            new = written
        if not dry_run:
            try:
                write_file(path, new, base=project, make_folders=True, shown=rel)
            except LinkRefused as refused:  # a link put in place since it was read
                actions.append(FileAction(rel, KEPT, str(refused)))
                continue
            write_pristine(project, rel, current[rel])
        record[rel] = sha256(new)
        actions.append(action)
    for rel in sorted(set(record) - set(current)):
        actions.append(FileAction(rel, STALE, "remove it if you do not need it"))
        del record[rel]
    actions.append(_requirements_check(project))
    if not dry_run:
        write_file(project / MANIFEST, manifest_text(record).encode("utf-8"), base=project, shown=MANIFEST)
    return actions


def _merged(rel: str, base: bytes, ours: bytes, theirs: bytes) -> tuple[FileAction, bytes]:
    """Both the user and this version changed *rel*: the three-way merge, and what it says."""
    try:
        was, yours, now = (data.decode("utf-8").splitlines(keepends=True) for data in (base, ours, theirs))
    except UnicodeDecodeError:
        return FileAction(rel, KEPT, "you changed it and it is not UTF-8 text: apply the diff by hand",
                          unified_diff(rel, ours, theirs)), ours
    result = merge(was, yours, now, ours_name="yours", theirs_name=f"roadmap-gen {__version__}")
    if result.conflicts:
        return FileAction(rel, CONFLICT, f"{result.conflicts} place(s) you and this version both changed: resolve "
                                         "the <<<<<<< ======= >>>>>>> blocks"), result.text.encode("utf-8")
    return FileAction(rel, MERGED, "your changes kept, this version's added"), result.text.encode("utf-8")


def _requirements_check(project: Path) -> FileAction:
    try:
        data = read_regular(project / REQUIREMENTS, project, MAX_FILE_BYTES, REQUIREMENTS)
    except LinkRefused as refused:  # its line is shown: never what a link points at
        return FileAction(REQUIREMENTS, CHECK, f"{refused}; put the file itself in the project")
    try:
        line = pinned_requirement(data.decode("utf-8")) if data is not None else None
    except UnicodeDecodeError:
        data = None
    if data is None:
        return FileAction(REQUIREMENTS, CHECK, "missing: 'roadmap-gen init . --force --source WHERE' writes one")
    if line is None:
        return FileAction(REQUIREMENTS, CHECK, "it names no roadmap-gen line: CI would not install the tool")
    if __version__ not in line:
        return FileAction(REQUIREMENTS, CHECK, f"'{line}' may not install roadmap-gen {__version__}, the version"
                                              " running this upgrade: change that line to it")
    return FileAction(REQUIREMENTS, UP_TO_DATE, f"pins {__version__}")


__all__ = ["CONFLICT", "MERGED", "FileAction", "unified_diff", "upgrade_project"]
