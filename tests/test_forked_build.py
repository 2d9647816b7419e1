"""Work shared by forked processes (site/forkmap.py, site/mkdocs_fork.py): the same results, the same
errors at the same place, the same site byte for byte."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from example_project import copy_example
from roadmap_gen.cli import main
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import BuildError
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site import engines, mkdocs_fork
from roadmap_gen.site.build import build_site
from roadmap_gen.site.forkmap import can_fork, fork_call, fork_map
from test_load_memo import count_parsed

pytestmark = pytest.mark.skipif(not can_fork(), reason="forked work needs Linux and one thread")

EPOCH = "1790000000"
INFO = BuildInfo(built="2026-09-21 14:13 UTC")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- fork_map -----------------------------------------------------------------------------------


def test_fork_map_gives_what_one_process_gives() -> None:
    items = list(range(53))
    for workers in (1, 2, 3, 5, 80):
        assert fork_map(lambda x: (x, str(x) * 3), items, workers) == [(x, str(x) * 3) for x in items]
    assert fork_map(lambda x: x, [], 2) == []
    pids = fork_map(lambda x: os.getpid(), list(range(8)), 2)
    assert pids[0::2] == [os.getpid()] * 4  # this process works items 0, 2, 4, ...
    assert len(set(pids[1::2])) == 1 and pids[1] != os.getpid()  # one child the others


def test_the_first_error_in_order_is_raised_here() -> None:
    def work(x: int) -> int:
        if x in (3, 4):
            raise ValueError(f"item {x}")
        return x

    # Item 3 is the child's, item 4 this process's, which works it first: the error is still item 3's.
    with pytest.raises(ValueError, match="item 3"):
        fork_map(work, list(range(10)), 2)
    with pytest.raises(ValueError, match="item 3"):
        fork_map(work, list(range(10)), 1)


def test_a_child_that_dies_costs_only_time() -> None:
    parent = os.getpid()

    def work(x: int) -> int:
        if os.getpid() != parent:
            os._exit(7)
        return x + 1

    assert fork_map(work, list(range(9)), 3) == list(range(1, 10))


def test_a_child_that_cannot_be_started_costs_only_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork refused (a limit on processes or memory: EAGAIN, ENOMEM) leaves the items of that child and
    of any after it to this process, with the same results and the same first error."""
    real_fork = os.fork
    forks: list[int] = []

    def limited_fork() -> int:
        forks.append(1)
        if len(forks) > allowed:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(os, "fork", limited_fork)
    items = list(range(11))
    for allowed in (0, 1):  # no child at all; one child of the three asked for
        forks.clear()
        assert fork_map(lambda x: x * x, items, 4) == [x * x for x in items]
        assert len(forks) == allowed + 1  # no fork tried after the one refused

        def work(x: int) -> int:
            if x in (5, 6):
                raise ValueError(f"item {x}")
            return x

        forks.clear()
        with pytest.raises(ValueError, match="item 5"):
            fork_map(work, items, 4)


def test_refused_and_unpicklable_results_are_worked_here() -> None:
    parent = os.getpid()
    here = fork_map(lambda x: (x, os.getpid() == parent), list(range(6)), 2, keep=lambda result: not result[0] % 3)
    assert here == [(0, True), (1, True), (2, True), (3, False), (4, True), (5, True)]
    made: list[Callable[[], int]] = fork_map(lambda x: (lambda: x), list(range(4)), 2)  # a lambda cannot cross
    assert [f() for f in made] == [0, 1, 2, 3]


def test_no_fork_beside_another_thread() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert set(fork_map(lambda x: os.getpid(), list(range(6)), 2)) == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_fork_call_works_beside_this_process() -> None:
    parent = os.getpid()
    pending = fork_call(lambda: (os.getpid(), [1, 2]))
    pid, items = pending.result() or (parent, [])
    assert pid != parent and items == [1, 2] and pending.result() == (pid, [1, 2])  # waited for once
    assert fork_call(lambda: os._exit(7)).result() is None  # a child that dies gives nothing
    assert fork_call(lambda: 1 / 0).result() is None
    assert fork_call(lambda: (lambda: 1)).result() is None  # a result that cannot cross
    stopped = fork_call(lambda: threading.Event().wait(60))
    stopped.cancel()  # stopped at once, not waited for
    assert stopped.result() is None


def test_work_started_after_another_waits_for_its_end(tmp_path: Path) -> None:
    """``fork_call(work, after=pending)`` (the templates compiled once the team files read beside are read):
    *work* starts when that child has ended, however it ended, without its result being taken."""
    done = tmp_path / "first-done"
    hold, release = os.pipe()

    def first() -> str:
        os.read(hold, 1)  # until the test lets it go on
        done.write_text("x")
        return "first"

    earlier = fork_call(first)
    later = fork_call(done.exists, after=earlier)
    os.write(release, b"go")
    assert later.result() is True  # it looked only once the first had written its file and ended
    assert earlier.result() == "first"
    stopped = fork_call(lambda: threading.Event().wait(60))
    waiting = fork_call(lambda: "ran", after=stopped)
    stopped.cancel()  # a child killed ends too
    assert waiting.result() == "ran"
    assert fork_call(lambda: "at once", after=earlier).result() == "at once"  # its result taken: no wait
    os.close(hold)
    os.close(release)


