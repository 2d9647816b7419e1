"""`roadmap-gen survey` and `collect`: a team's self-assessment out as a workbook and back into its file,
every comment kept, all or nothing."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli_process import run_cli
from roadmap_gen.core.diagnostics import InputError, UsageError
from roadmap_gen.load.project import load_project
from roadmap_gen.spec.yamlread import load_text, to_python
from roadmap_gen.survey.collect import collect, lower_median
from roadmap_gen.survey.edits import EntryChange, edit_assessment, quoted
from roadmap_gen.survey.layout import COLUMNS, Evidence, fingerprint
from roadmap_gen.workspace.workspace import Workspace
from survey_support import TEAM, clear_answers, fill, project, row_of, survey

# --- the workbook survey writes ----------------------------------------------------------------


def test_the_survey_is_a_form_with_the_current_levels(tmp_path):
    root = project(tmp_path)
    path = survey(root, "alpha", tmp_path / "alpha.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Assessment", "Levels", "About"]
    ws = book["Assessment"]
    assert tuple(c.value for c in ws[1]) == COLUMNS
    assert ws.freeze_panes == "A2"
    assert [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)] == \
        ["leadership", "measurement", "feedback-loop"]  # catalogue order
    lead = row_of(ws, "leadership")
    assert ws[f"D{lead}"].value == "1 Initial" and ws[f"E{lead}"].value == "2 Repeatable"
    assert ws[f"D{row_of(ws, 'feedback-loop')}"].value is None  # not assessed by the team: left empty
    assert "1 Initial:" in ws[f"D{lead}"].comment.text  # the level texts beside the drop-down
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and all(dv.formula1 == '"0 Absent,1 Initial,2 Repeatable,3 Defined"' for dv in lists)
    assert f"D{lead}" in str(lists[0].sqref)
    assert ws[f"G{lead}"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["C"].width >= 40
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    loaded = load_project(root)
    assert loaded.project is not None
    assert about["catalogue"] == "mini" and about["version"] == "1.0" and about["team"] == "alpha"
    assert about["period"] == "2026-Q4" and about["fingerprint"] == fingerprint(loaded.project.catalogue)
    assert [row[0] for row in book["Levels"].iter_rows(min_row=2, max_row=4, values_only=True)] == \
        ["leadership", "measurement", "feedback-loop"]


def test_the_survey_has_no_formula_or_macro_and_the_same_bytes_every_time(tmp_path):
    root = project(tmp_path)
    one = survey(root, "alpha", tmp_path / "one.xlsx").read_bytes()
    two = survey(root, "alpha", tmp_path / "two.xlsx").read_bytes()
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        names = archive.namelist()
        sheets = b"".join(archive.read(n) for n in names if n.startswith("xl/worksheets/sheet"))
        created = archive.read("docProps/core.xml")
    assert not [n for n in names if n.endswith(".bin")]
    assert b"<f>" not in sheets and b"<f " not in sheets
    assert b"2026-11-20T00:00:00Z" in created  # the review's day, not the clock


def test_a_text_that_looks_like_a_formula_stays_text(tmp_path):
    root = project(tmp_path)
    catalogue = root / "content" / "catalogue" / "mini.yaml"
    catalogue.write_text(catalogue.read_text().replace("title: Leadership support", 'title: "=HYPERLINK(1)"', 1))
    path = survey(root, "alpha", tmp_path / "alpha.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_survey_through_the_cli_refuses_an_input_and_writes_every_team(tmp_path):
    root = project(tmp_path)
    refused = run_cli("--project", str(root), "survey", "--output", str(root / "content" / "teams" / "x.xlsx"))
    assert refused.returncode == 2 and "inputs" in refused.stderr
    unknown = run_cli("--project", str(root), "survey", "--team", "zeta", "--output", str(tmp_path / "z.xlsx"))
    assert unknown.returncode == 2 and "no team 'zeta'" in unknown.stderr
    done = run_cli("--project", str(root), "survey", "--teams", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["alpha.xlsx"]
    done = run_cli("--project", str(root), "survey", "--output", str(tmp_path / "org.xlsx"))
    assert done.returncode == 0, done.stderr
    about = {r[0]: r[1] for r in load_workbook(tmp_path / "org.xlsx")["About"].iter_rows(values_only=True) if r[0]}
    assert about["team"] is None  # the organisation's own


# --- the round trip ---------------------------------------------------------------------------


EXPECTED = """\
# Team Alpha's own assessment (this comment stays)
team:
  name: Team Alpha
  lead: sam-okafor   # the lead
