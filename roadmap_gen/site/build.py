"""From rendered pages to a published site: staging tree, MkDocs + Material, atomic swap.

The staging tree (``.roadmap-gen/staging``) is a plain Markdown ``docs/`` folder
plus an ``mkdocs.yml``; any engine that reads MkDocs projects (MkDocs with
Material today, Zensical tomorrow) can build it. Only files whose bytes changed
are rewritten, so live reload stays quick. The site is built into a temporary
folder and swapped into place only when everything succeeded.

Nothing is deleted that the tool did not make (docs/security.md):

- every site folder the tool builds holds a marker file, :data:`SITE_MARKER`; a
  non-empty folder without it is refused (a site built by an earlier version,
  recognised by what it holds, is adopted once);
- the site folder, its temporary siblings and the staging tree are never followed
  through a symbolic link: a link there is refused;
- one build at a time: the project and the site folder are locked (site/lock.py).
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

from roadmap_gen.diagnostics import BuildError, Diagnostic, InputError, ProjectError, error
from roadmap_gen.load.files import read_only
from roadmap_gen.load.settings import SETTINGS_FILE, Settings
from roadmap_gen.load.yamlload import Tagged
from roadmap_gen.model import Project
from roadmap_gen.pages import SiteTree, render_site
from roadmap_gen.pipeline import Planned
from roadmap_gen.pages.paths import extra_page_path
from roadmap_gen.site import userpages
from roadmap_gen.site.config import project_settings, site_config
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, STATE_DIR, hold, project_lock, site_lock_path, state_dir
from roadmap_gen.site.swap import replace_dir

#: The file every site folder the tool builds holds; only such a folder is ever replaced.
SITE_MARKER = ".roadmap-gen-site"
MARKER_BYTES = (json.dumps({"generator": "roadmap-gen",
                            "note": "this folder is built by roadmap-gen, which replaces it on every build"},
                           indent=2) + "\n").encode("utf-8")
#: What a site built by a version before the marker holds; such a folder is adopted once.
_EARLIER_SITE = ("index.html", "sitemap.xml", "assets/javascripts", "downloads/roadmap.json")
Progress = Callable[[str], None] | None


@dataclass(frozen=True)
class BuildOutcome:
    pages: int
    staging: Path
    changed: int


# --- the site folder -------------------------------------------------------------------


def _lexists(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None


def is_earlier_site(folder: Path) -> bool:
    """True when *folder* holds what every site of an earlier roadmap-gen held (and no link there)."""
    for rel in _EARLIER_SITE:
        found = _lexists(folder / rel)
        if found is None or stat.S_ISLNK(found.st_mode):
            return False
    return True


def check_site_dir(project_dir: Path, site_dir: Path) -> None:
    """Refuse a site dir the tool may not replace: the project itself or its inputs, a git
    checkout, a link, a file, or a non-empty folder the tool did not make."""
    project = project_dir.resolve()
    site = Path(os.path.abspath(site_dir))
    found = _lexists(site)
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to build into {site_dir}: it is a symbolic link; roadmap-gen never "
                           "replaces a folder through a link: give the real folder with --site-dir")
    parent = site.parent
    while _lexists(parent) is None and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ProjectError(f"refusing to build into {site_dir}: {parent} is a file, not a folder")
    resolved = site.resolve()
    if resolved == project or resolved in project.parents:
        raise ProjectError(f"refusing to build into {site_dir}: it holds the project itself")
    for guarded in ("content", "templates", "site_config", f"{STATE_DIR}/staging", ".git"):
        area = project / guarded
        if resolved == area or area in resolved.parents:
            raise ProjectError(f"refusing to build into {site_dir}: it is inside the project's {guarded}/")
    if found is None:
        return
    if not stat.S_ISDIR(found.st_mode):
        raise ProjectError(f"refusing to build into {site_dir}: it is a file")
    if _lexists(site / ".git") is not None:
        raise ProjectError(f"refusing to build into {site_dir}: it is a git checkout")
    if read_only(site):
        raise ProjectError(f"refusing to build into {site_dir}: the folder is read-only")
    try:
        entries = os.listdir(site)
    except OSError as exc:
        raise ProjectError(f"cannot read the site folder {site_dir}: {exc.strerror or exc}") from None
    if not entries:
        return
    marker = _lexists(site / SITE_MARKER)
    if marker is not None and stat.S_ISREG(marker.st_mode):
        return
    if is_earlier_site(site):
        return  # built by an earlier roadmap-gen: adopted (this build writes the marker)
    raise ProjectError(
        f"refusing to build into {site_dir}: it is not empty and roadmap-gen did not make it (it has no "
        f"{SITE_MARKER} file), and building would delete what it holds; empty it yourself, or choose "
        "another folder with --site-dir")


def _clear_own(path: Path, what: str) -> None:
    """Remove a temporary folder of ours (``.site.building``) without following links."""
    found = _lexists(path)
    if found is None:
        return
    if stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to use {path} as the {what}: it is a symbolic link; remove the link")
    if stat.S_ISDIR(found.st_mode):
        shutil.rmtree(path)
    else:
        raise ProjectError(f"refusing to use {path} as the {what}: a file of that name is in the way")


def _staging_dir(project_dir: Path) -> Path:
    staging = state_dir(project_dir) / "staging"
    found = _lexists(staging)
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to use {STATE_DIR}/staging: it is a symbolic link; remove the link")
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise ProjectError(f"{STATE_DIR}/staging is a file; move it away")
    return staging


# --- the staging tree ------------------------------------------------------------------


def _walk_no_links(root: Path) -> list[tuple[str, os.stat_result]]:
    """Everything under *root* (relative POSIX path, lstat), links listed but never followed."""
    out: list[tuple[str, os.stat_result]] = []
    stack = [""]
    while stack:
        prefix = stack.pop()
        for name in sorted(os.listdir(root / prefix) if prefix else os.listdir(root)):
            rel = f"{prefix}{name}"
            info = os.lstat(root / rel)
            out.append((rel, info))
            if stat.S_ISDIR(info.st_mode):
                stack.append(rel + "/")
    return out


def sync_tree(files: Mapping[str, bytes], root: Path) -> int:
    """Make ``root`` hold exactly ``files``; rewrite only what changed. Returns how many were written.

    Links in the tree are removed as links (never followed); every write replaces the name.
    """
    root.mkdir(parents=True, exist_ok=True)
    changed = 0
    wanted = set(files)
    wanted_dirs = {rel.rsplit("/", 1)[0] for rel in files if "/" in rel}
    wanted_dirs |= {d.rsplit("/", i)[0] for d in list(wanted_dirs) for i in range(1, d.count("/") + 1)}
    for rel, info in sorted(_walk_no_links(root), reverse=True):
        path = root / rel
        if stat.S_ISDIR(info.st_mode):
            if rel not in wanted_dirs and not os.listdir(path):
                path.rmdir()
        elif rel not in wanted or not stat.S_ISREG(info.st_mode):
            path.unlink()
    for rel, data in sorted(files.items()):
        target = root / rel
        found = _lexists(target)
        if found is not None and stat.S_ISREG(found.st_mode):
            try:
                if found.st_size == len(data) and target.read_bytes() == data:
                    continue
            except OSError:
                pass
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.tmp")
        if _lexists(temp) is not None:
            temp.unlink()
        temp.write_bytes(data)
        os.replace(temp, target)
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


# --- the engine --------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class EngineError(BuildError):
    """The site engine failed or warned; ``messages`` are what it said."""

    def __init__(self, summary: str, messages: list[str]):
        super().__init__(summary, messages)


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
        details = "; ".join(_one_message(m) for m in capture.messages) or str(exc)
        raise EngineError(f"the site engine failed: {details}", capture.messages or [str(exc)]) from None
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:  # noqa: BLE001 - an extension's bug must not show a traceback
        message = f"{type(exc).__name__}: {exc}"
        raise EngineError(f"the site engine failed: {_one_message(message)}",
                          capture.messages + [message]) from None
    finally:
        logger.handlers, logger.propagate, level = saved[0], saved[1], saved[2]
        logger.setLevel(level)
    if capture.messages:
        raise EngineError("the site engine warned: " + "; ".join(_one_message(m) for m in capture.messages),
                          capture.messages)


_CONFIG_MESSAGE = re.compile(r"^Config value '([^']+)': (.*)$", re.S)
_NAMED = re.compile(r"""(?:extension|plugin) ['"]([^'"]+)['"]""")
_UNKNOWN = re.compile(r"Unrecognised configuration name: (\S+)")


def _one_message(message: str) -> str:
    """A message on one line: a Python stack inside it is cut to its first and last lines."""
    lines = [line for line in message.splitlines() if line.strip()]
    if len(lines) <= 1:
        return message.strip()
    if any(line.startswith("  File ") or line.startswith("Traceback") for line in lines):
        return f"{lines[0].strip()} {lines[-1].strip()}"
    return " ".join(line.strip() for line in lines)


def locate_engine_messages(messages: Sequence[str], settings: Settings) -> list[Diagnostic]:
    """Engine messages about settings the project's mkdocs.yml wrote, located there."""
    found: list[Diagnostic] = []
    for raw in messages:
        match = _CONFIG_MESSAGE.match(raw.strip())
        if not match:
            continue
        key, detail = match.group(1), _one_message(match.group(2))
        named = _NAMED.search(detail)
        unknown = _UNKNOWN.search(detail)
        loc = None
        if named:
            loc = settings.loc_of(f"{key}.{named.group(1)}")
        if loc is None and unknown:
            loc = settings.loc_of(unknown.group(1))
        if loc is None:
            loc = settings.loc_of(key)
        if loc is not None:
            found.append(error(loc, "site-setting", f"MkDocs refused the setting '{key}': {detail}",
                               "see the MkDocs and Material documentation for this setting"))
    return found


