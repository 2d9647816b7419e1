"""``roadmap-gen review PERIOD``: freeze this review, open the next one.

The current ``organisation.yaml`` and team files are copied byte for byte into
``content/reviews/<review.period>/``; then ``organisation.yaml`` is edited in
place, value by value, at the positions the loader recorded, so every comment,
quote style and key order stays as the user wrote it. Both steps are prepared
first and committed last; a failure in between rolls the snapshot back.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from roadmap_gen.diagnostics import InputError, ProjectError, UsageError
from roadmap_gen.periods import Quarter, add_months
from roadmap_gen.load.project import load_project
from roadmap_gen.load.yamlload import Mapping, Scalar, load_text


@dataclass(frozen=True)
class ReviewOutcome:
    snapshot: Path
    message: str


@dataclass(frozen=True)
class Edit:
    start: tuple[int, int]
    end: tuple[int, int]
    text: str


def _offset(line_starts: list[int], pos: tuple[int, int]) -> int:
    return line_starts[pos[0] - 1] + pos[1] - 1


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Replace scalar values at their recorded positions (later edits first, so offsets hold)."""
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        a, b = _offset(starts, edit.start), _offset(starts, edit.end)
        original = text[a:b]
        quote = original[0] if original[:1] in ("'", '"') else ""
        text = text[:a] + f"{quote}{edit.text}{quote}" + text[b:]
    return text


def _scalar(root: object, *path: str) -> Scalar | None:
    node = root
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node if isinstance(node, Scalar) and node.value is not None else None


def plan_edits(text: str, file: str, new_period: Quarter, day: date) -> tuple[list[Edit], Quarter]:
    loaded = load_text(text, file)
    if loaded.diagnostics:
        raise InputError(loaded.diagnostics)
    root = loaded.root
    period_node = _scalar(root, "review", "period")
    date_node = _scalar(root, "review", "date")
    old_period = Quarter.parse(str(period_node.value)) if period_node else None
    if period_node is None or date_node is None or old_period is None:
        raise ProjectError("organisation.yaml has no valid review.period and review.date to move on")
    edits = [Edit(period_node.loc_pos, period_node.end, str(new_period)),
             Edit(date_node.loc_pos, date_node.end, day.isoformat())]
    next_node = _scalar(root, "review", "next")
    if next_node is not None:
        edits.append(Edit(next_node.loc_pos, next_node.end, add_months(day, 3).isoformat()))
    start_node = _scalar(root, "planning", "start")
    start = Quarter.parse(str(start_node.value)) if start_node else None
    if start_node is not None and start is not None:
        edits.append(Edit(start_node.loc_pos, start_node.end, str(start.shift(new_period - old_period))))
    return edits, old_period


def open_review(project_dir: Path, period_text: str, day: date) -> ReviewOutcome:
    new_period = Quarter.parse(period_text)
    if new_period is None:
        raise UsageError(f"'{period_text}' is not a quarter; write it as YYYY-Qn, e.g. 2027-Q1")
    loaded = load_project(project_dir)
    if loaded.project is None:
        raise InputError(loaded.diagnostics)
    org = loaded.project.organisation
    if new_period <= org.review.period:
        raise ProjectError(f"{new_period} is not after the current review {org.review.period}")
    content = project_dir / "content"
    org_path = content / "organisation.yaml"
    snapshot = content / "reviews" / str(org.review.period)
    if snapshot.exists():
        raise ProjectError(f"{snapshot.relative_to(project_dir)} already exists: review {org.review.period} "
                           "was frozen before; refusing to overwrite it")
    original = org_path.read_bytes()
    text = original.decode("utf-8-sig")
    edits, _ = plan_edits(text, "content/organisation.yaml", new_period, day)
    updated = apply_edits(text, edits).encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        updated = b"\xef\xbb\xbf" + updated

    staging = snapshot.with_name(f".{snapshot.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    org_temp = org_path.with_name(".organisation.yaml.tmp")
    try:
        (staging / "teams").mkdir(parents=True)
        shutil.copyfile(org_path, staging / "organisation.yaml")
        teams = content / "teams"
        if teams.is_dir():
            for path in sorted(teams.iterdir()):
                if path.is_file() and path.suffix in (".yaml", ".yml"):
                    shutil.copyfile(path, staging / "teams" / path.name)
        if not any((staging / "teams").iterdir()):
            (staging / "teams").rmdir()
        org_temp.write_bytes(updated)
        os.replace(staging, snapshot)
        try:
            os.replace(org_temp, org_path)
        except BaseException:
            shutil.rmtree(snapshot, ignore_errors=True)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if org_temp.exists():
            org_temp.unlink()
    message = "\n".join([
        f"froze review {org.review.period} into {snapshot.relative_to(project_dir).as_posix()}/",
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
