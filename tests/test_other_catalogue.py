"""A project whose catalogue is not ITIL: application security (OWASP SAMM 2) at 30 and 60 factors.

The project is written by :mod:`appsec_project` as a user would write it. It
must pass ``validate --strict``; on its rendered site every chart's visible
labels read differently, every factor's full title is in the text alternative
and the numbers table of each chart about factors, and nothing (Markdown,
nav, site name, footer, the built HTML site and its search index) says ITSM.

Golden files: ``tests/golden/appsec/`` holds the 30-factor site as
``tests/golden/site/`` holds the example's (:mod:`golden_site`). After a
deliberate change regenerate them and review the diff::

    pytest tests/test_other_catalogue.py --update-goldens
"""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from appsec_project import factors, files, write_project
from charts.svgcheck import SVG_NS, check_chart, label_box, name_labels, overlapping, tooltip, visible
from cli_process import run_cli
from golden_site import SVG_ID_RE, compare_goldens, golden_files
from roadmap_gen.charts import Chart
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.pages import SiteTree, render_site
from roadmap_gen.pipeline import plan_project

GOLDEN = Path(__file__).resolve().parent / "golden" / "appsec"
INFO = BuildInfo()
#: What the site of a catalogue about application security must never say.
NOT_SAID = re.compile(r"\bITSM\b|IT service management", re.IGNORECASE)
FIGURE_RE = re.compile(r'<figure class="rg-figure">\n(<svg\b.*?</svg>)\n.*?</figure>\n(.*?)(?=\n#|\n<figure|\Z)', re.S)
#: Charts that draw factors: the overview radar, the level heatmaps, the teams heatmaps, the timeline.
FACTOR_CHARTS = ("maturity", "levels", "level-history", "teams", "group-teams", "timeline")


def cli(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, timeout=timeout)


@dataclass(frozen=True)
class Site:
    count: int
    project: Path
    tree: SiteTree


def render(project: Path) -> SiteTree:
    result = plan_project(project)
    errors = [d.format() for d in result.diagnostics if d.severity == "error"]
    assert result.project is not None and result.plan is not None and not errors, errors
    return render_site(project, result.project, result.plan, INFO)


@pytest.fixture(scope="module", params=[30, 60])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp(f"appsec-{request.param}") / "project", request.param)
    return Site(request.param, project, render(project))


# --- the project ----------------------------------------------------------------------------


def test_the_catalogue_shares_nothing_with_itil() -> None:
    for count in (30, 60):
        fs = factors(count)
        assert len(fs) == count and len({f.function for f in fs}) == 5
        assert max(len(f.title) for f in fs) > 40
        assert sum(f.title.startswith("Security Testing: ") for f in fs) >= 4
        assert {f.level for f in fs} == {0, 1, 2, 3} and any(f.target == f.level for f in fs)
        text = "\n".join(files(count).values())
        assert "subject: application security" in text and "programme:" not in text
        assert not re.search(r"\bITIL\b|\bITSM\b|IT service management", text, re.IGNORECASE)


def test_the_project_is_deterministic(tmp_path: Path) -> None:
    for count in (6, 30, 60):
        a, b = write_project(tmp_path / f"a{count}", count), write_project(tmp_path / f"b{count}", count)
        written = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
        assert written == sorted(files(count)) and "content/reviews/2026-Q3/roadmap.json" in written
        assert all((a / rel).read_bytes() == (b / rel).read_bytes() for rel in written)


