"""The documentation's promises: its examples run, and it names only files that exist."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CODE_RE = re.compile(r"```python\n(.*?)```", re.S)


def test_the_api_example_runs_against_the_example_project() -> None:
    blocks = CODE_RE.findall((DOCS / "api.md").read_text(encoding="utf-8"))
    assert blocks
    out = io.StringIO()
    here = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            for block in blocks:
                exec(compile(block, "docs/api.md", "exec"), {})
    finally:
        os.chdir(here)
    printed = out.getvalue()
    assert "2027-Q1" in printed and re.search(r"^\d+ pages$", printed, re.M), printed


def test_docs_name_only_files_in_the_repository() -> None:
    """Source files named in the docs exist, and every Markdown document they cite is here too.

    Paths under content/, templates/ and site_config/ describe a user's project, not this repository."""
    source = re.compile(r"`((?:docs|roadmap_gen|tests|benchmarks)/[^`*<> ]+?)`")
    # Documents cited by name (README.md, CHANGELOG.md ...) or linked ([text](page.md)).
    cited = re.compile(r"(?<![\w/*<.-])([A-Z][A-Z0-9_-]*\.md)(?![\w.])|\]\(([\w./-]+\.md)[)#]")
    missing = []
    for doc in sorted(DOCS.glob("*.md")) + [REPO / "README.md"]:
        text = doc.read_text(encoding="utf-8")
        for path in source.findall(text):
            if not (REPO / path.rstrip("/")).exists():
                missing.append(f"{doc.name}: {path}")
        for named, linked in cited.findall(text):
            if named and not any((folder / named).exists() for folder in (DOCS, REPO)):
                missing.append(f"{doc.name}: {named}")
            if linked and not (doc.parent / linked).exists():
                missing.append(f"{doc.name}: {linked}")
    for module in sorted((REPO / "roadmap_gen").rglob("*.py")):
        for named, _ in cited.findall(module.read_text(encoding="utf-8")):
            if named and not any((folder / named).exists() for folder in (DOCS, REPO)):
                missing.append(f"{module.relative_to(REPO)}: {named}")
    assert missing == []


def test_every_document_is_in_the_documentation_site() -> None:
    from roadmap_gen.commands.docs_site import NAV
    assert {name for _, name in NAV} == {p.name for p in DOCS.glob("*.md")} | {"changelog.md"}


def test_the_documentation_site_builds_strict_and_self_contained(tmp_path: Path) -> None:
    from cli_process import run_cli
    from roadmap_gen.commands.docs_site import NAV
    out = tmp_path / "docs-site"
    done = run_cli("docs", "--site", str(out), timeout=600)
    assert done.returncode == 0, done.stderr
    for _, name in NAV:
        page = out / ("index.html" if name == "index.md" else f"{name[:-3]}/index.html")
        assert page.is_file(), page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Getting started" in home and "fonts.googleapis.com" not in home
    # The screenshots the documents show travel with them.
    shown = {m for doc in DOCS.glob("*.md") for m in re.findall(r"\]\((images/[^)\s]+\.png)\)", doc.read_text("utf-8"))}
    assert shown and all((out / image).is_file() for image in shown), shown
    assert 'src="images/home-21-factors.png"' in home
    changes = (out / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "0.2.0" in changes
    again = run_cli("docs", "--site", str(out), timeout=600)
    assert again.returncode == 2 and "not an empty folder" in again.stderr


def test_the_readme_command_table_names_every_command_and_format():
    """The README's command table is checked against the parser: every command is there, and every
    --format choice of validate and export."""
    import argparse
    import re

    from roadmap_gen.cli import build_parser

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `roadmap-gen "))
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        assert f"`roadmap-gen {name}" in table, f"README's command table has no row for {name}"
        formats = next((a for a in sub._actions if "--format" in a.option_strings), None)
        if formats is not None and formats.choices and name in ("validate", "export"):
            rows = [line for line in table.splitlines() if line.startswith(f"| `roadmap-gen {name}")]
            written = set(re.findall(r"[a-z][a-z-]*", " ".join(r.split("`")[1] for r in rows)))
            assert set(formats.choices) <= written, (name, set(formats.choices) - written)
