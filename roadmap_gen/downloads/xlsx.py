"""``roadmap.xlsx``: the plan as a workbook for a PMO that works in spreadsheets (``openpyxl``).

Sheets: plan (every planned item once, phase by phase, then the later work), owners, training, goals
and findings; each has a bold header row that stays in view (frozen) and a filter on every column.

Nothing in it is a formula. openpyxl stores a text that starts with ``=`` as a formula and one
that reads like an error code (``#N/A``) as an error; every text cell here is stored as text
(an inline string), whatever it starts with, so a title of ``=HYPERLINK(...)`` or ``+cmd|...``
is shown, never run. Characters a worksheet cannot hold (control characters) are dropped.

Same bytes for the same plan: the workbook's created and modified times and every file's time in
the zip archive are the review's day, not the clock.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.downloads.export import num
from roadmap_gen.model import Project
from roadmap_gen.plan.checks import info_of
from roadmap_gen.plan.types import Item, Plan

#: The oldest time a zip archive can record.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: Widest a column is made, in characters (longer text wraps in the spreadsheet's own way).
MAX_WIDTH = 60

Cell = Any  # str | int | float | bool | None


@dataclass(frozen=True)
class Sheet:
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _ids(values: Sequence[str]) -> str:
    return " ".join(values)


def plan_sheet(project: Project, plan: Plan) -> Sheet:
    titles = {f.id: f.title for f in project.catalogue.factors}

    def row(i: Item, period: str, phase: int | None, status: str, why: str, reason: str = "",
            detail: str = "") -> tuple[Cell, ...]:
        return (period, phase, i.id, i.title, i.factor, titles.get(i.factor, i.factor), i.dimension, i.raises_to,
                num(i.effort), i.owner or "", i.owner_name, _ids(i.responsible), _ids(i.training), status, i.pinned,
                _ids(i.goals), why, reason, detail, num(i.cost), _ids(i.after))

    rows = [row(i, str(phase.period), phase.index + 1, i.status, i.why.kind if i.why else "")
            for phase in plan.phases for i in phase.items]
    rows += [row(e.item, "later", None, "later", "", e.reason, e.detail) for e in plan.later]
    return Sheet("plan", ("period", "phase", "id", "title", "factor", "factor_title", "dimension", "raises_to",
                          "effort", "owner", "owner_name", "responsible", "training", "status", "pinned", "goals",
                          "why", "reason", "detail", "cost", "after"), tuple(rows))


def phases_sheet(plan: Plan) -> Sheet:
    """Each phase's effort and cost (work, training fees, total, in planning.currency) and funding."""
    rows = tuple((str(p.period), p.index + 1, num(p.effort), num(p.capacity), len(p.items), num(p.cost.work),
                  num(p.cost.training), num(p.cost.total), p.funded) for p in plan.phases)
    return Sheet("phases", ("period", "phase", "effort", "capacity", "items", "cost_work", "cost_training",
                            "cost_total", "funded"), rows)


def owners_sheet(plan: Plan) -> Sheet:
    titles = {i.id: i.title for i in plan.items}
    rows = tuple((str(o.period), o.person, o.name, o.external, o.count, _ids(o.items),
                  "; ".join(titles.get(i, i) for i in o.items), num(o.effort), o.over_limit)
                 for o in sorted(plan.owners, key=lambda o: (o.phase, o.person)))
    return Sheet("owners", ("period", "person", "name", "external", "pieces", "items", "titles", "effort",
                            "over_limit"), rows)


def training_sheet(project: Project, plan: Plan) -> Sheet:
    names = {p.id: p.name for p in project.organisation.people}
    rows = tuple((str(s.period), s.module, s.title, s.format, person, names.get(person, person), num(s.hours),
                  _ids(s.items), _ids(s.follow_up_of))
                 for s in plan.training.sessions for person in s.people)
    return Sheet("training", ("period", "module", "title", "format", "person", "name", "hours", "items",
                              "follow_up_of"), rows)


def goals_sheet(project: Project, plan: Plan) -> Sheet:
    names = {p.id: p.name for p in project.organisation.people}
    rows = tuple((g.id, g.statement, g.status, _ids(g.causes), g.metric or "", num(g.current), num(g.target),
                  str(g.due) if g.due else "", g.owner or "", names.get(g.owner or "", g.owner or ""),
                  str(g.needs_reached) if g.needs_reached else "", _ids(g.enabling), _ids(g.late),
                  g.original.status if g.original else "",
                  str(g.original.due) if g.original and g.original.due else "",
                  num(g.original.target) if g.original else None)
                 for g in plan.goals)
    return Sheet("goals", ("id", "statement", "status", "causes", "metric", "current", "target", "due", "owner",
                           "owner_name", "needs_reached", "enabling", "late", "original_status", "original_due",
                           "original_target"), rows)


