"""Editing an assessment in place: the collected values written into the YAML text, every comment,
quote style, key order and line break kept (as ``review`` does, roadmap_gen/commands/review.py).

A value that exists is replaced at the position the loader recorded; a key, an evidence row or a
whole entry that does not exist yet is inserted after the last line of its mapping or list, in the
style it has there: a block mapping or list gets indented lines, a flow one (``{level: 1}``,
``[...]``) gets ``, key: value`` before its closing bracket. Every text is written double-quoted
with every character YAML could misread escaped. The edited text is parsed again and compared with
what was intended; any difference refuses the edit (nothing is written).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from roadmap_gen.commands.review import Edit, apply_edits
from roadmap_gen.core.diagnostics import InputError, Loc, error
from roadmap_gen.spec.yamlread import Mapping, Node, Scalar, Sequence, line_starts, load_text, to_python
from roadmap_gen.survey.layout import Evidence


@dataclass(frozen=True)
class EntryChange:
    """What to write into one factor's assessment entry (None / empty: leave as it is)."""

    factor: str
    level: int | None = None
    target: int | None = None
    answers: tuple[int, ...] | None = None
    evidence: tuple[Evidence, ...] = ()
    notes: str | None = None  # the whole new notes text

    @property
    def empty(self) -> bool:
        return (self.level is None and self.target is None and self.answers is None and not self.evidence
                and self.notes is None)


def quoted(text: str) -> str:
    """*text* as a YAML double-quoted scalar that reads back exactly (line breaks and every character that
    is not printable escaped: YAML would fold or refuse them)."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF
                         else f"\\U{ord(ch):08x}" for ch in body) + '"'


def _evidence_python(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"text": e.text}
    if e.day is not None:
        out["date"] = e.day.isoformat()
    if e.link is not None:
        out["link"] = e.link
    return out


def _evidence_fields(e: Evidence) -> list[tuple[str, str]]:
    out = [("text", quoted(e.text))]
    if e.day is not None:
        out.append(("date", e.day.isoformat()))
    if e.link is not None:
        out.append(("link", quoted(e.link)))
    return out


def _flow_evidence(e: Evidence) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in _evidence_fields(e)) + "}"


def _block_evidence(e: Evidence, indent: str, nl: str) -> str:
    fields = _evidence_fields(e)
    lines = [f"{indent}- {fields[0][0]}: {fields[0][1]}"] + [f"{indent}  {k}: {v}" for k, v in fields[1:]]
    return "".join(line + nl for line in lines)


def _flow_list(numbers: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(n) for n in numbers) + "]"


def _last_end(node: Node | None) -> tuple[int, int] | None:
    """Where the last value written under *node* ends (line, column), or None for an empty collection."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.end
    ends: list[tuple[int, int]] = []
    if isinstance(node, Mapping):
        for key, value in node.items:
            ends.append(key.end)
            found = _last_end(value)
            if found is not None:
                ends.append(found)
    elif isinstance(node, Sequence):
        for item in node.items:
            found = _last_end(item)
            if found is not None:
                ends.append(found)
    return max(ends) if ends else None


