"""Issue 10, item 12: whatever makes the site load something from outside is an `external-request`
warning, located at the setting (its `about` the dotted key) or the page line, and fails --strict."""

from __future__ import annotations

import json

import pytest
from corpus import World, logging_server

from browser_support import launch, open_page, require_chromium, served

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
    ("content/pages/notes.md", 3, 10, "content/pages/notes.md"),  # at the address (issue 20)
    ("content/pages/notes.md", 5, 1, "content/pages/notes.md"),
    ("content/pages/notes.md", 8, 14, "content/pages/notes.md"),
    ("content/pages/notes.md", 9, 27, "content/pages/notes.md"),
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


# --- issue 20, B5: what the browser fetches, however it is written ----------------------------

B5_PAGE = (
    "# Fetches\n"
    "\n"
    "![a [b] c]({o}/nested-alt.png)\n"
    "\n"
    "![an alt split\n"
    "over two lines]({o}/split-alt.png)\n"
    "\n"
    "![logo]\n"
    "\n"
    "![z](local.png){{: src=\"{o}/attr-list.png\" }}\n"
    "\n"
    '<img src="ht&#9;tp://{h}/tab.png">\n'
    "\n"
    '<img src="ht\ntp://{h}/newline.png">\n'
    "\n"
    "[logo]: {o}/shortcut.png\n"
)
B5_CSS = (
    '@import"{o}/import.css";\n'
    'html {{ background-image: image-set("{o}/image-set.png" 1x); }}\n'
    'body {{ background-image: url("\\2f\\2f {h}/escaped.png"); }}\n'
    '.md-header {{ background-image: \\75 rl({o}/escaped-url.png); }}\n'
)
B5_UTF16 = '.md-footer {{ background-image: url("{o}/utf-16.png"); }}\n'
#: Path asked for -> where validate must report it.
B5_EXPECTED = {
    "/nested-alt.png": "content/pages/fetches.md:3:",
    "/split-alt.png": "content/pages/fetches.md:6:",
    "/shortcut.png": "content/pages/fetches.md:17:",
    "/attr-list.png": "content/pages/fetches.md:10:",
    "/tab.png": "content/pages/fetches.md:12:",
    "/newline.png": "content/pages/fetches.md:14:",
    "/import.css": "site_config/b5.css:1:",
    "/image-set.png": "site_config/b5.css:2:",
    "/escaped.png": "site_config/b5.css:3:",
    "/escaped-url.png": "site_config/b5.css:4:",
    "/utf-16.png": "site_config/u16.css:1:",
}


def test_every_fetch_the_browser_makes_is_reported(world: World) -> None:
    playwright = require_chromium()
    with logging_server() as (origin, asked):
        host = origin.split("//", 1)[1]
        (world.project / "content" / "pages").mkdir()
        (world.project / "content" / "pages" / "fetches.md").write_text(B5_PAGE.format(o=origin, h=host), "utf-8")
        (world.project / "site_config").mkdir()
        (world.project / "site_config" / "b5.css").write_text(B5_CSS.format(o=origin, h=host), "utf-8")
        (world.project / "site_config" / "u16.css").write_bytes(B5_UTF16.format(o=origin).encode("utf-16"))
        done = world.run("validate")  # plain validate: no site build needed
        assert done.returncode == 0, done.stderr
        reported = [line for line in done.stderr.splitlines() if "[external-request]" in line]
        for path, where in B5_EXPECTED.items():
            assert any(line.startswith(where) and path in line for line in reported), (path, where, reported)
        assert world.run("validate", "--strict").returncode == 1
        built = world.run("build")
        assert built.returncode == 0, built.stderr
        with served(world.site) as base, launch(playwright) as browser:
            context, _page, _errors, _outside = open_page(browser, base + "pages/fetches/")
            context.close()
    # Each case is a real fetch: the browser asked the other server for it.
    assert set(B5_EXPECTED) <= set(asked), sorted(set(B5_EXPECTED) - set(asked))
