"""Issue 20, item 5 (B7 and "Degraded"): sizes bounded in bytes. Aliases cannot multiply text past ten
times a file's size; no export, download or frozen plan is larger than the tool reads; findings are
capped per file; "did you mean" does bounded work; pages that would take Python-Markdown minutes (or
its recursion limit) are refused at their place. None of these tests times anything: each asserts the
refusal, its place, or a count of the work done."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from corpus import World, files_of, run_cli

from roadmap_gen.core import diagnostics
from roadmap_gen.core.diagnostics import MAX_SHOWN_PER_FILE, MAX_SUGGESTION_CANDIDATES, did_you_mean
from roadmap_gen.markdown.pagesize import MAX_HTML_DEPTH, MAX_INLINE_RUN, MAX_PAGE_BYTES, check_page_size
from roadmap_gen.spec.yamlread import load_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
ORG = "content/organisation.yaml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    return project


def append(project: Path, text: str, rel: str = ORG) -> None:
    path = project / rel
    path.write_text(path.read_text("utf-8") + text, "utf-8")


# --- aliases, counted in characters ------------------------------------------------------------


def test_aliases_cannot_multiply_text_past_ten_times_the_file() -> None:
    title = "x" * 400_000
    text = f"a: &t {title}\nb: [{', '.join(['*t'] * 30)}]\n"
    loaded = load_text(text, "x.yaml")
    assert [(d.check, d.line) for d in loaded.diagnostics] == [("yaml-alias-bomb", 2)]
    assert "characters" in loaded.diagnostics[0].message


def test_aliases_within_ten_times_the_file_still_load() -> None:
    text = f"a: &t {'x' * 100_000}\nb: [{', '.join(['*t'] * 9)}]\n"
    assert load_text(text, "x.yaml").diagnostics == ()


def test_aliases_nested_in_an_anchored_list_count_their_expansion() -> None:
    text = f"a: &t {'x' * 50_000}\nb: &l [{', '.join(['*t'] * 19)}]\nc: [{', '.join(['*l'] * 5)}]\n"
    assert [d.check for d in load_text(text, "x.yaml").diagnostics] == ["yaml-alias-bomb"]


def test_a_title_aliased_many_times_stops_export_before_it_prints(small: Path) -> None:
    """B7: one 4 MB anchored title aliased 200 times printed 800 MB."""
    org = small / ORG
    text = org.read_text("utf-8").replace("    title: Weekly change review with the business",
                                          "    title: &t " + "w" * 400_000, 1)
    org.write_text(text + "x-copies: [" + ", ".join(["*t"] * 200) + "]\n", "utf-8")
    done = run_cli("export", project=small)
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"{ORG}:" in done.stderr and "[yaml-alias-bomb]" in done.stderr, done.stderr[-2000:]


# --- outputs within the read limit ------------------------------------------------------------


def small_read_limit() -> None:
    """In the command's process: the read limit made small, so the example's outputs exceed it."""
    import roadmap_gen.downloads.export
    roadmap_gen.downloads.export.MAX_FILE_BYTES = 300


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_an_export_larger_than_the_read_limit_stops_with_a_located_error(small: Path, fmt: str,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    done = run_cli("export", "--format", fmt, "--output", str(out), project=small, setup=small_read_limit)
    assert done.returncode == 1, done.stderr
    assert f"{ORG}:1:1: error: [output-too-large]" in done.stderr, done.stderr
    assert not out.exists()
    printed = run_cli("export", "--format", "json" if fmt == "xlsx" else fmt, project=small,
                      setup=small_read_limit)
    assert printed.returncode == 1 and printed.stdout == ""


def test_review_writes_no_frozen_plan_the_tool_could_not_read(small: Path) -> None:
    before = files_of(small / "content")
    done = run_cli("review", "2027-Q1", "--date", "2027-01-10", project=small, setup=small_read_limit)
    assert done.returncode == 1, done.stderr
    assert "[output-too-large] the frozen plan" in done.stderr, done.stderr
    assert files_of(small / "content") == before


@pytest.mark.slow
def test_a_build_with_a_download_too_large_leaves_the_site_as_it_was(world: World) -> None:
    done = world.run("build", setup=small_read_limit)
    world.refused(done, f"{ORG}:1:1", 1, ["output-too-large", "the download downloads/"])


# --- findings capped per file --------------------------------------------------------------------


def test_findings_are_capped_per_file_with_a_count_of_the_rest(small: Path) -> None:
    append(small, "".join(f"unknown-{i}: 1\n" for i in range(3_000)))
    done = run_cli("validate", project=small)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith(f"{ORG}:")]
    assert len(lines) == MAX_SHOWN_PER_FILE + 1, done.stderr[-500:]
    assert f"error: [too-many-findings] {3_000 - MAX_SHOWN_PER_FILE:,} more finding(s) in {ORG}" in lines[-1]
    assert done.stderr.splitlines()[-1].startswith("3000 error(s)")  # the summary counts them all
    as_json = json.loads(run_cli("validate", "--format", "json", project=small).stdout)
    assert len(as_json) == MAX_SHOWN_PER_FILE + 1 and as_json[-1]["check"] == "too-many-findings"
    github = run_cli("validate", "--format", "github", project=small).stdout.splitlines()
    assert len(github) == MAX_SHOWN_PER_FILE + 1


def test_capping_keeps_the_verdict() -> None:
    from roadmap_gen.core.diagnostics import Loc, capped_per_file, error, warning
    found = [warning(Loc("a.yaml", i, 1), "w", "w") for i in range(1, 150)] + [error(Loc("a.yaml", 999, 1), "e", "e")]
    shown = capped_per_file(found, limit=10)
    assert len(shown) == 11 and shown[-1].severity == "error" and shown[-1].check == "too-many-findings"
    assert capped_per_file(found[:5], limit=10) == found[:5]


# --- "did you mean", bounded --------------------------------------------------------------------


def test_did_you_mean_does_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """B7 degraded: 5,000 factors and 16,000 unknown references cost N x M comparisons (281 s)."""
    compared: list[int] = []
    real = diagnostics.get_close_matches

    def counting(word: str, possibilities: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(diagnostics, "get_close_matches", counting)
    factors = {f"factor-{i:04d}-{'abcdefgh'[i % 8]}": None for i in range(5_000)}
    hints = [did_you_mean(f"unknown-reference-{i}", factors) for i in range(16_000)]
    assert len(compared) == 16_000
    assert max(compared) <= MAX_SUGGESTION_CANDIDATES
    assert all(hint == "" or hint.startswith("did you mean 'factor-") for hint in hints)


def test_did_you_mean_still_finds_a_typo() -> None:
    assert did_you_mean("incident-managment", ["incident-management", "change-enablement"]) == \
        "did you mean 'incident-management'?"
    assert did_you_mean("x" * 500, ["x" * 500]) == ""  # too long to compare


@pytest.mark.parametrize(("typed", "meant"), [
    ("taem-0500", "team-0500"),  # two letters swapped
    ("team-500", "team-0500"),  # one left out
    ("team-05000", "team-0500"),  # one added
    ("team_0731", "team-0731"),  # one changed
])
def test_did_you_mean_names_the_word_meant_among_many_alike(typed: str, meant: str) -> None:
    """Among a thousand ids of one length and one first letter, the bounded comparison once took the first
    ones in sorted order (``taem-0500``: did you mean 'team-0010'?): a hint that sends the user astray."""
    teams = tuple(f"team-{i:04d}" for i in range(1_000))
    assert did_you_mean(typed, teams) == f"did you mean '{meant}'?"
    assert did_you_mean(typed, {*teams, "service-desk"}) == f"did you mean '{meant}'?"


# --- pages Python-Markdown would choke on ---------------------------------------------------------


PAGES = {
    "emphasis-runs": "*a_" * 300_000,  # 230 s before
    "links-without-end": "# Notes\n\n" + "[a](" * 1_000,
    "one-long-paragraph-of-lines": "Intro\n" + "- [a](\n" * 1_000,
    "nested-divs": "<div markdown>\n" * 300 + "a\n" + "</div>\n" * 300,
    "emphasis-recursion": "*" * 3_000 + "a" + "*" * 3_000,
}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_markdown_would_choke_on_is_refused_at_its_place(small: Path, name: str) -> None:
    pages = small / "content" / "pages"
    pages.mkdir()
    (pages / "notes.md").write_text(PAGES[name], "utf-8")
    done = run_cli("validate", project=small, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "content/pages/notes.md:" in done.stderr and "[page-too-large]" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_page_limits_leave_ordinary_pages_alone() -> None:
    table = "| a | b |\n|---|---|\n" + "| [x](y) | *z* |\n" * 2_000
    items = "- " + "\n- ".join(["an item with a [link](x)"] * 2_000) + "\n"
    code = "```\n" + "[a](" * 5_000 + "\n```\n"
    paragraphs = "\n\n".join(["A sentence of *ordinary* prose. " * 20] * 100)
    for text in (table, items, code, paragraphs):
        assert len(text.encode()) <= MAX_PAGE_BYTES
        assert check_page_size(text, "p.md") == []
    assert check_page_size("<div>" * MAX_HTML_DEPTH, "p.md") == []
    assert check_page_size("a" * (MAX_INLINE_RUN - 1), "p.md") == []


# --- what held, kept -----------------------------------------------------------------------------


def test_a_fifty_megabyte_string_is_refused_unread(small: Path) -> None:
    (small / ORG).write_bytes(b'organisation:\n  name: "' + b"x" * (50 * 1024 * 1024) + b'"\n')
    done = run_cli("validate", project=small)
    assert done.returncode == 1
    assert f"{ORG}:1:1: error: [file-too-large]" in done.stderr


@pytest.mark.slow
def test_a_hundred_thousand_evidence_items_are_read(small: Path) -> None:
    org = small / ORG
    items = "".join(f"      - {{text: Minutes {i}, date: 2026-09-30}}\n" for i in range(100_000))
    text = org.read_text("utf-8").replace(
        '      - {text: Sponsor chaired the Q3 review, date: 2026-09-30, link: "https://intranet/minutes/q3"}\n',
        items, 1)
    assert len(text.encode()) < 5 * 1024 * 1024
    org.write_text(text, "utf-8")
    done = run_cli("validate", project=small, timeout=300)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_template_nesting_thousands_of_elements_is_a_located_error_not_a_crash(small: Path, tmp_path: Path) -> None:
    """B7 degraded: 3,000 nested divs in a template made ``report --pdf`` exit 3 (WeasyPrint's recursion)."""
    pytest.importorskip("weasyprint")
    templates = small / "templates"
    templates.mkdir()
    packaged = Path(__file__).resolve().parents[2] / "templates" / "report.md.j2"
    (templates / "report.md.j2").write_text(packaged.read_text("utf-8") + "\n" + "<div>" * 3_000 + "deep"
                                            + "</div>" * 3_000 + "\n", "utf-8")
    pdf = tmp_path / "board.pdf"
    done = run_cli("report", "--pdf", str(pdf), project=small)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "templates/report.md.j2:" in done.stderr and "[template-limit]" in done.stderr, done.stderr[-2000:]
    assert "internal error" not in done.stderr and not pdf.exists()
    assert run_cli("validate", project=small).returncode == 1
