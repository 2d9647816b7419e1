"""``roadmap-gen track FILE``: statuses back from an issue tracker into ``initiatives``.

The tracker's export (roadmap_gen/commands/tracker_read.py) says, per roadmap item, the state of its
issue. States are matched without regard to case: Done, Closed, Resolved (GitHub's and GitLab's
closed) make the item ``done``; In Progress and In Review make it ``in-progress``; so do the states
a team names under ``tracker: {done: [...], in_progress: [...]}`` in roadmap-gen.yaml (looked at
first, so they can also move a default state to the other list); any other state changes nothing.
An item already ``done`` whose issue is open again is said (a warning) and stays ``done``: a
reopened ticket is a question for the review, not a step back on the roadmap. Work marked
``dropped`` is the roadmap's decision and is left as it is (a warning). Whatever the state, the
issue's key (PROJ-12, #12), where the export gives one, is recorded as the entry's ``issue``.

``content/organisation.yaml`` is edited as ``review`` edits it (roadmap_gen/commands/review.py): in place,
at the positions the parser recorded, so every comment, quote, key order and line break stays as
written; where an item has no ``initiatives`` entry yet, one is added at the end of the mapping
in the style of its neighbours (``id: {status: done}``). The edited text is parsed again and
must read back as the old data with exactly these statuses and keys changed, or nothing is written.

All or nothing, whatever instant the process is killed at: the new text goes to a hidden file
beside the old one (``content/.organisation.yaml.track``), fsynced, and is renamed over it: one
file changes, so the rename is the commit point and no journal is needed (``review``, which
changes two places, keeps one). A kill before the rename leaves the old file and the hidden one,
which the next ``track`` removes. Nothing is written when the tracker's file cannot be read, the
project has errors, or ``--dry-run`` is given.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roadmap_gen.commands.review import _fsync_dir, _write_file
from roadmap_gen.commands.tracker_export import item_label
from roadmap_gen.commands.tracker_read import TrackedIssue, read_tracker
from roadmap_gen.core.diagnostics import Diagnostic, InputError, Loc, ProjectError, error, warning
from roadmap_gen.core.safe_write import read_at_most
from roadmap_gen.load.project import load_project
from roadmap_gen.model import GeneratorSettings, Project, TrackerStates
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, project_lock
from roadmap_gen.spec.yamlread import (
    LINE_BREAK_RE,
    Mapping,
    Node,
    Scalar,
    Sequence,
    _parser,
    line_starts,
    load_text,
    to_python,
)
from roadmap_gen.workspace.files import read_only
from roadmap_gen.workspace.workspace import Workspace

ORGANISATION = "content/organisation.yaml"
_TEMP = ".organisation.yaml.track"

DONE_STATES = frozenset({"done", "closed", "resolved"})
IN_PROGRESS_STATES = frozenset({"in progress", "in review"})
#: The issue keys ``track`` records: Jira's PROJ-12, GitLab's and GitHub's #12 (and the like). Anything
#: else a file holds in its key column is passed over rather than written into organisation.yaml.
ISSUE_KEY_RE = re.compile(r"^#?[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
_PLAIN_KEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$")  # read back as text when unquoted
_NOT_TEXT = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def _state_name(state: str) -> str:
    return " ".join(state.split()).lower()


#: The tracker states a project that names none of its own is read with.
DEFAULT_STATES = TrackerStates()


def status_of(state: str, states: TrackerStates = DEFAULT_STATES) -> str | None:
    """The roadmap status a tracker state means: ``done``, ``in-progress``, or None (no change).

    The project's own states (``tracker:`` in roadmap-gen.yaml) are looked at first, so a team whose
    Resolved means "waiting to be checked" can name it under ``in_progress``."""
    name = _state_name(state)
    if name in {_state_name(s) for s in states.done}:
        return "done"
    if name in {_state_name(s) for s in states.in_progress}:
        return "in-progress"
    if name in DONE_STATES:
        return "done"
    if name in IN_PROGRESS_STATES:
        return "in-progress"
    return None


def state_conflicts(settings: GeneratorSettings) -> list[Diagnostic]:
    """A state named both done and in progress in roadmap-gen.yaml: an error, since either reading is a guess."""
    done = {_state_name(s) for s in settings.tracker.done}
    both = sorted({s for s in settings.tracker.in_progress if _state_name(s) in done}, key=_state_name)
    return [error(settings.tracker.locs("in_progress"), "tracker-states",
                  f"the tracker state '{name}' is under both tracker.done and tracker.in_progress; nothing was "
                  "changed", "keep it in the one list that says what it means") for name in both]


@dataclass(frozen=True)
class Change:
    item: str
    old: str | None  # its status before; None when it had no initiatives entry
    new: str  # its status after (the same as before when only its issue key is recorded)
    issue: TrackedIssue
    key: str = ""  # the issue key to record in its entry; "" when it has that key already (or none is given)

    @property
    def status_changed(self) -> bool:
        return self.new != (self.old or "planned")

    @property
    def fields(self) -> dict[str, str]:
        """The fields of its initiatives entry to set."""
        return {**({"status": self.new} if self.status_changed else {}), **({"issue": self.key} if self.key else {})}

    def line(self) -> str:
        key = f"{self.issue.key}, " if self.issue.key else ""
        where = f"'{self.issue.state}' at {self.issue.loc.file}:{self.issue.loc.line}"
        if not self.status_changed:
            return f"{self.item}: issue {self.key} recorded (stays {self.new}; {where})"
        recorded = f"; issue {self.key} recorded" if self.key else ""
        return f"{self.item}: {self.old or 'planned (no entry)'} -> {self.new} ({key}{where}{recorded})"


@dataclass(frozen=True)
class TrackOutcome:
    kind: str  # the tracker: jira, gitlab or github
    changes: tuple[Change, ...]  # status changes and issue keys recorded
    diagnostics: tuple[Diagnostic, ...]  # warnings: unknown ids, reopened items, rows passed over
    issues: int  # the roadmap's issues found in the file
    written: bool

    @property
    def status_changes(self) -> int:
        return sum(1 for c in self.changes if c.status_changed)

    @property
    def keys_recorded(self) -> int:
        return sum(1 for c in self.changes if c.key)


# --- what changes ---------------------------------------------------------------------------


def known_labels(project: Project) -> dict[str, str]:
    """Label -> item id, for every item the project could plan (catalogue actions, own initiatives)."""
    ids = set(project.catalogue.action_by_id) | {i.id for i in project.organisation.initiatives if i.is_own}
    return {item_label(ident): ident for ident in sorted(ids)}


def decide(project: Project, issues: Iterable[TrackedIssue]) -> tuple[list[Change], list[Diagnostic]]:
    """The status changes the issues ask for (and the issue keys to record), and the warnings about the
    rest (pure)."""
    states = project.settings.tracker
    known = set(known_labels(project).values())
    entries = project.organisation.initiative_by_id
    chosen: dict[str, TrackedIssue] = {}
    diags: list[Diagnostic] = []
    rank = {None: 0, "in-progress": 1, "done": 2}
    for issue in issues:
        if issue.item not in known:
            diags.append(warning(issue.loc, "track-unknown-id",
                                 f"{_named(issue)} names '{issue.item}', which is neither a catalogue "
                                 "action nor an initiative of this project; passed over",
                                 "an item removed from the catalogue or renamed: close or relabel its issue"))
            continue
        earlier = chosen.get(issue.item)
        if earlier is not None:
            diags.append(warning(issue.loc, "track-duplicate",
                                 f"'{issue.item}' has a second issue here ({_named(issue)}; the first at line "
                                 f"{earlier.loc.line}); the one furthest along counts"))
            if rank[status_of(issue.state, states)] <= rank[status_of(earlier.state, states)]:
                continue
        chosen[issue.item] = issue
    changes: list[Change] = []
    for item, issue in sorted(chosen.items(), key=lambda pair: pair[1].loc):
        entry = entries.get(item)
        current: str = entry.status if entry is not None else "planned"
        new = status_of(issue.state, states)
        target = current
        if new == "done" and issue.closed_as:
            diags.append(warning(issue.loc, "track-not-done",
                                 f"{_named(issue)} of '{item}' was closed as '{issue.closed_as}', not done; "
                                 f"it stays {current}",
                                 "drop the work in initiatives if the decision is not to do it"))
        elif current == "done" and new != "done":
            diags.append(warning(issue.loc, "track-reopened",
                                 f"'{item}' is done in {ORGANISATION} but {_named(issue)} is "
                                 f"'{issue.state}' again; it stays done",
                                 "look at the issue at the review; set the status by hand if the work is not done"))
        elif new is None or new == current:
            pass
        elif current == "dropped":
            diags.append(warning(issue.loc, "track-dropped",
                                 f"'{item}' is dropped in {ORGANISATION} but {_named(issue)} is "
                                 f"'{issue.state}'; it stays dropped",
                                 "close the issue, or set the status by hand if the work was taken up again"))
        else:
            target = new
        # The key is recorded whatever the state, so the site names the issue from the first import on.
        key = issue.key if ISSUE_KEY_RE.match(issue.key) and issue.key != (entry.issue if entry else None) else ""
        if target != current or key:
            changes.append(Change(item, current if entry is not None else None, target, issue, key))
    return changes, diags


def _named(issue: TrackedIssue) -> str:
    return f"issue {issue.key}" if issue.key else "its issue"


# --- the edit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    flow: bool
    end: tuple[int, int]  # 1-based line and column just after the collection (after '}' when flow)


def _spans(text: str) -> dict[tuple[int, int], _Span]:
    """Each collection's start (as the loader records it) -> whether it is flow style, and where it ends."""
    out: dict[tuple[int, int], _Span] = {}
    stack: list[tuple[tuple[int, int], bool]] = []
    for event in _parser().parse(text):
        name = type(event).__name__
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            mark = event.start_mark
            stack.append(((mark.line + 1, mark.column + 1), bool(getattr(event, "flow_style", False))))
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            start, flow = stack.pop()
            mark = event.end_mark
            out[start] = _Span(flow, (mark.line + 1, mark.column + 1))
    return out


