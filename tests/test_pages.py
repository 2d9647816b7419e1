"""The site's pages: golden files, determinism, structure, scale and hostile text.

Golden files: ``tests/golden/site/<path>`` holds every generated Markdown page
of the example project byte for byte, every chart's SVG as
``tests/golden/site/<page>/<chart-id>.svg`` and the nav as
``tests/golden/site/_nav.json``. After a deliberate change regenerate them and
review the diff::

    pytest tests/test_pages.py --update-goldens
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from example_project import copy_example
from golden_site import compare_goldens, golden_files
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.pages import (
    SiteTree,
    paths,
    render_site,
)
from roadmap_gen.pages.paths import nav_paths
from roadmap_gen.pages.render import make_environment
from roadmap_gen.pipeline import Planned, plan_project
from roadmap_gen.plan import CHECKS, LATER_REASONS

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
INFO = BuildInfo()


def planned(project_dir: Path) -> Planned:
    result = plan_project(project_dir)
    errors = [d.format() for d in result.diagnostics if d.severity == "error"]
    assert result.plan is not None and not errors, errors
    return result


def render(project_dir: Path, info: BuildInfo = INFO) -> SiteTree:
    result = planned(project_dir)
    return render_site(project_dir, result.project, result.plan, info)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def example_tree() -> SiteTree:
    return render(REPO)


# --- golden files -------------------------------------------------------------------------


def test_golden_site(example_tree: SiteTree, update_goldens: bool) -> None:
    files = golden_files(example_tree)
    assert sum(1 for rel in files if rel.endswith(".svg")) >= 6  # radar, heatmaps, timeline, balance, trends
    compare_goldens(files, GOLDEN, update_goldens, "pytest tests/test_pages.py --update-goldens")


# --- structure ------------------------------------------------------------------------------


def test_pages_of_the_example(example_tree: SiteTree) -> None:
    files = example_tree.files
    for page in ("index.md", "now/index.md", "now/leadership-support.md", "goals.md", "roadmap/index.md",
                 "roadmap/2027-q1.md", "roadmap/2027-q4.md", "governance.md", "training.md", "progress.md",
                 "health.md", "teams/index.md", "teams/group-operations.md", "teams/service-desk.md",
                 "catalogue/index.md", "catalogue/factors.md", "catalogue/training.md", "downloads/index.md",
                 "downloads/roadmap.json", "downloads/roadmap.csv"):
        assert page in files, page
    assert list(files) == sorted(files)
    check_markdown_tables(example_tree)
    for rel, data in files.items():
        if rel.endswith(".md"):
            text = data.decode("utf-8")
            assert text.startswith("---\ntitle: \""), rel
            assert text.endswith("\n") and not text.endswith("\n\n"), rel
            assert "\n\n\n" not in text, rel


def check_markdown_tables(tree: SiteTree) -> None:
    """Every table starts after a blank line and ends before one (else text joins the table)."""
    for rel, data in tree.files.items():
        if not rel.endswith(".md") or rel.startswith("pages/"):
            continue
        lines = data.decode("utf-8").split("\n")
        for i in range(1, len(lines) - 1):
            if lines[i].startswith("|"):
                assert lines[i - 1].startswith("|") or lines[i - 1] == "", (rel, i, lines[i - 1])
                assert lines[i + 1].startswith("|") or lines[i + 1] == "", (rel, i, lines[i + 1])


BARE = """organisation:
  name: Bare
review:
  period: 2026-Q4
  date: 2026-11-20
planning:
  phases: 2
  capacity: 5
"""


def test_bare_project(tmp_path: Path) -> None:
    """Only the required fields, the packaged catalogue: nothing assessed, nothing planned."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "organisation.yaml").write_text(BARE, "utf-8")
    tree = render(tmp_path)
    check_markdown_tables(tree)
    home = tree.files["index.md"].decode("utf-8")
    assert "No factor is assessed yet." in home and "<svg" not in home
    assert "Nothing is planned in this phase." in home
    now = tree.files["now/index.md"].decode("utf-8")
    assert "## Not assessed yet" in now
    assert "No goals are set." in tree.files["goals.md"].decode("utf-8")
    assert "No feedback is recorded." in tree.files["governance.md"].decode("utf-8")


