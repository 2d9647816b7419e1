"""From rendered pages to a published site: staging tree, site engine, atomic swap.

The pages are written to a staging tree (site/staging.py), which a site engine (site/engines.py)
builds into a temporary folder; the site is swapped into place only when everything succeeded
(site/swap.py). The preview rebuilds only what changed (site/incremental.py).

Nothing is deleted that the tool did not make (site/folders.py, docs/security.md), and one build
runs at a time: the project and the site folder are locked (site/lock.py).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError, ProjectError
from roadmap_gen.pages.paths import ENGINE_TITLES
from roadmap_gen.pipeline import Planned
from roadmap_gen.site import userpages
from roadmap_gen.site.config import project_settings
from roadmap_gen.site.engines import EngineError, engine_refusals, locate_engine_messages, run_engine, with_engine
from roadmap_gen.site.folders import (
    MARKER_BYTES,
    PREVIEW_STAGING,
    SITE_MARKER,
    STAGING,
    check_site_dir,
    clear_own,
    lexists,
    staging_dir,
    walk_no_links,
)
from roadmap_gen.site.forkmap import fork_map
from roadmap_gen.site.incremental import (
    PREVIEW_STATE,
    built_from,
    changed_since,
    digests,
    neighbours,
    rebuild_changed,
    spare_dir,
)
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, hold, project_lock, site_lock_path
from roadmap_gen.site.staging import Progress, stage_tree
from roadmap_gen.site.swap import replace_dir
from roadmap_gen.site.templatecheck import template_findings
from roadmap_gen.workspace.workspace import Workspace, as_workspace


@dataclass(frozen=True)
class BuildOutcome:
    pages: int
    staging: Path
    changed: int
    quick: bool = False  # only the changed pages were rebuilt (the preview's incremental build)


def _clean_pages(site: Path, names: list[str], *, quick: bool, workers: int = 1) -> None:
    """Sanitize every built page of an untrusted project (site/userpages.py): each page still marked
    (a quick build leaves the pages it did not rebuild as they were, cleaned); a hand-written page
    whose marker is missing after a full build is an error (fail closed). *workers* processes share
    the pages."""
    own = {f"pages/{name}/index.html" for name in names} | {f"pages/{name}.html" for name in names}
    pages = [rel for rel, info in walk_no_links(site) if rel.endswith(".html") and stat.S_ISREG(info.st_mode)]
    fork_map(lambda rel: userpages.clean_built_page(site, rel, required=rel in own and not quick), pages, workers)


def build_site(where: Workspace | Path, planned: Planned, site_dir: Path, info: BuildInfo,
               progress: Progress = None, wait: float = DEFAULT_WAIT_SECONDS, report: Progress = None,
               engine: str | None = None, *, incremental: bool = False,
               finish: Callable[[Path], None] | None = None, workers: int = 1) -> BuildOutcome:
    """Build the site of *planned* into *site_dir*, which is replaced only when all succeeded.

    *where* is the project's workspace (a bare folder is untrusted).

    Holds the project's and the site folder's locks while it works; waits up to *wait*
    seconds for another build, telling *report* once. *engine* overrides the project's own
    (``roadmap-gen.yaml``). *incremental* (the preview): stages into the preview's own tree, and when
    *site_dir* records what it was built from and only pages or assets differ from that record (no
    file added or removed, no setting or theme file changed), only those pages are rebuilt, into a
    copy of the last build that then replaces it. *finish*, when given, adds to
    the built site before it replaces the old one (``build --pdf``: the board pack's PDF); its error
    leaves the old site as it was, like any other. *workers*: how many processes may share the work of
    rendering, converting and cleaning the pages (site/forkmap.py); the site is the same with any number.
    """
    if planned.project is None:
        raise InputError(planned.diagnostics)
    workspace = as_workspace(where)
    project_dir = workspace.root
    project = with_engine(planned.project, engine)
    planned = replace(planned, project=project)
    engine = project.settings.engine
    check_site_dir(project_dir, site_dir)
    name = PREVIEW_STAGING if incremental else STAGING
    staging_dir(project_dir, name)  # a link or a file there is refused before any work
    settings = project_settings(workspace)
    refused = engine_refusals(settings, engine)
    if refused:
        raise InputError(refused)
    site_dir = Path(os.path.abspath(site_dir))
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"cannot create the folder {site_dir.parent}: {exc.strerror or exc}") from None
    with project_lock(project_dir, wait, report), hold(site_lock_path(site_dir), "site folder", wait, report):
        check_site_dir(project_dir, site_dir)  # again: another build may have changed it while we waited
        staged = stage_tree(workspace, planned, info, progress, settings=settings, name=name, workers=workers)
        config_file, tree = staged.root / "mkdocs.yml", staged.tree
        refused = [d for d in template_findings(tree, settings) if d.severity == "error"]
        if refused:
            raise InputError(refused)
        state = digests(staged.files)
        changed = changed_since(built_from(site_dir), state) if incremental and engine == "mkdocs" else None
        quick = changed is not None
        temp = site_dir.with_name(f".{site_dir.name}.building")
        clear_own(temp, "temporary build folder")
        clear_own(site_dir.with_name(f".{site_dir.name}.old"), "old site folder")
        spare = spare_dir(site_dir) if incremental else None
        if spare is not None and not quick:
            clear_own(spare, "spare preview folder")
        if progress:
            progress(f"building the site with {ENGINE_TITLES.get(engine, engine)}"
                     + (" (only the changed pages)" if quick else ""))
        try:
            try:
                if changed is not None:
                    for rel in sorted(changed):  # newer than its copy in the last build, so the dirty build reads it
                        os.utime(staged.root / rel)
                    rebuild_changed(config_file, site_dir, temp, neighbours(staged.root / "docs", tree.nav, changed),
                                    spare)
                else:
                    run_engine(engine, config_file, temp, workers=workers)
            except EngineError as exc:
                located = locate_engine_messages(exc.messages, settings)
                if located:
                    raise InputError(located) from None
                raise
            if not workspace.trust:
                _clean_pages(temp, [page.name for page in project.pages], quick=quick, workers=workers)
            if finish is not None:
                if progress:
                    progress("adding to the built site")
                finish(temp)
            if incremental:
                (temp / PREVIEW_STATE).write_bytes(json.dumps(state, indent=0, sort_keys=True).encode("utf-8"))
            (temp / SITE_MARKER).write_bytes(MARKER_BYTES)
            replace_dir(temp, site_dir, keep=spare)
        except OSError as exc:
            raise ProjectError(f"cannot write the site into {site_dir}: {exc.strerror or exc}") from None
        finally:
            if lexists(temp) is not None and not temp.is_symlink():
                shutil.rmtree(temp, ignore_errors=True)
    return BuildOutcome(sum(1 for rel in tree.files if rel.endswith(".md")), staged.root, staged.changed, quick)


__all__ = ["BuildOutcome", "build_site"]
