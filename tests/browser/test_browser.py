"""What a person sees: the example site in headless Chromium.

Opens the home page, a factor page, a phase page and the training plan; checks
there are no console errors, that no request leaves the site, that charts carry
their text alternatives, and that search finds a factor. Screenshots go to
``test-output/browser/`` for a human to look at.
"""

from __future__ import annotations

import functools
import importlib.util
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from example_project import copy_example

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUTPUT = REPO / "test-output" / "browser"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install chromium (apt-get install chromium) for the browser tests")
    pytest.skip("headless Chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The example site built by each engine (Zensical when installed: the test extra installs it)."""
    engine = request.param
    if engine == "zensical" and importlib.util.find_spec("zensical") is None:
        if os.environ.get("CI"):
            pytest.fail("zensical is part of the test extra and must be installed in CI")
        pytest.skip("zensical is not installed (pip install '.[test]')")
    project = copy_example(tmp_path_factory.mktemp(f"example-{engine}") / "project")
    site = project.parent / f"{project.name}-site"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "--project", str(project), "build", "--strict",
                           "--engine", engine, "--site-dir", str(site)], capture_output=True, text=True, env=env,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def _open(browser, url: str, shot: str, scheme: str = "light"):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base = url.split("/", 3)[:3]
    origin = "/".join(base)

    def check_request(request) -> None:
        if not (request.url.startswith(origin) or request.url.startswith(("data:", "blob:"))):
            outside.append(request.url)

    page.on("request", check_request)
    page.goto(url, wait_until="networkidle")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{shot}.png"), full_page=True)
    return context, page, errors, outside


PAGES = [
    ("home", ""),
    ("factor", "now/leadership-support/"),
    ("phase", "roadmap/2027-q1/"),
    ("training", "training/"),
]


@pytest.mark.parametrize("name,path", PAGES)
def test_page_is_clean_and_self_contained(browser, site_url: str, name: str, path: str) -> None:
    context, page, errors, outside = _open(browser, site_url + path, name)
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
        context, page, _, _ = _open(browser, site_url + path, f"charts-{path.strip('/') or 'home'}")
        try:
            assert page.locator("svg[role=img]").count() >= 1, f"no chart on {path or 'home'}"
            assert page.locator("figure table, table").count() >= 1, "charts need their table of numbers"
        finally:
            context.close()


def test_dark_palette_renders(browser, site_url: str) -> None:
    context, page, errors, outside = _open(browser, site_url, "home-dark", scheme="dark")
    try:
        assert errors == [] and outside == []
    finally:
        context.close()


def test_search_finds_a_factor(browser, site_url: str, request: pytest.FixtureRequest) -> None:
    engine = request.node.callspec.params["site_url"]
    context, page, errors, outside = _open(browser, site_url, f"search-{engine}")
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