class _Editor:
    """Position-based insertions and replacements in one text, checked before they are made."""

    def __init__(self, text: str, file: str):
        self.text, self.file = text, file
        self.starts = line_starts(text)
        self.spans = _spans(text)
        #: (start, end, order, new text), offsets in characters; insertions at one place keep their order
        self.edits: list[tuple[int, int, int, str]] = []
        # New lines end as most of the file's lines do (a NEL or U+2028 in a comment is not the style).
        breaks = Counter(match.group(0) for match in LINE_BREAK_RE.finditer(text))
        self.newline = breaks.most_common(1)[0][0] if breaks else "\n"

    def offset(self, pos: tuple[int, int]) -> int:
        return self.starts[pos[0] - 1] + pos[1] - 1

    def refuse(self, loc: Loc, message: str, hint: str) -> InputError:
        return InputError([error(loc, "track-edit", message + "; nothing was changed", hint)])

    def span(self, node: Mapping | Sequence) -> _Span:
        return self.spans.get((node.loc.line, node.loc.col), _Span(False, (node.loc.line, node.loc.col)))

    def end_of(self, node: Node) -> int:
        """The offset just after the last character that belongs to *node*."""
        if isinstance(node, Scalar):
            return self.offset(node.end)
        span = self.span(node)
        if span.flow or not node.items:
            return self.offset(span.end)
        last = node.items[-1]
        return self.end_of(last[1] if isinstance(last, tuple) else last)

    def after_line(self, offset: int) -> int:
        """The offset of the start of the line after the one *offset* is on (the end of the text if none):
        where a new line goes. A text that does not end with a line break gets one first."""
        if offset > 0 and LINE_BREAK_RE.match(self.text[offset - 1]):
            return offset  # a block scalar ends with its line break: the next line starts here
        following = bisect.bisect_right(self.starts, offset)
        if following < len(self.starts):
            return self.starts[following]
        if not LINE_BREAK_RE.search(self.text[-1:] if self.text else "") and self.text:
            self.insert(len(self.text), self.newline)
        return len(self.text)

    def insert(self, offset: int, new: str) -> None:
        self.edits.append((offset, offset, len(self.edits), new))

    def replace(self, node: Scalar, new: str) -> None:
        """Replace a scalar's value by *new* (YAML text, see :func:`yaml_text`), keeping its quotes where *new*
        needs none."""
        a, b = self.offset(node.loc_pos), self.offset(node.end)
        original = self.text[a:b]
        quote = original[0] if original[:1] in ("'", '"') and new[:1] != '"' else ""
        self.edits.append((a, b, len(self.edits), f"{quote}{new}{quote}"))

    def result(self) -> str:
        pieces, done = [], 0
        for a, b, _, new in sorted(self.edits, key=lambda e: (e[0], e[2])):
            pieces += [self.text[done:a], new]
            done = max(done, b)
        return "".join(pieces) + self.text[done:]

    def indent_of(self, node: Mapping) -> str:
        return " " * (node.items[0][0].loc.col - 1) if node.items else "  "

    def flow_insert(self, node: Mapping, entry: str) -> None:
        """Add *entry* (``key: value``, or several joined by ", ") to a flow mapping, before its closing brace."""
        close = self.offset(self.span(node).end) - 1
        if self.text[close:close + 1] != "}":
            raise self.refuse(node.loc, "this mapping's end could not be found to add to it",
                              "write it as a block, one key per line")
        before = self.text[:close].rstrip()
        self.insert(close, (", " if node.items and not before.endswith(",") else "") + entry)

    def set_fields(self, entry_key: Scalar, value: Node | None, fields: dict[str, str]) -> None:
        """Set *fields* (``status``, ``issue``: name -> value) in an existing initiatives entry."""
        if isinstance(value, Mapping):
            if value.anchored:
                raise self.refuse(entry_key.loc, f"initiatives.{entry_key.value} is shared through a YAML anchor",
                                  "write the entry out instead of using the anchor or alias")
            missing: list[str] = []
            for name, new in fields.items():
                node = value.get(name)
                if isinstance(node, Scalar) and node.value is not None and node.style not in ("|", ">") \
                        and node.loc_pos != node.end and not node.anchored \
                        and self.text[self.offset(node.loc_pos):self.offset(node.loc_pos) + 1] not in ("!", "&", "*"):
                    self.replace(node, yaml_text(new))
                    continue
                if value.key_node(name) is not None:
                    raise self.refuse(value.loc, f"initiatives.{entry_key.value}.{name} is written in a way track "
                                      "cannot edit in place (empty, a block, a tag or an anchor)",
                                      f"write it as a plain value: {name}: {new}")
                missing.append(f"{name}: {yaml_text(new)}")
            if not missing:
                return
            if self.span(value).flow:
                self.flow_insert(value, ", ".join(missing))
            else:
                indent = self.indent_of(value)
                self.insert(self.after_line(self.end_of(value)),
                            "".join(f"{indent}{line}{self.newline}" for line in missing))
            return
        if isinstance(value, Scalar) and value.value is None:
            flow = _flow(fields)
            if value.loc_pos == entry_key.loc_pos or value.loc_pos == value.end:  # `id:` with nothing after
                colon = self.text.find(":", self.offset(entry_key.end))
                if colon < 0 or self.text[self.offset(entry_key.end):colon].strip():
                    raise self.refuse(entry_key.loc, "the entry's ':' could not be found", "write id: {status: done}")
                self.insert(colon + 1, f" {flow}")
            else:
                self.replace(value, flow)
            return
        raise self.refuse(entry_key.loc, f"initiatives.{entry_key.value} is not a mapping",
                          "write the entry as id: {status: done}")

    def add_entries(self, root: Mapping, entries: list[tuple[str, dict[str, str]]]) -> None:
        """Add ``id: {status: ..., issue: ...}`` entries at the end of ``initiatives`` (made when missing)."""
        key = root.key_node("initiatives")
        value = root.get("initiatives")
        lines = [f"{ident}: {_flow(fields)}" for ident, fields in entries]
        if key is None:
            step = next((self.indent_of(v) for _, v in root.items if isinstance(v, Mapping) and v.items
                         and not self.span(v).flow), "  ")
            at = len(self.text)
            if self.text and not LINE_BREAK_RE.search(self.text[-1:]):
                self.insert(at, self.newline)
            self.insert(at, "initiatives:" + self.newline + "".join(step + line + self.newline for line in lines))
            return
        if isinstance(value, Scalar) and value.value is None:
            if value.loc_pos == key.loc_pos:  # `initiatives:` with nothing after
                step = " " * (key.loc.col - 1) + "  "
                self.insert(self.after_line(self.offset(key.end)),
                            "".join(step + line + self.newline for line in lines))
            else:
                self.replace(value, "{" + ", ".join(lines) + "}")
            return
        if not isinstance(value, Mapping) or value.anchored:
            raise self.refuse(key.loc, "initiatives is not a mapping track can add to (a list, a value, or shared "
                              "through an anchor)", "write initiatives as a mapping of id: {status: ...}")
        if self.span(value).flow:
            self.flow_insert(value, ", ".join(lines))
            return
        indent = self.indent_of(value)
        self.insert(self.after_line(self.end_of(value)), "".join(indent + line + self.newline for line in lines))


