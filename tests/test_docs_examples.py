"""docs/format.md walks through one whole project: its blocks, put together, are a project that passes.

Each fenced block of the walkthrough names its file in its title (```yaml title="content/organisation.yaml");
the blocks of one file, in order, are that file. The test writes them into a folder and runs the real
``roadmap-gen validate --strict`` on it, so that every example the page shows is true of the tool.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from cli_process import run_cli

DOCS = Path(__file__).resolve().parents[1] / "docs"
FENCE = re.compile(r'^```(\w+)([^\n]*)\n(.*?)^```$', re.S | re.M)
TITLE = re.compile(r'title="([^"]+)"')


def walkthrough_files(text: str) -> dict[str, str]:
    """File path -> the text of every block titled with it, in the page's order."""
    files: dict[str, str] = {}
    for _, info, body in FENCE.findall(text):
        title = TITLE.search(info)
        if title:
            files[title.group(1)] = files.get(title.group(1), "") + body
    return files


def write_walkthrough(root: Path) -> dict[str, str]:
    """Write the walkthrough's project into *root*, with the plan ``review`` would have frozen beside
    its snapshot (the page shows no roadmap.json: it is ``export --format json`` of that review)."""
    files = walkthrough_files((DOCS / "format.md").read_text("utf-8"))
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    then = root.parent / f"{root.name}-2026-Q3"
    (then / "content").mkdir(parents=True)
    shutil.copytree(root / "content" / "catalogue", then / "content" / "catalogue")
    (then / "content" / "organisation.yaml").write_text(files["content/reviews/2026-Q3/organisation.yaml"], "utf-8")
    frozen = run_cli("--project", str(then), "export", "--format", "json")
    assert frozen.returncode == 0, frozen.stderr
    (root / "content" / "reviews" / "2026-Q3" / "roadmap.json").write_text(frozen.stdout, "utf-8")
    return files


def test_every_yaml_block_of_the_walkthrough_names_its_file() -> None:
    blocks = [(lang, info) for lang, info, _ in FENCE.findall((DOCS / "format.md").read_text("utf-8"))]
    untitled = [info for lang, info in blocks if lang == "yaml" and not TITLE.search(info)]
    assert sum(lang == "yaml" for lang, _ in blocks) >= 10 and untitled == []


def test_the_walkthrough_is_one_project_that_passes_validate_strict(tmp_path: Path) -> None:
    files = write_walkthrough(tmp_path / "kestrel")
    assert {"content/organisation.yaml", "content/catalogue/service-basics.yaml", "content/teams/service-desk.yaml",
            "content/reviews/2026-Q3/organisation.yaml", "content/pages/how-we-work.md", "roadmap-gen.yaml",
            "mkdocs.yml"} <= set(files)
    done = run_cli("--project", str(tmp_path / "kestrel"), "validate", "--strict")
    assert done.returncode == 0, done.stderr
    assert "0 error(s), 0 warning(s)" in done.stderr, done.stderr


def test_the_walkthrough_says_what_its_project_shows(tmp_path: Path) -> None:
    """The page's claims about its own example: the goal on track, the phase after the budget waived."""
    import json

    write_walkthrough(tmp_path / "kestrel")
    done = run_cli("--project", str(tmp_path / "kestrel"), "export", "--format", "json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    status = {goal["id"]: goal["status"] for goal in plan["goals"]}
    assert status["first-time-fix-60"] == "on-track", status
    placed = {item["id"]: phase["period"] for phase in plan["phases"] for item in phase["items"]}
    assert placed.get("scanner-runbook") == "2027-Q4", placed
    waived = [f for f in plan["findings"] if f["check"] == "unfunded-phase"]
    assert waived and all(f["waived"] for f in waived), waived


def test_every_exit_status_of_the_cli_is_documented() -> None:
    """Each status the CLI returns (its EXIT_ constants, and 130 when interrupted) has a row in
    getting-started.md's table, and the README's summary names it."""
    import ast

    cli = "\n".join(p.read_text("utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "roadmap_gen" / "cli").glob("*.py")))
    codes: set[int] = set()
    for node in ast.walk(ast.parse(cli)):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, int):
            codes.add(node.value.value)  # return 130
        if isinstance(node, ast.Assign):  # EXIT_OK, EXIT_INPUT, ... = 0, 1, ... (or one at a time)
            names = [t for target in node.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            codes |= {v.value for n, v in zip(names, values) if isinstance(n, ast.Name) and n.id.startswith("EXIT_")
                      and isinstance(v, ast.Constant) and isinstance(v.value, int)}
    assert {0, 1, 2, 3, 130} <= codes, codes
    table = re.search(r"## Exit statuses\n(.*?)\n## ", (DOCS / "getting-started.md").read_text("utf-8"), re.S)
    assert table is not None
    rows = set(re.findall(r"^\| (\d+) \|", table.group(1), re.M))
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    summary = readme[readme.index("Exit status:"):][:400]
    assert {str(c) for c in codes} == rows, (codes, rows)
    assert all(re.search(rf"\b{c}\b", summary) for c in codes), summary