def test_nav_covers_every_page(example_tree: SiteTree) -> None:
    import pathspec

    in_nav = list(nav_paths(example_tree.nav))
    assert len(in_nav) == len(set(in_nav))
    assert in_nav[0] == "index.md"
    sections = [next(iter(entry)) for entry in example_tree.nav]
    assert sections == ["Home", "Where are we now", "Where do we want to be", "How do we get there", "Governance",
                        "Communications",
                        "Training plan", "Did we get there", "What changed", "Health check", "Teams", "Catalogue",
                        "Board pack", "Downloads"]
    hidden = pathspec.GitIgnoreSpec.from_lines(example_tree.not_in_nav)
    pages = [rel for rel in example_tree.files if rel.endswith(".md")]
    for rel in pages:
        assert (rel in in_nav) != hidden.match_file(rel), rel  # exactly one of the two
    assert {rel for rel in pages if hidden.match_file(rel)} == {
        "teams/applications.md", "teams/infrastructure.md", "teams/service-desk.md"}
    assert set(in_nav) <= set(pages)


def test_site_settings(example_tree: SiteTree) -> None:
    assert example_tree.site_name == "Same-Day IT · Northwind Health IT"
    assert example_tree.site_description == "Staff get working IT the same day they ask for it."
    assert "review 2026-Q4" in example_tree.footer_html and "next review 2027-02-19" in example_tree.footer_html
    json.loads(example_tree.files["downloads/roadmap.json"])
    assert example_tree.files["downloads/roadmap.csv"].startswith(b"period,id,title,")


def test_deterministic() -> None:
    first, second = render(REPO), render(REPO)
    assert first == second
    assert list(first.files) == list(second.files)


def test_templates_compiled_once_and_views_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import roadmap_gen.pages as pages

    made: list[object] = []
    built: list[object] = []
    real_renderer, real_views = pages.Renderer, pages.build_views

    def counting_renderer(*args: Any, **kwargs: Any) -> Any:
        made.append(args)
        return real_renderer(*args, **kwargs)

    def counting_views(*args: Any, **kwargs: Any) -> Any:
        built.append(args)
        return real_views(*args, **kwargs)

    monkeypatch.setattr(pages, "Renderer", counting_renderer)
    monkeypatch.setattr(pages, "build_views", counting_views)
    tree = render(REPO)
    assert len(made) == 1 and len(built) == 1
    assert len([rel for rel in tree.files if rel.endswith(".md")]) > 40


def test_every_check_and_reason_is_explained() -> None:
    words = make_environment(None).get_template("_macros.md.j2").module.later_reasons  # type: ignore[attr-defined]
    assert set(LATER_REASONS) <= set(words)
    for text in words.values():
        assert text["title"] and text["meaning"] and text["action"]
    for registered in CHECKS.values():
        assert registered.info.title and registered.info.looks_for and registered.info.action and registered.doc


