"""A view per page: each template gets only what it reads, as plain frozen data.

The page cache keys a page on its template's source, its view and the shared part; that is only
right when a view holds everything its template reads (else a change would be missed) and little
more (else every change would touch every page), and when a view is plain data.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roadmap_gen.model import Project
from roadmap_gen.pages import pageviews
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.registry import PageSpec, page_specs
from roadmap_gen.pages.views import SiteViews, build_views
from roadmap_gen.pipeline import plan_project
from roadmap_gen.plan.types import Plan

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
PACKAGE = REPO / "roadmap_gen"


@pytest.fixture(scope="module")
def built() -> tuple[SiteViews, list[PageSpec]]:
    planned = plan_project(REPO)
    assert planned.project is not None and planned.plan is not None
    site = build_views(planned.project, planned.plan)
    return site, list(page_specs(site, planned.project))


def _reads(source: str, name: str) -> set[str]:
    return set(re.findall(rf"\b{name}\.([a-z_]+)", source))


def test_each_view_holds_exactly_what_its_packaged_template_reads(built) -> None:
    _, specs = built
    kinds = {spec.template: type(spec.view) for spec in specs if spec.template is not None}
    assert set(kinds) == {p.name for p in TEMPLATES.glob("*.md.j2") if not p.name.startswith("_")}
    for template, kind in sorted(kinds.items()):
        fields = {f.name for f in dataclasses.fields(kind)}
        assert _reads((TEMPLATES / template).read_text("utf-8"), "page") == fields, template


def test_templates_and_macros_read_only_page_and_shared(built) -> None:
    shared = {f.name for f in dataclasses.fields(pageviews.Shared)}
    for path in sorted(TEMPLATES.glob("*.md.j2")):
        source = path.read_text("utf-8")
        assert not re.search(r"\bsite\.", source), path.name
        assert _reads(source, "shared") <= shared, path.name
    macros = (TEMPLATES / "_macros.md.j2").read_text("utf-8")
    assert not _reads(macros, "page")  # macros work on every page: they read only shared and root
    used = set().union(*(_reads(p.read_text("utf-8"), "shared") for p in TEMPLATES.glob("*.md.j2")))
    assert used == shared  # nothing shared that no template reads


def _values(value: Any) -> Iterator[Any]:
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _values(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _values(item)


def test_views_are_plain_frozen_keyword_only_data(built) -> None:
    site, specs = built
    views = [site.shared] + [spec.view for spec in specs if spec.template is not None]
    for view in views:
        params = type(view).__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen and type(view).__module__ == "roadmap_gen.pages.pageviews"
        assert dataclasses.fields(view) == () or all(f.kw_only for f in dataclasses.fields(view)), type(view)
        hash(view)  # hashable all the way down: tuples and frozen dataclasses only
        for value in _values(view):
            assert not isinstance(value, (Project, Plan, SiteIndex, SiteViews, dict, list, set)), (type(view), value)
            assert not callable(value), (type(view), value)


def test_a_view_is_built_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        pageviews.TeamPageView(None, "2028-Q4")  # type: ignore[misc]


def test_a_factor_page_does_not_change_when_another_factor_does(built) -> None:
    _, specs = built
    factor_views = [spec.view for spec in specs if spec.template == "factor.md.j2"]
    assert len(factor_views) > 2 and len(set(factor_views)) == len(factor_views)
    assert all(not hasattr(v, "phases") and not hasattr(v, "factors") for v in factor_views)


def test_pages_never_run_the_planner() -> None:
    """The previous review comes from plan/previous.previous_review: the pages only read it."""
    for module in sorted((PACKAGE / "pages").glob("*.py")):
        assert "make_plan" not in module.read_text("utf-8"), module.name


def test_every_view_of_the_pages_is_built_by_keyword() -> None:
    """Positional calls of many fields mix them up silently; only the two-field Ref stays positional."""
    import importlib
    import inspect

    loose = []
    for module in sorted((PACKAGE / "pages").glob("*.py")):
        name = "roadmap_gen.pages" + ("" if module.stem == "__init__" else f".{module.stem}")
        for cls_name, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if cls.__module__ == name and dataclasses.is_dataclass(cls) and cls_name != "Ref":
                if not all(f.kw_only for f in dataclasses.fields(cls)):
                    loose.append(f"{name}.{cls_name}")
    assert loose == []


def test_the_sandbox_reads_only_views_without_its_full_checks() -> None:
    from roadmap_gen.charts import Chart
    from roadmap_gen.pages.sandbox import _is_view

    assert _is_view(pageviews.HomeView) and _is_view(pageviews.Shared) and _is_view(Chart)
    assert not _is_view(Project) and not _is_view(Plan)  # nor does a view hold them: see above