# --- staging and building ------------------------------------------------------------------


def staging_files(project_dir: Path, project: Project, tree: SiteTree, settings: Settings,
                  trust: bool) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The engine's configuration and every file of the staging tree, by path relative to it."""
    config, theme_files = site_config(project_dir, tree, settings)
    files = {f"docs/{rel}": data for rel, data in tree.files.items()}
    if not trust:
        for page in project.pages:
            rel = extra_page_path(page.name)
            files[f"docs/{rel}"] = userpages.prepare(page.text, f"content/{rel}").encode("utf-8")
    files.update(theme_files)
    files["mkdocs.yml"] = dump_yaml(config)
    return config, files


def stage(project_dir: Path, planned: Planned, info: Mapping[str, str], progress: Progress = None,
          tree: SiteTree | None = None, trust: bool = False,
          settings: Settings | None = None) -> tuple[Path, int, SiteTree]:
    """Render the pages and write the staging tree; returns (mkdocs.yml path, files changed, tree)."""
    if planned.plan is None or planned.project is None:
        raise InputError(planned.diagnostics)
    if settings is None:
        settings = project_settings(project_dir, trust)
    if tree is None:
        if progress:
            progress("rendering pages")
        tree = render_site(project_dir, planned.project, planned.plan, info, trust=trust)
    staging = _staging_dir(project_dir)
    _config, all_files = staging_files(project_dir, planned.project, tree, settings, trust)
    if progress:
        progress(f"writing {len(all_files)} files to the staging tree")
    try:
        changed = sync_tree(all_files, staging)
    except OSError as exc:
        raise ProjectError(f"cannot write the staging tree {STATE_DIR}/staging: {exc.strerror or exc}") from None
    return staging / "mkdocs.yml", changed, tree


