"""The JSON Schemas (draft 7) shipped for editors, made from the same specs the validator uses.

``python -m roadmap_gen.schemas`` rewrites the files in ``roadmap_gen/schema/``;
a test fails when they are out of step with the specs.
"""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_gen.format_v1 import SCHEMAS
from roadmap_gen.formspec import to_json_schema
from roadmap_gen.resources import schema_dir

BASE_ID = "https://roadmap-gen.invalid/schema/"


def schema_texts() -> dict[str, str]:
    out = {}
    for name, spec in SCHEMAS.items():
        schema = to_json_schema(spec, f"{BASE_ID}{name}.schema.json", getattr(spec, "title", name))
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




def _rows(spec, path: str, required: bool, doc: str, out: list[tuple[str, str, str, str]]) -> None:
    from roadmap_gen.formspec import Either, ListOf, MapOf, Obj

    if path:
        out.append((path, spec.describe(), "yes" if required else "", doc or getattr(spec, "doc", "")))
    if isinstance(spec, Obj):
        for name, field in spec.fields.items():
            _rows(field.spec, f"{path}.{name}" if path else name, field.required, field.doc, out)
    elif isinstance(spec, MapOf):
        key = "<level>" if spec.key.describe() == "a level number" else "<id>"
        _rows(spec.value, f"{path}.{key}", False, "", out)
    elif isinstance(spec, ListOf):
        _rows(spec.item, f"{path}[]", False, "", out)
    elif isinstance(spec, Either):
        for name, field in spec.long.fields.items():
            _rows(field.spec, f"{path}.{name}", field.required, field.doc, out)


def field_reference() -> str:
    """Markdown tables of every field, made from the specs (docs/format-fields.md)."""
    lines = ["# Field reference", "",
             "Made from the validator's own specs by `python -m roadmap_gen.schemas`; do not edit by hand.", ""]
    for name, spec in SCHEMAS.items():
        rows: list[tuple[str, str, str, str]] = []
        _rows(spec, "", True, "", rows)
        lines += [f"## {name.capitalize()} file", "", "| field | type | required | meaning |",
                  "|---|---|---|---|"]
        lines += [f"| `{p}` | {t} | {r} | {d} |" for p, t, r, d in rows]
        lines.append("")
    return "\n".join(lines)


FIELD_REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "format-fields.md"

if __name__ == "__main__":
    for path in write_schemas():
        print(path)
    if FIELD_REFERENCE.parent.is_dir():
        FIELD_REFERENCE.write_text(field_reference(), encoding="utf-8")
        print(FIELD_REFERENCE)
