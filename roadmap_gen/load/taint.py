"""Which things of a project its errors touch, so that the health checks can run on the rest.

An error in the organisation, the catalogue or a review snapshot sits inside one entry of a
collection (a goal, a factor's assessment, a person, a catalogue factor, a team's file), inside one
setting (``review.date``, ``planning.phases``, the catalogue's title), or outside all of them (a key
of no known name, a file that is not YAML). Outside, it can change any verdict, and the health
checks wait until it is fixed; so does an error in a snapshot's settings, which every comparison with
it rests on. Inside an entry, the entry is *tainted*: so is every entry that names it (a goal whose
metric has an error), and so on, until nothing more is named. The project without the tainted
entries is then fit for the local checks (``local=True`` in the check registry), whose finding about
a thing reads only that thing's own entries, what they name, and the settings the check declares
(``reads``): a check that reads a setting with an error waits, and a finding about a tainted id, or
located in a tainted entry, is dropped. So findings can only be missing beside the errors, never
added: a factor whose owner id was mistyped gets the error, not also "no owner".
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from roadmap_gen.core.diagnostics import Diagnostic, Loc
from roadmap_gen.spec.containers import ListOf, MapOf
from roadmap_gen.spec.record import Record
from roadmap_gen.spec.refs import references
from roadmap_gen.spec.scalars import Ref
from roadmap_gen.spec.yamlread import Mapping as MapNode
from roadmap_gen.spec.yamlread import Node, Scalar
from roadmap_gen.spec.yamlread import Sequence as SeqNode

Pos = tuple[int, int]
#: Past the end of any file.
END: Pos = (sys.maxsize, 0)
#: Collections whose entries act on other findings (a waiver hides one): an error that touches one of
#: them could show a finding its author meant to hide, so it holds the health checks back like an error
#: outside every entry.
_HOLD_BACK = frozenset({"waivers"})


@dataclass(frozen=True)
class Entry:
    """One entry of a collection in a file: from its first character to where the next thing starts."""

    file: str
    start: Pos
    stop: Pos  # exclusive
    id: str | None  # the map key it is filed under, or its ``id`` field in a list; None without one
    holds_back: bool = False  # an entry of a collection in _HOLD_BACK
    #: Whether the entry defines its id (a goal, a person, a catalogue factor), rather than names another
    #: thing's (a factor's assessment): only then does a reference to the id reach the entry.
    defines: bool = True
    #: A setting (``review.date``, ``planning.phases``), not an entry of a collection: its id is its dotted
    #: path, and a local check that reads it (``reads`` in the check registry) waits while it has an error.
    setting: bool = False

    def holds(self, loc: Loc) -> bool:
        return loc.file == self.file and self.start <= (loc.line, loc.col) < self.stop


def whole_file(file: str, ident: str) -> Entry:
    """A file that is one entry: a team's, whose id is its name."""
    return Entry(file, (1, 1), END, ident)


def entries(root: Node | None, record: Record[Any], file: str, *, settings_hold_back: bool = False) -> list[Entry]:
    """The entries of every collection in a file built by *record*: the first collection met on the way
    down from the top (a catalogue factor, not its actions), through sections and blocks of settings; and
    each setting written in those (``review.date``). *settings_hold_back*: the file's settings hold the
    checks back (a snapshot's review date is what its comparisons rest on)."""
    out: list[Entry] = []
    if isinstance(root, MapNode):
        _fields(root, _specs(record), file, END, out, "")
    if settings_hold_back:
        out = [replace(e, holds_back=True) if e.setting else e for e in out]
    return out


def _specs(record: Record[Any], section: str = "") -> dict[str, Any]:
    """The YAML names of a record's fields written in *section* (its own map when ""), with their specs;
    at the top, a section's name stands for the pair (record, section)."""
    found: dict[str, Any] = {}
    for d in record.written:
        if d.spec.section == section:
            found[d.yaml_name] = d.spec.spec
        elif not section:
            found.setdefault(d.spec.section, (record, d.spec.section))
    return found


def _entry_record(spec: Any) -> Record[Any] | None:
    """What each entry of a collection is built with, when *spec* is a list or a map of records."""
    if isinstance(spec, ListOf) and spec.build is None and isinstance(spec.item, Record):
        return spec.item
    if isinstance(spec, MapOf) and spec.build is None and isinstance(spec.value, Record):
        return spec.value
    return None