class _Text:
    """The file's text with the positions helpers an edit needs."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.starts = line_starts(text)
        first_break = next((i for i, ch in enumerate(text) if ch in "\r\n"), None)
        self.nl = "\r\n" if first_break is not None and text[first_break:first_break + 2] == "\r\n" else \
            "\r" if first_break is not None and text[first_break] == "\r" else "\n"

    def offset(self, pos: tuple[int, int]) -> int:
        return self.starts[pos[0] - 1] + pos[1] - 1

    def pos(self, offset: int) -> tuple[int, int]:
        line = max(i for i, start in enumerate(self.starts) if start <= offset)
        return line + 1, offset - self.starts[line] + 1

    def char_at(self, loc: Loc) -> str:
        index = self.offset((loc.line, loc.col))
        return self.text[index:index + 1]

    def after_line(self, pos: tuple[int, int]) -> tuple[tuple[int, int], str]:
        """The position where a line inserted after the line of *pos* goes, and a prefix it needs (a line
        break when the file's last line has none)."""
        line = pos[0] if pos[1] > 1 else pos[0] - 1  # a block scalar ends at the start of the next line
        if line < len(self.starts):
            return (line + 1, 1), ""
        return self.pos(len(self.text)), self.nl

    def closing(self, pos: tuple[int, int], bracket: str) -> tuple[int, int] | None:
        """The position of the flow collection's closing *bracket* after *pos* (only blanks, commas and
        line breaks between), or None."""
        index = self.offset(pos)
        while index < len(self.text) and self.text[index] in " \t\r\n,\u0085\u2028\u2029":
            index += 1
        return self.pos(index) if self.text[index:index + 1] == bracket else None

    def refuse(self, loc: Loc, message: str, hint: str = "") -> InputError:
        return InputError([error(loc, "collect-edit", message, hint or "write the entry in plain block style "
                                 "(one key per line), or make this change by hand")])


def _insert(edits: list[Edit], pos: tuple[int, int], text: str) -> None:
    edits.append(Edit(pos, pos, text, raw=True))


def _insert_keys(t: _Text, entry: Mapping, keys: list[tuple[str, str, str]], edits: list[Edit]) -> None:
    """Insert (key, flow value, block text) pairs into *entry*, in its own style."""
    if not keys:
        return
    if t.char_at(entry.loc) == "{":
        last = _last_end(entry)
        if last is None:
            start = (entry.loc.line, entry.loc.col + 1)
            _insert(edits, start, ", ".join(f"{k}: {flow}" for k, flow, _ in keys))
            return
        closing = t.closing(last, "}")
        if closing is None:
            raise t.refuse(entry.loc, "collect could not find where this flow mapping ends")
        _insert(edits, closing, "".join(f", {k}: {flow}" for k, flow, _ in keys))
        return
    first_key = entry.items[0][0].loc if entry.items else entry.loc
    indent = " " * (first_key.col - 1)
    last = _last_end(entry) or (entry.loc.line, entry.loc.col)
    where, prefix = t.after_line(last)
    _insert(edits, where, prefix + "".join(block.replace("\0", indent) for _, _, block in keys))


def _scalar(t: _Text, entry: Mapping, key: str) -> Scalar | None:
    node = entry.get(key)
    if node is None:
        return None
    if not isinstance(node, Scalar) or node.anchored or node.tag or node.style in ("|", ">"):
        raise t.refuse(node.loc,
                       f"{key} is written in a way collect cannot edit exactly (a block scalar, an anchor, a tag or "
                       "a collection)", f"write {key} as a plain value on one line")
    return node


def _edit_entry(t: _Text, entry: Mapping, change: EntryChange, edits: list[Edit], python: dict[str, Any]) -> None:
    nl = t.nl
    new_keys: list[tuple[str, str, str]] = []
    for key, value in (("level", change.level), ("target", change.target)):
        if value is None:
            continue
        python[key] = value
        scalar = _scalar(t, entry, key)
        if scalar is not None:
            edits.append(Edit(scalar.loc_pos, scalar.end, str(value), raw=True))
        else:
            new_keys.append((key, str(value), f"\0{key}: {value}{nl}"))
    if change.answers is not None:
        python["answers"] = list(change.answers)
        node = entry.get("answers")
        flow = _flow_list(change.answers)
        if node is None:
            new_keys.append(("answers", flow, f"\0answers: {flow}{nl}"))
        elif isinstance(node, Sequence) and t.char_at(node.loc) == "[" and not node.anchored:
            last = _last_end(node)
            closing = t.closing(last, "]") if last is not None else t.closing((node.loc.line, node.loc.col + 1), "]")
            if closing is None:
                raise t.refuse(node.loc, "collect could not find where answers ends")
            edits.append(Edit((node.loc.line, node.loc.col), (closing[0], closing[1] + 1), flow, raw=True))
        else:
            raise t.refuse(node.loc, "answers is not a list written [a, b] on one line",
                           "write answers as [2, 3], or remove it")
    if change.notes is not None:
        python["notes"] = change.notes
        notes = _scalar(t, entry, "notes")
        if notes is not None:
            edits.append(Edit(notes.loc_pos, notes.end, quoted(change.notes), raw=True))
        else:
            new_keys.append(("notes", quoted(change.notes), f"\0notes: {quoted(change.notes)}{nl}"))
    appended: list[Edit] = []
    if change.evidence:
        node = entry.get("evidence")
        rows = [_evidence_python(e) for e in change.evidence]
        if node is None:
            python["evidence"] = rows
            flow = "[" + ", ".join(_flow_evidence(e) for e in change.evidence) + "]"
            block = f"\0evidence:{nl}" + "".join(_block_evidence(e, "\0  ", nl) for e in change.evidence)
            new_keys.append(("evidence", flow, block))
        elif isinstance(node, Sequence) and not node.anchored:
            python["evidence"] = list(python.get("evidence") or []) + rows
            _append_evidence(t, node, change.evidence, appended)
        else:
            raise t.refuse(node.loc, "evidence is not a list collect can add to")
    # Evidence rows appended to the entry's last list go before its new keys: listed after them (apply_edits).
    _insert_keys(t, entry, new_keys, edits)
    edits.extend(appended)


def _append_evidence(t: _Text, node: Sequence, rows: tuple[Evidence, ...], edits: list[Edit]) -> None:
    last = _last_end(node)
    if t.char_at(node.loc) == "[":
        if last is None:
            _insert(edits, (node.loc.line, node.loc.col + 1), ", ".join(_flow_evidence(e) for e in rows))
            return
        closing = t.closing(last, "]")
        if closing is None:
            raise t.refuse(node.loc, "collect could not find where this evidence list ends")
        _insert(edits, closing, "".join(f", {_flow_evidence(e)}" for e in rows))
        return
    if t.char_at(node.loc) != "-" or last is None:
        raise t.refuse(node.loc, "evidence is not a list collect can add to")
    indent = " " * (node.loc.col - 1)
    where, prefix = t.after_line(last)
    _insert(edits, where, prefix + "".join(_block_evidence(e, indent, t.nl) for e in rows))


def _new_entry(change: EntryChange, indent: str, inner: str, nl: str) -> str:
    lines = [f"{indent}{change.factor}:{nl}", f"{inner}level: {change.level if change.level is not None else 0}{nl}"]
    if change.target is not None:
        lines.append(f"{inner}target: {change.target}{nl}")
    if change.answers is not None:
        lines.append(f"{inner}answers: {_flow_list(change.answers)}{nl}")
    if change.evidence:
        lines.append(f"{inner}evidence:{nl}")
        lines += [_block_evidence(e, inner + "  ", nl) for e in change.evidence]
    if change.notes is not None:
        lines.append(f"{inner}notes: {quoted(change.notes)}{nl}")
    return "".join(lines)


def _new_python(change: EntryChange) -> dict[str, Any]:
    out: dict[str, Any] = {"level": change.level if change.level is not None else 0}
    if change.target is not None:
        out["target"] = change.target
    if change.answers is not None:
        out["answers"] = list(change.answers)
    if change.evidence:
        out["evidence"] = [_evidence_python(e) for e in change.evidence]
    if change.notes is not None:
        out["notes"] = change.notes
    return out


def edit_assessment(text: str, file: str, changes: list[EntryChange]) -> str:
    """*text* (the file *file*) with *changes* made to its ``assessment``; refused (located) when the
    edit could not be exact."""
    loaded = load_text(text, file)
    if loaded.diagnostics:
        raise InputError(list(loaded.diagnostics))
    root = loaded.root
    if not isinstance(root, Mapping):
        raise InputError([error(Loc(file, 1, 1), "collect-edit", "the file is not a mapping of keys")])
    t = _Text(text, file)
    expected: Any = to_python(root)
    assessment = root.get("assessment")
    if root.anchored or (assessment is not None and getattr(assessment, "anchored", False)):
        raise t.refuse(root.loc, "the assessment is shared through a YAML anchor or alias; collect edits it in "
                       "place", "write the values out instead of using the anchor or alias")
    section = expected.setdefault("assessment", {}) if assessment is not None else None
    edits: list[Edit] = []
    added: list[Edit] = []  # new entries: after every edit of the last entry, so listed first (apply_edits)
    missing: list[EntryChange] = []
    for change in changes:
        entry = assessment.get(change.factor) if isinstance(assessment, Mapping) else None
        if entry is None:
            missing.append(change)
            continue
        if not isinstance(entry, Mapping) or entry.anchored or entry.tag:
            raise t.refuse(entry.loc, f"the entry of '{change.factor}' is not a mapping collect can edit")
        assert isinstance(section, dict)
        _edit_entry(t, entry, change, edits, section[change.factor])
    if missing:
        _add_entries(t, root, assessment, missing, added)
        if section is None or not isinstance(section, dict):
            expected["assessment"] = section = {}
        for change in missing:
            section[change.factor] = _new_python(change)
    edits = added + edits
    new = apply_edits(text, edits) if edits else text
    _verify(new, file, expected, edits)
    return new


def _add_entries(t: _Text, root: Mapping, assessment: Node | None, missing: list[EntryChange],
                 edits: list[Edit]) -> None:
    nl = t.nl
    if isinstance(assessment, Mapping) and t.char_at(assessment.loc) != "{" and assessment.items:
        indent = " " * (assessment.items[0][0].loc.col - 1)
        where, prefix = t.after_line(_last_end(assessment) or (assessment.loc.line, assessment.loc.col))
    elif assessment is None or (isinstance(assessment, Scalar) and assessment.value is None and not assessment.quoted):
        key = root.key_node("assessment")
        indent = "  "
        if key is None:
            where, prefix = t.after_line(_last_end(root) or (1, 1))
            prefix += f"assessment:{nl}"
        else:
            where, prefix = t.after_line(key.end)
    else:
        raise t.refuse(assessment.loc, "the assessment is not a block mapping collect can add an entry to")
    inner = indent + "  "
    _insert(edits, where, prefix + "".join(_new_entry(c, indent, inner, nl) for c in missing))


def _verify(new: str, file: str, expected: Any, edits: list[Edit]) -> None:
    reloaded = load_text(new, file)
    if reloaded.diagnostics or to_python(reloaded.root) != expected:
        first = min(edits, key=lambda e: e.start) if edits else Edit((1, 1), (1, 1), "")
        raise InputError([error(Loc(file, *first.start), "collect-edit",
                                "collect could not edit the file exactly (the edited text would not read back as "
                                "intended); nothing was changed",
                                "write the assessment in plain block style (one key per line), or make this "
                                "change by hand")])

