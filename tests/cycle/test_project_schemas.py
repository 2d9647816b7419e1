"""A project's own JSON Schemas: `roadmap-gen schema`, their refresh, `stale-schema`, snapshots' pointers."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.commands.init import init_project
from roadmap_gen.commands.review import open_review
from roadmap_gen.commands.scaffold import MANIFEST, pristine_of, read_manifest, sha256
from roadmap_gen.commands.schemas import (
    KEPT,
    LEFT_OUT,
    REFUSED,
    UP_TO_DATE,
    WRITTEN,
    refresh_schemas,
    repoint_schema,
    stale_schemas,
    write_schemas,
)
from roadmap_gen.commands.upgrade import upgrade_project
from roadmap_gen.load.project import load_project
from roadmap_gen.workspace.workspace import Workspace

ORG = "content/organisation.yaml"
ORG_SCHEMA = "schema/organisation.schema.json"
TEAM_SCHEMA = "schema/team.schema.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    init_project(root, today=date(2026, 11, 23))
    return root


def add_person(project: Path, person: str = "new-person") -> None:
    org = project / ORG
    org.write_text(org.read_text("utf-8").replace("\npeople:\n", f"\npeople:\n  {person}: {{name: New}}\n", 1),
                   "utf-8")


def loaded(project: Path):
    found = load_project(project)
    assert found.project is not None, [d.format() for d in found.diagnostics]
    return found.project


def person_ids(project: Path, schema: str = ORG_SCHEMA) -> list[str]:
    """The person ids the schema offers for the programme's sponsor ([] when it lists none)."""
    data = json.loads((project / schema).read_text("utf-8"))
    return list(data["properties"]["organisation"]["properties"]["sponsor"].get("enum", []))


def test_a_new_project_lists_its_own_ids_and_is_not_stale(project):
    assert "alex-morgan" in person_ids(project)  # the skeleton's people, although init wrote them in the same run
    assert stale_schemas(project, loaded(project)) == []


def test_a_new_id_makes_the_schemas_stale_until_schema_runs(project):
    add_person(project)
    found = stale_schemas(project, loaded(project))
    assert {d.file for d in found} == {ORG_SCHEMA, TEAM_SCHEMA}  # both name people
    assert {(d.severity, d.check, d.line) for d in found} == {("notice", "stale-schema", 1)}
    assert "roadmap-gen schema" in found[0].hint
    actions = {a.path: a.action for a in write_schemas(project)}
    assert actions[ORG_SCHEMA] == WRITTEN and actions["schema/catalogue.schema.json"] == UP_TO_DATE
    assert "new-person" in person_ids(project)
    assert stale_schemas(project, loaded(project)) == []
    # the record and the pristine copy follow, so upgrade sees the tool's own file, up to date
    data = (project / ORG_SCHEMA).read_bytes()
    assert read_manifest(project)[ORG_SCHEMA] == sha256(data)
    assert (project / pristine_of(ORG_SCHEMA)).read_bytes() == data
    assert {a.path: a.action for a in upgrade_project(project)}[ORG_SCHEMA] == "up to date"


def test_a_schema_the_user_changed_is_kept_and_never_called_stale(project):
    mine = (project / ORG_SCHEMA).read_text("utf-8").replace('"title": ', '"description": "mine", "title": ', 1)
    (project / ORG_SCHEMA).write_text(mine, "utf-8")
    add_person(project)
    assert [d.file for d in stale_schemas(project, loaded(project))] == [TEAM_SCHEMA]
    actions = {a.path: a for a in write_schemas(project)}
    assert actions[ORG_SCHEMA].action == KEPT and "you changed it" in actions[ORG_SCHEMA].reason
    assert actions[TEAM_SCHEMA].action == WRITTEN
    assert (project / ORG_SCHEMA).read_text("utf-8") == mine


def test_a_schema_with_no_record_is_not_the_tools(project):
    (project / MANIFEST).unlink()
    for rel in (ORG_SCHEMA, TEAM_SCHEMA):
        (project / pristine_of(rel)).unlink()
    add_person(project)
    assert stale_schemas(project, loaded(project)) == []
    assert {a.action for a in write_schemas(project) if a.path in (ORG_SCHEMA, TEAM_SCHEMA)} == {KEPT}


def test_refresh_never_brings_back_a_removed_schema_but_schema_does(project):
    (project / TEAM_SCHEMA).unlink()
    add_person(project)
    assert [(a.path, a.action) for a in refresh_schemas(project)] == [(ORG_SCHEMA, WRITTEN)]
    assert not (project / TEAM_SCHEMA).exists()
    actions = {a.path: a.action for a in write_schemas(project, restore=False)}
    assert actions[TEAM_SCHEMA] == LEFT_OUT
    assert {a.path: a.action for a in write_schemas(project)}[TEAM_SCHEMA] == WRITTEN
    assert (project / TEAM_SCHEMA).is_file()


