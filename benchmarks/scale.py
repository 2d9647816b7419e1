"""Time validate and build at 10, 100 and 1,000 teams, beside a plain MkDocs site.

For each size it generates a project (the example organisation with N generated
team files), times `roadmap-gen validate` and `roadmap-gen build`, then builds
the very same Markdown pages as a plain MkDocs + Material site with the default
navigation (every page in the nav, every page searchable), and prints the
figures and ratios.

    python benchmarks/scale.py [--sizes 10,100,1000] [--keep DIR]

Not a test: numbers depend on the machine. Results go in the issue notes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
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
            lines.append(f"  {factor}: {{level: {level}, target: {min(5, level + rng.randint(0, 2))}}}")
        (folder / f"team-{index:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(args: list[str], cwd: Path) -> float:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return elapsed


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--keep", default=None, help="keep generated projects in this folder")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rg-scale-"))
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        project = base / f"teams-{size}"
        shutil.rmtree(project, ignore_errors=True)
        make_project(project, size)
        cli = [sys.executable, "-m", "roadmap_gen", "--project", str(project)]
        validate = timed(cli + ["validate"], project)
        build = timed(cli + ["build", "--site-dir", str(base / f"site-{size}")], project)
        pages = sum(1 for _ in (project / ".roadmap-gen" / "staging" / "docs").rglob("*.md"))
        largest = max((p.stat().st_size, p) for p in (base / f"site-{size}").rglob("*.html"))
        plain = plain_site(base / f"plain-{size}", project / ".roadmap-gen" / "staging" / "docs")
        plain_build = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], plain)
        rows.append((size, pages, validate, build, plain_build, build / plain_build,
                     largest[0] / 1024, largest[1].relative_to(base / f"site-{size}")))
        print(f"{size} teams done", file=sys.stderr, flush=True)
    print("| teams | pages | validate s | build s | plain MkDocs s | build/plain | validate/build | largest page KB |")
    print("|---|---|---|---|---|---|---|---|")
    for size, pages, validate, build, plain, ratio, kb, page in rows:
        print(f"| {size} | {pages} | {validate:.2f} | {build:.2f} | {plain:.2f} | {ratio:.2f} | "
              f"{validate / build:.2f} | {kb:.0f} ({page}) |")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
