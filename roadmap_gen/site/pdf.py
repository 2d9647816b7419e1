"""The board pack as a PDF: the built site's report page, printed by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'roadmap-gen[pdf]'``); without it, asking for a PDF is
a usage error that says how to install it. What it may read is confined to the built site
(:class:`SiteFetcher`): a file inside the site folder, found there after every link is resolved,
or data written into the page (``data:`` URLs). Nothing from another server, nothing from
elsewhere on the disk, nothing through a link that leads out; fonts are those the site ships and
the system's own. Same inputs, fonts and build time, same bytes: the PDF's creation and modification
dates are the build time the command line passes (``SOURCE_DATE_EPOCH``), and the page links nowhere
(a link would carry the temporary folder's path into the file).

WeasyPrint draws inline SVG with the SVG's own ``<style>`` only, and reads no custom properties
there: the page's style sheets do not reach inside a chart. So each chart of the report page gets the
chart rules as a ``<style>`` of its own (:func:`svg_print_css`), in the copy of the page that is
printed (the site's page is not changed), coloured with the print palette the site's style sheets
declare: the ``--rg-*`` properties on ``.rg-chart`` under ``@media print`` in the built site's
``site_config`` CSS (a project's own ``site_config/extra.css`` recolours its PDF too), over the
packaged ``extra.css``'s.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import unescape
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import BuildError, InputError, ProjectError, UsageError
from roadmap_gen.core.resources import default_site_config_dir
from roadmap_gen.core.safe_write import write_file, write_output
from roadmap_gen.pages import paths, render_site
from roadmap_gen.pipeline import Planned
from roadmap_gen.site.config import project_settings
from roadmap_gen.site.engines import run_mkdocs
from roadmap_gen.site.staging import staging_files, sync_tree
from roadmap_gen.site.userpages import clean_built_page
from roadmap_gen.workspace.workspace import Workspace

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")
INSTALL_HINT = ("the PDF is made by WeasyPrint, an optional part of roadmap-gen: install it with "
                "pip install 'roadmap-gen[pdf]' (with the same pip that installed roadmap-gen)")
SYSTEM_LIBRARIES_HINT = ("WeasyPrint is installed but cannot load the system libraries it draws text with "
                         "(Pango); on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0")
#: The built page the PDF prints (use_directory_urls or not, an index.md is built to index.html).
REPORT_HTML = paths.REPORT[: -len(".md")] + ".html"


def require_weasyprint() -> Any:
    """The weasyprint module, or a usage error (exit 2) saying how to install it."""
    try:
        import weasyprint
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    except OSError as exc:  # its system libraries are missing: cffi cannot open them
        raise UsageError(f"{SYSTEM_LIBRARIES_HINT} ({exc})") from None
    return weasyprint


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    pages: int
    refused: tuple[str, ...] = ()  # what the page asked for from outside the site, refused


# --- what WeasyPrint may read ------------------------------------------------------------


def _site_file(root: Path, url: str) -> Path | None:
    """The file a ``file:`` URL names, when it is a regular file inside *root* with every link resolved."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if path != root and root not in path.parents:
        return None
    return path if path.is_file() else None


def _fetcher_class(weasyprint: Any) -> Any:
    urls = weasyprint.urls

    class SiteFetcher(urls.URLFetcher):  # type: ignore[name-defined]
        """Reads files inside the built site and data: URLs; refuses everything else, and says what."""

        def __init__(self, root: Path) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.root = root.resolve()
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)  # decoded here, from the page itself
            path = _site_file(self.root, url)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"refused: {url} is not a file of the built site")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": kind})

    return SiteFetcher


# --- the charts' print palette -------------------------------------------------------------

#: Where the site's theme style sheets are (site/config.py puts site_config/ there).
SITE_CSS = "assets/site_config"
#: The palette's names (``--rg-NAME``) the chart rules use.
PALETTE = ("fg", "fg-light", "fg-lighter", "fg-lightest", "bg", "primary", "on-primary", "hatch", "color-now",
           "color-target", "color-projected", "color-over", *(f"dim-{i}" for i in range(8)))
#: Which palette colour each data series is drawn in.
_SERIES = {"rg-now": "color-now", "rg-target": "color-target", "rg-projected": "color-projected",
           **{f"rg-dim-{i}": f"dim-{i}" for i in range(8)}}
_HEAT = (0.06, 0.2, 0.36, 0.54, 0.76, 1)
_MEDIA_PRINT = re.compile(r"@media\s+print\s*\{")
_CHART_RULE = re.compile(r"[{;}]\s*\.rg-chart\s*\{([^{}]*)\}")  # a rule for .rg-chart alone
_PROPERTY = re.compile(r"--rg-([a-z0-9-]+)\s*:\s*([^;{}]+?)\s*(?:;|$)")
#: A colour that goes into a <style> as it is: a hex colour, rgb()/rgba() of numbers, or a colour's name.
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|rgba?\(\s*[0-9.%]+(?:\s*[, ]\s*[0-9.%]+){2,3}\s*\)|[a-zA-Z]{3,20}")


