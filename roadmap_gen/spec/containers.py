"""The container field specs: lists, and maps keyed by id or by level.

Their constructors are overloaded so that the value type follows the items': ``ListOf(Str())`` is a
``Spec[tuple[str, ...]]``, ``MapOf(Slug(), Record(Role))`` a ``Spec[tuple[Role, ...]]``, and with
``build`` the spec builds whatever ``build`` returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast, overload

from roadmap_gen.spec.base import MISSING, NO_IDS, ROOT, Ctx, Entry, Ids, Scope, Spec, shown
from roadmap_gen.spec.record import Record
from roadmap_gen.spec.scalars import Ref
from roadmap_gen.spec.yamlread import Mapping, Node, Scalar, Sequence

#: What a container builds; the type of its items (or a map's records).
C = TypeVar("C")
V = TypeVar("V")
#: Builds a container's value from its checked entries.
Build = Callable[[list[Entry]], C]


def _set(spec: Spec[Any], **fields: Any) -> None:
    """Set a frozen container's fields: its ``__init__`` is written out, overloaded, so that the type it
    builds follows from its arguments."""
    for name, value in fields.items():
        object.__setattr__(spec, name, value)


@dataclass(frozen=True, init=False)
class ListOf(Spec[C]):
    """A list; built as a tuple of its items' values, or by ``build`` from the entries."""

    item: Spec[Any]
    min_items: int
    build: Build[C] | None

    @overload
    def __init__(self: ListOf[tuple[V, ...]], item: Spec[V], min_items: int = 0) -> None: ...

    @overload
    def __init__(self: ListOf[C], item: Spec[Any], min_items: int = 0, *, build: Build[C]) -> None: ...

    def __init__(self, item: Spec[Any], min_items: int = 0, *, build: Build[Any] | None = None) -> None:
        _set(self, item=item, min_items=min_items, build=build)

    def entries(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Sequence):
            return ctx.error(node.loc, f"{what} must be a list, found {shown(node)}",
                             "start each item on its own line with '- '", check="bad-type")
        if len(node.items) < self.min_items:
            ctx.error(node.loc, f"{what} needs at least {self.min_items} item(s)", check="missing-field")
        out = []
        for index, child in enumerate(node.items):
            inner = Scope(parent_key=scope.parent_key)
            # 0-based, as the JSON path of the item (and jq, and the JSON Schema's messages) counts
            value = self.item.check(child, ctx, f"{what}[{index}]", inner)
            if value is not MISSING:
                out.append(Entry(index, child.loc, value))
        return out

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> C:
        entries = self.entries(node, ctx, what, scope)
        if entries is MISSING:
            return MISSING
        return self.build(entries) if self.build else cast(C, tuple(e.value for e in entries))

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema(ids)}
        if self.min_items:
            out["minItems"] = self.min_items
        return out

    def describe(self) -> str:
        return "a list"

    def fallback(self) -> C:
        return self.build([]) if self.build else cast(C, ())


@dataclass(frozen=True, init=False)
class MapOf(Spec[C]):
    """A map keyed by id (or by level). Built as a tuple of records when the value takes its key,
    else of ``(key, value)`` pairs, or by ``build`` from the entries. Repeated keys were already
    refused by the loader."""

    key: Spec[Any]
    value: Spec[Any]
    build: Build[C] | None
    inject: tuple[tuple[str, Any], ...]  # fields fixed for every record of this map
    #: With ``build``: the attribute of each entry built that holds this map's key (a ``Ref`` key is
    #: checked there; for a map nested in a built map, in what the outer map builds).
    key_attr: str

    @overload
    def __init__(self: MapOf[tuple[V, ...]], key: Spec[Any], value: Record[V], *,
                 inject: tuple[tuple[str, Any], ...] = ()) -> None: ...

    @overload
    def __init__(self: MapOf[C], key: Spec[Any], value: Spec[Any], *, build: Build[C],
                 inject: tuple[tuple[str, Any], ...] = (), key_attr: str = "") -> None: ...

    def __init__(self, key: Spec[Any], value: Spec[Any], *, build: Build[Any] | None = None,
                 inject: tuple[tuple[str, Any], ...] = (), key_attr: str = "") -> None:
        _set(self, key=key, value=value, build=build, inject=inject, key_attr=key_attr)

    def entries(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Mapping):
            return ctx.error(node.loc, f"{what} must be a map of id: value, found {shown(node)}",
                             check="bad-type")
        out = []
        for key_node, child in node.items:
            if self._misplaced(key_node, child, ctx, what):
                continue
            key = self.key.check(key_node, ctx, f"key of {what}")
            if key is MISSING:
                continue
            inner = Scope(key=key, key_loc=key_node.loc, parent_key=scope.parent_key, inject=dict(self.inject))
            value = self.value.check(child, ctx, f"{what}.{key}", inner)
            if value is not MISSING:
                out.append(Entry(key, key_node.loc, value))
        return out

    def _misplaced(self, key_node: Scalar, child: Node, ctx: Ctx, what: str) -> bool:
        """A field of an entry written one level too high (``owner`` beside the factors under
        ``assessment``): said as such, rather than as an entry that is not a map. True when said."""
        if not isinstance(self.value, Record) or self.value.short_field or isinstance(child, Mapping):
            return False
        name = key_node.value
        if not isinstance(name, str) or name not in self.value.top_level_names:
            return False
        noun = self.key.kind if isinstance(self.key, Ref) else "entry"
        ctx.error(key_node.loc, f"'{name}' is a field of an entry of {what}, not a {noun} of its own",
                  f"indent it one level deeper, under the {noun} it belongs to", check="misplaced-field")
        return True

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> C:
        entries = self.entries(node, ctx, what, scope)
        if entries is MISSING:
            return MISSING
        if self.build:
            return self.build(entries)
        if self.value.takes_key:
            return cast(C, tuple(e.value for e in entries))
        return cast(C, tuple((e.key, e.value) for e in entries))

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "object", "propertyNames": self.key.schema(ids), "additionalProperties": self.value.schema(ids)}

    def describe(self) -> str:
        return "a map"

    def fallback(self) -> C:
        return self.build([]) if self.build else cast(C, ())
