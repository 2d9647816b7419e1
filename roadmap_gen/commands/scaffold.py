"""The files ``init`` writes into a project, and the record of what it wrote.

Three kinds of file:

- **content** (``content/**``): the user's own from the first edit. ``init``
  writes one only where it is missing, even with ``--force``; ``upgrade``
  never touches content.
- ``requirements.txt``: the user's too (it names where the tool comes from);
  written where missing, or when ``init --source`` says where.
- **scaffolding** (everything else: JSON Schemas, CI files, README,
  ``.gitignore``, ``mkdocs.yml``, ``site_config/``): the tool's. The sha256 of
  each, as written, is recorded in :data:`MANIFEST`, a small JSON file at the
  project's root that is committed with it (``.roadmap-gen/`` is git-ignored,
  so the record does not live there). ``upgrade`` replaces a scaffolding file
  whose bytes still have the recorded hash, and leaves one the user changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from string import Template

from roadmap_gen.commands.install_source import REQUIREMENTS
from roadmap_gen.core.diagnostics import ProjectError
from roadmap_gen.core.periods import Quarter, add_months
from roadmap_gen.core.safe_write import LinkRefused, read_regular, write_file
from roadmap_gen.core.version import __version__
from roadmap_gen.load.project import load_catalogue, load_project
from roadmap_gen.load.schemas import catalogue_ids, project_own_ids, schema_texts
from roadmap_gen.model import Project
from roadmap_gen.plan.checks import CHECKS
from roadmap_gen.spec.fields import Ids
from roadmap_gen.workspace.files import MAX_FILE_BYTES

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
MANIFEST = ".roadmap-gen-scaffold.json"
#: Where the files the tool wrote are kept as it wrote them, committed with the project: the base of
#: upgrade's three-way merge (``.roadmap-gen/`` is git-ignored, so colleagues and CI would not have it).
PRISTINE = ".roadmap-gen-pristine"
#: Where a project's JSON Schemas are; its YAML files name them in a first line
#: ``# yaml-language-server: $schema=../schema/organisation.schema.json``.
SCHEMA_FOLDER = "schema"


def pristine_of(rel: str) -> str:
    """Where the pristine copy of scaffolding file *rel* lives in the project."""
    return f"{PRISTINE}/{rel}"
# Files stored under another name so that they do not act inside this repository.
_RENAMED = {"gitignore": ".gitignore"}


def is_content(rel: str) -> bool:
    return rel == "content" or rel.startswith("content/")


def is_scaffolding(rel: str) -> bool:
    """Files the tool owns: refreshed by ``upgrade`` while the user has not changed them."""
    return not is_content(rel) and rel not in (REQUIREMENTS, MANIFEST) and not rel.startswith(f"{PRISTINE}/")


def project_ids(project: Path) -> Ids:
    """What the project's JSON Schemas list: the ids it defines and those of its catalogue (the packaged
    catalogue's when it has none of its own), and the health checks' ids.

    A project with errors lists only its catalogue's ids (none when the catalogue does not load either):
    what it defines itself may be what fails (a team whose file has errors is left out of a partial
    load), and an editor must never reject an id the project does define. Its schemas are refreshed
    once it loads."""
    loaded = load_project(project)
    if loaded.project is not None:
        return ids_of(loaded.project)
    catalogue, _, _ = load_catalogue(project)
    ids = dict(catalogue_ids(catalogue)) if catalogue is not None else {}
    ids["check"] = tuple(sorted(CHECKS))
    return ids


def ids_of(project: Project) -> Ids:
    """What the JSON Schemas of a *project* that loaded list (see :func:`project_ids`)."""
    return {**project_own_ids(project), "check": tuple(sorted(CHECKS))}


def schema_files(ids: Ids) -> dict[str, bytes]:
    """The JSON Schemas listing *ids*, by POSIX path in the project."""
    return {f"{SCHEMA_FOLDER}/{name}": text.encode("utf-8") for name, text in schema_texts(ids).items()}


def _packaged_files(ids: Ids) -> dict[str, bytes]:
    """The skeleton and the JSON Schemas (listing *ids*), by POSIX path in the project."""
    files: dict[str, bytes] = {}
    for path in sorted(SKELETON.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(SKELETON)
            files[rel.with_name(_RENAMED.get(rel.name, rel.name)).as_posix()] = path.read_bytes()
    files.update(schema_files(ids))
    return dict(sorted(files.items()))


def skeleton_files(today: date, ids: Ids) -> dict[str, bytes]:
    """Every file of a new project but ``requirements.txt``; the example review is dated *today*."""
    period = Quarter.of(today)
    values = {
        "period": str(period),
        "date": today.isoformat(),
        "next": add_months(today, 3).isoformat(),
        "later": str(period.shift(3)),
        "due": str(period.shift(4)),
    }
    files = _packaged_files(ids)
    for rel, data in files.items():
        if is_content(rel) and rel.endswith(".yaml"):
            files[rel] = Template(data.decode("utf-8")).safe_substitute(values).encode("utf-8")
    return files


def scaffolding(ids: Ids) -> dict[str, bytes]:
    """The tool-owned files of a project (what ``upgrade`` refreshes)."""
    return {rel: data for rel, data in _packaged_files(ids).items() if is_scaffolding(rel)}


def require_project(project: Path) -> None:
    """Refuse a folder that is no project: a command that refreshes scaffolding must not start one."""
    if not (project / "content" / "organisation.yaml").is_file():
        raise ProjectError(f"{project} is not a roadmap-gen project (no content/organisation.yaml);"
                           " 'roadmap-gen init DIR' starts one")


def read_pristine(project: Path, rel: str) -> bytes | None:
    """The scaffolding file *rel* as the tool last wrote it (upgrade's merge base); None when there is no
    usable copy (missing, or a link: never read through)."""
    try:
        return read_regular(project / pristine_of(rel), project, MAX_FILE_BYTES, pristine_of(rel))
    except LinkRefused:
        return None


def write_pristine(project: Path, rel: str, data: bytes) -> None:
    """Keep *data* as the scaffolding file *rel* as the tool last wrote it (the base of upgrade's merge)."""
    write_file(project / pristine_of(rel), data, base=project, make_folders=True, shown=pristine_of(rel))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(project: Path) -> dict[str, str]:
    """Path -> sha256 of each scaffolding file as last written; empty when there is no (readable) record."""
    try:  # never through a link (it is rewritten in place)
        data = json.loads(read_regular(project / MANIFEST, project, MAX_FILE_BYTES) or b"null")
    except (OSError, ValueError, ProjectError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items() if isinstance(v, str)}


def manifest_text(files: Mapping[str, str]) -> str:
    record = {
        "about": ("Written by roadmap-gen: the sha256 of each file it generated, as written. "
                  "`roadmap-gen upgrade` replaces a file whose bytes still match and leaves one you changed. "
                  "Commit this file."),
        "version": __version__,
        "files": dict(sorted(files.items())),
    }
    return json.dumps(record, indent=2) + "\n"


__all__ = ["MANIFEST", "PRISTINE", "SCHEMA_FOLDER", "SKELETON", "ids_of", "pristine_of", "schema_files", "is_content", "is_scaffolding", "manifest_text", "project_ids", "read_manifest", "read_pristine", "require_project", "write_pristine",
           "scaffolding",
           "sha256", "skeleton_files"]