def yaml_text(value: str) -> str:
    """*value* as YAML that reads back as this text: plain where it can be (done, PROJ-12), else in double
    quotes (``"#12"``: a plain ``#`` would start a comment). Values are statuses and issue keys
    (:data:`ISSUE_KEY_RE`), which hold no quote or backslash."""
    if _PLAIN_KEY_RE.match(value) and value.lower() not in _NOT_TEXT:
        return value
    return '"' + value + '"'


def _flow(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"{name}: {yaml_text(value)}" for name, value in fields.items()) + "}"


def edit_statuses(text: str, file: str, statuses: dict[str, str]) -> str:
    """*text* with ``initiatives.<id>.status`` set for each of *statuses* (see :func:`edit_initiatives`)."""
    return edit_initiatives(text, file, {ident: {"status": status} for ident, status in statuses.items()})


def edit_initiatives(text: str, file: str, values: dict[str, dict[str, str]]) -> str:
    """*text* (organisation.yaml) with ``initiatives.<id>.<field>`` set for each of *values* (item id ->
    field -> value: ``status``, ``issue``), every other character as it was; refused (located
    :class:`InputError`) when that cannot be done exactly."""
    loaded = load_text(text, file)
    if loaded.diagnostics:
        raise InputError(loaded.diagnostics)
    root = loaded.root
    values = {ident: fields for ident, fields in values.items() if fields}
    if not isinstance(root, Mapping) or not values:
        return text
    editor = _Editor(text, file)
    if editor.span(root).flow:
        raise editor.refuse(root.loc, "the file is one flow mapping ({...}); track edits block YAML",
                            "write the file's top level as one key per line")
    initiatives = root.get("initiatives")
    if root.anchored or (isinstance(initiatives, Mapping) and initiatives.anchored):
        raise editor.refuse(root.loc, "initiatives is shared through a YAML anchor",
                            "write the values out instead of using the anchor or alias")
    new: list[tuple[str, dict[str, str]]] = []
    for ident, fields in values.items():
        key = initiatives.key_node(ident) if isinstance(initiatives, Mapping) else None
        if key is None:
            new.append((ident, fields))
        else:
            assert isinstance(initiatives, Mapping)
            editor.set_fields(key, initiatives.get(ident), fields)
    if new:
        editor.add_entries(root, new)
    edited = editor.result()
    expected: Any = to_python(root)
    assert isinstance(expected, dict)
    if not isinstance(expected.get("initiatives"), dict):
        expected["initiatives"] = {}
    for ident, fields in values.items():
        entry = expected["initiatives"].get(ident)
        expected["initiatives"][ident] = {**(entry if isinstance(entry, dict) else {}), **fields}
    reloaded = load_text(edited, file)
    if reloaded.diagnostics or to_python(reloaded.root) != expected:
        where = initiatives.loc if isinstance(initiatives, (Mapping, Sequence, Scalar)) else root.loc
        raise editor.refuse(where, "track could not edit initiatives exactly (the edited file would not read back "
                            "as intended)", "write initiatives as a block mapping, one id: {status: ...} per line")
    return edited