def test_a_schema_that_is_a_link_is_kept_and_never_followed(project, tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text("secret", "utf-8")
    (project / ORG_SCHEMA).unlink()
    os.symlink(outside, project / ORG_SCHEMA)
    add_person(project)
    actions = {a.path: a for a in write_schemas(project)}
    assert actions[ORG_SCHEMA].action == REFUSED and "link" in actions[ORG_SCHEMA].reason
    assert outside.read_text("utf-8") == "secret"
    assert ORG_SCHEMA not in {d.file for d in stale_schemas(project, loaded(project))}


def test_a_schema_that_cannot_be_written_fails_schema_but_not_build(project, tmp_path):
    """schema/ a link to a folder elsewhere: `schema` writes nothing through it and exits 1; `build`
    builds, and says that it could not refresh the schemas."""
    elsewhere = tmp_path / "elsewhere"
    (project / "schema").rename(elsewhere)
    os.symlink(elsewhere, project / "schema")
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    add_person(project)
    done = run_cli("--project", str(project), "schema", timeout=120)
    assert done.returncode == 1 and f"{ORG_SCHEMA}: not written" in done.stderr, done.stderr
    done = run_cli("--project", str(project), "build", timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"warning: could not refresh {ORG_SCHEMA}" in done.stderr
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before


def test_with_errors_the_schemas_list_no_ids_the_project_may_define(project):
    org = project / ORG
    org.write_text(org.read_text("utf-8").replace("  phases: 4", "  phases: four"), "utf-8")
    write_schemas(project)
    assert person_ids(project) == []  # no enum: an editor rejects no person while the file has errors
    factors = json.loads((project / ORG_SCHEMA).read_text("utf-8"))
    assert "front-door" in json.dumps(factors)  # the catalogue's ids are still listed


# --- snapshots' $schema lines -----------------------------------------------------------------


@pytest.mark.parametrize("line, was, now, expected", [
    ("../schema/organisation.schema.json", "content", "content/reviews/2026-Q4",
     "../../../schema/organisation.schema.json"),
    ("../../schema/team.schema.json", "content/teams", "content/reviews/2026-Q4/teams",
     "../../../../schema/team.schema.json"),
    ("https://example.org/s.json", "content", "content/reviews/2026-Q4", "https://example.org/s.json"),
    ("/etc/s.json", "content", "content/reviews/2026-Q4", "/etc/s.json"),
    ("../../outside.json", "content", "content/reviews/2026-Q4", "../../outside.json"),
])
def test_a_moved_file_names_the_same_schema(line, was, now, expected):
    text = f"# yaml-language-server: $schema={line}\n# $schema=../x.json stays\nname: a\n".encode()
    out = repoint_schema(text, was, now)
    assert out == text.replace(line.encode(), expected.encode(), 1)


def test_review_snapshots_point_at_schemas_that_exist(project):
    before = (project / ORG).read_bytes()
    open_review(Workspace(project), "2027-Q1", date(2027, 1, 10))
    snapshot = project / "content" / "reviews" / "2026-Q4"
    files = [snapshot / "organisation.yaml", *sorted((snapshot / "teams").glob("*.yaml"))]
    assert len(files) >= 2
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (path.parent / target).resolve().is_file(), (path, target)
        assert (path.parent / target).resolve().parent == (project / "schema").resolve()
    # every other byte as it was
    assert (snapshot / "organisation.yaml").read_bytes().split(b"\n")[1:] == before.split(b"\n")[1:]


# --- through the command line -------------------------------------------------------------------


def test_the_schema_command_and_validates_notice(project):
    add_person(project)
    done = run_cli("--project", str(project), "validate", "--strict", timeout=120)
    assert done.returncode == 0, done.stderr  # a notice fails nothing, not even --strict
    assert f"{ORG_SCHEMA}:1:1: notice: [stale-schema]" in done.stderr
    assert done.stderr.splitlines()[-1] == "0 error(s), 0 warning(s), 2 notice(s): passed (--strict)"
    done = run_cli("--project", str(project), "schema", timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{ORG_SCHEMA}: written" in done.stderr
    done = run_cli("--project", str(project), "validate", "--strict", timeout=120)
    assert "stale-schema" not in done.stderr
    assert done.stderr.splitlines()[-1] == "0 error(s), 0 warning(s): passed (--strict)"


def test_build_refreshes_the_schemas(project):
    add_person(project)
    done = run_cli("--project", str(project), "build", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "refreshed the project's JSON Schemas" in done.stderr
    assert "new-person" in person_ids(project)
    assert stale_schemas(project, loaded(project)) == []


def test_schema_starts_no_project_in_a_folder_that_is_none(tmp_path):
    from roadmap_gen.core.diagnostics import ProjectError
    with pytest.raises(ProjectError, match="not a roadmap-gen project"):
        write_schemas(tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert refresh_schemas(tmp_path) == [] and list(tmp_path.iterdir()) == []
