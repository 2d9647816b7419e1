"""From rendered pages to a published site: staging tree, MkDocs + Material, atomic swap.

The staging tree (``.roadmap-gen/staging``) is a plain Markdown ``docs/`` folder
plus an ``mkdocs.yml``; any engine that reads MkDocs projects (MkDocs with
Material today, Zensical tomorrow) can build it. Only files whose bytes changed
are rewritten, so live reload stays quick. The site is built into a temporary
folder and swapped into place only when everything succeeded.

The preview (``serve``) has a staging tree of its own (``.roadmap-gen/preview-staging``),
and its site records what it was built from (:data:`PREVIEW_STATE`): a quick rebuild
compares the new staging tree with that record, never with a tree a ``build`` (or a
rebuild that failed) wrote since, so the preview never shows a page older than its inputs.

Nothing is deleted that the tool did not make (docs/security.md):

- every site folder the tool builds holds a marker file, :data:`SITE_MARKER`; a
  non-empty folder without it is refused (a site built by an earlier version,
  recognised by what it holds, is adopted once);
- the site folder, its temporary siblings and the staging tree are never followed
  through a symbolic link: a link there is refused;
- one build at a time: the project and the site folder are locked (site/lock.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

from roadmap_gen.core.diagnostics import BuildError, Diagnostic, InputError, ProjectError, error
from roadmap_gen.workspace.files import read_only
from roadmap_gen.settings.read import SETTINGS_FILE, Settings
from roadmap_gen.spec.yamlread import Tagged
from roadmap_gen.model import Project
from roadmap_gen.core.safe_write import write_file
from roadmap_gen.pages import SiteTree, render_site
from roadmap_gen.pipeline import Planned
from roadmap_gen.pages.paths import ENGINE_TITLES, extra_page_path, nav_entries
from roadmap_gen.site import idguard, userpages
from roadmap_gen.site.config import project_settings, site_config
from roadmap_gen.site.engines import EngineError, engine_refusals, run_zensical
from roadmap_gen.site.pagecache import PageCache
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, STATE_DIR, hold, project_lock, site_lock_path, state_dir
from roadmap_gen.site.swap import replace_dir
from roadmap_gen.site.templatecheck import template_findings

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
#: In a preview site: the digest of every staged file it was built from (a quick rebuild's reference).
PREVIEW_STATE = ".roadmap-gen-preview.json"
Progress = Callable[[str], None] | None


@dataclass(frozen=True)
class BuildOutcome:
    pages: int
    staging: Path
    changed: int
    quick: bool = False  # only the changed pages were rebuilt (the preview's incremental build)


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
    for guarded in ("content", "templates", "site_config", f"{STATE_DIR}/{STAGING}", f"{STATE_DIR}/{PREVIEW_STAGING}",
                    ".git"):
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


def _staging_dir(project_dir: Path, name: str = STAGING) -> Path:
    staging = state_dir(project_dir) / name
    found = _lexists(staging)
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ProjectError(f"refusing to use {STATE_DIR}/{name}: it is a symbolic link; remove the link")
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise ProjectError(f"{STATE_DIR}/{name} is a file; move it away")
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


# --- the engine --------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: What MkDocs says of every dirty build; the preview asks for one, so it is not a warning there.
_DIRTY_NOTICE = "A 'dirty' build is being performed"


def run_mkdocs(config_file: Path, site_dir: Path, dirty: bool = False) -> None:
    """Build with MkDocs in this process, strict, every warning captured and reported.

    *dirty*: rebuild only the pages whose Markdown is newer than their HTML in *site_dir*, which holds
    the last build (MkDocs' own dirty build; the preview's quick path). Links to anchors of pages not
    rebuilt cannot be checked then, so they are not."""
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
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=not dirty)
        if dirty:
            config.validation.links.anchors = logging.DEBUG
        build(config, dirty=dirty)
        capture.messages = [m for m in capture.messages if not m.startswith(_DIRTY_NOTICE)]
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


def stage(project_dir: Path, planned: Planned, info: Mapping[str, str], progress: Progress = None,
          tree: SiteTree | None = None, trust: bool = False,
          settings: Settings | None = None) -> tuple[Path, int, SiteTree]:
    """Render the pages and write ``build``'s staging tree; returns (mkdocs.yml path, files changed, tree)."""
    staged = _stage(project_dir, planned, info, progress, tree, trust, settings)
    return staged.root / "mkdocs.yml", staged.changed, staged.tree


