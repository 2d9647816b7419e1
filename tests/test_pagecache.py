"""The page cache (site/pagecache.py): a rebuild renders only the pages whose inputs changed.

- golden pages are byte-identical with the cache (cold and warm) and without it;
- each kind of input edited in turn (a team file, the organisation, the catalogue, a template,
  mkdocs.yml, a hand-written page, a snapshot): the staging tree a build writes through the cache
  is byte for byte the one a build with no cache writes, and a page whose inputs did not change
  came from the cache (another team's page when one team file changed);
- a corrupt, foreign or linked cache is ignored, never trusted, and a link is never written through;
- the cache saves rendering only: a cached page is checked as a fresh one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from example_project import REPO, copy_example, linked_away
from golden_site import compare_goldens, golden_files
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError
from roadmap_gen.core.resources import default_templates_dir
from roadmap_gen.pages import render_site
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site import build as site_build
from roadmap_gen.site import pagecache
from roadmap_gen.site.cachekey import KEY_FILE, user_key
from roadmap_gen.site.pagecache import CACHE_FILE, PageCache
from roadmap_gen.site.staging import stage
from roadmap_gen.workspace.workspace import Workspace

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
INFO = BuildInfo()
KEY = b"k" * 32  # the user's key (site/cachekey.py)


class Counted(PageCache):
    """The build's page cache, counting what every instance of a test found in it."""

    hits = 0
    paths: set[str] = set()

    def get(self, path: str, key: str) -> bytes | None:
        found = super().get(path, key)
        Counted.hits += found is not None
        if found is not None:
            Counted.paths.add(path)
        return found


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[Counted]:
    Counted.hits = 0
    monkeypatch.setattr(pagecache, "PageCache", Counted)  # the class project_cache makes, for build and validate
    return Counted


def staged(project: Path) -> dict[str, bytes]:
    """The staging tree ``build`` writes for *project* now (through the page cache, if one is there)."""
    planned = plan_project(project)
    assert planned.plan is not None, [d.format() for d in planned.diagnostics]
    root, _, _ = stage(Workspace(project, cache_key=KEY), planned, INFO)
    folder = root.parent
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_golden_pages_are_the_same_with_the_cache_and_without(tmp_path: Path) -> None:
    planned = plan_project(REPO)
    assert planned.project is not None and planned.plan is not None
    (tmp_path / ".roadmap-gen").mkdir()
    without = render_site(REPO, planned.project, planned.plan, INFO)
    cold = PageCache(tmp_path, KEY)
    first = render_site(REPO, planned.project, planned.plan, INFO, cache=cold)
    cold.save()
    warm = PageCache(tmp_path, KEY)
    second = render_site(REPO, planned.project, planned.plan, INFO, cache=warm)
    assert cold.hits == 0 and warm.misses == 0 and warm.hits == cold.misses > 40
    assert first.files == without.files == second.files
    compare_goldens(golden_files(second), GOLDEN, False, "pytest tests/test_pages.py --update-goldens")


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _template(project: Path) -> None:
    packaged = default_templates_dir()
    (project / "templates").mkdir(exist_ok=True)
    text = (packaged / "team.md.j2").read_text(encoding="utf-8")
    (project / "templates" / "team.md.j2").write_text(text + "\nA line of our own.\n", encoding="utf-8")


def _page(project: Path) -> None:
    (project / "content" / "pages").mkdir(exist_ok=True)
    (project / "content" / "pages" / "notes.md").write_text("# Notes\n\nSee [the goals](../goals.md).\n",
                                                               encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "a team file": _replace("content/teams/service-desk.yaml", "name: Service desk", "name: Service desk team"),
    "the organisation": _replace("content/organisation.yaml", "vision: ", "vision: Edited. "),
    "the catalogue": _replace("content/catalogue/itil4-csf.yaml", "title: ", "title: Edited "),
    "a template": _template,
    "mkdocs.yml": _append("mkdocs.yml", "extra_css: [extra.css]\n"),
    "a page": _page,
    "a snapshot": _replace("content/reviews/2026-Q3/organisation.yaml", "    level: 2", "    level: 1"),
}


def test_each_input_edited_the_cached_build_is_a_clean_build(tmp_path: Path, counted: type[Counted]) -> None:
    project = copy_example(tmp_path / "project")
    staged(project)  # fills the cache
    cache = project / ".roadmap-gen" / CACHE_FILE
    assert cache.is_file()
    for what, edit in EDITS.items():
        edit(project)
        counted.hits, counted.paths = 0, set()
        cached = staged(project)
        hits, counted.hits = counted.hits, 0
        cache.unlink()
        clean = staged(project)
        assert counted.hits == 0, what
        assert cached == clean, f"after editing {what}, the cached build differs from a clean one: " + \
            str(sorted(rel for rel in set(cached) | set(clean) if cached.get(rel) != clean.get(rel)))
        # Every kind of edit was made against a cache that held the previous build's pages; those that do
        # not change the site's data (a template, a page, mkdocs.yml) must have used most of them.
        if what in ("a template", "mkdocs.yml", "a page"):
            assert hits > 30, (what, hits)
        if what == "a team file":  # the other teams' pages read no field of the site data the edit changed
            assert {"teams/applications.md", "teams/infrastructure.md"} <= counted.paths, counted.paths
            assert "teams/service-desk.md" not in counted.paths


