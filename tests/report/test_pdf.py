"""The board pack as a PDF (WeasyPrint), read back with pypdf: its parts, its size, its bytes, what it may read."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cli_process import run_cli
from example_project import copy_example
from roadmap_gen.core.diagnostics import UsageError
from roadmap_gen.site import pdf

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1790000000"  # 2026-09-21 14:13:20 UTC


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, timeout=600, env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})})


def text_of(path: Path) -> list[str]:
    """Each page's text, with runs of white space made one space."""
    return [" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "board-pack.pdf"
    done = run("--project", str(REPO), "report", "--pdf", str(out))
    assert done.returncode == 0, done.stderr
    assert re.search(r"wrote the board pack, \d+ pages, to ", done.stderr)
    return out


def assert_one_page_summary(summary: str) -> None:
    """The summary page holds its figures, the radar and the radar's numbers in words (not spilt onto a page
    of their own). Compared without spaces: a narrow tile breaks "(2028-Q4)" after its hyphen."""
    flat = summary.replace(" ", "")
    for figure in ("17 of 17", "factor targets reached by the end of the plan (2028-Q4)", "2 of 5",
                   "goals on track", "review); 3 at risk", "health findings to act on; 8 waived",
                   "5 lapse by the end of 2027-Q1", "decisions asked of this meeting",
                   "Maturity now, at target and at the end of the plan", "The numbers behind the chart",
                   "They are listed at the end of the pack."):
        assert figure.replace(" ", "") in flat, figure


def test_each_part_with_the_example_s_figures(example_pdf: Path) -> None:
    pages = text_of(example_pdf)
    assert 6 <= len(pages) <= 12
    whole = " ".join(pages)
    # cover
    assert "Board pack: review 2026-Q4" in pages[0] and "SAME-DAY IT · NORTHWIND HEALTH IT" in pages[0]
    assert "Dana Ruiz" in pages[0] and "2027-02-19" in pages[0] and "2026-Q4, held on 2026-11-20" in pages[0]
    # summary: one page, with the radar
    summary = next(p for p in pages if "1 Summary" in p)
    assert "2 What changed" not in summary
    assert_one_page_summary(summary)
    # what changed
    for figure in ("2 What changed since 2026-Q3", "8 factors rose, 1 fell", "Long-term in-house expertise",
                   "put 6 pieces of work in 2026-Q4: 6 done, 0 in progress, 0 slipped, 0 dropped",
                   "4 goals are not where they were", "6 findings are new and 26 resolved", "Re-baselined at this review",
                   "Target not reached by the end of the plan (15)"):
        assert figure in whole, figure
    # the next phase, the decisions, the appendix
    for figure in ("3 The next phase: 2027-Q1", "Phase 1 of 8: 6 pieces of work, 15 of 15 person-weeks",
                   "Marcus Bell", "User journey walk and mapping", "4 Decisions needed",
                   "The steering group is asked to decide on 6 items",
                   "Offer portal and self-service training on night shifts", "Waivers lapsing by the end of 2027-Q1",
                   "5 Appendix: every health finding", "content/organisation.yaml:247"):
        assert figure in whole, figure
    # each part starts a page of its own
    for part in ("1 Summary", "2 What changed", "3 The next phase", "4 Decisions needed", "5 Appendix"):
        assert any(p.startswith(part) for p in pages), part
    assert pages[-1].endswith(f"Page {len(pages)} of {len(pages)}")


def test_same_inputs_same_bytes(example_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    assert run("--project", str(REPO), "report", "--pdf", str(again)).returncode == 0
    assert again.read_bytes() == example_pdf.read_bytes()  # built in another temporary folder, the same bytes
    info = pypdf.PdfReader(example_pdf).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20260921141320Z"  # SOURCE_DATE_EPOCH, not the clock
    first = pypdf.PdfReader(example_pdf).pages[0]
    assert (float(first.mediabox.width), float(first.mediabox.height)) == pytest.approx((595.28, 841.89), abs=0.01)


def test_letter_paper(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    assert run("--project", str(REPO), "report", "--pdf", str(out), "--paper", "letter").returncode == 0
    reader = pypdf.PdfReader(out)
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (612, 792)
    assert len(reader.pages) <= 13  # 11 with Liberation Sans (Helvetica's widths), 13 with DejaVu Sans
    assert_one_page_summary(next(p for p in text_of(out) if "1 Summary" in p))


def test_a_tall_radar_leaves_the_pack_whole(tmp_path: Path) -> None:
    """Another catalogue's radar (60 factors in 5 dimensions: five wide panels, taller than a page) is drawn
    smaller on the summary page: it once overflowed that page and every part after it was lost (a pack of
    three pages)."""
    from appsec_project import write_project

    project = write_project(tmp_path / "appsec", 60)
    out = tmp_path / "pack.pdf"
    done = run("--project", str(project), "report", "--pdf", str(out))
    assert done.returncode == 0, done.stderr
    pages = text_of(out)
    summary = next(p for p in pages if p.startswith("1 Summary"))
    assert "Maturity now, at target and at the end of the plan" in summary and "The numbers behind the chart" in summary
    for part in ("2 What changed", "3 The next phase", "4 Decisions needed", "5 Appendix"):
        assert any(p.startswith(part) for p in pages), part
    assert pages[-1].endswith(f"Page {len(pages)} of {len(pages)}")


def test_a_picture_taller_than_a_page_in_a_project_s_own_pack_leaves_it_whole(tmp_path: Path) -> None:
    """No picture can be split over pages: one taller than a page (here in a project's own report template)
    lost every page after it. Each is kept to a page's height."""
    project = copy_example(tmp_path / "project")
    template = (REPO / "templates" / "report.md.j2").read_text("utf-8")
    tall = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 100" width="100%">'
            '<rect width="10" height="100" fill="#ccc"/></svg>\n\n')
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "report.md.j2").write_text(template.replace("## 2 What changed", tall + "## 2 What changed"),
                                                         "utf-8")
    out = tmp_path / "pack.pdf"
    done = run("--project", str(project), "report", "--pdf", str(out))
    assert done.returncode == 0, done.stderr
    pages = text_of(out)
    for part in ("1 Summary", "2 What changed", "3 The next phase", "4 Decisions needed", "5 Appendix"):
        assert any(p.startswith(part) for p in pages), part


def test_an_untrusted_project_s_pack_is_printed_from_its_cleaned_page(tmp_path: Path) -> None:
    """``report --pdf`` prints the board pack's page cleaned as ``build`` publishes it (site/userpages.py): a
    project template's script link and style do not reach the PDF (a 400 mm box held whole lost every page
    after it)."""
    project = copy_example(tmp_path / "project")
    template = (REPO / "templates" / "report.md.j2").read_text("utf-8")
    added = ('<div style="height: 400mm; break-inside: avoid">held</div>\n\n'
             '<p><a href="javascript:alert(1)">click</a></p>\n\n')
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "report.md.j2").write_text(
        template.replace("## 2 What changed", added + "## 2 What changed"), "utf-8")
    out = tmp_path / "pack.pdf"
    done = run("--project", str(project), "report", "--pdf", str(out))
    assert done.returncode == 0, done.stderr
    assert b"javascript" not in out.read_bytes()
    pages = text_of(out)
    whole = " ".join(pages)
    assert "held click 2 What changed" in whole  # the link's text stays, as text
    for part in ("1 Summary", "3 The next phase", "4 Decisions needed", "5 Appendix"):
        assert any(p.startswith(part) for p in pages), part


