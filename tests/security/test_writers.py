"""Issue 20, item 4 (B6): no writer follows a link. ``init --force``, ``upgrade``, ``export --output`` and
``report --pdf`` write through roadmap_gen/core/safe_write.py: a link at the file or on the way is refused,
nothing is written outside the project, and nothing a link points at is ever printed. An output that is
an input of the project is a usage error."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from corpus import files_of, run_cli

from roadmap_gen.commands.init import init_project
from roadmap_gen.commands.install_source import Source
from roadmap_gen.commands.scaffold import MANIFEST, manifest_text, read_manifest, sha256
from roadmap_gen.core.diagnostics import ProjectError
from roadmap_gen.core.safe_write import LinkRefused, read_regular, write_file

TOKEN = "PUBLISH-TOKEN-5f3e"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@dataclass
class Fresh:
    project: Path
    outside: Path
    outside_before: dict[str, bytes]

    def untouched(self) -> None:
        assert files_of(self.outside) == self.outside_before, "something outside the project changed"


def with_outside(project: Path, tmp_path: Path) -> Iterator[Fresh]:
    """*project* with a folder beside it that holds a secret and must not change."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{TOKEN}\n", "utf-8")
    f = Fresh(project, outside, files_of(outside))
    yield f
    f.untouched()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Fresh]:
    project = tmp_path / "roadmap"
    init_project(project, today=date(2026, 11, 23), source=Source("roadmap-gen==0.0.1"))
    yield from with_outside(project, tmp_path)


def test_upgrade_never_prints_what_a_readme_link_points_at(fresh: Fresh) -> None:
    readme = fresh.project / "README.md"
    readme.unlink()
    readme.symlink_to("/proc/self/environ")
    done = run_cli("upgrade", cwd=fresh.project, env={"PUBLISH_TOKEN": TOKEN})
    assert done.returncode == 0, done.stderr
    assert TOKEN not in done.stdout and TOKEN not in done.stderr
    assert "README.md: kept (README.md is a symbolic link" in done.stderr, done.stderr
    assert os.readlink(readme) == "/proc/self/environ"


def test_upgrade_never_prints_a_linked_file_outside(fresh: Fresh) -> None:
    ci = fresh.project / ".gitlab-ci.yml"
    ci.unlink()
    ci.symlink_to(fresh.outside / "secret.txt")
    done = run_cli("upgrade", cwd=fresh.project)
    assert done.returncode == 0, done.stderr
    assert TOKEN not in done.stdout + done.stderr
    assert ci.is_symlink()


def test_upgrade_creates_nothing_through_a_dangling_link(fresh: Fresh) -> None:
    schema = fresh.project / "schema" / "team.schema.json"
    schema.unlink()
    schema.symlink_to(fresh.outside / "planted.json")
    record = read_manifest(fresh.project)
    del record["schema/team.schema.json"]  # so that upgrade would add it
    (fresh.project / MANIFEST).write_text(manifest_text(record), "utf-8")
    done = run_cli("upgrade", cwd=fresh.project)
    assert done.returncode == 0, done.stderr
    assert not (fresh.outside / "planted.json").exists()
    assert "schema/team.schema.json: kept" in done.stderr


def test_upgrade_never_overwrites_what_a_link_with_the_recorded_hash_points_at(fresh: Fresh) -> None:
    """The link's target holds exactly the bytes the record vouches for: upgrade would 'update' it."""
    readme = fresh.project / "README.md"
    old = b"an older README\n"
    target = fresh.outside / "their-readme.md"
    target.write_bytes(old)
    fresh.outside_before = files_of(fresh.outside)
    readme.unlink()
    readme.symlink_to(target)
    record = read_manifest(fresh.project)
    record["README.md"] = sha256(old)
    (fresh.project / MANIFEST).write_text(manifest_text(record), "utf-8")
    done = run_cli("upgrade", cwd=fresh.project)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == old
    assert "README.md: kept" in done.stderr


def test_upgrade_writes_nothing_through_a_linked_folder(fresh: Fresh) -> None:
    shutil.rmtree(fresh.project / "schema")
    (fresh.project / "schema").symlink_to(fresh.outside)
    done = run_cli("upgrade", cwd=fresh.project)
    assert done.returncode == 0, done.stderr
    assert "schema/organisation.schema.json: kept (refusing" in done.stderr, done.stderr


