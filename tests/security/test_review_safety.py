"""Issue 10, item 7: `review` is exact for every YAML line break, refuses what it cannot edit exactly,
and is all-or-nothing for a kill at any instant."""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpus import die_at_step, files_of, run_cli

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "minimal"
ORG = "content/organisation.yaml"


@dataclass
class Small:
    project: Path
    outside: Path
    outside_before: dict[str, bytes]

    @property
    def org(self) -> Path:
        return self.project / ORG

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, project=self.project)

    def edit(self, old: str, new: str) -> None:
        text = self.org.read_text("utf-8")
        assert old in text, old
        self.org.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Small]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "canary.txt").write_text("canary\n", "utf-8")
    s = Small(project, outside, files_of(outside))
    yield s
    assert files_of(outside) == s.outside_before
    for path in project.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644) if not path.is_symlink() else None


def inputs_of(project: Path) -> dict[str, bytes]:
    """The project's files but the tool's own state folder (its lock file is made by any command that locks)."""
    return {rel: data for rel, data in files_of(project).items() if not rel.startswith(".roadmap-gen/")}


def expected_after(text: str) -> str:
    """The organisation.yaml text after `review 2027-Q1 --date 2027-02-19` of the minimal fixture."""
    return (text.replace("period: 2026-Q4", "period: 2027-Q1").replace("date: 2026-11-20", "date: 2027-02-19")
            .replace("next: 2027-02-19", "next: 2027-05-19").replace("start: 2027-Q1", "start: 2027-Q2"))


# --- every line break the parser knows -------------------------------------------------------

BREAKS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r", "NEL": "\x85", "LINE SEPARATOR": "\u2028",
          "PARAGRAPH SEPARATOR": "\u2029"}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_line_break_in_a_comment_does_not_shift_the_edits(small: Small, name: str) -> None:
    brk = BREAKS[name]
    text = small.org.read_text("utf-8").replace("# The minimal organisation",
                                                f"# The minimal{brk}# organisation", 1)
    text = text.replace("review:\n", f"review:   # when{brk}# and what\n", 1)
    small.org.write_bytes(text.encode("utf-8"))
    done = small.run("review", "2027-Q1", "--date", "2027-02-19")
    assert done.returncode == 0, done.stderr
    assert small.org.read_bytes().decode("utf-8") == expected_after(text)
    assert (small.project / "content" / "reviews" / "2026-Q4" / "organisation.yaml").read_bytes() == text.encode()


def test_a_cr_only_file_is_reviewed_exactly(small: Small) -> None:
    text = small.org.read_text("utf-8").replace("\n", "\r")
    small.org.write_bytes(text.encode("utf-8"))
    assert small.run("validate").returncode == 0
    done = small.run("review", "2027-Q1", "--date", "2027-02-19")
    assert done.returncode == 0, done.stderr
    assert small.org.read_bytes().decode("utf-8") == expected_after(text.replace("\r", "\n")).replace("\n", "\r")


@pytest.mark.parametrize("name", ["CR", "NEL", "LINE SEPARATOR", "PARAGRAPH SEPARATOR"])
def test_diagnostics_count_lines_as_the_parser_does(small: Small, name: str) -> None:
    """Two comments end with the break: the unknown field on (LF) line 9 is on line 11 for YAML."""
    brk = BREAKS[name]
    text = small.org.read_text("utf-8")
    text = text.replace("# The minimal organisation", f"# a{brk}# b{brk}# The minimal organisation", 1)
    text = text.replace("  period: 2026-Q4", "  colour: red\n  period: 2026-Q4", 1)
    small.org.write_bytes(text.encode("utf-8"))
    done = small.run("validate")
    assert done.returncode == 1
    assert f"{ORG}:10:3: error: [unknown-field]" in done.stderr, done.stderr
    # a syntax error, a control character and a byte that is not UTF-8 after the break are placed the same way
    for bad, where in (("colour: [red", f"{ORG}:11:9: error: [yaml-syntax]"),
                       ("colour: r\x01d", f"{ORG}:10:12: error: [yaml-syntax]")):
        small.org.write_bytes(text.replace("colour: red", bad, 1).encode("utf-8"))
        done = small.run("validate")
        assert done.returncode == 1 and where in done.stderr and "Traceback" not in done.stderr, done.stderr
    small.org.write_bytes(text.replace("colour: red", "colour: r\ufffdd", 1).encode("utf-8")
                          .replace("\ufffd".encode("utf-8"), b"\xff"))
    done = small.run("validate")
    assert f"{ORG}:10:12: error: [not-utf8]" in done.stderr, done.stderr