assessment:
  # leadership: the sponsor's view
  leadership:
    level: 2      # as of Q3
    target: 2
    evidence:
      - text: Sponsor briefed   # kept
        date: 2026-09-01
      - text: "Board minutes, 2026-11"
        date: 2026-11-02
    answers: [2, 2, 3]
    notes: "Ana Lee: Budget signed \\"at last\\"\\nfor 2027"
  measurement: {level: 2, target: 3, answers: [0, 2, 3]}   # flow style kept
  feedback-loop:
    level: 1
# trailing comment
"""


def _returns(root: Path, tmp_path: Path) -> list[Path]:
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    evidence = {"evidence": "Board minutes, 2026-11", "evidence date": datetime(2026, 11, 2)}
    ana = fill(blank, tmp_path / "ana.xlsx", {
        "leadership": {"level": 2, **evidence, "notes": 'Budget signed "at last"\nfor 2027',
                       "respondent": "Ana Lee"},
        "measurement": {"level": "2 Repeatable"},
        "feedback-loop": {"level": "1 Initial"}})
    ben = fill(blank, tmp_path / "ben.xlsx", {
        "leadership": {"level": "2 Repeatable", **evidence, "respondent": "Ben"},
        "measurement": {"level": "Defined", "respondent": "Ben"}})
    cy = fill(blank, tmp_path / "cy.xlsx", {
        "leadership": {"level": "Defined"},
        "measurement": {"level": "0"}})
    dee = fill(blank, tmp_path / "dee.xlsx", {}, edit=clear_answers)
    return [ana, ben, cy, dee]


def test_round_trip_survey_fill_collect_validate(tmp_path):
    root = project(tmp_path)
    team = root / "content" / "teams" / "alpha.yaml"
    paths = _returns(root, tmp_path)
    outcome = collect(Workspace(root), [(p, p.name) for p in paths])
    assert outcome.changed == ("content/teams/alpha.yaml",)
    assert team.read_text("utf-8") == EXPECTED
    assert "leadership: level 1 -> 2" in outcome.message
    assert "answers: Ana Lee 2, Ben 2, cy.xlsx 3" in outcome.message  # who answered what
    loaded = load_project(root)
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics]
    validated = run_cli("--project", str(root), "validate")
    assert "content/teams/alpha.yaml:17:" in validated.stderr and "[dissent]" in validated.stderr
    assert validated.stderr.count("[dissent]") == 1  # measurement's 0..3, not leadership's 2..3
    again = collect(Workspace(root), [(p, p.name) for p in paths])  # the same workbooks twice: nothing new
    assert again.changed == () and team.read_text("utf-8") == EXPECTED


def test_collecting_an_unedited_survey_changes_no_byte(tmp_path):
    root = project(tmp_path)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    org = survey(root, None, tmp_path / "org.xlsx")
    done = run_cli("--project", str(root), "collect", str(blank), str(org))
    assert done.returncode == 0, done.stderr
    assert "no file changed" in done.stdout
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before


def test_collect_updates_the_organisation_and_dry_run_writes_nothing(tmp_path):
    root = project(tmp_path)
    org = root / "content" / "organisation.yaml"
    before = org.read_bytes()
    blank = survey(root, None, tmp_path / "org.xlsx")
    one = fill(blank, tmp_path / "one.xlsx", {"measurement": {"level": 2, "target": "3 Defined"}})
    dry = run_cli("--project", str(root), "collect", "--dry-run", str(one))
    assert dry.returncode == 0, dry.stderr
    assert "would change content/organisation.yaml" in dry.stdout and org.read_bytes() == before
    done = run_cli("--project", str(root), "collect", str(one))
    assert done.returncode == 0, done.stderr
    after = org.read_text("utf-8")
    assert after == before.decode("utf-8").replace("  measurement:\n    level: 1\n    target: 2\n",
                                                   "  measurement:\n    level: 2\n    target: 3\n")


def test_a_target_below_the_collected_level_is_refused(tmp_path):
    root = project(tmp_path)
    team = root / "content" / "teams" / "alpha.yaml"
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    one = fill(blank, tmp_path / "one.xlsx", {"leadership": {"level": 3, "target": 2}})
    with pytest.raises(InputError) as raised:
        collect(Workspace(root), [(one, "one.xlsx")])
    assert [d.format() for d in raised.value.diagnostics] == [
        "one.xlsx:Assessment!E2: error: [target-below-level] the collected target 2 of 'leadership' would be below "
        "its collected level 3 (raise the target in the workbooks that answered)"]
    assert team.read_text("utf-8") == TEAM


# --- editing the YAML in place ---------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_edits_keep_every_line_break_and_a_file_without_a_last_one(newline):
    text = TEAM.replace("\n", newline).rstrip(newline)  # no line break at the end
    changes = [EntryChange("feedback-loop", level=1), EntryChange("leadership", evidence=(
        Evidence("x", date(2026, 1, 2), None),))]
    out = edit_assessment(text, "t.yaml", changes)
    assert out.startswith(text.split("      - text: Sponsor")[0])
    assert out.count("\r\n") == (out.count("\n") if newline == "\r\n" else 0)
    got = to_python(load_text(out, "t.yaml").root)
    assert got["assessment"]["feedback-loop"] == {"level": 1}
    assert got["assessment"]["leadership"]["evidence"][-1] == {"text": "x", "date": "2026-01-02"}


@pytest.mark.parametrize("text", ["tab\there", "line\u2028sep", "nel\u0085x", "quote\"back\\slash", "# not a comment",
                                  "\u00e9t\u00e9 \U0001f600", "bom\ufeff", "- dash", "key: value"])
def test_a_quoted_text_reads_back_exactly(text):
    assert to_python(load_text(f"k: {quoted(text)}\n", "x.yaml").root) == {"k": text}


def test_an_edit_that_cannot_be_exact_is_refused_and_located():
    text = "assessment:\n  leadership:\n    level: 1\n    notes: |\n      Two\n      lines\n"
    with pytest.raises(InputError) as raised:
        edit_assessment(text, "t.yaml", [EntryChange("leadership", notes="Two lines more")])
    assert raised.value.diagnostics[0].check == "collect-edit"
    assert raised.value.diagnostics[0].loc.line == 4


def test_lower_median():
    assert lower_median([3]) == 3
    assert lower_median([4, 2]) == 2
    assert lower_median([3, 0, 2]) == 2
    assert lower_median([1, 2, 3, 4]) == 2


# --- kill-safety ------------------------------------------------------------------------------


def _two_targets(root: Path, tmp_path: Path) -> list[tuple[Path, str]]:
    team = fill(survey(root, "alpha", tmp_path / "alpha.xlsx"), tmp_path / "t.xlsx", {"leadership": {"level": 2}})
    org = fill(survey(root, None, tmp_path / "org.xlsx"), tmp_path / "o.xlsx", {"measurement": {"level": 2}})
    return [(team, "t.xlsx"), (org, "o.xlsx")]


def test_an_interrupted_collect_is_completed_by_the_next_run(tmp_path, monkeypatch):
    """Killed between renaming its two files (after the commit point), collect leaves its journal: every other
    command refuses the project until the next collect completes it."""
    root = project(tmp_path)
    team = root / "content" / "teams" / "alpha.yaml"
    org = root / "content" / "organisation.yaml"
    workbooks = _two_targets(root, tmp_path)
    real_replace = os.replace

    def killed(src, dst):
        if Path(dst) == team:
            raise KeyboardInterrupt("killed while writing the team file")
        return real_replace(src, dst)

    monkeypatch.setattr("roadmap_gen.survey.collect.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        collect(Workspace(root), workbooks)
    assert "level: 2" in org.read_text() and team.read_text() == TEAM  # one written, one not
    refused = load_project(root)
    assert refused.project is None
    assert [d.check for d in refused.diagnostics if d.severity == "error"] == ["collect-interrupted"]
    monkeypatch.setattr("roadmap_gen.survey.collect.os.replace", real_replace)
    done = collect(Workspace(root), [])
    assert "completed the collect interrupted earlier" in done.message
    assert "    level: 2      # as of Q3" in team.read_text()
    assert load_project(root).project is not None
    assert not [p for p in (root / "content").iterdir() if p.name.startswith(".")]


def test_an_interrupted_preparation_leaves_the_old_files(tmp_path, monkeypatch):
    """A disk that fails while the second new file is prepared (before the commit point): the old files
    stay, and the hidden names prepared are gone."""
    root = project(tmp_path)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    workbooks = _two_targets(root, tmp_path)
    import roadmap_gen.survey.collect as module
    real_write = module._write_file
    written: list[Path] = []

    def disk_full(path, data):
        written.append(path)
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(module, "_write_file", disk_full)
    with pytest.raises(OSError):
        collect(Workspace(root), workbooks)
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before
    assert load_project(root).project is not None


def test_a_damaged_journal_is_not_obeyed(tmp_path):
    root = project(tmp_path)
    (root / "content" / ".collect-journal.json").write_text(
        '{"files": [{"temp": ".collect-0.new", "file": "../../etc/passwd", "after": "x"}]}')
    done = run_cli("--project", str(root), "collect")
    assert done.returncode != 0 and "damaged" in done.stderr and "Traceback" not in done.stderr


def test_collect_needs_a_workbook_or_a_journal(tmp_path):
    root = project(tmp_path)
    done = run_cli("--project", str(root), "collect")
    assert done.returncode == 0 and "nothing to collect" in done.stdout
    with pytest.raises(UsageError):
        from roadmap_gen.survey.write import write_surveys
        write_surveys(Workspace(root), None, None, None)


# --- the answers field and the dissent check --------------------------------------------------


@pytest.mark.parametrize("answers, fires", [("[1, 3]", True), ("[1, 2, 2]", False), ("[0, 1, 2]", True),
                                            ("[1]", False)])
def test_dissent_fires_on_answers_two_levels_apart(tmp_path, answers, fires):
    from roadmap_gen.pipeline import plan_project
    root = project(tmp_path)
    org = root / "content" / "organisation.yaml"
    org.write_text(org.read_text().replace("  measurement:\n    level: 1\n",
                                           f"  measurement:\n    level: 1\n    answers: {answers}\n", 1))
    planned = plan_project(root)
    found = [d for d in planned.diagnostics if d.check == "dissent"]
    assert bool(found) == fires
    if fires:
        (d,) = found
        assert d.about == "measurement" and d.loc.file == "content/organisation.yaml" and d.severity == "warning"
        assert "the organisation" in d.message


def test_answers_off_the_scale_are_an_error(tmp_path):
    root = project(tmp_path)
    org = root / "content" / "organisation.yaml"
    org.write_text(org.read_text().replace("  measurement:\n    level: 1\n",
                                           "  measurement:\n    level: 1\n    answers: [1, 9]\n", 1))
    loaded = load_project(root)
    assert [d.check for d in loaded.diagnostics if d.severity == "error"] == ["level-off-scale"]


def test_one_unedited_workbook_leaves_earlier_answers_alone(tmp_path):
    root = project(tmp_path, TEAM.replace("  measurement: {level: 2, target: 3}",
                                          "  measurement: {level: 2, target: 3, answers: [1, 3]}"))
    team = root / "content" / "teams" / "alpha.yaml"
    before = team.read_bytes()
    blank = survey(root, "alpha", tmp_path / "alpha.xlsx")
    assert collect(Workspace(root), [(blank, "alpha.xlsx")]).changed == ()
    assert team.read_bytes() == before
