"""``roadmap-gen collect FILE.xlsx ...``: returned survey workbooks into the team files.

Per team (or the organisation) and factor: the level becomes the lower median of the levels the
workbooks give (the target likewise, written only when it differs from the current target);
``answers`` records them when more than one workbook answered; each evidence row is added once; a row's notes are added to the entry's notes after the
respondent's name. Collecting the same workbook twice changes nothing the second time.

All or nothing, whatever instant the process is killed at (the way ``review`` writes):

1. every workbook is read and every edit made and verified in memory; any problem stops here;
2. each new file is written under a hidden name in ``content/`` (``.collect-N.new``), fsynced;
3. the journal ``content/.collect-journal.json`` is written (temp file, fsync, rename): the commit point;
4. each new file is renamed over its file; the journal is removed.

A kill before 3 leaves hidden names only (the next ``collect`` clears them); a kill after it leaves
the journal, which every other command refuses to go past and the next ``collect`` completes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from roadmap_gen.commands.review import _digest, _fsync_dir, _lexists, _remove_own, _write_file, commit
from roadmap_gen.core.diagnostics import InputError, Loc, ProjectError, error
from roadmap_gen.load.journal import COLLECT_JOURNAL
from roadmap_gen.load.project import load_project
from roadmap_gen.model import Assessment, Project
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, project_lock
from roadmap_gen.survey.edits import EntryChange, edit_assessment
from roadmap_gen.survey.layout import ASSESSMENT, COLUMN, Evidence
from roadmap_gen.survey.returned import Answer, CellProblem, Returned, cell_name, problem, read_workbook
from roadmap_gen.workspace.files import read_only
from roadmap_gen.workspace.workspace import Workspace

ORGANISATION = "content/organisation.yaml"
_PREFIX = ".collect-"
_JOURNAL_TEMP = ".collect-journal.json.tmp"


@dataclass(frozen=True)
class CollectOutcome:
    changed: tuple[str, ...]  # the files written (or that would be, with dry_run)
    message: str


def lower_median(values: Sequence[int]) -> int:
    """The lower of the two middle values (the middle one for an odd count)."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


# --- what the answers say ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Given:
    returned: Returned
    answer: Answer

    @property
    def who(self) -> str:
        return self.answer.respondent or Path(self.returned.file).name


def _evidence_key(text: str, day: object, link: str | None) -> tuple[str, str, str]:
    return (text, str(day) if day is not None else "", link or "")


def _change(factor: str, given: list[_Given], current: Assessment | None,
            problems: list[CellProblem]) -> tuple[EntryChange, list[str]]:
    """The change the answers make to one entry, and the lines that say who answered what."""
    levels = [(g, g.answer.level) for g in given if g.answer.level is not None]
    targets = [(g, g.answer.target) for g in given if g.answer.target is not None]
    old_level = current.level if current is not None else None
    level = lower_median([n for _, n in levels]) if levels else None
    target = lower_median([n for _, n in targets]) if targets else None
    new_level = level if level is not None else old_level
    write_level = level if level is not None and (current is None or level != old_level
                                                  or not current.locs.has("level")) else None
    explicit = current is not None and current.locs.has("target")
    old_target = current.target if current is not None else None
    write_target = target if target is not None and target != old_target and (explicit or target != new_level) \
        else None
    final_target = write_target if write_target is not None else \
        (old_target if explicit else new_level)
    if new_level is not None and final_target is not None and final_target < new_level:
        first = (targets or levels)[0][0]
        column = "target" if targets else "level"
        problems.append(problem(first.returned.file, cell_name(ASSESSMENT, COLUMN[column], first.answer.row),
                                "target-below-level",
                                f"the collected target {final_target} of '{factor}' would be below its collected "
                                f"level {new_level}", "raise the target in the workbooks that answered"))
    answers: tuple[int, ...] | None = None
    if len(levels) > 1:  # one workbook leaves earlier answers alone: an unedited survey changes nothing
        candidate = tuple(sorted(n for _, n in levels))
        answers = candidate if current is None or current.answers != candidate else None
    known = {_evidence_key(e.text, e.date, e.link) for e in current.evidence} if current is not None else set()
    evidence: list[Evidence] = []
    for g in given:
        e = g.answer.evidence
        if e is not None and _evidence_key(e.text, e.day, e.link) not in known:
            known.add(_evidence_key(e.text, e.day, e.link))
            evidence.append(e)
    notes = current.notes if current is not None else ""
    added_notes = []
    for g in given:
        if g.answer.notes:
            line = f"{g.answer.respondent}: {g.answer.notes}" if g.answer.respondent else g.answer.notes
            if line not in notes:
                notes = f"{notes} {line}" if notes else line
                added_notes.append(g.who)
    change = EntryChange(factor, level=write_level, target=write_target, answers=answers, evidence=tuple(evidence),
                         notes=notes if added_notes else None)
    said = ", ".join(f"{g.who} {n}" for g, n in levels) or "no level given"
    parts = []
    if write_level is not None and old_level is not None and write_level != old_level:
        parts.append(f"level {old_level} -> {write_level}")
    elif write_level is not None and current is None:
        parts.append(f"new entry, level {write_level}")
    elif new_level is not None:
        parts.append(f"level {new_level} unchanged")
    if write_target is not None:
        parts.append(f"target {old_target} -> {write_target}" if old_target is not None else f"target {write_target}")
    if answers is not None:
        parts.append(f"answers [{', '.join(map(str, answers))}]")
    if evidence:
        parts.append(f"{len(evidence)} evidence row(s) added")
    if added_notes:
        parts.append(f"notes from {', '.join(added_notes)}")
    return change, [f"  {factor}: {'; '.join(parts)} (answers: {said})"]


