"""How fast `serve` shows an edit, beside a full rebuild, in one run.

Generates the example organisation with N team files (1,000 by default), then, in the same
process, the way `roadmap-gen serve` rebuilds:

- ``full``: a rebuild that cannot be quick (the preview folder starts empty, the page cache
  is deleted first, and nothing is remembered of an earlier load: a serve's first rebuild), best of a few;
- ``edit``: one team file edited (its name), then the preview's rebuild, which parses only the
  files that changed (the serve's ``LoadMemo``), renders only the pages whose inputs changed (the
  page cache) and has the site engine rebuild only the pages the edit changed (and their
  navigation neighbours), best of a few edits.

Both include loading and planning.
The goal is ``edit`` at most a tenth of ``full``; the ratio is printed. Both the wall-clock time and the processor
time are printed (the latter steadier on a shared machine).

- ``render``: :func:`roadmap_gen.pages.render_site` alone (every page's Markdown and SVG, in
  memory), best of a few; the budget is 60 s at 1,000 teams. ``tests/test_pages.py::
  test_thousand_teams`` checks what such a site holds; how fast it comes is measured here,
  since a timing assertion fails on a busy machine.

    python benchmarks/serve.py [--teams 1000] [--runs 3]

Not a test: numbers depend on the machine. Results go in the issue notes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from roadmap_gen.core.buildinfo import BuildInfo  # noqa: E402
from roadmap_gen.load.project import LoadMemo  # noqa: E402
from roadmap_gen.pages import render_site  # noqa: E402
from roadmap_gen.pipeline import plan_project  # noqa: E402
from roadmap_gen.site.serve import rebuild  # noqa: E402
from roadmap_gen.workspace.workspace import Workspace  # noqa: E402
from scale import make_project  # noqa: E402

try:
    from roadmap_gen.site.pagecache import CACHE_FILE
except ImportError:  # a version before the page cache (a "before" measurement)
    CACHE_FILE = "page-cache.json"

INFO = BuildInfo(built="benchmark")
RENDER_BUDGET_SECONDS = 60.0


def time_render(project: Path, runs: int) -> None:
    planned = plan_project(project)
    assert planned.plan is not None and planned.project is not None, [d.format() for d in planned.diagnostics]
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        render_site(project, planned.project, planned.plan, INFO)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    verdict = "within" if min(walls) < RENDER_BUDGET_SECONDS else "OVER"
    print(f"rendering every page: {min(walls):.2f} s ({min(cpus):.2f} s processor); {verdict} the "
          f"{RENDER_BUDGET_SECONDS:.0f} s budget of 1,000 teams")


def _workspace(project: Path) -> Workspace:
    """The project as `serve` sees it: with a key for the page cache, as the command line gives one."""
    try:
        return Workspace(project, cache_key=_KEY)
    except TypeError:  # a version before the signed cache (a "before" measurement)
        return Workspace(project)


_KEY = b"benchmark page cache key 32 byte"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-render", action="store_true", help="skip timing the rendering alone")
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min)", flush=True)
    base = Path(tempfile.mkdtemp(prefix="rg-serve-"))
    try:
        project = base / "project"
        make_project(project, args.teams)
        if not args.no_render:
            time_render(project, args.runs)
        messages: list[str] = []
        fulls, full_cpu = [], []
        for run in range(args.runs):
            preview = base / f"preview-full-{run}"
            (project / ".roadmap-gen" / CACHE_FILE).unlink(missing_ok=True)  # nothing rendered before to reuse
            start, cpu = time.perf_counter(), time.process_time()
            assert rebuild(_workspace(project), preview, INFO, messages.append, memo=LoadMemo()), messages
            fulls.append(time.perf_counter() - start)
            full_cpu.append(time.process_time() - cpu)
            assert messages[-1] == "site rebuilt", messages[-1]
        preview = base / "preview-full-0"
        team = project / "content" / "teams" / "team-0007.yaml"
        original = team.read_text(encoding="utf-8")
        memo = LoadMemo()  # the serve's own, which has seen the project as it was before the edit
        assert rebuild(_workspace(project), preview, INFO, messages.append, memo=memo), messages
        edits, edit_cpu = [], []
        for run in range(args.runs):
            team.write_text(original.replace("name: Team 0007", f"name: Team 0007 edit {run}"), encoding="utf-8")
            start, cpu = time.perf_counter(), time.process_time()
            assert rebuild(_workspace(project), preview, INFO, messages.append, memo=memo), messages
            edits.append(time.perf_counter() - start)
            edit_cpu.append(time.process_time() - cpu)
            assert messages[-1] == "site rebuilt: only the pages the edit changed", messages[-1]
        full, edit = min(fulls), min(edits)
        print(f"{args.teams} teams: full rebuild {full:.2f} s, rebuild after editing one team file {edit:.2f} s "
              f"(edit / full: {edit / full:.2f}; goal: at most 0.10)")
        # On a shared machine the wall clock also counts time the process waited for a CPU; the
        # processor time it used is the steadier measure of the work each rebuild does.
        print(f"processor time: full {min(full_cpu):.2f} s, edit {min(edit_cpu):.2f} s "
              f"(edit / full: {min(edit_cpu) / min(full_cpu):.2f})")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
