"""Find a project's files, read them, check them and build the model: the load stage.

All problems of every file come back together, sorted; the model is returned
only when there is no error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from roadmap_gen.load import build as build_model, references
from roadmap_gen.diagnostics import Diagnostic, Loc, error, sorted_diagnostics
from roadmap_gen.load.spec import SLUG_RE, Ctx, Rec, check
from roadmap_gen.load.format_v1 import CATALOGUE_FILE, ORGANISATION_FILE, TEAM_FILE
from roadmap_gen.model import Catalogue, Organisation, Page, Project, Snapshot, Team
from roadmap_gen.periods import Quarter
from roadmap_gen.resources import default_catalogue_dir
from roadmap_gen.load.yamlload import load_text
from roadmap_gen.load.calendar import check_calendar
from roadmap_gen.load.files import ProjectFiles
from roadmap_gen.load.journal import check_journal
from roadmap_gen.load.pagecheck import check_page
from roadmap_gen.load.settings import load_settings

ORGANISATION = "content/organisation.yaml"
DEFAULT_CATALOGUE_LABEL = "(packaged catalogue)"


@dataclass(frozen=True)
class Loaded:
    project: Project | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.project is not None


class _Reader:
    def __init__(self, root: Path, trust: bool = False):
        # Every project file is opened through ProjectFiles (load/files.py: regular files inside
        # the project only, unless trusted); its problems land in the same list.
        self.files = ProjectFiles(root, trust)
        self.root = self.files.root
        self.diags: list[Diagnostic] = self.files.diagnostics

    def rel(self, path: Path) -> str:
        return self.files.rel(path)

    def read(self, path: Path, label: str, spec, check_inside: bool = True) -> Rec | None:
        if check_inside:
            data = self.files.read_bytes(path, label)
        else:  # the packaged catalogue: part of the tool, not of the project
            data = path.read_bytes()
        if data is None:
            return None
        loaded = load_text(data, label)
        self.diags.extend(loaded.diagnostics)
        if loaded.diagnostics:
            return None
        ctx = Ctx()
        rec = check(loaded.root, spec, label, ctx)
        self.diags.extend(ctx.diagnostics)
        return rec if isinstance(rec, Rec) else None

    def yaml_files(self, folder: Path) -> list[Path]:
        return self.files.yaml_files(folder)


def load_project(root: Path, trust: bool = False) -> Loaded:
    """Load, check and model the project in ``root`` (untrusted unless *trust*: docs/security.md)."""
    reader = _Reader(root, trust)
    reader.diags.extend(check_journal(reader.root))
    content = reader.root / "content"
    org_path = content / "organisation.yaml"
    if not os.path.lexists(org_path):
        return Loaded(None, (error(Loc(ORGANISATION, 1, 1), "missing-file",
                                   "content/organisation.yaml is missing: it is the one required file",
                                   "run 'roadmap-gen init DIR' to start a project"),))
    catalogue, uses_default = _load_catalogue(reader, content / "catalogue")
    teams = _load_teams(reader, content / "teams")
    org_rec = reader.read(org_path, ORGANISATION, ORGANISATION_FILE)
    org = build_model.organisation(org_rec, ORGANISATION) if org_rec else None
    if org is not None:
        reader.diags.extend(check_calendar(org))
        _check_state(reader, org, teams, catalogue)
    snapshots = _load_snapshots(reader, content / "reviews", catalogue)
    pages = _load_pages(reader, content / "pages")
    reader.diags.extend(load_settings(ProjectFiles(reader.root, trust)).diagnostics)
    diags = sorted_diagnostics(reader.diags)
    if any(d.severity == "error" for d in diags) or org is None or catalogue is None:
        return Loaded(None, tuple(diags))
    project = Project(catalogue, org, teams, snapshots, pages, uses_default)
    return Loaded(project, tuple(diags))


def _load_catalogue(reader: _Reader, folder: Path) -> tuple[Catalogue | None, bool]:
    files = reader.yaml_files(folder)
    uses_default = not files
    if uses_default:
        default = default_catalogue_dir()
        files = ProjectFiles(default, trust=True).yaml_files(default)  # the tool's own files
        label: Callable[[Path], str] = lambda p: f"{DEFAULT_CATALOGUE_LABEL}/{p.name}"
    else:
        label = reader.rel
    parts = []
    for path in files:
        rec = reader.read(path, label(path), CATALOGUE_FILE, check_inside=not uses_default)
        if rec is not None:
            parts.append(build_model.catalogue_parts(rec, label(path)))
    if not parts:
        if not files:
            reader.diags.append(error(Loc("content/catalogue", 1, 1), "missing-file", "no catalogue found"))
        return None, uses_default
    catalogue, diags = build_model.merge_catalogue(parts, label(files[0]))
    reader.diags.extend(diags)
    reader.diags.extend(references.check_catalogue(catalogue))
    return catalogue, uses_default


def _check_state(reader: _Reader, org: Organisation, teams: tuple[Team, ...], catalogue: Catalogue | None) -> None:
    """References of an organisation and its teams (current or frozen) against the catalogue."""
    if catalogue is None:
        return
    team_ids = frozenset(t.id for t in teams) if teams else None
    reader.diags.extend(references.check_organisation(org, catalogue, team_ids))
    for team in teams:
        reader.diags.extend(references.check_team(team, catalogue, org.person_by_id))


def _load_teams(reader: _Reader, folder: Path) -> tuple[Team, ...]:
    """The team files of a folder, sorted by team id."""
    teams = []
    seen: dict[str, str] = {}
    for path in reader.yaml_files(folder):
        label = reader.rel(path)
        if not SLUG_RE.match(path.stem):
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
        rec = reader.read(path, label, TEAM_FILE)
        if rec is not None:
            teams.append(build_model.team(rec, path.stem, label))
    return tuple(sorted(teams, key=lambda t: t.id))


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
        rec = reader.read(org_path, label, ORGANISATION_FILE)
        if rec is None:
            continue
        org = build_model.organisation(rec, label)
        reader.diags.extend(check_calendar(org))
        teams = _load_teams(reader, sub / "teams")
        review = rec.get("review")
        has_period = isinstance(review, Rec) and review.has("period")  # else a form error says so already
        if has_period and org.review.period != period:
            reader.diags.append(error(org.review.locs("period"), "bad-period",
                                      f"this snapshot is in folder {sub.name} but describes {org.review.period}"))
        _check_state(reader, org, teams, catalogue)
        snapshots.append(Snapshot(period, org, teams))
    return tuple(sorted(snapshots, key=lambda s: s.period))


def _load_pages(reader: _Reader, folder: Path) -> tuple[Page, ...]:
    pages = []
    for path in reader.files.files_named(folder, ".md", near=(".md", ".markdown")):
        label = reader.rel(path)
        stem = path.name[: -len(".md")]
        if not SLUG_RE.match(stem):
            reader.diags.append(error(Loc(label, 1, 1), "bad-id",
                                      f"page file name '{path.name}' must be an id followed by .md"))
            continue
        text = reader.files.read_text(path, label)
        if text is not None:
            reader.diags.extend(check_page(text, label, reader.files.trust))
            pages.append(Page(stem, text))
    return tuple(pages)