def test_upgrade_refuses_a_linked_record(fresh: Fresh) -> None:
    (fresh.project / MANIFEST).unlink()
    (fresh.project / MANIFEST).symlink_to(fresh.outside / "secret.txt")
    done = run_cli("upgrade", cwd=fresh.project)
    assert done.returncode == 1, done.stderr
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("rel", ["README.md", "schema/team.schema.json", "site_config", "requirements.txt"])
def test_init_force_refuses_a_link_and_writes_nothing(fresh: Fresh, rel: str) -> None:
    path = fresh.project / rel
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.symlink_to(fresh.outside / "planted")  # dangling
    before = files_of(fresh.project)
    done = run_cli("init", ".", "--force", "--source", "roadmap-gen==0.0.1", cwd=fresh.project)
    assert done.returncode == 1, done.stderr
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert not (fresh.outside / "planted").exists()
    assert files_of(fresh.project) == before


def test_init_force_leaves_a_linked_content_file_alone(fresh: Fresh) -> None:
    """Content is the user's: a link there is neither followed for writing nor replaced."""
    team = fresh.project / "content" / "teams" / "service-desk.yaml"
    team.unlink()
    team.symlink_to(fresh.outside / "planted.yaml")
    done = run_cli("init", ".", "--force", cwd=fresh.project)
    assert done.returncode == 0, done.stderr
    assert not (fresh.outside / "planted.yaml").exists() and team.is_symlink()


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Fresh]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    yield from with_outside(project, tmp_path)


@pytest.mark.parametrize("output", ["content/organisation.yaml", "content/teams/new.yaml", "mkdocs.yml",
                                    "templates/home.md.j2", "site_config/x.css", "roadmap-gen.yaml"])
def test_an_output_that_is_an_input_is_a_usage_error(small: Fresh, output: str) -> None:
    before = files_of(small.project)
    done = run_cli("--project", str(small.project), "export", "--output", str(small.project / output))
    assert done.returncode == 2, done.stderr
    assert "is one of the project's inputs" in done.stderr
    assert files_of(small.project) == before


def test_an_output_reaching_an_input_through_a_link_is_a_usage_error(small: Fresh) -> None:
    (small.outside / "alias").symlink_to(small.project / "content")
    small.outside_before = files_of(small.outside)
    before = files_of(small.project)
    done = run_cli("--project", str(small.project), "export", "--output", str(small.outside / "alias" / "x.yaml"))
    assert done.returncode == 2, done.stderr
    assert files_of(small.project) == before


def test_report_pdf_into_the_content_is_a_usage_error_before_any_work(small: Fresh) -> None:
    done = run_cli("--project", str(small.project), "report", "--pdf", str(small.project / "content" / "x.pdf"))
    assert done.returncode == 2, done.stderr
    assert not (small.project / "content" / "x.pdf").exists()


def test_export_refuses_a_link_at_the_output(small: Fresh) -> None:
    out = small.project / "roadmap.json"
    out.symlink_to(small.outside / "secret.txt")
    done = run_cli("--project", str(small.project), "export", "--output", str(out))
    assert done.returncode == 1, done.stderr
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert out.is_symlink()


def test_export_refuses_a_linked_folder_inside_the_project(small: Fresh) -> None:
    (small.project / "out").symlink_to(small.outside)
    done = run_cli("--project", str(small.project), "export", "--output", str(small.project / "out" / "plan.json"))
    assert done.returncode == 1, done.stderr
    assert "symbolic link" in done.stderr
    assert not (small.outside / "plan.json").exists()


def test_export_writes_a_new_file_and_replaces_a_file(small: Fresh) -> None:
    out = small.project / "plan.json"
    for _ in range(2):
        done = run_cli("--project", str(small.project), "export", "--output", str(out))
        assert done.returncode == 0, done.stderr
        assert out.read_text("utf-8").startswith("{")
    assert sorted(p.name for p in small.project.iterdir() if p.name.endswith(".tmp")) == []


# --- the helper itself ---------------------------------------------------------------------------


def test_write_file_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    write_file(target, b"one", base=tmp_path, make_folders=True)
    target.chmod(0o600)
    write_file(target, b"two", base=tmp_path)
    assert target.read_bytes() == b"two" and (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]


def test_write_file_refuses_a_fifo_and_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    for name in ("pipe", "folder"):
        with pytest.raises(LinkRefused):
            write_file(tmp_path / name, b"x", base=tmp_path)


def test_read_regular_refuses_links_and_reads_files(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"data")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    assert read_regular(tmp_path / "file", tmp_path, 10) == b"data"
    assert read_regular(tmp_path / "missing", tmp_path, 10) is None
    with pytest.raises(LinkRefused):
        read_regular(tmp_path / "link", tmp_path, 10)
    with pytest.raises(ProjectError):
        read_regular(tmp_path / "file", tmp_path, 3)