def test_example_pages_say_what_the_guide_asks(example_tree: SiteTree) -> None:
    def page(rel: str) -> str:
        return example_tree.files[rel].decode("utf-8")

    home = page("index.md")
    assert "Staff get working IT the same day" in home and "rg-figure" in home
    assert "## Next phase: 2027&#45;Q1" in home and "Marcus Bell" in home
    # the honesty figures open the page; one finding is waived, the rest pass
    assert "**Targets reached by the end of the plan:** 17 of 17" in home
    # two goals are on track only because this review moved them: the figure says so, and both are
    # off track against the promise they replaced
    assert ('**Goals:** 2 <span class="rg-status rg-status-on-track">on track</span> (2 of them only after a '
            're-baseline at this review), 3 <span class="rg-status rg-status-at-risk">at risk</span>') in home
    assert "9 promises changed at this review (2 goals among them), 9 of them approved" in home
    assert "## Re-baselined at this review" in home
    assert "passed every health check; 8 findings are waived for now" in home
    assert "Same&#45;Day IT, the IT service management improvement programme of Northwind Health IT" in home
    factor = page("now/leadership-support.md")
    assert "**3 Defined** · **now**" in factor and "**4 Managed** · **target**" in factor
    assert "(https://intranet.northwind.example/itsm/budget-2027)" in factor and "days old at the review" in factor
    goals = page("goals.md")
    assert goals.count("Verdict: **measurable**.") == 5 and goals.count('Status: <span class="rg-status') == 5
    assert "What it needs, and when the plan gets there" in goals and 'aria-labelledby="goal-change-success-97' in goals
    phase = page("roadmap/2027-q1.md")
    for heading in ("## Effort against capacity", "## Work", "## Owners", "## Scope in this phase",
                    "## Levels after this phase", "## Training in this phase"):
        assert heading in phase
    assert "| Why here |" in phase and "already in progress" in phase
    q2 = page("roadmap/2027-q2.md")
    assert "pinned to this phase" in q2
    # work that comes with a pinned item of its level step says so, naming the item
    assert "pinned to 2027&#45;Q2: a level is reached only when all its work is done" in q2
    roadmap = page("roadmap/index.md")
    assert "| For goals | Pinned |" in roadmap and 'aria-labelledby="timeline-title' in roadmap
    governance = page("governance.md")
    assert "## Practices and their owners" in governance and "Chris Lund**, until 2027&#45;06&#45;30" in governance
    health = page("health.md")
    assert "## Waived {: #waived }" in health and "Dana Ruiz" in health
    progress = page("progress.md")
    assert "## From 2026&#45;Q3 to 2026&#45;Q4" in progress and "trend-" in progress
    team = page("teams/service-desk.md")
    assert "## Planned work that closes the team" in team and "## Gaps the plan leaves open" in team
    assert "../teams/service-desk.md" in page("now/front-door.md") or "Across teams" in page("now/front-door.md")


# --- variants of the example ------------------------------------------------------------------


