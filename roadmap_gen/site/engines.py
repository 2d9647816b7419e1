"""The second site engine, Zensical, and what it cannot do.

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
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterable

from roadmap_gen.core.diagnostics import BuildError, Diagnostic, Loc, UsageError, error
from roadmap_gen.settings.read import SETTINGS_FILE, Settings
from roadmap_gen.site.config import plugin_name

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
        details = "; ".join(messages[-5:]) or f"exit status {done.returncode}"
        raise EngineError(f"the site engine (Zensical) failed: {details}", messages)
    shutil.move(str(out), str(site_dir))


__all__ = ["ENGINE_SETTING", "EngineError", "engine_refusals", "run_zensical", "zensical_installed",
           "zensical_plugins"]
