"""What a start loads: ``import roadmap_gen`` and ``roadmap-gen --version`` load neither the pages nor the
site engine, so that the quick commands stay quick (how quick is measured by benchmarks/startup.py, not
here: a timing assertion fails on a busy machine).

Each check runs in a new interpreter, since this process has long loaded everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import roadmap_gen

#: Loaded only by the commands that render pages or build a site.
HEAVY = ("roadmap_gen.pages", "roadmap_gen.site", "mkdocs", "jinja2")
MARKER = "--- modules ---"


def loaded_after(code: str, tmp_path: Path) -> list[str]:
    """The modules a new interpreter holds after running *code* (which imports this process's roadmap_gen)."""
    script = f"{code}\nimport sys\nprint({MARKER!r})\nprint('\\n'.join(sorted(sys.modules)))\n"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(entry for entry in sys.path if entry), PYTHONSAFEPATH="1")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split(MARKER + "\n", 1)[1].split()


def heavy(modules: list[str], also: tuple[str, ...] = ()) -> list[str]:
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in HEAVY + also)]


def test_importing_the_package_loads_neither_pages_nor_site_engine(tmp_path: Path) -> None:
    modules = loaded_after("import roadmap_gen", tmp_path)
    assert "roadmap_gen" in modules and "roadmap_gen.workspace.workspace" in modules
    assert heavy(modules) == []


def test_the_version_loads_neither_pages_nor_site_engine_nor_model(tmp_path: Path) -> None:
    code = ("from roadmap_gen.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n")
    modules = loaded_after(code, tmp_path)
    assert "roadmap_gen.cli" in modules
    assert heavy(modules, also=("roadmap_gen.model", "roadmap_gen.load", "roadmap_gen.plan")) == []


def test_the_public_names_load_when_first_used() -> None:
    assert roadmap_gen.build_site.__module__ == "roadmap_gen.site.build"
    assert roadmap_gen.Plan.__module__ == "roadmap_gen.plan.types"
    assert {"build_site", "render_site", "Workspace"} <= set(dir(roadmap_gen))
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        _ = roadmap_gen.not_a_name
