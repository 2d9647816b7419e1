"""Read what an issue tracker exports: the issues made by ``export --format jira-csv|gitlab-csv|github``,
each with its state and the roadmap item it stands for.

Three shapes are read, told apart by their content:

- Jira's CSV export: a ``Status`` column and one or more ``Labels`` columns (Jira writes one
  column per label, all named ``Labels``), ``Issue key``, ``Description``;
- GitLab's CSV export: ``State`` and ``Description`` (and ``Labels``, comma-separated, ``IID``);
- the JSON that ``gh issue list --label roadmap-gen --state all --json number,title,state,labels``
  prints.

Column names are matched without regard to case or surrounding spaces; a UTF-8 byte order
mark, quoted multi-line cells and CRLF line ends are read as the trackers write them. An issue
is matched to its item by its ``rg-`` label, else by its description's ``roadmap-gen: <id>`` line;
issues with neither are not the roadmap's and are passed over.

Nothing here raises for bad input: a file that cannot be read as a whole is an error diagnostic
(nothing may then be written), a row that cannot be read is a warning and the others still count.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from roadmap_gen.commands.tracker_export import KEY_LINE, LABEL_PREFIX
from roadmap_gen.core.diagnostics import Diagnostic, Loc, error, warning
from roadmap_gen.core.safe_text import has_controls
from roadmap_gen.downloads.export import FORMULA_STARTS
from roadmap_gen.spec.yamlread import position

#: The largest tracker export read (a Jira export of a few thousand issues is a few megabytes).
MAX_TRACKER_BYTES = 32 * 1024 * 1024
#: Jira resolutions that close an issue without the work being done.
NOT_DONE_RESOLUTIONS = frozenset({"won't do", "won't fix", "duplicate", "cannot reproduce", "declined", "rejected",
                                  "obsolete"})
_KEY_LINE = re.compile(r"^[ \t]*" + re.escape(KEY_LINE.strip()) + r"[ \t]*([a-z0-9][a-z0-9-]*)[ \t\r]*$", re.M)


@dataclass(frozen=True)
class TrackedIssue:
    """One issue of the export that stands for a roadmap item."""

    loc: Loc  # its row (CSV) or its entry (JSON) in the tracker's file
    key: str  # the tracker's name for it: PROJ-12, #12; "" when the export has none
    item: str  # the item id its label or description names
    state: str  # as the tracker wrote it
    #: Why a closed issue does not mean the work was done (Jira's resolution "Won't Do", GitHub's
    #: "not planned"), as the tracker wrote it; "" otherwise.
    closed_as: str = ""


@dataclass(frozen=True)
class TrackerFile:
    kind: str  # "jira", "gitlab", "github"; "" when the file could not be read
    issues: tuple[TrackedIssue, ...]
    diagnostics: tuple[Diagnostic, ...]
    passed_over: int = 0  # rows that are not the roadmap's issues (no rg- label, no roadmap-gen line)

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


def _fail(file: str, line: int, col: int, message: str, hint: str = "") -> TrackerFile:
    return TrackerFile("", (), (error(Loc(file, line, col), "tracker-file", message, hint),))


def read_tracker(data: bytes, file: str, labels: Mapping[str, str]) -> TrackerFile:
    """The issues of a tracker's export *data* (*file* names it in diagnostics).

    *labels* maps each label ``export`` would give (``rg-<id>``, cut when long) to its item id.
    """
    if len(data) > MAX_TRACKER_BYTES:
        return _fail(file, 1, 1, f"the file is larger than the {MAX_TRACKER_BYTES:,} bytes roadmap-gen reads from a "
                     "tracker; nothing was changed",
                     "export only the roadmap's issues (label roadmap-gen), or fewer columns")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _fail(file, 1, 1, "the file is UTF-16; nothing was changed", "export it, or save it, as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8-sig", "replace")
        line, col = position(before, len(before))
        return _fail(file, line, col, f"byte 0x{data[exc.start]:02x} is not UTF-8; nothing was changed",
                     "export the file as UTF-8 (a spreadsheet's 'CSV UTF-8'), or take the tracker's own export")
    if not text.strip():
        return _fail(file, 1, 1, "the file is empty: no header, no issues; nothing was changed",
                     "give the file the tracker exported")
    if text.lstrip()[:1] == "[":
        return _read_github(text, file, labels)
    return _read_csv(text, file, labels)


def _item_of(labels: list[str], description: str, known: Mapping[str, str]) -> str | None:
    for label in labels:
        label = label.strip()
        if label in known:
            return known[label]
    for label in labels:
        label = label.strip()
        if label.startswith(LABEL_PREFIX) and len(label) > len(LABEL_PREFIX):
            return label[len(LABEL_PREFIX):]  # not one of ours: said as an unknown id
    found = _KEY_LINE.findall(description)
    return found[-1] if found else None


# --- CSV: Jira and GitLab ----------------------------------------------------------------------


def _read_csv(text: str, file: str, known: Mapping[str, str]) -> TrackerFile:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return _fail(file, reader.line_num or 1, 1, f"the header cannot be read as CSV: {exc}; nothing was changed")
    names = [cell.strip().lower() for cell in header or []]

    def columns(*wanted: str) -> list[int]:
        """The columns of these names, in the order *wanted* prefers them (then left to right)."""
        return [i for want in wanted for i, name in enumerate(names) if name == want]

    status, state = columns("status"), columns("state")
    if status:
        kind, state_col = "jira", status[0]
        label_cols = columns("labels")
        key_cols = columns("issue key", "key")
        resolution_cols = columns("resolution")
    elif state:
        kind, state_col = "gitlab", state[0]
        label_cols = columns("labels")
        key_cols = columns("iid", "issue id", "id")
        resolution_cols = []
    else:
        shown = ", ".join(repr(n) for n in names[:8]) or "nothing"
        return _fail(file, 1, 1, f"the header ({shown}) has no 'Status' column (Jira's CSV export) and no 'State' "
                     "column (GitLab's); nothing was changed",
                     "export the issues from Jira or GitLab as CSV with their status, or give the JSON of "
                     "'gh issue list ... --json number,title,state,labels'")
    description_cols = columns("description")
    if kind == "jira" and not label_cols and not description_cols:
        return _fail(file, 1, 1, "the header has a 'Status' column but no 'Labels' and no 'Description' column: "
                     "nothing names the roadmap's items; nothing was changed",
                     "export the issues with their labels (Jira: all fields, or the Labels column)")
    if kind == "gitlab" and not description_cols and not label_cols:
        return _fail(file, 1, 1, "the header has a 'State' column but no 'Description' column: nothing names the "
                     "roadmap's items; nothing was changed", "export the issues with their description")
    issues: list[TrackedIssue] = []
    diags: list[Diagnostic] = []
    passed = 0
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            return _fail(file, line, 1, f"row from line {line} cannot be read as CSV: {exc}; nothing was changed",
                         "give the file as the tracker exported it")
        if row is None:
            break
        loc = Loc(file, line, 1)
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue

        def cell(i: int, row: list[str] = row) -> str:  # this row's, bound now
            return row[i] if i < len(row) else ""

        labels = [cell(i) for i in label_cols]
        if kind == "gitlab":
            labels = [part for value in labels for part in value.split(",")]
        item = _item_of(labels, "\n".join(cell(i) for i in description_cols), known)
        if item is None:
            passed += 1
            continue
        key = next((cell(i).strip() for i in key_cols if cell(i).strip()), "")
        if kind == "gitlab" and key.isdigit():
            key = "#" + key
        state_text = cell(state_col).strip()
        if _odd(state_text):
            diags.append(_odd_state(loc, state_text))
            continue
        resolution = next((cell(i).strip() for i in resolution_cols if cell(i).strip()), "")
        closed_as = resolution[:64] if " ".join(resolution.lower().split()) in NOT_DONE_RESOLUTIONS else ""
        issues.append(TrackedIssue(loc, key[:64], item, state_text[:64], closed_as))
    return TrackerFile(kind, tuple(issues), tuple(diags), passed)


def _odd(state: str) -> bool:
    """A state no tracker writes: one that starts like a spreadsheet formula or holds control characters
    (a file edited by hand, or made to attack whoever opens it)."""
    return state.startswith(FORMULA_STARTS) or has_controls(state)


def _odd_state(loc: Loc, state: str) -> Diagnostic:
    return warning(loc, "tracker-row", f"the state '{state[:40]}' is no tracker's state (a formula, or control "
                   "characters); this issue changes nothing", "give the file as the tracker exported it")


# --- GitHub: gh issue list --json ------------------------------------------------------------


def _read_github(text: str, file: str, known: Mapping[str, str]) -> TrackerFile:
    def loc(index: int) -> Loc:
        return Loc(file, *position(text, index))

    entries, problem = _json_array(text, loc)
    if problem is not None:
        return TrackerFile("", (), (problem,))
    issues: list[TrackedIssue] = []
    diags: list[Diagnostic] = []
    passed = 0
    for where, entry in entries:
        if not isinstance(entry, dict):
            diags.append(warning(where, "tracker-row", "this entry is not an issue (an object with number, state and "
                                 "labels); passed over"))
            continue
        state, labels, number = entry.get("state"), entry.get("labels", []), entry.get("number")
        names = [label.get("name") for label in labels if isinstance(label, dict)] if isinstance(labels, list) else None
        if not isinstance(state, str) or names is None or not all(isinstance(n, str) for n in names):
            diags.append(warning(where, "tracker-row", "this issue has no 'state' text or no 'labels' list of "
                                 "{name: ...}; passed over",
                                 "list the issues with: gh issue list --label roadmap-gen --state all --json "
                                 "number,title,state,labels"))
            continue
        body = entry.get("body")
        item = _item_of([str(n) for n in names], body if isinstance(body, str) else "", known)
        if item is None:
            passed += 1
            continue
        key = f"#{number}" if isinstance(number, int) and not isinstance(number, bool) else ""
        if _odd(state.strip()):
            diags.append(_odd_state(where, state.strip()))
            continue
        reason = entry.get("stateReason")
        closed_as = "not planned" if isinstance(reason, str) and reason.upper() == "NOT_PLANNED" else ""
        issues.append(TrackedIssue(where, key, item, state.strip()[:64], closed_as))
    return TrackerFile("github", tuple(issues), tuple(diags), passed)


_SPACE = re.compile(r"[ \t\r\n]*")


def _json_array(text: str, loc: Callable[[int], Loc]) -> tuple[list[tuple[Loc, Any]], Diagnostic | None]:
    """The entries of a top-level JSON array, each with where it starts; or the located reason it is not one."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        match = _SPACE.match(text, i)
        return match.end() if match else i

    def bad(index: int, message: str) -> tuple[list[tuple[Loc, Any]], Diagnostic | None]:
        return [], error(loc(index), "tracker-file", f"{message}; nothing was changed",
                         "give the output of: gh issue list --label roadmap-gen --state all --json "
                         "number,title,state,labels")

    i = skip(0)
    if text[i:i + 1] != "[":
        return bad(i, "not a JSON list of issues")
    i = skip(i + 1)
    entries: list[tuple[Loc, Any]] = []
    if text[i:i + 1] == "]":
        i += 1
    else:
        while True:
            try:
                value, end = decoder.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                return bad(exc.pos, f"not valid JSON: {exc.msg}")
            except (RecursionError, ValueError):
                return bad(i, "this entry is nested too deeply, or holds a number too long, to read")
            entries.append((loc(i), value))
            i = skip(end)
            if text[i:i + 1] == ",":
                i = skip(i + 1)
                continue
            if text[i:i + 1] == "]":
                i += 1
                break
            return bad(i, "expected ',' or ']' after an issue")
    i = skip(i)
    if i < len(text):
        return bad(i, "text after the list of issues")
    return entries, None


__all__ = ["MAX_TRACKER_BYTES", "TrackedIssue", "TrackerFile", "read_tracker"]
