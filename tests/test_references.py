"""The unknown-id checks are generated from the model's ``Ref`` declarations.

Every reference of the every-field fixture (a field, a list item, a map's key, an entry a map's
``build`` made) is renamed to an id nothing has; each must then be reported once, as ``unknown-id``,
where it was written, naming the field and the kind of thing it should name.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roadmap_gen.load.project import load_project
from roadmap_gen.load.references import KINDS
from roadmap_gen.model import FILES
from roadmap_gen.spec.fields import ListOf, MapOf, Record, Ref, Spec
from roadmap_gen.spec.refs import Reference, references

FIXTURE = Path(__file__).parent / "fixtures" / "every-field"


def _refs_in(spec: Spec[Any], seen: set[int]) -> Iterator[Ref]:
    if id(spec) in seen:
        return
    seen.add(id(spec))
    if isinstance(spec, Ref):
        yield spec
    elif isinstance(spec, Record):
        for d in spec.declared:
            if d.spec.spec is not None:
                yield from _refs_in(d.spec.spec, seen)
    elif isinstance(spec, ListOf):
        yield from _refs_in(spec.item, seen)
    elif isinstance(spec, MapOf):
        yield from _refs_in(spec.key, seen)
        yield from _refs_in(spec.value, seen)


def test_every_kind_the_model_refers_to_is_named() -> None:
    kinds = {ref.kind for record in FILES.values() for ref in _refs_in(record, set()) if ref.checked}
    assert kinds == set(KINDS)


def _all_references(root: Path) -> list[Reference]:
    loaded = load_project(root)
    assert loaded.project is not None
    project = loaded.project
    found = [*references(FILES["catalogue"], project.catalogue),
             *references(FILES["organisation"], project.organisation)]
    for team in project.teams:
        found.extend(references(FILES["team"], team))
    return found


def test_every_reference_that_names_nothing_is_reported_where_it_is_written(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    found = _all_references(root)
    assert {r.kind for r in found} == set(KINDS), "the fixture should refer to every kind of thing"
    # Rename each reference where it is written (at or after its place: a list's items follow it).
    renames: dict[tuple[str, int], str] = {}
    for ref in found:
        path = root / ref.loc.file
        text = path.read_text(encoding="utf-8")
        start = sum(len(line) for line in text.splitlines(keepends=True)[:ref.loc.line - 1]) + ref.loc.col - 1
        pattern = re.compile(rf"(?<![\w-]){re.escape(ref.value)}(?![\w-])")
        match = next(m for m in pattern.finditer(text, start) if (ref.loc.file, m.start()) not in renames)
        renames[(ref.loc.file, match.start())] = ref.value
    for (file, offset), value in sorted(renames.items(), reverse=True):
        path = root / file
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:offset] + value + "-zq" + text[offset + len(value):], encoding="utf-8")

    diagnostics = load_project(root).diagnostics
    unknown = sorted((d.loc.file, d.loc.line, d.message) for d in diagnostics if d.check == "unknown-id")
    expected = sorted((r.loc.file, r.loc.line, f"{r.label} '{r.value}-zq' is not a known {KINDS[r.kind].noun}")
                      for r in found)
    assert unknown == expected
    hinted = [d for d in diagnostics if d.check == "unknown-id" and "did you mean" in d.hint]
    assert len(hinted) == len(found), [d.hint for d in diagnostics if d.check == "unknown-id"]
