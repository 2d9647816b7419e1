"""downloads/roadmap.xlsx and export --format xlsx, read back with openpyxl."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from cli_process import run_cli
from plan.builders import action, assess, catalogue, factor, organisation, own, project
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.downloads.export import plan_to_json
from roadmap_gen.downloads.xlsx import workbook_bytes
from roadmap_gen.pages import paths, render_site
from roadmap_gen.pipeline import plan_project
from roadmap_gen.plan import make_plan

REPO = Path(__file__).resolve().parents[2]
SHEETS = ["plan", "phases", "owners", "training", "goals", "findings"]


@pytest.fixture(scope="module")
def example():
    planned = plan_project(REPO)
    assert planned.project is not None and planned.plan is not None
    return planned, render_site(REPO, planned.project, planned.plan, BuildInfo()).files[paths.XLSX_FILE]


def rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_every_planned_item_once_with_its_owner_and_phase(example) -> None:
    planned, data = example
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == SHEETS
    plan_rows = [r for r in rows(book["plan"]) if r["period"] != "later"]
    expected = {i["id"]: (p["period"], i["owner"]) for p in plan_to_json(planned.plan)["phases"] for i in p["items"]}
    assert sorted(r["id"] for r in plan_rows) == sorted(expected)  # each once
    assert {r["id"]: (r["period"], r["owner"]) for r in plan_rows} == expected
    later = [r for r in rows(book["plan"]) if r["period"] == "later"]
    assert sorted(r["id"] for r in later) == sorted(e["id"] for e in plan_to_json(planned.plan)["later"])


def test_each_sheet_has_a_frozen_header_and_filters(example) -> None:
    planned, data = example
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert all(c.font.bold for c in sheet[1])
    assert len(rows(book["goals"])) == len(planned.plan.goals) == 5
    assert [r["status"] for r in rows(book["goals"])] == [g.status for g in planned.plan.goals]
    # a status is coloured as on the site, at risk apart from off track
    goals = book["goals"]
    status_col = [c.value for c in goals[1]].index("status") + 1
    fills = {goals.cell(r, status_col).value: goals.cell(r, status_col).fill.fgColor.rgb
             for r in range(2, goals.max_row + 1)}
    assert fills["at-risk"].endswith("92400E") and fills["on-track"].endswith("15803D")
    assert len(rows(book["findings"])) == len(planned.plan.findings)
    found = rows(book["findings"])
    assert {(f["check"], f["waived"]) for f in found} == {("regression", True), ("unsupported-level", True),
                                                                ("unfunded-phase", True)}
    sessions = planned.plan.training.sessions
    assert len(rows(book["training"])) == sum(len(s.people) for s in sessions)
    assert len(rows(book["owners"])) == len(planned.plan.owners)


def test_the_workbook_carries_the_review_s_time_and_the_same_bytes(example) -> None:
    planned, data = example
    assert workbook_bytes(planned.project, planned.plan) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 20, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2026-11-20T00:00:00Z") == 2  # created and modified
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.properties.creator == "roadmap-gen"


HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "#N/A",
           "=1+1", "tab\there\x07bell"]


def test_no_cell_is_a_formula() -> None:
    """Titles that start like a formula (or read like an error code) are stored, and read back, as text."""
    proj = project(catalogue([factor("f", actions=[action("f1", 1)])]), organisation(
        [assess("f", 0, len(HOSTILE) + 1, owner="boss")],
        initiatives=[replace(own(f"own-{i}", "f", i + 2, owner="boss"), title=title) for i, title in enumerate(HOSTILE)],
        phases=8, capacity=20))
    data = workbook_bytes(proj, make_plan(proj))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s or 't="e"' in s for s in sheets)
    book = openpyxl.load_workbook(io.BytesIO(data))
    titles = {r["id"]: r["title"] for r in rows(book["plan"])}
    for i, title in enumerate(HOSTILE):
        assert titles[f"own-{i}"] == title.replace("\x07", ""), title  # a bell cannot be in a cell: dropped
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


# --- export --format xlsx ----------------------------------------------------------------------


def _export(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return run_cli("--project", str(REPO), "export", *args, text=False, **kwargs)


def test_export_xlsx_to_standard_output_and_to_a_file(tmp_path: Path, example) -> None:
    _planned, data = example
    piped = _export("--format", "xlsx")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == data
    out = tmp_path / "roadmap.xlsx"
    done = _export("--format", "xlsx", "--output", str(out))
    assert done.returncode == 0 and done.stdout == b"" and out.read_bytes() == data
    as_json = _export("--format", "json", "--output", str(tmp_path / "plan.json"))
    assert as_json.returncode == 0 and json.loads((tmp_path / "plan.json").read_text("utf-8"))["review"] == "2026-Q4"


def test_export_xlsx_refuses_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "roadmap_gen", "--project", str(REPO), "export", "--format",
                               "xlsx"], stdout=follower, stderr=subprocess.PIPE, timeout=300)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"--output FILE" in done.stderr
