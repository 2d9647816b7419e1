"""What every field spec shares: the :class:`Spec` protocol, the context a check runs in, and the
helpers that report a value of the wrong form.

A :class:`Spec` is generic in the type of the value it builds (``Spec[int]`` builds an ``int``),
so that :func:`roadmap_gen.spec.fields.field` can give a model field the type its spec builds,
and mypy refuses a field whose annotation contradicts its spec.
"""

from __future__ import annotations

import math
from collections.abc import Mapping as TMapping
from collections.abc import Sequence as TSequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error
from roadmap_gen.spec.yamlread import Node, Scalar

#: The type of the value a spec builds.
T = TypeVar("T")


class _Missing:
    """No value: a field not written, or one whose value had a form error."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Locs:
    """Where each field of an entity was written; falls back to the entity's own place."""

    at_entity: Loc
    fields: tuple[tuple[str, Loc], ...] = ()

    def __call__(self, name: str) -> Loc:
        for key, loc in self.fields:
            if key == name:
                return loc
        return self.at_entity

    def has(self, name: str) -> bool:
        """Whether the field was written (with any value, even a wrong one)."""
        return any(key == name for key, _ in self.fields)

    def all(self) -> set[Loc]:
        """The entity's own place and every field's."""
        return {self.at_entity, *(loc for _, loc in self.fields)}


NO_LOCS = Locs(Loc(""))


@dataclass(frozen=True)
class Entry:
    """One item of a keyed map or of a list: its key (or index), where it starts, its checked value."""

    key: Any
    loc: Loc
    value: Any


#: The empty map a scope's maps default to (never changed: a scope only reads them).
_NOTHING: TMapping[str, Any] = MappingProxyType({})


class Scope(NamedTuple):
    """What a record is built inside of: the key it is filed under and its parent's values.

    A named tuple, not a frozen dataclass: the load makes one for every field written (64,000 for 1,000
    team files), and a frozen dataclass's ``__init__`` took a tenth of the time of checking the fields."""

    key: Any = None
    key_loc: Loc | None = None  # where that key was written: the entity's place
    field_loc: Loc | None = None  # where the field holding this record was written (for missing fields)
    parent_key: Any = None  # the key of the enclosing keyed record (a factor's id, for its actions)
    parent: TMapping[str, Any] = _NOTHING  # the parent's fields built so far
    context: TMapping[str, Any] = _NOTHING  # values the loader supplies (file)
    inject: TMapping[str, Any] = _NOTHING  # fields fixed by where it was written


ROOT = Scope()


class Ctx:
    """Collects the diagnostics of one file's check."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, loc: Loc, message: str, hint: str = "", check: str = "form") -> Any:
        self.diagnostics.append(error(loc, check, message, hint))
        return MISSING


#: A project's ids by the kind of thing they name (``factor`` -> its factor ids), for its JSON Schemas.
Ids = TMapping[str, TSequence[str]]
NO_IDS: Ids = {}


class Spec(Generic[T]):
    """The shape of one value of type ``T``: how it is checked, its JSON Schema, how the docs name it."""

    #: True when the value built is a record that takes the key it is filed under.
    takes_key: ClassVar[bool] = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> T:
        """The value built from *node*, or ``MISSING`` after a form error (reported in *ctx*)."""
        raise NotImplementedError

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def fallback(self) -> T:
        """The neutral value that stands in after a form error (the model is never planned then)."""
        raise NotImplementedError


def shown(node: Node) -> str:
    if isinstance(node, Scalar):
        return f"'{str(node.value)[:40]}'" if node.value is not None else "nothing"
    return f"a {node.kind}"


def expect_scalar(node: Node, ctx: Ctx, what: str, expected: str) -> Scalar | None:
    if isinstance(node, Scalar) and node.value is not None:
        return node
    ctx.error(node.loc, f"{what} must be {expected}, found {shown(node)}", check="bad-type")
    return None


def number_text(scalar: Scalar) -> str:
    value = scalar.value
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return repr(value)
    return str(value)


