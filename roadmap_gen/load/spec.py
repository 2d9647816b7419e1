"""A small declarative language for the shape of the input files.

The same spec drives two things, so they cannot drift apart: the form check
(:func:`check`, which turns a located YAML tree into plain checked values and
diagnostics) and the JSON Schema shipped for editors (:func:`to_json_schema`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from roadmap_gen.diagnostics import Diagnostic, Loc, did_you_mean, error
from roadmap_gen.periods import DATE_RE, PERIOD_RE, Quarter, parse_date
from roadmap_gen.load.yamlload import Mapping, Node, Scalar, Sequence

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Numbers past this are typing mistakes, and would break chart scales and sums.
MAX_NUMBER = 1e12
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()


@dataclass
class Rec:
    """A checked map with named fields: values plus where each was written."""

    loc: Loc
    values: dict[str, Any]
    locs: dict[str, Loc]

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name, MISSING)
        return default if value is MISSING else value

    def has(self, name: str) -> bool:
        return self.values.get(name, MISSING) is not MISSING


@dataclass
class Entry:
    """One item of a keyed map or of a list, with where its key or item starts."""

    key: Any
    loc: Loc
    value: Any


class Ctx:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, loc: Loc, message: str, hint: str = "", check: str = "form") -> Any:
        self.diagnostics.append(error(loc, check, message, hint))
        return MISSING


# --- types -----------------------------------------------------------------------------


class Spec:
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


def _shown(node: Node) -> str:
    if isinstance(node, Scalar):
        text = str(node.value) if node.value is not None else "nothing"
        return f"'{text[:40]}'" if node.value is not None else "nothing"
    return f"a {node.kind}"


def _with_doc(schema: dict[str, Any], doc: str) -> dict[str, Any]:
    if doc:
        schema["description"] = doc
    return schema


def _scalar(node: Node, ctx: Ctx, what: str, expected: str) -> Scalar | None:
    if isinstance(node, Scalar) and node.value is not None:
        return node
    ctx.error(node.loc, f"{what} must be {expected}, found {_shown(node)}", check="bad-type")
    return None


@dataclass
class Str(Spec):
    doc: str = ""
    allow_empty: bool = False

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        if isinstance(node, Scalar) and node.value is None and self.allow_empty:
            return ""
        scalar = _scalar(node, ctx, what, "text")
        if scalar is None:
            return MISSING
        value = scalar.value
        if isinstance(value, bool):
            value = "true" if value else "false"
        text = value if isinstance(value, str) else _number_text(scalar)
        if not text.strip() and not self.allow_empty:
            return ctx.error(node.loc, f"{what} must not be empty", check="bad-value")
        return text

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": ["string", "number", "boolean"]} if not self.allow_empty else
                         {"type": ["string", "number", "boolean", "null"]}, self.doc)

    def describe(self) -> str:
        return "text"


def _number_text(scalar: Scalar) -> str:
    value = scalar.value
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return repr(value)
    return str(value)


@dataclass
class Slug(Spec):
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        scalar = _scalar(node, ctx, what, "an id")
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        if isinstance(scalar.value, bool) or not SLUG_RE.match(text):
            return ctx.error(node.loc, f"{what} '{text[:64]}' is not a valid id",
                             _slug_hint(text), check="bad-id")
        return text

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": "string", "pattern": SLUG_RE.pattern}, self.doc)

    def describe(self) -> str:
        return "an id"


def _slug_hint(text: str) -> str:
    fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
    base = "ids use lowercase letters, digits and '-', start with a letter or digit, at most 64 characters"
    return f"{base}: try '{fixed}'" if fixed and fixed != text else base


@dataclass
class Int(Spec):
    doc: str = ""
    minimum: int | None = None
    maximum: int | None = None

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        scalar = _scalar(node, ctx, what, "a whole number")
        if scalar is None:
            return MISSING
        value = scalar.value
        if isinstance(value, float) and value.is_integer() and not isinstance(value, bool):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(node.loc, f"{what} must be a whole number, found {_shown(node)}",
                             _number_hint(scalar), check="bad-type")
        return _in_range(value, self.minimum, self.maximum, node, ctx, what)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return _with_doc(out, self.doc)

    def describe(self) -> str:
        return "a whole number"


@dataclass
class Num(Spec):
    doc: str = ""
    minimum: float | None = None
    positive: bool = False

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        scalar = _scalar(node, ctx, what, "a number")
        if scalar is None:
            return MISSING
        value = scalar.value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            return ctx.error(node.loc, f"{what} must be a number, found {_shown(node)}",
                             _number_hint(scalar), check="bad-type")
        if abs(value) > MAX_NUMBER:
            return ctx.error(node.loc, f"{what} is too large: {value:g} (at most {MAX_NUMBER:g})", check="out-of-range")
        if self.positive and value <= 0:
            return ctx.error(node.loc, f"{what} must be more than 0, found {value}", check="out-of-range")
        return _in_range(value, self.minimum, None, node, ctx, what)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number", "maximum": MAX_NUMBER}
        if self.positive:
            out["exclusiveMinimum"] = 0
        else:
            out["minimum"] = self.minimum if self.minimum is not None else -MAX_NUMBER
        return _with_doc(out, self.doc)

    def describe(self) -> str:
        return "a number"


def _number_hint(scalar: Scalar) -> str:
    if isinstance(scalar.value, str):
        try:
            float(scalar.value)
            return "remove the quotes around the number"
        except ValueError:
            pass
    return "write it as digits, e.g. 2"


def _in_range(value: Any, low: Any, high: Any, node: Node, ctx: Ctx, what: str) -> Any:
    if low is not None and value < low:
        return ctx.error(node.loc, f"{what} must be at least {low}, found {value}", check="out-of-range")
    if high is not None and value > high:
        return ctx.error(node.loc, f"{what} must be at most {high}, found {value}", check="out-of-range")
    return value


@dataclass
class Bool(Spec):
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        return ctx.error(node.loc, f"{what} must be true or false, found {_shown(node)}", check="bad-type")

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": "boolean"}, self.doc)

    def describe(self) -> str:
        return "true or false"


@dataclass
class Enum(Spec):
    values: tuple[str, ...]
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        scalar = _scalar(node, ctx, what, "one of " + ", ".join(self.values))
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        if text not in self.values:
            hint = did_you_mean(text, self.values) or "use one of: " + ", ".join(self.values)
            return ctx.error(node.loc, f"{what} '{text[:40]}' is not one of {', '.join(self.values)}", hint,
                             check="bad-value")
        return text

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": "string", "enum": list(self.values)}, self.doc)

    def describe(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)


@dataclass
class Period(Spec):
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        scalar = _scalar(node, ctx, what, "a quarter such as 2027-Q1")
        if scalar is None:
            return MISSING
        quarter = Quarter.parse(str(scalar.value))
        if quarter is None:
            return ctx.error(node.loc, f"{what} '{str(scalar.value)[:40]}' is not a quarter",
                             "write quarters as YYYY-Qn, e.g. 2027-Q1", check="bad-period")
        return quarter

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": "string", "pattern": PERIOD_RE.pattern}, self.doc)

    def describe(self) -> str:
        return "a quarter YYYY-Qn"


@dataclass
class Date(Spec):
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        scalar = _scalar(node, ctx, what, "a date such as 2026-11-20")
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        day = parse_date(text)
        if day is None:
            hint = ("that day does not exist" if DATE_RE.match(text)
                    else "write dates as YYYY-MM-DD, e.g. 2026-11-20")
            return ctx.error(node.loc, f"{what} '{text[:40]}' is not a valid date", hint, check="bad-date")
        return day

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": "string", "pattern": DATE_RE.pattern}, self.doc)

    def describe(self) -> str:
        return "a date YYYY-MM-DD"


@dataclass
class IntKey(Spec):
    """Keys of a map that are levels: whole numbers."""

    minimum: int = 0

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(node.loc, f"{what} '{value}' must be a whole-number level", check="bad-type")
        return _in_range(value, self.minimum, None, node, ctx, what)

    def schema(self) -> dict[str, Any]:
        return {"pattern": "^[0-9]+$"}

    def describe(self) -> str:
        return "a level number"


@dataclass
class ListOf(Spec):
    item: Spec
    doc: str = ""
    min_items: int = 0

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Sequence):
            return ctx.error(node.loc, f"{what} must be a list, found {_shown(node)}",
                             "start each item on its own line with '- '", check="bad-type")
        if len(node.items) < self.min_items:
            ctx.error(node.loc, f"{what} needs at least {self.min_items} item(s)", check="missing-field")
        out = []
        for index, child in enumerate(node.items):
            value = self.item.check(child, ctx, f"{what}[{index + 1}]")
            if value is not MISSING:
                out.append(Entry(index, child.loc, value))
        return out

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return _with_doc(out, self.doc)

    def describe(self) -> str:
        return "a list"


@dataclass
class MapOf(Spec):
    """A map keyed by id (or by level); repeated keys were already refused by the loader."""

    key: Spec
    value: Spec
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Mapping):
            return ctx.error(node.loc, f"{what} must be a map of id: value, found {_shown(node)}",
                             check="bad-type")
        out = []
        for key_node, child in node.items:
            key = self.key.check(key_node, ctx, f"key of {what}")
            if key is MISSING:
                continue
            value = self.value.check(child, ctx, f"{what}.{key}")
            if value is not MISSING:
                out.append(Entry(key, key_node.loc, value))
        return out

    def schema(self) -> dict[str, Any]:
        return _with_doc({"type": "object", "propertyNames": self.key.schema(),
                          "additionalProperties": self.value.schema()}, self.doc)

    def describe(self) -> str:
        return "a map"


@dataclass
class Field:
    spec: Spec
    required: bool = False
    doc: str = ""


@dataclass
class Obj(Spec):
    fields: dict[str, Field]
    doc: str = ""
    title: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        if not isinstance(node, Mapping):
            return ctx.error(node.loc, f"{what or 'the file'} must be a map of fields, found {_shown(node)}",
                             "write one 'field: value' per line, indented under it", check="bad-type")
        values: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        for key_node, child in node.items:
            name = key_node.value
            spec = self.fields.get(name) if isinstance(name, str) else None
            if spec is None:
                ctx.error(key_node.loc, f"unknown field '{name}' in {what or 'the file'}",
                          did_you_mean(str(name), self.fields) or
                          "known fields: " + ", ".join(sorted(self.fields)), check="unknown-field")
                continue
            locs[name] = child.loc
            values[name] = spec.spec.check(child, ctx, f"{what}.{name}" if what else name)
        for name, spec in self.fields.items():
            if spec.required and name not in values:
                ctx.error(node.loc, f"{what or 'the file'} is missing the required field '{name}'",
                          f"add '{name}:', {spec.spec.describe()}" + (
                              f"; {spec.doc[:1].lower()}{spec.doc[1:].rstrip('.')}" if spec.doc else ""),
                          check="missing-field")
        return Rec(node.loc, values, locs)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: _with_doc(f.spec.schema(), f.doc) for name, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.title:
            out["title"] = self.title
        return _with_doc(out, self.doc)

    def describe(self) -> str:
        return "a map of fields"


@dataclass
class Either(Spec):
    """A short scalar form or a long map form (scope entries: ``in`` or ``{status: later, from: ...}``)."""

    short: Spec
    long: Spec
    doc: str = ""

    def check(self, node: Node, ctx: Ctx, what: str) -> Any:
        return (self.long if isinstance(node, Mapping) else self.short).check(node, ctx, what)

    def schema(self) -> dict[str, Any]:
        return _with_doc({"oneOf": [self.short.schema(), self.long.schema()]}, self.doc)

    def describe(self) -> str:
        return f"{self.short.describe()} or {self.long.describe()}"


def check(node: Node | None, spec: Spec, file: str, ctx: Ctx) -> Any:
    """Check a file's root node against a spec; an empty file is reported, not crashed on."""
    if node is None or (isinstance(node, Scalar) and node.value is None):
        return ctx.error(Loc(file, 1, 1), "the file is empty", check="missing-field")
    return spec.check(node, ctx, "")


def to_json_schema(spec: Spec, schema_id: str, title: str) -> dict[str, Any]:
    out = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": schema_id, "title": title}
    out.update(spec.schema())
    return out
