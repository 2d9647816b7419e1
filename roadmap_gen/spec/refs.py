"""Every id a built model refers to, found from the declarations: the fields declared :class:`Ref`.

The unknown-id checks are generated from this walk (``roadmap_gen.load.references``), so a field
declared ``Ref("person")`` is checked against the project's people without a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.spec.base import Locs, Spec
from roadmap_gen.spec.containers import ListOf, MapOf
from roadmap_gen.spec.record import Declared, Record
from roadmap_gen.spec.scalars import Ref


@dataclass(frozen=True)
class Reference:
    """One id written where an id of *kind* belongs: how a message names the field, and where it is."""

    kind: str
    label: str
    value: str
    loc: Loc


def references(record: Record[Any], value: Any, *, every: bool = False) -> Iterator[Reference]:
    """Every checked reference in *value* (built by *record*), depth first, in declaration order;
    *every*: the unchecked ones too (judged by a health check, or open to ids of its own).

    A reference in a field is located at the field; one that is a map's key at its entry."""
    for d in _referring(record):
        assert d.spec.spec is not None
        yield from _in_field(d.spec.spec, getattr(value, d.attr), d.yaml_name, value.locs, every=every)


#: Per record (by identity, kept alive here): its written fields whose values can hold a reference
#: (checked or not), the others skipped unread (a team's evidence, notes, levels ...). The specs are declared
#: once, so this is worked out once per record.
_REFERRING: dict[int, tuple[Record[Any], tuple[Declared, ...]]] = {}


def _referring(record: Record[Any]) -> tuple[Declared, ...]:
    found = _REFERRING.get(id(record))
    if found is None or found[0] is not record:
        found = _REFERRING[id(record)] = (record, tuple(d for d in record.written
                                                        if d.spec.spec is None or _may_refer(d.spec.spec, set())))
    return found[1]


def _may_refer(spec: Spec[Any], seen: set[int]) -> bool:
    """Whether :func:`_in_field` can find a reference in a value *spec* builds (True when unsure)."""
    if id(spec) in seen:
        return True  # a record met again inside itself
    seen.add(id(spec))
    try:
        if isinstance(spec, Ref):
            return True  # checked or not: ``references(..., every=True)`` finds both
        if isinstance(spec, Record):
            return any(d.spec.spec is None or _may_refer(d.spec.spec, seen) for d in spec.written)
        if isinstance(spec, ListOf):
            return spec.build is None and isinstance(spec.item, (Ref, Record)) and _may_refer(spec.item, seen)
        return isinstance(spec, MapOf)  # its keys and entries: walked as they were
    finally:
        seen.discard(id(spec))


def _in_field(spec: Spec[Any], value: Any, name: str, locs: Locs, *, every: bool) -> Iterator[Reference]:
    if isinstance(spec, Ref):
        yield from _named(spec, value, spec.label or name, locs(name), every=every)
    elif isinstance(spec, Record):
        yield from references(spec, value, every=every)
    elif isinstance(spec, ListOf) and spec.build is None:
        item = spec.item
        for one in value:
            if isinstance(item, Ref):
                yield from _named(item, one, item.label or item.kind, locs(name), every=every)
            elif isinstance(item, Record):
                yield from references(item, one, every=every)
    elif isinstance(spec, MapOf):
        yield from _in_map(spec, value, every=every)


def _named(ref: Ref, value: str | None, label: str, loc: Loc, *, every: bool) -> Iterator[Reference]:
    """The id written where *ref* is declared, unless nothing is written or (not *every*) a health check
    judges it."""
    if (every or ref.checked) and value:
        yield Reference(ref.kind, label, value, loc)


def _in_map(spec: MapOf[Any], value: Any, *, every: bool) -> Iterator[Reference]:
    """A map's entries: records filed under their key, or what its ``build`` made of them, whose
    ``key_attr`` (declared on the map, or on a map nested in it) holds the key."""
    record = spec.value if spec.build is None and isinstance(spec.value, Record) else None
    keys = [(m.key, m.key_attr or _key_attr(record)) for m in _nested(spec) if isinstance(m.key, Ref)]
    for ref, attr in keys:
        assert attr, f"a map keyed by Ref({ref.kind!r}) builds entries without key_attr: its ids would go unchecked"
    for item in value:
        for ref, attr in keys:
            yield from _named(ref, getattr(item, attr), ref.label or ref.kind, item.locs.at_entity, every=every)
        if record is not None:
            yield from references(record, item, every=every)


def _key_attr(record: Record[Any] | None) -> str:
    """The field of *record* that takes the key it is filed under."""
    if record is None:
        return ""
    return next((d.attr for d in record.declared if d.spec.role == "key"), "")


def _nested(spec: MapOf[Any]) -> Iterator[MapOf[Any]]:
    yield spec
    if isinstance(spec.value, MapOf):
        yield from _nested(spec.value)