def print_palette(css: str) -> dict[str, str]:
    """The print palette *css* declares: each ``--rg-NAME: colour`` on ``.rg-chart`` inside ``@media
    print``, the last one winning, as a browser reads it. A value that is not a plain colour (a var(),
    a color-mix(), anything else) is left out, so it never reaches the PDF's style."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: dict[str, str] = {}
    for media in _MEDIA_PRINT.finditer(css):
        depth, end = 1, media.end()
        while end < len(css) and depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        for rule in _CHART_RULE.finditer(css, media.end() - 1, end):
            for name, value in _PROPERTY.findall(rule.group(1)):
                if name in PALETTE and _COLOUR.fullmatch(value):
                    out[name] = value
    return out


def site_palette(site_dir: Path) -> dict[str, str]:
    """The print palette of the built site in *site_dir*: the packaged extra.css's, with what the site's
    own ``site_config`` style sheets declare over it, in the order the site loads them."""
    palette = print_palette((default_site_config_dir() / "extra.css").read_text("utf-8"))
    folder = site_dir / SITE_CSS
    for sheet in sorted(folder.rglob("*.css")) if folder.is_dir() else []:
        if sheet.is_file() and not sheet.is_symlink():
            palette.update(print_palette(sheet.read_text("utf-8", errors="replace")))
    return palette


def svg_print_css(palette: Mapping[str, str]) -> str:
    """The chart rules of extra.css in *palette*'s colours (names missing from it print black on white),
    as plain rules WeasyPrint's SVG drawing reads."""
    p = {name: palette.get(name, "#fff" if name in ("bg", "on-primary") else "#000") for name in PALETTE}
    rules = [
        f"text{{fill:{p['fg']}}}",
        f".rg-small{{font-size:10.5px;fill:{p['fg-light']}}}",
        f".rg-note{{fill:{p['fg-light']};font-style:italic}}",
        ".rg-group,.rg-title-text{font-weight:700}",
        f".rg-axis,.rg-axis path{{stroke:{p['fg-light']};stroke-width:1;fill:none}}",
        f".rg-grid,.rg-grid path,.rg-grid polygon{{stroke:{p['fg-lighter']};stroke-width:.75;fill:none}}",
        f".rg-band{{fill:{p['fg-lightest']};stroke:none}}",
        f".rg-label{{fill:{p['fg']}}}",
        f".rg-line{{fill:none;stroke:{p['fg']};stroke-width:2;stroke-linejoin:round}}",
        f".rg-area{{fill:{p['fg']};fill-opacity:.05;stroke:{p['fg']};stroke-width:2;stroke-linejoin:round}}",
        f".rg-marker{{fill:{p['fg']};stroke:{p['bg']};stroke-width:1}}",
        f".rg-marker.rg-hollow{{fill:{p['bg']};stroke:{p['fg']};stroke-width:2}}",
        f".rg-marker.rg-stroke-marker{{fill:none;stroke:{p['fg']};stroke-width:2}}",
        f".rg-bar{{fill:{p['fg']};fill-opacity:1;stroke:#000;stroke-width:1}}",
        f".rg-item{{fill:{p['fg']};fill-opacity:.15;stroke:#000;stroke-width:1.25}}",
        f".rg-box{{fill:{p['fg']};stroke:#000;stroke-width:.75}}",
        ".rg-hatch{stroke:none}",
        f".rg-hatch-line{{stroke:{p['hatch']};stroke-width:.9;fill:none}}",
        f".rg-hatch-dot{{fill:{p['hatch']};stroke:none}}",
        f".rg-capacity{{fill:none;stroke:{p['fg']};stroke-width:2.5}}",
        f".rg-over{{fill:{p['color-over']};font-weight:700}}",
        f".rg-over-outline{{fill:none;stroke:{p['color-over']};stroke-width:2}}",
        f".rg-heat-na{{fill:{p['bg']};stroke:#000;stroke-width:1;stroke-dasharray:2 2}}",
        ".rg-cells text{font-size:11px}",
        f".rg-heat-4+text,.rg-heat-5+text{{fill:{p['on-primary']};font-weight:700}}",
        f".rg-heat-na+text{{fill:{p['fg-light']}}}",
    ]
    for level, opacity in enumerate(_HEAT):
        rules.append(f".rg-heat-{level}{{fill:{p['primary']};stroke:none;fill-opacity:{opacity}}}")
    for series, name in _SERIES.items():
        colour = p[name]
        for shape in ("rg-line", "rg-area", "rg-marker.rg-stroke-marker", "rg-marker.rg-hollow"):
            rules.append(f".{series} .{shape},.{shape}.{series}{{stroke:{colour}}}")
        for shape in ("rg-area", "rg-marker", "rg-bar", "rg-item", "rg-box"):
            rules.append(f".{series} .{shape},.{shape}.{series}{{fill:{colour}}}")
    rules.append(".rg-target .rg-bar{fill:#fff}.rg-projected .rg-bar{fill:#9a9a9a}")  # as extra.css prints them
    return "".join(rules)


_CHART_OPEN = re.compile(r'(<svg\b[^>]*\bclass="rg-chart"[^>]*>)')


