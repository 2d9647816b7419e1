"""Read one YAML file into a small tree of located nodes.

We build the tree ourselves from ruamel.yaml's event stream instead of letting
it construct Python objects, so that no tag can run code, every key and value
keeps its line and column, and hostile input (deep nesting, alias bombs,
duplicate keys, huge files) is refused with a location before it costs memory
or recursion. Scalars are resolved with the YAML 1.2 core schema; dates and
periods stay strings for the validator to check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.reader import ReaderError

try:
    from ruamel.yaml import cyaml
    _CParser: Any = getattr(cyaml, "CParser", None)  # libyaml's parser (ruamel.yaml.clib), re-exported there
except ImportError:  # pragma: no cover - clib missing: the pure parser
    _CParser = None

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# Aliases may re-use earlier nodes; the tree they stand for may not grow past this many nodes,
# nor past this many times the file's characters (at least MIN_EXPANDED_CHARS): one 4 MB title
# aliased 200 times is few nodes but 800 MB of text for every command that prints or writes it.
MAX_EXPANDED_NODES = 200_000
EXPANSION_FACTOR = 10
MIN_EXPANDED_CHARS = 1_000_000
MAX_NUMBER_DIGITS = 40

Value = str | int | float | bool | None

#: What the YAML parser (libyaml, through ruamel.yaml's C parser) counts as a line break:
#: CRLF, LF, CR, and NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, even inside comments.
#: Every line number this tool shows, and every in-place edit, counts lines the same way.
LINE_BREAK_RE = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def line_starts(text: str) -> list[int]:
    """The index in *text* at which each line starts (line 1 at index 0), as the parser counts lines."""
    return [0] + [match.end() for match in LINE_BREAK_RE.finditer(text)]


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at *index*, columns counted in characters."""
    starts = line_starts(text[:index])
    return len(starts), index - starts[-1] + 1


def split_lines(text: str) -> list[str]:
    """The lines of *text* without their breaks, split where the parser breaks them."""
    return LINE_BREAK_RE.split(text)


@dataclass(frozen=True)
class Tagged:
    """A value written with an explicit YAML tag (``!!python/name:x``, ``!ENV``), kept only
    when the caller asked for tags (a trusted project's mkdocs.yml, passed on to MkDocs)."""

    tag: str
    value: object


@dataclass(frozen=True, eq=False)
class Scalar:
    value: Value
    loc: Loc
    quoted: bool = False
    weight: int = 1
    end: tuple[int, int] = (0, 0)  # 1-based line and column just after the value, for in-place edits
    #: True when the value carries an anchor (``&a``), so aliases elsewhere share it: an in-place
    #: edit of it would change those too (a value reached through an alias is that same node).
    anchored: bool = False
    #: The value's style: "" plain, "'" or '"' quoted, "|" or ">" block.
    style: str = ""
    tag: str | None = None  # an explicit non-core tag, kept only with ``keep_tags``

    @property
    def kind(self) -> str:
        return "scalar"

    @property
    def loc_pos(self) -> tuple[int, int]:
        return (self.loc.line, self.loc.col)


@dataclass(frozen=True, eq=False)
class Sequence:
    items: tuple[Node, ...]
    loc: Loc
    weight: int = 1
    anchored: bool = False
    tag: str | None = None

    @property
    def kind(self) -> str:
        return "list"


@dataclass(frozen=True, eq=False)
class Mapping:
    items: tuple[tuple[Scalar, Node], ...]
    loc: Loc
    weight: int = 1
    _index: dict = field(default_factory=dict, repr=False, compare=False)
    anchored: bool = False
    tag: str | None = None

    def __post_init__(self) -> None:
        for key, value in self.items:
            self._index.setdefault(key.value, (key, value))

    @property
    def kind(self) -> str:
        return "map"

    def get(self, key: Value) -> Node | None:
        found = self._index.get(key)
        return found[1] if found else None

    def key_node(self, key: Value) -> Scalar | None:
        found = self._index.get(key)
        return found[0] if found else None


Node = Scalar | Sequence | Mapping

#: Every field of a :class:`Scalar` at its default, for :func:`_scalar`.
_SCALAR_DEFAULTS = {f.name: f.default for f in fields(Scalar)}


