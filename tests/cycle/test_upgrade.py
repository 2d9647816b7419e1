"""`init --force` and `upgrade` never touch content; upgrade refreshes what the user left alone and diffs the rest."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.commands.init import init_project
from roadmap_gen.commands.install_source import Source
from roadmap_gen.commands.scaffold import (
    MANIFEST,
    PRISTINE,
    manifest_text,
    pristine_of,
    project_ids,
    read_manifest,
    scaffolding,
    sha256,
)
from roadmap_gen.commands.upgrade import (
    ADDED,
    CHECK,
    CONFLICT,
    KEPT,
    LEFT_OUT,
    MERGED,
    STALE,
    UP_TO_DATE,
    UPDATED,
    upgrade_project,
)
from roadmap_gen.core.diagnostics import ProjectError

REPO = Path(__file__).resolve().parents[2]
SCHEMA = "schema/organisation.schema.json"
CI = ".gitlab-ci.yml"


def content_snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "content").rglob("*")) if p.is_file()}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=120)


def age(project: Path, rel: str, old_text: bytes, edited: bytes | None = None) -> None:
    """Make *rel* look as an older version of the tool wrote it: old bytes (then *edited* by the user, if
    given), their pristine copy and their hash on record."""
    (project / rel).write_bytes(old_text if edited is None else edited)
    (project / pristine_of(rel)).write_bytes(old_text)
    record = read_manifest(project)
    record[rel] = sha256(old_text)
    (project / MANIFEST).write_text(manifest_text(record), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "roadmap"
    init_project(root, today=date(2026, 11, 23), source=Source("roadmap-gen==0.0.1"))
    org = root / "content" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("Your organisation IT", "Acme IT")
                   + "# our own note\n", encoding="utf-8")
    team = root / "content" / "teams" / "service-desk.yaml"
    team.write_text(team.read_text(encoding="utf-8").replace("Service desk", "Front desk"), encoding="utf-8")
    (root / "content" / "pages").mkdir()
    (root / "content" / "pages" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    return root


def test_init_force_then_upgrade_leave_content_byte_identical(project):
    before = content_snapshot(project)
    age(project, SCHEMA, b'{"old": true}\n')
    ci = project / CI
    ci.write_text(ci.read_text(encoding="utf-8") + "# our runner tag\n", encoding="utf-8")
    edited_ci = ci.read_bytes()

    done = cli("upgrade", cwd=project)
    assert done.returncode == 0, done.stderr
    assert content_snapshot(project) == before
    lines = done.stderr.splitlines()
    assert f"{SCHEMA}: {UPDATED}" in lines
    assert (project / SCHEMA).read_bytes() == scaffolding(project_ids(project))[SCHEMA]
    # Only the user changed the CI file: it stays theirs, and no diff offers to undo their edit.
    assert any(line.startswith(f"{CI}: {KEPT} (only you changed it") for line in lines), done.stderr
    assert ci.read_bytes() == edited_ci
    assert "# our runner tag" not in done.stdout
    assert f"{'README.md'}: {UP_TO_DATE}" in lines

    done = cli("init", ".", "--force", cwd=project)
    assert done.returncode == 0, done.stderr
    assert content_snapshot(project) == before
    assert (project / "requirements.txt").read_text().splitlines()[-1] == "roadmap-gen==0.0.1"


def test_both_sides_changed_are_merged_three_ways(project):
    """The user edited a line; this version changed another: both changes end up in the file."""
    now = (project / CI).read_text(encoding="utf-8")
    lines = now.splitlines(keepends=True)
    older = "".join(["# written by an older roadmap-gen\n", *lines[1:]])  # what the last version wrote
    yours = older.replace(lines[-1], lines[-1].rstrip("\n") + "  # our runner\n")  # the user's edit, far away
    age(project, CI, older.encode("utf-8"), yours.encode("utf-8"))
    done = cli("upgrade", cwd=project)
    assert done.returncode == 0, done.stderr
    assert f"{CI}: {MERGED} (your changes kept, this version's added)" in done.stderr.splitlines()
    merged = (project / CI).read_text(encoding="utf-8")
    assert merged.startswith(lines[0]) and merged.endswith("  # our runner\n")
    assert (project / pristine_of(CI)).read_text(encoding="utf-8") == now  # the next merge's base
    assert {a.path: a.action for a in upgrade_project(project)}[CI] == KEPT  # only the user's change is left


def test_a_line_both_changed_is_a_conflict_and_exits_1(project):
    now = (project / CI).read_text(encoding="utf-8")
    first = now.splitlines(keepends=True)[0]
    older = now.replace(first, "# older\n", 1)
    age(project, CI, older.encode("utf-8"), now.replace(first, "# ours\n", 1).encode("utf-8"))
    dry = cli("upgrade", "--dry-run", cwd=project)
    assert dry.returncode == 1 and f"{CI}: would be {CONFLICT}" in dry.stderr and "would leave conflict" in dry.stderr
    assert (project / CI).read_text(encoding="utf-8") == now.replace(first, "# ours\n", 1)
    done = cli("upgrade", cwd=project)
    assert done.returncode == 1 and f"left conflict markers in: {CI}" in done.stderr
    text = (project / CI).read_text(encoding="utf-8")
    assert text.startswith(f"<<<<<<< yours\n# ours\n=======\n{first}>>>>>>> roadmap-gen ")


def test_the_printed_diff_applies_with_git_apply(project):
    """With no pristine copy (a project from before it was kept), a changed file gets a diff to apply."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.rmtree(project / PRISTINE)
    ci = project / CI
    ci.write_text(ci.read_text(encoding="utf-8").replace("stages: [check, publish]", "stages: [check, publish, x]"),
                  encoding="utf-8")
    done = cli("upgrade", cwd=project)
    (project / "upgrade.diff").write_text(done.stdout, encoding="utf-8")
    applied = subprocess.run(["git", "apply", "upgrade.diff"], cwd=project, capture_output=True, text=True,
                             check=False)
    assert applied.returncode == 0, applied.stderr
    assert ci.read_bytes() == scaffolding(project_ids(project))[CI]
    again = upgrade_project(project)
    assert {a.path: a.action for a in again}[CI] == UP_TO_DATE
    assert read_manifest(project)[CI] == sha256(scaffolding(project_ids(project))[CI])


