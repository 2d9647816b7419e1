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
* the field reference in ``docs/format-fields.md`` (:func:`walk`).

Rules that need more than one field (ids that name other things, levels
against the scale) are not here: they run after this step, on the model.
This module sits below the model: it knows dataclasses, not model classes.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Callable, ClassVar, Iterator, Mapping as TMapping, Optional, Sequence as TSequence

from roadmap_gen.core.diagnostics import Diagnostic, Loc, did_you_mean, error
from roadmap_gen.spec.yamlread import Mapping, Node, Scalar, Sequence
from roadmap_gen.core.periods import DATE_RE, PERIOD_RE, Quarter, parse_date

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Numbers past this are typing mistakes, and would break chart scales and sums.
MAX_NUMBER = 1e12


class _Missing:
    """No value: a field not written, or one whose value had a form error."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()
SPEC_KEY = "roadmap_gen.spec"


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


@dataclass(frozen=True)
class Scope:
    """What a record is built inside of: the key it is filed under and its parent's values."""

    key: Any = None
    key_loc: Optional[Loc] = None  # where that key was written: the entity's place
    field_loc: Optional[Loc] = None  # where the field holding this record was written (for missing fields)
    parent_key: Any = None  # the key of the enclosing keyed record (a factor's id, for its actions)
    parent: TMapping[str, Any] = dataclasses.field(default_factory=dict)  # the parent's fields built so far
    context: TMapping[str, Any] = dataclasses.field(default_factory=dict)  # values the loader supplies (file)
    inject: TMapping[str, Any] = dataclasses.field(default_factory=dict)  # fields fixed by where it was written


ROOT = Scope()


