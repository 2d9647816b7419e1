"""Where a first build's time goes at N teams: ours, MkDocs' Markdown, MkDocs' page build.

Runs ``roadmap-gen build --jobs 1`` in this process on a generated project (benchmarks/scale.py's,
with N team files), timing with wall-clock wrappers, not a profiler (whose overhead is uneven); one
process, because the wrappers see only the process they run in:

- ``load and plan``: reading, checking and planning the project;
- ``pages and staging``: rendering every page's Markdown and SVG and writing the staging tree (ours);
- ``MkDocs: Markdown``: Python-Markdown turning the staged pages into HTML (``Markdown.convert``);
- ``MkDocs: the rest``: MkDocs' page build (theme templates, navigation, search index, sitemap,
  copying the theme);
- ``other``: start-up, settings, publishing the folder.

Then it builds the same Markdown as a plain MkDocs + Material site (benchmarks/scale.py's peer),
timing its Markdown the same way, and prints the floor the goal "build at most 0.25 of plain
MkDocs" meets in one process: the share of plain MkDocs' time that is the Markdown conversion both
must do. Last, the same build again from cold with the default number of processes (``build``
without ``--jobs``), which is the build the goal is measured on.

    python benchmarks/build_split.py [--teams 1000]

Not a test: numbers depend on the machine. Results go in the issue notes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    @contextmanager
    def timing(self, owner: Any, name: str, label: str) -> Iterator[None]:
        """Wraps ``owner.name`` so that its calls add their wall-clock time to *label*."""
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, timed)
        try:
            yield
        finally:
            setattr(owner, name, original)


def cold(project: Path) -> None:
    """Nothing rendered before to reuse: the page cache and the staging tree go."""
    shutil.rmtree(project / ".roadmap-gen", ignore_errors=True)


def split_build(project: Path, site: Path) -> dict[str, float]:
    import markdown

    from roadmap_gen import pipeline
    from roadmap_gen.cli import main
    from roadmap_gen.site import build as site_build

    clock = Clock()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    start = time.perf_counter()
    with clock.timing(pipeline, "plan_project", "load and plan"), \
            clock.timing(site_build, "stage_tree", "pages and staging"), \
            clock.timing(site_build, "run_engine", "MkDocs"), \
            clock.timing(markdown.Markdown, "convert", "MkDocs: Markdown"):
        status = main(["--project", str(project), "build", "--jobs", "1", "--site-dir", str(site)])
    total = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed with status {status}")
    spent = clock.spent
    markdown_time = spent.get("MkDocs: Markdown", 0.0)
    return {"total": total, "load and plan": spent.get("load and plan", 0.0),
            "pages and staging": spent.get("pages and staging", 0.0), "MkDocs: Markdown": markdown_time,
            "MkDocs: the rest": spent.get("MkDocs", 0.0) - markdown_time,
            "other": total - spent.get("load and plan", 0.0) - spent.get("pages and staging", 0.0)
            - spent.get("MkDocs", 0.0)}


def whole_build(project: Path, site: Path) -> float:
    """Seconds of ``roadmap-gen build`` with its default number of processes."""
    from roadmap_gen.cli import main

    start = time.perf_counter()
    status = main(["--project", str(project), "build", "--site-dir", str(site)])
    if status != 0:
        raise SystemExit(f"build failed with status {status}")
    return time.perf_counter() - start


def split_plain(folder: Path) -> tuple[float, float]:
    """(total, Markdown) seconds of plain MkDocs building *folder*."""
    import markdown
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    clock = Clock()
    start = time.perf_counter()
    with clock.timing(markdown.Markdown, "convert", "Markdown"):
        build(load_config(config_file=str(folder / "mkdocs.yml"), site_dir=str(folder / "site")))
    return time.perf_counter() - start, clock.spent.get("Markdown", 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=1000)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="rg-split-"))
    try:
        project = base / "project"
        scale.make_project(project, args.teams)
        print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {args.teams} teams")
        cold(project)
        ours = split_build(project, base / "site")
        plain_total, plain_markdown = split_plain(scale.plain_site(base / "plain",
                                                                   project / ".roadmap-gen" / "staging" / "docs"))
        print("| part of the build | s | share |")
        print("|---|---|---|")
        for label, seconds in ours.items():
            if label != "total":
                print(f"| {label} | {seconds:.2f} | {seconds / ours['total']:.0%} |")
        print(f"| **build --jobs 1** | {ours['total']:.2f} | |")
        print()
        cold(project)
        shutil.rmtree(base / "site")
        default = whole_build(project, base / "site")
        print(f"plain MkDocs: {plain_total:.2f} s, of which Markdown {plain_markdown:.2f} s")
        print(f"build --jobs 1 / plain: {ours['total'] / plain_total:.2f}")
        from roadmap_gen.cli.run import default_workers
        print(f"build (default --jobs {default_workers()}) / plain: {default:.2f} s / {plain_total:.2f} s = "
              f"{default / plain_total:.2f} (goal <= 0.25)")
        print(f"floor in one process: the Markdown conversion alone is {plain_markdown / plain_total:.2f} "
              f"of plain MkDocs")
        print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
