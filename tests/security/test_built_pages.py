"""Issue 20, B1-B4: every built page of an untrusted project is clean, seen in headless Chromium.

- B1: a project template that appends a script and an outside image is refused (located in the
  template); what a template writes is cleaned like any page (the tool's charts kept).
- B2: a heading id that breaks out of the table of contents' attribute runs nothing.
- B3: a page's own ``#__config`` cannot stand in for the theme's (Material would fetch versions
  and a search index from the address it names).
- B4: extension options are data we check (no HTML in smarty, no ``css_class: mermaid``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from corpus import World, logging_server

from browser_support import launch, open_page, require_chromium, served
from roadmap_gen.core.resources import default_templates_dir
from roadmap_gen.site import userpages

pytestmark = pytest.mark.slow


def _page(world: World, text: str, name: str = "x") -> Path:
    page = world.project / "content" / "pages" / f"{name}.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, "utf-8")
    return page


def _in_chromium(world: World, path: str, script: str = "() => null") -> tuple[Any, list[str], list[str]]:
    """(what *script* returns on the page, console errors, requests that left the site)."""
    playwright = require_chromium()
    with served(world.site) as base, launch(playwright) as browser:
        context, page, errors, outside = open_page(browser, base + path)
        try:
            page.wait_for_timeout(300)  # let an animation or a fetch start (not a timing assertion)
            return page.evaluate(script), errors, outside
        finally:
            context.close()


# --- B1: a project's templates -------------------------------------------------------------


def test_a_template_with_script_and_a_pixel_is_refused_at_its_lines(world: World) -> None:
    templates = world.project / "templates"
    templates.mkdir()
    source = (default_templates_dir() / "downloads.md.j2").read_text("utf-8")
    lines = source.count("\n")
    (templates / "downloads.md.j2").write_text(
        source + '\n<script>alert(document.domain)</script>\n<img src="http://pixel.example/p.png">\n', "utf-8")
    done = world.run("validate", "--strict")
    assert done.returncode == 1
    assert f"templates/downloads.md.j2:{lines + 2}:1: error: [unsafe-template]" in done.stderr, done.stderr
    assert f"templates/downloads.md.j2:{lines + 3}:11: error: [unsafe-template]" in done.stderr, done.stderr
    world.refused(world.run("build"), f"templates/downloads.md.j2:{lines + 2}:1", 1, ["--trust"])
    trusted = world.run("validate", "--trust")
    assert trusted.returncode == 0, trusted.stderr
    assert "[unsafe-template]" not in trusted.stderr
    assert f"templates/downloads.md.j2:{lines + 3}:11: warning: [external-request]" in trusted.stderr


def test_a_copy_of_a_packaged_template_is_not_the_projects_own(world: World) -> None:
    (world.project / "templates").mkdir()
    shutil.copy(default_templates_dir() / "downloads.md.j2", world.project / "templates" / "downloads.md.j2")
    done = world.run("validate", "--strict")
    assert done.returncode == 0, done.stderr


def test_a_generated_page_is_cleaned_and_keeps_its_charts() -> None:
    chart = ('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="c-title" viewBox="0 0 10 10" '
             'width="100%" style="max-width:720px" class="rg-chart" font-size="12"><title id="c-title">T</title>'
             '<rect x="1" y="2" width="3" height="4" class="rg-bar"></rect><a href="../x/"><text x="1" y="2">t'
             '<tspan dy="3">u</tspan></text></a></svg>')
    staged = userpages.mark_generated("---\ntitle: X\n---\n\n# X\n")
    assert staged.startswith("---\ntitle: X\n---\n") and userpages.GENERATED_MARKER in staged
    built = (f'<html><body><article class="md-content__inner">{userpages.GENERATED_MARKER}<h1 id="x">X</h1>{chart}'
             '<script>alert(1)</script><img src="x.png" onerror="alert(2)"><svg onload="alert(3)"><image href="y"/>'
             '</svg><div id="__config">{}</div></article><script src="assets/theme.js"></script></body></html>')
    clean = userpages.sanitize_built(built)
    assert chart in clean  # the tool's chart, byte for byte
    assert "alert(1)" not in clean and "onerror" not in clean and "onload" not in clean and "<image" not in clean
    assert 'id="__config"' not in clean and 'id="id__config"' in clean
    assert clean.endswith('</article><script src="assets/theme.js"></script></body></html>')  # the theme's own


def test_a_hand_written_page_cannot_claim_to_be_generated() -> None:
    built = (f'<article>{userpages.MARKER}<script>alert(1)</script>{userpages.GENERATED_MARKER}'
             '<svg><rect x="1"></rect></svg></article>')
    clean = userpages.sanitize_built(built)
    assert "alert(1)" not in clean and "<svg" not in clean


# --- B2 and B3: ids -------------------------------------------------------------------------

B2 = ("# X\n\n## Summary {: id='x\" style=\"animation:pulse 1s\" onanimationstart=\"window.pwned=1\" "
      "data-x=\"' }\n\nText.\n\n## Next {: #__search }\n\nMore.[^1]\n\n[^1]: A note.\n")


def test_a_heading_id_cannot_break_out_of_the_table_of_contents(world: World) -> None:
    _page(world, B2)
    (world.project / "mkdocs.yml").write_text("markdown_extensions:\n  - footnotes\n", "utf-8")
    done = world.run("build")
    assert done.returncode == 0, done.stderr
    html = (world.site / "pages" / "x" / "index.html").read_text("utf-8")
    assert not re.search(r"\sonanimationstart\s*=", html)
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids), [i for i in ids if not re.fullmatch(r"[\w-]+", i)]
    assert ids.count("__search") == 1  # the theme's own, not the page's
    assert 'href="#fn-1"' in html and 'id="fn-1"' in html  # footnote links follow their ids
    found, errors, outside = _in_chromium(world, "pages/x/", """() => ({
        pwned: window.pwned === 1, handlers: document.querySelectorAll('[onanimationstart]').length,
        search: document.querySelectorAll('[id="__search"]').length,
        toc: Array.from(document.querySelectorAll('.md-nav--secondary a')).map(a => a.getAttribute('href'))})""")
    assert found["pwned"] is False and found["handlers"] == 0 and found["search"] == 1, found
    assert "#x--style--animation-pulse-1s--onanimationstart--window-pwned-1--data-x--" in found["toc"], found
    assert not outside and not errors, (outside, errors)


def test_a_page_cannot_hold_the_themes_config(world: World) -> None:
    with logging_server() as (attacker, asked):
        _page(world, f'# X\n\n<div id="__config">{{"base":"{attacker}/x/","version":{{"provider":"mike"}},'
                     f'"features":[],"search":"{attacker}/s.js","translations":{{}}}}</div>\n\nText.\n')
        done = world.run("build")
        assert done.returncode == 0, done.stderr
        found, errors, outside = _in_chromium(world, "pages/x/", """() => ({
            configs: document.querySelectorAll('#__config').length,
            base: JSON.parse(document.querySelector('#__config').textContent).base})""")
    assert found["configs"] == 1 and found["base"] != f"{attacker}/x/", found
    assert asked == [] and not outside, (asked, outside)


# --- B4: extension options ----------------------------------------------------------------

B4 = [
    ("smarty-html", "markdown_extensions:\n  - smarty:\n      substitutions:\n"
                    "        right-single-quote: '<img src=y onerror=alert(1)>'\n", "mkdocs.yml:4:9"),
    ("highlight-mermaid", "markdown_extensions:\n  - pymdownx.highlight:\n      use_pygments: false\n"
                          "      css_class: mermaid\n", "mkdocs.yml:4:18"),
    ("footnote-html", "markdown_extensions:\n  - footnotes:\n      BACKLINK_TEXT: '<b onmouseover=alert(1)>x</b>'\n",
     "mkdocs.yml:3:22"),
    ("unlisted-option", "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences: []\n", "mkdocs.yml:3:7"),
    ("wrong-type", "markdown_extensions:\n  - toc:\n      baselevel: '1'\n", "mkdocs.yml:3:18"),
]


@pytest.mark.parametrize("case, text, where", B4, ids=[c[0] for c in B4])
def test_extension_options_are_checked(world: World, case: str, text: str, where: str) -> None:
    (world.project / "mkdocs.yml").write_text(text, "utf-8")
    done = world.run("validate")
    assert done.returncode == 1 and f"{where}: error: [unsafe-setting]" in done.stderr, done.stderr
    world.refused(world.run("build"), where, 1, ["--trust"])


def test_plain_extension_options_stay_allowed(world: World) -> None:
    (world.project / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - toc:\n      permalink: '#'\n      toc_depth: 3\n  - smarty:\n"
        "      substitutions: {right-single-quote: '&rsquo;'}\n  - pymdownx.highlight:\n      css_class: code\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n", "utf-8")
    _page(world, '# X\n\n=== "One"\n\n    It\'s one.\n\n=== "Two"\n\n    Two.\n')
    done = world.run("build", "--strict")
    assert done.returncode == 0, done.stderr
    html = (world.site / "pages" / "x" / "index.html").read_text("utf-8")
    assert 'id="__tabbed_1_1"' in html and 'for="__tabbed_1_2"' in html  # tab ids keep working
    assert "It&rsquo;s one" in html or "It\u2019s one" in html


def test_trusted_mermaid_class_is_an_external_request(world: World) -> None:
    (world.project / "mkdocs.yml").write_text(B4[1][1], "utf-8")
    done = world.run("validate", "--trust", "--strict")
    assert done.returncode == 1 and "mkdocs.yml:4:18: warning: [external-request]" in done.stderr, done.stderr
