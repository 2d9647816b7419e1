"""Where the packaged defaults are: inside the wheel, or at the top of a source checkout.

The repository keeps one copy (``templates/``, ``content/catalogue/``,
``site_config/``); the wheel build copies them to ``roadmap_gen/_defaults``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # roadmap_gen/, above core/
_INSTALLED = _PACKAGE / "_defaults"
_CHECKOUT = _PACKAGE.parent


def _pick(installed: str, checkout: str) -> Path:
    path = _INSTALLED / installed
    return path if path.is_dir() else _CHECKOUT / checkout


def default_catalogue_dir() -> Path:
    return _pick("catalogue", "content/catalogue")


def default_templates_dir() -> Path:
    return _pick("templates", "templates")


def default_site_config_dir() -> Path:
    return _pick("site_config", "site_config")


def schema_dir() -> Path:
    return _PACKAGE / "schema"


def changelog_file() -> Path:
    """CHANGELOG.md: in the wheel, or at the top of a checkout."""
    path = _INSTALLED / "CHANGELOG.md"
    return path if path.is_file() else _CHECKOUT / "CHANGELOG.md"


def docs_dir() -> Path:
    """The user documentation (docs/*.md): in the wheel, or at the top of a checkout."""
    return _pick("docs", "docs")