def _loc(file: str, mark: Any) -> Loc:
    """``Loc(file, line, column)`` of a parser's *mark* (0-based), made as :func:`_scalar` makes a scalar."""
    loc = object.__new__(Loc)
    fields = loc.__dict__
    fields["file"], fields["line"], fields["col"] = file, mark.line + 1, mark.column + 1
    return loc


def _scalar(value: Value, loc: Loc, end: tuple[int, int]) -> Scalar:
    """``Scalar(value, loc, end=end)``, made without the frozen dataclass's ``__init__`` (a call of
    ``object.__setattr__`` per field): a file of a thousand teams has a hundred thousand of them."""
    node = object.__new__(Scalar)
    node.__dict__.update(_SCALAR_DEFAULTS, value=value, loc=loc, end=end)
    return node


@dataclass(frozen=True)
class LoadResult:
    root: Node | None
    diagnostics: tuple[Diagnostic, ...]
    #: Every document's root, in order, when the caller allowed more than one (the last is ``root``).
    documents: tuple[Node | None, ...] = ()


class _Stop(Exception):
    """Raised inside the builder to abandon a file after a fatal problem."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {"!", _CORE + "str", _CORE + "int", _CORE + "float", _CORE + "bool",
                 _CORE + "null", _CORE + "map", _CORE + "seq"}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
#: What any of the patterns above matches (their union): most plain scalars (keys, text) match none,
#: which one match then tells.
_SPECIAL = re.compile("|".join(p.pattern[1:-1] for p in (_NULL, _INT10, _INT8, _INT16, _FLOAT, _INF, _NAN))
                      + "|" + "|".join(_BOOL))


def load_text(text_or_bytes: bytes | str, file: str, *, keep_tags: bool = False, max_documents: int = 1) -> LoadResult:
    """Parse one YAML document (up to *max_documents*, each in ``documents``: a file a public model
    ships in two). Never raises for bad input: problems come back as diagnostics.

    Explicit tags other than the core schema's are refused, unless *keep_tags*: then the
    node keeps its tag (``to_python`` gives a :class:`Tagged`) for a trusted consumer.
    """
    if isinstance(text_or_bytes, bytes):
        if len(text_or_bytes) > MAX_BYTES:
            return _fail(error(Loc(file, 1, 1), "file-too-large",
                               f"file is {len(text_or_bytes):,} bytes; the limit is {MAX_BYTES:,}",
                               "split the content over several files"))
        try:
            text = text_or_bytes.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if text_or_bytes[:2] in (b"\xff\xfe", b"\xfe\xff"):
                return _fail(error(Loc(file, 1, 1), "not-utf8", "the file is UTF-16", "save the file as UTF-8"))
            line, col = _position(text_or_bytes[: exc.start])
            return _fail(error(Loc(file, line, col), "not-utf8",
                               f"byte 0x{text_or_bytes[exc.start]:02x} is not valid UTF-8",
                               "save the file as UTF-8"))
    else:
        text = text_or_bytes
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            return _fail(error(Loc(file, 1, 1), "file-too-large", f"file is larger than {MAX_BYTES:,} bytes"))
    try:
        limit = max(EXPANSION_FACTOR * len(text), MIN_EXPANDED_CHARS)
        builder = _Builder(file, keep_tags=keep_tags, max_chars=limit, max_documents=max_documents)
        root = builder.build(parse_events(text))
    except _Stop as stop:
        return _fail(stop.diagnostic)
    except ReaderError as exc:
        # A character YAML does not allow (NUL, other control characters): point at it.
        character = exc.character if isinstance(exc.character, int) else 0
        line, col = position(text, _reader_index(text, exc.position, character))
        return _fail(error(Loc(file, line, col), "yaml-syntax",
                           f"character U+{character:04X} is not allowed in YAML",
                           "remove the control character; the file may not be a text file"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part) or "invalid YAML"
        lines = split_lines(text)
        hint = ""
        if line <= len(lines) and "\t" in lines[line - 1][: col]:
            message += ": a tab character"
            hint = "indent with spaces; YAML does not allow tabs for indentation"
        elif "expected key" in message or "mapping values are not allowed" in message:
            hint = ("check the indentation: the keys of one map start in the same column; "
                    "text holding ': ' needs quotes")
        return _fail(error(Loc(file, line, col), "yaml-syntax", message, hint))
    except (YAMLError, RecursionError, MemoryError, ValueError) as exc:  # pragma: no cover - defensive
        return _fail(error(Loc(file, 1, 1), "yaml-syntax", f"cannot read YAML: {exc}"))
    return LoadResult(root, (), tuple(builder.documents))


def parse_events(text: str) -> Iterator[Any]:
    """The YAML events of *text*: from libyaml's parser itself when ruamel.yaml.clib is installed (what
    ``_parser().parse`` runs too, without making a loader class and looking for plug-ins per file, a
    tenth of a millisecond each), else from the pure one."""
    if _CParser is None:  # pragma: no cover - clib missing
        yield from _parser().parse(text)
        return
    parser = _CParser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _parser() -> YAML:
    """libyaml's event parser when ruamel.yaml.clib is installed (about 15x faster), else the pure one."""
    try:
        yaml = YAML(typ="safe", pure=False)
        if "CParser" in yaml.Parser.__name__:
            return yaml
    except ImportError:  # pragma: no cover - clib missing
        pass
    return YAML(typ="safe", pure=True)


