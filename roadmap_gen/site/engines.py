"""The site engines that turn a staging tree into HTML: MkDocs (in this process) and Zensical.

MkDocs with Material runs in this process, strict, every warning it logs captured and
reported; a message about a setting of the project's mkdocs.yml is located there.

Material for MkDocs announced the end of its maintenance for 2027; Zensical, by the same authors,
reads the same ``mkdocs.yml`` and theme and builds the same site. roadmap-gen stages exactly the
same tree for both (pages, charts, theme files, the checked settings) and publishes the result the
same way (a temporary folder swapped in whole, under the same locks and trust rules); only the
program that turns the tree into HTML differs. Zensical runs as a separate process (it is a native
program with a Python front end); it must be installed: ``pip install 'roadmap-gen[zensical]'``.

A setting Zensical cannot honour is refused with a located error rather than silently dropped.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from roadmap_gen.core.diagnostics import BuildError, Diagnostic, Loc, UsageError, did_you_mean, error
from roadmap_gen.model import Project
from roadmap_gen.pages.render import MemoryBytecode, compile_setting
from roadmap_gen.settings.read import SETTINGS_FILE, Settings
from roadmap_gen.site.config import plugin_name
from roadmap_gen.site.mkdocs_fork import forked_pages

ZENSICAL_TIMEOUT_SECONDS = 1800
ENGINE_SETTING = "engine-setting"
MISSING_ZENSICAL = ("the site engine 'zensical' is not installed: pip install 'roadmap-gen[zensical]' (or build "
                    "with --engine mkdocs)")

#: Plugins Zensical runs, when it cannot tell us itself (an older or newer Zensical).
_KNOWN_ZENSICAL_PLUGINS = frozenset({"search", "tags", "offline", "privacy", "social", "blog", "meta"})
#: Settings of MkDocs that Zensical does not carry out: Python run at build time, or files read in.
_UNSUPPORTED_SETTINGS = {
    "hooks": "Zensical does not run MkDocs hooks (Python files)",
    "INHERIT": "Zensical does not merge another settings file (INHERIT)",
    "extra_templates": "Zensical does not render extra_templates",
}


class EngineError(BuildError):
    """The site engine failed or warned; ``messages`` are what it said."""

    def __init__(self, summary: str, messages: list[str]):
        super().__init__(summary, messages)


def zensical_installed() -> bool:
    return importlib.util.find_spec("zensical") is not None


def zensical_plugins() -> frozenset[str]:
    """The plugin names the installed Zensical recognises."""
    try:
        from zensical import config  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _KNOWN_ZENSICAL_PLUGINS
    known = getattr(config, "_PLUGIN_UNSUPPORTED_OPTIONS", None)  # its table of MkDocs plugins it supports
    return frozenset(known) if isinstance(known, dict) and known else _KNOWN_ZENSICAL_PLUGINS


def _plugin_entries(plugins: Any) -> Iterable[tuple[str, str]]:
    """(name, dotted key of its place in mkdocs.yml) for each plugin, in a list or a map."""
    if isinstance(plugins, dict):
        for name in plugins:
            yield str(name), f"plugins.{name}"
    elif isinstance(plugins, list):
        for index, entry in enumerate(plugins):
            yield plugin_name(entry), f"plugins[{index}]"


def engine_refusals(settings: Settings, engine: str) -> list[Diagnostic]:
    """What *engine* cannot honour in the project's settings, located in mkdocs.yml."""
    if engine != "zensical":
        return []
    data = settings.data

    def at(key: str) -> Loc:
        return settings.loc_of(key) or Loc(SETTINGS_FILE, 1, 1)

    out = [error(at(key), ENGINE_SETTING, f"{why}; '{key}' would be ignored", "remove it, or build with --engine "
                                                                               "mkdocs")
           for key, why in _UNSUPPORTED_SETTINGS.items() if key in data]
    known = zensical_plugins()
    for name, key in _plugin_entries(data.get("plugins")):
        if name.removeprefix("material/") not in known:
            out.append(error(at(key), ENGINE_SETTING, f"Zensical cannot run the plugin '{name}'",
                             "remove it, or build with --engine mkdocs"))
    theme = data.get("theme")
    theme_name = theme.get("name") if isinstance(theme, dict) else None
    if theme_name not in (None, "material"):
        out.append(error(at("theme.name"), ENGINE_SETTING,
                         f"Zensical builds the Material theme only, not '{theme_name}'",
                         "remove theme.name, or build with --engine mkdocs"))
    return out


def _said(output: str) -> list[str]:
    """What Zensical reported, without its progress lines."""
    quiet = ("Build started", "Build finished", "No issues found")
    return [line.strip() for line in output.splitlines() if line.strip() and not line.strip().startswith(quiet)]


