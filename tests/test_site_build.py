"""End to end: the example project built into a real site with MkDocs + Material.

The example is built once per module (a copy of its content in a temporary
folder, so concurrent builds of the repository do not meet) and the tests read
that site; only the determinism and failure tests build again.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from example_project import copy_example
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import BuildError, InputError, ProjectError
from roadmap_gen.pages import SiteTree
from roadmap_gen.pages.paths import nav_paths
from roadmap_gen.pipeline import Planned, plan_project
from roadmap_gen.site import engines, staging
from roadmap_gen.site.build import build_site
from roadmap_gen.site.folders import check_site_dir
from roadmap_gen.workspace.workspace import Workspace

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
EPOCH = "1767225600"  # 2026-01-01 00:00 UTC
INFO = BuildInfo(built="2026-01-01 00:00 UTC")


def plan(project: Path) -> Planned:
    result = plan_project(project)
    assert result.plan is not None and not result.failed(strict=False), [d.format() for d in result.diagnostics]
    return result


class Built:
    def __init__(self, project: Path, site: Path, planned: Planned, tree: SiteTree):
        self.project, self.site, self.planned, self.tree = project, site, planned, tree


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("example")
    project = copy_example(root / "project")
    planned = plan(project)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build_site(project, planned, root / "site", INFO)  # raises BuildError on any MkDocs warning
    _, _, tree = staging.stage(Workspace(project), planned, INFO)
    return Built(project, root / "site", planned, tree)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def url_of(md: str) -> str:
    """The built page (folder URL form) of a docs-relative Markdown path."""
    stem = md[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags_of(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser.tags


def html_pages(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path


def resolve(page: str, href: str) -> str | None:
    """A site-relative folder URL for a local *href* found on *page* (``a/index.html``), else None."""
    href = urldefrag(href)[0]
    if not href or urlsplit(href).scheme or href.startswith("//"):
        return None
    base = posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, href))
    target = "" if target == "." else target
    if target.endswith("index.html"):
        target = target[: -len("index.html")]
    elif target and not target.endswith("/") and "." not in posixpath.basename(target):
        target += "/"
    return target


# --- the example site -----------------------------------------------------------------------


def test_every_nav_page_exists(built: Built) -> None:
    for md in nav_paths(built.tree.nav):
        assert (built.site / url_of(md) / "index.html").is_file(), md
    for md in built.tree.files:
        if md.endswith(".md"):
            assert (built.site / url_of(md) / "index.html").is_file(), md


def test_downloads(built: Built) -> None:
    data = json.loads((built.site / "downloads" / "roadmap.json").read_text("utf-8"))
    for key in ("organisation", "review", "phases", "later", "levels", "findings"):
        assert key in data
    assert data["organisation"] == "Northwind Health IT" and data["review"] == "2026-Q4"
    phase = data["phases"][0]
    for key in ("period", "capacity", "effort", "scope", "items"):
        assert key in phase
    for key in ("id", "factor", "raises_to", "effort", "owner", "training"):
        assert key in phase["items"][0]
    for entry in data["later"]:  # the example's plan has none; tests/plan checks their shape
        assert {"id", "factor", "raises_to", "reason"} <= set(entry)
    assert {"id", "status", "metric", "target", "due", "needs_reached"} <= set(data["goals"][0])
    assert {"dimension", "pinned", "goals"} <= set(phase["items"][0])
    assert set(data["levels"]["leadership-support"]) >= {"now", "target", "projected"}
    csv = (built.site / "downloads" / "roadmap.csv").read_text("utf-8")
    assert csv.startswith("period,id,title,factor")
    downloads = (built.site / "downloads" / "index.html").read_text("utf-8")
    assert 'href="roadmap.json"' in downloads and 'href="roadmap.csv"' in downloads


def test_every_page_is_reachable_from_nav_or_its_section_index(built: Built) -> None:
    reachable: set[str] = set()
    for rel, path in html_pages(built.site):
        for tag, attrs in tags_of(path):
            if tag == "a" and attrs.get("href") and "md-nav__link" in (attrs.get("class") or ""):
                target = resolve(rel, attrs["href"] or "")
                if target is not None:
                    reachable.add(target)
    # pages not in nav are linked from their section's index or group pages
    for index in ["teams/index.md"] + [md for md in built.tree.files if md.startswith("teams/group-")]:
        page = url_of(index) + "index.html"
        for tag, attrs in tags_of(built.site / page):
            if tag == "a" and attrs.get("href"):
                target = resolve(page, attrs["href"] or "")
                if target is not None:
                    reachable.add(target)
    missing = [md for md in built.tree.files if md.endswith(".md") and url_of(md) not in reachable]
    assert missing == []


def test_nothing_loaded_from_outside(built: Built) -> None:
    evidence = {e.link for a in built.planned.project.organisation.assessment for e in a.evidence  # type: ignore[union-attr]
                if e.link}
    external_links = set()
    for rel, path in html_pages(built.site):
        for tag, attrs in tags_of(path):
            for name in ("href", "src", "srcset", "data", "poster", "xlink:href"):
                value = (attrs.get(name) or "").strip().lower()
                if not value.startswith(("http://", "https://", "//")):
                    continue
                if tag == "a" and name == "href":
                    external_links.add(attrs[name])
                else:
                    pytest.fail(f"{rel}: <{tag} {name}={attrs[name]!r}> loads from outside the site")
        text = path.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, rel
    assert external_links and external_links <= evidence, sorted(external_links - evidence)
    for css in built.site.rglob("*.css"):
        text = css.read_text("utf-8")
        assert "@import url(http" not in text and "url(https://" not in text and "url(http://" not in text, css


def test_charts_are_inline_with_text_alternatives(built: Built) -> None:
    home = (built.site / "index.html").read_text("utf-8")
    assert '<figure class="rg-figure">' in home and 'role="img"' in home and "<desc id=" in home
    assert "<figcaption>" in home


def test_titles_and_nav(built: Built) -> None:
    factor = (built.site / "now" / "leadership-support" / "index.html").read_text("utf-8")
    assert "<title>Organisational and leadership support - Same-Day IT · Northwind Health IT</title>" in factor
    assert "Where are we now" in factor


def test_two_builds_are_byte_identical(built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build_site(built.project, plan(built.project), tmp_path / "again", INFO)
    first, second = files_of(built.site), files_of(tmp_path / "again")
    assert sorted(first) == sorted(second)
    differ = [rel for rel in first if first[rel] != second[rel]]
    assert differ == []


# --- failures leave the previous site alone ------------------------------------------------


@pytest.fixture
def previous(built: Built, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    site = tmp_path / "site"
    shutil.copytree(built.site, site)
    return site, files_of(site)


def test_template_error_keeps_previous_site(built: Built, previous: tuple[Path, dict[str, bytes]],
                                            tmp_path: Path) -> None:
    site, before = previous
    project = copy_example(tmp_path / "broken")
    (project / "templates").mkdir()
    (project / "templates" / "home.md.j2").write_text("# Home\n\n{% for x in %}\n", "utf-8")
    with pytest.raises(InputError) as caught:
        build_site(project, plan(project), site, INFO)
    assert caught.value.diagnostics[0].file == "templates/home.md.j2"
    assert files_of(site) == before


def test_engine_failure_keeps_previous_site(built: Built, previous: tuple[Path, dict[str, bytes]],
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, before = previous
    project = copy_example(tmp_path / "project")

    def failing(config_file: Path, site_dir: Path, *, workers: int = 1) -> None:
        site_dir.mkdir(parents=True, exist_ok=True)
        (site_dir / "index.html").write_text("half a site", "utf-8")
        raise BuildError("the site engine failed: on purpose")

    monkeypatch.setattr(engines, "run_mkdocs", failing)
    with pytest.raises(BuildError):
        build_site(project, plan(project), site, INFO)
    assert files_of(site) == before
    assert not (site.parent / f".{site.name}.building").exists()


def test_engine_warning_fails_the_build(built: Built, previous: tuple[Path, dict[str, bytes]],
                                        tmp_path: Path) -> None:
    site, before = previous
    project = copy_example(tmp_path / "project")
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "notes.md").write_text("# Notes\n\n[broken](nowhere.md)\n", "utf-8")
    with pytest.raises(BuildError, match="nowhere.md"):
        build_site(project, plan(project), site, INFO)
    assert files_of(site) == before


def test_bare_project_builds(tmp_path: Path) -> None:
    """Required fields only: every page still builds with no MkDocs warning (broken links, anchors...)."""
    (tmp_path / "project" / "content").mkdir(parents=True)
    (tmp_path / "project" / "content" / "organisation.yaml").write_text(
        "organisation:\n  name: Bare\nreview:\n  period: 2026-Q4\n  date: 2026-11-20\n"
        "planning:\n  phases: 2\n  capacity: 5\n", "utf-8")
    project = tmp_path / "project"
    build_site(project, plan(project), tmp_path / "site", INFO)
    assert (tmp_path / "site" / "now" / "leadership-support" / "index.html").is_file()
    assert not (tmp_path / "site" / "teams").exists()


def test_refused_site_dirs(built: Built, tmp_path: Path) -> None:
    project = built.project
    for bad in (project, project / "content", project / "content" / "site", project.parent):
        with pytest.raises(ProjectError):
            check_site_dir(project, bad)
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    with pytest.raises(ProjectError):
        check_site_dir(project, checkout)
    with pytest.raises(ProjectError):
        build_site(project, built.planned, project / "content", INFO)
    check_site_dir(project, project / "site")  # the default is fine