# --- the command ------------------------------------------------------------------------------


def _periods(project: Project) -> list[str]:
    """The review periods a workbook may be made for: this review's, and the one ``review`` froze last."""
    periods = [str(project.organisation.review.period)]
    frozen = sorted(s.period for s in project.snapshots)
    if frozen and str(frozen[-1]) not in periods:
        periods.append(str(frozen[-1]))
    return periods


def collect(workspace: Workspace, workbooks: Sequence[tuple[Path, str]], *, dry_run: bool = False,
            wait: float = DEFAULT_WAIT_SECONDS, report: Callable[[str], None] | None = None) -> CollectOutcome:
    """Read *workbooks* ((path, name shown in messages) pairs) into the project of *workspace*."""
    workspace = workspace.absolute()
    project_dir = workspace.root
    content = project_dir / "content"
    with project_lock(project_dir, wait, report):
        if _lexists(project_dir / COLLECT_JOURNAL) is not None:
            done = _complete(project_dir)
            return CollectOutcome((), done + "; run the same collect again if you meant to collect more")
        if _lexists(content) is not None and not dry_run:
            _roll_back_leftovers(content)
        if not workbooks:
            return CollectOutcome((), "nothing to collect: name the returned workbooks (FILE.xlsx ...)")
        return _collect(workspace, workbooks, dry_run=dry_run)


def _collect(workspace: Workspace, workbooks: Sequence[tuple[Path, str]], *, dry_run: bool) -> CollectOutcome:
    project_dir = workspace.root
    loaded = load_project(workspace)
    project = loaded.project
    if project is None:
        raise InputError([d for d in loaded.diagnostics if d.severity == "error"])
    catalogue = project.catalogue
    scale = [(s.number, s.name) for s in catalogue.scale]
    teams = {t.id: t for t in project.teams}
    periods = _periods(project)
    problems: list[CellProblem] = []
    returned: list[Returned] = []
    for path, shown in workbooks:
        got, found = read_workbook(path, shown, catalogue, scale, periods, sorted(teams))
        problems += found
        if got is not None:
            returned.append(got)
    if problems:
        raise InputError(problems)
    by_target: dict[str | None, list[Returned]] = {}
    for r in returned:
        by_target.setdefault(r.team, []).append(r)
    lines: list[str] = []
    planned: dict[str, list[EntryChange]] = {}
    for team_id in sorted(by_target, key=lambda t: (t is not None, t or "")):
        entries = teams[team_id].assessment_by_factor if team_id is not None else \
            project.organisation.assessment_by_factor
        file = teams[team_id].file if team_id is not None else ORGANISATION
        lines.append(f"{f'team {team_id}' if team_id else 'the organisation'} ({file}), from "
                     f"{', '.join(r.file for r in by_target[team_id])}:")
        changes = []
        for factor in catalogue.factors:
            given = [_Given(r, a) for r in by_target[team_id] for a in r.answers if a.factor == factor.id]
            if not given:
                continue
            change, said = _change(factor.id, given, entries.get(factor.id), problems)
            lines += said
            if not change.empty:
                changes.append(change)
        if changes:
            planned[file] = changes
    if problems:
        raise InputError(problems)
    files = workspace.files()
    new_texts: dict[str, tuple[bytes, bytes]] = {}
    for file, changes in sorted(planned.items()):
        original = files.read_bytes(project_dir / file, file)
        if original is None:
            raise InputError([d for d in files.diagnostics if d.severity == "error"])
        text = original.decode("utf-8-sig")
        updated = edit_assessment(text, file, changes).encode("utf-8")
        if original.startswith(b"\xef\xbb\xbf"):
            updated = b"\xef\xbb\xbf" + updated
        if updated != original:
            new_texts[file] = (original, updated)
    changed = tuple(sorted(new_texts))
    if not changed:
        lines.append("no file changed: the workbooks say what the files already say")
    elif dry_run:
        lines.append(f"would change {', '.join(changed)} (--dry-run: nothing written)")
    else:
        _refuse_unwritable(project_dir, changed)
        _write_all(project_dir, {file: data for file, (_, data) in new_texts.items()})
        lines.append(f"changed {', '.join(changed)}; review the change (git diff), then run roadmap-gen validate")
    return CollectOutcome(changed, "\n".join(lines))


