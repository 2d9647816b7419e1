"""One version: roadmap_gen/core/version.py. The README, the pre-commit hook's example, the docs, what ``init``
writes into requirements.txt and the changelog all name the same one, so a user who pins the tag the
docs show gets this version."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from cli_process import run_cli
from roadmap_gen import __version__
from roadmap_gen.commands.install_source import REQUIREMENTS, pinned_requirement

REPO = Path(__file__).resolve().parent.parent
#: How a version of roadmap-gen is written where a user copies it: a tag (v1.2.3, rev: v1.2.3,
#: @v1.2.3), a wheel's name (roadmap_gen-1.2.3-py3...) or a package index pin (roadmap-gen==1.2.3).
MENTION = re.compile(r"(?<![\w.])v(\d+\.\d+\.\d+)\b|roadmap[-_]gen(?:==|-)(\d+\.\d+\.\d+)\b")
RELEASE = re.compile(r"^## (\d+\.\d+\.\d+)(?: \((?:unreleased|\d{4}-\d{2}-\d{2})\))?$", re.M)


def mentions(text: str) -> set[str]:
    return {tag or pin for tag, pin in MENTION.findall(text)}


def where_users_copy_from() -> list[Path]:
    skeleton = REPO / "roadmap_gen" / "skeleton"
    return [REPO / "README.md", REPO / ".pre-commit-hooks.yaml", *sorted((REPO / "docs").glob("*.md")),
            *sorted(p for p in skeleton.rglob("*") if p.is_file() and "__pycache__" not in p.parts)]


def test_the_version_is_written_once():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "roadmap_gen/core/version.py"' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_every_example_names_this_version():
    found = {path.relative_to(REPO).as_posix(): mentions(path.read_text(encoding="utf-8"))
             for path in where_users_copy_from()}
    wrong = {path: versions for path, versions in found.items() if versions - {__version__}}
    assert wrong == {}, f"roadmap_gen/core/version.py says {__version__}"
    for path in ("README.md", ".pre-commit-hooks.yaml", "docs/ci.md"):
        assert found[path] == {__version__}, path  # each shows the version at least once


def test_the_hook_example_pins_the_tag_of_this_version():
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert re.findall(r"rev: (\S+)", hooks) == [f"v{__version__}"]
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert set(re.findall(r"rev: (\S+)", ci)) == {f"v{__version__}"}


def test_init_pins_the_tag_of_this_version(tmp_path):
    done = run_cli("init", str(tmp_path / "r"), "--source", "git+https://git.example.org/tools/roadmap-gen")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "r" / REQUIREMENTS).read_text(encoding="utf-8")
    assert pinned_requirement(text) == f"roadmap-gen @ git+https://git.example.org/tools/roadmap-gen@v{__version__}"
    assert mentions(text) == {__version__}
    done = run_cli("init", str(tmp_path / "i"), "--source", "index")
    assert done.returncode == 0, done.stderr
    assert pinned_requirement((tmp_path / "i" / REQUIREMENTS).read_text(encoding="utf-8")) == \
        f"roadmap-gen=={__version__}"


def test_the_changelog_has_a_section_per_release_newest_first():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## .*$", text, re.M)
    releases = RELEASE.findall(text)
    assert len(releases) == len(headings), headings  # every second-level heading is a release
    assert releases[0] == __version__
    numbers = [tuple(int(part) for part in version.split(".")) for version in releases]
    assert numbers == sorted(set(numbers), reverse=True) and len(numbers) >= 2


def requirements_of_pyproject() -> list[str]:
    tomllib = pytest.importorskip("tomllib")
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    found = list(data["build-system"]["requires"]) + list(data["project"]["dependencies"])
    for extra in data["project"]["optional-dependencies"].values():
        found += extra
    return found


def test_every_dependency_has_an_upper_bound():
    unbounded = [line for line in requirements_of_pyproject()
                 if not any(spec.operator in ("<", "<=", "==", "~=") for spec in Requirement(line).specifier)]
    assert unbounded == []


@pytest.mark.parametrize("name, refused", [("zensical", ["0.0.72", "0.0.74", "0.1.0"]), ("icalendar", ["6.3.2", "8.0.0"])])
def test_a_young_or_changing_dependency_is_held_to_what_the_suite_runs(name, refused):
    """Zensical (0.0.x: any release may change what it builds) to one release, icalendar to one major:
    the ones installed for this suite."""
    specifiers = [Requirement(line).specifier for line in requirements_of_pyproject() if Requirement(line).name == name]
    assert specifiers
    for specifier in specifiers:
        assert not [version for version in refused if specifier.contains(version)], specifier
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        assert specifier.contains(installed), (name, installed, str(specifier))
