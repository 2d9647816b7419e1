"""Where a project installs roadmap-gen from: the requirement line `init` writes."""

from __future__ import annotations

import pytest

from roadmap_gen.commands.install_source import (
    PLACEHOLDER_REPO,
    Source,
    pinned_requirement,
    requirements_text,
    source_from_install,
    source_from_option,
)
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import UsageError

V = "1.2.3"


def test_options(tmp_path):
    assert source_from_option("index", V, tmp_path).requirement == "roadmap-gen==1.2.3"
    assert source_from_option("roadmap-gen==1.0", V, tmp_path).requirement == "roadmap-gen==1.0"
    git = source_from_option("git+https://git.example.org/tools/roadmap-gen", V, tmp_path)
    assert git.requirement == "roadmap-gen @ git+https://git.example.org/tools/roadmap-gen@v1.2.3" and git.portable
    tagged = source_from_option("git+ssh://git@git.example.org/tools/roadmap-gen.git@main", V, tmp_path)
    assert tagged.requirement == "roadmap-gen @ git+ssh://git@git.example.org/tools/roadmap-gen.git@main"
    user_in_host = source_from_option("git+ssh://git@git.example.org/tools/roadmap-gen.git", V, tmp_path)
    assert user_in_host.requirement.endswith("roadmap-gen.git@v1.2.3")
    url = source_from_option("https://files.example.org/roadmap_gen-1.2.3-py3-none-any.whl", V, tmp_path)
    assert url.requirement == "roadmap-gen @ https://files.example.org/roadmap_gen-1.2.3-py3-none-any.whl"
    wheel = tmp_path / "roadmap_gen-1.2.3-py3-none-any.whl"
    wheel.write_bytes(b"")
    local = source_from_option(wheel.name, V, tmp_path)
    assert local.requirement == f"roadmap-gen @ {wheel.resolve().as_uri()}"
    assert not local.portable and "this machine" in local.note
    with pytest.raises(UsageError, match="no such file"):
        source_from_option("missing.whl", V, tmp_path)


def test_where_the_running_tool_came_from():
    def installed(direct_url: dict | None) -> Source:
        return source_from_install(installed=True, direct_url=direct_url, version=V)

    assert installed(None).requirement == "roadmap-gen==1.2.3"
    wheel = installed({"url": "https://f.example/roadmap_gen-1.2.3-py3-none-any.whl", "archive_info": {}})
    assert wheel.requirement == "roadmap-gen @ https://f.example/roadmap_gen-1.2.3-py3-none-any.whl"
    vcs = installed({"url": "https://git.example.org/roadmap-gen",
                     "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "v1"}})
    assert vcs.requirement == "roadmap-gen @ git+https://git.example.org/roadmap-gen@abc123"
    checkout = installed({"url": "file:///src/roadmap-gen", "dir_info": {"editable": True}})
    assert checkout.requirement == "roadmap-gen @ file:///src/roadmap-gen" and not checkout.portable
    unknown = source_from_install(installed=False, direct_url=None, version=V)
    assert unknown.requirement == f"roadmap-gen @ {PLACEHOLDER_REPO}@v1.2.3" and not unknown.portable


def test_the_file_says_how_to_change_it():
    text = requirements_text(source_from_install(installed=True, direct_url=None, version=V), V)
    assert text.endswith("\nroadmap-gen==1.2.3\n")
    assert pinned_requirement(text) == "roadmap-gen==1.2.3"
    assert "pip install -r requirements.txt" in text and "roadmap-gen upgrade" in text
    assert all(line.startswith("#") for line in text.splitlines()[:-1])
    assert pinned_requirement("# roadmap-gen\nmkdocs\n") is None


def test_the_site_footer_names_the_tool_version():
    from pathlib import Path

    from roadmap_gen import __version__
    from roadmap_gen.pages import render_site
    from roadmap_gen.pipeline import plan_project

    fixture = Path(__file__).parent / "fixtures" / "minimal"
    planned = plan_project(fixture)
    tree = render_site(fixture, planned.project, planned.plan, BuildInfo())
    assert tree.footer_html.endswith(f"made with roadmap-gen {__version__} and MkDocs")
