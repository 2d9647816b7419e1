"""Reading a returned survey workbook: hostile until read.

Before openpyxl sees a byte, the file must be small enough, a zip archive whose members (as their
headers declare them, which bound what the zip reader will inflate) add up to a bounded size, with
no macros (``vbaProject.bin``) and no links to other workbooks. Cells are read as written:
``data_only=False``, so a formula arrives as its text and is refused, never evaluated (openpyxl
evaluates nothing either way). Rows past a limit are not read. Every problem is located as
``FILE:SHEET!CELL`` and nothing of a workbook with a problem is used.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from roadmap_gen.core.diagnostics import Diagnostic, Loc
from roadmap_gen.core.escape import link_target
from roadmap_gen.core.periods import parse_date
from roadmap_gen.model import Catalogue
from roadmap_gen.survey.layout import (
    ABOUT,
    ABOUT_KEYS,
    ANSWER_COLUMNS,
    ASSESSMENT,
    COLUMN,
    COLUMNS,
    LEVELS,
    Evidence,
    fingerprint,
)

#: Largest returned workbook read (the survey itself is tens of kilobytes).
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
#: Largest the archive's members may add up to, inflated (a zip bomb declares more).
MAX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
#: Rows read below the Assessment header: generous beyond one per factor, bounded against a huge sheet.
MAX_ROWS = 2000
#: Longest text taken from one cell (a worksheet cell holds at most 32,767 characters).
MAX_TEXT = 32767


@dataclass(frozen=True)
class CellProblem(Diagnostic):
    """A problem in a workbook, located as ``FILE:SHEET!CELL`` (no cell: the file as a whole)."""

    cell: str = ""

    def format(self) -> str:
        plain = super().format()
        prefix = f"{self.loc.file}:{self.loc.line}:{self.loc.col}: "
        return f"{self.loc.file}:{self.cell}: " + plain[len(prefix):] if self.cell else \
            f"{self.loc.file}: " + plain[len(prefix):]

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "cell": self.cell}


def problem(file: str, cell: str, check: str, message: str, hint: str = "") -> CellProblem:
    return CellProblem(Loc(file), "error", check, message, hint, cell=cell)


@dataclass(frozen=True)
class Answer:
    """One filled-in row of the Assessment sheet."""

    factor: str
    row: int
    level: int | None
    target: int | None
    evidence: Evidence | None
    notes: str
    respondent: str


@dataclass(frozen=True)
class Returned:
    file: str  # as named on the command line
    team: str | None  # None: the organisation's own assessment
    period: str
    answers: tuple[Answer, ...]


def cell_name(sheet: str, column: int, row: int) -> str:
    """``Sheet!B7`` for the 0-based *column* and 1-based *row*."""
    return f"{sheet}!{get_column_letter(column + 1)}{row}"


def read_workbook(path: Path, shown: str, catalogue: Catalogue, scale: Sequence[tuple[int, str]],
                  periods: Sequence[str], teams: Sequence[str]) -> tuple[Returned | None, list[CellProblem]]:
    """The answers of the workbook at *path* (*shown*: its name in messages), or its problems.

    *periods*: the review periods a workbook may be made for; *teams*: the team ids of the project.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_WORKBOOK_BYTES + 1)
    except OSError as exc:
        return None, [problem(shown, "", "not-a-workbook", f"cannot be read: {exc.strerror or exc}")]
    if len(data) > MAX_WORKBOOK_BYTES:
        return None, [problem(shown, "", "workbook-too-large",
                              f"is larger than {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB; a returned survey is far "
                              "smaller", "send the workbook survey wrote, filled in")]
    refused = _archive_problems(data, shown)
    if refused:
        return None, refused
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False,
                             keep_vba=False)
    except Exception as exc:  # noqa: BLE001 - hostile input: any failure of the reader is "not a workbook"
        return None, [problem(shown, "", "not-a-workbook", f"is not a workbook openpyxl can read "
                              f"({type(exc).__name__})", "save it as .xlsx (Excel workbook) and send it again")]
    try:
        return _read(book, shown, catalogue, scale, periods, teams)
    except Exception as exc:  # noqa: BLE001 - a malformed sheet deep in the archive, found while reading
        return None, [problem(shown, "", "not-a-workbook", f"could not be read to the end "
                              f"({type(exc).__name__})", "save it as .xlsx (Excel workbook) and send it again")]
    finally:
        book.close()


