"""``roadmap-gen review PERIOD``: freeze this review, open the next one.

The current ``organisation.yaml`` and team files are copied byte for byte into
``content/reviews/<review.period>/`` (but for a ``# yaml-language-server: $schema=`` line, which is made
to name the same schema from there), with the plan as published at that review
(``roadmap.json``, what ``export --format json`` prints); then ``organisation.yaml`` is edited in
place, value by value, at the positions the loader recorded, so every comment,
quote style and key order stays as the user wrote it. Lines are counted as the
YAML parser counts them (LF, CRLF, CR, NEL, U+2028 and U+2029 all end a line), and
the edited text is parsed again and compared before anything is written.

All or nothing, whatever instant the process is killed at:

1. everything is prepared under hidden names in ``content/`` (``.review-<old>.tmp/``,
   ``.organisation.yaml.new``), each file and folder fsynced;
2. the journal ``content/.review-journal.json`` is written (temp file, fsync, rename,
   fsync): the commit point;
3. the snapshot folder and the new ``organisation.yaml`` are renamed into place;
4. the journal is removed.

A kill before 2 leaves only hidden temporary names (the old state; the next run
clears them); a kill after it leaves the journal, which every other command
refuses to go past and the next ``review`` completes (roll forward).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from roadmap_gen.commands.schemas import repoint_schema
from roadmap_gen.core.diagnostics import InputError, Loc, ProjectError, UsageError, error
from roadmap_gen.core.periods import LAST_YEAR, Quarter, add_months
from roadmap_gen.downloads.export import plan_json_text, within_read_limit
from roadmap_gen.load.journal import REVIEW_JOURNAL
from roadmap_gen.load.project import FROZEN_PLAN
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, project_lock
from roadmap_gen.spec.yamlread import Mapping, Node, Scalar, Sequence, line_starts, load_text, position, to_python
from roadmap_gen.workspace.files import read_only
from roadmap_gen.workspace.workspace import Workspace

ORGANISATION = "content/organisation.yaml"
_ORG_NEW = ".organisation.yaml.new"
_JOURNAL_TEMP = ".review-journal.json.tmp"


@dataclass(frozen=True)
class ReviewOutcome:
    snapshot: Path
    message: str


@dataclass(frozen=True)
class Edit:
    start: tuple[int, int]
    end: tuple[int, int]
    text: str
    raw: bool = False  # *text* is written as it is (else in the quotes the old value had)


# --- editing the text in place ------------------------------------------------------------


def _offset(starts: list[int], pos: tuple[int, int]) -> int:
    return starts[pos[0] - 1] + pos[1] - 1


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Replace scalar values at their recorded positions (later edits first, so offsets hold; of two
    edits at one position, the one listed later ends up first in the text).

    Positions are the parser's: lines end at every YAML line break, columns count characters.
    """
    starts = line_starts(text)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        a, b = _offset(starts, edit.start), _offset(starts, edit.end)
        original = text[a:b]
        quote = original[0] if original[:1] in ("'", '"') and not edit.raw else ""
        text = text[:a] + f"{quote}{edit.text}{quote}" + text[b:]
    return text


def _editable(root: Node | None, file: str, *path: str) -> Scalar | None:
    """The scalar at *path*, or None; refused (located) when an edit of it could not be exact."""
    dotted = ".".join(path)
    node: Any = root
    where: Loc | None = None
    for depth, key in enumerate(path):
        if not isinstance(node, Mapping):
            return None
        if node.anchored:
            shared = ".".join(path[:depth]) or "the file's top level"
            raise InputError([error(where or node.loc, "review-edit",
                                    f"{shared} is shared through a YAML anchor or alias (&name / *name); review "
                                    f"edits {dotted} in place and would change every place that shares it",
                                    "write the values out instead of using the anchor or alias")])
        key_node = node.key_node(key)
        node = node.get(key)
        where = key_node.loc if key_node is not None else None
    if not isinstance(node, Scalar) or node.value is None:
        return None
    if node.anchored:
        raise InputError([error(where or node.loc, "review-edit",
                                f"{dotted} uses a YAML anchor or alias (&name / *name); review edits it in place "
                                "and would change every place that shares it",
                                "write the value out instead of using the anchor or alias")])
    if node.style in ("|", ">"):
        raise InputError([error(node.loc, "review-edit", f"{dotted} is a block scalar ('|' or '>'); review edits "
                                "it in place", f"write {dotted} as a plain value on one line")])
    return node


