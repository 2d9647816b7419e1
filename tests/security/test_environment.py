"""Issue 10, item 9: no exit 3 for any input or environment: a located error (1) or a usage error (2)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import EPOCH, World, run_cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("value", [" 123", "1e9", "-5", "99999999999999999"])
def test_an_odd_source_date_epoch_is_a_usage_error(world: World, value: str) -> None:
    done = world.run("build", env={"SOURCE_DATE_EPOCH": value})
    world.refused(done, None, 2, ["SOURCE_DATE_EPOCH"])


def test_a_good_source_date_epoch_is_shown_in_the_footer(world: World) -> None:
    assert "built 2026-01-01 00:00 UTC" in (world.site / "index.html").read_text("utf-8")


@pytest.mark.parametrize("port", ["0", "70000", "abc"])
def test_an_invalid_port_is_a_usage_error(world: World, port: str) -> None:
    done = world.run("serve", "--port", port, timeout=30)
    world.refused(done, None, 2, ["port"])


def test_a_busy_port_is_a_usage_error(world: World) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = world.run("serve", "--port", str(port), timeout=60)
    world.refused(done, None, 2, ["in use", "--port"])
    assert "serving on" not in done.stderr


MKDOCS_ERRORS = [
    ("option-typo", "markdown_extensions:\n  - toc:\n      permalinkk: true\n", "mkdocs.yml:3:7", "permalinkk"),
    ("unknown-theme", "theme:\n  name: nosuch\n", "mkdocs.yml:2:3", "nosuch"),
    ("wrong-type", "use_directory_urls: maybe\n", "mkdocs.yml:1:1", "use_directory_urls"),
    ("unknown-setting", "site_nam: x\n", "mkdocs.yml:1:1", "site_nam"),
]


@pytest.mark.parametrize("case, text, where, word", MKDOCS_ERRORS, ids=[c[0] for c in MKDOCS_ERRORS])
def test_mkdocs_config_errors_are_located_without_a_stack(world: World, case: str, text: str, where: str,
                                                          word: str) -> None:
    (world.project / "mkdocs.yml").write_text(text, "utf-8")
    done = world.run("build")
    world.refused(done, where, 1, [word])
    assert "File \"" not in done.stderr


def test_a_missing_project_folder_is_an_input_error(world: World) -> None:
    done = run_cli("validate", project=world.root / "nowhere")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/organisation.yaml" in done.stderr


#: Modules a build imports, each shadowed by a file at the project's root that leaves a mark if imported.
SHADOWED = ("jinja2", "markdown", "mkdocs", "yaml", "openpyxl", "roadmap_gen")


def test_modules_in_the_project_are_never_imported_by_the_command(tmp_path: Path) -> None:
    """The command a CI job runs (the console script, here a new interpreter: the forked processes of the
    other tests imported everything before they entered the project) finds nothing to import in the
    project it is given, even as its working folder: a pull request's `jinja2.py` runs nothing."""
    script = Path(sys.executable).parent / "roadmap-gen"
    if not script.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI installs the package (pip install '.[test]'), so {script} must exist")
        pytest.skip("roadmap-gen is not installed in this environment (pip install '.[test]')")
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for name in SHADOWED:
        (project / f"{name}.py").write_text(f"open({str(tmp_path / ('ran-' + name))!r}, 'w').close()\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "ROADMAP_GEN_DEBUG"}
    for command in (["validate"], ["build"]):
        done = subprocess.run([str(script), *command], cwd=project, env=dict(env, SOURCE_DATE_EPOCH=EPOCH),
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.glob("ran-*")) == []
