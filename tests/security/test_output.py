"""Issue 10, items 6 and 10: settings text is text; control characters never reach the terminal raw;
CSV cells never start a formula."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from corpus import World

pytestmark = pytest.mark.slow

ESCAPE = "\x1b[2K\r0 error(s), 0 warning(s): passed"


def test_control_characters_in_values_are_shown_escaped(world: World) -> None:
    org = world.project / "content" / "organisation.yaml"
    org.write_text(org.read_text("utf-8").replace("  sponsor: dana-ruiz",
                                                  '  sponsor: "nobody\\e[2K\\r0 error(s): passed\\u202e"', 1), "utf-8")
    (world.project / "content" / "teams" / "bad\x1b[31mname.yaml").write_text("team: {name: X}\n", "utf-8")
    done = world.run("validate")
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\r" not in done.stderr and "\u202e" not in done.stderr
    assert "nobody\\x1b[2K\\x0d0 error(s): passed\\u202e" in done.stderr
    assert "bad\\x1b[31mname.yaml" in done.stderr
    as_json = world.run("validate", "--format", "json")
    assert "\x1b" not in as_json.stdout and "\u202e" not in as_json.stdout
    messages = " ".join(d["message"] for d in json.loads(as_json.stdout))
    assert "nobody\x1b[2K\r0 error(s): passed\u202e" in messages  # the same data, escaped as JSON


FORMULAS = ["=HYPERLINK(\"https://evil.example/\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def test_csv_cells_never_start_a_formula(world: World) -> None:
    org = world.project / "content" / "organisation.yaml"
    text = org.read_text("utf-8")
    title = "    title: Publish one change calendar with the hospitals' clinical managers"
    assert title in text
    own = "\n".join(f"  formula-{i}:\n    title: {json.dumps(f)}\n    factor: goals-defined\n"
                    f"    raises_to: 3\n    effort: 1\n    owner: dana-ruiz" for i, f in enumerate(FORMULAS))
    org.write_text(text.replace("  # Work of our own, not in the catalogue.\n",
                                f"  # Work of our own, not in the catalogue.\n{own}\n", 1), "utf-8")
    exported = world.run("export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    built = world.run("build")
    assert built.returncode == 0, built.stderr
    for source in (exported.stdout, (world.site / "downloads" / "roadmap.csv").read_text("utf-8")):
        rows = list(csv.reader(io.StringIO(source, newline="")))
        assert all(len(row) == len(rows[0]) for row in rows)  # no forged rows
        titles = {row[2] for row in rows[1:]}
        for formula in FORMULAS:
            assert "'" + formula.replace("\r", "\n") in titles, formula
        for row in rows[1:]:
            for cell in row:
                assert not re.match(r"[=+\-@\t\r]", cell), cell
    data = json.loads((world.site / "downloads" / "roadmap.json").read_text("utf-8"))
    json_titles = {item["title"] for phase in data["phases"] for item in phase["items"]}
    json_titles |= {item["title"] for item in data["later"]}
    assert set(FORMULAS) <= json_titles  # JSON keeps the data as written


def test_settings_text_is_escaped_and_scripts_refused(world: World) -> None:
    (world.project / "mkdocs.yml").write_text(
        'site_name: "<img src=x onerror=alert(1)>"\n'
        'site_description: "\\" onmouseover=\\"alert(2)"\n'
        'copyright: "<script>alert(3)</script>"\n'
        'repo_name: "<b onclick=alert(4)>repo</b>"\n'
        'extra:\n  homepage: "https://example.org/\\"onmouseover=\\"alert(5)"\n'
        '  social:\n    - {icon: fontawesome/brands/github, link: "https://example.org/", name: "<i onclick=x>"}\n'
        'nav:\n  - "<img src=y onerror=alert(6)>": https://example.org/\n', "utf-8")
    done = world.run("build")
    assert done.returncode == 0, done.stderr
    for page in world.site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r"<(?:img|b|i)\s[^>]*\bon[a-z]+\s*=", html), page
        assert "<script>alert" not in html and '"onmouseover' not in html and '" onmouseover' not in html, page
    home = (world.site / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in home
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in home


@pytest.mark.parametrize("setting, where", [
    ('extra:\n  homepage: "javascript:alert(1)"\n', "mkdocs.yml:2:13"),
    ("nav:\n  - Evil: \"javascript:alert(1)\"\n", "mkdocs.yml:2:11"),
    ("repo_url: \"JaVaScRiPt:alert(1)\"\n", "mkdocs.yml:1:11"),
    ("extra:\n  social:\n    - {icon: x, link: \"data:text/html,<script>alert(1)</script>\"}\n", "mkdocs.yml:3:23"),
])
def test_script_addresses_in_settings_are_refused(world: World, setting: str, where: str) -> None:
    (world.project / "mkdocs.yml").write_text(setting, "utf-8")
    done = world.run("build")
    world.refused(done, where, 1, ["unsafe-url"])


def test_text_diagnostics_cannot_command_the_ci_runner(world: World) -> None:
    """Issue 20, item 7 (B9): GitHub's runner acts on ``##[`` anywhere in a line of a step's log."""
    org = world.project / "content" / "organisation.yaml"
    org.write_text(org.read_text("utf-8").replace("  sponsor: dana-ruiz", '  sponsor: "##[stop-commands]tok"', 1),
                   "utf-8")
    done = world.run("validate")
    assert done.returncode == 1
    assert "##[" not in done.stderr
    assert "#\\x23[stop-commands]tok" in done.stderr, done.stderr
    github = world.run("validate", "--format", "github")
    assert any(line.startswith("::error file=content/organisation.yaml,") for line in github.stdout.splitlines())
    assert "##[stop-commands]tok" in github.stdout  # the github format is data inside a command, as it was


@pytest.mark.parametrize("text, shown", [
    ("a ##[stop-commands]tok", "a #\\x23[stop-commands]tok"),
    ("::add-mask::x", "\\x3a:add-mask::x"),
    ("  ::error::forged", "  \\x3a:error::forged"),
    ("ok: a::b", "ok: a::b"),
])
def test_log_safe_neutralises_runner_commands(text: str, shown: str) -> None:
    from roadmap_gen.core.safe_text import log_safe
    assert log_safe(text) == shown
    assert log_safe(f"line\n{text}", keep_newlines=True) == f"line\n{shown}"
