"""A returned workbook is hostile until read: every broken return gives a located error
(`FILE:SHEET!CELL: error: [check] message`) and changes nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from cli_process import run_cli
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError
from roadmap_gen.survey.collect import collect
from roadmap_gen.survey.returned import MAX_INFLATED_BYTES, MAX_ROWS
from roadmap_gen.workspace.workspace import Workspace
from survey_support import fill, project, survey


def _set(cell: str, value: Any, sheet: str = "Assessment") -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        book[sheet][cell] = value
    return edit


def _delete(sheet: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        del book[sheet]
    return edit


def _huge(book: Any) -> None:
    ws = book["Assessment"]
    for row in range(5, MAX_ROWS + 10):
        ws[f"J{row}"] = "x"


#: (edit of a filled-in copy, the place and check of the first error)
BROKEN = {
    "off-scale level": (_set("D2", "7"), "Assessment!D2", "level-off-scale"),
    "text in a level cell": (_set("D2", "quite good"), "Assessment!D2", "level-off-scale"),
    "a level with the wrong name": (_set("D2", "2 Defined"), "Assessment!D2", "level-off-scale"),
    "true in a level cell": (_set("D2", True), "Assessment!D2", "level-off-scale"),
    "a formula": (_set("D2", "=1+1"), "Assessment!D2", "survey-formula"),
    "a formula in the notes": (_set("I3", "=HYPERLINK(\"http://x\")"), "Assessment!I3", "survey-formula"),
    "an unknown factor": (_set("A2", "nonexistent"), "Assessment!A2", "survey-unknown-factor"),
    "a repeated factor": (_set("A3", "leadership"), "Assessment!A3", "survey-repeated-factor"),
    "a deleted sheet": (_delete("Levels"), "Levels!A1", "missing-sheet"),
    "a moved column": (_set("D1", "my level"), "Assessment!A1", "survey-columns"),
    "a tampered fingerprint": (_set("B3", "0" * 64, "About"), "About!B3", "survey-catalogue"),
    "another period": (_set("B5", "2025-Q1", "About"), "About!B5", "survey-period"),
    "an unknown team": (_set("B4", "zeta", "About"), "About!B4", "unknown-team"),
    "a date that is not one": (_set("G2", "last Tuesday"), "Assessment!G2", "bad-date"),
    "a date as notes": (_set("I2", datetime(2026, 1, 1)), "Assessment!I2", "survey-type"),
    "an unsafe link": (_set("H2", "javascript:alert(1)"), "Assessment!H2", "unsafe-link"),
    "a huge sheet": (_huge, f"Assessment!A{MAX_ROWS + 2}", "workbook-too-large"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_return_is_located_and_changes_nothing(tmp_path, case):
    edit, cell, check = BROKEN[case]
    root = project(tmp_path)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    good = fill(blank, tmp_path / "good.xlsx", {"leadership": {"level": 2, "evidence": "Minutes"}})
    bad = fill(good, tmp_path / "bad.xlsx", {}, edit=edit)
    with pytest.raises(InputError) as raised:
        collect(Workspace(root), [(good, "good.xlsx"), (bad, "bad.xlsx")])
    first = raised.value.diagnostics[0]
    assert first.format().startswith(f"bad.xlsx:{cell}: error: [{check}] "), first.format()
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_member(source: Path, name: str, data: bytes) -> bytes:
    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    return _zip({**members, name: data})


@pytest.mark.parametrize("case", ["not a workbook", "a zip that is not a workbook", "a zip bomb", "macros",
                                  "an external link", "an empty file"])
def test_a_file_that_is_no_survey_is_refused_through_the_cli(tmp_path, case):
    root = project(tmp_path)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    data, check = {
        "not a workbook": (b"factor,level\nleadership,2\n", "not-a-workbook"),
        "an empty file": (b"", "not-a-workbook"),
        "a zip that is not a workbook": (_zip({"hello.txt": b"hi"}), "not-a-workbook"),
        "a zip bomb": (_zip({"xl/worksheets/sheet1.xml": b"\0" * (MAX_INFLATED_BYTES + 1)}), "workbook-too-large"),
        "macros": (_with_member(blank, "xl/vbaProject.bin", b"\0" * 64), "workbook-macros"),
        "an external link": (_with_member(blank, "xl/externalLinks/externalLink1.xml", b"<x/>"),
                             "workbook-external-link"),
    }[case]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(data)
    done = run_cli("--project", str(root), "collect", str(bad))
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"{bad}: error: [{check}] "), done.stderr
    assert "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before


def test_a_file_too_large_is_not_read(tmp_path, monkeypatch):
    root = project(tmp_path)
    monkeypatch.setattr("roadmap_gen.survey.returned.MAX_WORKBOOK_BYTES", 1000)
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    with pytest.raises(InputError) as raised:
        collect(Workspace(root), [(blank, "alpha.xlsx")])
    assert [d.check for d in raised.value.diagnostics] == ["workbook-too-large"]


def test_a_workbook_made_before_the_review_that_just_froze_it_is_read(tmp_path):
    """A survey sent out before `review` opened the next period is still collected (into the new period)."""
    root = project(tmp_path)
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    done = run_cli("--project", str(root), "review", "2027-Q1", "--date", "2027-02-19")
    assert done.returncode == 0, done.stderr
    one = fill(blank, tmp_path / "one.xlsx", {"leadership": {"level": 2}})
    outcome = collect(Workspace(root), [(one, "one.xlsx")])
    assert outcome.changed == ("content/teams/alpha.yaml",)


def test_strings_from_a_workbook_are_escaped_on_the_site(tmp_path):
    root = project(tmp_path)
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    one = fill(blank, tmp_path / "one.xlsx", {"leadership": {
        "evidence": "<script>alert(1)</script> [x](javascript:alert(1))", "notes": "<img src=x onerror=alert(1)>",
        "respondent": "Eve"}})
    collect(Workspace(root), [(one, "one.xlsx")])
    from roadmap_gen.pages import render_site
    from roadmap_gen.pipeline import plan_project
    planned = plan_project(root)
    assert planned.project is not None and planned.plan is not None
    tree = render_site(root, planned.project, planned.plan, BuildInfo())
    page = tree.files["teams/alpha.md"].decode("utf-8")
    assert "Eve" in page and "alert" in page  # shown, as text
    assert "<script>" not in page and "<img" not in page and "](javascript:" not in page