def _stage(project_dir: Path, planned: Planned, info: Mapping[str, str], progress: Progress = None,
           tree: SiteTree | None = None, trust: bool = False, settings: Settings | None = None,
           name: str = STAGING) -> Staged:
    if planned.plan is None or planned.project is None:
        raise InputError(planned.diagnostics)
    if settings is None:
        settings = project_settings(project_dir, trust)
    staging = _staging_dir(project_dir, name)
    if tree is None:
        if progress:
            progress("rendering pages")
        cache = PageCache(project_dir)  # pages whose inputs did not change are not rendered again
        tree = render_site(project_dir, planned.project, planned.plan, info, trust=trust, cache=cache)
        cache.save()
    _config, all_files = staging_files(project_dir, planned.project, tree, settings, trust)
    if progress:
        progress(f"writing {len(all_files)} files to the staging tree")
    try:
        changed = sync_tree(all_files, staging)
    except OSError as exc:
        raise ProjectError(f"cannot write the staging tree {STATE_DIR}/{name}: {exc.strerror or exc}") from None
    return Staged(staging, all_files, changed, tree)


def _clean_pages(site: Path, names: list[str], quick: bool) -> None:
    """Sanitize every built page of an untrusted project (site/userpages.py): each page still marked
    (a quick build leaves the pages it did not rebuild as they were, cleaned); a hand-written page
    whose marker is missing after a full build is an error (fail closed)."""
    own = {f"pages/{name}/index.html" for name in names} | {f"pages/{name}.html" for name in names}
    for rel, info in _walk_no_links(site):
        if not rel.endswith(".html") or not stat.S_ISREG(info.st_mode):
            continue
        built = site / rel
        try:
            html = built.read_text("utf-8")
            if userpages.is_marked(html) or (rel in own and not quick):
                built.write_text(userpages.sanitize_built(html), "utf-8")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise BuildError(f"cannot clean the built page {rel}: {exc}") from None


def with_engine(project: Project, engine: str | None) -> Project:
    """*project* built by *engine* (the command line's choice) rather than its roadmap-gen.yaml's."""
    if engine is None or engine == project.settings.engine:
        return project
    return replace(project, settings=replace(project.settings, engine=engine))  # type: ignore[arg-type]


def run_engine(engine: str, config_file: Path, site_dir: Path) -> None:
    """Turn the staging tree of *config_file* into a site in *site_dir* with *engine*."""
    if engine == "zensical":
        run_zensical(config_file, site_dir)
    else:
        run_mkdocs(config_file, site_dir)


