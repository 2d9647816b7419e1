"""`validate` finds what `build` would refuse (templates, links, the nav, the engine's warnings), located,
and writes nothing in the project."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site.check import check_site, engine_diagnostic, locate_link
from roadmap_gen.workspace.workspace import Workspace

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): \[(?P<check>[a-z0-9-]+)\] ")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def _all_findings(stderr: str) -> list[tuple[str, int, int, str]]:
    out = []
    for line in stderr.splitlines():
        m = LINE.match(line)
        if m:
            out.append((m["file"], int(m["line"]), int(m["col"]), m["check"]))
    return out


def _baseline() -> set[tuple[str, int, int, str]]:
    """The health findings of the untouched fixture (it exercises every rule, so it has some)."""
    return set(_all_findings(cli("validate", cwd=FIXTURE).stderr))


BASELINE = _baseline()


def findings(stderr: str) -> list[tuple[str, int, int, str]]:
    """What a test's change added to the fixture's own findings."""
    return [f for f in _all_findings(stderr) if f not in BASELINE]


def everything(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def write(project: Path, rel: str, text: str) -> Path:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


PAGES = {
    "content/pages/notes.md": """
        # Notes

        ## Next steps

        Good: [goals](../goals.md), [other](other.md#there), [json](../downloads/roadmap.json),
        [out](https://example.org/x.md), [here](#next-steps), [raw](#kept) <a id="kept"></a>
        Bad: [missing](missing.md) and [folder](../now/)
        [absolute](/goals.md)
          [anchor](other.md#where) [self](#nowhere)
        """,
    "content/pages/other.md": """
        # Other

        ## There
        """,
}


def test_broken_links_in_pages_are_located_errors(project):
    for rel, text in PAGES.items():
        write(project, rel, text)
    done = cli("validate", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert findings(done.stderr) == [
        ("content/pages/notes.md", 7, 16, "broken-link"),  # missing.md
        ("content/pages/notes.md", 7, 41, "broken-link"),  # ../now/
        ("content/pages/notes.md", 8, 12, "broken-link"),  # /goals.md
        ("content/pages/notes.md", 9, 12, "broken-link"),  # other.md#where
        ("content/pages/notes.md", 9, 35, "broken-link"),  # #nowhere
    ], done.stderr
    text = done.stderr
    assert "'missing.md' leads nowhere" in text and "'../now/' points to a folder" in text
    assert "'/goals.md' is absolute" in text and "did you mean '#there'?" in text
    assert "this page does not have" in text


def test_the_same_links_fail_build_too(project):
    write(project, "content/pages/notes.md", "# Notes\n\n[missing](missing.md)\n")
    assert cli("validate", cwd=project).returncode == 1
    done = cli("build", "--site-dir", str(project.parent / "site"), cwd=project)
    assert done.returncode != 0 and "missing.md" in done.stderr


def test_a_broken_project_template_is_located(project):
    write(project, "templates/goals.md.j2", """
        # Goals

        {{ page.no_such_value }}
        """)
    done = cli("validate", "--strict", cwd=project)
    assert done.returncode == 1
    assert findings(done.stderr)[0][:2] == ("templates/goals.md.j2", 3), done.stderr
    write(project, "templates/goals.md.j2", "# Goals\n\n{% if %}\n")
    done = cli("validate", cwd=project)
    assert done.returncode == 1
    assert findings(done.stderr) == [("templates/goals.md.j2", 3, 1, "template-error")], done.stderr


def test_the_nav_in_mkdocs_yml_is_checked(project):
    write(project, "content/pages/other.md", "# Other\n")
    write(project, "mkdocs.yml", """
        nav:
          - Ours: pages/other.md
          - Missing: pages/otherr.md
        """)
    done = cli("validate", cwd=project)
    assert done.returncode == 1
    assert findings(done.stderr) == [("mkdocs.yml", 3, 14, "broken-link")], done.stderr
    assert "did you mean 'pages/other.md'?" in done.stderr


def test_an_unsafe_mkdocs_yml_fails_validate_as_it_fails_build(project):
    write(project, "mkdocs.yml", "hooks: [evil.py]\n")
    done = cli("validate", cwd=project)
    assert done.returncode == 1 and findings(done.stderr) == [("mkdocs.yml", 1, 1, "unsafe-setting")]


def test_validate_reads_the_settings_as_the_engine_does(project):
    """A setting MkDocs refuses before it builds (a misspelt name) fails validate as it fails build, located."""
    write(project, "mkdocs.yml", """
        # our settings
        site_name: Ours
        foo_bar: 1
        """)
    before = everything(project)
    for args in (("validate",), ("validate", "--full")):
        done = cli(*args, cwd=project)
        assert done.returncode == 1, done.stderr
        assert findings(done.stderr) == [("mkdocs.yml", 3, 1, "site-setting")], done.stderr
        assert "MkDocs refused the setting 'foo_bar': Unrecognised configuration name" in done.stderr
    assert everything(project) == before  # the settings were read, and the engine built, outside the project
    done = cli("build", "--site-dir", str(project.parent / "site"), cwd=project)
    assert done.returncode == 1 and "mkdocs.yml:3:1: error: [site-setting]" in done.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_the_settings_are_read_here_or_in_a_forked_process_alike(project, workers):
    write(project, "mkdocs.yml", "site_name: Ours\nplugins:\n  - search:\n      separator: 5\n")
    planned = plan_project(project)
    found = check_site(Workspace(project), planned.project, planned.plan, workers=workers)
    assert [(d.file, d.line, d.col, d.check) for d in found] == [("mkdocs.yml", 4, 7, "site-setting")]  # at the option
    assert "option 'separator'" in found[0].message


def test_a_wrong_theme_value_is_located_at_its_own_key(project):
    """MkDocs names only the setting (``theme``) when it refuses a value inside it: the theme's name (with
    the installed theme it is closest to) and a value it checks there, such as ``locale``, are located at
    their own lines."""
    write(project, "mkdocs.yml", "site_name: Ours\ntheme:\n  name: materal\n")
    planned = plan_project(project)
    found = check_site(Workspace(project), planned.project, planned.plan)
    assert [(d.file, d.line, d.check) for d in found] == [("mkdocs.yml", 3, "site-setting")]
    assert "Unrecognised theme name: 'materal'" in found[0].message and found[0].hint == "did you mean 'material'?"
    write(project, "mkdocs.yml", "site_name: Ours\ntheme:\n  name: material\n  locale: 12\n")
    planned = plan_project(project)
    found = check_site(Workspace(project), planned.project, planned.plan)
    assert [(d.file, d.line, d.check) for d in found] == [("mkdocs.yml", 4, "site-setting")]
    assert "'locale' must be a string" in found[0].message


def test_a_long_value_the_engine_quotes_is_cut_in_the_message(project):
    """MkDocs quotes the value it refused, whatever its length: the diagnostic shows its start and says how
    long it is, and stays one readable line (a 200,000-character name made a 200 KB line), still located."""
    write(project, "mkdocs.yml", "site_name: Ours\ntheme:\n  name: " + "x" * 5000 + "\n")
    planned = plan_project(project)
    found = check_site(Workspace(project), planned.project, planned.plan)
    assert [(d.file, d.line, d.col, d.check) for d in found] == [("mkdocs.yml", 3, 3, "site-setting")]
    assert "'" + "x" * 60 + "...' (5,000 characters). The available installed themes are" in found[0].message
    assert len(found[0].message) < 400
    message = "Config value 'site_url': '" + "y" * 100 + "' is not " + "z" * 2000
    assert len(engine_diagnostic(message, {}, "site_url: x\n").message) < 700


def test_trusted_settings_that_may_run_code_are_read_only_by_the_full_check(project):
    """Trusted, settings an untrusted project is refused (here a hook) may run code as they are read: only
    --full (a build) reads them. Trusted settings without any are read as an untrusted project's are."""
    write(project, "mkdocs.yml", "foo_bar: 1\n")
    trusted = Workspace(project, trust=True)
    planned = plan_project(trusted)
    found = check_site(trusted, planned.project, planned.plan, workers=2)
    assert [(d.file, d.line, d.check) for d in found] == [("mkdocs.yml", 1, "site-setting")]
    marker = project.parent / "hook-ran"
    write(project, "hook.py", f"open({str(marker)!r}, 'w').close()\n")
    write(project, "mkdocs.yml", "foo_bar: 1\nhooks: [hook.py]\n")
    planned = plan_project(trusted)
    assert check_site(trusted, planned.project, planned.plan, workers=2) == []
    assert check_site(trusted, planned.project, planned.plan, workers=1) == []
    assert not marker.exists()
    found = check_site(trusted, planned.project, planned.plan, full=True)
    assert ("mkdocs.yml", 1, "site-setting") in [(d.file, d.line, d.check) for d in found]


def test_full_reports_anchors_only_the_engine_can_check(project):
    # With Markdown extensions of the project's own, anchors are the engine's to check.
    write(project, "mkdocs.yml", "markdown_extensions:\n  - footnotes\n")
    write(project, "content/pages/notes.md", "# Notes\n\nSee [there](other.md#where).\n")
    write(project, "content/pages/other.md", "# Other\n\n## There\n")
    assert cli("validate", cwd=project).returncode == 0
    done = cli("validate", "--full", cwd=project)
    assert done.returncode == 1
    assert findings(done.stderr) == [("content/pages/notes.md", 3, 13, "broken-link")], done.stderr
    assert "the site engine (MkDocs) reports" in done.stderr


def test_validate_writes_nothing_in_the_project(project):
    for rel, text in PAGES.items():
        write(project, rel, text)
    before = everything(project)
    cli("validate", "--full", cwd=project)
    cli("validate", "--format", "github", cwd=project)
    assert everything(project) == before
    assert not (project / ".roadmap-gen").exists()


def test_a_clean_project_is_clean_in_full(project):
    planned = plan_project(project)
    assert check_site(Workspace(project), planned.project, planned.plan, full=True) == []


def test_engine_messages_become_located_diagnostics():
    pages = {"pages/notes.md": "# Notes\n\nsee [x](gone.md)\n"}
    yml = "site_name: x\ntheme:\n  name: material\nnav:\n  - A: pages/gone.md\n"
    d = engine_diagnostic("Doc file 'pages/notes.md' contains a link 'gone.md', but the target 'pages/gone.md' is"
                          " not found among documentation files.", pages, yml)
    assert (d.file, d.line, d.col, d.check, d.severity) == ("content/pages/notes.md", 3, 9, "broken-link", "error")
    d = engine_diagnostic("Doc file 'goals.md' contains a link 'x.md', but ...", pages, yml)
    assert (d.file, d.line, d.col) == ("mkdocs.yml", 1, 1) and "templates/" in d.hint
    d = engine_diagnostic("A reference to 'pages/gone.md' is included in the 'nav' configuration, which is not found"
                          " in the documentation files.", pages, yml)
    assert (d.file, d.line, d.col) == ("mkdocs.yml", 5, 8)
    d = engine_diagnostic("Config value 'theme': Unrecognised theme name", pages, yml)
    assert (d.file, d.line, d.col, d.check) == ("mkdocs.yml", 2, 1, "site-engine")
    d = engine_diagnostic("Something else\nover two lines", pages, yml)
    assert (d.file, d.line, d.col) == ("mkdocs.yml", 1, 1) and "\n" not in d.message


def test_locate_link_prefers_the_link_syntax():
    text = "gone.md is mentioned first\n\nthen [x](gone.md) and\n[r]: other.md\n"
    assert locate_link(text, "gone.md") == (3, 10)
    assert locate_link(text, "other.md") == (4, 6)
    assert locate_link(text, "absent.md") == (1, 1)
