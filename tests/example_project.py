"""Test helpers shared by the site tests: the example project, copied where a test may change and build it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]


def copy_example(dst: Path) -> Path:
    """The example project (content/ and mkdocs.yml) copied to *dst*; templates and theme stay packaged."""
    shutil.copytree(REPO / "content", dst / "content")
    shutil.copy(REPO / "mkdocs.yml", dst / "mkdocs.yml")
    return dst


def nav_paths(nav: Any) -> Iterator[str]:
    """Every page path in a MkDocs nav structure."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_paths(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)