# --- the command ------------------------------------------------------------------------------


def read_input(path: Path, limit: int) -> bytes:
    """The tracker's file (any path the user names), read without blocking on a pipe or device and without
    reading past *limit* + 1 bytes. A link is refused: one put in a repository (``issues.csv`` ->
    ``/proc/self/environ``) would otherwise have its first line quoted in an error on a CI log."""
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError([error(Loc(shown, 1, 1), "tracker-file", "is a symbolic link; nothing was changed "
                                    "(give the tracker's export itself)")]) from None
        raise InputError([error(Loc(shown, 1, 1), "tracker-file", f"cannot read the file: {exc.strerror or exc}; "
                                "nothing was changed")]) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError([error(Loc(shown, 1, 1), "tracker-file", "not a regular file; nothing was changed")])
        return read_at_most(fd, limit + 1)
    finally:
        os.close(fd)


def _clear_leftover(content: Path) -> None:
    try:
        found = os.lstat(content / _TEMP)
    except OSError:
        return
    if stat.S_ISREG(found.st_mode) or stat.S_ISLNK(found.st_mode):
        os.unlink(content / _TEMP)
        _fsync_dir(content)


def _refuse_unwritable(org: Path) -> None:
    found = os.lstat(org)
    if stat.S_ISLNK(found.st_mode) or not stat.S_ISREG(found.st_mode):
        raise InputError([error(Loc(ORGANISATION, 1, 1), "track-unwritable",
                                f"{ORGANISATION} is not a regular file (a link?); track replaces the file and will not "
                                "write through a link", "put the file itself in content/")])
    if read_only(org) or read_only(org.parent):
        raise InputError([error(Loc(ORGANISATION, 1, 1), "track-unwritable",
                                f"{ORGANISATION} or content/ is read-only; track would have to change it",
                                "make them writable if the statuses are meant to change")])