class Ctx:
    """Collects the diagnostics of one file's check."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, loc: Loc, message: str, hint: str = "", check: str = "form") -> Any:
        self.diagnostics.append(error(loc, check, message, hint))
        return MISSING


# --- scalar specs ---------------------------------------------------------------------


#: A project's ids by the kind of thing they name (``factor`` -> its factor ids), for its JSON Schemas.
Ids = TMapping[str, TSequence[str]]
NO_IDS: Ids = {}


class Spec:
    """The shape of one value: how it is checked, its JSON Schema, how the docs name it."""

    #: True when the value built is a record that takes the key it is filed under.
    takes_key: ClassVar[bool] = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        raise NotImplementedError

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def fallback(self) -> Any:
        """The neutral value that stands in after a form error (the model is never planned then)."""
        return None


def _shown(node: Node) -> str:
    if isinstance(node, Scalar):
        return f"'{str(node.value)[:40]}'" if node.value is not None else "nothing"
    return f"a {node.kind}"


def _scalar(node: Node, ctx: Ctx, what: str, expected: str) -> Scalar | None:
    if isinstance(node, Scalar) and node.value is not None:
        return node
    ctx.error(node.loc, f"{what} must be {expected}, found {_shown(node)}", check="bad-type")
    return None


def _number_text(scalar: Scalar) -> str:
    value = scalar.value
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return repr(value)
    return str(value)


@dataclass(frozen=True)
class Str(Spec):
    allow_empty: bool = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
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

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        types = ["string", "number", "boolean"] + (["null"] if self.allow_empty else [])
        return {"type": types}

    def describe(self) -> str:
        return "text"

    def fallback(self) -> Any:
        return ""


def _slug_hint(text: str) -> str:
    fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
    base = "ids use lowercase letters, digits and '-', start with a letter or digit, at most 64 characters"
    return f"{base}: try '{fixed}'" if fixed and fixed != text else base


@dataclass(frozen=True)
class Slug(Spec):
    """An id. *ref* names the kind of thing it refers to (``factor``, ``role`` ...): a project's JSON
    Schemas list those ids, as the only values or, when *open* (other ids are allowed too), as examples."""

    ref: str = ""
    open: bool = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        scalar = _scalar(node, ctx, what, "an id")
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        if isinstance(scalar.value, bool) or not SLUG_RE.fullmatch(text):
            return ctx.error(node.loc, f"{what} '{text[:64]}' is not a valid id", _slug_hint(text), check="bad-id")
        return text

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "pattern": SLUG_RE.pattern}
        known = ids.get(self.ref) if self.ref else None
        if known:
            out["examples" if self.open else "enum"] = list(known)
        return out

    def describe(self) -> str:
        return "an id"

    def fallback(self) -> Any:
        return ""


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


@dataclass(frozen=True)
class Int(Spec):
    minimum: Optional[int] = None
    maximum: Optional[int] = None

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
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

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def describe(self) -> str:
        return "a whole number"

    def fallback(self) -> Any:
        return self.minimum if self.minimum is not None else 0


@dataclass(frozen=True)
class Num(Spec):
    """A number; the model always holds it as a float."""

    minimum: Optional[float] = None
    positive: bool = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
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
        checked = _in_range(value, self.minimum, None, node, ctx, what)
        return checked if checked is MISSING else float(checked)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number", "maximum": MAX_NUMBER}
        if self.positive:
            out["exclusiveMinimum"] = 0
        else:
            out["minimum"] = self.minimum if self.minimum is not None else -MAX_NUMBER
        return out

    def describe(self) -> str:
        return "a number"

    def fallback(self) -> Any:
        return 1.0 if self.positive else (float(self.minimum) if self.minimum is not None else 0.0)


@dataclass(frozen=True)
class Bool(Spec):
    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        return ctx.error(node.loc, f"{what} must be true or false, found {_shown(node)}", check="bad-type")

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true or false"

    def fallback(self) -> Any:
        return False


@dataclass(frozen=True)
class Enum(Spec):
    values: tuple[str, ...]

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        scalar = _scalar(node, ctx, what, "one of " + ", ".join(self.values))
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        if text not in self.values:
            hint = did_you_mean(text, self.values) or "use one of: " + ", ".join(self.values)
            return ctx.error(node.loc, f"{what} '{text[:40]}' is not one of {', '.join(self.values)}", hint,
                             check="bad-value")
        return text

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def describe(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)

    def fallback(self) -> Any:
        return self.values[0]


@dataclass(frozen=True)
class Period(Spec):
    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        scalar = _scalar(node, ctx, what, "a quarter such as 2027-Q1")
        if scalar is None:
            return MISSING
        quarter = Quarter.parse(str(scalar.value))
        if quarter is None:
            return ctx.error(node.loc, f"{what} '{str(scalar.value)[:40]}' is not a quarter",
                             "write quarters as YYYY-Qn, e.g. 2027-Q1", check="bad-period")
        return quarter

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "pattern": PERIOD_RE.pattern}

    def describe(self) -> str:
        return "a quarter YYYY-Qn"

    def fallback(self) -> Any:
        return Quarter(1970, 1)


@dataclass(frozen=True)
class Date(Spec):
    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        scalar = _scalar(node, ctx, what, "a date such as 2026-11-20")
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        day = parse_date(text)
        if day is None:
            hint = ("that day does not exist" if DATE_RE.fullmatch(text)
                    else "write dates as YYYY-MM-DD, e.g. 2026-11-20")
            return ctx.error(node.loc, f"{what} '{text[:40]}' is not a valid date", hint, check="bad-date")
        return day

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE_RE.pattern}

    def describe(self) -> str:
        return "a date YYYY-MM-DD"

    def fallback(self) -> Any:
        return date(1970, 1, 1)


@dataclass(frozen=True)
class IntKey(Spec):
    """Keys of a map that are levels: whole numbers."""

    minimum: int = 0

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(node.loc, f"{what} '{value}' must be a whole-number level", check="bad-type")
        return _in_range(value, self.minimum, None, node, ctx, what)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"pattern": "^[0-9]+$"}

    def describe(self) -> str:
        return "a level number"

    def fallback(self) -> Any:
        return self.minimum


# --- collections ---------------------------------------------------------------------

Build = Callable[[list[Entry]], Any]


@dataclass(frozen=True)
class ListOf(Spec):
    """A list; built as a tuple of its items' values, or by ``build`` from the entries."""

    item: Spec
    min_items: int = 0
    build: Optional[Build] = None

    def entries(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Sequence):
            return ctx.error(node.loc, f"{what} must be a list, found {_shown(node)}",
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

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        entries = self.entries(node, ctx, what, scope)
        if entries is MISSING:
            return MISSING
        return self.build(entries) if self.build else tuple(e.value for e in entries)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema(ids)}
        if self.min_items:
            out["minItems"] = self.min_items
        return out

    def describe(self) -> str:
        return "a list"

    def fallback(self) -> Any:
        return self.build([]) if self.build else ()