def _fail(diagnostic: Diagnostic) -> LoadResult:
    return LoadResult(None, (diagnostic,))


def _reader_index(text: str, where: object, character: int) -> int:
    """The character index of a reader error: libyaml gives a UTF-8 byte offset, the pure reader
    a character index; the offending character tells which."""
    if not isinstance(where, int) or where < 0:
        return 0
    as_chars = len(text.encode("utf-8")[:where].decode("utf-8", "ignore"))
    if as_chars < len(text) and ord(text[as_chars]) == character:
        return as_chars
    return min(where, len(text))


def _position(prefix: bytes) -> tuple[int, int]:
    """(line, column) just after *prefix*, the valid UTF-8 before a bad byte."""
    text = prefix.decode("utf-8", "replace")
    return position(text, len(text))


def _tag_name(tag: object) -> str | None:
    if tag is None:
        return None
    value = getattr(tag, "value", tag)
    return None if value is None else str(value)


class _Builder:
    """Turns events into nodes with an explicit stack: no recursion, bounded work."""

    def __init__(self, file: str, *, keep_tags: bool = False, max_chars: int = MIN_EXPANDED_CHARS,
                 max_documents: int = 1):
        self.file = file
        self.max_documents = max_documents
        self.documents: list[Node | None] = []
        self.keep_tags = keep_tags
        self.anchors: dict[str, Node] = {}
        self.expanded = 0
        #: The characters of text each anchored node stands for (its scalars, keys included).
        self.sizes: dict[str, int] = {}
        self.max_chars = max_chars
        self.chars = 0  # the characters of text the whole tree stands for, aliases expanded

    def loc(self, event: object) -> Loc:
        mark = event.start_mark  # type: ignore[attr-defined]
        return Loc(self.file, mark.line + 1, mark.column + 1)

    def build(self, events: Iterator[Any]) -> Node | None:
        # Each open collection: [kind, loc, children, anchor, pending key]
        stack: list[list] = []
        root: Node | None = None
        documents = 0
        file = self.file
        for event in events:
            kind = type(event)
            if kind is ScalarEvent and event.tag is None and not event.style and not event.anchor:
                # The common case, told at once and built inline: a plain scalar without tag or anchor
                # (what the general path below makes of it, without its checks that cannot apply).
                raw = event.value
                loc = _loc(file, event.start_mark)
                if raw == "" and stack and stack[-1][0] == "map" and len(stack[-1][2]) % 2 == 1 \
                        and isinstance(stack[-1][2][-1], Scalar):
                    key = stack[-1][2][-1]  # an empty block value: at its key (see below)
                    node: Node = _scalar(None, key.loc, key.loc_pos)
                else:
                    mark = event.end_mark
                    node = _scalar(_resolve_plain(raw, loc), loc, (mark.line + 1, mark.column + 1))
                self.chars += len(raw)
                if stack:
                    stack[-1][2].append(node)
                else:
                    root = node
                continue
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag is not None:
                    self.check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(error(self.loc(event), "yaml-too-deep",
                                      f"nesting deeper than {MAX_DEPTH} levels"))
                stack.append(["map" if kind is MappingStartEvent else "seq", _loc(file, event.start_mark), [], event.anchor,
                              self.kept_tag(event) if event.tag is not None else None, self.chars])
                continue
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                collection, loc, children, anchor, tag, chars_before = stack.pop()
                node = self.close(collection, loc, children, anchored=bool(anchor), tag=tag)
                if anchor:
                    self.remember(anchor, node, self.chars - chars_before)
                root = self.add(stack, node, root)
                continue
            if isinstance(event, (StreamStartEvent, StreamEndEvent)):
                continue
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > self.max_documents:
                    message = ("a file holds one YAML document; found a second '---'" if self.max_documents == 1
                               else f"this file holds at most {self.max_documents} YAML documents; found another '---'")
                    raise _Stop(error(self.loc(event), "yaml-syntax", message))
                if documents > 1:
                    self.documents.append(root)
                    root = None
                continue
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                self.check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(error(self.loc(event), "yaml-too-deep",
                                      f"nesting deeper than {MAX_DEPTH} levels"))
                kind_name = "map" if isinstance(event, MappingStartEvent) else "seq"
                stack.append([kind_name, self.loc(event), [], event.anchor,
                              self.kept_tag(event), self.chars])
                continue
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                collection, loc, children, anchor, tag, chars_before = stack.pop()
                node = self.close(collection, loc, children, anchored=bool(anchor), tag=tag)
                self.remember(anchor, node, self.chars - chars_before)
                root = self.add(stack, node, root)
                continue
            if isinstance(event, ScalarEvent):
                node = self.scalar(event)
                if (event.value == "" and not event.style and _tag_name(event.tag) is None and stack
                        and stack[-1][0] == "map" and len(stack[-1][2]) % 2 == 1
                        and isinstance(stack[-1][2][-1], Scalar)):
                    # ruamel marks an empty block value ("phases:" then a newline) at the next
                    # token, often the next line or past the end: put it at its key instead.
                    key = stack[-1][2][-1]
                    node = Scalar(None, key.loc, end=key.loc_pos)
                if event.anchor:
                    node = Scalar(node.value, node.loc, node.quoted, node.weight, node.end, True, node.style,
                                  node.tag)
                self.chars += len(event.value)
                self.remember(event.anchor, node, len(event.value))
                root = self.add(stack, node, root)
                continue
            if isinstance(event, AliasEvent):
                target = self.anchors.get(event.anchor)
                if target is None:
                    raise _Stop(error(self.loc(event), "yaml-syntax", f"unknown alias '*{event.anchor}'"))
                self.expanded += target.weight
                if self.expanded > MAX_EXPANDED_NODES:
                    raise _Stop(error(self.loc(event), "yaml-alias-bomb",
                                      f"aliases expand to more than {MAX_EXPANDED_NODES:,} nodes",
                                      "write the values out instead of repeating aliases"))
                self.chars += self.sizes.get(event.anchor, 0)
                if self.chars > self.max_chars:
                    raise _Stop(error(self.loc(event), "yaml-alias-bomb",
                                      f"aliases make the file stand for more than {self.max_chars:,} characters of "
                                      f"text ({EXPANSION_FACTOR} times its size)",
                                      "write the values out instead of repeating aliases"))
                root = self.add(stack, target, root)
                continue
        self.documents.append(root)
        return root

    def remember(self, anchor: str | None, node: Node, chars: int = 0) -> None:
        if anchor:
            self.anchors[anchor] = node
            self.sizes[anchor] = chars

    def kept_tag(self, event: object) -> str | None:
        """The event's explicit non-core tag when tags are kept, else None (and refused when not kept)."""
        tag = _tag_name(getattr(event, "tag", None))
        if self.keep_tags and tag is not None and tag not in _ALLOWED_TAGS:
            return tag
        self.check_tag(event)
        return None

    def check_tag(self, event: object) -> None:
        tag = _tag_name(getattr(event, "tag", None))
        if tag is not None and tag not in _ALLOWED_TAGS:
            shown = tag.replace(_CORE, "!!")
            raise _Stop(error(self.loc(event), "yaml-tag", f"explicit tag '{shown}' is not allowed",
                              "remove the tag: values are plain text, numbers, lists and maps"))

    def scalar(self, event: ScalarEvent) -> Scalar:
        loc = self.loc(event)
        raw = event.value
        end = (event.end_mark.line + 1, event.end_mark.column + 1)
        style = str(event.style or "")
        kept = self.kept_tag(event)
        if kept is not None:
            return Scalar(raw, loc, quoted=True, end=end, style=style, tag=kept)
        tag = _tag_name(event.tag)
        if tag is None and not event.style:
            return Scalar(_resolve_plain(raw, loc), loc, end=end)
        if tag is None or tag in ("!", _CORE + "str"):
            return Scalar(raw, loc, quoted=True, end=end, style=style)
        value = _resolve_plain(raw, loc)
        kinds: dict[str, type | tuple[type, ...]] = {
            _CORE + "int": int, _CORE + "float": (int, float), _CORE + "bool": bool, _CORE + "null": type(None),
        }
        wanted = kinds.get(tag)
        if wanted is None or not isinstance(value, wanted) or (
                tag != _CORE + "bool" and isinstance(value, bool)):
            raise _Stop(error(loc, "yaml-tag", f"'{raw}' is not a valid {tag.rsplit(':', 1)[-1]}"))
        return Scalar(value, loc, end=end, style=style)

    def close(self, kind: str, loc: Loc, children: list, *, anchored: bool = False, tag: str | None = None) -> Node:
        weight = 1 + sum(child.weight for child in children)
        if kind == "seq":
            return Sequence(tuple(children), loc, weight, anchored, tag)
        if len(children) % 2:
            children.append(Scalar(None, loc))
        pairs: list[tuple[Scalar, Node]] = []
        seen: dict[object, Scalar] = {}
        index: dict[Value, tuple[Scalar, Node]] = {}
        for key, value in zip(children[::2], children[1::2]):
            if not isinstance(key, Scalar):
                raise _Stop(error(key.loc, "yaml-complex-key", "a key must be a plain value, not a list or map"))
            # 1 and 1.0 are the same key; true and 1 are not.
            marker = (type(key.value) is bool, key.value)
            if marker in seen:
                first = seen[marker]
                raise _Stop(error(key.loc, "duplicate-key", f"key '{key.value}' is defined twice",
                                  f"first defined at line {first.loc.line}"))
            seen[marker] = key
            pair = (key, value)
            pairs.append(pair)
            index.setdefault(key.value, pair)
        # Made as Mapping(...) makes it, its index built in the same pass (no __post_init__ walk again).
        node = object.__new__(Mapping)
        node.__dict__.update(items=tuple(pairs), loc=loc, weight=weight, _index=index, anchored=anchored, tag=tag)
        return node

    @staticmethod
    def add(stack: list[list], node: Node, root: Node | None) -> Node | None:
        if stack:
            stack[-1][2].append(node)
            return root
        return node


