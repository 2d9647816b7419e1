"""Reference pages made from the code's own definitions, so the docs cannot drift:
``docs/format-fields.md`` from the format specs and ``docs/health-checks.md`` from
the health checks' texts. ``python -m roadmap_gen.reference_docs`` rewrites them
(and the JSON Schemas); a test fails when they are out of step.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_gen.load.format_v1 import SCHEMAS
from roadmap_gen.load.spec import Either, ListOf, MapOf, Obj, Spec
from roadmap_gen.pages.texts import CHECK_EXPLANATIONS
from roadmap_gen.load.schemas import write_schemas

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _rows(spec: Spec, path: str, required: bool, doc: str, out: list[tuple[str, str, str, str]]) -> None:
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
    elif isinstance(spec, Either) and isinstance(spec.long, Obj):
        for name, field in spec.long.fields.items():
            _rows(field.spec, f"{path}.{name}", field.required, field.doc, out)


def field_reference() -> str:
    """Markdown tables of every field of every file."""
    lines = ["# Field reference", "",
             "Made from the validator's own specs by `python -m roadmap_gen.reference_docs`; do not edit by hand.",
             ""]
    for name, spec in SCHEMAS.items():
        rows: list[tuple[str, str, str, str]] = []
        _rows(spec, "", True, "", rows)
        lines += [f"## {name.capitalize()} file", "", "| field | type | required | meaning |",
                  "|---|---|---|---|"]
        lines += [f"| `{p}` | {t} | {r} | {d} |" for p, t, r, d in rows]
        lines.append("")
    return "\n".join(lines)


def health_reference() -> str:
    """What each health check finds and what to do about it."""
    lines = ["# Health checks", "",
             "Made from the checks' own texts by `python -m roadmap_gen.reference_docs`; do not edit by hand.", "",
             "Every finding is a warning: the site still builds and shows it on its Health check page, and",
             "`roadmap-gen validate --strict` (or `build --strict`) fails on it, for CI. Each is printed as",
             "`FILE:LINE:COL: warning: [check-id] message (hint)`.", ""]
    for check, text in CHECK_EXPLANATIONS.items():
        lines += [f"## `{check}`: {text.title}", "", text.meaning, "", f"**What to do:** {text.action}", ""]
    return "\n".join(lines)


def write_reference_docs(folder: Path = DOCS) -> list[Path]:
    written = []
    for name, text in (("format-fields.md", field_reference()), ("health-checks.md", health_reference())):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas() + write_reference_docs():
        print(path)
