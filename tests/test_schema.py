"""The JSON Schemas shipped for editors agree with the validator they are made from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from roadmap_gen.core.resources import schema_dir
from roadmap_gen.load.project import load_project
from roadmap_gen.load.schemas import schema_texts
from roadmap_gen.spec.yamlread import load_text, to_python

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
ORG = "content/organisation.yaml"
CAT = "content/catalogue/mini.yaml"
TEAM = "content/teams/alpha.yaml"
SCHEMA_OF = {
    CAT: "catalogue.schema.json",
    ORG: "organisation.schema.json",
    "content/reviews/2026-Q3/organisation.yaml": "organisation.schema.json",
    TEAM: "team.schema.json",
}
REPO = Path(__file__).resolve().parents[1]
NAMES = sorted(schema_texts())


def as_json(value: object) -> object:
    """What an editor's YAML plugin hands the schema: keys are strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def yaml_to_json(text: str, file: str = "f.yaml") -> object:
    loaded = load_text(text, file)
    assert loaded.diagnostics == (), [d.format() for d in loaded.diagnostics]
    return as_json(to_python(loaded.root))


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((schema_dir() / name).read_text(encoding="utf-8")))


def test_the_five_schemas_are_shipped():
    assert NAMES == ["catalogue.schema.json", "frozen-plan.schema.json", "organisation.schema.json", "settings.schema.json",
                     "team.schema.json"]


def test_a_frozen_plan_the_tool_wrote_fits_its_schema():
    frozen = REPO / "content" / "reviews" / "2026-Q3" / "roadmap.json"
    errors = list(validator("frozen-plan.schema.json").iter_errors(json.loads(frozen.read_text("utf-8"))))
    assert errors == []


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schema_is_in_step_with_the_validator(name):
    shipped = (schema_dir() / name).read_text(encoding="utf-8") if (schema_dir() / name).is_file() else None
    assert shipped == schema_texts()[name], (
        f"roadmap_gen/schema/{name} is out of step with the field declarations in roadmap_gen/model/: "
        "run `python -m roadmap_gen.commands.reference_docs` and commit the result")


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schema_is_valid_draft_7(name):
    schema = json.loads((schema_dir() / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("file", sorted(SCHEMA_OF))
def test_minimal_fixture_files_validate_against_their_schema(file):
    data = yaml_to_json((FIXTURE / file).read_text(encoding="utf-8"), file)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validator(SCHEMA_OF[file]).iter_errors(data)]
    assert problems == []


# (file, old, new, check id the validator gives)
BROKEN = {
    "unknown field": (ORG, "  owner_limit: 3", "  owner_limt: 3", "unknown-field"),
    "unknown field in a team": (TEAM, "  group: Operations", "  grop: Operations", "unknown-field"),
    "unknown field in a factor": (CAT, "    weight: 4", "    wieght: 4", "unknown-field"),
    "wrong enum: metric kind": (ORG, "    kind: outcome", "    kind: outcomes", "bad-value"),
    "wrong enum: training format": (CAT, "    format: workshop", "    format: seminar", "bad-value"),
    "wrong enum: scope status": (ORG, "    incident-management: in", "    incident-management: maybe",
                                 "bad-value"),
    "bad slug: person id": (ORG, "  dana-ruiz: {name: Dana Ruiz", "  Dana_Ruiz: {name: Dana Ruiz", "bad-id"),
    "bad slug: goal id": (ORG, "  - id: reliable-changes", "  - id: Reliable Changes", "bad-id"),
    "bad slug: factor id": (CAT, "  feedback-loop:\n", "  Feedback Loop:\n", "bad-id"),
    "bad period": (ORG, "  period: 2026-Q4", "  period: 2026-Q5", "bad-period"),
    "missing required field": (ORG, "  capacity: 12\n", "", "missing-field"),
    "level quoted": (TEAM, "  leadership: {level: 1,", '  leadership: {level: "1",', "bad-type"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_schema_and_validator_both_reject(case, tmp_path):
    file, old, new, check = BROKEN[case]
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")

    schema_errors = list(validator(SCHEMA_OF[file]).iter_errors(yaml_to_json(text, file)))
    assert schema_errors, f"the schema accepts {case}"

    loaded = load_project(root)
    assert loaded.project is None
    assert any(d.check == check and d.file == file for d in loaded.diagnostics), \
        [d.format() for d in loaded.diagnostics]


def test_reference_docs_are_in_step_with_the_code():
    from roadmap_gen.commands.reference_docs import field_reference, health_reference

    docs = Path(__file__).resolve().parents[1] / "docs"  # the checkout's docs, wherever the package is installed
    for name, text in (("format-fields.md", field_reference()), ("health-checks.md", health_reference())):
        assert (docs / name).read_text(encoding="utf-8") == text, (
            f"docs/{name} is out of step: run python -m roadmap_gen.commands.reference_docs")


def test_the_example_fits_the_schema_that_lists_its_ids():
    from roadmap_gen.commands.scaffold import project_ids
    from roadmap_gen.load.schemas import schema_texts
    schemas = schema_texts(project_ids(REPO))
    for name, path in (("organisation.schema.json", REPO / "content" / "organisation.yaml"),
                       ("team.schema.json", next((REPO / "content" / "teams").glob("*.yaml")))):
        check = jsonschema.Draft7Validator(json.loads(schemas[name]))
        errors = [e.message for e in check.iter_errors(yaml_to_json(path.read_text("utf-8"), path.name))]
        assert errors == [], errors[:3]
