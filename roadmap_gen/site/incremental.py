"""The preview's quick rebuild: only the pages whose inputs changed, into a copy of the last build.

The preview (``serve``) has a staging tree of its own (``.roadmap-gen/preview-staging``),
and its site records what it was built from (:data:`PREVIEW_STATE`): a quick rebuild
compares the new staging tree with that record, never with a tree a ``build`` (or a
rebuild that failed) wrote since, so the preview never shows a page older than its inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from roadmap_gen.pages.paths import nav_entries
from roadmap_gen.site import engines
from roadmap_gen.site.folders import SITE_MARKER, clear_own, lexists, walk_no_links

#: In a preview site: the digest of every staged file it was built from (a quick rebuild's reference).
PREVIEW_STATE = ".roadmap-gen-preview.json"


def digests(files: Mapping[str, bytes]) -> dict[str, str]:
    return {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}


def built_from(site_dir: Path) -> dict[str, str] | None:
    """What the preview in *site_dir* was built from (its :data:`PREVIEW_STATE`), or None: unknown."""
    if not (site_dir / SITE_MARKER).is_file() or (site_dir / PREVIEW_STATE).is_symlink():
        return None
    try:
        recorded = json.loads((site_dir / PREVIEW_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or not all(isinstance(v, str) for v in recorded.values()):
        return None
    return recorded


def changed_since(built: dict[str, str] | None, now: dict[str, str]) -> set[str] | None:
    """The staged files under ``docs/`` that differ from what the preview was built from, when only such
    files differ; None when a quick build cannot be trusted (no record, a file added or removed, a
    setting or a theme file changed): then the build is a full one."""
    if built is None or set(built) != set(now):
        return None
    changed = {rel for rel, digest in now.items() if built[rel] != digest}
    if any(not rel.startswith("docs/") for rel in changed):
        return None
    return changed


SEARCH_INDEX = Path("search") / "search_index.json"


def neighbours(docs: Path, nav: Any, changed_files: set[str]) -> list[Path]:
    """The pages a quick build must rebuild besides the *changed_files* (staging paths, ``docs/...``).

    A rebuilt page shows the titles of other pages (its footer names the pages before and after
    it; its sidebar names every page), and a dirty build knows a title only from the nav or from a
    page it reads. So the neighbours of a changed page are rebuilt (its title may have changed),
    and so is every page the nav lists without a title (a section's own page, a page of the
    project's own), so that its title is known."""
    entries = [(page, titled) for page, titled in nav_entries(nav) if page.endswith(".md")]
    changed = {i for i, (page, _) in enumerate(entries) if f"docs/{page}" in changed_files}
    also = {j for i in changed for j in (i - 1, i + 1) if 0 <= j < len(entries)}
    also |= {i for i, (_, titled) in enumerate(entries) if not titled}
    return [docs / entries[i][0] for i in sorted(also - changed)]


def spare_dir(site_dir: Path) -> Path:
    """Where the preview keeps the site before the last one, to start the next quick build from."""
    return site_dir.with_name(f".{site_dir.name}.spare")


def rebuild_changed(config_file: Path, site_dir: Path, temp: Path, also: list[Path], spare: Path | None) -> None:
    """A copy of the last build with the pages whose Markdown changed, and *also* these, rebuilt
    (MkDocs' dirty build).

    The copy starts from the spare (the site before the last, kept by the last build) and takes
    from the last build only what differs, which on a large site is a few pages instead of all of
    them. A dirty build indexes only the pages it rebuilds: the other pages' entries are taken
    from the last build's search index."""
    found = lexists(spare) if spare is not None else None
    if spare is not None and found is not None and stat.S_ISDIR(found.st_mode) and (spare / SITE_MARKER).is_file():
        os.replace(spare, temp)
        _mirror(site_dir, temp)
    else:
        if spare is not None:
            clear_own(spare, "spare preview folder")
        shutil.copytree(site_dir, temp, symlinks=True)
    for page in also:  # newer than its HTML, so the dirty build reads it
        os.utime(page)
    try:
        old = json.loads((temp / SEARCH_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    engines.run_mkdocs(config_file, temp, dirty=True)
    if isinstance(old, dict) and isinstance(old.get("docs"), list):
        new = json.loads((temp / SEARCH_INDEX).read_text(encoding="utf-8"))
        rebuilt = {str(d.get("location", "")).split("#")[0] for d in new.get("docs", [])}
        kept = [d for d in old["docs"] if str(d.get("location", "")).split("#")[0] not in rebuilt]
        new["docs"] = kept + new.get("docs", [])
        (temp / SEARCH_INDEX).write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")


def _mirror(source: Path, copy: Path) -> None:
    """Make *copy* (an older copy of *source*) equal to *source*: a file whose size and modification
    time agree is taken as the same (copies keep both, and every build writes a page anew); links
    are neither followed nor copied."""
    have = dict(walk_no_links(copy))
    want = dict(walk_no_links(source))
    for rel, info in sorted(have.items(), reverse=True):  # children before their folder
        other = want.get(rel)
        if other is None or stat.S_IFMT(other.st_mode) != stat.S_IFMT(info.st_mode) or stat.S_ISLNK(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(copy / rel)
            else:
                os.unlink(copy / rel)
    for rel, info in sorted(want.items()):  # folders before their children
        if stat.S_ISDIR(info.st_mode):
            (copy / rel).mkdir(exist_ok=True)
        elif stat.S_ISREG(info.st_mode):
            old = have.get(rel)
            if (old is None or not stat.S_ISREG(old.st_mode) or old.st_size != info.st_size
                    or old.st_mtime_ns != info.st_mtime_ns):
                shutil.copy2(source / rel, copy / rel)



__all__ = ["PREVIEW_STATE", "built_from", "changed_since", "digests", "neighbours", "rebuild_changed", "spare_dir"]