def _refuse_unwritable(project_dir: Path, files: Sequence[str]) -> None:
    problems = []
    for file in files:
        path = project_dir / file
        found = _lexists(path)
        if found is not None and os.path.islink(path):
            problems.append(error(Loc(file, 1, 1), "collect-unwritable", f"{file} is a symbolic link; collect "
                                  "replaces the file and will not replace a link", "put the file itself there"))
        elif read_only(path) or read_only(path.parent):
            problems.append(error(Loc(file, 1, 1), "collect-unwritable", f"{file} (or its folder) is read-only; "
                                  "collect would have to change it", "make it writable"))
    if read_only(project_dir / "content"):
        problems.append(error(Loc("content", 1, 1), "collect-unwritable", "content/ is read-only; collect "
                              "prepares its files there", "make the folder writable"))
    if problems:
        raise InputError(problems)


# --- all or nothing ---------------------------------------------------------------------------


def _write_all(project_dir: Path, files: dict[str, bytes]) -> None:
    content = project_dir / "content"
    entries = []
    try:
        for n, (file, data) in enumerate(sorted(files.items())):
            temp = f"{_PREFIX}{n}.new"
            _write_file(content / temp, data)
            entries.append({"temp": temp, "file": file, "after": _digest(data)})
        _fsync_dir(content)
    except BaseException:
        _roll_back_leftovers(content)
        raise
    commit(project_dir, COLLECT_JOURNAL, _JOURNAL_TEMP, {"files": entries}, _roll_back_leftovers, _complete,
           "collect", "collect")


def _roll_back_leftovers(content: Path) -> None:
    """No journal: whatever a killed run prepared is thrown away (the old files stay)."""
    try:
        names = os.listdir(content)
    except OSError:
        return
    leftovers = [n for n in names if n.startswith(_PREFIX) and (n.endswith(".new") or n == _JOURNAL_TEMP)]
    for name in leftovers:
        _remove_own(content / name)
    if leftovers:
        _fsync_dir(content)


def _complete(project_dir: Path) -> str:
    """Roll an interrupted collect forward from its journal; returns what was done."""
    content = project_dir / "content"
    journal_path = project_dir / COLLECT_JOURNAL
    damaged = (f"{COLLECT_JOURNAL} is damaged; restore content/ from version control, then remove the journal")
    try:
        journal = json.loads(journal_path.read_text("utf-8"))
        entries = [(str(e["temp"]), str(e["file"]), str(e["after"])) for e in journal["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise ProjectError(damaged) from None
    for temp, file, _ in entries:
        # Only names collect itself makes: a journal edited to point elsewhere is damaged, not obeyed.
        inside = file == ORGANISATION or (file.startswith("content/teams/") and "/" not in file[14:]
                                          and ".." not in file)
        if not (temp.startswith(_PREFIX) and temp.endswith(".new") and "/" not in temp) or not inside:
            raise ProjectError(damaged)
    for temp, file, _ in entries:
        if _lexists(content / temp) is not None:
            os.replace(content / temp, project_dir / file)
            _fsync_dir((project_dir / file).parent)
    for _, file, after in entries:
        if _digest((project_dir / file).read_bytes()) != after:
            raise ProjectError(f"{file} changed after the interrupted collect had begun; check it by hand, then "
                               f"remove {COLLECT_JOURNAL}")
    os.unlink(journal_path)
    _fsync_dir(content)
    return f"completed the collect interrupted earlier: wrote {', '.join(file for _, file, _ in entries)}"
