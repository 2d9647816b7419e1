"""Issue 10, item 2: nothing is read from outside the project; only regular files are read;
a YAML file named differently is read or reported."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import World

pytestmark = pytest.mark.slow


def link_to_secret(rel: str) -> Callable[[World], None]:
    def setup(w: World) -> None:
        path = w.project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        path.symlink_to(w.outside / "secret.txt")
    return setup


def fifo(rel: str) -> Callable[[World], None]:
    def setup(w: World) -> None:
        path = w.project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        os.mkfifo(path)
    return setup


def folder_named(rel: str) -> Callable[[World], None]:
    def setup(w: World) -> None:
        (w.project / rel).mkdir(parents=True)
    return setup


def linked_catalogue(w: World) -> None:
    shared = w.outside / "shared-catalogue"
    shutil.copytree(w.project / "content" / "catalogue", shared)
    w.outside_before.update({f"shared-catalogue/{p.name}": p.read_bytes() for p in shared.iterdir()})
    shutil.rmtree(w.project / "content" / "catalogue")
    (w.project / "content" / "catalogue").symlink_to(shared)


REFUSED = [
    ("theme-css-links-to-a-secret", link_to_secret("site_config/leak.css"), "site_config/leak.css:1:1", "outside-project"),
    ("template-links-to-a-secret", link_to_secret("templates/home.md.j2"), "templates/home.md.j2:1:1",
     "outside-project"),
    ("team-links-out", link_to_secret("content/teams/leak.yaml"), "content/teams/leak.yaml:1:1", "outside-project"),
    ("page-links-out", link_to_secret("content/pages/leak.md"), "content/pages/leak.md:1:1", "outside-project"),
    ("mkdocs-yml-links-out", link_to_secret("mkdocs.yml"), "mkdocs.yml:1:1", "outside-project"),
    ("catalogue-folder-links-out", linked_catalogue, "content/catalogue:1:1", "outside-project"),
    ("fifo-team", fifo("content/teams/pipe.yaml"), "content/teams/pipe.yaml:1:1", "not-a-file"),
    ("fifo-catalogue", fifo("content/catalogue/pipe.yaml"), "content/catalogue/pipe.yaml:1:1", "not-a-file"),
    ("fifo-page", fifo("content/pages/pipe.md"), "content/pages/pipe.md:1:1", "not-a-file"),
    ("fifo-snapshot", fifo("content/reviews/2026-Q3/organisation.yaml"),
     "content/reviews/2026-Q3/organisation.yaml:1:1", "not-a-file"),
    ("fifo-organisation", fifo("content/organisation.yaml"), "content/organisation.yaml:1:1", "not-a-file"),
    ("fifo-mkdocs-yml", fifo("mkdocs.yml"), "mkdocs.yml:1:1", "not-a-file"),
    ("fifo-template", fifo("templates/home.md.j2"), "templates/home.md.j2:1:1", "not-a-file"),
    ("fifo-theme-file", fifo("site_config/extra.css"), "site_config/extra.css:1:1", "not-a-file"),
    ("folder-named-like-a-team", folder_named("content/teams/odd.yaml"), "content/teams/odd.yaml:1:1",
     "not-a-file"),
]


@pytest.mark.parametrize("case, setup, where, check", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_inputs(world: World, case: str, setup: Callable[[World], None], where: str, check: str) -> None:
    setup(world)
    done = world.run("build", timeout=60)  # a FIFO that were opened would hang the build past the timeout
    world.refused(done, where, 1, [check])
    assert "SECRET-TOKEN" not in done.stderr


def test_a_device_is_refused_even_when_trusted(world: World) -> None:
    team = world.project / "content" / "teams" / "zero.yaml"
    team.symlink_to("/dev/zero")
    done = world.run("validate", "--trust", timeout=60)
    world.refused(done, "content/teams/zero.yaml:1:1", 1, ["not-a-file", "a device"])


def test_a_shared_catalogue_through_a_link_is_read_with_trust(world: World) -> None:
    linked_catalogue(world)
    assert world.run("validate").returncode == 1
    done = world.run("validate", "--trust")
    assert done.returncode == 0, done.stderr


def test_a_secret_is_never_published_through_a_theme_link(world: World) -> None:
    link_to_secret("site_config/leak.css")(world)
    world.run("build")
    assert not any(b"SECRET-TOKEN" in data for data in (p.read_bytes() for p in world.site.rglob("*") if p.is_file()))


def test_yaml_named_in_capitals_is_read(world: World) -> None:
    """team.YAML is read (the error inside it is reported at its place), not skipped."""
    (world.project / "content" / "teams" / "ops.YAML").write_text("team:\n  name: Ops\n  colour: red\n", "utf-8")
    done = world.run("validate")
    assert done.returncode == 1
    assert "content/teams/ops.YAML:3:3: error: [unknown-field]" in done.stderr, done.stderr
    world.outside_untouched()


def test_yaml_named_otherwise_is_reported(world: World) -> None:
    names = ["ops.yaml.txt", "ops.yml~", "ops.YAML.bak"]
    for name in names:
        (world.project / "content" / "teams" / name).write_text("team:\n  name: Ops\n", "utf-8")
    (world.project / "content" / "pages").mkdir()
    (world.project / "content" / "pages" / "notes.markdown").write_text("# Notes\n", "utf-8")
    done = world.run("validate")
    assert done.returncode == 0, done.stderr
    for name in names:
        assert f"content/teams/{name}:1:1: warning: [ignored-file]" in done.stderr
    assert "content/pages/notes.markdown:1:1: warning: [ignored-file]" in done.stderr
    assert world.run("validate", "--strict").returncode == 1


def test_a_link_inside_the_project_is_fine(world: World) -> None:
    shared = world.project / "shared"
    shared.mkdir()
    shutil.move(str(world.project / "content" / "teams" / "applications.yaml"), shared / "applications.yaml")
    (world.project / "content" / "teams" / "applications.yaml").symlink_to(Path("../../shared/applications.yaml"))
    done = world.run("validate")
    assert done.returncode == 0, done.stderr