def _replace(org: Path, original: bytes, updated: bytes) -> None:
    """Write *updated* beside *org*, fsynced, and rename it over *org* (the commit point)."""
    content = org.parent
    temp = content / _TEMP
    mode = stat.S_IMODE(os.lstat(org).st_mode)
    try:
        _write_file(temp, updated)
        os.chmod(temp, mode)
        if org.read_bytes() != original:
            raise ProjectError(f"{ORGANISATION} changed while track was working; nothing was changed: run it again")
        os.replace(temp, org)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_dir(content)


def track(workspace: Workspace, tracker: Path, *, dry_run: bool = False,
          wait: float = DEFAULT_WAIT_SECONDS, report: Callable[[str], None] | None = None) -> TrackOutcome:
    """Read *tracker*, set the statuses it asks for in organisation.yaml (unless *dry_run*)."""
    from roadmap_gen.commands.tracker_read import MAX_TRACKER_BYTES
    data = read_input(tracker, MAX_TRACKER_BYTES)
    workspace = workspace.absolute()
    project_dir = workspace.root
    content = project_dir / "content"
    with project_lock(project_dir, wait, report):
        if not dry_run:
            _clear_leftover(content)
        loaded = load_project(workspace)
        if loaded.project is None:
            raise InputError(loaded.diagnostics)
        project = loaded.project
        read = read_tracker(data, str(tracker), known_labels(project))
        if read.failed:
            raise InputError(read.diagnostics)
        conflicts = state_conflicts(project.settings)
        if conflicts:
            raise InputError(conflicts)
        changes, diags = decide(project, read.issues)
        diags = list(read.diagnostics) + diags
        if not changes or dry_run:
            return TrackOutcome(read.kind, tuple(changes), tuple(diags), len(read.issues), False)
        org = content / "organisation.yaml"
        _refuse_unwritable(org)
        files = workspace.files()
        original = files.read_bytes(org, ORGANISATION)
        if original is None:
            raise InputError(files.diagnostics)
        text = original.decode("utf-8-sig")
        edited = edit_initiatives(text, ORGANISATION, {c.item: c.fields for c in changes})
        updated = edited.encode("utf-8")
        if original.startswith(b"\xef\xbb\xbf"):
            updated = b"\xef\xbb\xbf" + updated
        _replace(org, original, updated)
        return TrackOutcome(read.kind, tuple(changes), tuple(diags), len(read.issues), True)


__all__ = ["Change", "DONE_STATES", "IN_PROGRESS_STATES", "ISSUE_KEY_RE", "TrackOutcome", "decide", "edit_initiatives",
           "edit_statuses", "known_labels", "read_input", "state_conflicts", "status_of", "track", "yaml_text"]