def test_work_started_when_no_pipe_can_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """No file descriptor left for the pipe that tells a child's end (EMFILE): the work still runs, and
    work started after it does not wait."""
    def no_pipe() -> tuple[int, int]:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_pipe)
    first = fork_call(lambda: "first")
    assert fork_call(lambda: "second", after=first).result() == "second"
    assert first.result() == "first"

def test_templates_compiled_in_another_process_render_the_same_pages(tmp_path: Path) -> None:
    """build and validate compile the templates in a forked process while they load the project: the pages
    are the same, and a project template that does not compile is still reported at its render."""
    from roadmap_gen.core.diagnostics import InputError
    from roadmap_gen.pages import render, render_site
    from roadmap_gen.workspace.workspace import Workspace
    project = copy_example(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "team.md.j2").write_text("{% if %}broken\n", encoding="utf-8")
    (project / "templates" / "extra.md.j2").write_text("{{ page.title }}\n", encoding="utf-8")
    workspace = Workspace(project)
    render._COMPILED._store.clear()
    compiled = fork_call(lambda: render.compiled_templates(workspace)).result() or {}
    assert len(compiled) > 10 and render._COMPILED._store == {}  # made in the child only
    render.add_compiled(compiled)
    render.add_compiled({"not bytecode": "x", 3: b"x"})
    assert set(render._COMPILED._store) == set(compiled)
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None
    with pytest.raises(InputError) as caught:
        render_site(workspace, planned.project, planned.plan, INFO)
    assert any(d.file == "templates/team.md.j2" for d in caught.value.diagnostics)
    (project / "templates" / "team.md.j2").unlink()
    warm = render_site(workspace, planned.project, planned.plan, INFO).files
    render._COMPILED._store.clear()
    assert render_site(workspace, planned.project, planned.plan, INFO).files == warm


# --- MkDocs' page loops ---------------------------------------------------------------------------


@contextmanager
def watched(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The loops each build in the block shared (one list per build)."""
    seen: list[list[str]] = []
    real = mkdocs_fork.forked_pages

    @contextmanager
    def spy(workers: int) -> Iterator[Any]:
        with real(workers) as stand_in:
            yield stand_in
            seen.append(list(stand_in.shared) if stand_in is not None else [])

    monkeypatch.setattr(engines, "forked_pages", spy)
    yield seen


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("forked") / "project")


def test_the_example_site_is_the_same_with_workers(example: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    planned = plan_project(example)
    with watched(monkeypatch) as seen:
        build_site(example, planned, tmp_path / "one", INFO, workers=1)
        build_site(example, planned, tmp_path / "two", INFO, workers=2)
        build_site(example, planned, tmp_path / "three", INFO, workers=3)
    assert seen == [[], ["reading", "writing"], ["reading", "writing"]]
    one = files_of(tmp_path / "one")
    assert files_of(tmp_path / "two") == one
    assert files_of(tmp_path / "three") == one


def test_warnings_and_errors_come_at_the_same_page(example: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken link on a hand-written page (a warning) and two pages whose conversion fails, one
    worked by each process: the same messages, in the same order, whatever the workers."""
    project = copy_example(tmp_path / "project")
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "notes.md").write_text("# Notes\n\n[broken](nowhere.md)\n", "utf-8")
    planned = plan_project(project)
    said: dict[int, str] = {}
    for workers in (1, 2):
        with pytest.raises(BuildError) as caught:
            build_site(project, planned, tmp_path / f"site{workers}", INFO, workers=workers)
        said[workers] = str(caught.value)
    assert "nowhere.md" in said[1] and said[2] == said[1]

    from mkdocs.commands import build as mkdocs_build
    real = mkdocs_build._populate_page
    failing = {"now/governance.md", "now/front-door.md", "training.md"}

    def populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if page.file.src_uri in failing:
            raise RuntimeError(f"cannot convert {page.file.src_uri}")
        real(page, config, files, dirty)

    monkeypatch.setattr(mkdocs_build, "_populate_page", populate)
    (project / "content" / "pages" / "notes.md").write_text("# Notes\n", "utf-8")
    planned = plan_project(project)
    for workers in (1, 2):
        with pytest.raises(BuildError) as caught:
            build_site(project, planned, tmp_path / f"fail{workers}", INFO, workers=workers)
        said[workers] = str(caught.value)
    assert "cannot convert" in said[1] and said[2] == said[1]


