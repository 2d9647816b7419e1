"""What every importer of a public maturity model shares: the catalogue it builds, ids, reading the
model's YAML with positions, turning its dependencies into ``requires``, and writing the file.

An importer (one module per model) reads the model into an :class:`Imported` catalogue; this module
writes that as a catalogue file, sorted and stable, so the same model gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from collections.abc import Sequence as TSequence
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_gen.core.diagnostics import Diagnostic, InputError, Loc, error
from roadmap_gen.core.safe_write import LinkRefused, read_regular
from roadmap_gen.spec.yamlread import MAX_BYTES, Mapping, Node, Scalar, Sequence, load_text

CHECK = "import-model"
#: The most files one folder of a model may hold (SAMM v2.2 has 90 activities).
MAX_FILES = 2000
#: The longest id the format allows (``SLUG_RE``).
MAX_ID = 64
#: Effort points an action gets when the model says nothing of its size: the user is told to review it.
DEFAULT_EFFORT = 2
#: The generic roles imported actions are owned by; each importer maps its dimensions onto them.
ROLES: tuple[tuple[str, str, str], ...] = (
    ("security-lead", "Security lead", "Leads the programme's security governance, policy and training."),
    ("architect", "Architect", "Owns design, threat modelling and security requirements."),
    ("engineering-lead", "Engineering lead", "Owns how software is built, hardened and deployed."),
    ("test-lead", "Test lead", "Owns verification and security testing."),
    ("operations-lead", "Operations lead", "Owns running services: monitoring, incidents, patching."),
)
LEVEL_ZERO = "Not started"


def level_name(number: int) -> str:
    """The plain name of a level the model gives no name of its own."""
    return LEVEL_ZERO if number == 0 else f"Level {number}"


def question(title: str) -> str:
    """The plain question of a factor the model asks none of its own."""
    return f"How far has the organisation got with {title}?"


@dataclass(frozen=True)
class ImportedAction:
    id: str
    title: str
    raises_to: int
    effort: int
    owner_role: str
    description: str


@dataclass(frozen=True)
class ImportedFactor:
    id: str
    title: str
    question: str
    dimension: str
    summary: str
    levels: tuple[tuple[int, str], ...]
    actions: tuple[ImportedAction, ...]
    requires: tuple[tuple[int, str, int], ...] = ()  # (level, other factor, at least)
    notes: tuple[str, ...] = ()  # written as comments: what the format could not hold


@dataclass(frozen=True)
class Imported:
    """A public model read into the shape of a catalogue file, with what the user should know."""

    id: str
    title: str
    version: str
    subject: str
    description: str
    source: str
    licence: str
    scale: tuple[tuple[int, str, str], ...]  # (number, name, summary)
    dimensions: tuple[tuple[str, str, str], ...]  # (id, title, description)
    factors: tuple[ImportedFactor, ...]
    report: tuple[str, ...] = field(default=())


# --- ids ----------------------------------------------------------------------------------------


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def make_id(text: str, key: str = "") -> str:
    """A readable id of *text*: lower case words joined by hyphens; one longer than the format allows is
    cut and ends with a short hash of the whole (of *key* when given), so it stays unique and stable."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not slug:
        return f"x-{short_hash(key or text)}"
    if len(slug) <= MAX_ID:
        return slug
    return f"{slug[:MAX_ID - 7].rstrip('-')}-{short_hash(key or text)}"