@dataclass(frozen=True)
class MapOf(Spec):
    """A map keyed by id (or by level). Built as a tuple of records when the value takes its key,
    else of ``(key, value)`` pairs, or by ``build`` from the entries. Repeated keys were already
    refused by the loader."""

    key: Spec
    value: Spec
    build: Optional[Build] = None
    inject: tuple[tuple[str, Any], ...] = ()  # fields fixed for every record of this map

    def entries(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Mapping):
            return ctx.error(node.loc, f"{what} must be a map of id: value, found {_shown(node)}",
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
        if not isinstance(name, str) or name not in {n for n, _ in self.value.top_level()}:
            return False
        noun = getattr(self.key, "ref", "") or "entry"
        ctx.error(key_node.loc, f"'{name}' is a field of an entry of {what}, not a {noun} of its own",
                  f"indent it one level deeper, under the {noun} it belongs to", check="misplaced-field")
        return True

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        entries = self.entries(node, ctx, what, scope)
        if entries is MISSING:
            return MISSING
        if self.build:
            return self.build(entries)
        if self.value.takes_key:
            return tuple(e.value for e in entries)
        return tuple((e.key, e.value) for e in entries)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "object", "propertyNames": self.key.schema(ids), "additionalProperties": self.value.schema(ids)}

    def describe(self) -> str:
        return "a map"

    def fallback(self) -> Any:
        return self.build([]) if self.build else ()


# --- records: specs derived from a model class's declarations -------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """A model field's declaration: its spec, whether it is required, its default, its meaning."""

    spec: Optional[Spec]  # None for fields the loader supplies (key, parent key, context)
    doc: str = ""
    required: bool = False
    default: Any = MISSING
    #: A default computed from the record's own values built so far and its parent's.
    default_fn: Optional[Callable[[TMapping[str, Any], TMapping[str, Any]], Any]] = None
    name: str = ""  # the YAML name, when it differs from the attribute (``from``)
    section: str = ""  # the YAML map the field is written in, when flattened into the record
    role: str = "field"  # "field" | "key" | "parent_key" | "context"


def field(spec: Spec, doc: str, *, required: bool = False, default: Any = MISSING,
          default_fn: Optional[Callable[[TMapping[str, Any], TMapping[str, Any]], Any]] = None,
          name: str = "", section: str = "") -> Any:
    """Declare a model field written in the YAML: its spec and one-line meaning."""
    meta = {SPEC_KEY: FieldSpec(spec, doc, required, default, default_fn, name, section)}
    if default is not MISSING:
        return dataclasses.field(default=default, metadata=meta)
    if isinstance(spec, (ListOf, MapOf)) and not required:
        return dataclasses.field(default=spec.fallback(), metadata=meta)
    return dataclasses.field(metadata=meta)


def key_field(doc: str = "") -> Any:
    """The field that takes the key the record is filed under (an id, or a level)."""
    return dataclasses.field(metadata={SPEC_KEY: FieldSpec(None, doc, role="key")})