def test_a_pack_cut_short_is_an_error_not_a_pdf(tmp_path: Path) -> None:
    """Trusted, a project's style is printed as written: a block kept whole and taller than a page makes
    WeasyPrint leave out every page after it, silently. That is an error naming the first part lost, and
    no PDF is written."""
    project = copy_example(tmp_path / "project")
    template = (REPO / "templates" / "report.md.j2").read_text("utf-8")
    held = '<div style="height: 400mm; break-inside: avoid">held</div>\n\n'
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "report.md.j2").write_text(
        template.replace("## 2 What changed", held + "## 2 What changed"), "utf-8")
    out = tmp_path / "pack.pdf"
    done = run("--project", str(project), "report", "--trust", "--pdf", str(out))
    assert done.returncode == 1, done.stderr
    assert "the board pack was cut short: nothing from '2 What changed since 2026-Q3' on was printed" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").is_file(), reason="needs DejaVu Sans")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_summary_is_one_page_with_a_wider_face(tmp_path: Path, paper: str) -> None:
    """Where no Helvetica-compatible font is installed, the sans-serif face is often DejaVu Sans, a good deal
    wider: the summary's figures, radar and its numbers in words still fit its one page."""
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU}</dir><include ignore_missing=\"yes\">/etc/fonts/conf.d</include>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n", "utf-8")
    out = tmp_path / "pack.pdf"
    done = run("--project", str(REPO), "report", "--pdf", str(out), "--paper", paper,
               env={"FONTCONFIG_FILE": str(tmp_path / "fonts.conf")})
    assert done.returncode == 0, done.stderr
    fonts = {str(font.get("/BaseFont")) for page in pypdf.PdfReader(out).pages
             for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
             for font in [font.get_object()]}
    assert any("DejaVu-Sans" in name for name in fonts) and not any("Liberation" in name for name in fonts), fonts
    assert_one_page_summary(next(p for p in text_of(out) if "1 Summary" in p))


