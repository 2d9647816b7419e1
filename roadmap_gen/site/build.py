"""From rendered pages to a published site: staging tree, MkDocs + Material, atomic swap.

The staging tree (``.roadmap-gen/staging``) is a plain Markdown ``docs/`` folder
plus an ``mkdocs.yml``; any engine that reads MkDocs projects (MkDocs with
Material today, Zensical tomorrow) can build it. Only files whose bytes changed
are rewritten, so live reload stays quick. The site is built into a temporary
folder and swapped into place only when everything succeeded.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ruamel.yaml import YAML

from roadmap_gen.site.config import site_config
from roadmap_gen.diagnostics import BuildError, InputError, ProjectError
from roadmap_gen.pages import SiteTree, render_site
from roadmap_gen.pipeline import Planned
from roadmap_gen.site.swap import replace_dir

STATE_DIR = ".roadmap-gen"
Progress = Callable[[str], None] | None


@dataclass(frozen=True)
class BuildOutcome:
    pages: int
    staging: Path
    changed: int


def check_site_dir(project_dir: Path, site_dir: Path) -> None:
    """Refuse a site dir that would overwrite the project, its content or a git checkout."""
    project = project_dir.resolve()
    site = site_dir.resolve()
    if site == project or site in project.parents:
        raise ProjectError(f"refusing to build into {site_dir}: it holds the project itself")
    for guarded in ("content", "templates", "site_config", f"{STATE_DIR}/staging", ".git"):
        area = project / guarded
        if site == area or area in site.parents:
            raise ProjectError(f"refusing to build into {site_dir}: it is inside the project's {guarded}/")
    if (site / ".git").exists():
        raise ProjectError(f"refusing to build into {site_dir}: it is a git checkout")
    if site.exists() and not site.is_dir():
        raise ProjectError(f"refusing to build into {site_dir}: it is a file")


def sync_tree(files: Mapping[str, bytes], root: Path) -> int:
    """Make ``root`` hold exactly ``files``; rewrite only what changed. Returns how many were written."""
    root.mkdir(parents=True, exist_ok=True)
    changed = 0
    wanted = set(files)
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel, data in sorted(files.items()):
        target = root / rel
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
        changed += 1
    return changed


def dump_yaml(data: Any) -> bytes:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().encode("utf-8")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, site_dir: Path) -> None:
    """Build with MkDocs in this process, strict, every warning captured and reported."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    capture = _Capture()
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers = [capture]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        build(config)
    except MkDocsException as exc:
        details = "; ".join(capture.messages) or str(exc)
        raise BuildError(f"the site engine failed: {details}", capture.messages) from None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise BuildError(f"the site engine failed: {type(exc).__name__}: {exc}") from None
    finally:
        logger.handlers, logger.propagate, level = saved[0], saved[1], saved[2]
        logger.setLevel(level)
    if capture.messages:
        raise BuildError("the site engine warned: " + "; ".join(capture.messages), capture.messages)


def stage(project_dir: Path, planned: Planned, info: Mapping[str, str], progress: Progress = None,
          tree: SiteTree | None = None) -> tuple[Path, int, SiteTree]:
    """Render the pages and write the staging tree; returns (mkdocs.yml path, files changed, tree)."""
    if planned.plan is None or planned.project is None:
        raise InputError(planned.diagnostics)
    if tree is None:
        if progress:
            progress("rendering pages")
        tree = render_site(project_dir, planned.project, planned.plan, info)
    staging = project_dir / STATE_DIR / "staging"
    config, theme_files = site_config(project_dir, tree)
    all_files = {f"docs/{rel}": data for rel, data in tree.files.items()}
    all_files.update(theme_files)
    all_files["mkdocs.yml"] = dump_yaml(config)
    if progress:
        progress(f"writing {len(all_files)} files to the staging tree")
    changed = sync_tree(all_files, staging)
    return staging / "mkdocs.yml", changed, tree


def build_site(project_dir: Path, planned: Planned, site_dir: Path, info: Mapping[str, str],
               progress: Progress = None) -> BuildOutcome:
    check_site_dir(project_dir, site_dir)
    config_file, changed, tree = stage(project_dir, planned, info, progress)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temp = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(temp, ignore_errors=True)
    if progress:
        progress("building the site with MkDocs")
    try:
        run_mkdocs(config_file, temp)
        replace_dir(temp, site_dir)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return BuildOutcome(sum(1 for rel in tree.files if rel.endswith(".md")), config_file.parent, changed)