def _clean_user_pages(site: Path, names: list[str]) -> None:
    """Sanitize the built hand-written pages of an untrusted project (site/userpages.py)."""
    for name in names:
        for built in (site / "pages" / name / "index.html", site / "pages" / f"{name}.html"):
            if not built.is_file() or built.is_symlink():
                continue
            try:
                html = built.read_text("utf-8")
                built.write_text(userpages.sanitize_built(html), "utf-8")
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                raise BuildError(f"cannot clean the built page pages/{name}: {exc}") from None


def build_site(project_dir: Path, planned: Planned, site_dir: Path, info: Mapping[str, str],
               progress: Progress = None, trust: bool = False, wait: float = DEFAULT_WAIT_SECONDS,
               report: Progress = None, finish: Callable[[Path], None] | None = None) -> BuildOutcome:
    """Build the site of *planned* into *site_dir*, which is replaced only when all succeeded.

    Holds the project's and the site folder's locks while it works; waits up to *wait*
    seconds for another build, telling *report* once. *finish*, when given, adds to the built
    site before it replaces the old one (``build --pdf``: the board pack's PDF); its error
    leaves the old site as it was, like any other.
    """
    if planned.project is None:
        raise InputError(planned.diagnostics)
    project = planned.project
    check_site_dir(project_dir, site_dir)
    _staging_dir(project_dir)  # a link or a file there is refused before any work
    settings = project_settings(project_dir, trust)
    site_dir = Path(os.path.abspath(site_dir))
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"cannot create the folder {site_dir.parent}: {exc.strerror or exc}") from None
    with project_lock(project_dir, wait, report), hold(site_lock_path(site_dir), "site folder", wait, report):
        check_site_dir(project_dir, site_dir)  # again: another build may have changed it while we waited
        config_file, changed, tree = stage(project_dir, planned, info, progress, trust=trust, settings=settings)
        temp = site_dir.with_name(f".{site_dir.name}.building")
        _clear_own(temp, "temporary build folder")
        _clear_own(site_dir.with_name(f".{site_dir.name}.old"), "old site folder")
        if progress:
            progress("building the site with MkDocs")
        try:
            try:
                run_mkdocs(config_file, temp)
            except EngineError as exc:
                located = locate_engine_messages(exc.messages, settings)
                if located:
                    raise InputError(located) from None
                raise
            if not trust:
                _clean_user_pages(temp, [page.name for page in project.pages])
            if finish is not None:
                if progress:
                    progress("adding to the built site")
                finish(temp)
            (temp / SITE_MARKER).write_bytes(MARKER_BYTES)
            replace_dir(temp, site_dir)
        except OSError as exc:
            raise ProjectError(f"cannot write the site into {site_dir}: {exc.strerror or exc}") from None
        finally:
            if _lexists(temp) is not None and not temp.is_symlink():
                shutil.rmtree(temp, ignore_errors=True)
    return BuildOutcome(sum(1 for rel in tree.files if rel.endswith(".md")), config_file.parent, changed)


__all__ = ["SETTINGS_FILE", "SITE_MARKER", "BuildOutcome", "EngineError", "build_site", "check_site_dir",
           "stage", "sync_tree"]