def parent_key_field(doc: str = "") -> Any:
    """The field that takes the key of the enclosing record (an action's factor)."""
    return dataclasses.field(default="", metadata={SPEC_KEY: FieldSpec(None, doc, default="", role="parent_key")})


def context_field(default: Any, doc: str = "") -> Any:
    """A field the loader supplies (the file a record came from, a team's id from its file name)."""
    return dataclasses.field(default=default, metadata={SPEC_KEY: FieldSpec(None, doc, default=default,
                                                                            role="context")})


def locs_field() -> Any:
    """Where the entity and each of its fields were written; not part of equality."""
    return dataclasses.field(default=NO_LOCS, compare=False, repr=False)


@dataclass(frozen=True)
class Declared:
    """One declared field of a record class, with its attribute name."""

    attr: str
    spec: FieldSpec

    @property
    def yaml_name(self) -> str:
        return self.spec.name or self.attr


@dataclass(frozen=True)
class Section:
    """A YAML map whose fields are flattened into the record (``organisation:`` of the organisation file)."""

    name: str
    doc: str = ""
    required: bool = False


class Record(Spec):
    """A map of named fields, built into an instance of the model class ``cls``.

    ``cls`` is a frozen dataclass whose fields are declared with :func:`field` and friends. Class
    attributes refine it: ``__sections__`` (the :class:`Section` maps flattened into it, the first
    being where the entity itself is located), ``__hints__`` (unknown field name -> where that
    thing really lives), ``__title__`` and ``__doc_line__`` (for the schema and the docs), and
    ``__open__`` (other keys are allowed and left unread: a file the tool wrote, whose other keys
    are for other readers).
    """

    def __init__(self, cls: type, doc: str = "", short_field: str = ""):
        self.cls = cls
        self.doc = doc
        self.short_field = short_field  # a scalar written instead of the map sets this field

    @property
    def takes_key(self) -> bool:  # type: ignore[override]
        return any(d.spec.role == "key" for d in self.declared)

    @cached_property
    def declared(self) -> tuple[Declared, ...]:
        return tuple(Declared(f.name, f.metadata[SPEC_KEY]) for f in dataclasses.fields(self.cls)
                     if SPEC_KEY in f.metadata)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return tuple(getattr(self.cls, "__sections__", ()))

    @cached_property
    def written(self) -> tuple[Declared, ...]:
        """The fields written in YAML, in declaration order."""
        return tuple(d for d in self.declared if d.spec.role == "field")

    def top_level(self) -> list[tuple[str, Declared | Section]]:
        """The map's own keys in order: fields, and each section where its first field stands."""
        out: list[tuple[str, Declared | Section]] = []
        seen: set[str] = set()
        by_name = {s.name: s for s in self.sections}
        for d in self.written:
            if d.spec.section:
                if d.spec.section not in seen:
                    seen.add(d.spec.section)
                    out.append((d.spec.section, by_name[d.spec.section]))
            else:
                out.append((d.yaml_name, d))
        return out

    def in_section(self, section: str) -> list[Declared]:
        return [d for d in self.written if d.spec.section == section]

    # building

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Any:
        if not isinstance(node, Mapping):
            if self.short_field and isinstance(node, Scalar):
                return self._short(node, ctx, what, scope)
            return ctx.error(node.loc, f"{what or 'the file'} must be a map of fields, found {_shown(node)}",
                             "write one 'field: value' per line, indented under it", check="bad-type")
        locs: dict[str, Loc] = {}
        maps: dict[str, Mapping] = {"": node}
        section_keys: dict[str, Loc] = {}
        self._check_keys(node, "", what, ctx, locs)
        for section in self.sections:
            key = node.key_node(section.name)
            child = node.get(section.name)
            if key is None or child is None:
                if section.required:
                    self._missing(node, scope, ctx, what, section.name, "a map of fields", section.doc)
                continue
            if isinstance(child, Scalar) and child.value is None:
                child = Mapping((), child.loc)
            if not isinstance(child, Mapping):
                ctx.error(child.loc, f"{_join(what, section.name)} must be a map of fields, found {_shown(child)}",
                          "write one 'field: value' per line, indented under it", check="bad-type")
                continue
            maps[section.name] = child
            section_keys[section.name] = key.loc
            self._check_keys(child, section.name, _join(what, section.name), ctx, locs)
        values = self._values(maps, ctx, what, scope, locs, section_keys=section_keys)
        at = scope.key_loc or (maps[self.sections[0].name].loc if self.sections and self.sections[0].name in maps
                               else node.loc)
        return self.cls(**values, locs=Locs(at, tuple(sorted(locs.items()))))

    def _short(self, node: Scalar, ctx: Ctx, what: str, scope: Scope) -> Any:
        decl = next(d for d in self.written if d.attr == self.short_field)
        assert decl.spec.spec is not None
        value = decl.spec.spec.check(node, ctx, what, scope)
        if value is MISSING:
            return MISSING
        values = self._values({"": Mapping((), node.loc)}, ctx, what, scope, {}, given={decl.attr: value})
        at = scope.key_loc or node.loc
        return self.cls(**values, locs=Locs(at, ((decl.yaml_name, node.loc),)))

    def _check_keys(self, node: Mapping, section: str, what: str, ctx: Ctx, locs: dict[str, Loc]) -> None:
        known: dict[str, Any] = ({name: d for name, d in self.top_level()} if not section
                                 else {d.yaml_name: d for d in self.in_section(section)})
        hints: TMapping[str, str] = getattr(self.cls, "__hints__", {})
        is_open = getattr(self.cls, "__open__", False)
        for key_node, child in node.items:
            name = key_node.value
            if isinstance(name, str) and name in known:
                locs[name] = child.loc
                continue
            if is_open:
                continue
            where = what or "the file"
            hint = (hints.get(str(name)) or did_you_mean(str(name), known)
                    or "known fields: " + ", ".join(sorted(known)))
            ctx.error(key_node.loc, f"unknown field '{name}' in {where}", hint, check="unknown-field")

    def _values(self, maps: dict[str, Mapping], ctx: Ctx, what: str, scope: Scope, locs: dict[str, Loc],
                given: Optional[dict[str, Any]] = None,
                section_keys: Optional[dict[str, Loc]] = None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for d in self.declared:
            role = d.spec.role
            if d.attr in scope.inject:
                values[d.attr] = scope.inject[d.attr]
            elif role == "key":
                values[d.attr] = scope.key
            elif role == "parent_key":
                values[d.attr] = scope.parent_key if scope.parent_key is not None else d.spec.default
            elif role == "context":
                values[d.attr] = scope.context.get(d.attr, d.spec.default)
            elif given and d.attr in given:
                values[d.attr] = given[d.attr]
            else:
                values[d.attr] = self._value(d, maps, ctx, what, scope, values, section_keys or {})
        return values

    def _value(self, d: Declared, maps: dict[str, Mapping], ctx: Ctx, what: str, scope: Scope,
               values: dict[str, Any], section_keys: dict[str, Loc]) -> Any:
        spec = d.spec
        assert spec.spec is not None
        owner = maps.get(spec.section)
        node = owner.get(d.yaml_name) if owner is not None else None
        path = _join(_join(what, spec.section), d.yaml_name)
        if node is not None:
            key_node = owner.key_node(d.yaml_name) if owner is not None else None
            inner = Scope(field_loc=key_node.loc if key_node is not None else None, parent_key=scope.key,
                          parent=values)
            value = spec.spec.check(node, ctx, path, inner)
            return value if value is not MISSING else self._default(spec, values, scope, fallback=True)
        if spec.required and owner is not None:
            where = scope if not spec.section else Scope(field_loc=section_keys.get(spec.section))
            self._missing(owner, where, ctx, _join(what, spec.section), d.yaml_name, spec.spec.describe(),
                          spec.doc)
        return self._default(spec, values, scope, fallback=spec.required)

    @staticmethod
    def _default(spec: FieldSpec, values: TMapping[str, Any], scope: Scope, *, fallback: bool) -> Any:
        assert spec.spec is not None
        if not fallback or not spec.required:
            if spec.default_fn is not None:
                return spec.default_fn(values, scope.parent)
            if spec.default is not MISSING:
                return spec.default
        if isinstance(spec.spec, Record):
            return spec.spec.empty(Scope(parent=values))
        return spec.spec.fallback()

    def _missing(self, node: Mapping, scope: Scope, ctx: Ctx, what: str, name: str, kind: str, doc: str) -> None:
        where = what or "the file"
        loc = scope.key_loc or scope.field_loc or node.loc
        detail = f"; {doc[:1].lower()}{doc[1:].rstrip('.')}" if doc else ""
        ctx.error(loc, f"{where} is missing the required field '{name}'", f"add '{name}:', {kind}{detail}",
                  check="missing-field")

    def empty(self, scope: Scope = ROOT) -> Any:
        """The record built from nothing: every field at its default or neutral value."""
        values = self._values({}, Ctx(), "", scope, {})
        return self.cls(**values, locs=NO_LOCS)

    def fallback(self) -> Any:
        return self.empty()

    # schema and docs

    def _object_schema(self, items: list[tuple[str, Declared | Section]], ids: Ids,
                       title: str = "") -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for name, item in items:
            if isinstance(item, Section):
                properties[name] = self._object_schema([(d.yaml_name, d) for d in self.in_section(item.name)], ids)
                if item.doc:
                    properties[name]["description"] = item.doc
                if item.required:
                    required.append(name)
                continue
            assert item.spec.spec is not None
            schema = item.spec.spec.schema(ids)
            if item.spec.doc:
                schema["description"] = item.spec.doc
            properties[name] = schema
            if item.spec.required:
                required.append(name)
        out: dict[str, Any] = {"type": "object", "properties": properties,
                               "additionalProperties": bool(getattr(self.cls, "__open__", False))}
        if required:
            out["required"] = required
        if title:
            out["title"] = title
        return out

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out = self._object_schema(self.top_level(), ids, getattr(self.cls, "__title__", ""))
        if self.doc:
            out["description"] = self.doc
        if self.short_field:
            short = next(d for d in self.written if d.attr == self.short_field)
            assert short.spec.spec is not None
            return {"oneOf": [short.spec.spec.schema(ids), out]}
        return out

    def describe(self) -> str:
        if self.short_field:
            short = next(d for d in self.written if d.attr == self.short_field)
            assert short.spec.spec is not None
            return f"{short.spec.spec.describe()} or a map of fields"
        return "a map of fields"


def _join(what: str, name: str) -> str:
    if not name:
        return what
    return f"{what}.{name}" if what else name


def check_file(node: Node | None, record: Record, file: str, ctx: Ctx, context: TMapping[str, Any]) -> Any:
    """Check and build a file's root; an empty file is reported, not crashed on (the result is then MISSING)."""
    if node is None or (isinstance(node, Scalar) and node.value is None):
        return ctx.error(Loc(file, 1, 1), "the file is empty", check="missing-field")
    return record.check(node, ctx, "", Scope(context=context))


def to_json_schema(spec: Spec, schema_id: str, title: str, ids: Ids = NO_IDS) -> dict[str, Any]:
    """The JSON Schema of *spec*; with *ids* (kind -> a project's ids) the fields that refer to those
    kinds list them, so that an editor completes them."""
    out: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": schema_id, "title": title}
    out.update(spec.schema(ids))
    return out


# --- the field reference ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One line of the field reference: a dotted path, its type, required or not, its meaning."""

    path: str
    kind: str
    required: bool
    doc: str


def walk(spec: Spec, path: str = "", *, required: bool = False, doc: str = "") -> Iterator[FieldRow]:
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

