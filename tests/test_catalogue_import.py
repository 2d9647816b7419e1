"""`roadmap-gen catalogue import samm|dsomm`: public models as a catalogue file, on invented models of their shape."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cli_process import run_cli
from model_fixtures import write_dsomm, write_samm
from roadmap_gen.core.diagnostics import InputError
from roadmap_gen.importers import import_catalogue
from roadmap_gen.importers.common import MAX_ID, make_id, scalar
from roadmap_gen.spec.yamlread import load_text, to_python

GOLDEN = Path(__file__).parent / "golden" / "import"
ORGANISATION = """\
organisation:
  name: Example organisation
  vision: Software that is secure by default.
  sponsor: alex-morgan
review:
  period: 2026-Q4
  date: 2026-12-07
planning:
  phases: 4
  capacity: 60
  owner_limit: 40
scope:
  practices:
    secure-development: {status: in, owner: alex-morgan}
metrics:
  fixed-in-time: {title: Vulnerabilities fixed in time, unit: "%", direction: up, kind: outcome, current: 60}
  developer-confidence: {title: Developer confidence, unit: score, direction: up, kind: experience, current: 3}
feedback:
  - {date: 2026-11-02, from: jordan-lee, text: Security reviews come too late., status: open}
people:
  alex-morgan: {name: Alex Morgan, roles: [security-lead]}
  jordan-lee: {name: Jordan Lee, roles: [architect, engineering-lead]}
  sam-patel: {name: Sam Patel, roles: [test-lead, operations-lead]}