def plan_edits(text: str, file: str, new_period: Quarter, day: date) -> tuple[list[Edit], Quarter]:
    loaded = load_text(text, file)
    if loaded.diagnostics:
        raise InputError(loaded.diagnostics)
    root = loaded.root
    period_node = _editable(root, file, "review", "period")
    date_node = _editable(root, file, "review", "date")
    old_period = Quarter.parse(str(period_node.value)) if period_node else None
    if period_node is None or date_node is None or old_period is None:
        raise ProjectError("organisation.yaml has no valid review.period and review.date to move on")
    edits = [Edit(period_node.loc_pos, period_node.end, str(new_period)),
             Edit(date_node.loc_pos, date_node.end, day.isoformat())]
    next_node = _editable(root, file, "review", "next")
    if next_node is not None:
        edits.append(Edit(next_node.loc_pos, next_node.end, add_months(day, 3).isoformat()))
    start_node = _editable(root, file, "planning", "start")
    start = Quarter.parse(str(start_node.value)) if start_node else None
    if start_node is not None and start is not None:
        moved = start.shift(new_period - old_period)
        if not moved.in_calendar:
            raise InputError([error(start_node.loc, "bad-period",
                                    f"planning.start would move to {moved}, past 9999-Q4, the last quarter the "
                                    "calendar holds")])
        edits.append(Edit(start_node.loc_pos, start_node.end, str(moved)))
    for node in (period_node, date_node, next_node, start_node):
        if node is not None and _original(text, node)[:1] in ("!", "&", "*"):
            raise InputError([error(node.loc, "review-edit", "review edits this value in place and cannot keep "
                                    "the tag or anchor written before it", "remove the tag")])
    changes: dict[tuple[str, ...], object] = {
        ("review", "period"): str(new_period), ("review", "date"): day.isoformat(),
        **({("review", "next"): add_months(day, 3).isoformat()} if next_node is not None else {}),
        **({("planning", "start"): str(start.shift(new_period - old_period))}
           if start_node is not None and start is not None else {}),
    }
    cleared = _clear_rebaselines(text, file, root)
    if cleared is not None:
        edits.append(cleared)
        changes[("rebaselines",)] = []
    _verify(text, apply_edits(text, edits), file, root, edits, changes)
    return edits, old_period


def _last_end(node: Node) -> tuple[int, int] | None:
    """Where a node's text ends: the end of its last scalar."""
    if isinstance(node, Scalar):
        return node.end
    if isinstance(node, Mapping):
        return _last_end(node.items[-1][1]) if node.items else None
    return _last_end(node.items[-1]) if node.items else None


def _clear_rebaselines(text: str, file: str, root: Node | None) -> Edit | None:
    """The edit that empties ``rebaselines`` (a review's approvals belong to the review they were made
    at: the snapshot keeps them, the new period starts with none); None when there is nothing to clear.
    The comments around the list stay; those inside its entries go with them."""
    if not isinstance(root, Mapping):
        return None
    node = root.get("rebaselines")
    if not isinstance(node, Sequence) or not node.items:
        return None
    if node.anchored or any(getattr(i, "anchored", False) for i in node.items):
        raise InputError([error(node.loc, "review-edit", "rebaselines is shared through a YAML anchor or alias; "
                                "review empties it for the new period", "write the entries out")])
    end = _last_end(node)
    if end is None:
        return None
    start = (node.loc.line, node.loc.col)
    starts = line_starts(text)
    if text[_offset(starts, start):][:1] == "[":  # a flow list: take its closing bracket too
        close = text.find("]", _offset(starts, end))
        if close < 0:
            return None
        end = position(text, close + 1)
    return Edit(start, end, "[]")


