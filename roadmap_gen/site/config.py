"""The site engine's configuration: the generator's defaults with the project's own checked
settings (settings/read.py) merged over them, and the theme files from ``site_config/``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from roadmap_gen.core.diagnostics import InputError
from roadmap_gen.core.resources import default_site_config_dir
from roadmap_gen.markdown.setup import DEFAULT_EXTENSIONS, merge_named
from roadmap_gen.settings.read import Settings, load_settings
from roadmap_gen.spec.yamlread import Tagged
from roadmap_gen.workspace.workspace import Workspace

# Keys the generator owns: the staging layout depends on them.
_OURS = ("docs_dir", "site_dir", "strict", "validation", "not_in_nav")
_APPENDED = ("extra_css", "extra_javascript")
_NAMED_LISTS = ("markdown_extensions", "plugins")

MARKDOWN_EXTENSIONS = DEFAULT_EXTENSIONS


def project_settings(workspace: Workspace) -> Settings:
    """The project's checked settings; their errors stop the build (validate reported them already)."""
    settings = load_settings(workspace.files())
    if not settings.ok:
        raise InputError([d for d in settings.diagnostics if d.severity == "error"])
    return settings


def _theme_files(settings: Settings) -> dict[str, bytes]:
    """Packaged site_config/ first, the project's own files of the same name over them."""
    files: dict[str, bytes] = {}
    packaged = default_site_config_dir()
    own: dict[str, bytes] = {}
    if packaged.is_dir():
        for path in sorted(packaged.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and "__pycache__" not in path.parts:
                own[path.relative_to(packaged).as_posix()] = path.read_bytes()
    own.update(settings.theme_files)
    for rel, data in sorted(own.items()):
        if rel.startswith("overrides/"):
            files[rel] = data  # only present with --trust (settings/read.py refuses them otherwise)
        else:
            files[f"docs/assets/site_config/{rel}"] = data
    return files


def merge(defaults: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    for key, value in user.items():
        if key in _OURS:
            continue
        if key in _APPENDED and isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + [v for v in value if v not in merged.get(key, [])]
        elif key in _NAMED_LISTS and isinstance(value, list):
            merged[key] = merge_named(list(merged.get(key, [])), value)
        elif key == "nav" and isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + value
        elif key == "theme" and isinstance(value, str):
            merged[key] = merge(merged.get(key, {}), {"name": value})
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _project_path(project_dir: Path, value: Any) -> Any:
    """A path written relative to the project's mkdocs.yml, made absolute (the staging mkdocs.yml is elsewhere)."""
    if isinstance(value, str) and value and not isinstance(value, Tagged):
        return os.path.normpath(os.path.join(os.path.abspath(project_dir), value))
    return value


def _trusted_paths(project_dir: Path, user: Mapping[str, Any]) -> dict[str, Any]:
    """With --trust, hooks, INHERIT and theme.custom_dir run as MkDocs would run them from the project."""
    data = dict(user)
    if isinstance(data.get("hooks"), list):
        data["hooks"] = [_project_path(project_dir, h) for h in data["hooks"]]
    if "INHERIT" in data:
        data["INHERIT"] = _project_path(project_dir, data["INHERIT"])
    theme = data.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        data["theme"] = {**theme, "custom_dir": _project_path(project_dir, theme["custom_dir"])}
    return data


def site_config(workspace: Workspace, tree: Any, settings: Settings | None = None
                ) -> tuple[dict[str, Any], dict[str, bytes]]:
    if settings is None:
        settings = project_settings(workspace)
    theme_files = _theme_files(settings)
    css = sorted(rel[len("docs/"):] for rel in theme_files if rel.startswith("docs/") and rel.endswith(".css"))
    js = sorted(rel[len("docs/"):] for rel in theme_files if rel.startswith("docs/") and rel.endswith(".js"))
    defaults: dict[str, Any] = {
        "site_name": tree.site_name,
        "site_description": tree.site_description,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "language": "en",
            # No web fonts: the site must work on an intranet with no internet.
            "font": False,
            "features": ["navigation.indexes", "navigation.prune", "navigation.top", "navigation.footer",
                         "navigation.tracking", "search.highlight", "toc.follow"],
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo",
                 "accent": "indigo", "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo",
                 "accent": "indigo", "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
            ],
        },
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": css,
        "extra_javascript": js,
        "extra": {"generator": False},
        "copyright": tree.footer_html,
        "nav": tree.nav,
    }
    if not any(rel.startswith("overrides/") for rel in theme_files):
        del defaults["theme"]["custom_dir"]  # MkDocs refuses a custom_dir that does not exist
    user = _trusted_paths(workspace.root, settings.data) if settings.trust else dict(settings.data)
    config = merge(defaults, user)
    config.update({
        "docs_dir": "docs",
        "strict": True,
        "not_in_nav": "\n".join(tree.not_in_nav),
        "validation": {
            "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
            "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                      "anchors": "warn"},
        },
    })
    if not config["not_in_nav"]:
        del config["not_in_nav"]
    if tree.offline:
        # Opened from disk, a page is a file: links must name it (no directory URLs), and the search
        # cannot run (browsers refuse its worker on file://), so it is left out rather than left broken.
        config["use_directory_urls"] = False
        config["plugins"] = [p for p in config.get("plugins", []) if plugin_name(p) not in SEARCH_PLUGINS]
    return config, theme_files


SEARCH_PLUGINS = ("search", "material/search", "offline", "material/offline")


def plugin_name(entry: Any) -> str:
    """The name of an entry of mkdocs.yml's ``plugins`` list: ``search`` or ``{search: {...}}``."""
    return str(next(iter(entry))) if isinstance(entry, dict) and entry else str(entry)