def _archive_problems(data: bytes, shown: str) -> list[CellProblem]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return [problem(shown, "", "not-a-workbook", "is not a workbook (not an .xlsx archive)",
                        "save it as .xlsx (Excel workbook) and send it again")]
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        return [problem(shown, "", "workbook-too-large",
                        f"would inflate to more than {MAX_INFLATED_BYTES // (1024 * 1024)} MB (or holds more than "
                        f"{MAX_MEMBERS} parts); it is not read", "send the workbook survey wrote, filled in")]
    names = [m.filename for m in members]
    out = []
    if any(n.lower().endswith("vbaproject.bin") or n.lower().endswith(".bin") for n in names):
        out.append(problem(shown, "", "workbook-macros", "holds macros (a VBA project); a survey has none and "
                           "collect does not read a workbook that does", "save it as .xlsx, without macros"))
    if any(n.lower().startswith("xl/externallinks/") for n in names):
        out.append(problem(shown, "", "workbook-external-link", "links to other workbooks; collect does not read "
                           "a workbook that does", "remove the links (Data, Edit Links, Break Link) and save"))
    return out


def _rows(ws: Any, limit: int) -> Any:
    """The worksheet's rows (cells, not values), at most *limit* + 1 of them."""
    for count, row in enumerate(ws.iter_rows(max_col=len(COLUMNS))):
        if count > limit:
            return
        yield row


def _read(book: Any, shown: str, catalogue: Catalogue, scale: Sequence[tuple[int, str]],
          periods: Sequence[str], teams: Sequence[str]) -> tuple[Returned | None, list[CellProblem]]:
    missing = [name for name in (ASSESSMENT, LEVELS, ABOUT) if name not in book.sheetnames]
    if missing:
        return None, [problem(shown, f"{name}!A1", "missing-sheet",
                              f"the sheet '{name}' is missing; collect reads only the workbook survey wrote",
                              "run roadmap-gen survey again and fill in the new workbook") for name in missing]
    problems: list[CellProblem] = []
    about = _about(book[ABOUT], shown, problems)
    wanted = fingerprint(catalogue)
    value, cell = about.get("fingerprint", ("", f"{ABOUT}!B3"))
    if value != wanted:
        problems.append(problem(shown, cell, "survey-catalogue",
                                "the workbook was made for another catalogue, or for this one before its factors or "
                                "level texts changed", "run roadmap-gen survey again and fill in the new workbook"))
    period, cell = about.get("period", ("", f"{ABOUT}!B5"))
    if period not in periods:
        problems.append(problem(shown, cell, "survey-period",
                                f"the workbook was made for the review of {period or 'no period'}, not "
                                f"{' or '.join(periods)}", "run roadmap-gen survey again for this review"))
    team, cell = about.get("team", ("", f"{ABOUT}!B4"))
    if team and team not in teams:
        problems.append(problem(shown, cell, "unknown-team", f"the workbook is for team '{team}', which has no "
                                f"file in content/teams/", "add the team's file, or correct the team id"))
    answers = _answers(book[ASSESSMENT], shown, catalogue, scale, problems)
    if problems:
        return None, problems
    return Returned(shown, team or None, period, tuple(answers)), []


def _about(ws: Any, shown: str, problems: list[CellProblem]) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for r, row in enumerate(_rows(ws, 50), start=1):
        if len(row) < 2:
            continue
        key, value = row[0], row[1]
        if key.data_type == "f" or value.data_type == "f":
            problems.append(problem(shown, cell_name(ABOUT, 1 if value.data_type == "f" else 0, r), "survey-formula",
                                    "a formula; collect never evaluates one", "type the value itself"))
            continue
        if isinstance(key.value, str) and key.value.strip() in ABOUT_KEYS:
            text = value.value if isinstance(value.value, str) else "" if value.value is None else str(value.value)
            found.setdefault(key.value.strip(), (text.strip(), cell_name(ABOUT, 1, r)))
    return found


