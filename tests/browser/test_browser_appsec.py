"""What a person sees of a site whose catalogue is not ITIL: application security at 30 factors, in Chromium.

Builds the 30-factor project of :mod:`appsec_project` with the real CLI,
serves it locally and opens its pages in headless Chromium: no console
errors, no request leaves the site, and on every chart no two labels overlap
on screen (each label's drawn box, rotation included, as the browser lays it
out). The home page's full-page screenshot goes to
``test-output/browser/appsec-home-30.png`` for a human to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from appsec_project import write_project
from browser_support import OUTPUT, build_site, open_page, require_chromium, served

COUNT = 30

pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()

#: What :func:`charts.svgcheck.name_labels` leaves out: numbers and the en dash of a missing value.
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?: \(\+\d+(?:\.\d+)?\))?|\u2013")

#: Every <text> of every chart on the page: what it shows, where it is drawn on screen (its box's four
#: corners through the element's own transform, rotation included), its class and its parents'.
LABELS_JS = """
() => Array.from(document.querySelectorAll('svg.rg-chart')).map((svg, n) => ({
  chart: (svg.getAttribute('aria-labelledby') || '').split('-title')[0] || String(n),
  labels: Array.from(svg.querySelectorAll('text')).map(t => {
    const b = t.getBBox();
    const m = t.getScreenCTM();
    const quad = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; });
    const shown = Array.from(t.childNodes)
      .filter(c => !(c.nodeType === 1 && c.localName === 'title')).map(c => c.textContent).join(' ');
    const parents = [];
    for (let p = t.parentElement; p && p !== svg; p = p.parentElement) {
      parents.push([p.localName, p.getAttribute('class') || '']);
    }
    return {text: shown, cls: t.getAttribute('class') || '', parents, quad, empty: b.width === 0};
  }),
}))
"""


def is_name_label(label: dict[str, Any]) -> bool:
    """A label that names something (the rules of ``charts.svgcheck.name_labels``)."""
    if label["empty"] or NUMBER.fullmatch(label["text"].strip()):
        return False
    parent = next((cls for tag, cls in label["parents"] if tag != "a"), "").split()
    if "rg-scale" in parent or "rg-totals" in parent:
        return False
    return not ("rg-series" in parent and "rg-small" in label["cls"].split())


def _axes(quad: list[list[float]]) -> list[tuple[float, float]]:
    return [(quad[(i + 1) % 4][1] - quad[i][1], quad[i][0] - quad[(i + 1) % 4][0]) for i in range(2)]


def intersect(a: list[list[float]], b: list[list[float]], slack: float = 0.5) -> bool:
    """Whether two drawn boxes (convex quadrilaterals on screen) overlap by more than *slack* pixels."""
    for ax, ay in _axes(a) + _axes(b):
        norm = (ax * ax + ay * ay) ** 0.5 or 1.0
        pa = [(x * ax + y * ay) / norm for x, y in a]
        pb = [(x * ax + y * ay) / norm for x, y in b]
        if min(max(pa), max(pb)) - max(min(pa), min(pb)) <= slack:
            return False
    return True


def overlaps(charts: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for chart in charts:
        labels = [label for label in chart["labels"] if is_name_label(label)]
        clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                   if intersect(a["quad"], b["quad"])]
        if clashes:
            out[chart["chart"]] = clashes
    return out


def test_intersect() -> None:
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]
    assert intersect(square, [[5.0, 5.0], [15.0, 5.0], [15.0, 15.0], [5.0, 15.0]])
    assert not intersect(square, [[10.0, 0.0], [20.0, 0.0], [20.0, 10.0], [10.0, 10.0]])  # touching
    diamond = [[14.0, 0.0], [20.0, 6.0], [14.0, 12.0], [8.0, 6.0]]  # its box meets the square, it does not
    assert not intersect(square, [[x + 3, y] for x, y in diamond])
    assert intersect(square, [[x - 2, y] for x, y in diamond])


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = write_project(tmp_path_factory.mktemp("appsec") / "project", COUNT)
    with served(build_site(project, project.parent / "site")) as url:
        yield url


def test_home_page(browser: Any, site_url: str) -> None:
    context, page, errors, outside = open_page(browser, site_url, f"appsec-home-{COUNT}")
    try:
        assert errors == [], f"console errors: {errors}"
        assert outside == [], f"requests left the site: {outside}"
        assert page.title() == "Home - Contoso Payments · application security improvement roadmap"
        assert "ITSM" not in page.inner_text("body")
        charts = page.evaluate(LABELS_JS)
        assert [c["chart"] for c in charts] == ["maturity"]
        labels = [label for label in charts[0]["labels"] if is_name_label(label)]
        assert len(labels) >= COUNT + 5  # an axis label per factor, a heading per business function, the legend
        assert overlaps(charts) == {}
        assert (OUTPUT / f"appsec-home-{COUNT}.png").stat().st_size > 20_000
    finally:
        context.close()


@pytest.mark.parametrize("path,expected", [
    ("now/", {"levels"}),
    ("roadmap/", {"timeline", "balance"}),
    ("progress/", {"level-history"}),
    ("teams/", {"teams"}),
    ("goals/", {"goal-aged-criticals-12", "goal-threat-models-80"}),
])
def test_chart_labels_do_not_overlap(browser: Any, site_url: str, path: str, expected: set[str]) -> None:
    context, page, errors, outside = open_page(browser, site_url + path)
    try:
        assert errors == [] and outside == []
        charts = page.evaluate(LABELS_JS)
        assert expected <= {c["chart"] for c in charts}
        assert all(sum(map(is_name_label, c["labels"])) >= 2 for c in charts)
        assert overlaps(charts) == {}
    finally:
        context.close()
