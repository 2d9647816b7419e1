"""Time validate and build at 100, 1,000 and 3,000 teams, beside a plain MkDocs site.

For each size it generates a project (the example organisation with N generated
team files), times `roadmap-gen validate` and `roadmap-gen build` (a first build, into
an empty folder, with no page cache, with its default number of processes), `validate`
again (now with what the build left in the page cache and the load cache, as the pre-commit
hook finds them after a build or a preview) and once more after one team file was edited
(what a commit of that edit runs), then builds the very same Markdown pages as a
plain MkDocs + Material site with the default navigation (every page in the nav, every
page searchable). Each run is a child process; its peak memory (RSS) is read from
``getrusage(RUSAGE_CHILDREN)`` of a process that runs only that child.

It prints one row per size, and the ratios the speed goals are stated in, side by side:

- build / plain MkDocs (goal: at most 0.25);
- validate / build (goal: at most 0.10);
- growth: the largest size's build and validate over those of the size a third of it
  (3,000 / 1,000: goal at most 3.5).

    python benchmarks/scale.py [--sizes 100,1000,3000] [--runs 1] [--keep DIR] [--no-plain]

``--sizes 100`` is a quick run. With ``--runs N`` every size is measured N times over (a new
project each time, the peer too) and each figure is the median of its N runs: on a shared
machine two runs of the very same build can differ by a quarter. Not a test: numbers depend on
the machine (the load average is printed with them). Results go in the issue notes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_project(root: Path, teams: int, seed: int = 7) -> None:
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("reviews"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    factors = [line.split(":")[0].strip() for line in (REPO / "content" / "catalogue" / "itil4-csf.yaml")
               .read_text(encoding="utf-8").split("\nfactors:\n", 1)[1].splitlines()
               if line.startswith("  ") and not line.startswith("   ") and line.strip().endswith(":")]
    rng = random.Random(seed)
    folder = root / "content" / "teams"
    folder.mkdir(parents=True, exist_ok=True)
    groups = max(1, teams // 25)
    for index in range(teams):
        lines = ["team:", f"  name: Team {index:04d}", f"  group: Group {index % groups:02d}", "assessment:"]
        for factor in rng.sample(factors, 10):
            level = rng.randint(0, 3)
            # As a team that did its assessment writes it: a level above 0 with the evidence that
            # shows it (without, every team adds missing-evidence findings, and the plan's JSON grows
            # with warnings no real project would publish).
            evidence = f", evidence: [{{text: Team {index:04d} review notes, date: 2026-11-02}}]" if level else ""
            lines.append(f"  {factor}: {{level: {level}, target: {min(5, level + rng.randint(0, 2))}{evidence}}}")
        (folder / f"team-{index:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


#: Runs one command and says how long it took and its peak RSS: a process of its own, so that
#: RUSAGE_CHILDREN holds that command alone (it is the largest of a process's children so far).
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss,
                  "rc": done.returncode,
                  "err": chr(10).join([l for l in done.stderr.splitlines() if ": error:" in l][:10]) or done.stderr[-3000:]}))
"""


def timed(args: list[str], cwd: Path) -> tuple[float, int, float]:
    """(seconds, peak RSS in MB, processor seconds) of *args* run in *cwd*."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the tool as installed: its modules compiled once (see main)
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(cwd), *args], capture_output=True, text=True,
                          env=env, check=True)
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result['err']}")
    return result["seconds"], result["rss_kb"] // 1024, result["cpu"]  # Linux gives kilobytes


def plain_site(root: Path, staging_docs: Path) -> Path:
    """The same Markdown pages as a plain MkDocs + Material site: default navigation (every
    page in the nav), every page in the search index, none of the generator's site shaping."""
    shutil.copytree(staging_docs, root / "docs")
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("search:\n  exclude: true\n", "", 1), encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"
        "markdown_extensions: [tables, attr_list, md_in_html, admonition, toc, pymdownx.superfences, "
        "pymdownx.details]\n", encoding="utf-8")
    return root


@dataclass(frozen=True)
class Row:
    pages: int
    validate: tuple[float, int, float]  # (seconds, peak RSS MB, processor seconds)
    build: tuple[float, int, float]
    again: tuple[float, int, float]  # validate after the build: what it made is in the page and load caches
    edited: tuple[float, int, float]  # validate after the build and an edit of one team file
    plain: tuple[float, int, float]  # zeros when not run
    largest: str


