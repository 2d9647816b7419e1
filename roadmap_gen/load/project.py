"""Find a project's files, read them, check them and build the model: the load stage.

All problems of every file come back together, sorted; the model is returned
only when there is no error (with errors only in files that can be left out, a
partial one comes back beside them, for the health checks alone).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error, sorted_diagnostics
from roadmap_gen.core.periods import Quarter
from roadmap_gen.core.resources import default_catalogue_dir
from roadmap_gen.load import references
from roadmap_gen.load.calendar import check_calendar
from roadmap_gen.load.journal import check_journal
from roadmap_gen.load.taint import Built, Entry, Taint, entries, find_taint, whole_file, without_tainted
from roadmap_gen.markdown.pagecheck import check_page
from roadmap_gen.markdown.pagesize import check_page_size
from roadmap_gen.markdown.setup import DEFAULT_SETUP, MarkdownSetup, markdown_setup
from roadmap_gen.model import (
    FILES,
    Catalogue,
    FrozenPlan,
    GeneratorSettings,
    Organisation,
    Page,
    Project,
    Snapshot,
    Team,
)
from roadmap_gen.settings.read import load_settings
from roadmap_gen.spec.fields import MISSING, SLUG_RE, Ctx, Locs, Record, check_file
from roadmap_gen.spec.yamlread import load_text
from roadmap_gen.workspace.files import ProjectFiles
from roadmap_gen.workspace.workspace import Workspace, as_workspace

ORGANISATION = "content/organisation.yaml"
DEFAULT_CATALOGUE_LABEL = "(packaged catalogue)"
#: How the site is built (engine, offline) and how ``track`` reads a tracker: optional, at the project's root.
GENERATOR_SETTINGS = "roadmap-gen.yaml"
#: Where the snapshots of earlier reviews are, each in a folder named by its quarter.
REVIEWS_FOLDER = "content/reviews/"
#: The file beside a review's snapshot holding the plan published at that review (written by ``review``).
FROZEN_PLAN = "roadmap.json"


@dataclass(frozen=True)
class Loaded:
    project: Project | None
    diagnostics: tuple[Diagnostic, ...]
    #: When there are errors, but only in files that can be left out (see :func:`can_leave_out`): the
    #: project without them, so that the health checks can run on it and a user meets the errors and the
    #: warnings in one run. Never built, exported or published from; else None.
    partial: Project | None = None
    #: With a partial project whose errors are in the organisation, the catalogue or a snapshot: the entries
    #: they touch (left out of ``partial``), whose findings are not to be reported; only the local checks run.
    taint: Taint | None = None


#: Files whose errors leave the rest of a project fit for its health checks. The plan never reads the
#: site's settings and style, hand-written pages or how the site is built; a team file with errors is left
#: out, and the few checks that look at every team at once (a median across the teams) or at every other
#: finding (a waiver that matches nothing) are held back (``partial=False`` in the registry). An error in
#: any other file (the organisation, the catalogue, a snapshot) leaves out the entries it touches, and
#: only the local checks run (load/taint.py); an error outside every entry holds the checks back.
_NOT_READ_BY_PLAN_FOLDERS = ("content/pages/", "site_config/")
_NOT_READ_BY_PLAN_FILES = ("mkdocs.yml", GENERATOR_SETTINGS)
_TEAMS_FOLDER = "content/teams/"


def _not_read_by_plan(file: str) -> bool:
    return file.startswith(_NOT_READ_BY_PLAN_FOLDERS) or file in _NOT_READ_BY_PLAN_FILES


def can_leave_out(file: str) -> bool:
    """Whether the health checks may run on a project without *file* (a diagnostic's project-relative path)
    when it has errors: only the findings that file itself would give can then be missing, none is added."""
    return _not_read_by_plan(file) or file.startswith(_TEAMS_FOLDER)


class _Reader:
    def __init__(self, workspace: Workspace, memo: LoadMemo | None = None):
        # Every project file is opened through ProjectFiles (workspace/files.py: regular files inside
        # the project only, unless trusted); its problems land in the same list.
        self.workspace = workspace
        self.files = workspace.files()
        self.root = self.files.root
        self.diags: list[Diagnostic] = self.files.diagnostics
        self.memo = memo
        #: What each file read held, and its record: the entries of a file are found from them on demand.
        self.read_files: dict[str, tuple[bytes, Record]] = {}

    def rel(self, path: Path) -> str:
        return self.files.rel(path)

    def read(self, path: Path, label: str, record: Record, *, check_inside: bool = True,
             context: Mapping[str, Any] | None = None) -> Any:
        if check_inside:
            data = self.files.read_bytes(path, label)
        else:  # the packaged catalogue: part of the tool, not of the project
            data = path.read_bytes()
        if data is None:
            return None
        self.read_files[label] = (data, record)
        built, diagnostics = _checked(data, label, record, tuple(sorted((context or {}).items())),
                                      self.memo)
        self.diags.extend(diagnostics)
        return built

    def yaml_files(self, folder: Path) -> list[Path]:
        return self.files.yaml_files(folder)

    def entries(self, label: str, *, failed: bool = False) -> list[Entry] | None:
        """The entries of a file read (see load/taint.py); a team's file that *failed* is one entry.
        None for what was not read as a file of fields (a folder, a file that is not YAML)."""
        found = self.read_files.get(label)
        if found is None:
            return None
        if failed and found[1] is FILES["team"]:
            return [whole_file(label, Path(label).stem)]
        root = load_text(found[0], label).root
        # A snapshot's settings (its review's date and period) are what every comparison with it rests on.
        return None if root is None else entries(root, found[1], label, settings_hold_back=label.startswith(
            REVIEWS_FOLDER))


def _checked(data: bytes, label: str, record: Record, context: tuple[tuple[str, Any], ...],
             memo: LoadMemo | None) -> tuple[Any, tuple[Diagnostic, ...]]:
    """One file's model object and its diagnostics: what its bytes give.

    The object is None only when the file cannot be read as YAML, is empty or is not a map of fields;
    a file with errors in its fields still gives one (neutral values stand in for the wrong ones),
    so whether the file is sound is said by the diagnostics, not by the object."""
    kind = _FILE_KINDS.get(id(record))
    key = (label, hashlib.sha256(data).digest(), kind, context) if memo is not None and kind else None
    found = memo.get(key) if memo is not None and key is not None else None
    if found is not None:
        return found
    loaded = load_text(data, label)
    if loaded.diagnostics:
        built, diagnostics = None, tuple(loaded.diagnostics)
    else:
        ctx = Ctx()
        made = check_file(loaded.root, record, label, ctx, {"file": label, **dict(context)})
        built, diagnostics = (None if made is MISSING else made), tuple(ctx.diagnostics)
    if memo is not None and key is not None:
        memo.put(key, (built, diagnostics))
    return built, diagnostics


#: The kind of file each record reads (its name in model.FILES): part of a memo's key, which outlives the
#: process when a build keeps it (site/loadcache.py).
_FILE_KINDS = {id(record): kind for kind, record in FILES.items()}

#: A memo's key: (the file's project-relative name, the SHA-256 of its bytes, the kind of file it is read
#: as, the context the loader supplies); its value: (the file's model object or None, its diagnostics).
MemoKey = tuple[str, bytes, str, tuple[tuple[str, Any], ...]]
MemoValue = tuple[Any, tuple[Diagnostic, ...]]


class LoadMemo:
    """What each YAML file gave (model object and diagnostics) in the last load and the one before, for a
    process that loads one project again and again (``serve``, on every edit) or a load that starts from
    what the last build kept (site/loadcache.py): a file whose bytes did not change is not parsed or
    checked again, at a thousand team files most of the time of loading.

    Owned and passed by its caller. What a file gives depends on nothing but its bytes, its
    project-relative name, the kind of file it is read as and the context the loader supplies (a team's
    id, a catalogue file's name): all of it is the key. Every file is still opened through the workspace
    (its checks run on every load); what the files give together (references, the merged catalogue) is
    worked out afresh. Never more than two projects' worth. *kept*: entries to start from."""

    def __init__(self, kept: Mapping[MemoKey, MemoValue] | None = None) -> None:
        self._before: dict[Any, Any] = {}
        self._now: dict[Any, Any] = dict(kept or {})
        #: Entries put since the memo was made: new results, which a kept memo is worth saving for.
        self.fresh = 0
        #: Results another process is making (:meth:`offer`): the files' names, and what waits for them.
        self._offered: tuple[frozenset[str], Callable[[], Mapping[MemoKey, MemoValue] | None]] | None = None
        self._ahead: dict[Any, Any] = {}

    @property
    def empty(self) -> bool:
        """Whether the memo holds no result at all (a first load, with nothing kept)."""
        return not self._now and not self._before

    def start(self) -> None:
        """A new load begins: what the load before last gave is dropped."""
        self._before, self._now = self._now, {}

    def offer(self, labels: Collection[str], take: Callable[[], Mapping[MemoKey, MemoValue] | None]) -> None:
        """Results of the files *labels* that another process is making (:func:`read_ahead`): ``take()``
        waits for them (None: that process failed). Taken when the load first asks for one of those files
        that is not in the memo, and used as any other result: for a file whose bytes are the ones read."""
        self._offered = (frozenset(labels), take)

    def get(self, key: MemoKey) -> MemoValue | None:
        found = self._now.get(key, self._before.get(key))
        if found is None and self._offered is not None and key[0] in self._offered[0]:
            take, self._offered = self._offered[1], None
            self._ahead = dict(take() or {})
        if found is None and self._ahead:
            found = self._ahead.pop(key, None)
            if found is not None:
                self.fresh += 1  # a new result, as if made here
        if found is not None:
            self._now[key] = found
        return found

    def put(self, key: MemoKey, value: MemoValue) -> None:
        self.fresh += 1
        self._now[key] = value

    def entries(self) -> dict[MemoKey, MemoValue]:
        """What the last load used: each file's result, by its key."""
        return dict(self._now)


def load_project(where: Workspace | Path, *, memo: LoadMemo | None = None) -> Loaded:
    """Load, check and model the project of *where* (a bare folder is untrusted: docs/security.md).
    With *memo*, a file that gave a result in the memo's last load and has the same bytes is not parsed
    again (the result is the same as without it)."""
    if memo is not None:
        memo.start()
    reader = _Reader(as_workspace(where), memo)
    reader.diags.extend(check_journal(reader.root))
    content = reader.root / "content"
    org_path = content / "organisation.yaml"
    if not os.path.lexists(org_path):
        return Loaded(None, (error(Loc(ORGANISATION, 1, 1), "missing-file",
                                   "content/organisation.yaml is missing: it is the one required file",
                                   "run 'roadmap-gen init DIR' to start a project"),))
    catalogue, uses_default = _load_catalogue(reader, content / "catalogue")
    teams, team_ids = _load_teams(reader, content / "teams")
    org: Organisation | None = reader.read(org_path, ORGANISATION, FILES["organisation"])
    if org is not None:
        reader.diags.extend(check_calendar(org))
        org = _check_state(reader, org, teams, team_ids, catalogue)
    snapshots = _load_snapshots(reader, content / "reviews", catalogue)
    site_settings = load_settings(reader.workspace.files())
    # Pages are checked as the site will hold them: converted with the project's Markdown settings,
    # when those passed their checks (untrusted, an extension refused there must not run here).
    setup = markdown_setup(site_settings.data) if site_settings.ok else DEFAULT_SETUP
    pages = _load_pages(reader, content / "pages", setup)
    generator = _load_generator_settings(reader)
    reader.diags.extend(site_settings.diagnostics)
    diags = sorted_diagnostics(reader.diags)
    if org is None or catalogue is None:
        return Loaded(None, tuple(diags))
    project = Project(catalogue=catalogue, organisation=org, teams=teams, snapshots=snapshots, pages=pages,
                      uses_default_catalogue=uses_default, settings=generator)
    if any(d.severity == "error" for d in diags):
        return Loaded(None, tuple(diags), *_partial(reader, project, diags))
    return Loaded(project, tuple(diags))


def _partial(reader: _Reader, project: Project, diags: list[Diagnostic]) -> tuple[Project | None, Taint | None]:
    """The project without what its errors touch, for the health checks, and the taint when the errors
    are in the organisation, the catalogue or a snapshot; (None, None) when the checks must wait."""
    errors = [d for d in diags if d.severity == "error" and not _not_read_by_plan(d.file)]
    failed = {d.file for d in errors}
    teams = tuple(t for t in project.teams if t.file not in failed)
    if all(f.startswith(_TEAMS_FOLDER) for f in failed):
        return replace(project, teams=teams), None
    files: dict[str, list[Entry]] = {}
    for file in failed:
        found = reader.entries(file, failed=True)
        if found is None:
            return None, None
        files[file] = found
    built = [Built(FILES["organisation"], project.organisation), Built(FILES["catalogue"], project.catalogue)]
    built += [Built(FILES["team"], t) for t in teams]
    for snapshot in project.snapshots:
        built.append(Built(FILES["organisation"], snapshot.organisation))
        built += [Built(FILES["team"], t) for t in snapshot.teams]
    taint = find_taint(errors, files, built, lambda file: reader.entries(file) or [])
    if taint is None:
        return None, None

    def kept(some: tuple[Team, ...]) -> tuple[Team, ...]:
        return tuple(without_tainted(t, FILES["team"], taint) for t in some if not taint.holds(t.locs.at_entity))

    snapshots = tuple(replace(s, organisation=without_tainted(s.organisation, FILES["organisation"], taint),
                              teams=kept(s.teams)) for s in project.snapshots)
    return replace(project, organisation=without_tainted(project.organisation, FILES["organisation"], taint),
                   catalogue=without_tainted(project.catalogue, FILES["catalogue"], taint), teams=kept(teams),
                   snapshots=snapshots), taint


def load_catalogue(root: Path) -> tuple[Catalogue | None, tuple[Diagnostic, ...], bool]:
    """Only the catalogue of the project in ``root`` (the packaged one when it has none of its own).

    Returns the catalogue (None on errors), the diagnostics, and whether it is the packaged one.
    """
    reader = _Reader(Workspace(root))
    catalogue, uses_default = _load_catalogue(reader, reader.root / "content" / "catalogue")
    diags = sorted_diagnostics(reader.diags)
    if any(d.severity == "error" for d in diags):
        catalogue = None
    return catalogue, tuple(diags), uses_default


def _default_catalogue_label(path: Path) -> str:
    return f"{DEFAULT_CATALOGUE_LABEL}/{path.name}"


def _load_catalogue(reader: _Reader, folder: Path) -> tuple[Catalogue | None, bool]:
    files = reader.yaml_files(folder)
    uses_default = not files
    if uses_default:
        default = default_catalogue_dir()
        files = ProjectFiles(default, trust=True).yaml_files(default)  # the tool's own files
        label: Callable[[Path], str] = _default_catalogue_label
    else:
        label = reader.rel
    parts: list[Catalogue] = []
    for path in files:
        part = reader.read(path, label(path), FILES["catalogue"], check_inside=not uses_default,
                           context={"files": (label(path),)})
        if part is not None:
            parts.append(part)
    if not parts:
        if not files:
            reader.diags.append(error(Loc("content/catalogue", 1, 1), "missing-file", "no catalogue found"))
        return None, uses_default
    catalogue, diags = merge_catalogues(parts, label(files[0]))
    reader.diags.extend(diags)
    reader.diags.extend(references.check_catalogue(catalogue))
    return catalogue, uses_default


def _check_state(reader: _Reader, org: Organisation, teams: tuple[Team, ...], team_ids: frozenset[str],
                 catalogue: Catalogue | None, *, frozen: bool = False) -> Organisation:
    """References of an organisation and its teams (current or *frozen*) against the catalogue; returns
    the organisation with its entries of retired actions resolved. *team_ids*: every team that has a file,
    loaded or not (a team whose file has errors is no unknown team: its errors say what is wrong)."""
    if catalogue is None:
        return org
    reader.diags.extend(references.check_organisation(org, catalogue, team_ids or None, frozen=frozen))
    reader.diags.extend(references.check_teams(teams, catalogue, org.person_by_id))
    return references.without_retired(org, catalogue)


def _load_teams(reader: _Reader, folder: Path) -> tuple[tuple[Team, ...], frozenset[str]]:
    """The teams of a folder's team files that load, sorted by team id, and the ids of all of them."""
    teams = []
    seen: dict[str, str] = {}
    for path in reader.yaml_files(folder):
        label = reader.rel(path)
        if not SLUG_RE.fullmatch(path.stem):
            reader.diags.append(error(Loc(label, 1, 1), "bad-id",
                                      f"team file name '{path.stem}' is not a valid id",
                                      "name team files like 'service-desk.yaml': lowercase letters, digits, '-'"))
            continue
        if path.stem in seen:  # alpha.yaml and alpha.yml: one team id, two files
            reader.diags.append(error(Loc(label, 1, 1), "duplicate-id",
                                      f"team '{path.stem}' is defined twice: also in {seen[path.stem]}",
                                      "keep one file per team"))
            continue
        seen[path.stem] = label
        team = _read_team(reader, path, label)
        if team is not None:
            teams.append(team)
    return tuple(sorted(teams, key=lambda t: t.id)), frozenset(seen)


def _read_team(reader: _Reader, path: Path, label: str) -> Team | None:
    return reader.read(path, label, FILES["team"], context={"id": path.stem})


def team_files(where: Workspace | Path) -> list[Path]:
    """The team files of the project's current state (content/teams), in the order a load reads them."""
    workspace = as_workspace(where)
    return workspace.files().yaml_files(workspace.root / "content" / "teams")


def read_ahead(where: Workspace | Path, paths: Sequence[Path]) -> dict[MemoKey, MemoValue]:
    """What reading each of *paths* as a team file gives, by its :class:`LoadMemo` key: the work of a
    process that reads a share of the team files while another loads the project (:meth:`LoadMemo.offer`).
    A file it cannot read gives nothing (the load reads it again and says why)."""
    memo = LoadMemo()
    reader = _Reader(as_workspace(where), memo)
    for path in paths:
        _read_team(reader, path, reader.rel(path))
    return memo.entries()


def _load_snapshots(reader: _Reader, folder: Path, catalogue: Catalogue | None) -> tuple[Snapshot, ...]:
    snapshots = []
    for sub in (p for p in reader.files.entries(folder) if p.is_dir()):
        period = Quarter.parse(sub.name)
        org_path = sub / "organisation.yaml"
        label = reader.rel(org_path)
        if period is None:
            reader.diags.append(error(Loc(reader.rel(sub), 1, 1), "bad-period",
                                      f"review folder '{sub.name}' is not named by a quarter",
                                      "name review folders YYYY-Qn, e.g. content/reviews/2026-Q3"))
            continue
        if not os.path.lexists(org_path):
            reader.diags.append(error(Loc(label, 1, 1), "missing-file",
                                      f"review {sub.name} has no organisation.yaml"))
            continue
        org = reader.read(org_path, label, FILES["organisation"])
        if org is None:
            continue
        reader.diags.extend(check_calendar(org))
        teams, team_ids = _load_teams(reader, sub / "teams")
        # A review.period that is missing or not a quarter is a form error already.
        written = org.review.locs.has("period") and not any(
            d.loc == org.review.locs("period") for d in reader.diags)
        if written and org.review.period != period:
            reader.diags.append(error(org.review.locs("period"), "bad-period",
                                      f"this snapshot is in folder {sub.name} but describes {org.review.period}"))
        org = _check_state(reader, org, teams, team_ids, catalogue, frozen=True)
        snapshots.append(Snapshot(period=period, organisation=org, teams=teams,
                                  plan=_load_frozen_plan(reader, sub / FROZEN_PLAN, period)))
    return tuple(sorted(snapshots, key=lambda s: s.period))


def _load_generator_settings(reader: _Reader) -> GeneratorSettings:
    path = reader.root / GENERATOR_SETTINGS
    if not os.path.lexists(path):
        return GeneratorSettings()
    found: GeneratorSettings | None = reader.read(path, GENERATOR_SETTINGS, FILES["settings"])
    return found if found is not None else GeneratorSettings()


def _load_frozen_plan(reader: _Reader, path: Path, period: Quarter) -> FrozenPlan | None:
    """The plan ``review`` froze beside a snapshot, checked like any input; None when there is none."""
    if not os.path.lexists(path):
        return None
    label = reader.rel(path)
    plan: FrozenPlan | None = reader.read(path, label, FILES["frozen-plan"])
    if plan is not None and plan.review != period:
        reader.diags.append(error(plan.locs("review"), "bad-period",
                                  f"this frozen plan is in the folder of review {period} but was made at {plan.review}",
                                  f"copy the plan made at {period} here, or delete the file (the plan is then "
                                  f"recomputed)"))
        return None
    return plan


def _load_pages(reader: _Reader, folder: Path, setup: MarkdownSetup) -> tuple[Page, ...]:
    pages = []
    for path in reader.files.files_named(folder, ".md", near=(".md", ".markdown")):
        label = reader.rel(path)
        stem = path.name[: -len(".md")]
        if not SLUG_RE.fullmatch(stem):
            reader.diags.append(error(Loc(label, 1, 1), "bad-id",
                                      f"page file name '{path.name}' must be an id followed by .md"))
            continue
        text = reader.files.read_text(path, label)
        too_large = check_page_size(text, label) if text is not None else []
        reader.diags.extend(too_large)  # refused before anything converts it
        if text is not None and not too_large:
            reader.diags.extend(check_page(text, label, setup, trust=reader.workspace.trust))
            pages.append(Page(name=stem, text=text))
    return tuple(pages)


# --- merging catalogue files ------------------------------------------------------------------


def _defined(part: Catalogue) -> list[tuple[str, str, Loc]]:
    """(kind, id, where) of every id a catalogue file defines."""
    out = [("role", r.id, r.locs.at_entity) for r in part.roles]
    out += [("training module", m.id, m.locs.at_entity) for m in part.training]
    for f in part.factors:
        out.append(("factor", f.id, f.locs.at_entity))
        out += [("metric", m.id, m.locs.at_entity) for m in f.metrics if m.id]
        out += [("action", a.id, a.locs.at_entity) for a in f.actions if a.id]
    return out


def merge_catalogues(parts: list[Catalogue], fallback_file: str) -> tuple[Catalogue, list[Diagnostic]]:
    """Merge catalogue files; exactly one holds the ``catalogue:`` block, no id is defined twice."""
    diags: list[Diagnostic] = []
    headers = [p for p in parts if p.has_header]
    if not headers:
        diags.append(error(Loc(fallback_file, 1, 1), "catalogue-header",
                           "no catalogue file has the 'catalogue:' block (id, title, scale, dimensions)",
                           "add it to one of the files under content/catalogue/"))
    for extra in headers[1:]:
        diags.append(error(extra.locs("catalogue"), "catalogue-header",
                           f"a second 'catalogue:' block; the first is in {headers[0].files[0]}",
                           "keep one catalogue block and move the rest to 'factors', 'roles', 'training'"))
    first: dict[tuple[str, str], Loc] = {}
    for part in parts:
        for kind, ident, loc in _defined(part):
            other = first.setdefault((kind, ident), loc)
            if other is not loc:
                diags.append(error(loc, "duplicate-id", f"{kind} '{ident}' is defined twice: also at "
                                                        f"{other.file}:{other.line}:{other.col}"))
    header: Catalogue = headers[0] if headers else FILES["catalogue"].empty()

    def unique(items: list[Any]) -> tuple[Any, ...]:
        seen: dict[str, Any] = {}
        for item in items:
            seen.setdefault(item.id, item)
        return tuple(seen.values())

    catalogue = replace(
        header, scale=tuple(sorted(header.scale, key=lambda s: s.number)),
        roles=unique([r for p in parts for r in p.roles]),
        training=unique([t for p in parts for t in p.training]),
        factors=unique([f for p in parts for f in p.factors]),
        files=tuple(f for p in parts for f in p.files))
    if not headers:
        catalogue = replace(catalogue, locs=Locs(Loc(fallback_file, 1, 1)))
    return catalogue, diags
