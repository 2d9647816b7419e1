"""The workbook ``roadmap-gen survey`` writes: a form for the people who know a team's level.

Sheets: ``Assessment`` (a bold, frozen header; one row per catalogue factor in catalogue order, the
team's current level and target filled in, a drop-down of the scale on both, the factor's level texts
in a comment on the level cell), ``Levels`` (every factor's level texts) and ``About`` (what the
workbook was made for, so ``collect`` can refuse a copy made for another catalogue or review).

No macros and no formulas: every text is stored as text, whatever it starts with. Same project,
same bytes: the workbook's times are the review's day, not the clock.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from roadmap_gen.downloads.xlsx import book_bytes, text_cell
from roadmap_gen.model import Assessment, Catalogue, Project
from roadmap_gen.survey.layout import ABOUT, ASSESSMENT, COLUMN, COLUMNS, LEVELS, fingerprint, level_label

#: Column widths of the Assessment sheet, in characters (the question and notes wrap).
WIDTHS = {"factor": 24, "title": 28, "question": 48, "level": 18, "target": 18, "evidence": 40,
          "evidence date": 14, "evidence link": 30, "notes": 40, "respondent": 20}
#: Longest list Excel accepts written out in a drop-down's rule; a longer one points at the Levels sheet.
INLINE_LIST_CHARS = 255
DATE_FORMAT = "yyyy-mm-dd"


def survey_bytes(project: Project, team_id: str | None) -> bytes:
    """The survey workbook for *team_id* (None: the organisation's own assessment)."""
    org = project.organisation
    if team_id is None:
        entries = org.assessment_by_factor
    else:
        entries = next(t for t in project.teams if t.id == team_id).assessment_by_factor
    book = Workbook()
    book.remove(book.active)
    _assessment(book.create_sheet(ASSESSMENT), project.catalogue, entries)
    _levels(book.create_sheet(LEVELS), project.catalogue)
    _about(book.create_sheet(ABOUT), project, team_id)
    when = datetime.combine(org.review.date, time(0))
    who = f"team {team_id}" if team_id else org.name
    book.properties.creator = "roadmap-gen"
    book.properties.lastModifiedBy = "roadmap-gen"
    book.properties.title = text_cell(f"Self-assessment of {who} for the {org.review.period} review")
    book.properties.created = when
    book.properties.modified = when
    return book_bytes(book, when)


def _text(ws: Any, row: int, column: int, value: str) -> Any:
    cell = ws.cell(row=row, column=column)
    cell.value = text_cell(value)
    cell.data_type = "s"  # text, never a formula or an error code, whatever it starts with
    return cell


def _header(ws: Any, names: tuple[str, ...]) -> None:
    bold = Font(bold=True)
    for c, name in enumerate(names, start=1):
        _text(ws, 1, c, name).font = bold
    ws.freeze_panes = "A2"


def _scale_rule(catalogue: Catalogue) -> str:
    """The drop-down's list: written out when it fits, else the scale's cells on the Levels sheet."""
    labels = [level_label(s.number, s.name) for s in catalogue.scale]
    inline = ",".join(labels)
    if len(inline) + 2 <= INLINE_LIST_CHARS and not any("," in label or '"' in label for label in labels):
        return f'"{inline}"'
    first = len(catalogue.factors) + 4  # the scale's rows on the Levels sheet (see _levels)
    return f"{LEVELS}!$A${first}:$A${first + len(labels) - 1}"


def _assessment(ws: Any, catalogue: Catalogue, entries: Any) -> None:
    _header(ws, COLUMNS)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    names = {s.number: s.name for s in catalogue.scale}
    last = len(catalogue.factors) + 1
    rule = _scale_rule(catalogue)
    levels = DataValidation(type="list", formula1=rule, allow_blank=True, showDropDown=False,
                            promptTitle="Level", prompt="Choose the level that is true today; the level texts are "
                            "in the cell's comment and on the Levels sheet.",
                            errorTitle="Not a level", error="Choose one of the levels in the list.")
    targets = DataValidation(type="list", formula1=rule, allow_blank=True, showDropDown=False,
                             promptTitle="Target", prompt="The level the team wants to reach.",
                             errorTitle="Not a level", error="Choose one of the levels in the list.")
    ws.add_data_validation(levels)
    ws.add_data_validation(targets)
    for r, factor in enumerate(catalogue.factors, start=2):
        a: Assessment | None = entries.get(factor.id)
        _text(ws, r, COLUMN["factor"] + 1, factor.id).alignment = top
        _text(ws, r, COLUMN["title"] + 1, factor.title).alignment = wrap
        _text(ws, r, COLUMN["question"] + 1, factor.question).alignment = wrap
        level_cell = ws.cell(row=r, column=COLUMN["level"] + 1)
        target_cell = ws.cell(row=r, column=COLUMN["target"] + 1)
        if a is not None and a.applicable:
            _text(ws, r, COLUMN["level"] + 1, level_label(a.level, names.get(a.level, "")).strip())
            _text(ws, r, COLUMN["target"] + 1, level_label(a.target, names.get(a.target, "")).strip())
        texts = "\n".join(f"{level_label(n, names.get(n, ''))}: {text}" for n, text in factor.levels)
        if texts:
            level_cell.comment = Comment(text_cell(texts), "roadmap-gen", width=420, height=240)
        levels.add(level_cell)
        targets.add(target_cell)
        for name in ("level", "target", "evidence", "evidence link", "notes", "respondent"):
            ws.cell(row=r, column=COLUMN[name] + 1).alignment = wrap if name in ("evidence", "notes") else top
        date_cell = ws.cell(row=r, column=COLUMN["evidence date"] + 1)
        date_cell.number_format = DATE_FORMAT
        date_cell.alignment = top
    for name, width in WIDTHS.items():
        ws.column_dimensions[get_column_letter(COLUMN[name] + 1)].width = width
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"


def _levels(ws: Any, catalogue: Catalogue) -> None:
    """One row per factor, one column per level of the scale; below, the scale itself."""
    scale = catalogue.scale
    _header(ws, ("factor", "title", *(level_label(s.number, s.name) for s in scale)))
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, factor in enumerate(catalogue.factors, start=2):
        _text(ws, r, 1, factor.id)
        _text(ws, r, 2, factor.title).alignment = wrap
        for c, s in enumerate(scale, start=3):
            _text(ws, r, c, factor.level_text(s.number)).alignment = wrap
    first = 2 + len(catalogue.factors) + 1
    _text(ws, first, 1, "scale").font = Font(bold=True)
    for r, s in enumerate(scale, start=first + 1):
        _text(ws, r, 1, level_label(s.number, s.name))
        _text(ws, r, 2, s.summary).alignment = wrap
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 28
    for c in range(3, len(scale) + 3):
        ws.column_dimensions[get_column_letter(c)].width = 40


def _about(ws: Any, project: Project, team_id: str | None) -> None:
    catalogue = project.catalogue
    rows = (("catalogue", catalogue.id), ("version", catalogue.version), ("fingerprint", fingerprint(catalogue)),
            ("team", team_id or ""), ("period", str(project.organisation.review.period)))
    for r, (key, value) in enumerate(rows, start=1):
        _text(ws, r, 1, key).font = Font(bold=True)
        _text(ws, r, 2, value)
    note = ("Made by roadmap-gen survey. Fill in the Assessment sheet and send the file back; collect reads it "
            "only for this catalogue and review. Do not edit this sheet.")
    _text(ws, len(rows) + 2, 1, note)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 70
