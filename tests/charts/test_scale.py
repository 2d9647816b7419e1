"""Charts of a 30- and a 60-factor catalogue (long names with shared prefixes, 5 groups, scale 0-3).

Every chart's visible labels read differently; every factor's full name is in
the chart's text alternative (the full text of a label, or the <title> of one
that shows less) and in its table; the SVG passes the usual checks; labels
placed round a radar do not overlap.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from roadmap_gen.charts import Chart

from .catalogue import Factor, draw_all, factors
from .svgcheck import SVG_NS, check_chart, label_box, name_labels, overlapping, tooltip, visible

FACTOR_CHARTS = ("maturity", "radar", "levels", "history", "teams", "timeline")


@pytest.fixture(scope="module", params=[30, 60])
def drawn(request: pytest.FixtureRequest) -> tuple[list[Factor], dict[str, Chart]]:
    fs = factors(request.param)
    return fs, draw_all(fs)


def test_the_catalogues() -> None:
    for n in (30, 60):
        fs = factors(n)
        assert len({f.title for f in fs}) == n and len({f.group for f in fs}) == 5
        assert max(len(f.title) for f in fs) > 40
        assert sum(f.title.startswith("Security Testing: ") for f in fs) >= 2
        assert sum(f.title.startswith("Policy and Compliance: ") for f in fs) >= 2


def test_every_chart_is_valid(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    _, charts = drawn
    assert set(FACTOR_CHARTS) - {"radar"} <= set(charts)
    for chart in charts.values():
        check_chart(chart)


def test_visible_labels_are_distinct(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    _, charts = drawn
    for name, chart in charts.items():
        shown = [visible(t) for t in name_labels(ET.fromstring(chart.svg))]
        repeated = sorted({s for s in shown if shown.count(s) > 1})
        assert not repeated, f"{name}: labels read the same: {repeated}"
        assert not any(s.rstrip("\u2026") == "" for s in shown), name


def test_labels_are_never_cut_to_a_shared_prefix(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    fs, charts = drawn
    topics = [f.title.split(": ")[0] + ": " for f in fs if ": " in f.title]
    shared = {topic for topic in topics if topics.count(topic) > 1}
    assert len(shared) >= 10
    for name, chart in charts.items():
        for text in name_labels(ET.fromstring(chart.svg)):
            core = visible(text).replace("\n", " ").removesuffix("\u2026").rstrip()
            if visible(text).endswith("\u2026"):
                assert not any(topic.startswith(core) for topic in shared), (name, visible(text))


def _alternative(chart: Chart) -> set[str]:
    """What the chart's text alternative names in full: its description, label titles, whole one-line labels."""
    root = ET.fromstring(chart.svg)
    out = {chart.description}
    for text in root.iter(SVG_NS + "text"):
        title = tooltip(text)
        if title is not None:
            out.add(title)
        elif "\n" not in visible(text):
            out.add(visible(text))
    return out


def test_every_full_name_is_in_the_alternative_and_the_table(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    fs, charts = drawn
    for name in FACTOR_CHARTS:
        if name not in charts:
            continue
        chart = charts[name]
        cells = set(chart.table_header) | {cell for row in chart.table_rows for cell in row}
        alternative = _alternative(chart)
        expected = [f for f in fs if f.target > f.now] if name == "timeline" else fs
        for f in expected:
            assert f.title in cells, (name, f.title)
            forms = {f.title} | {a for a in alternative if re.fullmatch(re.escape(f.title) + r" \(\d+\)", a)}
            assert forms & alternative, (name, f.title)


def test_the_overview_is_a_radar_per_group_with_one_table(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    fs, charts = drawn
    chart = charts["maturity"]
    root = ET.fromstring(chart.svg)
    assert len([g for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-grid"]) == 5
    assert len([t for t in root.iter(SVG_NS + "text") if "rg-group" in (t.get("class") or "")]) == 5
    assert chart.table_header == ("Dimension", "Factor", "Now", "Target", "End of plan (2027-Q2)")
    assert [row[:2] for row in chart.table_rows] == [(f.group, f.title) for f in fs]
    assert [row[2] for row in chart.table_rows] == [str(f.now) for f in fs]
    assert f"for {len(fs)} factors on a 0\u20133 scale, one radar for each of 5 dimensions;" in chart.description
    assert len(root.findall(SVG_NS + "title")) == 1 and len(root.findall(SVG_NS + "desc")) == 1


def test_radar_labels_do_not_overlap(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    _, charts = drawn
    root = ET.fromstring(charts["maturity"].svg)
    labels = [t for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-axis-labels" for t in g]
    headings = [t for t in root.iter(SVG_NS + "text") if "rg-group" in (t.get("class") or "")]
    assert overlapping(labels + headings) == []
    width = float(root.get("viewBox", "").split()[2])
    assert all(0 <= label_box(t)[0] and label_box(t)[2] <= width for t in labels + headings)


def test_deterministic(drawn: tuple[list[Factor], dict[str, Chart]]) -> None:
    fs, charts = drawn
    assert draw_all(fs) == charts
