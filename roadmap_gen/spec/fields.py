"""Field specs: the shape of every input field, declared once, on the model.

A model class (:mod:`roadmap_gen.model`) declares each of its fields with
:func:`field` (or :func:`key_field`, :func:`parent_key_field`,
:func:`context_field`), carrying the field's spec, whether it is required, its
default and its one-line meaning. :class:`Record` reads those declarations and
derives from them, so they cannot drift apart:

* the form check *and* the builder in one pass (:meth:`Record.check` turns a
  located YAML tree into a model object plus diagnostics; after a form error a
  field falls back to a neutral value so every other problem is still found);
* the JSON Schema shipped for editors (:meth:`Spec.schema`);
* the field reference in ``docs/format-fields.md`` (:func:`walk`);
* the unknown-id checks, from the fields declared :class:`Ref`
  (:func:`roadmap_gen.spec.refs.references`).

Specs are typed: a ``Spec[T]`` builds a ``T``, and :func:`field` returns the
type its spec builds, so mypy refuses ``owner_limit: int = field(Str(), ...)``.

Rules that need more than one field (levels against the scale, scoping) are
not here: they run after this step, on the model. This package sits below the
model: it knows dataclasses, not model classes. This module is its face: the
primitives live in ``base``, ``scalars``, ``containers`` and ``record``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from roadmap_gen.spec.base import (
    MISSING,
    NO_IDS,
    NO_LOCS,
    ROOT,
    Ctx,
    Entry,
    Ids,
    Locs,
    Scope,
    Spec,
)
from roadmap_gen.spec.containers import ListOf, MapOf
from roadmap_gen.spec.record import (
    SPEC_KEY,
    Declared,
    DefaultFn,
    FieldSpec,
    Record,
    Section,
    check_file,
    to_json_schema,
)
from roadmap_gen.spec.scalars import MAX_NUMBER, SLUG_RE, Bool, Date, Enum, Int, IntKey, Num, Period, Ref, Slug, Str

__all__ = [
    "Bool", "Ctx", "Date", "Declared", "Entry", "Enum", "FieldRow", "FieldSpec", "Ids", "Int", "IntKey", "ListOf",
    "Locs", "MAX_NUMBER", "MISSING", "MapOf", "NO_IDS", "NO_LOCS", "Num", "Period", "ROOT", "Record", "Ref",
    "SLUG_RE", "SPEC_KEY", "Scope", "Section", "Slug", "Spec", "Str", "check_file", "context_field", "field",
    "key_field", "locs_field", "parent_key_field", "to_json_schema", "walk",
]

T = TypeVar("T")
D = TypeVar("D")


@overload
def field(spec: Spec[T], doc: str, *, required: bool = False, default_fn: DefaultFn | None = None,
          name: str = "", section: str = "") -> T: ...


@overload
def field(spec: Spec[T], doc: str, *, default: D, required: bool = False, default_fn: DefaultFn | None = None,
          name: str = "", section: str = "") -> T | D: ...


def field(spec: Spec[Any], doc: str, *, required: bool = False, default: Any = MISSING,
          default_fn: DefaultFn | None = None, name: str = "", section: str = "") -> Any:
    """Declare a model field written in the YAML: its spec and one-line meaning. Typed as the value the
    spec builds (or the default's type, ``None`` for an optional field), so that the field's annotation
    must agree with its spec."""
    meta = {SPEC_KEY: FieldSpec(spec, doc, required, default, default_fn, name, section)}
    if default is not MISSING:
        return dataclasses.field(default=default, metadata=meta)
    if isinstance(spec, (ListOf, MapOf)) and not required:
        return dataclasses.field(default=spec.fallback(), metadata=meta)
    return dataclasses.field(metadata=meta)


def key_field(doc: str = "") -> Any:
    """The field that takes the key the record is filed under (an id, or a level: its type is the
    enclosing map's key spec's, so it cannot be told here)."""
    return dataclasses.field(metadata={SPEC_KEY: FieldSpec(None, doc, role="key")})


def parent_key_field(doc: str = "") -> str:
    """The field that takes the key of the enclosing record (an action's factor)."""
    made: str = dataclasses.field(default="", metadata={SPEC_KEY: FieldSpec(None, doc, default="",
                                                                             role="parent_key")})
    return made


def context_field(default: D, doc: str = "") -> D:
    """A field the loader supplies (the file a record came from, a team's id from its file name)."""
    made: D = dataclasses.field(default=default, metadata={SPEC_KEY: FieldSpec(None, doc, default=default,
                                                                                role="context")})
    return made


def locs_field() -> Locs:
    """Where the entity and each of its fields were written; not part of equality."""
    made: Locs = dataclasses.field(default=NO_LOCS, compare=False, repr=False)
    return made


# --- the field reference ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One line of the field reference: a dotted path, its type, required or not, its meaning."""

    path: str
    kind: str
    required: bool
    doc: str


def walk(spec: Spec[Any], path: str = "", *, required: bool = False, doc: str = "") -> Iterator[FieldRow]:
    """Every field reachable from ``spec``, depth first, as the docs list them."""
    if path:
        yield FieldRow(path, spec.describe(), required, doc)
    if isinstance(spec, Record):
        for name, item in spec.top_level():
            sub = f"{path}.{name}" if path else name
            if isinstance(item, Section):
                yield FieldRow(sub, "a map of fields", item.required, item.doc)
                for d in spec.in_section(item.name):
                    assert d.spec.spec is not None
                    yield from walk(d.spec.spec, f"{sub}.{d.yaml_name}", required=d.spec.required, doc=d.spec.doc)
            else:
                assert item.spec.spec is not None
                yield from walk(item.spec.spec, sub, required=item.spec.required, doc=item.spec.doc)
    elif isinstance(spec, MapOf):
        key = "<level>" if isinstance(spec.key, IntKey) else "<id>"
        yield from walk(spec.value, f"{path}.{key}")
    elif isinstance(spec, ListOf):
        yield from walk(spec.item, f"{path}[]")