# --- refused, located, nothing changed ---------------------------------------------------------------


def anchored_date(s: Small) -> list[str]:
    s.edit("date: 2026-11-20", "date: &d 2026-11-20")
    s.edit("{date: 2026-10-12,", "{date: *d,")
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def anchored_review(s: Small) -> list[str]:
    s.edit("review:\n", "review: &r\n")
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def block_scalar_date(s: Small) -> list[str]:
    s.edit("date: 2026-11-20", "date: >-\n    2026-11-20")
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def read_only_org(s: Small) -> list[str]:
    s.org.chmod(0o444)
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def linked_org(s: Small) -> list[str]:
    real = s.project / "real-organisation.yaml"
    shutil.move(str(s.org), real)
    s.org.symlink_to(Path("../real-organisation.yaml"))
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def read_only_content(s: Small) -> list[str]:
    (s.project / "content").chmod(0o555)
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def reviews_is_a_file(s: Small) -> list[str]:
    shutil.rmtree(s.project / "content" / "reviews")
    (s.project / "content" / "reviews").write_text("not a folder", "utf-8")
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def plan_runs_past_9999(s: Small) -> list[str]:
    s.edit("start: 2027-Q1", "start: 9999-Q1")
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def start_moves_to_10000(s: Small) -> list[str]:
    s.edit("start: 2027-Q1", "start: 9999-Q4")
    s.edit("phases: 4", "phases: 1")
    return ["review", "2027-Q1", "--date", "2027-02-19"]


def review_date_in_9999(s: Small) -> list[str]:
    s.edit("period: 2026-Q4", "period: 9999-Q2")
    s.edit("date: 2026-11-20", "date: 9999-05-01")
    return ["validate"]


def review_date_in_0000(s: Small) -> list[str]:
    s.edit("date: 2026-11-20", "date: 0000-11-20")
    return ["validate"]


def period_0000(s: Small) -> list[str]:
    s.edit("period: 2026-Q4", "period: 0000-Q4")
    return ["validate"]


REFUSED: list[tuple[str, Callable[[Small], list[str]], str, int]] = [
    ("anchor-on-the-date", anchored_date, f"{ORG}:9:3: error: [review-edit]", 1),
    ("anchor-on-the-review-block", anchored_review, f"{ORG}:7:1: error: [review-edit]", 1),
    ("block-scalar-date", block_scalar_date, f"{ORG}:9:9: error: [review-edit]", 1),
    ("read-only-organisation", read_only_org, f"{ORG}:1:1: error: [review-unwritable]", 1),
    ("linked-organisation", linked_org, f"{ORG}:1:1: error: [review-unwritable]", 1),
    ("read-only-content", read_only_content, "content:1:1: error: [review-unwritable]", 1),
    ("reviews-is-a-file", reviews_is_a_file, "content/reviews:1:1: error: [not-a-folder]", 1),
    ("plan-would-run-past-9999-Q4", plan_runs_past_9999, f"{ORG}:13:10: error: [bad-period]", 1),
    ("start-would-be-10000-Q1", start_moves_to_10000, f"{ORG}:13:10: error: [bad-period]", 1),
    ("review-date-in-year-9999", review_date_in_9999, f"{ORG}:9:9: error: [bad-date]", 1),
    ("review-date-in-year-0000", review_date_in_0000, f"{ORG}:9:9: error:", 1),
    ("period-in-year-0000", period_0000, f"{ORG}:8:11: error:", 1),
]


