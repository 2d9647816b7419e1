"""The site engine's configuration: the generator's defaults with the project's own
``mkdocs.yml`` merged over them, and the theme files from ``site_config/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from roadmap_gen.diagnostics import InputError, Loc, error
from roadmap_gen.resources import default_site_config_dir
from roadmap_gen.load.yamlload import Mapping as YamlMap, load_text, to_python

# Keys the generator owns: the staging layout depends on them.
_OURS = ("docs_dir", "site_dir", "strict", "validation", "not_in_nav")
_APPENDED = ("extra_css", "extra_javascript")
_NAMED_LISTS = ("markdown_extensions", "plugins")
# Settings that would run code or read files from outside the project during a build.
_REFUSED = {
    "hooks": "MkDocs hooks run Python files, and a roadmap's inputs never run code (Zensical has no hooks either)",
    "INHERIT": "it reads another configuration file; put the settings in this one",
}

MARKDOWN_EXTENSIONS: list[Any] = [
    "tables", "attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}},
    "pymdownx.superfences", "pymdownx.details",
]


def _theme_files(project_dir: Path) -> dict[str, bytes]:
    """Packaged site_config/ first, the project's own files of the same name over them."""
    files: dict[str, bytes] = {}
    for root in (default_site_config_dir(), project_dir / "site_config"):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and "__pycache__" not in path.parts:
                rel = path.relative_to(root).as_posix()
                if rel.startswith("overrides/"):
                    files[rel] = path.read_bytes()
                else:
                    files[f"docs/assets/site_config/{rel}"] = path.read_bytes()
    return files


def _user_config(project_dir: Path) -> dict[str, Any]:
    path = project_dir / "mkdocs.yml"
    if not path.is_file():
        return {}
    loaded = load_text(path.read_bytes(), "mkdocs.yml")
    if loaded.diagnostics:
        raise InputError(loaded.diagnostics)
    if isinstance(loaded.root, YamlMap):
        refused = [key for key in _REFUSED if loaded.root.key_node(key) is not None]
        if refused:
            raise InputError([error(loaded.root.key_node(key).loc, "unsafe-setting",  # type: ignore[union-attr]
                                    f"mkdocs.yml may not set '{key}': {_REFUSED[key]}") for key in refused])
    data = to_python(loaded.root)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError([error(Loc("mkdocs.yml", 1, 1), "bad-type", "mkdocs.yml must be a map of settings")])
    return data


def _name(entry: Any) -> Any:
    return next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else entry


def merge(defaults: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    for key, value in user.items():
        if key in _OURS:
            continue
        if key in _APPENDED and isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + [v for v in value if v not in merged.get(key, [])]
        elif key in _NAMED_LISTS and isinstance(value, list):
            names = {_name(v) for v in value}
            merged[key] = [v for v in merged.get(key, []) if _name(v) not in names] + value
        elif key == "nav" and isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + value
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def site_config(project_dir: Path, tree: Any) -> tuple[dict[str, Any], dict[str, bytes]]:
    theme_files = _theme_files(project_dir)
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
    config = merge(defaults, _user_config(project_dir))
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
    return config, theme_files