def _resolve_plain(raw: str, loc: Loc) -> Value:
    if not _SPECIAL.fullmatch(raw):
        return raw
    if _NULL.fullmatch(raw):
        return None
    if raw in _BOOL:
        return _BOOL[raw]
    digits = raw.lstrip("+-")
    if _INT10.fullmatch(raw) or _INT8.fullmatch(raw) or _INT16.fullmatch(raw) or _FLOAT.fullmatch(raw):
        if len(digits) > MAX_NUMBER_DIGITS:
            raise _Stop(error(loc, "number-too-long", f"number '{raw[:20]}...' has too many digits"))
        if _INT10.fullmatch(raw):
            return int(raw)
        if _INT8.fullmatch(raw):
            return int(raw[2:], 8)
        if _INT16.fullmatch(raw):
            return int(raw[2:], 16)
        return float(raw)
    if _INF.fullmatch(raw):
        return -math.inf if raw.startswith("-") else math.inf
    if _NAN.fullmatch(raw):
        return math.nan
    return raw


def to_python(node: Node | None) -> object:
    """Plain Python values of a checked tree (for settings files that have no spec of ours)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return Tagged(node.tag, node.value) if node.tag else node.value
    if isinstance(node, Sequence):
        items = [to_python(child) for child in node.items]
        return Tagged(node.tag, items) if node.tag else items
    mapping = {key.value: to_python(value) for key, value in node.items}
    return Tagged(node.tag, mapping) if node.tag else mapping