def test_each_kind_of_file(project):
    (project / ".github" / "workflows" / "roadmap.yml").unlink()  # a user who keeps only GitLab's file
    record = read_manifest(project)
    del record["site_config/custom.css"]  # as if an older version had not written it
    record["old/retired.txt"] = sha256(b"x")  # a file this version no longer writes
    (project / MANIFEST).write_text(manifest_text(record), encoding="utf-8")
    (project / "site_config" / "custom.css").unlink()
    actions = {a.path: a for a in upgrade_project(project)}
    assert actions[".github/workflows/roadmap.yml"].action == LEFT_OUT
    assert not (project / ".github" / "workflows" / "roadmap.yml").exists()
    assert actions["site_config/custom.css"].action == ADDED
    assert (project / "site_config" / "custom.css").read_bytes() == scaffolding(project_ids(project))["site_config/custom.css"]
    assert actions["old/retired.txt"].action == STALE
    assert "old/retired.txt" not in read_manifest(project)
    assert actions["requirements.txt"].action == CHECK  # pins 0.0.1, not the running version
    assert not any(path.startswith("content/") for path in actions)


def test_a_file_no_record_vouches_for_is_kept(project):
    (project / MANIFEST).unlink()  # a project made before the record existed
    shutil.rmtree(project / PRISTINE)
    (project / "mkdocs.yml").write_text("site_name: ours\n", encoding="utf-8")
    actions = {a.path: a for a in upgrade_project(project)}
    assert actions["mkdocs.yml"].action == KEPT and "no record" in actions["mkdocs.yml"].reason
    assert (project / "mkdocs.yml").read_text() == "site_name: ours\n"
    assert actions[SCHEMA].action == UP_TO_DATE  # identical files are recognised, and recorded
    assert json.loads((project / MANIFEST).read_text())["files"][SCHEMA] == sha256(scaffolding(project_ids(project))[SCHEMA])


def test_dry_run_changes_nothing(project):
    age(project, SCHEMA, b"{}\n")
    files = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    actions = {a.path: a.action for a in upgrade_project(project, dry_run=True)}
    assert actions[SCHEMA] == UPDATED
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == files
    done = cli("upgrade", "--dry-run", cwd=project)
    assert f"{SCHEMA}: would be {UPDATED}" in done.stderr.splitlines()


def test_upgrade_outside_a_project_is_refused(tmp_path):
    with pytest.raises(ProjectError, match="not a roadmap-gen project"):
        upgrade_project(tmp_path)
    done = cli("upgrade", cwd=tmp_path)
    assert done.returncode == 1 and "not a roadmap-gen project" in done.stderr and "Traceback" not in done.stderr


def test_the_schemas_of_a_project_list_its_own_ids_and_upgrade_refreshes_them(project):
    schema = json.loads((project / SCHEMA).read_text("utf-8"))
    assessment = schema["properties"]["assessment"]["propertyNames"]
    assert "leadership-support" in assessment["enum"]  # the packaged catalogue's factors
    waiver_check = schema["properties"]["waivers"]["items"]["properties"]["check"]
    assert "vague-goal" in waiver_check["enum"] and "retired-action" in waiver_check["enum"]
    initiatives = schema["properties"]["initiatives"]["propertyNames"]
    assert "name-sponsor" in initiatives["examples"] and "enum" not in initiatives  # own work has ids of its own
    # The project brings a catalogue of its own: upgrade lists its ids instead.
    (project / "content" / "catalogue").mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "minimal" / "content" / "catalogue" / "mini.yaml",
                project / "content" / "catalogue" / "mini.yaml")
    upgrade_project(project)
    schema = json.loads((project / SCHEMA).read_text("utf-8"))
    factors = schema["properties"]["assessment"]["propertyNames"]["enum"]
    assert "leadership-support" not in factors and factors == sorted(factors) and len(factors) == 3
    roles = schema["properties"]["people"]["additionalProperties"]["properties"]["roles"]["items"]["enum"]
    assert roles == ["coach", "process-owner", "sponsor"]
