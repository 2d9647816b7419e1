"""How long rendering every page takes at 1,000 teams (the budget: under 60 seconds).

Generates the example organisation with N team files (1,000 by default), loads and plans it
once, then times :func:`roadmap_gen.pages.render_site` (every page's Markdown and SVG, in
memory; no site engine), best of a few runs. ``tests/test_pages.py::test_thousand_teams`` checks
what such a site holds (sizes, a table instead of a heatmap); how fast it comes is measured here,
since a timing assertion fails on a busy machine.

    python benchmarks/render.py [--teams 1000] [--runs 3]

Not a test: numbers depend on the machine. Results go in the issue notes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import make_project  # noqa: E402

from roadmap_gen.pages import render_site  # noqa: E402
from roadmap_gen.pipeline import plan_project  # noqa: E402

INFO = {"built": "benchmark", "commit": ""}
BUDGET_SECONDS = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp) / "project"
        make_project(project, args.teams)
        planned = plan_project(project)
        if planned.plan is None or planned.project is None:
            sys.exit("the generated project does not plan: " + "; ".join(d.format() for d in planned.diagnostics))
        best = best_cpu = float("inf")
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            tree = render_site(project, planned.project, planned.plan, INFO)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
    verdict = "within" if best < BUDGET_SECONDS else "OVER"
    print(f"render_site, {args.teams} teams, {len(tree.files)} files: {best:.2f} s wall, {best_cpu:.2f} s processor "
          f"(best of {args.runs}); {verdict} the {BUDGET_SECONDS:.0f} s budget")


if __name__ == "__main__":
    main()
