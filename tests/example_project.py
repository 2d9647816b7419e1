"""Test helpers shared by the site tests: the example project, copied where a test may change and build it."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def copy_example(dst: Path) -> Path:
    """The example project (content/ and mkdocs.yml) copied to *dst*; templates and theme stay packaged."""
    shutil.copytree(REPO / "content", dst / "content")
    shutil.copy(REPO / "mkdocs.yml", dst / "mkdocs.yml")
    return dst


def linked_away(path: Path, outside: Path) -> bytes:
    """Put *path*'s file at *outside* and, in its place, a symbolic link to it; returns its bytes (what
    a tool that never writes through a link leaves there)."""
    shutil.copy(path, outside)
    path.unlink()
    path.symlink_to(outside)
    return outside.read_bytes()