def with_print_palette(html: str, palette: Mapping[str, str]) -> str:
    """*html* with every chart given the chart rules in *palette*'s colours as a ``<style>`` of its own."""
    style = f"<style>{svg_print_css(palette)}</style>"
    return _CHART_OPEN.sub(lambda m: m.group(1) + style, html)


# --- printing -----------------------------------------------------------------------------


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """WeasyPrint's warnings about the theme's CSS it does not draw (transitions, masks ...) kept off the
    terminal: what matters, a refused fetch, is reported from the fetcher."""
    logger = logging.getLogger(logger_name)
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers = [logging.NullHandler()]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def _w3c(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


_HEADING = re.compile(r"<h[1-6]\b[^>]*?\sid=\"([^\"]+)\"[^>]*>(.*?)</h[1-6]>", re.S | re.I)


def _cut_short(html: str, placed: set[str]) -> str | None:
    """When no printed page holds the page's last heading (of those with an id in *placed*), the text of
    the first heading after the last one printed; else None. One box too tall for a page loses every page
    after it, without a word from WeasyPrint."""
    headings = [(unescape(anchor), text) for anchor, text in _HEADING.findall(html)]
    if not headings or headings[-1][0] in placed:
        return None
    printed = max((at for at, (anchor, _text) in enumerate(headings) if anchor in placed), default=-1)
    return " ".join(unescape(re.sub(r"<[^>]*>", "", headings[printed + 1][1])).replace("\u00b6", "").split())[:80]


def render_pdf(site_dir: Path, built: datetime, paper: Paper = "a4") -> PdfResult:
    """The board pack of the built site in *site_dir* as PDF bytes, dated *built*."""
    weasyprint = require_weasyprint()
    root = site_dir.resolve()
    page = root / REPORT_HTML
    if not page.is_file() or page.is_symlink():
        raise BuildError(f"the built site has no board pack page ({REPORT_HTML}); a project template may have "
                         "removed it")
    html = with_print_palette(page.read_text("utf-8"), site_palette(root))
    fetcher = _fetcher_class(weasyprint)(root)
    size = "A4" if paper == "a4" else "letter"
    with _quiet("weasyprint"), _quiet("fontTools"):
        try:
            document = weasyprint.HTML(string=html, base_url=page.as_uri(), url_fetcher=fetcher).render(
                stylesheets=[weasyprint.CSS(string=f"@page {{ size: {size} }} @page rg-report {{ size: {size} }}")])
            lost = _cut_short(html, {anchor for page in document.pages for anchor in page.anchors})
            if lost is not None:
                raise BuildError(f"the board pack was cut short: nothing from '{lost}' on was printed (WeasyPrint "
                                 "leaves out what follows a box taller than a page that it cannot split, such as a "
                                 "picture or a block a style sheet keeps whole); no PDF was written")
            document.metadata.created = document.metadata.modified = _w3c(built)
            data = document.write_pdf()
        except RecursionError:  # templates are held to a nesting depth; this guards what else could nest
            raise BuildError(f"the board pack's page ({REPORT_HTML}) nests too deeply for WeasyPrint to print; "
                             "no PDF was written") from None
    return PdfResult(bytes(data), len(document.pages), tuple(dict.fromkeys(fetcher.refused)))


def add_to_site(site_dir: Path, built: datetime, paper: Paper = "a4") -> PdfResult:
    """``build --pdf``: the board pack's PDF into the site being built, at ``downloads/report.pdf``."""
    result = render_pdf(site_dir, built, paper)
    write_file(site_dir / paths.PDF_FILE, result.data, base=site_dir, make_folders=True)
    return result


@dataclass(frozen=True)
class ReportOutcome:
    pages: int
    refused: tuple[str, ...] = field(default=())


def report_pdf(workspace: Workspace, planned: Planned, info: BuildInfo, target: Path, built: datetime,
               paper: Paper = "a4") -> ReportOutcome:
    """``report --pdf FILE``: render the pages and build the site into a temporary folder outside the
    project, then print its board pack into *target*. The project's own site is not touched."""
    require_weasyprint()  # before any work
    if planned.plan is None or planned.project is None:
        raise InputError(planned.diagnostics)
    project_dir = workspace.root
    tree = render_site(workspace, planned.project, planned.plan, info)
    _config, files = staging_files(workspace, planned.project, tree, project_settings(workspace))
    temp = Path(tempfile.mkdtemp(prefix="roadmap-gen-report-")).resolve()
    try:
        if project_dir.resolve() in temp.parents:
            raise ProjectError(f"the temporary folder {temp} is inside the project; set TMPDIR to another folder")
        sync_tree(dict(files), temp / "staging")
        run_mkdocs(temp / "staging" / "mkdocs.yml", temp / "site")
        if not workspace.trust:  # what a build publishes (site/build.py): the page printed is cleaned as a built one
            clean_built_page(temp / "site", REPORT_HTML, required=True)
        result = render_pdf(temp / "site", built, paper)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    write_output(project_dir, target, result.data)
    return ReportOutcome(result.pages, result.refused)
