"""`roadmap-gen catalogue`: the ids a roadmap may use, from the project's catalogue or the packaged one."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.commands.catalogue_list import KINDS, as_text, catalogue_rows
from roadmap_gen.core.resources import default_catalogue_dir
from roadmap_gen.load.project import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=120)


def test_outside_a_project_it_lists_the_packaged_catalogue(tmp_path):
    done = cli("catalogue", "roles", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("roles (") and "the packaged catalogue" in lines[0]
    assert lines[1].split() == ["id", "title"]
    packaged, _, is_packaged = load_catalogue(tmp_path)
    assert is_packaged and packaged is not None
    ids = [line.split()[0] for line in lines[2:]]
    assert ids == [r.id for r in packaged.roles]
    # Aligned: every title starts in the same column.
    column = lines[1].index("title")
    for line, role in zip(lines[2:], packaged.roles):
        assert line[column:] == role.title and line[:column].strip() == role.id


def test_a_project_with_its_own_catalogue_lists_that(tmp_path):
    done = cli("--project", str(FIXTURE), "catalogue", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["source"] == "content/catalogue/"
    assert set(data) == {"catalogue", "title", "source", *KINDS}
    own, _, packaged = load_catalogue(FIXTURE)
    assert not packaged
    assert [f["id"] for f in data["factors"]] == [f.id for f in own.factors]
    actions = [(a["id"], a["factor"]) for a in data["actions"]]
    assert actions == [(a.id, f.id) for f in own.factors for a in f.actions]
    for module in data["training"]:
        assert {"id", "title", "format", "hours", "audience"} <= set(module)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_text(kind):
    catalogue, diags, _ = load_catalogue(default_catalogue_dir().parent)
    assert catalogue is not None, diags
    rows = catalogue_rows(catalogue, kind)
    assert rows and all(row["id"] and row["title"] for row in rows)
    text = as_text(rows, kind)
    assert len(text.splitlines()) == len(rows) + 2
    assert not any(line != line.rstrip() for line in text.splitlines())


def test_a_broken_catalogue_is_reported_not_listed(tmp_path):
    catalogue = tmp_path / "content" / "catalogue"
    catalogue.mkdir(parents=True)
    (catalogue / "ours.yaml").write_text("catalogue: {id: x}\n", encoding="utf-8")
    done = cli("catalogue", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("content/catalogue/ours.yaml:1:") and "Traceback" not in done.stderr


def test_an_unknown_kind_is_a_usage_error(tmp_path):
    done = cli("catalogue", "people", cwd=tmp_path)
    assert done.returncode == 2 and "invalid choice" in done.stderr
