"""Helpers for the survey and collect tests: a project with a commented team file, and respondents'
copies of a survey filled in with openpyxl, as Excel or LibreOffice would save them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from roadmap_gen.load.project import load_project
from roadmap_gen.survey.workbook import survey_bytes

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "minimal"

#: A team file as people write them: comments everywhere, block and flow style, a factor left out.
TEAM = """\
# Team Alpha's own assessment (this comment stays)
team:
  name: Team Alpha
  lead: sam-okafor   # the lead
assessment:
  # leadership: the sponsor's view
  leadership:
    level: 1      # as of Q3
    target: 2
    evidence:
      - text: Sponsor briefed   # kept
        date: 2026-09-01
  measurement: {level: 2, target: 3}   # flow style kept
# trailing comment
"""


def project(tmp_path: Path, team: str = TEAM) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "content" / "teams" / "alpha.yaml").write_bytes(team.encode("utf-8"))
    return root


def survey(root: Path, team: str | None, where: Path) -> Path:
    loaded = load_project(root)
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics]
    where.write_bytes(survey_bytes(loaded.project, team))
    return where


def row_of(ws: Any, factor: str) -> int:
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == factor:
            return row
    raise AssertionError(f"no row for {factor}")


COL = {"level": "D", "target": "E", "evidence": "F", "evidence date": "G", "evidence link": "H", "notes": "I",
       "respondent": "J"}


def fill(source: Path, target: Path, answers: dict[str, dict[str, Any]],
         edit: Callable[[Any], None] | None = None) -> Path:
    """A respondent's copy of *source*: per factor, column name -> value (None clears the cell)."""
    book = load_workbook(source)
    ws = book["Assessment"]
    for factor, values in answers.items():
        row = row_of(ws, factor)
        for column, value in values.items():
            ws[f"{COL[column]}{row}"] = value
    if edit is not None:
        edit(book)
    book.save(target)
    return target


def clear_answers(book: Any) -> None:
    ws = book["Assessment"]
    for row in range(2, ws.max_row + 1):
        for column in ("level", "target"):
            ws[f"{COL[column]}{row}"] = None