def test_a_plugin_that_reads_pages_keeps_mkdocs_alone(example: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's tags plugin handles page_markdown (it keeps state there): the reading loop is not shared;
    the writing loop neither (it handles page_context too); the site is the same."""
    project = copy_example(tmp_path / "project")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write("plugins:\n  - search\n  - tags\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    planned = plan_project(project)
    with watched(monkeypatch) as seen:
        build_site(project, planned, tmp_path / "one", INFO, workers=1)
        build_site(project, planned, tmp_path / "two", INFO, workers=2)
    assert seen == [[], []]
    assert files_of(tmp_path / "two") == files_of(tmp_path / "one")


def test_jobs_on_the_command_line(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for bad in ("0", "x", "65", "²"):
        with pytest.raises(SystemExit) as exited:
            main(["--project", str(example), "build", "--jobs", bad])
        assert exited.value.code == 2
        assert "is not a whole number from 1 to 64" in capsys.readouterr().err
    with watched(monkeypatch) as seen:
        assert main(["--project", str(example), "build", "--jobs", "1", "--site-dir", str(tmp_path / "a")]) == 0
        assert main(["--project", str(example), "build", "--jobs", "2", "--site-dir", str(tmp_path / "b")]) == 0
    assert seen == [[], ["reading", "writing"]]
    assert files_of(tmp_path / "b") == files_of(tmp_path / "a")


# --- a first load reads team files in a second process ----------------------------------------------


def _many_teams(project: Path, count: int) -> None:
    """*count* more team files; one near the end has a form error, one is a folder."""
    folder = project / "content" / "teams"
    for index in range(count):
        level = "two" if index == count - 5 else str(index % 4)
        (folder / f"extra-{index:03d}.yaml").write_text(
            f"team:\n  name: Extra {index:03d}\n  group: Group {index % 3}\n"
            f"assessment:\n  leadership-support: {{level: {level}, target: 3}}\n", encoding="utf-8")
    (folder / "extra-zzz.yaml").mkdir()


def test_a_first_validate_reads_the_last_team_files_beside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """validate with no load cache and many team files: the last part of them is read by a second process
    and handed to the load (LoadMemo.offer); the messages are those of one process, also when that
    process fails."""
    from roadmap_gen.cli import run
    from roadmap_gen.load import project as project_module
    from roadmap_gen.load.project import LoadMemo

    project = copy_example(tmp_path / "project")
    _many_teams(project, 150)
    offered: list[tuple[int, int | None]] = []
    real_offer = LoadMemo.offer

    def spy(self: LoadMemo, labels: Any, take: Callable[[], Any]) -> None:
        def taking() -> Any:
            found = take()
            offered.append((len(labels), None if found is None else len(found)))
            return found
        real_offer(self, labels, taking)

    monkeypatch.setattr(LoadMemo, "offer", spy)

    def validate(workers: int) -> tuple[int, str]:
        monkeypatch.setattr(run, "default_workers", lambda: workers)
        code = main(["--project", str(project), "validate"])
        return code, capsys.readouterr().err

    one = validate(1)
    assert one[0] == 1 and "content/teams/extra-145.yaml:5:" in one[1] and "extra-zzz.yaml" in one[1]
    assert offered == []
    assert validate(2) == one
    teams = len(project_module.team_files(project))
    assert offered == [(round(teams * run.READ_AHEAD_PART), round(teams * run.READ_AHEAD_PART) - 1)]  # not the folder
    offered.clear()
    monkeypatch.setattr(project_module, "read_ahead", lambda where, paths: os._exit(3))
    assert validate(2) == one
    assert offered == [(round(teams * run.READ_AHEAD_PART), None)]
    assert not (project / ".roadmap-gen" / "load-cache.pickle").exists()  # validate writes no cache


def test_a_first_build_keeps_what_was_read_beside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The team files a second process read in a first build are in the load cache the build keeps: the
    next validate parses none of them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = copy_example(tmp_path / "project")
    _many_teams(project, 150)
    (project / "content" / "teams" / "extra-zzz.yaml").rmdir()
    (project / "content" / "teams" / "extra-145.yaml").unlink()  # the one with an error
    from roadmap_gen.load.project import LoadMemo
    taken: list[int] = []
    real_offer = LoadMemo.offer
    monkeypatch.setattr(LoadMemo, "offer", lambda self, labels, take: real_offer(
        self, labels, lambda: taken.append(len(found := take() or {})) or found))
    assert main(["--project", str(project), "build", "--jobs", "2", "--site-dir", str(tmp_path / "site")]) == 0
    assert len(taken) == 1 and taken[0] > 60  # the build read that many beside
    parsed = count_parsed(monkeypatch)
    capsys.readouterr()
    assert main(["--project", str(project), "validate"]) == 0, capsys.readouterr().err
    assert not [label for label in parsed if label.startswith("content/teams/")]
