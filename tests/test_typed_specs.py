"""Field specs are typed: a model field whose annotation contradicts its spec fails mypy.

``field(spec: Spec[T], ...)`` returns ``T`` (or ``T | D`` with a default of type ``D``), so the
dataclass annotation is checked against the spec. This test mutates a copy of the package, once per
kind of spec (a scalar, a list's item, an Enum's choices, a record, a map's records), and expects
mypy to point at each mutated line, after checking that the unmutated copy passes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

#: (file under roadmap_gen/, the declaration as written, the same declaration contradicting its annotation)
MUTATIONS = (
    ("model/organisation.py", 'owner_limit: int = field(Int(minimum=1),', 'owner_limit: int = field(Str(),'),
    ("model/organisation.py", 'roles: tuple[str, ...] = field(ListOf(Ref("role")),',
     'roles: tuple[str, ...] = field(ListOf(Int()),'),
    ("model/organisation.py", 'direction: Direction = field(Enum(DIRECTIONS), "Which way is better.", required=True)',
     'direction: Direction = field(Enum(METRIC_KINDS), "Which way is better.", required=True)'),
    ("model/organisation.py", 'review: Review = field(Record(Review),', 'review: Review = field(Record(Planning),'),
    ("model/catalogue.py", 'roles: tuple[Role, ...] = field(MapOf(Slug(), Record(Role)),',
     'roles: tuple[Role, ...] = field(MapOf(Slug(), Record(Dimension)),'),
)


def _mypy(root: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(root / "pyproject.toml"),
                           "--cache-dir", str(cache)], cwd=root, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_a_spec_that_contradicts_its_annotation_fails_mypy(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(REPO / "roadmap_gen", root / "roadmap_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    cache = tmp_path / "mypy-cache"  # shared: the second run checks only what changed
    clean = _mypy(root, cache)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    mutated: set[tuple[str, int]] = set()
    for name, written, contradicting in MUTATIONS:
        path = root / "roadmap_gen" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(written) == 1, f"{written!r} is no longer declared once in {name}: update this test"
        line = text[:text.index(written)].count("\n") + 1
        path.write_text(text.replace(written, contradicting), encoding="utf-8")
        mutated.add((f"roadmap_gen/{name}", line))
    done = _mypy(root, cache)
    assert done.returncode != 0, done.stdout
    reported = {(m[1].replace("\\", "/"), int(m[2]))
                for m in re.finditer(r"^(roadmap_gen[\w/\\]+\.py):(\d+): error", done.stdout, re.M)}
    assert mutated <= reported, done.stdout