def build_site(project_dir: Path, planned: Planned, site_dir: Path, info: Mapping[str, str],
               progress: Progress = None, trust: bool = False, wait: float = DEFAULT_WAIT_SECONDS,
               report: Progress = None, engine: str | None = None, incremental: bool = False,
               finish: Callable[[Path], None] | None = None) -> BuildOutcome:
    """Build the site of *planned* into *site_dir*, which is replaced only when all succeeded.

    Holds the project's and the site folder's locks while it works; waits up to *wait*
    seconds for another build, telling *report* once. *engine* overrides the project's own
    (``roadmap-gen.yaml``). *incremental* (the preview): stages into the preview's own tree, and when
    *site_dir* records what it was built from and only pages or assets differ from that record (no
    file added or removed, no setting or theme file changed), only those pages are rebuilt, into a
    copy of the last build that then replaces it. *finish*, when given, adds to
    the built site before it replaces the old one (``build --pdf``: the board pack's PDF); its error
    leaves the old site as it was, like any other.
    """
    if planned.project is None:
        raise InputError(planned.diagnostics)
    project = with_engine(planned.project, engine)
    planned = replace(planned, project=project)
    engine = project.settings.engine
    check_site_dir(project_dir, site_dir)
    name = PREVIEW_STAGING if incremental else STAGING
    _staging_dir(project_dir, name)  # a link or a file there is refused before any work
    settings = project_settings(project_dir, trust)
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
        staged = _stage(project_dir, planned, info, progress, trust=trust, settings=settings, name=name)
        config_file, tree = staged.root / "mkdocs.yml", staged.tree
        refused = [d for d in template_findings(tree, settings, trust) if d.severity == "error"]
        if refused:
            raise InputError(refused)
        state = _digests(staged.files)
        changed = _changed_since(_built_from(site_dir), state) if incremental and engine == "mkdocs" else None
        quick = changed is not None
        temp = site_dir.with_name(f".{site_dir.name}.building")
        _clear_own(temp, "temporary build folder")
        _clear_own(site_dir.with_name(f".{site_dir.name}.old"), "old site folder")
        spare = _spare(site_dir) if incremental else None
        if spare is not None and not quick:
            _clear_own(spare, "spare preview folder")
        if progress:
            progress(f"building the site with {ENGINE_TITLES.get(engine, engine)}"
                     + (" (only the changed pages)" if quick else ""))
        try:
            try:
                if changed is not None:
                    for rel in sorted(changed):  # newer than its copy in the last build, so the dirty build reads it
                        os.utime(staged.root / rel)
                    _rebuild_changed(config_file, site_dir, temp, _neighbours(staged.root / "docs", tree.nav, changed),
                                     spare)
                else:
                    run_engine(engine, config_file, temp)
            except EngineError as exc:
                located = locate_engine_messages(exc.messages, settings)
                if located:
                    raise InputError(located) from None
                raise
            if not trust:
                _clean_pages(temp, [page.name for page in project.pages], quick)
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
            if _lexists(temp) is not None and not temp.is_symlink():
                shutil.rmtree(temp, ignore_errors=True)
    return BuildOutcome(sum(1 for rel in tree.files if rel.endswith(".md")), staged.root, staged.changed, quick)


def _digests(files: Mapping[str, bytes]) -> dict[str, str]:
    return {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}


def _built_from(site_dir: Path) -> dict[str, str] | None:
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


def _changed_since(built: dict[str, str] | None, now: dict[str, str]) -> set[str] | None:
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


def _neighbours(docs: Path, nav: Any, changed_files: set[str]) -> list[Path]:
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


def _spare(site_dir: Path) -> Path:
    """Where the preview keeps the site before the last one, to start the next quick build from."""
    return site_dir.with_name(f".{site_dir.name}.spare")


def _rebuild_changed(config_file: Path, site_dir: Path, temp: Path, also: list[Path], spare: Path | None) -> None:
    """A copy of the last build with the pages whose Markdown changed, and *also* these, rebuilt
    (MkDocs' dirty build).

    The copy starts from the spare (the site before the last, kept by the last build) and takes
    from the last build only what differs, which on a large site is a few pages instead of all of
    them. A dirty build indexes only the pages it rebuilds: the other pages' entries are taken
    from the last build's search index."""
    found = _lexists(spare) if spare is not None else None
    if spare is not None and found is not None and stat.S_ISDIR(found.st_mode) and (spare / SITE_MARKER).is_file():
        os.replace(spare, temp)
        _mirror(site_dir, temp)
    else:
        if spare is not None:
            _clear_own(spare, "spare preview folder")
        shutil.copytree(site_dir, temp, symlinks=True)
    for page in also:  # newer than its HTML, so the dirty build reads it
        os.utime(page)
    try:
        old = json.loads((temp / SEARCH_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    run_mkdocs(config_file, temp, dirty=True)
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
    have = dict(_walk_no_links(copy))
    want = dict(_walk_no_links(source))
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


__all__ = ["ENGINE_TITLES", "SETTINGS_FILE", "SITE_MARKER", "BuildOutcome", "EngineError", "build_site",
           "check_site_dir", "run_engine", "stage", "sync_tree", "with_engine"]
