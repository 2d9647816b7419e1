"""The JSON Schemas (draft 7) shipped for editors, made from the same specs the validator uses.

``python -m roadmap_gen.reference_docs`` rewrites the files in ``roadmap_gen/schema/``;
a test fails when they are out of step with the specs.
"""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_gen.load.spec import to_json_schema
from roadmap_gen.model import FILES
from roadmap_gen.resources import schema_dir

BASE_ID = "https://roadmap-gen.invalid/schema/"


def schema_texts() -> dict[str, str]:
    out = {}
    for name, record in FILES.items():
        schema = to_json_schema(record, f"{BASE_ID}{name}.schema.json", getattr(record.cls, "__title__", name))
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
