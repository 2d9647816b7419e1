"""The staging tree: the rendered pages, theme files and settings as a MkDocs project on disk.

The staging tree (``.roadmap-gen/staging``) is a plain Markdown ``docs/`` folder plus an
``mkdocs.yml``; any engine that reads MkDocs projects (MkDocs with Material, Zensical) can
build it. Only files whose bytes changed are rewritten, so live reload stays quick.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError, ProjectError
from roadmap_gen.core.safe_write import write_file
from roadmap_gen.model import Project
from roadmap_gen.pages import SiteTree, render_site
from roadmap_gen.pages.paths import extra_page_path
from roadmap_gen.pipeline import Planned
from roadmap_gen.settings.read import Settings
from roadmap_gen.site import idguard, userpages
from roadmap_gen.site.config import project_settings, site_config
from roadmap_gen.site.folders import STAGING, lexists, staging_dir, walk_no_links
from roadmap_gen.site.forkmap import fork_map
from roadmap_gen.site.lock import STATE_DIR
from roadmap_gen.site.pagecache import project_cache
from roadmap_gen.spec.yamlread import Tagged
from roadmap_gen.workspace.workspace import Workspace

Progress = Callable[[str], None] | None


def sync_tree(files: Mapping[str, bytes], root: Path) -> int:
    """Make ``root`` hold exactly ``files``; rewrite only what changed. Returns how many were written.

    Links in the tree are removed as links (never followed); every write replaces the name.
    """
    root.mkdir(parents=True, exist_ok=True)
    changed = 0
    wanted = set(files)
    wanted_dirs = {rel.rsplit("/", 1)[0] for rel in files if "/" in rel}
    wanted_dirs |= {d.rsplit("/", i)[0] for d in list(wanted_dirs) for i in range(1, d.count("/") + 1)}
    for rel, info in sorted(walk_no_links(root), reverse=True):
        path = root / rel
        if stat.S_ISDIR(info.st_mode):
            if rel not in wanted_dirs and not os.listdir(path):
                path.rmdir()
        elif rel not in wanted or not stat.S_ISREG(info.st_mode):
            path.unlink()
    for rel, data in sorted(files.items()):
        target = root / rel
        found = lexists(target)
        if found is not None and stat.S_ISREG(found.st_mode):
            try:
                if found.st_size == len(data) and target.read_bytes() == data:
                    continue
            except OSError:
                pass
        write_file(target, data, base=root, make_folders=True)
        changed += 1
    return changed


def _represent_tagged(representer: SafeRepresenter, value: Tagged) -> Any:
    if isinstance(value.value, list):
        return representer.represent_sequence(value.tag, value.value)
    if isinstance(value.value, dict):
        return representer.represent_mapping(value.tag, value.value)
    return representer.represent_scalar(value.tag, "" if value.value is None else str(value.value))


def dump_yaml(data: Any) -> bytes:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.representer.add_representer(Tagged, _represent_tagged)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().encode("utf-8")


def staging_files(workspace: Workspace, project: Project, tree: SiteTree, settings: Settings
                  ) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The engine's configuration and every file of the staging tree, by path relative to it."""
    config, theme_files = site_config(workspace, tree, settings)
    files = {f"docs/{rel}": data for rel, data in tree.files.items()}
    if not workspace.trust:
        # Untrusted, every page's content is cleaned once built (site/userpages.py), and every id is
        # made safe before the theme prints it (site/idguard.py).
        for rel, data in tree.files.items():
            if rel.endswith(".md"):
                files[f"docs/{rel}"] = userpages.mark_generated(data.decode("utf-8")).encode("utf-8")
        for page in project.pages:
            rel = extra_page_path(page.name)
            files[f"docs/{rel}"] = userpages.prepare(page.text, f"content/{rel}").encode("utf-8")
        config["markdown_extensions"] = list(config.get("markdown_extensions", [])) + [idguard.NAME]
    files.update(theme_files)
    files["mkdocs.yml"] = dump_yaml(config)
    return config, files


@dataclass(frozen=True)
class Staged:
    """A staging tree as written: where, what it holds, how many files changed, the rendered pages."""
    root: Path
    files: Mapping[str, bytes]
    changed: int
    tree: SiteTree


def stage(workspace: Workspace, planned: Planned, info: BuildInfo, progress: Progress = None,
          tree: SiteTree | None = None, settings: Settings | None = None) -> tuple[Path, int, SiteTree]:
    """Render the pages and write ``build``'s staging tree; returns (mkdocs.yml path, files changed, tree)."""
    staged = stage_tree(workspace, planned, info, progress, tree, settings)
    return staged.root / "mkdocs.yml", staged.changed, staged.tree


def stage_tree(workspace: Workspace, planned: Planned, info: BuildInfo, progress: Progress = None,
               tree: SiteTree | None = None, settings: Settings | None = None, name: str = STAGING,
               workers: int = 1) -> Staged:
    """Render the pages (*workers* processes may share them) and write the staging tree *name*."""
    if planned.plan is None or planned.project is None:
        raise InputError(planned.diagnostics)
    if settings is None:
        settings = project_settings(workspace)
    staging = staging_dir(workspace.root, name)  # made first: the page cache lives beside it
    if tree is None:
        if progress:
            progress("rendering pages")
        # Pages whose inputs did not change are not rendered again (with the user's key only: site/cachekey.py).
        cache = project_cache(workspace)
        tree = render_site(workspace, planned.project, planned.plan, info, cache=cache,
                           mapper=lambda work, specs: fork_map(work, specs, workers))
        if cache is not None:
            cache.save()
    _config, all_files = staging_files(workspace, planned.project, tree, settings)
    if progress:
        progress(f"writing {len(all_files)} files to the staging tree")
    try:
        changed = sync_tree(all_files, staging)
    except OSError as exc:
        raise ProjectError(f"cannot write the staging tree {STATE_DIR}/{name}: {exc.strerror or exc}") from None
    return Staged(staging, all_files, changed, tree)


__all__ = ["Progress", "Staged", "dump_yaml", "stage", "stage_tree", "staging_files", "sync_tree"]