def unique_ids(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """An id per key of (key, name) pairs, from the name; names that give the same id are told apart by a
    short hash of their key, so no import depends on which came first."""
    pairs = list(named)
    first = {key: make_id(name, key) for key, name in pairs}
    counts: dict[str, int] = {}
    for ident in first.values():
        counts[ident] = counts.get(ident, 0) + 1
    out = {}
    for key, ident in first.items():
        if counts[ident] > 1:
            ident = f"{ident[:MAX_ID - 7].rstrip('-')}-{short_hash(key)}"
        out[key] = ident
    return out


def one_line(text: str) -> str:
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph of the model's (a dimension's one-line description)."""
    flat = one_line(text)
    match = re.search(r"[.!?](\s|$)", flat)
    return flat[: match.start() + 1] if match else flat


# --- reading the model ---------------------------------------------------------------------------


class Reader:
    """Reads a model's YAML files with positions and collects located problems (shown as given)."""

    def __init__(self) -> None:
        self.problems: list[Diagnostic] = []

    def problem(self, loc: Loc, message: str, hint: str = "") -> None:
        self.problems.append(error(loc, CHECK, message, hint))

    def load(self, path: Path, shown: str, documents: int = 1) -> tuple[Node | None, ...]:
        """The documents of one model file; () after a problem (said in ``problems``)."""
        try:
            data = read_regular(path, path.parent, MAX_BYTES, shown)
        except LinkRefused as exc:
            self.problem(Loc(shown, 1, 1), str(exc), "import from a copy of the model's own files")
            return ()
        if data is None:
            self.problem(Loc(shown, 1, 1), "the file does not exist")
            return ()
        loaded = load_text(data, shown, max_documents=documents)
        if loaded.diagnostics:
            self.problems += [error(d.loc, d.check, d.message, d.hint) for d in loaded.diagnostics]
            return ()
        return loaded.documents

    def folder(self, folder: Path, shown: str) -> list[tuple[Path, str]]:
        """The YAML files of one of the model's folders, by name; a link, or too many files, is a problem."""
        try:
            found = folder.lstat()
        except OSError:
            self.problem(Loc(shown, 1, 1), "the folder does not exist", "give the model's own folder of files")
            return []
        if not stat.S_ISDIR(found.st_mode):
            self.problem(Loc(shown, 1, 1), "is not a folder (a link is not followed)",
                         "import from a copy of the model's own files")
            return []
        names = sorted(entry.name for entry in os.scandir(folder)
                       if entry.name.endswith((".yml", ".yaml")) and not entry.name.startswith("."))
        if len(names) > MAX_FILES:
            self.problem(Loc(shown, 1, 1), f"holds {len(names):,} YAML files; a model has at most {MAX_FILES:,}")
            return []
        return [(folder / name, f"{shown}/{name}") for name in names]

    def mapping(self, node: Node | None, where: Loc, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        self.problem(node.loc if node is not None else where, f"{what} is not a map of keys and values")
        return None

    def text(self, node: Mapping, key: str, *, required: bool = True) -> str:
        """A text field of *node*: required ones must be there and not empty; numbers are read as text."""
        value = node.get(key)
        if isinstance(value, Scalar) and value.value is not None and not isinstance(value.value, bool):
            text = str(value.value).strip()
            if text or not required:
                return text
        if value is None or (isinstance(value, Scalar) and value.value is None):
            if required:
                self.problem(node.loc, f"'{key}' is missing", f"each entry of the model needs its '{key}'")
            return ""
        if required or not isinstance(value, Scalar):
            self.problem(value.loc, f"'{key}' is not a text")
        return ""

    def number(self, node: Mapping, key: str, lowest: int, highest: int) -> int | None:
        value = node.get(key)
        if isinstance(value, Scalar) and isinstance(value.value, int) and not isinstance(value.value, bool) \
                and lowest <= value.value <= highest:
            return value.value
        if value is None:
            self.problem(node.loc, f"'{key}' is missing")
        else:
            self.problem(value.loc, f"'{key}' is not a whole number from {lowest} to {highest}")
        return None

    def texts(self, node: Mapping, key: str) -> list[Scalar]:
        """A list of texts (GUIDs of other entries); missing or empty is an empty list."""
        value = node.get(key)
        if value is None or (isinstance(value, Scalar) and value.value is None):
            return []
        if not isinstance(value, Sequence):
            self.problem(value.loc, f"'{key}' is not a list")
            return []
        out = []
        for item in value.items:
            if isinstance(item, Scalar) and isinstance(item.value, str) and item.value.strip():
                out.append(item)
            else:
                self.problem(item.loc, f"an entry of '{key}' is not a text")
        return out

    def done(self) -> None:
        """Stop with every problem found, located, when there is any."""
        if self.problems:
            raise InputError(self.problems)


# --- dependencies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dependency:
    """An activity that names another as its prerequisite, both as placed in the catalogue."""

    factor: str
    level: int
    action: str
    on_factor: str
    on_level: int
    on_action: str


def place_dependencies(deps: Iterable[Dependency]) -> tuple[dict[str, tuple[tuple[int, str, int], ...]],
                                                             dict[str, tuple[str, ...]]]:
    """``requires`` per factor, and notes per factor on what the format cannot say.

    A prerequisite at a lower level of another factor becomes ``requires`` (to reach this level, that
    factor must first be at that level). One in the same factor at the same or a lower level is already
    implied by the order of the levels. Any other (a later level, or the same level of another factor)
    is kept as a note.
    """
    requires: dict[str, dict[tuple[int, str], int]] = {}
    notes: dict[str, set[str]] = {}
    for d in deps:
        if d.on_factor == d.factor and d.on_level <= d.level:
            continue
        if d.on_factor != d.factor and d.on_level < d.level:
            entry = requires.setdefault(d.factor, {})
            entry[(d.level, d.on_factor)] = max(entry.get((d.level, d.on_factor), 0), d.on_level)
            continue
        notes.setdefault(d.factor, set()).add(
            f"{d.action} (level {d.level}) depends on {d.on_action} ({d.on_factor}, level {d.on_level}), "
            "which requires cannot express")
    return ({f: tuple(sorted((level, other, at) for (level, other), at in r.items())) for f, r in requires.items()},
            {f: tuple(sorted(n)) for f, n in notes.items()})


def with_dependencies(factors: Iterable[ImportedFactor], deps: Iterable[Dependency]) -> tuple[ImportedFactor, ...]:
    requires, notes = place_dependencies(deps)
    return tuple(ImportedFactor(**{**f.__dict__, "requires": requires.get(f.id, ()), "notes": notes.get(f.id, ())})
                 for f in factors)


# --- writing -----------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/%+&?!-]*")
_RESERVED = frozenset({"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"})


def scalar(text: str, *, flow: bool = False) -> str:
    """*text* as a YAML scalar: plain where that reads the same (inside ``{...}`` when *flow*: no comma, and
    no "?", which libyaml's flow reader refuses in a plain scalar: ``{a: A?}``), else double-quoted with every
    character the reader would change (line breaks, controls) escaped."""
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _RESERVED and "  " not in text \
            and not (flow and ("," in text or "?" in text)):
        return text
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF) or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _comment(text: str) -> str:
    """*text* on one comment line: a character YAML refuses even in a comment (a control) becomes "?"."""
    return "".join(c if c.isprintable() else "?" for c in one_line(text))


