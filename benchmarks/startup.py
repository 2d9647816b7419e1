"""How fast the command starts: ``roadmap-gen --version`` and ``validate`` on the example project.

Each command runs as a user runs it, a new interpreter (``python -m roadmap_gen``), N times; the
median wall-clock time and the median processor time (user + system of the process, steadier on a
shared machine) are printed. With ``--ref REF`` the same is measured for a git revision too (its
package and its own example, taken from ``git archive`` into a temporary folder), the two taking
turns run by run, so one run shows before and after on the same machine at the same moments:

    python benchmarks/startup.py [--runs 15] [--ref main]

Not a test: numbers depend on the machine. Results go in the issue notes.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tree_of(ref: str, into: Path) -> Path:
    """The files of *ref* (package and example project) unpacked into *into*."""
    # The package and what it reads from a checkout (the packaged defaults, docs), and the example.
    wanted = ["roadmap_gen", "templates", "site_config", "docs", "CHANGELOG.md", "content", "mkdocs.yml"]
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, *wanted],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _run_once(tree: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, processor seconds) of one ``python -m roadmap_gen ARGS`` importing the package of *tree*."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": ""}
    env.pop("ROADMAP_GEN_DEBUG", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", *args], cwd=cwd, env=env, capture_output=True,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:  # the example validates clean: anything else measures the wrong thing
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(trees: dict[str, Path], runs: int, cwd: Path, examples: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """Median (wall, processor) seconds per tree and command. The trees take turns run by run, so that
    a machine busier at one moment than another slows them alike."""
    commands: dict[str, dict[str, list[str]]] = {}
    for i, (label, tree) in enumerate(trees.items()):
        # The example as a project holds it (content/ and mkdocs.yml; templates and theme packaged).
        example = examples / f"example-{i}"
        shutil.copytree(tree / "content", example / "content")
        shutil.copy(tree / "mkdocs.yml", example / "mkdocs.yml")
        commands[label] = {"--version": ["--version"], "validate": ["--project", str(example), "validate"]}
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for name in ("--version", "validate"):
        for label, tree in trees.items():
            _run_once(tree, commands[label][name], cwd)  # warm the file cache and the bytecode
        for _ in range(runs):
            for label, tree in trees.items():
                samples.setdefault((label, name), []).append(_run_once(tree, commands[label][name], cwd))
    return {label: {name: (statistics.median(s[0] for s in samples[label, name]),
                           statistics.median(s[1] for s in samples[label, name]))
                    for name in ("--version", "validate")} for label in trees}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default: 15)")
    parser.add_argument("--ref", default=None, help="also measure this git revision (e.g. main), for before/after")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.runs} runs each, medians")
    with tempfile.TemporaryDirectory(prefix="rg-startup-") as tmp:
        cwd = Path(tmp) / "cwd"  # an empty working folder: nothing there is imported
        cwd.mkdir()
        trees = {"this tree": ROOT}
        if args.ref:
            trees[args.ref] = _tree_of(args.ref, Path(tmp) / "ref")
        results = measure(trees, args.runs, cwd, Path(tmp))
    for label, result in results.items():
        for name, (wall, cpu) in result.items():
            print(f"{label:>12}  {name:<10} {wall:6.3f} s wall  {cpu:6.3f} s processor")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
