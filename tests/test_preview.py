"""The preview never lies: whatever ran before (``build``, a rebuild that failed, an edit of any input),
every page ``serve`` shows is the page a full build makes of the same inputs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.commands.init import init_project
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import RoadmapError
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site import build as site_build
from roadmap_gen.site import engines, incremental
from roadmap_gen.site.serve import rebuild
from roadmap_gen.workspace.workspace import Workspace

pytestmark = pytest.mark.slow

INFO = BuildInfo(built="2026-01-01 00:00 UTC")
EPOCH = "1767225600"  # INFO's build time: a build within the minute the preview started stages the same footer
QUICK = "site rebuilt: only the pages the edit changed"
FULL = "site rebuilt"
EXAMPLE_CATALOGUE = Path(__file__).resolve().parent.parent / "content" / "catalogue" / "itil4-csf.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Session:
    """A project, its preview (``serve``'s rebuilds) and its published site (``build``)."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.project = tmp_path / "r"
        init_project(self.project, today=date(2026, 11, 23))
        self.preview = self.project / ".roadmap-gen" / "preview"
        self.messages: list[str] = []
        self.fulls = 0

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def build(self) -> None:
        site_build.build_site(self.project, plan_project(self.project), self.project / "site", INFO)

    def serve(self) -> str:
        assert rebuild(Workspace(self.project), self.preview, INFO, self.messages.append), self.messages[-3:]
        self.assert_true()
        return self.messages[-1]

    def assert_true(self) -> None:
        """Every page of the preview is the page a full build of the same inputs makes."""
        self.fulls += 1
        full = self.tmp / f"full-{self.fulls}"
        site_build.build_site(self.project, plan_project(self.project), full, INFO)
        shown, wanted = snapshot(self.preview), snapshot(full)
        assert set(shown) - {incremental.PREVIEW_STATE} == set(wanted)
        stale = [rel for rel in wanted if rel.endswith(".html") and shown[rel] != wanted[rel]]
        assert stale == [], f"{len(stale)} stale pages after: {self.messages[-1]}"
        index, full_index = (json.loads(site["search/search_index.json"])["docs"] for site in (shown, wanted))
        assert sorted(json.dumps(d, sort_keys=True) for d in index) == sorted(
            json.dumps(d, sort_keys=True) for d in full_index)


def test_serve_after_a_build_shows_the_new_settings_on_every_page(tmp_path):
    """The issue's reproduction: serve, stop; rename the organisation; build; serve again. The build had
    already staged the new settings, so the preview took its old pages for up to date."""
    s = Session(tmp_path)
    assert s.serve() == FULL
    s.edit("content/organisation.yaml", "name: Your organisation IT", "name: Renamed Org IT")
    done = run_cli("--project", str(s.project), "build", "--strict", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    assert s.serve() == FULL
    assert b"Renamed Org IT" in snapshot(s.preview)["health/index.html"]


def test_build_serve_and_edits_interleaved_never_show_a_stale_page(tmp_path, monkeypatch):
    s = Session(tmp_path)
    s.build()
    assert s.serve() == FULL
    # A team file: a quick rebuild, as nothing but pages changed since the preview's own last build.
    s.edit("content/teams/service-desk.yaml", "name: ", "name: Front Line ")
    assert s.serve() == QUICK
    # A build between two rebuilds changes nothing the preview compares with.
    s.edit("content/teams/service-desk.yaml", "name: Front Line ", "name: First Line ")
    s.build()
    assert s.serve() == QUICK
    # A page of the project's own: added (the navigation changes: a full rebuild), then edited.
    (s.project / "content" / "pages").mkdir()
    (s.project / "content" / "pages" / "contacts.md").write_text("# Who to ask\n\nThe office.\n", encoding="utf-8")
    assert s.serve() == FULL
    s.build()
    s.edit("content/pages/contacts.md", "The office.", "The programme office, room 4.")
    assert s.serve() == QUICK
    # The project's own catalogue: added, then a factor's text edited.
    (s.project / "content" / "catalogue").mkdir()
    shutil.copyfile(EXAMPLE_CATALOGUE, s.project / "content" / "catalogue" / "itil4-csf.yaml")
    s.serve()
    s.build()
    s.edit("content/catalogue/itil4-csf.yaml", "question: ", "question: Honestly, ")
    s.serve()
    # The site's settings: a full rebuild, with or without a build before it.
    s.edit("mkdocs.yml", "primary: indigo", "primary: teal")
    s.build()
    assert s.serve() == FULL
    assert s.serve() == QUICK  # nothing changed since
    # A rebuild that staged an edit and then failed leaves the preview as it was; the next one must
    # still rebuild what that edit changed, although the staging tree already holds it.
    s.edit("content/teams/service-desk.yaml", "name: First Line ", "name: Second Line ")
    real = engines.run_mkdocs

    def broken(*args: object, **kwargs: object) -> None:
        raise engines.EngineError("the site engine failed: on purpose", ["on purpose"])

    monkeypatch.setattr(engines, "run_mkdocs", broken)
    assert not rebuild(Workspace(s.project), s.preview, INFO, s.messages.append)
    monkeypatch.setattr(engines, "run_mkdocs", real)
    assert s.serve() == QUICK
    assert b"Second Line" in snapshot(s.preview)["search/search_index.json"]


def test_the_preview_staging_tree_is_its_own(tmp_path):
    s = Session(tmp_path)
    s.serve()
    s.build()
    state = s.project / ".roadmap-gen"
    assert (state / "staging" / "mkdocs.yml").is_file() and (state / "preview-staging" / "mkdocs.yml").is_file()
    with pytest.raises(RoadmapError, match="inside the project's .roadmap-gen/preview-staging/"):
        site_build.build_site(s.project, plan_project(s.project), state / "preview-staging" / "site", INFO)


def test_a_preview_staging_tree_that_is_a_link_is_refused_and_its_target_kept(tmp_path):
    s = Session(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine", encoding="utf-8")
    (s.project / ".roadmap-gen").mkdir()
    (s.project / ".roadmap-gen" / "preview-staging").symlink_to(victim, target_is_directory=True)
    assert not rebuild(Workspace(s.project), s.preview, INFO, s.messages.append)
    assert "preview-staging: it is a symbolic link" in s.messages[-1]
    assert snapshot(victim) == {"keep.txt": b"mine"}


def test_the_preview_watches_a_trusted_projects_own_icons(tmp_path):
    """The one dot-folder a project's files are read from (site_config/overrides/.icons, trusted): an edit of
    an icon there rebuilds the preview; other dot-folders (.git) are not watched."""
    from roadmap_gen.site.serve import _fingerprint

    icons = tmp_path / "site_config" / "overrides" / ".icons" / "brand"
    icons.mkdir(parents=True)
    (icons / "logo.svg").write_text("<svg/>", "utf-8")
    (tmp_path / "content" / ".git").mkdir(parents=True)
    before = _fingerprint(tmp_path)
    (icons / "logo.svg").write_text("<svg><path/></svg>", "utf-8")
    assert _fingerprint(tmp_path) != before
    before = _fingerprint(tmp_path)
    (tmp_path / "content" / ".git" / "index").write_text("x", "utf-8")
    assert _fingerprint(tmp_path) == before