def run_zensical(config_file: Path, site_dir: Path) -> None:
    """Build the staging tree of *config_file* with Zensical, strict, into *site_dir* (not existing yet).

    Zensical writes into the staging folder (it refuses an output folder outside its project), so the
    result is moved to *site_dir* afterwards.
    """
    if not zensical_installed():
        raise UsageError(MISSING_ZENSICAL)
    config_file = Path(os.path.abspath(config_file))
    staging = config_file.parent
    out = staging / "site"
    if os.path.lexists(out):
        if out.is_symlink() or not out.is_dir():
            os.unlink(out)
        else:
            shutil.rmtree(out)
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file), "--strict"]
    try:
        done = subprocess.run(command, cwd=staging, capture_output=True, text=True, errors="replace",
                              timeout=ZENSICAL_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise EngineError(f"the site engine (Zensical) did not finish in {ZENSICAL_TIMEOUT_SECONDS} s",
                          []) from None
    except OSError as exc:
        raise EngineError(f"the site engine (Zensical) could not start: {exc.strerror or exc}", []) from None
    messages = _said(done.stdout + "\n" + done.stderr)
    if done.returncode != 0 or not (out / "index.html").is_file():
        details = "; ".join(shown_message(m) for m in messages[-5:]) or f"exit status {done.returncode}"
        raise EngineError(f"the site engine (Zensical) failed: {details}", messages)
    shutil.move(str(out), str(site_dir))



# --- MkDocs ---------------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: What MkDocs says of every dirty build; the preview asks for one, so it is not a warning there.
_DIRTY_NOTICE = "A 'dirty' build is being performed"


@contextmanager
def _mkdocs_said() -> Iterator[_Capture]:
    """MkDocs' warnings and errors while the block runs, captured (not printed)."""
    logger = logging.getLogger("mkdocs")
    capture = _Capture()
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers = [capture]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield capture
    finally:
        logger.handlers, logger.propagate, level = saved[0], saved[1], saved[2]
        logger.setLevel(level)


def run_mkdocs(config_file: Path, site_dir: Path, *, dirty: bool = False, workers: int = 1) -> None:
    """Build with MkDocs in this process, strict, every warning captured and reported.

    *workers*: how many processes may share the pages' Markdown conversion (site/mkdocs_fork.py);
    the site is the same with any number.

    *dirty*: rebuild only the pages whose Markdown is newer than their HTML in *site_dir*, which holds
    the last build (MkDocs' own dirty build; the preview's quick path). Links to anchors of pages not
    rebuilt cannot be checked then, so they are not."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from roadmap_gen.markdown.quickinline import QuickInlineExtension

    with _mkdocs_said() as capture:
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=not dirty)
            # The same HTML from fewer searches (markdown/quickinline.py): an object, not a name in mkdocs.yml.
            config.markdown_extensions.append(QuickInlineExtension())
            _keep_theme_compiled(config.theme)
            if dirty:
                config.validation.links.anchors = logging.DEBUG
            with forked_pages(workers):
                build(config, dirty=dirty)
            capture.messages = [m for m in capture.messages if not m.startswith(_DIRTY_NOTICE)]
        except MkDocsException as exc:
            details = "; ".join(shown_message(m) for m in capture.messages) or shown_message(str(exc))
            raise EngineError(f"the site engine failed: {details}", capture.messages or [str(exc)]) from None
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - an extension's bug must not show a traceback
            message = f"{type(exc).__name__}: {exc}"
            raise EngineError(f"the site engine failed: {shown_message(message)}",
                              capture.messages + [message]) from None
    if capture.messages:
        raise EngineError("the site engine warned: " + "; ".join(shown_message(m) for m in capture.messages),
                          capture.messages)


def mkdocs_setting_messages(config_file: Path) -> list[str]:
    """What MkDocs says of the settings in *config_file* when it reads them, strict, as a build does first
    (an unknown setting, a value of the wrong type, a plugin's option), without building. Reading settings
    imports the hooks, plugins and Markdown extensions they name: only for settings that need no trust."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _mkdocs_said() as capture:
        try:
            load_config(config_file=str(config_file), site_dir=str(config_file.parent / "site"), strict=True)
        except MkDocsException as exc:
            if not capture.messages:  # said only by the exception (what it refused is logged, as a rule)
                capture.messages.append(str(exc))
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - a plugin's bug must not show a traceback
            capture.messages.append(f"{type(exc).__name__}: {exc}")
    return capture.messages


def _keep_theme_compiled(theme: Any) -> None:
    """The theme's templates compiled once per process, not once per build: each build makes a new
    environment for them, so the preview compiled the theme's forty templates again on every edit (a
    tenth of its rebuild at 1,000 teams). They are kept by source and by the environment's settings
    (pages/render.py MemoryBytecode, compile_setting): a theme or plugin set changed in mkdocs.yml
    compiles afresh."""
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.bytecode_cache = _THEME_COMPILED
        return env

    theme.get_env = get_env


_THEME_COMPILED = MemoryBytecode(setting=compile_setting)


_CONFIG_MESSAGE = re.compile(r"^Config value '([^']+)': (.*)$", re.S)
_NAMED = re.compile(r"""(?:extension|plugin) ['"]([^'"]+)['"]""", re.IGNORECASE)
_OPTION = re.compile(r"""option ['"]([^'"]+)['"]""")
_UNKNOWN = re.compile(r"Unrecognised configuration name: (\S+)")
#: A value MkDocs checks inside a setting (``theme``'s ``locale``: "'locale' must be a string.").
_INNER = re.compile(r"""^'([A-Za-z_][\w-]*)' must be""")
_THEME_NAME = re.compile(r"Unrecognised theme name: '([^']*)'\. The available installed themes are: ([^.]+)")


def _one_message(message: str) -> str:
    """A message on one line: a Python stack inside it is cut to its first and last lines."""
    lines = [line for line in message.splitlines() if line.strip()]
    if len(lines) <= 1:
        return message.strip()
    if any(line.startswith("  File ") or line.startswith("Traceback") for line in lines):
        return f"{lines[0].strip()} {lines[-1].strip()}"
    return " ".join(line.strip() for line in lines)


#: The most of a value an engine's message quotes that is shown, and the most of the message itself: the
#: engine quotes what mkdocs.yml holds, which may be a value of any length (a 200,000-character theme name
#: made a diagnostic line of 200 KB).
QUOTED_MOST = 60
MESSAGE_MOST = 600
_QUOTED = re.compile(rf"'([^'\n]{{{QUOTED_MOST + 1},}})'|" + rf'"([^"\n]{{{QUOTED_MOST + 1},}})"')


def shown_message(message: str) -> str:
    """An engine's *message* as a diagnostic shows it: on one line, a quoted value longer than
    :data:`QUOTED_MOST` cut (with its length said), and the whole cut at :data:`MESSAGE_MOST` characters.
    Only what is shown: messages are located from their full text."""
    def cut(match: re.Match[str]) -> str:
        quote, value = match.group(0)[0], match.group(1) if match.group(1) is not None else match.group(2)
        return f"{quote}{value[:QUOTED_MOST]}...{quote} ({len(value):,} characters)"
    text = _QUOTED.sub(cut, _one_message(message))
    return text if len(text) <= MESSAGE_MOST else f"{text[:MESSAGE_MOST]}... ({len(text):,} characters)"


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
            # Material's plugins are named 'material/search' when mkdocs.yml says 'search'; an option of
            # one is located at the option when the message names it.
            entries = (named.group(1), named.group(1).rpartition("/")[2])
            option = _OPTION.search(detail)
            ends = tuple(f"].{entry}.{option.group(1)}" for entry in entries) if option else ()
            loc = next((at for name, at in settings.locs.items() if ends and name.startswith(f"{key}[")
                        and name.endswith(ends)), None)
            loc = loc or next((at for entry in entries if (at := settings.loc_of(f"{key}.{entry}")) is not None), None)
        if loc is None and unknown:
            loc = settings.loc_of(unknown.group(1))
        hint = ""
        theme = _THEME_NAME.search(detail)
        inner = _INNER.match(detail)
        if loc is None and theme:
            loc = settings.loc_of(f"{key}.name")
            hint = did_you_mean(theme.group(1), [name.strip() for name in theme.group(2).split(",")])
        elif loc is None and inner:
            loc = settings.loc_of(f"{key}.{inner.group(1)}")
        if loc is None:
            loc = settings.loc_of(key)
        if loc is not None:
            found.append(error(loc, "site-setting", f"MkDocs refused the setting '{key}': {shown_message(detail)}",
                               hint or "see the MkDocs and Material documentation for this setting"))
    return found


def with_engine(project: Project, engine: str | None) -> Project:
    """*project* built by *engine* (the command line's choice) rather than its roadmap-gen.yaml's."""
    if engine is None or engine == project.settings.engine:
        return project
    return replace(project, settings=replace(project.settings, engine=engine))  # type: ignore[arg-type]


def run_engine(engine: str, config_file: Path, site_dir: Path, *, workers: int = 1) -> None:
    """Turn the staging tree of *config_file* into a site in *site_dir* with *engine* (MkDocs may use
    *workers* processes)."""
    if engine == "zensical":
        run_zensical(config_file, site_dir)
    else:
        run_mkdocs(config_file, site_dir, workers=workers)

__all__ = ["ENGINE_SETTING", "EngineError", "engine_refusals", "locate_engine_messages", "mkdocs_setting_messages",
           "run_engine", "run_mkdocs", "run_zensical", "shown_message", "with_engine", "zensical_installed", "zensical_plugins"]
