"""Records: the spec of a map of named fields, derived from a model class's field declarations."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Mapping as TMapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

from roadmap_gen.core.diagnostics import Loc, did_you_mean
from roadmap_gen.spec.base import MISSING, NO_IDS, NO_LOCS, ROOT, Ctx, Ids, Locs, Scope, Spec, shown
from roadmap_gen.spec.yamlread import Mapping, Node, Scalar

#: Where a field's declaration is kept in the dataclass field's metadata.
SPEC_KEY = "roadmap_gen.spec"
#: The model class a record builds.
R = TypeVar("R")
#: A default computed from the record's own values built so far and its parent's.
DefaultFn = Callable[[TMapping[str, Any], TMapping[str, Any]], Any]


@dataclass(frozen=True)
class FieldSpec:
    """A model field's declaration: its spec, whether it is required, its default, its meaning."""

    spec: Spec[Any] | None  # None for fields the loader supplies (key, parent key, context)
    doc: str = ""
    required: bool = False
    default: Any = MISSING
    default_fn: DefaultFn | None = None
    name: str = ""  # the YAML name, when it differs from the attribute (``from``)
    section: str = ""  # the YAML map the field is written in, when flattened into the record
    role: str = "field"  # "field" | "key" | "parent_key" | "context"


@dataclass(frozen=True)
class Declared:
    """One declared field of a record class, with its attribute name."""

    attr: str
    spec: FieldSpec

    @cached_property
    def yaml_name(self) -> str:
        return self.spec.name or self.attr


@dataclass(frozen=True)
class Section:
    """A YAML map whose fields are flattened into the record (``organisation:`` of the organisation file)."""

    name: str
    doc: str = ""
    required: bool = False