def findings_sheet(plan: Plan) -> Sheet:
    rows = tuple((d.severity, d.check, info_of(d.check).title, d.file, d.line, d.col, d.message, d.hint,
                  d.about or "", d.waived, d.waiver.reason if d.waiver else "", d.waiver.until if d.waiver else "",
                  d.waiver.approved_by if d.waiver else "")
                 for d in sorted(plan.findings, key=Diagnostic.sort_key))
    return Sheet("findings", ("severity", "check", "title", "file", "line", "col", "message", "hint", "about",
                              "waived", "waiver_reason", "waiver_until", "waiver_approved_by"), rows)


def sheets(project: Project, plan: Plan) -> tuple[Sheet, ...]:
    return (plan_sheet(project, plan), phases_sheet(plan), owners_sheet(plan), training_sheet(project, plan),
            goals_sheet(project, plan), findings_sheet(plan))


def text_cell(value: str) -> str:
    """Text a worksheet can hold: control characters dropped, at most 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]


#: A goal status's colour in a workbook, as on the site (white text on it): at risk apart from off track.
STATUS_COLOURS = {"on-track": "15803D", "met": "1D4ED8", "at-risk": "92400E", "off-track": "B91C1C",
                  "missed": "7F1D1D", "no-data": "4B5563"}
STATUS_COLUMNS = ("status", "original_status")


def _fill(ws: Any, sheet: Sheet) -> None:
    bold = Font(bold=True)
    on_colour = Font(bold=True, color="FFFFFF")
    coloured = {c for c, h in enumerate(sheet.header, start=1) if sheet.name == "goals" and h in STATUS_COLUMNS}
    widths = [len(h) for h in sheet.header]
    for r, row in enumerate((sheet.header, *sheet.rows), start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = text_cell(value)
                cell.data_type = "s"  # text, never a formula or an error code, whatever it starts with
                widths[c - 1] = max(widths[c - 1], min(MAX_WIDTH, len(cell.value)))
            else:
                cell.value = value
                widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
            if r == 1:
                cell.font = bold
            elif c in coloured and value in STATUS_COLOURS:
                cell.fill = PatternFill("solid", fgColor=STATUS_COLOURS[str(value)])
                cell.font = on_colour
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{len(sheet.rows) + 1}"
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width + 2


def workbook_bytes(project: Project, plan: Plan, stamp: datetime | None = None) -> bytes:
    """``roadmap.xlsx`` for *project* and its *plan*; its times are *stamp* (default: the review's day)."""
    when = stamp.replace(tzinfo=None) if stamp else datetime.combine(plan.review_date, time(0))
    content = sheets(project, plan)
    title = f"{plan.organisation}: roadmap at the {plan.review} review"
    # Writing is most of the cost (a second for a large plan) and the same sheets give the same bytes:
    # serve rewrites the site on every edit, most of which (a team's page, a description) change no
    # sheet. The key is the sheets' repr, which tells 1, 1.0 and True apart where == does not.
    key = repr((content, title, when))
    data = _WRITTEN.get(key)
    if data is None:
        data = _workbook(content, title, when)
        _WRITTEN.clear()
        _WRITTEN[key] = data
    return data


_WRITTEN: dict[str, bytes] = {}


def _workbook(content: tuple[Sheet, ...], title: str, when: datetime) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in content:
        _fill(book.create_sheet(sheet.name), sheet)
    book.properties.creator = "roadmap-gen"
    book.properties.lastModifiedBy = "roadmap-gen"
    book.properties.title = title
    book.properties.created = when
    book.properties.modified = when
    return book_bytes(book, when)


def book_bytes(book: Workbook, when: datetime) -> bytes:
    """*book* as an .xlsx archive whose members are all stamped *when* (same book, same bytes)."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_times(raw.getvalue(), when)


def _fixed_times(data: bytes, when: datetime) -> bytes:
    """The archive again, every member stamped *when* (the zip writer stamps them with the clock)."""
    moment = max(ZIP_EPOCH, (when.year, when.month, when.day, when.hour, when.minute, when.second))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