def _fields(node: MapNode, specs: Mapping[str, Any], file: str, stop: Pos, out: list[Entry], path: str) -> None:
    pairs = node.items
    for index, (key, value) in enumerate(pairs):
        bound = pairs[index + 1][0].loc_pos if index + 1 < len(pairs) else stop
        spec = specs.get(key.value) if isinstance(key.value, str) else None
        here = f"{path}{key.value}"
        if isinstance(spec, tuple) and isinstance(value, MapNode):  # a section: its fields are in this map
            _fields(value, _specs(spec[0], spec[1]), file, bound, out, here + ".")
        elif isinstance(spec, Record) and isinstance(value, MapNode):  # a block of settings (review, planning)
            _fields(value, _specs(spec), file, bound, out, here + ".")
        elif _entry_record(spec) is not None:
            out.extend(_collection(value, file, bound, holds_back=key.value in _HOLD_BACK,
                                   defines=not (isinstance(spec, MapOf) and _names_other(spec.key))))
        elif spec is not None and not isinstance(spec, (tuple, Record)):
            # A setting. An unknown key is none: a misspelt `phases` leaves `phases` at its default, and
            # nothing would say which setting the error changes, so it stays outside every entry.
            out.append(Entry(file, key.loc_pos, max(bound, key.loc_pos), here, defines=False, setting=True))


def _names_other(key: Any) -> bool:
    """Whether a map's keys are ids of other things (``assessment``: factor ids), not ids of its entries."""
    return isinstance(key, Ref) and not key.open


def _collection(node: Node, file: str, stop: Pos, *, holds_back: bool, defines: bool) -> list[Entry]:
    starts: list[tuple[Pos, object]]
    if isinstance(node, MapNode):
        starts = [(key.loc_pos, key.value) for key, _ in node.items]
    elif isinstance(node, SeqNode):
        starts = [((item.loc.line, item.loc.col), _list_id(item)) for item in node.items]
    else:
        return []
    return [Entry(file, start, max(starts[index + 1][0] if index + 1 < len(starts) else stop, start),
                  None if ident is None else str(ident), holds_back, defines)
            for index, (start, ident) in enumerate(starts)]


def _list_id(item: Node) -> object:
    found = item.get("id") if isinstance(item, MapNode) else None
    return found.value if isinstance(found, Scalar) else None


@dataclass(frozen=True)
class Taint:
    """The entries a partial project's errors touch, their ids, and the settings with errors."""

    entries: tuple[Entry, ...]
    ids: frozenset[str]
    settings: frozenset[str] = frozenset()

    def holds(self, loc: Loc) -> bool:
        return any(entry.holds(loc) for entry in self.entries)

    def covers(self, diagnostic: Diagnostic) -> bool:
        """Whether a finding could come from the errors: it is about a tainted thing, or inside one."""
        return (diagnostic.about is not None and diagnostic.about in self.ids) or self.holds(diagnostic.loc)


@dataclass(frozen=True)
class Built:
    """A file's built object and the record it was built with: where its references are found."""

    record: Record[Any]
    value: Any


def find_taint(errors: Sequence[Diagnostic], files: Mapping[str, list[Entry]], built: Sequence[Built],
               entries_of: Callable[[str], list[Entry]]) -> Taint | None:
    """The entries *errors* touch, with every entry naming one of them, and so on; None when an error is
    outside every entry (then no finding can be trusted).

    *files*: the entries of each file with errors. *built*: every object whose references count.
    *entries_of(file)*: the entries of any other file, read only when one of its references is touched."""
    known: dict[str, list[Entry]] = dict(files)
    tainted: set[Entry] = set()
    for error in errors:
        found = [e for e in known.get(error.file, ()) if e.holds(error.loc)]
        if not found or any(e.holds_back for e in found):
            return None
        tainted.update(found)
    refs = [ref for item in built for ref in references(item.record, item.value, every=True)]
    defined = {e.id for e in tainted if e.id is not None and e.defines}
    grew = True
    while grew:
        grew = False
        for ref in refs:
            if ref.value not in defined:
                continue
            if ref.loc.file not in known:
                known[ref.loc.file] = entries_of(ref.loc.file)
            for entry in known[ref.loc.file]:
                if entry not in tainted and entry.holds(ref.loc):
                    if entry.holds_back:
                        return None
                    tainted.add(entry)
                    grew = True
                    if entry.id is not None and entry.defines:
                        defined.add(entry.id)
    return Taint(tuple(sorted(tainted, key=lambda e: (e.file, e.start))),
                 frozenset(e.id for e in tainted if e.id is not None and not e.setting),
                 frozenset(e.id for e in tainted if e.id is not None and e.setting))


def without_tainted(value: Any, record: Record[Any], taint: Taint) -> Any:
    """*value* (built by *record*) without the entries of its collections that *taint* holds."""
    changes: dict[str, Any] = {}
    for d in record.written:
        spec = d.spec.spec
        if _entry_record(spec) is not None:
            items = getattr(value, d.attr)
            kept = tuple(item for item in items if not taint.holds(item.locs.at_entity))
            if len(kept) != len(items):
                changes[d.attr] = kept
        elif isinstance(spec, Record) and getattr(value, d.attr) is not None:
            inner = without_tainted(getattr(value, d.attr), spec, taint)
            if inner is not getattr(value, d.attr):
                changes[d.attr] = inner
    return replace(value, **changes) if changes else value


__all__ = ["END", "Built", "Entry", "Taint", "entries", "find_taint", "whole_file", "without_tainted"]