def test_no_snapshots_no_teams(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    shutil.rmtree(project / "content" / "reviews")
    shutil.rmtree(project / "content" / "teams")
    tree = render(project)
    progress = tree.files["progress.md"].decode("utf-8")
    assert "no earlier reviews yet" in progress and "roadmap-gen review" in progress
    assert not any(rel.startswith("teams/") for rel in tree.files)
    assert "Teams" not in [next(iter(e)) for e in tree.nav] and tree.not_in_nav == ()


def test_health_page_lists_findings(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    org = project / "content" / "organisation.yaml"
    text = org.read_text("utf-8")
    text = text.replace("statement: Cut open problem records older than 90 days from 64 to 20 by the end of 2027-Q3.",
                        "statement: Get better at problems.")
    text = text.replace("  sponsor: dana-ruiz\n", "", 1)
    org.write_text(text, "utf-8")
    tree = render(project)
    health = tree.files["health.md"].decode("utf-8")
    assert "{: #check-vague-goal }" in health and "{: #check-no-sponsor }" in health
    assert "content/organisation.yaml:" in health and "## Checks passed" in health
    goals = tree.files["goals.md"].decode("utf-8")
    assert "Verdict: **Vague goal**." in goals and "(health.md#check-vague-goal)" in goals
    home = tree.files["index.md"].decode("utf-8")
    assert "(health.md#check-vague-goal)" in home


def test_health_page_says_which_checks_cannot_apply(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    shutil.rmtree(project / "content" / "reviews")  # the first review: nothing earlier to compare with
    health = render(project).files["health.md"].decode("utf-8")
    passed, _, skipped = health.partition("## Checks that do not apply {: #not-applicable }")
    assert "| Level fell (<code>regression</code>) |" in skipped
    assert "it compares with the last review, and this is the first" in skipped
    assert "<code>regression</code>" not in passed and "<code>tool-first</code>" in passed


def test_project_template_overrides_packaged_one(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    (project / "templates").mkdir()
    (project / "templates" / "downloads.md.j2").write_text("# Our downloads\n\n{{ shared.organisation }}\n", "utf-8")
    tree = render(project)
    assert tree.files["downloads/index.md"].decode("utf-8").endswith("# Our downloads\n\nNorthwind Health IT\n")


def test_a_template_written_for_site_is_located_with_how_to_adapt(tmp_path: Path) -> None:
    from roadmap_gen.core.diagnostics import InputError

    project = copy_example(tmp_path)
    (project / "templates").mkdir()
    (project / "templates" / "team.md.j2").write_text("# {{ heading }}\n\nBy {{ site.end_period }}\n", "utf-8")
    with pytest.raises(InputError) as caught:
        render(project)
    (found,) = caught.value.diagnostics
    assert (found.file, found.line, found.check) == ("templates/team.md.j2", 3, "template-error")
    assert "'site' is undefined" in found.message and "'page'" in found.hint and "'shared'" in found.hint


def test_template_syntax_error_is_located(tmp_path: Path) -> None:
    from roadmap_gen.core.diagnostics import InputError

    project = copy_example(tmp_path)
    (project / "templates").mkdir()
    (project / "templates" / "goals.md.j2").write_text("# Goals\n\n{% if %}\n", "utf-8")
    with pytest.raises(InputError) as caught:
        render(project)
    assert caught.value.diagnostics[0].file == "templates/goals.md.j2"


def test_user_pages_are_copied_as_written(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "faq.md").write_text("# FAQ\n\n*Our* own <b>Markdown</b>.\n", "utf-8")
    tree = render(project)
    assert tree.files["pages/faq.md"] == b"# FAQ\n\n*Our* own <b>Markdown</b>.\n"
    assert tree.nav[-1] == {"More": ["pages/faq.md"]}


# --- file names and links ---------------------------------------------------------------------


def test_paths() -> None:
    assert paths.team_file_names(["index", "group-x", "a"]) == {"a": "a", "group-x": "team-group-x",
                                                                 "index": "team-index"}
    assert paths.team_file_names(["index", "team-index"]) == {"index": "team-team-index", "team-index": "team-index"}
    assert paths.factor_file_names(["index", "x"]) == {"index": "factor-index", "x": "x"}
    assert paths.group_file_names(["Ops", "ops", "Dev"]) == {"Dev": "group-dev", "Ops": "group-ops",
                                                            "ops": "group-ops-2"}
    assert paths.built_url("teams/index.md", "teams/a.md") == "a/"
    assert paths.built_url("teams/group-x.md", "teams/a.md") == "../a/"
    assert paths.built_url("now/index.md", "now/x.md") == "x/"
    assert paths.built_url("index.md", "now/index.md") == "now/"
    assert paths.root_of("index.md") == "" and paths.root_of("now/x.md") == "../"
    assert paths.yaml_string('a "b" \\ é 😀') == '"a \\"b\\" \\\\ \\u00e9 \\U0001f600"'
    assert paths.front_matter("<b>x</b>") == '---\ntitle: "&lt;b&gt;x&lt;/b&gt;"\n---\n\n'
    assert paths.label_of("it-asset-management") == "IT asset management"


def test_front_matter_title_reads_back() -> None:
    import yaml  # PyYAML: what MkDocs reads front matter with

    text = "Ünïcode 😀 \"quoted\" \\ <tag> & 'x' #1: {a}"
    loaded = yaml.safe_load(paths.front_matter(text).split("---")[1])
    import html

    assert html.unescape(loaded["title"]) == text


# --- scale ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_thousand_teams(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    teams = project / "content" / "teams"
    factors = ["front-door", "common-processes", "feedback-mechanism", "in-house-expertise", "viable-metrics",
               "change-culture", "iterative-improvement", "customer-experience", "stakeholder-engagement",
               "stakeholder-training", "governance", "business-agility"]
    for n in range(1000):
        lines = [f"team:\n  name: Team {n:04d} of the hospital group\n  lead: sam-okafor\n", "assessment:\n"]
        for i, f in enumerate(factors):
            level = (n + i) % 4
            lines.append(f"  {f}: {{level: {level}, target: {level + (n % 2)}}}\n")
        (teams / f"team-{n:04d}.yaml").write_text("".join(lines), "utf-8")
    tree = render(project)  # how fast: benchmarks/serve.py (no timing in a test)
    index = tree.files["teams/index.md"]
    assert len(index) < 300_000, len(index)
    assert "<svg" not in index.decode("utf-8")  # too many teams for one heatmap: a table instead
    assert sum(1 for rel in tree.files if rel.startswith("teams/")) == 1003 + 1 + 2  # teams, index, groups
    assert len(tree.files["health.md"]) < 300_000  # team findings are counted per team, listed on team pages
    for rel in ("now/front-door.md", "teams/team-0999.md"):
        assert len(tree.files[rel]) < 60_000, rel


# --- hostile text -----------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) a | b line1\nline2 {{ 7*7 }} {% raw %}"


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096
    return y


def _edit(path: Path, change: Any) -> None:
    y = _yaml()
    data = y.load(path.read_text("utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as out:
        y.dump(data, out)


def _bad(text: Any) -> str:
    return f"{text} {HOSTILE}"


def make_hostile(project: Path) -> None:
    """Hostile text in every kind of text field of the example project (ids stay as they are)."""

    def org(d: Any) -> None:
        o = d["organisation"]
        o["name"], o["vision"] = _bad(o["name"]), _bad(o["vision"])
        for p in d["people"].values():
            p["name"] = _bad(p["name"])
        for s in d["stakeholders"].values():
            s["title"] = _bad(s["title"])
        for i, (_fid, a) in enumerate(d["assessment"].items()):
            if "notes" in a:
                a["notes"] = _bad(a["notes"])
            for j, e in enumerate(a.get("evidence", [])):
                e["text"] = _bad(e["text"])
                if i == 0 and j == 0:
                    # the validator refuses javascript: links (an error: no site at all), so the
                    # hostile project carries a relative link, which the site shows as text only
                    e["link"] = "minutes/2026 q3 <script>alert(1)</script>.pdf"
        for m in d["metrics"].values():
            m["title"] = _bad(m["title"])
        for g in d["goals"]:
            g["statement"] = _bad(g["statement"])
        for init in d["initiatives"].values():
            if "title" in init:
                init["title"] = _bad(init["title"])
        for fb in d["feedback"]:
            fb["text"] = _bad(fb["text"])
            if "response" in fb:
                fb["response"] = _bad(fb["response"])
        for kind in d["scope"].values():
            for entry in kind.values():
                if isinstance(entry, dict) and "reason" in entry:
                    entry["reason"] = _bad(entry["reason"])

    def catalogue(d: Any) -> None:
        c = d["catalogue"]
        c["title"] = _bad(c["title"])
        for s in c["scale"].values():
            s["name"] = _bad(s["name"])
        for dim in c["dimensions"].values():
            dim["title"] = _bad(dim["title"])
        for r in d["roles"].values():
            r["title"] = _bad(r["title"])
        for t in d["training"].values():
            t["title"] = _bad(t["title"])
        for f in d["factors"].values():
            f["title"], f["question"] = _bad(f["title"]), _bad(f["question"])
            for k in list(f["levels"]):
                f["levels"][k] = _bad(f["levels"][k])
            if "warning_signs" in f:
                f["warning_signs"] = [_bad(w) for w in f["warning_signs"]]
            for a in f.get("actions", []):
                a["title"] = _bad(a["title"])
            for m in f.get("metrics", []):
                m["title"] = _bad(m["title"])

    def team(d: Any) -> None:
        d["team"]["name"] = _bad(d["team"]["name"])
        if "group" in d["team"]:
            d["team"]["group"] = _bad(d["team"]["group"])

    _edit(project / "content" / "organisation.yaml", org)
    _edit(project / "content" / "catalogue" / "itil4-csf.yaml", catalogue)
    for path in sorted((project / "content" / "teams").glob("*.yaml")):
        _edit(path, team)


class _Html(HTMLParser):
    """Every element's tag and attributes, every script, and the visible text of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._script: list[str] | None = None
        self._src = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script, self._src = [], dict(attrs).get("src") or ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._src, "".join(self._script)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        else:
            self.text.append(data)


def parse_html(path: Path) -> _Html:
    parser = _Html()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def site_html(site: Path) -> dict[str, _Html]:
    return {p.relative_to(site).as_posix(): parse_html(p) for p in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_hostile_text_stays_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_gen.site.build import build_site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    clean = copy_example(tmp_path / "clean")
    bad = copy_example(tmp_path / "bad")
    make_hostile(bad)
    bad_planned = planned(bad)
    build_site(clean, planned(clean), tmp_path / "site-clean", INFO)
    build_site(bad, bad_planned, tmp_path / "site-bad", INFO)
    clean_html, bad_html = site_html(tmp_path / "site-clean"), site_html(tmp_path / "site-bad")
    assert len(clean_html) == len(bad_html)  # group pages are named after the (hostile) group names

    # no script but the theme's own: the same scripts as the clean build's (inline ones included)
    theirs = {script for page in clean_html.values() for script in page.scripts}
    shown: list[str] = []
    for rel, page in bad_html.items():
        assert set(page.scripts) <= theirs, rel
        assert len(page.scripts) == len(clean_html["index.html"].scripts), rel
        for tag, attrs in page.tags:
            for name, value in attrs:
                assert not name.lower().startswith("on"), (rel, tag, name, value)
                if value and name.lower() in ("href", "src", "xlink:href", "action", "formaction"):
                    squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                    assert not squeezed.startswith(("javascript:", "vbscript:", "data:text")), (rel, tag, value)
            assert not (tag == "img" and dict(attrs).get("src") == "x"), rel
        shown.append(" ".join(" ".join(page.text).split()))
    everything = "\n".join(shown)
    visible = " ".join(HOSTILE.split())
    assert visible in everything  # the whole string shows, as text: no markup, no template evaluation
    assert "{{ 7*7 }} {% raw %}" in everything and "<script>alert(1)</script>" in everything
    assert "line2 49" not in everything and "{{ 49 }}" not in everything
    # each kind of field is still shown, with its hostile tail
    for original in ("Northwind Health IT", "Staff get working IT the same day they ask for it.", "Dana Ruiz",
                     "Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.",
                     "Ward staff satisfaction with IT support",
                     "The sponsor chaired the 2026-Q2 and 2026-Q3 reviews.",
                     "Nurses are locked out at shift change; the desk queue is 40 minutes at 07:00.",
                     "Self-service password reset on ward kiosks since 2026-06; the 07:00 queue is now under 10 minutes.",
                     "Clinical staff on the wards",
                     "Monthly IT floor walks on every ward, with issues logged on the spot",
                     "Service desk", "Operations", "Organisational and leadership support",
                     "ITIL 4 critical success factors"):
        assert f"{original} {visible}" in everything, original
    # a relative evidence link is shown as text, not as a link (it would point nowhere in the site)
    factor = " ".join(" ".join(bad_html["now/leadership-support/index.html"].text).split())
    assert "(at minutes/2026 q3 <script>alert(1)</script>.pdf)" in factor
    # the search index holds HTML that the theme shows as HTML: no markup from the user in it either
    index = json.loads((tmp_path / "site-bad" / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        fragment = _Html()
        fragment.feed(doc["title"] + " " + doc["text"])
        assert not fragment.scripts and all(tag not in ("img", "script", "a") for tag, _ in fragment.tags), doc
        assert not any(name.startswith("on") for _, attrs in fragment.tags for name, _ in attrs), doc
    # in the raw HTML, the hostile text only ever appears escaped
    for rel in bad_html:
        raw = (tmp_path / "site-bad" / rel).read_text("utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw, rel
        assert len(re.findall("onerror=", raw)) == len(re.findall(r"&(?:amp;)?lt;img src=x onerror=", raw)), rel


def test_hostile_text_in_markdown(tmp_path: Path) -> None:
    """The same hostile project, at the Markdown level: escaped in every page, nothing evaluated.

    The project model is also given a ``javascript:`` evidence link behind the validator's back, to
    show the pages refuse it on their own.
    """
    from dataclasses import replace

    bad = copy_example(tmp_path)
    make_hostile(bad)
    hostile = render(bad)
    check_markdown_tables(hostile)
    assert_nests_shallow(hostile)
    result = planned(bad)
    project = result.project
    assert project is not None
    org = project.organisation
    first = org.assessment[0]
    evidence = (replace(first.evidence[0], link="javascript:alert(1)"), *first.evidence[1:])
    org = replace(org, assessment=(replace(first, evidence=evidence), *org.assessment[1:]))
    tree = render_site(bad, replace(project, organisation=org), result.plan, INFO)  # type: ignore[arg-type]
    factor = tree.files[f"now/{first.factor}.md"].decode("utf-8")
    assert "(link not shown&#58; not a safe web address)" in factor
    assert "javascript:" not in factor.split("\n---\n", 1)[1]
    for rel, data in tree.files.items():
        if not rel.endswith(".md"):
            continue
        front, body = data.decode("utf-8").split("\n---\n", 1)
        assert "<" not in front and ">" not in front, rel
        # a chart is one raw HTML block (Markdown leaves it alone): its text is HTML-escaped
        figures = re.findall(r"<figure class=\"rg-figure\">.*?</figure>", body, re.S)
        for figure in figures:
            assert "<script" not in figure and "<img" not in figure, rel
            assert not re.search(r"<[^>]*\son[a-z]+\s*=", figure), rel
            body = body.replace(figure, "")
        assert "<script" not in body and "<img" not in body, rel
        assert "](javascript:" not in body and "{{" not in body and "{%" not in body, rel
        assert "onerror=" not in body, rel
    assert "49" not in tree.files["index.md"].decode("utf-8").split("# ", 1)[1].split("\n", 1)[0]
    assert tree.site_name.startswith("Same-Day IT · Northwind Health IT &lt;script&gt;")
    assert "<" not in tree.site_description and '"' not in tree.site_description
    for title in nav_titles(tree.nav):
        assert "<" not in title, title


#: How deep the packaged templates' pages nest HTML at most (the limit for a project's own is 100).
PACKAGED_DEPTH = 12


def assert_nests_shallow(tree: SiteTree) -> None:
    """Every page of *tree* (packaged templates only) nests its HTML at most PACKAGED_DEPTH deep, whatever
    its data: what lets the renderer count the depth only where a project has templates of its own."""
    from roadmap_gen.markdown.pagesize import HtmlDepth

    class Deepest(HtmlDepth):
        deepest = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            super().handle_starttag(tag, attrs)
            self.deepest = max(self.deepest, len(self.open))

    for rel, data in tree.files.items():
        if rel.endswith(".md"):
            parser = Deepest()
            parser.feed(data.decode("utf-8"))
            parser.close()
            assert parser.deepest <= PACKAGED_DEPTH, (rel, parser.deepest)


def test_only_a_projects_own_templates_have_their_depth_counted(example_tree: SiteTree, tmp_path: Path) -> None:
    from roadmap_gen.core.diagnostics import InputError
    from roadmap_gen.pages.render import Renderer
    from roadmap_gen.workspace.workspace import Workspace
    assert_nests_shallow(example_tree)
    copy_example(tmp_path / "example")
    assert not Renderer(Workspace(tmp_path / "example", trust=False))._count_depth
    (tmp_path / "example" / "templates").mkdir()
    (tmp_path / "example" / "templates" / "note.md.j2").write_text("<div>" * 150 + "deep", "utf-8")
    renderer = Renderer(Workspace(tmp_path / "example", trust=False))
    assert renderer._count_depth
    with pytest.raises(InputError) as refused:
        renderer.render("note.md.j2")
    assert [(d.loc.file, d.check) for d in refused.value.diagnostics] == [("templates/note.md.j2", "template-limit")]


def nav_titles(nav: Any) -> Iterator[str]:
    if isinstance(nav, list):
        for entry in nav:
            yield from nav_titles(entry)
    elif isinstance(nav, dict):
        for key, value in nav.items():
            yield key
            yield from nav_titles(value)


def test_render_engine_num_filter_escapes_text() -> None:
    env = make_environment(None)
    out = env.from_string("{{ x | num }} {{ y | num }} {{ z | num }}").render(x=2.5, y="<b>", z=None)
    assert out == "2.5 &lt;b&gt; –"