def measure(base: Path, size: int, *, plain: bool) -> Row:
    """One run at *size* teams: a new project; validate, build, validate again and after an edit; the peer."""
    project = base / f"teams-{size}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(base / f"site-{size}", ignore_errors=True)
    shutil.rmtree(base / f"plain-{size}", ignore_errors=True)
    make_project(project, size)
    cli = [sys.executable, "-m", "roadmap_gen", "--project", str(project)]
    validate = timed(cli + ["validate"], project)
    build = timed(cli + ["build", "--site-dir", str(base / f"site-{size}")], project)
    again = timed(cli + ["validate"], project)
    team = project / "content" / "teams" / "team-0000.yaml"
    team.write_text(team.read_text(encoding="utf-8").replace("name: Team 0000", "name: Team 0000 (edited)"),
                    encoding="utf-8")
    edited = timed(cli + ["validate"], project)
    pages = sum(1 for _ in (project / ".roadmap-gen" / "staging" / "docs").rglob("*.md"))
    largest = max((p.stat().st_size, p) for p in (base / f"site-{size}").rglob("*.html"))
    peer = (0.0, 0, 0.0)
    if plain:
        folder = plain_site(base / f"plain-{size}", project / ".roadmap-gen" / "staging" / "docs")
        peer = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")], folder)
    print(f"{size} teams done (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    return Row(pages, validate, build, again, edited, peer,
               f"{largest[0] / 1024:.0f} ({largest[1].relative_to(base / f'site-{size}')})")


def median_row(runs: list[Row]) -> Row:
    """Each measure's median over *runs* (seconds, memory and processor time each on its own)."""
    def middle(name: str) -> tuple[float, int, float]:
        got = [getattr(r, name) for r in runs]
        return (statistics.median(g[0] for g in got), int(statistics.median(g[1] for g in got)),
                statistics.median(g[2] for g in got))
    return Row(runs[0].pages, middle("validate"), middle("build"), middle("again"), middle("edited"),
               middle("plain"), runs[-1].largest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,3000", help="team counts, comma-separated")
    parser.add_argument("--keep", default=None, help="keep generated projects in this folder")
    parser.add_argument("--no-plain", action="store_true", help="skip plain MkDocs (its ratio is then not shown)")
    parser.add_argument("--runs", type=int, default=1, help="measure each size this many times; show medians")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rg-scale-"))
    # pip compiles an installed package's modules; a checkout's are compiled here, once, so that no
    # run below pays for it (some machines set PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "roadmap_gen")], check=True)
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} processors", flush=True)
    rows: dict[int, Row] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        runs = [measure(base, size, plain=not args.no_plain) for _ in range(max(1, args.runs))]
        rows[size] = median_row(runs)
        if len(runs) > 1:
            print(f"{size} teams, each run: build/plain " + ", ".join(
                f"{r.build[0]:.2f}/{r.plain[0]:.2f}" for r in runs) + "; validate " + ", ".join(
                f"{r.validate[0]:.2f}" for r in runs), flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f} (1 min)" + (f"; medians of {args.runs} runs" if args.runs > 1 else ""))
    print("| teams | pages | validate s | build s | plain MkDocs s | build/plain (<= 0.25) | validate/build (<= 0.10) "
          "| validate after the build s (/build) | after an edit s (/build) | peak RSS MB validate/build/plain "
          "| largest page KB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size, row in rows.items():
        ratio = f"{row.build[0] / row.plain[0]:.2f}" if row.plain[0] else "-"
        print(f"| {size} | {row.pages} | {row.validate[0]:.2f} | {row.build[0]:.2f} | {row.plain[0]:.2f} | {ratio} | "
              f"{row.validate[0] / row.build[0]:.2f} | {row.again[0]:.2f} ({row.again[0] / row.build[0]:.2f}) | "
              f"{row.edited[0]:.2f} ({row.edited[0] / row.build[0]:.2f}) | "
              f"{row.validate[1]}/{row.build[1]}/{row.plain[1]} | {row.largest} |")
    # On a shared machine the wall clock counts the time a process waited for a processor; the
    # processor time each used is the steadier measure of its work.
    print()
    print("| teams | validate CPU s | build CPU s | plain MkDocs CPU s | build/plain | validate/build |")
    print("|---|---|---|---|---|---|")
    for size, row in rows.items():
        ratio = f"{row.build[2] / row.plain[2]:.2f}" if row.plain[2] else "-"
        print(f"| {size} | {row.validate[2]:.2f} | {row.build[2]:.2f} | {row.plain[2]:.2f} | {ratio} | "
              f"{row.validate[2] / row.build[2]:.2f} |")
    for size, small in rows.items():
        big = rows.get(size * 3)
        if big is not None:
            print(f"growth {size * 3} / {size} teams (<= 3.5): build {big.build[0] / small.build[0]:.2f}x, "
                  f"validate {big.validate[0] / small.validate[0]:.2f}x, "
                  f"peak RSS of build {big.build[1] / small.build[1]:.2f}x; processor time: build "
                  f"{big.build[2] / small.build[2]:.2f}x, validate {big.validate[2] / small.validate[2]:.2f}x")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)

if __name__ == "__main__":
    main()
