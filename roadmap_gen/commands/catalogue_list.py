"""``roadmap-gen catalogue``: the ids a roadmap may use, with their titles.

Users write factor, action, role and training ids in their YAML; this lists
them from the project's own catalogue, or the packaged one when the project
has none, as aligned text or as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named: listing the kinds (the command line's parser) needs no model
    from roadmap_gen.model import Catalogue

KINDS = ("factors", "actions", "roles", "training")
_NUMBER = (int, float)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def catalogue_rows(catalogue: Catalogue, kind: str) -> list[dict[str, object]]:
    """One row per id of *kind*: its id, title and the few fields that tell entries apart."""
    if kind == "factors":
        return [{"id": f.id, "title": f.title, "dimension": f.dimension, "weight": f.weight}
                for f in catalogue.factors]
    if kind == "actions":
        return [{"id": a.id, "title": a.title, "factor": f.id, "raises_to": a.raises_to, "effort": a.effort,
                 "owner_role": a.owner_role} for f in catalogue.factors for a in f.actions]
    if kind == "roles":
        return [{"id": r.id, "title": r.title} for r in catalogue.roles]
    if kind == "training":
        return [{"id": m.id, "title": m.title, "format": m.format, "hours": m.hours, "audience": list(m.audience)}
                for m in catalogue.training]
    raise ValueError(f"unknown kind {kind!r}")


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(value, _NUMBER) and not isinstance(value, bool):
        return _num(value)
    return " ".join(str(value).split())  # one line: a title with a newline must not break the table


def as_text(rows: Sequence[dict[str, object]], heading: str) -> str:
    """An aligned table under *heading*: one row per id, columns padded to the widest cell."""
    if not rows:
        return f"{heading}\n  (none)\n"
    columns = list(rows[0])
    cells = [[c.replace("_", " ") for c in columns]] + [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in cells]
    return "\n".join([heading] + lines) + "\n"


def as_json(catalogue: Catalogue, kinds: Sequence[str], source: str) -> str:
    data: dict[str, object] = {"catalogue": catalogue.id, "title": catalogue.title, "source": source}
    for kind in kinds:
        data[kind] = catalogue_rows(catalogue, kind)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


__all__ = ["KINDS", "as_json", "as_text", "catalogue_rows"]