@pytest.mark.parametrize("case, setup, where, code", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_reviews(small: Small, case: str, setup: Callable[[Small], list[str]], where: str,
                         code: int) -> None:
    args = setup(small)
    before = inputs_of(small.project)
    try:
        done = small.run(*args)
    finally:
        (small.project / "content").chmod(0o755)
    assert done.returncode == code, done.stderr
    assert where in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert inputs_of(small.project) == before


@pytest.mark.parametrize("args", [["review", "9999-Q1", "--date", "9999-02-01"],
                                  ["review", "2027-Q1", "--date", "9999-12-31"],
                                  ["review", "2027-Q1", "--date", "0000-01-01"],
                                  ["review", "10000-Q1"]])
def test_review_past_the_calendar_is_a_usage_error(small: Small, args: list[str]) -> None:
    before = inputs_of(small.project)
    done = small.run(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert inputs_of(small.project) == before


def test_a_review_date_before_the_new_period_is_a_usage_error(small: Small) -> None:
    before = inputs_of(small.project)
    done = small.run("review", "2027-Q2", "--date", "2027-03-31")
    assert done.returncode == 2, done.stderr
    assert "the review date 2027-03-31 is before 2027-Q2 begins (2027-04-01)" in done.stderr
    assert "--date" in done.stderr and "Traceback" not in done.stderr
    assert inputs_of(small.project) == before  # nothing frozen, nothing opened
    done = small.run("review", "2027-Q2", "--date", "2027-04-01")  # its first day is in it
    assert done.returncode == 0, done.stderr


# --- a kill at any instant --------------------------------------------------------------------------

def test_review_killed_at_each_step_is_old_or_completed_by_the_next_run(small: Small, tmp_path: Path) -> None:
    pristine = tmp_path / "pristine"
    shutil.copytree(small.project, pristine)
    before = small.org.read_bytes()
    after = expected_after(before.decode("utf-8")).encode("utf-8")
    args = ["review", "2027-Q1", "--date", "2027-02-19"]
    killed_after_commit = 0
    for step in range(1, 80):
        shutil.rmtree(small.project)
        shutil.copytree(pristine, small.project)
        done = run_cli(*args, project=small.project, timeout=60, setup=functools.partial(die_at_step, step))
        if done.returncode == 0:
            break  # the review ran through: every step before this one was tried
        assert done.returncode == 137, done.stderr
        journal = small.project / "content" / ".review-journal.json"
        snapshot = small.project / "content" / "reviews" / "2026-Q4" / "organisation.yaml"
        visible = sorted(p.relative_to(small.project).as_posix() for p in small.project.rglob("*")
                         if not any(part.startswith(".") for part in p.relative_to(small.project).parts))
        if journal.exists():
            killed_after_commit += 1
            refused = run_cli("validate", project=small.project)
            assert refused.returncode == 1 and "[review-interrupted]" in refused.stderr, refused.stderr
        elif small.org.read_bytes() == before:
            assert not snapshot.exists(), f"step {step}: a snapshot without the journal"  # the old state
            assert visible == sorted(p.relative_to(pristine).as_posix() for p in pristine.rglob("*")
                                     if not any(part.startswith(".") for part in p.relative_to(pristine).parts))
        else:  # killed after the review had finished: the new state, and nothing left to do
            assert small.org.read_bytes() == after and snapshot.read_bytes() == before, f"step {step}"
            assert not [p for p in (small.project / "content").iterdir() if p.name.startswith(".")], step
            continue
        again = run_cli("review", "2027-Q1", "--date", "2027-02-19", project=small.project)
        assert again.returncode == 0, (step, again.stderr)
        assert "Traceback" not in again.stderr
        assert small.org.read_bytes() == after, f"step {step}: the re-run did not complete the review"
        assert snapshot.read_bytes() == before
        assert not journal.exists()
        assert not [p.name for p in (small.project / "content").iterdir() if p.name.startswith(".")], step
    else:
        pytest.fail("review never ran to the end")
    assert step > 10 and killed_after_commit >= 3, (step, killed_after_commit)
