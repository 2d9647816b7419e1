"""Reference pages made from the code's own definitions, so the docs cannot drift:
``docs/format-fields.md`` from the format specs and ``docs/health-checks.md`` from
the health checks' texts. ``python -m roadmap_gen.commands.reference_docs`` rewrites them
(and the JSON Schemas); a test fails when they are out of step.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_gen.load.schemas import write_schemas
from roadmap_gen.model import FILES
from roadmap_gen.plan.checks import CHECKS
from roadmap_gen.spec.fields import walk

DOCS = Path(__file__).resolve().parents[2] / "docs"


def field_reference() -> str:
    """Markdown tables of every field of every file."""
    lines = ["# Field reference", "",
             "Made from the validator's own specs by `python -m roadmap_gen.commands.reference_docs`; do not edit by hand.",
             ""]
    for name, record in FILES.items():
        lines += [f"## {name.capitalize()} file", "", "| field | type | required | meaning |",
                  "|---|---|---|---|"]
        lines += [f"| `{row.path}` | {row.kind} | {'yes' if row.required else ''} | {row.doc} |"
                  for row in walk(record)]
        lines.append("")
    return "\n".join(lines)


def health_reference() -> str:
    """What each health check finds and what to do about it."""
    lines = ["# Health checks", "",
             "Made from the checks' own texts by `python -m roadmap_gen.commands.reference_docs`; do not edit by hand.", "",
             "Every finding is a warning unless its check says otherwise: the site still builds and shows it on",
             "its Health check page, and `roadmap-gen validate --strict` (or `build --strict`) fails on it, for",
             "CI. Each is printed as `FILE:LINE:COL: warning: [check-id] message (hint)`. A check marked",
             "**Severity: notice** finds something worth doing that cannot make the site wrong: it is printed as",
             "`notice:` and fails nothing, not even `--strict`.", "",
             "A check that cannot apply to a project (it compares with the last review and there is none yet,",
             "or it needs a dimension the catalogue does not have) is not run; the Health check page lists it",
             "under \"Checks that do not apply\", with the reason, rather than as passed.", ""]
    for check_id, registered in CHECKS.items():
        info = registered.info
        lines += [f"## `{check_id}`: {info.title}", "", info.looks_for, ""]
        if info.severity != "warning":
            lines += [f"**Severity: {info.severity}.**", ""]
        if registered.doc:
            lines += [f"**Exactly:** {registered.doc}", ""]
        if registered.skip_doc:
            lines += [f"**Does not apply:** {registered.skip_doc}", ""]
        if not registered.partial:
            lines += ["**While there are errors:** not reported until they are fixed, even where the other checks "
                      "run (errors only in team files, pages or site settings): it looks at the whole, so a file "
                      "left out could cause a finding.", ""]
        elif registered.local:
            waits = (" It waits while " + " or ".join(f"`{name}`" for name in registered.reads) + " has an error, "
                     "since it reads that setting.") if registered.reads else ""
            lines += ["**While there are errors:** reported for everything no error touches, even beside errors in "
                      "the organisation, the catalogue or a snapshot: it judges one thing by its own entries." + waits,
                      ""]
        elif registered.in_plan:
            lines += ["**While there are errors:** reported beside errors in team files, pages or site settings; an "
                      "error in the organisation, the catalogue or a snapshot holds it back until it is fixed, since "
                      "it reads the plan or what is missing.", ""]
        if info.about:
            lines += [f"**About** (for a waiver's `about`): the id of the {' or '.join(info.about)}.", ""]
        lines += [f"**What to do:** {info.action}", ""]
        if info.decide is not None:
            d = info.decide
            lines += [f"**Decision for the steering group** (board pack, roadmap.json `decisions`): {d.question}", ""]
            lines += [f"{n}. {option}" for n, option in enumerate(d.options, 1)] + [""]
            lines += [f"**Recommended:** {d.recommendation} **If nothing is decided:** {d.if_nothing}", ""]
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