@pytest.mark.parametrize("count", [6, 30, 60])
def test_validate_strict_is_clean(tmp_path: Path, count: int) -> None:
    project = write_project(tmp_path / "project", count)
    done = cli("--project", str(project), "validate", "--strict", "--format", "json")
    assert done.returncode == 0, done.stderr + done.stdout
    report = json.loads(done.stdout)
    findings = report["findings"] if isinstance(report, dict) else report
    assert findings == [], findings
    exported = cli("--project", str(project), "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    plan = json.loads(exported.stdout)
    assert plan["later"] == [] and len(plan["phases"]) == 6
    # a need reached too late would be a goal-at-risk finding: any goal at risk is so by its pace's margin
    assert {g["status"] for g in plan["goals"]} <= {"on-track", "at-risk"}
    assert all(g["causes"] == ["margin"] for g in plan["goals"] if g["status"] == "at-risk")
    assert sum(len(p["items"]) for p in plan["phases"]) > count  # real work for most factors


# --- charts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    page: str
    chart: Chart  # rebuilt from the page: the SVG, its title and desc, and the table printed after it

    @property
    def root(self) -> ET.Element:
        return ET.fromstring(self.chart.svg)


def _table(markdown: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The first Markdown table of *markdown* (its first block of lines starting with "|"), cells as plain text."""
    block = re.search(r"(?m)^\|.*(?:\n\|.*)*", markdown)
    assert block, "a chart with no table of its numbers"
    lines = block.group(0).split("\n")
    rows = [tuple(html.unescape(re.sub(r"<[^>]+>", " ", cell)).strip() for cell in line.strip("|").split("|"))
            for line in lines if not re.fullmatch(r"\|(\s*-+:?\s*\|)+", line)]
    return rows[0], tuple(rows[1:])


def figures(tree: SiteTree) -> list[Figure]:
    out = []
    for rel, data in tree.files.items():
        if not rel.endswith(".md"):
            continue
        text = data.decode("utf-8")
        found = FIGURE_RE.findall(text)
        assert len(found) == text.count("<svg "), rel
        for svg, after in found:
            root = ET.fromstring(svg)
            cid = SVG_ID_RE.search(svg)
            assert cid, rel
            title, desc = root.find(SVG_NS + "title"), root.find(SVG_NS + "desc")
            assert title is not None and desc is not None
            assert "The numbers behind the chart: " in after, (rel, cid.group(1))
            numbers = after.split("The numbers behind the chart: ", 1)[1]
            if "listed at the end of the pack" in numbers:  # the board pack keeps its summary to one page
                numbers = text.split("{: #maturity-numbers }", 1)[1]
            header, rows = _table(numbers)
            out.append(Figure(rel, Chart(cid.group(1), title.text or "", desc.text or "", svg, header, rows)))
    return out


def test_every_page_chart(site: Site) -> None:
    """The site draws every kind of chart, and each passes the rules every chart follows."""
    drawn = figures(site.tree)
    ids = {f.chart.id for f in drawn}
    assert set(FACTOR_CHARTS) | {"balance"} <= ids, ids
    assert any(i.startswith("trend-") for i in ids) and any(i.startswith("goal-") for i in ids)
    assert {f.page for f in drawn if f.chart.id == "maturity"} == {"index.md", "report/index.md"}
    for figure in drawn:
        check_chart(figure.chart)


def test_every_chart_s_visible_labels_are_distinct(site: Site) -> None:
    for figure in figures(site.tree):
        shown = [visible(t) for t in name_labels(figure.root)]
        repeated = sorted({s for s in shown if shown.count(s) > 1})
        assert not repeated, f"{figure.page} {figure.chart.id}: labels read the same: {repeated}"
        assert all(s.strip("\u2026 \n") for s in shown), (figure.page, figure.chart.id)


def _alternative(chart: Chart) -> set[str]:
    """What the chart names in full for a reader who cannot see it: its desc, every label's tooltip, whole labels."""
    out = {chart.description}
    for text in ET.fromstring(chart.svg).iter(SVG_NS + "text"):
        title = tooltip(text)
        out.add(title if title is not None else visible(text).replace("\n", " "))
    return out


def _expected_factors(site: Site, chart_id: str) -> list[str]:
    fs = factors(site.count)
    if chart_id != "timeline":
        return [f.title for f in fs]
    plan = json.loads(site.tree.files["downloads/roadmap.json"])
    planned = {item["factor"] for phase in plan["phases"] for item in phase["items"]}
    return [f.title for f in fs if f.id in planned]


def test_every_factor_is_named_in_full_beside_each_chart_about_factors(site: Site) -> None:
    seen = set()
    for figure in figures(site.tree):
        if figure.chart.id not in FACTOR_CHARTS:
            continue
        seen.add(figure.chart.id)
        cells = set(figure.chart.table_header) | {cell for row in figure.chart.table_rows for cell in row}
        alternative = _alternative(figure.chart)
        expected = _expected_factors(site, figure.chart.id)
        assert len(expected) > site.count // 2
        for title in expected:
            where = f"{figure.page} {figure.chart.id}: {title!r}"
            assert title in cells, f"{where} is not in the chart's table"
            named = title in alternative or any(re.fullmatch(re.escape(title) + r" \(\d+\)", a) for a in alternative)
            assert named, f"{where} is not in the chart's text alternative"
    assert seen == set(FACTOR_CHARTS)


def test_the_overview_is_one_radar_per_business_function(site: Site) -> None:
    (figure,) = [f for f in figures(site.tree) if f.chart.id == "maturity" and f.page == "index.md"]
    root = figure.root
    headings = [visible(t) for t in root.iter(SVG_NS + "text") if "rg-group" in (t.get("class") or "")]
    assert headings == ["Governance", "Design", "Implementation", "Verification", "Operations"]
    assert f"for {site.count} factors on a 0\u20133 scale, one radar for each of 5 dimensions" in figure.chart.description
    labels = [t for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-axis-labels" for t in g]
    assert len(labels) == site.count
    assert overlapping(labels + [t for t in root.iter(SVG_NS + "text") if "rg-group" in (t.get("class") or "")]) == []
    width = float(root.get("viewBox", "").split()[2])
    assert all(0 <= label_box(t)[0] and label_box(t)[2] <= width for t in labels)


def test_few_teams_by_many_factors_are_drawn_a_factor_a_row(site: Site) -> None:
    """Two teams by 30 or 60 factors as columns would be scaled down to the page until nothing can be
    read: the teams' heatmaps turn, a factor a row and a team a column (still linked to its page)."""
    teams = [f for f in figures(site.tree) if f.chart.id in ("teams", "group-teams")]
    assert teams
    for figure in teams:
        assert figure.chart.table_header[0] == "Factor" and len(figure.chart.table_rows) > site.count // 2
        width = float(figure.root.get("viewBox", "").split()[2])
        assert width <= 720, (figure.page, width)  # shown at its own size
        labels = figure.root.find(f"{SVG_NS}g[@class='rg-axis-labels']")
        assert [a.get("href") for a in labels.iter(SVG_NS + "a")], f"{figure.page}: no team links"


# --- wording ---------------------------------------------------------------------------------


def test_the_site_is_named_after_the_catalogue_s_subject(site: Site) -> None:
    tree = site.tree
    assert tree.site_name == "Contoso Payments · application security improvement roadmap"
    home = tree.files["index.md"].decode("utf-8")
    assert "This is the application security improvement roadmap of Contoso Payments:" in home
    said = {rel: NOT_SAID.findall(data.decode("utf-8", "replace")) for rel, data in tree.files.items()}
    assert {rel: found for rel, found in said.items() if found} == {}
    for text in (json.dumps(tree.nav, ensure_ascii=False), tree.site_name, tree.site_description, tree.footer_html):
        assert not NOT_SAID.search(text), text


@pytest.mark.slow
def test_the_built_site_never_says_itsm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The real HTML site, built by the CLI: pages, search index, sitemap, downloads."""
    project = write_project(tmp_path_factory.mktemp("appsec-built") / "project", 30)
    out = project.parent / "site"
    done = cli("--project", str(project), "build", "--strict", "--site-dir", str(out),
               env={"SOURCE_DATE_EPOCH": "1790000000"}, timeout=600)
    assert done.returncode == 0, done.stderr
    checked = 0
    for path in sorted(out.rglob("*")):
        if path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            text = path.read_text("utf-8", "replace")
        elif path.name.endswith(".xml.gz"):
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
        else:
            continue
        checked += 1
        found = NOT_SAID.search(text)
        assert not found, f"{path.relative_to(out)} says {found.group(0)!r}: ...{text[max(0, found.start() - 80):found.end() + 40]}..."
    assert (out / "search" / "search_index.json").is_file() and checked >= 50
    index = (out / "index.html").read_text("utf-8")
    assert "<title>Home - Contoso Payments · application security improvement roadmap</title>" in index


# --- golden files ------------------------------------------------------------------------------


def test_golden_site(tmp_path: Path, update_goldens: bool) -> None:
    tree = render(write_project(tmp_path / "project", 30))
    files = golden_files(tree)
    assert sum(1 for rel in files if rel.endswith(".svg")) >= 10
    compare_goldens(files, GOLDEN, update_goldens, "pytest tests/test_other_catalogue.py --update-goldens")