def catalogue_yaml(cat: Imported, header: TSequence[str]) -> str:
    """The catalogue file: a header comment, then the catalogue block, roles and factors, in order."""
    lines = [f"# {_comment(line)}" if line else "#" for line in header]
    lines += ["catalogue:", f"  id: {cat.id}", f"  title: {scalar(cat.title)}", f"  version: {scalar(cat.version)}",
              f"  subject: {scalar(cat.subject)}", f"  description: {scalar(cat.description)}",
              f"  source: {scalar(cat.source)}", f"  licence: {scalar(cat.licence)}", "  scale:"]
    for number, name, summary in cat.scale:
        text = f"{{name: {scalar(name, flow=True)}" + (f", summary: {scalar(summary, flow=True)}" if summary else "") + "}"
        lines.append(f"    {number}: {text}")
    lines.append("  dimensions:")
    for ident, title, description in cat.dimensions:
        lines.append(f"    {ident}:")
        lines.append(f"      title: {scalar(title)}")
        if description:
            lines.append(f"      description: {scalar(description)}")
    lines += ["", "roles:"]
    lines += [f"  {ident}: {{title: {scalar(title, flow=True)}, description: {scalar(about, flow=True)}}}"
              for ident, title, about in ROLES]
    lines += ["", "factors:"]
    for f in cat.factors:
        lines.append(f"  {f.id}:")
        lines += [f"    # note: {_comment(note)}" for note in f.notes]
        lines += [f"    title: {scalar(f.title)}", f"    question: {scalar(f.question)}", f"    dimension: {f.dimension}"]
        if f.summary:
            lines.append(f"    summary: {scalar(f.summary)}")
        lines.append("    levels:")
        lines += [f"      {number}: {scalar(text)}" for number, text in f.levels]
        if f.requires:
            lines.append("    requires:")
            for level in sorted({r[0] for r in f.requires}):
                inner = ", ".join(f"{other}: {at}" for lv, other, at in f.requires if lv == level)
                lines.append(f"      {level}: {{{inner}}}")
        if f.actions:
            lines.append("    actions:")
        for a in f.actions:
            lines += [f"      - id: {a.id}", f"        title: {scalar(a.title)}", f"        raises_to: {a.raises_to}",
                      f"        effort: {a.effort}", f"        owner_role: {a.owner_role}"]
            if a.description:
                lines.append(f"        description: {scalar(a.description)}")
    return "\n".join(lines) + "\n"


def counts(cat: Imported) -> str:
    actions = sum(len(f.actions) for f in cat.factors)
    levels = sum(len(f.levels) for f in cat.factors)
    return (f"{len(cat.dimensions)} dimensions, {len(cat.factors)} factors, {levels} level texts on a scale of "
            f"0 to {max(s[0] for s in cat.scale)}, {actions} actions")


def by_key(items: Iterable[tuple[str, Mapping]], reader: Reader, kind: str) -> dict[str, Mapping]:
    """Entries by their GUID (``id``); a GUID given twice is a located problem."""
    out: dict[str, Mapping] = {}
    for key, node in items:
        if key in out:
            reader.problem(node.loc, f"{kind} id '{key[:64]}' is used twice", f"also at line {out[key].loc.line}")
            continue
        out[key] = node
    return out


__all__ = ["CHECK", "DEFAULT_EFFORT", "Dependency", "Imported", "ImportedAction", "ImportedFactor", "MAX_ID",
           "ROLES", "Reader", "by_key", "catalogue_yaml", "counts", "first_sentence", "level_name", "make_id",
           "one_line", "question", "scalar", "unique_ids", "with_dependencies"]
