"""The folders a build writes, and what it may delete there (docs/security.md).

Nothing is deleted that the tool did not make:

- every site folder the tool builds holds a marker file, :data:`SITE_MARKER`; a
  non-empty folder without it is refused (a site built by an earlier version,
  recognised by what it holds, is adopted once);
- the site folder, its temporary siblings and the staging tree are never followed
  through a symbolic link: a link there is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

from roadmap_gen.core.diagnostics import ProjectError
from roadmap_gen.site.lock import STATE_DIR, state_dir
from roadmap_gen.workspace.files import read_only

#: The file every site folder the tool builds holds; only such a folder is ever replaced.
SITE_MARKER = ".roadmap-gen-site"
MARKER_BYTES = (json.dumps({"generator": "roadmap-gen",
                            "note": "this folder is built by roadmap-gen, which replaces it on every build"},
                           indent=2) + "\n").encode("utf-8")
#: What a site built by a version before the marker holds; such a folder is adopted once.
_EARLIER_SITE = ("index.html", "sitemap.xml", "assets/javascripts", "downloads/roadmap.json")
#: The staging trees: ``build``'s, and the preview's own, so neither changes what the other compares with.
STAGING = "staging"
PREVIEW_STAGING = "preview-staging"


def lexists(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None


def is_earlier_site(folder: Path) -> bool:
    """True when *folder* holds what every site of an earlier roadmap-gen held (and no link there)."""
    for rel in _EARLIER_SITE:
        found = lexists(folder / rel)
        if found is None or stat.S_ISLNK(found.st_mode):
            return False
    return True


def check_site_dir(project_dir: Path, site_dir: Path) -> None:
    """Refuse a site dir the tool may not replace: the project itself or its inputs, a git
    checkout, a link, a file, or a non-empty folder the tool did not make."""
    project = project_dir.resolve()
    site = Path(os.path.abspath(site_dir))
    found = lexists(site)
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to build into {site_dir}: it is a symbolic link; roadmap-gen never "
                           "replaces a folder through a link: give the real folder with --site-dir")
    parent = site.parent
    while lexists(parent) is None and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ProjectError(f"refusing to build into {site_dir}: {parent} is a file, not a folder")
    resolved = site.resolve()
    if resolved == project or resolved in project.parents:
        raise ProjectError(f"refusing to build into {site_dir}: it holds the project itself")
    for guarded in ("content", "templates", "site_config", f"{STATE_DIR}/{STAGING}", f"{STATE_DIR}/{PREVIEW_STAGING}",
                    ".git"):
        area = project / guarded
        if resolved == area or area in resolved.parents:
            raise ProjectError(f"refusing to build into {site_dir}: it is inside the project's {guarded}/")
    if found is None:
        return
    if not stat.S_ISDIR(found.st_mode):
        raise ProjectError(f"refusing to build into {site_dir}: it is a file")
    if lexists(site / ".git") is not None:
        raise ProjectError(f"refusing to build into {site_dir}: it is a git checkout")
    if read_only(site):
        raise ProjectError(f"refusing to build into {site_dir}: the folder is read-only")
    try:
        entries = os.listdir(site)
    except OSError as exc:
        raise ProjectError(f"cannot read the site folder {site_dir}: {exc.strerror or exc}") from None
    if not entries:
        return
    marker = lexists(site / SITE_MARKER)
    if marker is not None and stat.S_ISREG(marker.st_mode):
        return
    if is_earlier_site(site):
        return  # built by an earlier roadmap-gen: adopted (this build writes the marker)
    raise ProjectError(
        f"refusing to build into {site_dir}: it is not empty and roadmap-gen did not make it (it has no "
        f"{SITE_MARKER} file), and building would delete what it holds; empty it yourself, or choose "
        "another folder with --site-dir")


def clear_own(path: Path, what: str) -> None:
    """Remove a temporary folder of ours (``.site.building``) without following links."""
    found = lexists(path)
    if found is None:
        return
    if stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to use {path} as the {what}: it is a symbolic link; remove the link")
    if stat.S_ISDIR(found.st_mode):
        shutil.rmtree(path)
    else:
        raise ProjectError(f"refusing to use {path} as the {what}: a file of that name is in the way")


def staging_dir(project_dir: Path, name: str = STAGING) -> Path:
    staging = state_dir(project_dir) / name
    found = lexists(staging)
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to use {STATE_DIR}/{name}: it is a symbolic link; remove the link")
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise ProjectError(f"{STATE_DIR}/{name} is a file; move it away")
    return staging



def walk_no_links(root: Path) -> list[tuple[str, os.stat_result]]:
    """Everything under *root* (relative POSIX path, lstat), links listed but never followed."""
    out: list[tuple[str, os.stat_result]] = []
    base = os.fspath(root)
    stack = [""]
    while stack:
        prefix = stack.pop()
        # Paths joined as text: a site of 1,000 teams has thousands of files, and a Path made for each
        # took half the walk (the preview walks its trees on every rebuild).
        with os.scandir(os.path.join(base, prefix) if prefix else base) as found:
            entries = sorted(found, key=lambda entry: entry.name)
        for entry in entries:
            rel = prefix + entry.name
            info = entry.stat(follow_symlinks=False)
            out.append((rel, info))
            if stat.S_ISDIR(info.st_mode):
                stack.append(rel + "/")
    return out


__all__ = ["MARKER_BYTES", "PREVIEW_STAGING", "SITE_MARKER", "STAGING", "check_site_dir", "clear_own",
           "is_earlier_site", "lexists", "staging_dir", "walk_no_links"]
