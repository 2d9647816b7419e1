"""What the site's theme (Material for MkDocs) has that mkdocs.yml may name: its translations, its icons and
its templates, read from the installed theme's files (found without importing it).

A ``theme`` setting that names something the theme does not have makes the site engine's build fail with a
message that names no line of mkdocs.yml (``TemplateNotFound: .icons/material/hom.svg``); settings/read.py
checks these names first and says which line. A name is looked up only when it is a plain path inside the
theme's folders (no ``..``, no absolute path), so nothing outside them is ever looked at.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Collection
from difflib import get_close_matches
from pathlib import Path

#: An icon's or a template's name as the theme's templates join it into a path: words, dots and dashes,
#: in folders; never a folder above (``..``) or an absolute path.
_NAME = re.compile(r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*")


@functools.cache
def _package_folder(package: str, *parts: str) -> Path | None:
    """The folder *parts* inside the installed *package*, found without importing it; None without one."""
    spec = importlib.util.find_spec(package)
    for root in (spec.submodule_search_locations or ()) if spec is not None else ():
        folder = Path(root, *parts)
        if folder.is_dir():
            return folder
    return None


@functools.cache
def template_folders() -> tuple[Path, ...]:
    """The theme's templates, then MkDocs' own (where the theme finds ``sitemap.xml``), as MkDocs looks."""
    return tuple(folder for folder in (_package_folder("material", "templates"), _package_folder("mkdocs", "templates"))
                 if folder is not None)


def installed() -> bool:
    """Whether the theme's files are there to look at (else nothing can be told: no check)."""
    return _package_folder("material", "templates") is not None


@functools.cache
def languages() -> frozenset[str]:
    """The theme's translations: ``theme.language`` names one (``partials/languages/NAME.html``)."""
    folder = _package_folder("material", "templates", "partials", "languages")
    try:
        names = os.listdir(folder) if folder is not None else []
    except OSError:
        names = []
    return frozenset(name[:-len(".html")] for name in names if name.endswith(".html"))


def plain_name(name: str) -> bool:
    """Whether *name* is a path the theme's folders may hold: no ``..``, not absolute, no odd characters."""
    return bool(_NAME.fullmatch(name)) and ".." not in name.split("/")


def has_icon(name: str) -> bool:
    """Whether a setting may name the icon *name* (``material/home``: ``.icons/material/home.svg``)."""
    if not plain_name(name):
        return False
    folder = _package_folder("material", "templates", ".icons")
    return folder is not None and (folder / f"{name}.svg").is_file()


@functools.cache
def _icon_sets() -> dict[str, tuple[str, ...]]:
    """Every icon of the theme: its names by the set (folder) holding them ("" for the top)."""
    folder = _package_folder("material", "templates", ".icons")
    found: dict[str, list[str]] = {}
    for top, _dirs, files in os.walk(folder) if folder is not None else ():
        rel = os.path.relpath(top, folder).replace(os.sep, "/")
        found.setdefault("" if rel == "." else rel, []).extend(name[:-4] for name in files if name.endswith(".svg"))
    return {name: tuple(sorted(names)) for name, names in sorted(found.items())}


def closest_icon(name: str, own: Collection[str] = ()) -> str | None:
    """The icon nearest to *name*, its set first (``fontawesome/brand/github``: ``fontawesome/brands/github``),
    then its name in that set; None when nothing is near. *own*: the project's icons besides the theme's
    (``SET/NAME``). Only asked when a name is wrong."""
    sets = _icon_sets()
    if own:
        mine: dict[str, list[str]] = {}
        for icon in own:
            folder, _, last = icon.rpartition("/")
            mine.setdefault(folder, []).append(last)
        sets = {**sets, **{folder: tuple(sorted({*sets.get(folder, ()), *names})) for folder, names in mine.items()}}
    folder, _, last = name.rpartition("/")
    if folder not in sets:
        near = get_close_matches(folder, [s for s in sets if s], n=1)
        if not near:
            return None
        folder = near[0]
    found = get_close_matches(last, sets[folder], n=1)
    return f"{folder}/{found[0]}" if found and folder else (found[0] if found else None)


def has_template(name: str, own: Collection[str] = ()) -> bool:
    """Whether ``theme.static_templates`` may name *name*: a file of the theme's folders (or the project's
    ``overrides/``)."""
    if not plain_name(name):
        return False
    return f"overrides/{name}" in own or any((folder / name).is_file() for folder in template_folders())