def _cache_text(project: Path) -> dict:
    return json.loads((project / ".roadmap-gen" / CACHE_FILE).read_text(encoding="utf-8"))


def test_a_corrupt_or_foreign_entry_is_ignored(tmp_path: Path, counted: type[Counted]) -> None:
    project = copy_example(tmp_path / "project")
    clean = staged(project)
    data = _cache_text(project)
    # An entry whose text was changed (its checksum no longer matches), one moved to another page, and
    # checksums that are not text or not ASCII.
    data["pages"]["goals.md"]["text"] = "# forged\n"
    data["pages"]["health.md"] = data["pages"]["governance.md"]
    data["pages"]["changes.md"]["sum"] = "é" * 64
    data["pages"]["index.md"]["sum"] = None
    (project / ".roadmap-gen" / CACHE_FILE).write_text(json.dumps(data), encoding="utf-8")
    counted.hits = 0
    assert staged(project) == clean
    assert counted.hits > 30  # the others were used
    # A cache of another version of the tool, or one that does not parse, is ignored as a whole.
    for text in (json.dumps(dict(data, tool="0.0.1+other")), "{not json", "[]", '{"format": 1}'):
        (project / ".roadmap-gen" / CACHE_FILE).write_text(text, encoding="utf-8")
        counted.hits = 0
        assert staged(project) == clean
        assert counted.hits == 0


