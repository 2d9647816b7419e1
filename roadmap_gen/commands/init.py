"""``roadmap-gen init DIR``: a new project that builds with ``--strict`` at once.

``--force`` writes into a folder that is not empty: it (re)writes the tool's
scaffolding, but under ``content/`` it writes only what is missing, so it can
never overwrite a roadmap (see :mod:`roadmap_gen.commands.scaffold` for the three kinds
of file, and ``roadmap-gen upgrade`` for refreshing a project safely).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from roadmap_gen.commands.install_source import PLACEHOLDER_REPO, REQUIREMENTS, Source, requirements_text
from roadmap_gen.commands.scaffold import (
    MANIFEST,
    is_content,
    is_scaffolding,
    manifest_text,
    pristine_of,
    project_ids,
    read_manifest,
    schema_files,
    sha256,
    skeleton_files,
    write_pristine,
)
from roadmap_gen.core.diagnostics import ProjectError
from roadmap_gen.core.safe_write import LinkRefused, refusal, write_file
from roadmap_gen.core.version import __version__

#: What ``requirements.txt`` names when nobody said where the tool comes from.
PLACEHOLDER = Source(f"roadmap-gen @ {PLACEHOLDER_REPO}@v{__version__}", False,
                     "set where roadmap-gen comes from in requirements.txt")


def init_project(target: Path, today: date, *, force: bool = False, source: Source | None = None,
                 replace_requirements: bool = False) -> list[Path]:
    """Write a new project into ``target``; the example review is dated ``today``.

    ``requirements.txt`` names *source* (else a placeholder that fails clearly); it is written
    where missing, or rewritten when *replace_requirements*. Returns the files written.
    """
    if target.exists() and not target.is_dir():
        raise ProjectError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ProjectError(f"{target} is not empty; use --force to write into it anyway"
                           " (it never overwrites anything under content/)")
    files = skeleton_files(today, {})  # its schemas are made below, once content is written
    target.mkdir(parents=True, exist_ok=True)
    files[REQUIREMENTS] = requirements_text(source or PLACEHOLDER, __version__).encode("utf-8")
    record = read_manifest(target)
    wanted = {rel: data for rel, data in files.items()
              if not (os.path.lexists(target / rel)
                      and (is_content(rel) or (rel == REQUIREMENTS and not replace_requirements)))}
    # Every file is checked before any is written: a link on the way refuses the whole run.
    for rel in [*wanted, *map(pristine_of, filter(is_scaffolding, wanted)), MANIFEST]:
        refused = refusal(target / rel, target)
        if refused is not None:
            raise LinkRefused(f"refusing to write {rel}: {refused}")
    # The user's own content (and requirements) are written only where missing, and first: the JSON
    # Schemas then list the ids the project's files define as they now are.
    written = []
    for rel, data in wanted.items():
        if not is_scaffolding(rel):
            write_file(target / rel, data, base=target, make_folders=True, shown=rel)
            written.append(target / rel)
    fresh = schema_files(project_ids(target))
    for rel, data in wanted.items():
        if is_scaffolding(rel):
            data = fresh.get(rel, data)
            write_file(target / rel, data, base=target, make_folders=True, shown=rel)
            written.append(target / rel)
            record[rel] = sha256(data)
            # the base of upgrade's three-way merge
            write_pristine(target, rel, data)
    write_file(target / MANIFEST, manifest_text(record).encode("utf-8"), base=target, shown=MANIFEST)
    written.append(target / MANIFEST)
    return written


__all__ = ["PLACEHOLDER", "init_project"]
