"""The JSON Schemas (draft 7) shipped for editors, made from the same specs the validator uses.

``python -m roadmap_gen.commands.reference_docs`` rewrites the files in ``roadmap_gen/schema/``;
a test fails when they are out of step with the specs.
"""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_gen.core.resources import schema_dir
from roadmap_gen.model import FILES, Catalogue, Project
from roadmap_gen.spec.fields import NO_IDS, Ids, to_json_schema

BASE_ID = "https://roadmap-gen.invalid/schema/"


def catalogue_ids(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """The ids a project's files may name from its catalogue, by kind (see ``Ref(kind)``)."""
    return {
        "factor": tuple(sorted(f.id for f in catalogue.factors)),
        "action": tuple(sorted(catalogue.action_by_id)),
        "role": tuple(sorted(r.id for r in catalogue.roles)),
        "module": tuple(sorted(m.id for m in catalogue.training)),
        "dimension": tuple(sorted(d.id for d in catalogue.dimensions)),
        # a stakeholder's interests: a factor or a dimension
        "interest": tuple(sorted({f.id for f in catalogue.factors} | {d.id for d in catalogue.dimensions})),
    }


def project_own_ids(project: Project) -> dict[str, tuple[str, ...]]:
    """The ids a project's files may name: its catalogue's, and those it defines itself (people, teams,
    metrics, dependencies), by kind (see ``Slug(ref=...)``)."""
    org = project.organisation
    return {
        **catalogue_ids(project.catalogue),
        "person": tuple(sorted(p.id for p in org.people)),
        "team": tuple(sorted(t.id for t in project.teams)),
        "metric": tuple(sorted(m.id for m in org.metrics)),
        "dependency": tuple(sorted(d.id for d in org.dependencies)),
    }


def schema_texts(ids: Ids = NO_IDS) -> dict[str, str]:
    """The schemas as shipped; with a project's *ids*, the ones written into that project, which list
    them so that an editor completes factor, action, role, module, dimension and check ids."""
    out = {}
    for name, record in FILES.items():
        schema = to_json_schema(record, f"{BASE_ID}{name}.schema.json", getattr(record.cls, "__title__", name), ids)
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path | None = None) -> list[Path]:
    folder = folder or schema_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(path)
