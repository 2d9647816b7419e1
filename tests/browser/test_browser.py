"""What a person sees: the example site in headless Chromium.

Opens the home page, a factor page, a phase page and the training plan; checks
there are no console errors, that no request leaves the site, that charts carry
their text alternatives, and that search finds a factor. Screenshots go to
``test-output/browser/`` for a human to look at.
"""

from __future__ import annotations

import importlib.util
import os

import pytest

from browser_support import OUTPUT, build_site, open_page, require_chromium, served
from example_project import copy_example

pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The example site built by each engine (Zensical when installed: the test extra installs it)."""
    engine = request.param
    if engine == "zensical" and importlib.util.find_spec("zensical") is None:
        if os.environ.get("CI"):
            pytest.fail("zensical is part of the test extra and must be installed in CI")
        pytest.skip("zensical is not installed (pip install '.[test]')")
    project = copy_example(tmp_path_factory.mktemp(f"example-{engine}") / "project")
    with served(build_site(project, project.parent / f"{project.name}-site", "--engine", engine)) as url:
        yield url


PAGES = [
    ("home", ""),
    ("factor", "now/leadership-support/"),
    ("phase", "roadmap/2027-q1/"),
    ("training", "training/"),
]


@pytest.mark.parametrize("name,path", PAGES)
def test_page_is_clean_and_self_contained(browser, site_url: str, name: str, path: str) -> None:
    context, page, errors, outside = open_page(browser, site_url + path, name)
    try:
        assert errors == [], f"console errors on {path or 'home'}: {errors}"
        assert outside == [], f"requests left the site: {outside}"
        assert page.locator("h1").count() >= 1
        for chart in page.locator("svg[role=img]").all():
            labelled = chart.get_attribute("aria-labelledby") or ""
            assert labelled, "a chart without aria-labelledby"
            assert chart.locator("title").count() >= 1 and chart.locator("desc").count() >= 1
    finally:
        context.close()


def test_home_and_phase_show_charts(browser, site_url: str) -> None:
    for path in ("", "roadmap/"):
        context, page, _, _ = open_page(browser, site_url + path, f"charts-{path.strip('/') or 'home'}")
        try:
            assert page.locator("svg[role=img]").count() >= 1, f"no chart on {path or 'home'}"
            assert page.locator("figure table, table").count() >= 1, "charts need their table of numbers"
        finally:
            context.close()


def test_dark_palette_renders(browser, site_url: str) -> None:
    context, page, errors, outside = open_page(browser, site_url, "home-dark", scheme="dark")
    try:
        assert errors == [] and outside == []
    finally:
        context.close()


def test_search_finds_a_factor(browser, site_url: str, request: pytest.FixtureRequest) -> None:
    engine = request.node.callspec.params["site_url"]
    context, page, errors, outside = open_page(browser, site_url, f"search-{engine}")
    try:
        if engine == "zensical":
            # Zensical's search is a dialog (in a shadow root, which Playwright's locators enter).
            page.locator(".md-search__button").click()
            page.locator("dialog input[role=combobox]").wait_for(timeout=15000)
            page.keyboard.type("leadership")
            results = page.locator("ol[role=listbox] li")
        else:
            page.keyboard.press("s")  # Material's shortcut focuses the search box
            page.locator("input.md-search__input").click()
            page.keyboard.type("leadership")
            results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        text = " ".join(results.all_inner_texts()).lower()
        assert "leadership" in text
        page.screenshot(path=str(OUTPUT / "search-results.png"))
        assert errors == [] and outside == []
    finally:
        context.close()


def test_each_goal_status_has_its_own_colour(browser, site_url: str) -> None:
    """At risk reads apart from on track and off track, on the goals page and on home, with its words."""
    for path in ("goals/", ""):
        context, page, errors, _ = open_page(browser, site_url + path)
        try:
            colours = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.rg-status')].map(
                e => [e.textContent.trim(), getComputedStyle(e).backgroundColor]))""")
        finally:
            context.close()
        assert errors == []
        assert {"at risk", "on track"} <= set(colours), colours
        assert len({colours["at risk"], colours["on track"], colours.get("off track", "")}) == 3, colours
        assert colours["at risk"] == "rgb(146, 64, 14)", colours