"""


def cli(*args: str, cwd: Path):  # type: ignore[no-untyped-def]
    return run_cli(*args, cwd=cwd, timeout=300)


def _model(kind: str, root: Path) -> Path:
    return write_samm(root) if kind == "samm" else write_dsomm(root)


def _imported(kind: str, tmp_path: Path) -> str:
    source = _model(kind, tmp_path / "src")
    out = tmp_path / "out.yaml"
    import_catalogue(tmp_path, kind, source, str(out), force=False)
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["samm", "dsomm"])
def test_the_imported_file_matches_its_golden_and_is_byte_identical_each_time(kind, tmp_path, update_goldens):
    first = _imported(kind, tmp_path / "a")
    assert first == _imported(kind, tmp_path / "b")
    golden = GOLDEN / f"{kind}.yaml"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(first, encoding="utf-8")
    assert first == golden.read_text(encoding="utf-8")


def test_samm_maps_functions_practices_levels_and_activities(tmp_path):
    data = to_python(load_text(_imported("samm", tmp_path), "x").root)
    assert isinstance(data, dict)
    cat = data["catalogue"]
    assert list(cat["dimensions"]) == ["planning", "building"]  # in the functions' order
    assert sorted(cat["scale"]) == [0, 1, 2, 3]
    assert cat["scale"][1]["summary"].startswith("Invented level 1")
    assert cat["licence"].startswith("CC BY-SA 4.0") and "OWASP SAMM" in cat["source"]
    factors = data["factors"]
    assert list(factors) == ["risk-sketching", "rule-keeping", "safe-assembly"]
    risk = factors["risk-sketching"]
    assert risk["dimension"] == "planning" and risk["levels"][2] == "Reach invented objective 2 of risk sketching."
    assert risk["question"] == "How far has the organisation got with Risk Sketching?"
    first = risk["actions"][0]
    assert first["id"] == "p-rs-1-a" and first["raises_to"] == 1
    assert first["description"] == "Invented task 1A is done, “RS”. Stream A: Risk Sketching stream A."
    assert [a["id"] for a in risk["actions"]] == [f"p-rs-{n}-{s}" for n in (1, 2, 3) for s in "ab"]
    # relatedActivities on a lower level of another practice is `requires`; the same level, a note.
    assert factors["safe-assembly"]["requires"] == {2: {"risk-sketching": 1}}
    assert "requires" not in factors["rule-keeping"]
    assert "# note: p-rk-1-b (level 1) depends on p-rs-1-b" in _imported("samm", tmp_path / "again")


def test_dsomm_maps_dimensions_subdimensions_levels_and_dependencies(tmp_path):
    text = _imported("dsomm", tmp_path)
    data = to_python(load_text(text, "x").root)
    assert isinstance(data, dict)
    assert data["catalogue"]["version"] == "9.8.7" and data["catalogue"]["licence"].startswith("GPL-3.0")
    assert sorted(data["catalogue"]["scale"]) == [0, 1, 2, 3, 4, 5]
    factors = data["factors"]
    assert list(factors) == ["packaging", "release", "learning"]
    packaging = factors["packaging"]
    assert packaging["levels"][1] == "Activities: Written packaging steps."
    assert packaging["levels"][4].startswith("DSOMM names no activity at this level")
    long_id = packaging["actions"][1]["id"]
    assert len(long_id) <= MAX_ID and re.fullmatch(r"keep-a-very-long-.*-[0-9a-f]{6}", long_id)
    assert packaging["actions"][0]["effort"] == 4  # the activity's own time estimate
    assert factors["release"]["requires"] == {2: {"packaging": 1}}
    assert "# note: release-checklist (level 2) depends on lunch-talks (learning, level 2)" in text
    # Every level, even one without activity, has an action, so a plan can reach it.
    for factor in factors.values():
        assert {a["raises_to"] for a in factor["actions"]} == {1, 2, 3, 4, 5}


def test_ids_are_cut_with_a_stable_hash_and_text_survives_quoting():
    long = "word " * 30
    assert make_id(long) == make_id(long) and len(make_id(long)) <= MAX_ID
    assert make_id(long) != make_id(long + "x")
    assert make_id("!!!").startswith("x-")
    for text in ("plain", "a: b", "yes", "line\nbreak", "tab\there", "quote \" and \\", "\u2028sep", "- dash",
                 "#hash", "ünïcödé ’", "  padded ", "null"):
        assert to_python(load_text(f"k: {scalar(text)}\n", "x").root) == {"k": text}
        assert to_python(load_text(f"k: {{a: {scalar(text, flow=True)}}}\n", "x").root) == {"k": {"a": text}}


@pytest.mark.parametrize("kind", ["samm", "dsomm"])
def test_an_init_project_with_the_import_validates_then_builds_once_assessed(kind, tmp_path):
    project = tmp_path / "p"
    assert cli("init", str(project), cwd=tmp_path).returncode == 0
    (project / "content" / "organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    for team in (project / "content" / "teams").glob("*.yaml"):
        team.unlink()
    source = _model(kind, tmp_path / "src")
    done = cli("catalogue", "import", kind, str(source), cwd=project)
    assert done.returncode == 0, done.stderr
    assert f"wrote content/catalogue/{kind}.yaml" in done.stderr and "licence:" in done.stderr
    # Nothing assessed yet: the only findings are the unassessed factors, none about the catalogue.
    checked = cli("validate", "--strict", "--format", "json", cwd=project)
    findings = json.loads(checked.stdout)
    assert findings and {f["check"] for f in findings} == {"unassessed-factor"}
    catalogue = to_python(load_text((project / "content" / "catalogue" / f"{kind}.yaml").read_bytes(), "x").root)
    assert isinstance(catalogue, dict)
    # the import refreshed the project's JSON Schemas: an editor offers the imported factors, no longer the
    # packaged catalogue's (and validate, above, noted no stale-schema)
    assert "refreshed the project's JSON Schemas" in done.stderr
    schema = json.loads((project / "schema" / "organisation.schema.json").read_text(encoding="utf-8"))
    assessed = schema["properties"]["assessment"]["propertyNames"]["enum"]
    assert sorted(assessed) == sorted(catalogue["factors"])
    assessment = "assessment:\n" + "".join(
        f"  {fid}: {{level: {i % 2}, target: {i % 2 + 1}, owner: alex-morgan}}\n"
        for i, fid in enumerate(catalogue["factors"]))
    (project / "content" / "organisation.yaml").write_text(ORGANISATION + assessment, encoding="utf-8")
    built = cli("build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    page = (project / "site" / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "Source and licence" in page and ("CC BY-SA 4.0" in page if kind == "samm" else "GPL-3.0" in page)
    # A second import is refused without --force, and the catalogue block is not doubled.
    again = cli("catalogue", "import", kind, str(source), cwd=project)
    assert again.returncode == 1 and "--force" in again.stderr
    other = cli("catalogue", "import", kind, str(source), "--output", "content/catalogue/next.yaml", cwd=project)
    assert other.returncode == 1 and "already holds the project's catalogue" in other.stderr
    assert not (project / "content" / "catalogue" / "next.yaml").exists()
    assert cli("catalogue", "import", kind, str(source), "--force", cwd=project).returncode == 0
    assert cli("catalogue", "factors", cwd=project).returncode == 0


@pytest.mark.parametrize("kind, file, bad, where", [
    ("samm", "activities/P-RS-1-A.yml", "title: [unclosed\n", None),
    ("samm", "streams/P-RS-A.yml", "---\npractice: nosuchguid\nid: x\nname: X\nletter: A\n", 2),
    ("samm", "maturity_levels/2.yml", "---\nid: m2\nnumber: two\n", 3),
    ("dsomm", "", "---\nmeta: {version: 1}\n---\nDim:\n  Sub:\n    Act: {uuid: u1, level: 9}\n", 6),
    ("dsomm", "", "---\na: 1\n---\nb: 2\n---\nc: 3\n", 5),
    ("dsomm", "", "---\nx: !!python/object:os.system echo\n", 2),
    ("dsomm", "", "- &a [1]\n- [*a, *a, *a, *a, *a, *a, *a, *a]\n", None),
])
def test_a_malformed_model_is_a_located_error_and_nothing_is_written(kind, file, bad, where, tmp_path):
    source = _model(kind, tmp_path / "src")
    target = source / file if kind == "samm" else source
    target.write_text(bad, encoding="utf-8")
    done = cli("catalogue", "import", kind, str(source), "--output", "out.yaml", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out.yaml").exists()
    located = re.search(r"^(\S+):(\d+):(\d+): error: \[[a-z-]+\] ", done.stderr, re.M)
    assert located, done.stderr
    if where is not None:
        shown = re.escape(file or "model.yaml")
        assert re.search(rf"{shown}:{where}:\d+: error: \[", done.stderr), done.stderr


def test_a_link_in_the_model_is_refused_not_followed(tmp_path):
    source = write_samm(tmp_path / "src")
    secret = tmp_path / "secret.yml"
    secret.write_text("id: x\nname: SECRET-TEXT\n", encoding="utf-8")
    activity = source / "business_functions" / "Planning.yml"
    activity.unlink()
    os.symlink(secret, activity)
    with pytest.raises(InputError) as caught:
        import_catalogue(tmp_path, "samm", source, str(tmp_path / "out.yaml"), force=False)
    assert "link" in caught.value.diagnostics[0].message and not (tmp_path / "out.yaml").exists()


def test_the_output_is_never_written_through_a_link_nor_over_a_project_input(tmp_path):
    source = write_dsomm(tmp_path / "src")
    (tmp_path / "content").mkdir()
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("kept\n", encoding="utf-8")
    os.symlink(elsewhere, tmp_path / "out.yaml")
    done = cli("catalogue", "import", "dsomm", str(source), "--output", "out.yaml", "--force", cwd=tmp_path)
    assert done.returncode == 1 and "link" in done.stderr
    assert elsewhere.read_text(encoding="utf-8") == "kept\n"
    done = cli("catalogue", "import", "dsomm", str(source), "--output", "content/organisation.yaml", cwd=tmp_path)
    assert done.returncode == 2 and "project's inputs" in done.stderr


def test_usage_errors_name_the_models(tmp_path):
    done = cli("catalogue", "import", "nist", "x", cwd=tmp_path)
    assert done.returncode == 2 and "catalogue import samm DIR" in done.stderr
    done = cli("catalogue", "roles", "--force", cwd=tmp_path)
    assert done.returncode == 2 and "catalogue import" in done.stderr


def test_without_a_project_the_default_target_is_refused(tmp_path):
    source = write_dsomm(tmp_path / "src")
    done = cli("catalogue", "import", "dsomm", str(source), cwd=tmp_path)
    assert done.returncode == 1 and "not a roadmap-gen project" in done.stderr
    assert not (tmp_path / "content").exists()
    done = cli("catalogue", "import", "dsomm", cwd=tmp_path)
    assert done.returncode == 2 and "catalogue import dsomm FILE" in done.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
@example("A?")  # a plain "?" inside {...}: libyaml's flow reader refuses it (found by this test once)
def test_any_text_of_a_model_reads_back_as_written(text):
    for flow in (False, True):
        line = f"k: {{a: {scalar(text, flow=True)}}}\n" if flow else f"k: {scalar(text)}\n"
        loaded = load_text(line, "x")
        assert not loaded.diagnostics, (text, line)
        assert to_python(loaded.root) == ({"k": {"a": text}} if flow else {"k": text})


def test_hostile_text_in_a_model_stays_text_in_the_catalogue(tmp_path):
    source = write_dsomm(tmp_path / "src")
    text = source.read_text(encoding="utf-8").replace("version: 9.8.7", 'version: "9\\a\\u2028<script>x"')
    text = text.replace("measure: Write the packaging steps down.", 'measure: "{{ evil }} | a\\nb # c"')
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    import_catalogue(tmp_path, "dsomm", source, str(out), force=False)
    loaded = load_text(out.read_bytes(), "out.yaml")
    assert not loaded.diagnostics
    data = to_python(loaded.root)
    assert isinstance(data, dict)
    assert data["catalogue"]["version"] == "9\a\u2028<script>x"
    assert data["factors"]["packaging"]["actions"][0]["description"] == "{{ evil }} | a b # c"


def test_a_dependency_on_nothing_is_reported_and_left_out(tmp_path):
    source = write_samm(tmp_path / "src")
    activity = source / "activities" / "P-RS-2-B.yml"
    activity.write_text(activity.read_text(encoding="utf-8").replace(
        "relatedActivities:", "relatedActivities:\n- 0123456789abcdef"), encoding="utf-8")
    done = cli("catalogue", "import", "samm", str(source), "--output", "out.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "p-rs-2-b depends on '0123456789abcdef', which is no activity of the model" in done.stderr
    assert "0123456789abcdef" not in (tmp_path / "out.yaml").read_text(encoding="utf-8")
