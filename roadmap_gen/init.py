"""``roadmap-gen init DIR``: a new project that builds with ``--strict`` at once.

``--force`` writes into a folder that is not empty: it (re)writes the tool's
scaffolding, but under ``content/`` it writes only what is missing, so it can
never overwrite a roadmap (see :mod:`roadmap_gen.scaffold` for the three kinds
of file, and ``roadmap-gen upgrade`` for refreshing a project safely).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from roadmap_gen.version import __version__
from roadmap_gen.diagnostics import ProjectError
from roadmap_gen.install_source import PLACEHOLDER_REPO, REQUIREMENTS, Source, requirements_text
from roadmap_gen.scaffold import (MANIFEST, is_content, is_scaffolding, manifest_text, project_ids, read_manifest,
                                  sha256, skeleton_files)

#: What ``requirements.txt`` names when nobody said where the tool comes from.
PLACEHOLDER = Source(f"roadmap-gen @ {PLACEHOLDER_REPO}@v{__version__}", False,
                     "set where roadmap-gen comes from in requirements.txt")


def init_project(target: Path, today: date, force: bool = False, source: Source | None = None,
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
    files = skeleton_files(today, project_ids(target))
    files[REQUIREMENTS] = requirements_text(source or PLACEHOLDER, __version__).encode("utf-8")
    record = read_manifest(target)
    written = []
    for rel, data in files.items():
        out = target / rel
        if out.exists() and (is_content(rel) or (rel == REQUIREMENTS and not replace_requirements)):
            continue  # the user's own: only what is missing is written
        if out.exists() and not out.is_file():
            raise ProjectError(f"{out} exists and is not a file")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        written.append(out)
        if is_scaffolding(rel):
            record[rel] = sha256(data)
    (target / MANIFEST).write_text(manifest_text(record), encoding="utf-8")
    written.append(target / MANIFEST)
    return written


__all__ = ["PLACEHOLDER", "init_project"]
