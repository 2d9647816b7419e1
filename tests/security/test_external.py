"""Issue 10, item 12: whatever makes the site load something from outside is an `external-request`
warning, located at the setting (its `about` the dotted key) or the page line, and fails --strict."""

from __future__ import annotations

import json

import pytest

from corpus import World

pytestmark = pytest.mark.slow

SETTINGS = (
    "theme:\n"
    "  font: {text: Roboto}\n"
    "  logo: https://cdn.example/logo.png\n"
    "extra_css:\n"
    "  - https://cdn.example/x.css\n"
    "extra_javascript:\n"
    "  - https://cdn.example/x.js\n"
    "extra:\n"
    "  analytics: {provider: google, property: G-XXXX}\n"
    "repo_url: https://github.com/example/roadmap\n"
)
PAGE = (
    "# Notes\n"
    "\n"
    "![chart](https://images.example/chart.png)\n"
    "\n"
    "```mermaid\n"
    "graph TD; A-->B\n"
    "```\n"
    '<iframe src="https://video.example/embed"></iframe>\n'
    '<p style="background: url(https://img.example/bg.png)">x</p>\n'
    "`<img src=\"https://in-code.example/x.png\">` is only an example\n"
)
CSS = ".x { background: url('https://img.example/a.png'); }\n@import 'https://fonts.example/f.css';\n"

EXPECTED = {
    ("mkdocs.yml", 2, 9, "theme.font"),
    ("mkdocs.yml", 3, 9, "theme.logo"),
    ("mkdocs.yml", 5, 5, "extra_css[0]"),
    ("mkdocs.yml", 7, 5, "extra_javascript[0]"),
    ("mkdocs.yml", 9, 3, "extra.analytics"),
    ("mkdocs.yml", 10, 11, "repo_url"),
    ("content/pages/notes.md", 3, 1, "content/pages/notes.md"),
    ("content/pages/notes.md", 5, 1, "content/pages/notes.md"),
    ("content/pages/notes.md", 8, 1, "content/pages/notes.md"),
    ("content/pages/notes.md", 9, 1, "content/pages/notes.md"),
    ("site_config/brand.css", 1, 18, "site_config/brand.css"),
    ("site_config/brand.css", 2, 1, "site_config/brand.css"),
}


def test_external_requests_are_located_warnings(world: World) -> None:
    (world.project / "mkdocs.yml").write_text(SETTINGS, "utf-8")
    (world.project / "content" / "pages").mkdir()
    (world.project / "content" / "pages" / "notes.md").write_text(PAGE, "utf-8")
    (world.project / "site_config").mkdir()
    (world.project / "site_config" / "brand.css").write_text(CSS, "utf-8")
    done = world.run("validate", "--trust", "--format", "json")  # trusted: extra_javascript is allowed
    assert done.returncode == 0, done.stdout
    found = {(d["file"], d["line"], d["col"], d["about"]) for d in json.loads(done.stdout)
             if d["check"] == "external-request"}
    assert all(d["severity"] == "warning" for d in json.loads(done.stdout) if d["check"] == "external-request")
    assert found == EXPECTED
    strict = world.run("validate", "--trust", "--strict")
    assert strict.returncode == 1 and "[external-request]" in strict.stderr
    world.outside_untouched()


def test_the_default_site_requests_nothing_from_outside(world: World) -> None:
    done = world.run("validate", "--strict")
    assert done.returncode == 0, done.stderr
    assert "external-request" not in done.stderr