def _original(text: str, node: Scalar) -> str:
    starts = line_starts(text)
    return text[_offset(starts, node.loc_pos):_offset(starts, node.end)]


def _verify(old: str, new: str, file: str, old_root: Node | None, edits: list[Edit],
            changes: dict[tuple[str, ...], object]) -> None:
    """The edited text must parse to the old values with exactly *changes* made."""
    expected = to_python(old_root)
    for path, value in changes.items():
        target: Any = expected
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    reloaded = load_text(new, file)
    if reloaded.diagnostics or to_python(reloaded.root) != expected:
        first = min(edits, key=lambda e: e.start)
        raise InputError([error(Loc(file, *first.start), "review-edit",
                                "review could not edit the file exactly (the edited text would not read back as "
                                "intended); nothing was changed",
                                "write review.period, review.date, review.next and planning.start as plain "
                                "values on their own lines")])


# --- files, fsynced ---------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _lexists(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _remove_own(path: Path) -> None:
    """Remove one of review's own temporary names (never following a link)."""
    found = _lexists(path)
    if found is None:
        return
    if stat.S_ISDIR(found.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the journal ------------------------------------------------------------------------------


def _staging_name(old: str) -> str:
    return f".review-{old}.tmp"


def _roll_back_leftovers(content: Path) -> None:
    """No journal: whatever a killed run prepared is thrown away (the old state stays)."""
    try:
        names = os.listdir(content)
    except OSError:
        return
    for name in names:
        if (name.startswith(".review-") and name.endswith(".tmp")) or name in (_ORG_NEW, _JOURNAL_TEMP):
            _remove_own(content / name)
    _fsync_dir(content)


def _complete(project_dir: Path) -> str:
    """Roll an interrupted review forward from its journal; returns what was done."""
    content = project_dir / "content"
    journal_path = project_dir / REVIEW_JOURNAL
    try:
        journal = json.loads(journal_path.read_text("utf-8"))
        old, new = str(journal["old_period"]), str(journal["new_period"])
        after = str(journal["after"])
    except (OSError, ValueError, KeyError, TypeError):
        raise ProjectError(f"{REVIEW_JOURNAL} is damaged; restore content/ from version control, then remove "
                           "the journal") from None
    if Quarter.parse(old) is None or Quarter.parse(new) is None:
        raise ProjectError(f"{REVIEW_JOURNAL} is damaged; restore content/ from version control, then remove it")
    staging = content / _staging_name(old)
    snapshot = content / "reviews" / old
    if _lexists(staging) is not None:
        if _lexists(snapshot) is None:
            (content / "reviews").mkdir(exist_ok=True)
            os.replace(staging, snapshot)
            _fsync_dir(content / "reviews")
            _fsync_dir(content)
        else:
            _remove_own(staging)
    org_new = content / _ORG_NEW
    org = content / "organisation.yaml"
    if _lexists(org_new) is not None:
        os.replace(org_new, org)
        _fsync_dir(content)
    if _digest(org.read_bytes()) != after:
        raise ProjectError(f"content/organisation.yaml changed after the interrupted review of {old} had begun; "
                           f"check it and content/reviews/{old}/ by hand, then remove {REVIEW_JOURNAL}")
    os.unlink(journal_path)
    _fsync_dir(content)
    return f"completed the review interrupted earlier: froze {old} into content/reviews/{old}/ and opened {new}"


def commit(project_dir: Path, journal_name: str, temp_name: str, journal: dict[str, Any],
           roll_back: Callable[[Path], None], complete: Callable[[Path], str], what: str, command: str) -> None:
    """The commit point of a change prepared under hidden names in ``content/``: write *journal* (temp file
    *temp_name*, fsync, rename to *journal_name*), then roll forward with *complete*. Interrupted before
    the journal is in place, *roll_back* clears what was prepared; after it, the next run completes."""
    content = project_dir / "content"
    try:
        _write_file(content / temp_name, (json.dumps(journal, indent=2) + "\n").encode("utf-8"))
        os.replace(content / temp_name, project_dir / journal_name)
    except BaseException:
        if _lexists(project_dir / journal_name) is None:
            roll_back(content)
        raise
    try:
        _fsync_dir(content)
        complete(project_dir)
    except OSError as exc:
        raise ProjectError(f"{what} stopped half way ({exc.strerror or exc}); run 'roadmap-gen {command}' again "
                           "to complete it") from None


# --- the command ------------------------------------------------------------------------------


def _refuse_unwritable(project_dir: Path) -> None:
    """Refuse (located) a file or folder review would have to replace but must not."""
    content = project_dir / "content"
    org = content / "organisation.yaml"
    found = _lexists(org)
    problems = []
    if found is not None and stat.S_ISLNK(found.st_mode):
        problems.append(error(Loc(ORGANISATION, 1, 1), "review-unwritable",
                              f"{ORGANISATION} is a symbolic link; review replaces the file and will not replace "
                              "a link", "put the file itself in content/"))
    elif found is not None and read_only(org):
        problems.append(error(Loc(ORGANISATION, 1, 1), "review-unwritable",
                              f"{ORGANISATION} is read-only; review would have to change it",
                              "make it writable if the review is meant to change it"))
    if read_only(content):
        problems.append(error(Loc("content", 1, 1), "review-unwritable", "content/ is read-only; review writes "
                              "the snapshot and the new organisation.yaml there", "make the folder writable"))
    reviews = content / "reviews"
    found = _lexists(reviews)
    if found is not None and stat.S_ISLNK(found.st_mode):
        problems.append(error(Loc("content/reviews", 1, 1), "review-unwritable",
                              "content/reviews is a symbolic link; review will not write through it",
                              "put the folder itself in content/"))
    elif found is not None and not stat.S_ISDIR(found.st_mode):
        problems.append(error(Loc("content/reviews", 1, 1), "not-a-folder",
                              "content/reviews is a file, not a folder", "move the file away"))
    elif found is not None and read_only(reviews):
        problems.append(error(Loc("content/reviews", 1, 1), "review-unwritable",
                              "content/reviews is read-only", "make the folder writable"))
    if problems:
        raise InputError(problems)


def open_review(workspace: Workspace, period_text: str, day: date,
                wait: float = DEFAULT_WAIT_SECONDS, report: Callable[[str], None] | None = None) -> ReviewOutcome:
    new_period = Quarter.parse(period_text)
    if new_period is None:
        raise UsageError(f"'{period_text}' is not a quarter; write it as YYYY-Qn, e.g. 2027-Q1")
    if new_period.year >= LAST_YEAR or day.year >= LAST_YEAR:
        raise UsageError(f"a review in year {LAST_YEAR} leaves no room for its next review and plan before the "
                         "calendar ends (9999-12-31)")
    if day < new_period.first_day:  # a review of a quarter is held in it: the day is a mistake, not the data's
        raise UsageError(f"the review date {day.isoformat()} is before {new_period} begins "
                         f"({new_period.first_day.isoformat()}); give the day the review is held, on or after "
                         f"{new_period.first_day.isoformat()}, with --date YYYY-MM-DD")
    workspace = workspace.absolute()
    project_dir = workspace.root
    content = project_dir / "content"
    with project_lock(project_dir, wait, report):
        if _lexists(project_dir / REVIEW_JOURNAL) is not None:
            done = _complete(project_dir)
            return ReviewOutcome(content / "reviews", done + f"; run 'roadmap-gen review {period_text}' again "
                                 "if you meant to open a further period")
        if _lexists(content) is not None:
            _roll_back_leftovers(content)
        return _review(workspace, new_period, day)


def _review(workspace: Workspace, new_period: Quarter, day: date) -> ReviewOutcome:
    project_dir = workspace.root
    planned = plan_project(workspace)
    if planned.project is None or planned.plan is None:
        raise InputError(planned.diagnostics)
    org = planned.project.organisation
    # The plan as published at this review, byte for byte what `export --format json` prints now:
    # the next reviews compare with it rather than with a plan recomputed by a later tool and catalogue.
    frozen_plan = within_read_limit(plan_json_text(planned.plan).encode("utf-8"),
                                    f"the frozen plan ({FROZEN_PLAN})")
    if new_period <= org.review.period:
        raise ProjectError(f"{new_period} is not after the current review {org.review.period}")
    _refuse_unwritable(project_dir)
    content = project_dir / "content"
    org_path = content / "organisation.yaml"
    old = str(org.review.period)
    snapshot = content / "reviews" / old
    if _lexists(snapshot) is not None:
        raise ProjectError(f"{snapshot.relative_to(project_dir)} already exists: review {old} "
                           "was frozen before; refusing to overwrite it")
    files = workspace.files()
    original = files.read_bytes(org_path, ORGANISATION)
    if original is None:
        raise InputError(files.diagnostics)
    text = original.decode("utf-8-sig")
    edits, _ = plan_edits(text, ORGANISATION, new_period, day)
    moved = org.planning.start.shift(new_period - org.review.period)
    if not moved.shift(max(org.planning.phases, 1) - 1).in_calendar:
        raise InputError([error(org.planning.locs("start"), "bad-period",
                                f"after this review the plan would start {moved} and run past 9999-Q4, the last "
                                "quarter the calendar holds", "plan fewer phases")])
    updated = apply_edits(text, edits).encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        updated = b"\xef\xbb\xbf" + updated
    teams: dict[str, bytes] = {}
    for path in files.yaml_files(content / "teams"):
        data = files.read_bytes(path)
        if data is None:
            raise InputError([d for d in files.diagnostics if d.severity == "error"])
        teams[path.name] = data

    # 1. prepare under hidden names; 2. the commit point (the journal in place)
    try:
        staging = content / _staging_name(old)
        os.mkdir(staging)
        frozen = f"content/reviews/{old}"
        # Byte for byte, but for a `$schema` line: it names the same schema from the snapshot's folder.
        _write_file(staging / "organisation.yaml", repoint_schema(original, "content", frozen))
        _write_file(staging / FROZEN_PLAN, frozen_plan)
        if teams:
            os.mkdir(staging / "teams")
            for name, data in sorted(teams.items()):
                _write_file(staging / "teams" / name, repoint_schema(data, "content/teams", f"{frozen}/teams"))
            _fsync_dir(staging / "teams")
        _fsync_dir(staging)
        _write_file(content / _ORG_NEW, updated)
        _fsync_dir(content)
        journal = {"old_period": old, "new_period": str(new_period), "before": _digest(original),
                   "after": _digest(updated)}
    except BaseException:
        _roll_back_leftovers(content)
        raise
    commit(project_dir, REVIEW_JOURNAL, _JOURNAL_TEMP, journal, _roll_back_leftovers, _complete,
           f"the review of {old}", "review")

    message = "\n".join([
        f"froze review {old} into {snapshot.relative_to(project_dir).as_posix()}/ (its assessment and the plan "
        f"published at it, {FROZEN_PLAN})",
        f"opened {new_period} in content/organisation.yaml (review date {day.isoformat()})",
        "next, update content/organisation.yaml for this review:",
        "  - assessment: each factor's level, with new evidence and its date",
        "  - initiatives: mark work done, in-progress or dropped",
        "  - metrics: the current value of each metric",
        "  - feedback: what stakeholders said, and the status of open items",
        "  - goals and targets, if the business has changed",
        "then run: roadmap-gen validate --strict && roadmap-gen build",
    ])
    return ReviewOutcome(snapshot, message)