def test_build_pdf_puts_it_in_the_site(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    done = run("--project", str(project), "build", "--pdf", "--site-dir", str(site))
    assert done.returncode == 0, done.stderr
    assert "with the board pack as a PDF of" in done.stderr
    made = site / "downloads" / "report.pdf"
    assert "4 Decisions needed" in " ".join(text_of(made))
    assert 'href="report.pdf"' in (site / "downloads" / "index.html").read_text("utf-8")
    assert (site / "report" / "index.html").is_file() and not (project / "site").exists()


def test_report_leaves_the_project_alone(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    assert run("--project", str(project), "report", "--pdf", str(tmp_path / "pack.pdf")).returncode == 0
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


# --- what WeasyPrint may read ------------------------------------------------------------------


def test_fetching_is_confined_to_the_built_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "report").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "ok.css").write_text("body { color: black }", "utf-8")
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }", "utf-8")
    (site / "assets" / "escape.css").symlink_to(secret)
    outside = secret.as_uri()
    (site / "report" / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="../assets/ok.css">'
        '<link rel="stylesheet" href="../assets/escape.css">'
        f'<link rel="stylesheet" href="{outside}">'
        '<link rel="stylesheet" href="../../secret.css">'
        '<link rel="stylesheet" href="http://fonts.example/remote.css"></head>'
        '<body><div class="rg-report"><h1>Pack</h1><img src="https://img.example/logo.png">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "</div></body></html>", "utf-8")
    result = pdf.render_pdf(site, datetime(2026, 11, 20, tzinfo=timezone.utc))
    assert result.data.startswith(b"%PDF-") and result.pages == 1
    refused = set(result.refused)
    assert "http://fonts.example/remote.css" in refused and "https://img.example/logo.png" in refused
    assert outside in refused  # a file outside the site, named directly or through ../
    assert (site / "assets" / "escape.css").as_uri() in refused  # a link inside the site that leads out
    assert not any(url.endswith("/assets/ok.css") or url.startswith("data:") for url in refused)


def test_fonts_and_attachments_are_confined_to_the_built_site(tmp_path: Path) -> None:
    """Issue 20, held: a font face or a PDF attachment that names a file outside the site, or another
    server, is refused like any fetch, and nothing of it reaches the PDF."""
    site = tmp_path / "site"
    (site / "report").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-ATTACHED", "utf-8")
    (site / "report" / "index.html").write_text(
        f'<html><head><link rel="attachment" href="{secret.as_uri()}">'
        '<link rel="attachment" href="http://files.example/x.txt">'
        f'<style>@font-face {{ font-family: X; src: url("{secret.as_uri()}") }}'
        '@font-face { font-family: Y; src: url("https://fonts.example/y.woff2") } body { font-family: X, Y }'
        '</style></head><body><div class="rg-report"><p>Pack</p>'
        f'<a rel="attachment" href="{secret.as_uri()}">a</a></div></body></html>', "utf-8")
    result = pdf.render_pdf(site, datetime(2026, 11, 20, tzinfo=timezone.utc))
    assert result.data.startswith(b"%PDF-")
    assert {secret.as_uri(), "http://files.example/x.txt", "https://fonts.example/y.woff2"} <= set(result.refused)
    assert b"SECRET-TOKEN-ATTACHED" not in result.data


def test_site_file_resolves_and_checks(tmp_path: Path) -> None:
    root = (tmp_path / "site").resolve()
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.css").write_text("", "utf-8")
    (root / "a" / "dir").mkdir()
    assert pdf._site_file(root, (root / "a" / "x.css").as_uri()) == root / "a" / "x.css"
    assert pdf._site_file(root, (root / "a" / "dir").as_uri()) is None  # a folder
    assert pdf._site_file(root, (root / "a" / "missing.css").as_uri()) is None
    assert pdf._site_file(root, (root / "a" / ".." / ".." / "x").as_uri()) is None
    assert pdf._site_file(root, "file://server.example" + (root / "a" / "x.css").as_posix()) is None
    assert pdf._site_file(root, "https://example.org/x.css") is None


def test_charts_get_the_print_palette_in_the_pdf_copy(tmp_path: Path) -> None:
    html = '<p>x</p><svg xmlns="http://www.w3.org/2000/svg" role="img" class="rg-chart" font-size="12"><g/></svg>'
    printed = pdf.with_print_palette(html, pdf.site_palette(tmp_path))
    assert printed.count("<style>") == 1 and '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="rg-chart" ' \
        'font-size="12"><style>' in printed
    css = pdf.svg_print_css(pdf.site_palette(tmp_path))
    for rule in (".rg-grid,", ".rg-area{", ".rg-marker{", ".rg-heat-3{", ".rg-target .rg-bar{fill:#fff}",
                 ".rg-dim-1 .rg-bar,.rg-bar.rg-dim-1{fill:#d0d0d0}"):
        assert rule in css, rule
    assert "var(" not in css  # WeasyPrint's SVG drawing reads no custom properties


def test_the_packaged_style_sheet_declares_the_whole_print_palette() -> None:
    from roadmap_gen.core.resources import default_site_config_dir
    palette = pdf.print_palette((default_site_config_dir() / "extra.css").read_text("utf-8"))
    assert set(palette) == set(pdf.PALETTE)
    assert palette["fg"] == "#000" and palette["bg"] == "#fff"  # black on white


def test_a_project_s_own_print_palette_reaches_the_pdf(tmp_path: Path) -> None:
    sheets = tmp_path / "site" / pdf.SITE_CSS
    sheets.mkdir(parents=True)
    (sheets / "extra.css").write_text(
        "/* @media print { .rg-chart { --rg-dim-2: #111111; } } */\n"
        ".rg-chart { --rg-color-now: #222222; }\n"  # the screen's palette, not the print's
        "@media print {\n  .rg-chart .rg-bar { fill: #333333; }\n"
        "  .rg-chart {\n    --rg-color-now: #0000ff;\n    --rg-dim-0: rgb(10, 20, 30);\n"
        "    --rg-dim-1: var(--elsewhere);\n    --rg-fg: red</style><script>alert(1)</script>;\n  }\n}\n", "utf-8")
    palette = pdf.site_palette(tmp_path / "site")
    assert palette["color-now"] == "#0000ff" and palette["dim-0"] == "rgb(10, 20, 30)"
    assert palette["dim-1"] == "#d0d0d0" and palette["dim-2"] == "#9a9a9a"  # the packaged ones
    assert palette["fg"] == "#000"  # not a plain colour: never into the PDF's style
    css = pdf.svg_print_css(palette)
    assert ".rg-now .rg-line,.rg-line.rg-now{stroke:#0000ff}" in css and "script" not in css


# --- without the extra --------------------------------------------------------------------------

WITHOUT = ("import sys; sys.modules['weasyprint'] = None\n"  # what Python does when the package is not installed
           "from roadmap_gen.cli import main; raise SystemExit(main(sys.argv[1:]))")


def test_without_weasyprint_it_says_how_to_install_it(tmp_path: Path) -> None:
    for args in (["report", "--pdf", str(tmp_path / "x.pdf")], ["build", "--pdf", "--site-dir", str(tmp_path / "s")]):
        done = subprocess.run([sys.executable, "-c", WITHOUT, "--project", str(REPO), *args], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 2, done.stderr
        assert "pip install 'roadmap-gen[pdf]'" in done.stderr and "Traceback" not in done.stderr
        assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "s").exists()


def test_require_weasyprint_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(UsageError) as caught:
        pdf.require_weasyprint()
    assert caught.value.exit_code == 2 and "roadmap-gen[pdf]" in str(caught.value)
