"""The same staging tree builds with Zensical; serve keeps the last good site; a killed build leaves the old one."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cli_process import run_cli
from example_project import copy_example
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site import build as site_build
from roadmap_gen.site import engines, incremental
from roadmap_gen.site.engines import zensical_installed
from roadmap_gen.site.serve import rebuild
from roadmap_gen.site.staging import stage
from roadmap_gen.workspace.workspace import Workspace

pytestmark = pytest.mark.slow

INFO = BuildInfo(built="2026-01-01 00:00 UTC")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def needs_zensical() -> None:
    if not zensical_installed():
        if os.environ.get("CI"):
            pytest.fail("zensical is part of the test extra and must be installed in CI")
        pytest.skip("zensical is not installed (pip install '.[test]')")


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--project", str(project), *args, env={"SOURCE_DATE_EPOCH": "1790000000"}, timeout=600)


def pages_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_zensical_builds_the_same_site_as_mkdocs(tmp_path):
    needs_zensical()
    project = copy_example(tmp_path / "project")
    by_engine = {}
    for engine in ("mkdocs", "zensical"):
        site = tmp_path / f"site-{engine}"
        done = cli(project, "build", "--strict", "--engine", engine, "--site-dir", str(site))
        assert done.returncode == 0, done.stderr
        assert "built " in done.stderr
        assert (site / ".roadmap-gen-site").is_file()  # published the same way: marked, swapped in whole
        by_engine[engine] = site
    mkdocs_pages = pages_of(by_engine["mkdocs"]) - {"404.html"}
    zensical_pages = pages_of(by_engine["zensical"]) - {"404.html"}
    assert mkdocs_pages == zensical_pages and "now/leadership-support/index.html" in zensical_pages
    for name in ("downloads/roadmap.json", "downloads/roadmap.csv"):
        assert (by_engine["zensical"] / name).read_bytes() == (by_engine["mkdocs"] / name).read_bytes()
    html = (by_engine["zensical"] / "index.html").read_text("utf-8")
    assert "<svg" in html and "rg-chart" in html and "fonts.googleapis.com" not in html
    # The project may choose the engine itself.
    (project / "roadmap-gen.yaml").write_text("engine: zensical\n", "utf-8")
    done = cli(project, "build", "--strict", "--site-dir", str(tmp_path / "chosen"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "chosen" / "search.json").is_file()  # Zensical's search index, not MkDocs' search/


def test_a_setting_zensical_cannot_honour_is_a_located_error(tmp_path):
    project = copy_example(tmp_path / "project")
    (project / "hooks.py").write_text("def on_config(config):\n    return config\n", "utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text("utf-8")
                                        + "hooks:\n  - hooks.py\nplugins:\n  - search\n  - git-authors\n", "utf-8")
    lines = (project / "mkdocs.yml").read_text("utf-8").splitlines()
    done = cli(project, "validate", "--trust", "--engine", "zensical")
    assert done.returncode == 1, done.stderr
    hooks_line = lines.index("hooks:") + 1
    assert f"mkdocs.yml:{hooks_line}:1: error: [engine-setting] Zensical does not run MkDocs hooks" in done.stderr
    plugin_line = lines.index("  - git-authors") + 1
    assert f"mkdocs.yml:{plugin_line}:5: error: [engine-setting] Zensical cannot run the plugin 'git-authors'" \
        in done.stderr
    site = tmp_path / "site"
    built = cli(project, "build", "--trust", "--engine", "zensical", "--site-dir", str(site))
    assert built.returncode == 1 and "[engine-setting]" in built.stderr and not site.exists()


def test_zensical_missing_is_a_usage_error(tmp_path, monkeypatch):
    from roadmap_gen.core.diagnostics import UsageError
    monkeypatch.setattr(engines, "zensical_installed", lambda: False)
    with pytest.raises(UsageError, match=r"pip install 'roadmap-gen\[zensical\]'") as raised:
        engines.run_zensical(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert raised.value.exit_code == 2


def test_an_offline_site_opens_from_disk(tmp_path):
    project = copy_example(tmp_path / "project")
    (project / "roadmap-gen.yaml").write_text("# for a shared drive\noffline: true\n", "utf-8")
    site = tmp_path / "site"
    done = cli(project, "build", "--strict", "--site-dir", str(site))
    assert done.returncode == 0, done.stderr
    assert (site / "now" / "leadership-support.html").is_file() and not (site / "search").exists()
    home = (site / "index.html").read_text("utf-8")
    assert "This copy of the site has no search" in home and "roadmap-gen serve" in home
    links = re.findall(r'href="([^"#:]+)"', home)
    assert links and not [link for link in links if link.endswith("/")], links  # no folder a browser cannot open
    assert 'class="md-search"' not in home


def test_the_staging_tree_builds_with_zensical(tmp_path):
    needs_zensical()
    zensical = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    project = copy_example(tmp_path / "project")
    planned = plan_project(project)
    config, _, tree = stage(Workspace(project), planned, INFO)
    staging = config.parent
    done = subprocess.run([zensical, "build", "-f", str(config)], cwd=staging, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    site = staging / "site"
    assert (site / "index.html").is_file()
    assert (site / "now" / "leadership-support" / "index.html").is_file()
    assert (site / "roadmap" / "2027-q1" / "index.html").is_file()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "rg-chart" in html
    assert "fonts.googleapis.com" not in html


def test_serve_keeps_the_last_good_site_after_a_broken_edit(tmp_path):
    project = copy_example(tmp_path / "project")
    site = tmp_path / "preview"
    messages: list[str] = []
    assert rebuild(Workspace(project), site, INFO, messages.append)
    good = snapshot(site)
    org = project / "content" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("capacity: 15", "capacity: twelve", 1), encoding="utf-8")
    messages.clear()
    assert not rebuild(Workspace(project), site, INFO, messages.append)
    assert any(m.startswith("content/organisation.yaml:") and "[bad-type]" in m for m in messages), messages
    assert any("last good site" in m for m in messages)
    assert snapshot(site) == good


def die_after_the_engine() -> None:
    """In the build's process: the engine completes the new site in its temporary folder, and the
    process is killed before the swap."""
    real = engines.run_mkdocs

    def run_and_die(config_file: Path, site_dir: Path, *, dirty: bool = False, workers: int = 1) -> None:
        real(config_file, site_dir, dirty=dirty, workers=workers)
        os.kill(os.getpid(), signal.SIGKILL)

    engines.run_mkdocs = run_and_die  # type: ignore[assignment]


def test_a_build_killed_midway_leaves_the_old_site(tmp_path):
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    site_build.build_site(project, plan_project(project), site, INFO)
    before = snapshot(site)
    org = project / "content" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("Northwind Health IT", "Southwind Health IT"),
                   encoding="utf-8")
    done = run_cli("--project", str(project), "build", "--site-dir", str(site), setup=die_after_the_engine)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert snapshot(site) == before
    # The next build cleans up what the killed one left and succeeds.
    site_build.build_site(project, plan_project(project), site, INFO)
    assert "Southwind" in (site / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / ".site.building").exists()


@pytest.mark.parametrize("setting", ["hooks: [evil.py]", "INHERIT: ../other.yml"])
def test_a_mkdocs_yml_that_would_run_code_is_refused(tmp_path, setting):
    project = copy_example(tmp_path / "project")
    (project / "evil.py").write_text("open('ran', 'w').write('x')\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: x\n" + setting + "\n", encoding="utf-8")
    done = run_cli("--project", str(project), "build", "--site-dir", str(tmp_path / "site"), timeout=600)
    assert done.returncode == 1
    assert "mkdocs.yml:2:1: error: [unsafe-setting]" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists() and not (project / "ran").exists()


def test_the_preview_rebuilds_only_what_an_edit_changed_and_matches_a_full_build(tmp_path):
    project = copy_example(tmp_path / "project")
    # A page of the project's own: the nav has no title for it, so a quick build reads it too.
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "contacts.md").write_text("# Who to ask\n\nThe programme office.\n",
                                                               encoding="utf-8")
    site = tmp_path / "preview"
    messages: list[str] = []
    assert rebuild(Workspace(project), site, INFO, messages.append)
    assert messages[-1] == "site rebuilt"  # the first build is a full one
    teams = sorted((project / "content" / "teams").glob("*.yaml"))
    # Three edits: the first copies the last build; the next ones start from the site before the
    # last (the spare) and take over what the last build changed, which a wrong copy would miss.
    for n, team in enumerate([teams[0], teams[-1], teams[0]]):
        team.write_text(team.read_text(encoding="utf-8").replace("name: ", f"name: Renamed{n} ", 1), encoding="utf-8")
        assert rebuild(Workspace(project), site, INFO, messages.append)
        assert messages[-1] == "site rebuilt: only the pages the edit changed"
        assert (site.with_name(f".{site.name}.spare") / ".roadmap-gen-site").is_file()
        full = tmp_path / f"full-{n}"
        site_build.build_site(project, plan_project(project), full, INFO)
        quick_pages, full_pages = snapshot(site), snapshot(full)
        assert set(quick_pages) - {incremental.PREVIEW_STATE} == set(full_pages)
        differ = [rel for rel in full_pages if rel.endswith(".html") and quick_pages[rel] != full_pages[rel]]
        assert differ == [], n  # every page, rebuilt or kept, is what a full build makes
        index = json.loads(quick_pages["search/search_index.json"])
        assert sorted(d["location"] for d in index["docs"]) == sorted(
            d["location"] for d in json.loads(full_pages["search/search_index.json"])["docs"])
        assert f"Renamed{n}" in quick_pages["search/search_index.json"].decode("utf-8")
    # An edit that adds a page (a new team) changes the navigation: a full rebuild.
    (project / "content" / "teams" / "new-team.yaml").write_text(team.read_text(encoding="utf-8"), encoding="utf-8")
    assert rebuild(Workspace(project), site, INFO, messages.append)
    assert messages[-1] == "site rebuilt"


def test_a_spare_preview_folder_that_is_a_link_is_refused_and_its_target_kept(tmp_path):
    project = copy_example(tmp_path / "project")
    site = tmp_path / "preview"
    messages: list[str] = []
    assert rebuild(Workspace(project), site, INFO, messages.append)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine", encoding="utf-8")
    site.with_name(f".{site.name}.spare").symlink_to(victim, target_is_directory=True)
    team = sorted((project / "content" / "teams").glob("*.yaml"))[0]
    team.write_text(team.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    assert not rebuild(Workspace(project), site, INFO, messages.append)
    assert "symbolic link" in " ".join(messages[-2:]), messages[-2:]
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "mine" and len(list(victim.iterdir())) == 1


def test_the_theme_is_compiled_once_per_process_and_builds_the_same_site(tmp_path, monkeypatch):
    """Each MkDocs build makes a new environment for the theme; its templates are compiled by the first
    build of the process and taken as compiled by the next (the preview's rebuilds): the same site."""
    import jinja2

    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if self.bytecode_cache is engines._THEME_COMPILED:
            compiled.append(str(name))
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.setattr(engines, "_THEME_COMPILED", engines.MemoryBytecode(setting=engines.compile_setting))
    project = copy_example(tmp_path / "project")
    config, _, _ = stage(Workspace(project), plan_project(project), INFO)
    engines.run_mkdocs(config, tmp_path / "first")
    assert "main.html" in compiled
    compiled.clear()
    engines.run_mkdocs(config, tmp_path / "second")
    assert compiled == []
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "second")