def _answers(ws: Any, shown: str, catalogue: Catalogue, scale: Sequence[tuple[int, str]],
             problems: list[CellProblem]) -> list[Answer]:
    out: list[Answer] = []
    seen: dict[str, str] = {}
    factors = catalogue.factor_by_id
    rows = iter(list(_rows(ws, MAX_ROWS + 1)))
    header = next(rows, ())
    names = tuple(str(c.value).strip().lower() if c.value is not None else "" for c in header)
    if names[:len(COLUMNS)] != COLUMNS:
        problems.append(problem(shown, f"{ASSESSMENT}!A1", "survey-columns",
                                f"the header row is not {', '.join(COLUMNS)}: columns were moved, renamed or "
                                "deleted", "fill in the workbook survey wrote without changing its columns"))
        return out
    rows_read = list(rows)
    if len(rows_read) > MAX_ROWS:
        problems.append(problem(shown, cell_name(ASSESSMENT, 0, MAX_ROWS + 2), "workbook-too-large",
                                f"the sheet has more than {MAX_ROWS} rows; a survey has one per factor",
                                "fill in the workbook survey wrote, without adding rows"))
        return out
    for r, row in enumerate(rows_read, start=2):
        cells: dict[str, Any] = {name: row[COLUMN[name]] if COLUMN[name] < len(row) else None for name in COLUMNS}
        where = {name: cell_name(ASSESSMENT, COLUMN[name], r) for name in COLUMNS}
        formulas = [name for name in ("factor", *ANSWER_COLUMNS)
                    if cells[name] is not None and cells[name].data_type == "f"]
        for name in formulas:
            problems.append(problem(shown, where[name], "survey-formula", "a formula in an answer cell; collect "
                                    "never evaluates one", "type the answer itself"))
        if formulas:
            continue
        values = {name: (c.value if c is not None else None) for name, c in cells.items()}
        blank = all(values[name] is None or (isinstance(values[name], str) and not str(values[name]).strip())
                    for name in ANSWER_COLUMNS)
        if blank and values["factor"] in (None, ""):
            continue
        factor = values["factor"]
        if not isinstance(factor, str) or factor.strip() not in factors:
            problems.append(problem(shown, where["factor"], "survey-unknown-factor",
                                    f"'{_short(factor)}' is not a factor of the catalogue" if factor not in (None, "")
                                    else "a row with answers but no factor id",
                                    "keep the factor column as survey wrote it"))
            continue
        factor = factor.strip()
        if factor in seen:
            problems.append(problem(shown, where["factor"], "survey-repeated-factor",
                                    f"'{factor}' is answered twice (first at {seen[factor]})",
                                    "answer each factor on its own row, once"))
            continue
        seen[factor] = where["factor"]
        if blank:
            continue
        level = _level(values["level"], scale, shown, where["level"], problems)
        target = _level(values["target"], scale, shown, where["target"], problems)
        evidence = _evidence(values, shown, where, problems)
        out.append(Answer(factor, r, level, target, evidence, _text(values["notes"], shown, where["notes"], problems),
                          _text(values["respondent"], shown, where["respondent"], problems)))
    return out


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "..."


_LEVEL = re.compile(r"(\d{1,3})(?:\s+(.*))?", re.S)


def _level(value: object, scale: Sequence[tuple[int, str]], shown: str, cell: str,
           problems: list[CellProblem]) -> int | None:
    """A level cell: empty (no answer), a number, ``N name`` or the level's name."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    numbers = {n for n, _ in scale}
    named = {name.strip().lower(): n for n, name in scale}
    span = f"{min(numbers)}..{max(numbers)}" if numbers else "(no scale)"
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = " ".join(value.split())
        match = _LEVEL.fullmatch(text)
        if match and (match.group(2) is None or named.get(match.group(2).lower()) == int(match.group(1))):
            number = int(match.group(1))
        elif text.lower() in named:
            number = named[text.lower()]
    if number is None or number not in numbers:
        shown_value = _short(value.isoformat() if isinstance(value, (date, datetime)) else value)
        problems.append(problem(shown, cell, "level-off-scale", f"'{shown_value}' is not a level of the scale "
                                f"{span}", "choose a level from the drop-down: 'N name', N or the level's name"))
        return None
    return number


def _text(value: object, shown: str, cell: str, problems: list[CellProblem]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        problems.append(problem(shown, cell, "survey-type", "holds a date or a true/false value, not text",
                                "type the text itself"))
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        problems.append(problem(shown, cell, "survey-type", "holds a value that is not text"))
        return ""
    return value.strip()[:MAX_TEXT]


def _evidence(values: dict[str, object], shown: str, where: dict[str, str],
              problems: list[CellProblem]) -> Evidence | None:
    text = _text(values["evidence"], shown, where["evidence"], problems)
    link = _text(values["evidence link"], shown, where["evidence link"], problems) or None
    raw = values["evidence date"]
    day: date | None = None
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    elif isinstance(raw, str) and raw.strip():
        day = parse_date(raw.strip())
        if day is None:
            problems.append(problem(shown, where["evidence date"], "bad-date", f"'{_short(raw)}' is not a date",
                                    "type the date as YYYY-MM-DD"))
    elif raw not in (None, ""):
        problems.append(problem(shown, where["evidence date"], "bad-date", f"'{_short(raw)}' is not a date",
                                "type the date as YYYY-MM-DD"))
    if not text:
        if day is not None or link:
            problems.append(problem(shown, where["evidence"], "missing-field", "an evidence date or link with no "
                                    "evidence", "say what the evidence is, or clear its date and link"))
        return None
    if link is not None and link_target(link) is None:
        problems.append(problem(shown, where["evidence link"], "unsafe-link", f"'{_short(link)}' is not a link "
                                "the site may show (http, https, mailto or a relative link)"))
    return Evidence(text, day, link)
