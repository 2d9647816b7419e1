"""The health checks beside errors in the organisation, the catalogue or a snapshot (load/taint.py).

An error inside one entry (a goal, a factor's assessment, a person, a catalogue factor) leaves that
entry out, with every entry naming it; the local checks run on the rest. The rule the tests hold it
to: every finding reported beside the errors is one the project gives without them (nothing is
invented), and a finding about an entry no error touches does come.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from example_project import copy_example
from roadmap_gen.core.diagnostics import Loc, error
from roadmap_gen.load.taint import Built, entries, find_taint
from roadmap_gen.model import FILES
from roadmap_gen.pipeline import plan_project
from roadmap_gen.plan.checks import CHECKS, reported_from_partial
from roadmap_gen.spec.yamlread import load_text

ORG = "content/organisation.yaml"
CATALOGUE = "content/catalogue/itil4-csf.yaml"
SNAPSHOT = "content/reviews/2026-Q3/organisation.yaml"

Found = tuple[str, str, int, str, str]


def findings(root: Path) -> set[Found]:
    """(severity, check, file, line, message) of everything validate reports."""
    return {(d.severity, d.check, d.file, d.line, d.message) for d in plan_project(root).diagnostics}


def warnings(found: set[Found]) -> set[Found]:
    return {f for f in found if f[0] != "error"}


def unplaced(found: set[Found]) -> set[tuple[str, str, str, str]]:
    """Without line numbers: for an edit that takes lines away."""
    return {(f[0], f[1], f[2], f[4]) for f in found}


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, set[Found]]:
    """The example with two findings of local checks added (evidence taken away), and what it gives."""
    root = copy_example(tmp_path_factory.mktemp("partial") / "p")
    # goals-defined: level 2, evidence removed -> missing-evidence; a vague goal statement -> vague-goal.
    edit(root, ORG, "    owner: priya-nair\n    evidence:\n      - text: Five goals, each with a named owner, "
                    "published on the ITSM intranet page.\n        date: 2026-09-03\n"
                    "        link: https://intranet.northwind.example/itsm/goals\n", "    owner: priya-nair\n")
    clean = findings(root)
    assert not [f for f in clean if f[0] == "error"], clean
    assert any(f[1] == "missing-evidence" for f in clean)
    return root, clean


def test_an_error_in_one_assessment_leaves_the_other_warnings(example, tmp_path):
    root = copy_example(tmp_path / "p")
    shutil.copy(example[0] / ORG, root / ORG)
    # leadership-support: its owner mistyped (an error) and its evidence taken away (would be a finding).
    text = (root / ORG).read_text("utf-8")
    start = text.index("  leadership-support:\n")
    end = text.index("  leadership-value:\n")
    entry = text[start:end].replace("owner: dana-ruiz", "owner: dana-ruiss")
    entry = re.sub(r"    evidence:\n(      .*\n)+", "", entry)
    (root / ORG).write_text(text[:start] + entry + text[end:], "utf-8")
    broken = findings(root)
    errors = {f for f in broken if f[0] == "error"}
    assert [f[1] for f in errors] == ["unknown-id"]
    assert unplaced(warnings(broken)) <= unplaced(example[1]), sorted(unplaced(warnings(broken)) - unplaced(example[1]))
    assert any(f[1] == "missing-evidence" and "goals-defined" in f[4] for f in broken)  # the other entry's
    # The entry with the error gives none of its own (its missing evidence is a finding only once it loads).
    assert not any("leadership-support" in f[4] for f in warnings(broken))


def test_a_finding_about_a_thing_named_by_an_entry_with_an_error_is_not_reported(tmp_path):
    """A metric with an error: the goal measured by it is left out too, so 'no numeric target' (the
    metric's target became unreadable) is not invented."""
    root = copy_example(tmp_path / "p")
    clean = findings(root)
    text = (root / ORG).read_text("utf-8")
    metric = re.search(r"\n  (same-day-requests):\n(    .*\n)+", text)
    assert metric
    block = metric.group(0)
    changed = re.sub(r"    target: .*\n", "    target: lots\n", block, count=1)
    assert changed != block
    (root / ORG).write_text(text.replace(block, changed, 1), "utf-8")
    broken = findings(root)
    assert [f[1] for f in broken if f[0] == "error"] == ["bad-type"]
    assert warnings(broken) <= clean
    assert not any(f[1] == "unmeasurable-goal" for f in broken)


def test_an_error_in_a_setting_holds_back_only_the_checks_that_read_it(example, tmp_path):
    """A bad review date: the evidence's age cannot be told (stale-evidence waits), the rest still runs."""
    root = copy_example(tmp_path / "p")
    shutil.copy(example[0] / ORG, root / ORG)
    edit(root, ORG, "  date: 2026-11-20", "  date: someday")
    broken = findings(root)
    assert [f[1] for f in broken if f[0] == "error"] == ["bad-date"]
    assert warnings(broken) <= example[1]
    assert any(f[1] == "missing-evidence" for f in broken)
    assert "stale-evidence" in CHECKS and CHECKS["stale-evidence"].reads == ("review.date",)
    # planning.phases: how far a target may climb cannot be told, the rest still runs.
    root = copy_example(tmp_path / "q")
    edit(root, ORG, "  target: 4\n    owner: dana-ruiz", "  target: 5\n    owner: dana-ruiz")  # 3 -> 5 in 1 phase
    edit(root, ORG, "  phases: 8", "  phases: 1")
    clean = findings(root)
    assert any(f[1] == "overambitious-target" for f in clean)
    edit(root, ORG, "  phases: 1", "  phases: one")
    broken = findings(root)
    assert [f[1] for f in broken if f[0] == "error"] == ["bad-type"]
    assert not any(f[1] == "overambitious-target" for f in broken) and warnings(broken) <= clean
    assert warnings(broken)


@pytest.mark.parametrize("file, old, new", [
    (ORG, "  phases: 8", "  phase: 8"),  # an unknown setting: which one did it mean?
    (SNAPSHOT, "\n  date: ", "\n  date: x"),  # a snapshot's settings: every comparison with it rests on them
    (ORG, "review:\n", "review: 2026-Q4\nreviewed:\n"),  # a whole block of settings unreadable
])
def test_an_error_outside_every_entry_holds_the_checks_back(tmp_path, file, old, new):
    root = copy_example(tmp_path / "p")
    edit(root, file, old, new)
    broken = findings(root)
    assert broken and all(f[0] == "error" for f in broken), sorted(broken)
    assert plan_project(root).checks == "none"


def test_an_error_in_a_waiver_holds_the_checks_back(tmp_path):
    """A waiver left out would show the finding it hides."""
    root = copy_example(tmp_path / "p")
    text = (root / ORG).read_text("utf-8")
    waivers = text[text.index("\nwaivers:\n"):]
    until = re.search(r"until: (\d{4}-Q\d)", waivers)
    assert until
    edit(root, ORG, waivers[:until.end()], waivers[:until.start()] + "until: never")
    broken = findings(root)
    assert broken and all(f[0] == "error" for f in broken)


def test_an_error_in_a_catalogue_factor_leaves_out_what_names_it(example, tmp_path):
    root = copy_example(tmp_path / "p")
    shutil.copy(example[0] / ORG, root / ORG)
    text = (root / CATALOGUE).read_text("utf-8")
    factor = re.search(r"\n  (in-house-expertise):\n", text)
    assert factor
    dimension = re.compile(r"    dimension: \w+")
    found = dimension.search(text, factor.end())
    assert found
    (root / CATALOGUE).write_text(text[:found.start()] + "    dimension: [people]" + text[found.end():], "utf-8")
    broken = findings(root)
    errors = {f for f in broken if f[0] == "error"}
    assert errors and all(f[2] == CATALOGUE for f in errors)
    assert warnings(broken) <= example[1], sorted(warnings(broken) - example[1])
    assert not any("in-house-expertise" in f[4] for f in warnings(broken))  # the regression about it, too
    assert any(f[1] == "missing-evidence" for f in broken)


def test_an_error_in_a_snapshot_entry_leaves_out_the_comparison_with_it(example, tmp_path):
    root = copy_example(tmp_path / "p")
    shutil.copy(example[0] / ORG, root / ORG)
    text = (root / SNAPSHOT).read_text("utf-8")
    start = text.index("\n  in-house-expertise:\n")
    level = text.index("    level: ", start)
    end = text.index("\n", level)
    (root / SNAPSHOT).write_text(text[:level] + "    level: high" + text[end:], "utf-8")
    broken = findings(root)
    assert {f[2] for f in broken if f[0] == "error"} == {SNAPSHOT}
    assert warnings(broken) <= example[1]
    assert any(f[1] == "regression" for f in example[1])
    assert not any(f[1] == "regression" and "in-house-expertise" in f[4] for f in broken)
    assert any(f[1] == "missing-evidence" for f in broken)


def test_only_local_checks_are_reported_beside_errors_that_taint():
    local = {c for c in CHECKS if reported_from_partial(c, tainted=True)}
    assert {"missing-evidence", "vague-goal", "regression"} <= local
    # Checks that read the schedule, or what is missing, could find what the left-out entries cause.
    assert not local & {"no-owner", "owner-overload", "unassessed-factor", "goal-at-risk", "unused-waiver",
                        "unapproved-rebaseline", "scope-undefined", "target-unreached"}
    assert all(CHECKS[c].partial for c in local)
    assert reported_from_partial("bad-type", tainted=True)  # the loader's own diagnostics


def test_entries_follow_sections_blocks_and_both_kinds_of_collection():
    text = ("organisation:\n  name: X\nreview:\n  period: 2026-Q4\nscope:\n  practices:\n    a: {status: in}\n"
            "    b: {status: out}\n  configuration_items: {}\npeople:\n  p1: {name: P}\ngoals:\n"
            "  - id: g1\n    statement: S\n  - statement: T\nassessment:\n  f1: {level: 1}\n")
    found = entries(load_text(text, ORG).root, FILES["organisation"], ORG)
    by_id = {(e.id, e.defines): (e.start, e.stop) for e in found}
    assert by_id[("a", True)] == ((7, 5), (8, 5))
    assert by_id[("b", True)] == ((8, 5), (9, 3))  # up to the next key of its section
    assert by_id[("p1", True)] == ((11, 3), (12, 1))
    assert by_id[("g1", True)] == ((13, 5), (15, 5))
    assert by_id[(None, True)][0] == (15, 5)
    assert ("f1", False) in by_id  # an assessment names a factor; it does not define one
    # Settings are entries of their own, named by their path; they define no id.
    settings = {e.id: (e.start, e.stop) for e in found if e.setting}
    assert settings == {"organisation.name": ((2, 3), (3, 1)), "review.period": ((4, 3), (5, 1))}
    assert not any(e.defines for e in found if e.setting)


def test_taint_spreads_through_references_and_stops_outside_entries():
    text = ("people:\n  p1: {name: P}\n  p2: {name: Q}\nmetrics:\n  m1: {name: M, unit: '%', direction: up}\n"
            "goals:\n  - {id: g1, statement: S, metric: m1, owner: p1}\n  - {id: g2, statement: T, owner: p2}\n")
    root = load_text(text, ORG).root
    found = entries(root, FILES["organisation"], ORG)
    org = _built(text)
    taint = find_taint([error(Loc(ORG, 5, 7), "bad-type", "x")], {ORG: found},
                       [Built(FILES["organisation"], org)], lambda _file: [])
    assert taint is not None and taint.ids == {"m1", "g1"}  # the goal measured by the metric, not g2
    assert find_taint([error(Loc(ORG, 1, 1), "bad-type", "x")], {ORG: found}, [], lambda _file: []) is None


def _built(text: str):
    from roadmap_gen.spec.base import Ctx
    from roadmap_gen.spec.fields import check_file
    ctx = Ctx()
    return check_file(load_text(text, ORG).root, FILES["organisation"], ORG, ctx, {"file": ORG})


# --- nothing invented, nothing crashes: any one line broken -------------------------------------

_VALUE_LINE = re.compile(r"^( +[A-Za-z_][\w-]*: )(\S.*)$")
_BAD_VALUES = ["lots", "-7", "[1, 2]", "{a: 1}", "no-such-id-zz", "''", "2026-Q9", "9999"]


def _candidates(root: Path, file: str) -> list[int]:
    lines = (root / file).read_text("utf-8").splitlines()
    return [i for i, line in enumerate(lines) if _VALUE_LINE.match(line)]


@pytest.fixture(scope="module")
def mutable(example) -> tuple[Path, set[Found], dict[str, list[int]], dict[str, str]]:
    root, clean = example
    files = (ORG, CATALOGUE, SNAPSHOT)
    return root, clean, {f: _candidates(root, f) for f in files}, {f: (root / f).read_text("utf-8") for f in files}


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_broken_line_never_invents_a_finding(mutable, data):
    root, clean, candidates, texts = mutable
    file = data.draw(st.sampled_from(sorted(candidates)))
    index = data.draw(st.sampled_from(candidates[file]))
    value = data.draw(st.sampled_from(_BAD_VALUES))
    lines = texts[file].splitlines(keepends=True)
    match = _VALUE_LINE.match(lines[index].rstrip("\n"))
    assert match
    lines[index] = f"{match.group(1)}{value}\n"
    try:
        (root / file).write_text("".join(lines), "utf-8")
        broken = findings(root)  # never raises
    finally:
        (root / file).write_text(texts[file], "utf-8")
    if any(f[0] == "error" for f in broken):
        assert warnings(broken) <= clean, (file, index + 1, value, sorted(warnings(broken) - clean))