class Record(Spec[R], Generic[R]):
    """A map of named fields, built into an instance of the model class ``cls``.

    ``cls`` is a frozen dataclass whose fields are declared with :func:`field` and friends. Class
    attributes refine it: ``__sections__`` (the :class:`Section` maps flattened into it, the first
    being where the entity itself is located), ``__hints__`` (unknown field name -> where that
    thing really lives), ``__title__`` and ``__doc_line__`` (for the schema and the docs), and
    ``__open__`` (other keys are allowed and left unread: a file the tool wrote, whose other keys
    are for other readers).
    """

    def __init__(self, cls: type[R], doc: str = "", short_field: str = ""):
        self.cls: type[Any] = cls  # a frozen dataclass built with its fields and locs
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
    def _make(self) -> Callable[[dict[str, Any], Locs], Any]:
        """``_make(values, locs)`` is ``cls(**values, locs=locs)``: made without the frozen dataclass's
        ``__init__`` (a call of ``object.__setattr__`` per field, a tenth of the time of checking a team
        file) when that ``__init__`` would do nothing else: the class's fields are the declared ones, in
        order, then ``locs``, every one taken by ``__init__``, and it has no ``__post_init__`` and no slots.
        Otherwise (a class this does not know to be plain) the class makes it."""
        cls = self.cls
        fields = dataclasses.fields(cls)
        plain = (tuple(f.name for f in fields) == tuple(d.attr for d in self.declared) + ("locs",)
                 and all(f.init for f in fields) and not hasattr(cls, "__post_init__")
                 and not any("__slots__" in vars(k) for k in cls.__mro__))
        if not plain:
            return lambda values, locs: cls(**values, locs=locs)
        new = object.__new__

        def make(values: dict[str, Any], locs: Locs) -> Any:
            made = new(cls)
            state = made.__dict__
            state.update(values)
            state["locs"] = locs
            return made

        return make

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return tuple(getattr(self.cls, "__sections__", ()))

    @cached_property
    def written(self) -> tuple[Declared, ...]:
        """The fields written in YAML, in declaration order."""
        return tuple(d for d in self.declared if d.spec.role == "field")

    def top_level(self) -> list[tuple[str, Declared | Section]]:
        """The map's own keys in order: fields, and each section where its first field stands."""
        return list(self._top_level)

    @cached_property
    def top_level_names(self) -> frozenset[str]:
        """The names of :meth:`top_level`."""
        return frozenset(name for name, _ in self._top_level)

    @cached_property
    def _known(self) -> dict[str, dict[str, Any]]:
        """Per section ("" for the map itself): the keys written there, by name (worked out once: a
        record is checked thousands of times)."""
        known: dict[str, dict[str, Any]] = {"": dict(self._top_level)}
        for section in self.sections:
            known[section.name] = {d.yaml_name: d for d in self.in_section(section.name)}
        return known

    @cached_property
    def _top_level(self) -> tuple[tuple[str, Declared | Section], ...]:
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
        return tuple(out)

    def in_section(self, section: str) -> list[Declared]:
        return [d for d in self.written if d.spec.section == section]

    # building

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> R:
        if not isinstance(node, Mapping):
            if self.short_field and isinstance(node, Scalar):
                return self._short(node, ctx, what, scope)
            return ctx.error(node.loc, f"{what or 'the file'} must be a map of fields, found {shown(node)}",
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
                ctx.error(child.loc, f"{_join(what, section.name)} must be a map of fields, found {shown(child)}",
                          "write one 'field: value' per line, indented under it", check="bad-type")
                continue
            maps[section.name] = child
            section_keys[section.name] = key.loc
            self._check_keys(child, section.name, _join(what, section.name), ctx, locs)
        values = self._values(maps, ctx, what, scope, locs, section_keys=section_keys)
        at = scope.key_loc or (maps[self.sections[0].name].loc if self.sections and self.sections[0].name in maps
                               else node.loc)
        return self._make(values, Locs(at, tuple(sorted(locs.items()))))

    def _short(self, node: Scalar, ctx: Ctx, what: str, scope: Scope) -> R:
        decl = next(d for d in self.written if d.attr == self.short_field)
        assert decl.spec.spec is not None
        value = decl.spec.spec.check(node, ctx, what, scope)
        if value is MISSING:
            return MISSING
        values = self._values({"": Mapping((), node.loc)}, ctx, what, scope, {}, given={decl.attr: value})
        at = scope.key_loc or node.loc
        return self._make(values, Locs(at, ((decl.yaml_name, node.loc),)))

    def _check_keys(self, node: Mapping, section: str, what: str, ctx: Ctx, locs: dict[str, Loc]) -> None:
        known = self._known[section]
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
                given: dict[str, Any] | None = None,
                section_keys: dict[str, Loc] | None = None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        inject = scope.inject
        for d in self.declared:
            attr = d.attr
            spec = d.spec
            role = spec.role
            if attr in inject:
                values[attr] = inject[attr]
            elif role == "key":
                values[attr] = scope.key
            elif role == "parent_key":
                values[attr] = scope.parent_key if scope.parent_key is not None else spec.default
            elif role == "context":
                values[attr] = scope.context.get(attr, spec.default)
            elif given and attr in given:
                values[attr] = given[attr]
            else:
                owner = maps.get(spec.section)
                found = owner._index.get(d.yaml_name) if owner is not None else None
                if found is not None:  # written: checked
                    key_node, node = found
                    assert spec.spec is not None
                    value = spec.spec.check(node, ctx, _join(_join(what, spec.section), d.yaml_name),
                                            Scope(field_loc=key_node.loc, parent_key=scope.key, parent=values))
                    values[attr] = (value if value is not MISSING
                                    else self._default(spec, values, scope, fallback=True))
                elif not spec.required and spec.default is not MISSING and spec.default_fn is None:
                    values[attr] = spec.default  # what _not_written gives, at once
                else:
                    values[attr] = self._not_written(d, owner, ctx, what, scope, values, section_keys or {})
        return values

    def _not_written(self, d: Declared, owner: Mapping | None, ctx: Ctx, what: str, scope: Scope,
                     values: dict[str, Any], section_keys: dict[str, Loc]) -> Any:
        """The value of a field not written in *owner* (its map; None when that map is not there): its
        default, after a located error when it is required."""
        spec = d.spec
        assert spec.spec is not None
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

    def empty(self, scope: Scope = ROOT) -> R:
        """The record built from nothing: every field at its default or neutral value."""
        values = self._values({}, Ctx(), "", scope, {})
        return self._make(values, NO_LOCS)

    def fallback(self) -> R:
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


def check_file(node: Node | None, record: Record[R], file: str, ctx: Ctx, context: TMapping[str, Any]) -> R:
    """Check and build a file's root; an empty file is reported, not crashed on (the result is then MISSING)."""
    if node is None or (isinstance(node, Scalar) and node.value is None):
        return ctx.error(Loc(file, 1, 1), "the file is empty", check="missing-field")
    return record.check(node, ctx, "", Scope(context=context))


def to_json_schema(spec: Spec[Any], schema_id: str, title: str, ids: Ids = NO_IDS) -> dict[str, Any]:
    """The JSON Schema of *spec*; with *ids* (kind -> a project's ids) the fields that refer to those
    kinds list them, so that an editor completes them."""
    out: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": schema_id, "title": title}
    out.update(spec.schema(ids))
    return out
