"""``roadmap-gen catalogue import MODEL PATH``: a public maturity model as a catalogue file.

Each importer is a module with ``NAME``, ``WHAT`` (what PATH is), ``HELP`` and ``read(path, shown,
version) -> Imported``; adding a model is adding a module to :data:`IMPORTERS`. This module picks
where the file goes, refuses what must not be overwritten, and writes it without following a link.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from roadmap_gen.core.diagnostics import ProjectError, UsageError
from roadmap_gen.core.safe_write import LinkRefused, check_output, read_regular, write_file
from roadmap_gen.importers import dsomm, samm
from roadmap_gen.importers.common import ROLES, Imported, catalogue_yaml, counts
from roadmap_gen.spec.yamlread import MAX_BYTES, Mapping, load_text
from roadmap_gen.workspace.files import is_yaml_name

IMPORTERS: dict[str, ModuleType] = {module.NAME: module for module in (samm, dsomm)}
CATALOGUE_DIR = Path("content") / "catalogue"


@dataclass(frozen=True)
class Outcome:
    target: Path
    imported: Imported
    lines: tuple[str, ...]  # what the user is told: counts, defaults to review, dependencies not kept


def header(imported: Imported, model: str) -> tuple[str, ...]:
    return (f"Imported from {imported.source}.",
            f"Licence of the model's text: {imported.licence}.",
            "",
            f"Written by: roadmap-gen catalogue import {model}. Review before use: every action's effort",
            "and owner_role are defaults (see the catalogue docs); factor questions and level names",
            "the model does not give are plain ones. To take the model's next version, import it to",
            "a new file (--output) and compare the two.",
            "")


def _catalogue_blocks(project: Path, folder: Path, target: Path) -> list[str]:
    """The YAML files of content/catalogue/ other than *target* that carry the ``catalogue:`` block."""
    found = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if is_yaml_name(entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for name in names:
        path = folder / name
        if os.path.abspath(path) == os.path.abspath(target):
            continue
        try:
            data = read_regular(path, project, MAX_BYTES, name)
        except LinkRefused:
            continue
        root = load_text(data or b"", name).root
        if isinstance(root, Mapping) and root.get("catalogue") is not None:
            found.append((CATALOGUE_DIR / name).as_posix())
    return found


def choose_target(project: Path, model: str, output: str | None, *, force: bool) -> Path:
    """Where the catalogue goes: ``--output``, else content/catalogue/<model>.yaml; refused while another
    catalogue file there has the ``catalogue:`` block, or the file exists and *force* is not given."""
    folder = project / CATALOGUE_DIR
    target = Path(output) if output is not None else folder / f"{model}.yaml"
    in_catalogue = Path(os.path.abspath(target)).parent == Path(os.path.abspath(folder))
    if not in_catalogue:
        check_output(project, target)  # anywhere else among the project's inputs is refused
    elif not is_yaml_name(target.name):
        raise UsageError(f"{target} is not a .yaml file; the project reads only those in {CATALOGUE_DIR}/")
    if output is None and not (project / "content").is_dir():
        raise ProjectError(f"{project} has no content/ folder, so it is not a roadmap-gen project; give --project "
                           "DIR, or --output FILE")
    if in_catalogue:
        others = _catalogue_blocks(project, folder, target)
        if others:
            raise ProjectError(f"{others[0]} already holds the project's catalogue (its 'catalogue:' block); move "
                               f"it out of {CATALOGUE_DIR.as_posix()}/ first, or import to another file with "
                               "--output FILE and compare")
    if os.path.lexists(target) and not force:
        raise ProjectError(f"{target} exists; give --force to replace it, or --output FILE to write another file")
    return target


def add_arguments(p: argparse.ArgumentParser) -> None:
    """``catalogue import``'s arguments, on the ``catalogue`` command (whose KIND is then ``import``)."""
    p.add_argument("model", nargs="?", metavar="MODEL", help="with import: " + "; ".join(
        f"{name} {m.WHAT}, {m.HELP}" for name, m in IMPORTERS.items()))
    p.add_argument("path", nargs="?", metavar="PATH", help="with import: the model's folder or file")
    p.add_argument("--output", metavar="FILE", default=None,
                   help="with import: write the catalogue to FILE (default: content/catalogue/MODEL.yaml)")
    p.add_argument("--force", action="store_true", help="with import: replace the file if it exists")
    p.add_argument("--model-version", metavar="TEXT", default=None,
                   help="with import: the model's version as the catalogue names it (default: what the model says)")


def import_catalogue(project: Path, model: str | None, source: Path | None, output: str | None, *, force: bool,
                     version: str | None = None) -> Outcome:
    """Read *source* with the importer of *model* and write the catalogue; nothing is written on a problem."""
    if model not in IMPORTERS or source is None:
        raise UsageError("catalogue import needs a model and its files: " + "; ".join(
            f"catalogue import {name} {m.WHAT}" for name, m in IMPORTERS.items()))
    importer = IMPORTERS[model]
    target = choose_target(project, model, output, force=force)
    read: Callable[[Path, str, str | None], Imported] = importer.read
    imported = read(source, source.as_posix(), version)
    text = catalogue_yaml(imported, header(imported, model))
    write_file(target, text.encode("utf-8"), base=project, make_folders=True)
    notes = [f"  {f.id}: {note}" for f in imported.factors for note in f.notes]
    lines = [f"wrote {target}: {counts(imported)}",
             f"licence: {imported.licence}",
             "review: every action has a default effort and owner_role (roles: "
             + ", ".join(r for r, _, _ in ROLES) + "); give people those roles in content/organisation.yaml"]
    if notes:
        lines.append(f"{len(notes)} dependencies the catalogue cannot express (kept as notes in the file):")
        lines += notes
    if imported.report:
        lines.append(f"{len(imported.report)} dependencies name nothing in the model and were left out:")
        lines += [f"  {line}" for line in imported.report]
    return Outcome(target, imported, tuple(lines))


__all__ = ["IMPORTERS", "Outcome", "add_arguments", "choose_target", "header", "import_catalogue"]