def test_a_link_in_place_of_the_cache_is_neither_read_nor_written_through(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    clean = staged(project)
    cache = project / ".roadmap-gen" / CACHE_FILE
    outside = tmp_path / "elsewhere.json"
    before = linked_away(cache, outside)
    _replace("content/teams/service-desk.yaml", "name: Service desk", "name: Desk")(project)
    changed = staged(project)
    assert changed != clean and cache.is_symlink()
    assert outside.read_bytes() == before  # not followed for writing
    assert b"Desk" in changed["docs/teams/service-desk.md"]


def test_a_cached_page_is_checked_as_a_fresh_one(tmp_path: Path) -> None:
    """Untrusted, a project's template may not write script: refused when the page is rendered, and
    again when it comes from the cache."""
    project = copy_example(tmp_path / "project")
    _template(project)
    path = project / "templates" / "team.md.j2"
    path.write_text(path.read_text(encoding="utf-8") + '\n<div onclick="x()">hi</div>\n', encoding="utf-8")
    planned = plan_project(project)
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            site_build.build_site(Workspace(project, cache_key=KEY), planned, tmp_path / "site", INFO)
        assert any(d.check == "unsafe-template" for d in caught.value.diagnostics)
    assert (project / ".roadmap-gen" / CACHE_FILE).is_file()
    assert "teams/service-desk.md" in _cache_text(project)["pages"]


def test_a_cache_signed_with_another_key_is_not_used(tmp_path: Path, counted: type[Counted]) -> None:
    """A cache committed by a pull request, or restored from a CI cache another branch wrote, is signed
    with another key (or none): its pages are never used, however well its keys match the inputs."""
    project = copy_example(tmp_path / "project")
    staged(project)
    cache = project / ".roadmap-gen" / CACHE_FILE
    planted = json.loads(cache.read_text(encoding="utf-8"))
    for entry in planted["pages"].values():
        entry["text"] = entry["text"].replace("Service desk", "Planted desk")
        entry["sum"] = hmac.new(b"x" * 32, digestmod=hashlib.sha256).hexdigest()
    assert any("Planted desk" in entry["text"] for entry in planted["pages"].values())
    cache.write_text(json.dumps(planted), encoding="utf-8")
    counted.hits = 0
    again = staged(project)
    assert counted.hits == 0
    assert not any(b"Planted desk" in data for data in again.values())
    planned = plan_project(project)
    root, _, _ = stage(Workspace(project), planned, INFO)  # no key: no cache read or written
    assert not any(b"Planted desk" in p.read_bytes() for p in root.parent.rglob("*.md"))


def test_the_users_key(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "roadmap-gen"
    key = user_key(folder)
    assert key is not None and len(key) == 32 and user_key(folder) == key
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [KEY_FILE]  # no temporary file left
    (folder / KEY_FILE).chmod(0o644)  # others may read it: not a secret
    assert user_key(folder) is None
    other = tmp_path / "other"
    other.mkdir()
    os.symlink(folder / KEY_FILE, other / KEY_FILE)  # a link in its place is not followed
    assert user_key(other) is None
    fifo = tmp_path / "fifo"
    fifo.mkdir()
    os.mkfifo(fifo / KEY_FILE)  # opening it to read would wait for a writer: not waited for, not a key
    assert user_key(fifo) is None
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert user_key(tmp_path / "file" / "roadmap-gen") is None  # cannot be made: no cache, no error


def test_validate_checks_the_last_builds_pages_from_its_cache(tmp_path: Path, counted: type[Counted]) -> None:
    """validate reads the cache a build left (never writes it) and finds what it finds without it: here a
    hand-written page's link to an anchor no generated page has."""
    from roadmap_gen.site import check
    project = copy_example(tmp_path / "project")
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "notes.md").write_text("# Notes\n\n[x](../teams/service-desk.md#nowhere)\n",
                                                           encoding="utf-8")
    staged(project)
    cache = project / ".roadmap-gen" / CACHE_FILE
    before = cache.read_bytes()
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None
    counted.hits = 0
    warm = check.check_site(Workspace(project, cache_key=KEY), planned.project, planned.plan)
    assert counted.hits > 10
    counted.hits = 0
    cold = check.check_site(Workspace(project), planned.project, planned.plan)
    assert counted.hits == 0
    assert [d.format() for d in warm] == [d.format() for d in cold]
    assert any("nowhere" in d.message for d in warm)
    assert cache.read_bytes() == before


def test_validate_with_no_page_in_the_cache_works_out_no_pages_key(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Before any build (a CI lint of a fresh clone) the cache holds nothing to find: no page's inputs are
    digested to look for it. After a build they are, and the findings are the same."""
    from roadmap_gen.pages import SitePages
    from roadmap_gen.site import check
    project = copy_example(tmp_path / "project")
    planned = plan_project(project)
    assert planned.project is not None and planned.plan is not None
    keys: list[str] = []
    work_out = SitePages._key
    monkeypatch.setattr(SitePages, "_key", lambda self, spec: keys.append(spec.path) or work_out(self, spec))
    cold = check.check_site(Workspace(project, cache_key=KEY), planned.project, planned.plan)
    assert keys == []
    staged(project)
    keys.clear()
    warm = check.check_site(Workspace(project, cache_key=KEY), planned.project, planned.plan)
    assert keys and [d.format() for d in warm] == [d.format() for d in cold]


def test_the_command_line_keeps_the_key_in_the_users_cache_folder(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_gen.cli.run import user_cache_key
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = user_cache_key()
    assert key is not None and (tmp_path / "xdg" / "roadmap-gen" / KEY_FILE).read_bytes() == key
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/folder")  # not absolute: ignored, as the XDG rules say
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_key() == (tmp_path / "home" / ".cache" / "roadmap-gen" / KEY_FILE).read_bytes()
    assert not (tmp_path / "relative").exists()


# --- the templates a page's key covers ----------------------------------------------------

_STATEMENTS = [
    '{% include "a.md.j2" %}', '{%- include "a.md.j2" ignore missing without context -%}', '{% extends "base.j2" %}',
    '{% import "macros.j2" as m %}', '{% from "macros.j2" import x, y %}', '{% include name %}',
    '{% include ["a.j2", "b.j2"] %}', '{% include "a" ~ suffix %}', '{% include "a" "b" %}',
    '{% include "a" if x else "b" %}', '{% block include %}x{% endblock %}', '{% set include = 1 %}',
    '{% raw %}{% include "hidden.j2" %}{% endraw %}', '{{ "include" }}', '{# {% include "c.j2" %} #}', 'text',
    '{% if x %}{% include "d.j2" with context %}{% endif %}', '{% for i in x %}{% import "e.j2" as e %}{% endfor %}',
]


@given(st.lists(st.sampled_from(_STATEMENTS), max_size=8))
@settings(max_examples=200, deadline=None)
def test_a_pages_key_covers_every_template_its_template_names(parts: list[str]) -> None:
    """The references read from the tokens are those Jinja's parser finds, or None (every template) where
    the name is not one constant: a page's key never covers fewer templates than the page reads."""
    from jinja2 import meta

    from roadmap_gen.pages.render import make_environment, referenced_templates
    env = make_environment(None)
    source = "\n".join(parts)
    parsed = list(meta.find_referenced_templates(env.parse(source)))
    read = referenced_templates(env, source)
    if None in parsed:
        assert None in read
    assert None in read or sorted(read, key=str) == sorted(parsed, key=str), (parsed, read)
    assert "hidden.j2" not in read and "c.j2" not in read


def test_the_packaged_templates_references_are_those_jinja_finds() -> None:
    from jinja2 import meta

    from roadmap_gen.pages.render import make_environment, referenced_templates
    env = make_environment(None)
    for path in sorted(default_templates_dir().rglob("*.j2")):
        source = path.read_text(encoding="utf-8")
        assert list(referenced_templates(env, source)) == list(meta.find_referenced_templates(env.parse(source))), path
