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
