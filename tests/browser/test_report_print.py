"""The board pack in headless Chromium: on screen it goes without the site's frame, and printed to PDF
(page.pdf) it has every part, each on a page of its own, on A4 and on Letter.

The printed PDFs go to ``test-output/browser/`` for a human to look at.
"""

from __future__ import annotations

import re

import pytest

from browser_support import OUTPUT, build_site, open_page, require_chromium, served
from example_project import copy_example

pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()
pypdf = pytest.importorskip("pypdf")

PARTS = ("1 Summary", "2 What changed since 2026-Q3", "3 The next phase: 2027-Q1", "4 Decisions needed",
         "5 Appendix: every health finding")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    project = copy_example(tmp_path_factory.mktemp("example") / "project")
    with served(build_site(project, project.parent / f"{project.name}-site")) as url:
        yield url


def test_the_report_page_goes_without_the_site_frame(browser, site_url: str) -> None:
    context, page, errors, outside = open_page(browser, site_url + "report/")
    try:
        assert outside == [] and errors == []
        for frame in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
            shown = page.evaluate(f"""() => [...document.querySelectorAll('{frame}')]
                .some(e => getComputedStyle(e).display !== 'none')""")
            assert not shown, f"{frame} is shown on the board pack"
        assert page.locator(".rg-report .rg-part").count() == 6
        assert page.locator(".rg-report svg[role=img]").count() == 1  # the radar
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / "report.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_chromium_prints_every_part(browser, site_url: str, paper: str) -> None:
    context, page, _errors, outside = open_page(browser, site_url + "report/")
    try:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        target = OUTPUT / f"report-{paper.lower()}.pdf"
        page.pdf(path=str(target), format=paper, print_background=False)
        assert outside == []
    finally:
        context.close()
    reader = pypdf.PdfReader(target)
    # each page's text, without the page number Chromium prints in the margin (it comes first)
    pages = [re.sub(r"^Page \d+ of \d+ ", "", " ".join((p.extract_text() or "").split())) for p in reader.pages]
    assert 6 <= len(pages) <= 12
    assert "Board pack: review 2026-Q4" in pages[0]
    for part in PARTS:
        assert any(p.startswith(part) for p in pages), f"{part} does not start a page"
    whole = " ".join(pages)
    for figure in ("17 of 17", "2 of 5", "8 factors rose, 1 fell", "Offer portal and self-service training"):
        assert figure in whole, figure
    assert "Skip to content" not in whole and "Where are we now" not in whole  # no site navigation printed


def test_what_changed_is_a_page_of_the_site(browser, site_url: str) -> None:
    context, page, errors, outside = open_page(browser, site_url + "changes/")
    try:
        assert outside == [] and errors == []
        assert page.locator("h1").first.inner_text().rstrip("¶") == "What changed since 2026-Q3"
        assert page.locator(".md-nav__link", has_text="What changed").count() >= 1
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / "changes.png"), full_page=True)
    finally:
        context.close()
