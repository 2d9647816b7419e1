"""Python-Markdown's inline step without the searches that cannot match (markdown/quickinline.py):
the very HTML Python-Markdown makes, for generated pages, hostile text, any text, and a build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import InlineProcessor as Pattern
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.treeprocessors import InlineProcessor

from example_project import copy_example
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.markdown import quickinline
from roadmap_gen.markdown.quickinline import QuickInlineExtension, needles
from roadmap_gen.markdown.setup import DEFAULT_SETUP, page_html
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site.build import build_site

GOLDEN = Path(__file__).parent / "golden"
NAMES, CONFIGS = DEFAULT_SETUP

#: Every inline pattern at work, and the ways around them (escapes, code, raw HTML, nesting).
SAMPLES = [
    "plain text, 3 → 4, Mei Tanaka",
    "`code [x](y) *a*` and ``double ` tick`` and \\`escaped\\` and \\\\`code after backslashes`",
    "\\[not a link\\] \\*not em\\* \\_ \\& \\< \\\\ end",
    "[link](../a.md) [ref][r] [r] ![img](i.png \"t\") ![ref img][r] ![r] [a [nested] one](x.md#y)\n\n[r]: /r.md",
    "<https://example.org/a?b=c&d> <me@example.org> <span class=\"x\">html</span> <!-- c --> <?pi?> <![CDATA[x]]>",
    "&amp; &#45; &#x2d; &copy; & alone; a&b",
    "line one  \nline two\\\nthree",
    "*em* **strong** ***both*** _em_ __strong__ snake_case_word 2*3*4 * alone * _a *b* c_ **a _b_ c**",
    "| a | b |\n| --- | ---: |\n| [x](x.md) &#45; `c|d` | *e* \\| f |\n",
    "!!! note \"Title *em*\"\n    Body [l](l.md) **b**\n\n??? tip\n    x & y\n",
    "<div markdown>\n*inside* [l](l.md)\n</div>\n\n# Heading *em* {: #h }\n\ntext {: .c }",
    "a <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ 7*7 }} {% raw %}",
    "```\n*not em* [x](y)\n```\n\n    indented *code*\n\n* item *em*\n* item [l](l.md)",
]


def convert(text: str, *, quick: bool, extra: list[Any] | None = None) -> str:
    extensions: list[Any] = [*NAMES, *(extra or [])] + ([QuickInlineExtension()] if quick else [])
    return markdown.Markdown(extensions=extensions, extension_configs=dict(CONFIGS)).convert(text)


def test_the_same_html_for_every_pattern() -> None:
    for text in SAMPLES:
        assert convert(text, quick=True) == convert(text, quick=False), text


def test_the_same_html_for_every_generated_page() -> None:
    pages = sorted(GOLDEN.rglob("*.md"))
    assert len(pages) > 100  # the example's, the application-security example's, the reports'
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert convert(text, quick=True) == convert(text, quick=False), page


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab _*`\\[]()!<>&#;:/@|\n-{}.\"'x1", max_size=80))
def test_the_same_html_for_any_text(text: str) -> None:
    assert convert(text, quick=True) == convert(text, quick=False)


def test_every_pattern_python_markdown_registers_is_known() -> None:
    """Every default pattern is skipped where it cannot match. A Python-Markdown release that changes a
    pattern's expression turns this red (the pages stay right, only slower): copy the new expression
    into quickinline._NEEDS once its needles are checked."""
    md = markdown.Markdown(extensions=list(NAMES), extension_configs=dict(CONFIGS))
    unknown = [name for name in md.inlinePatterns._priority if needles(md.inlinePatterns[name.name]) is None]
    assert unknown == []


def test_a_pattern_it_does_not_know_is_always_tried() -> None:
    class Mark(Pattern):
        def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int, int]:
            element = etree.Element("mark")
            element.text = m.group(1)
            return element, m.start(0), m.end(0)

    class Angle(LinkInlineProcessor):  # a known class searching with an expression of its own
        pass

    class Extras(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
            md.inlinePatterns.register(Mark(r"%%(.+?)%%"), "mark", 175)
            md.inlinePatterns.register(Angle(r"\{\{", md), "angle", 174)

    assert needles(Mark(r"%%(.+?)%%")) is None
    assert needles(LinkInlineProcessor(r"\{\{", markdown.Markdown())) is None
    text = "a %%marked%% b and %%[link](x.md)%% {{ [l](l.md) }}"
    html = convert(text, quick=True, extra=[Extras()])
    assert html == convert(text, quick=False, extra=[Extras()])
    assert "<mark>marked</mark>" in html


def test_another_extensions_inline_processor_stays() -> None:
    class Theirs(InlineProcessor):
        pass

    class Own(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
            md.treeprocessors.register(Theirs(md), "inline", 20)

    md = markdown.Markdown(extensions=[*NAMES, Own(), QuickInlineExtension()], extension_configs=dict(CONFIGS))
    assert type(md.treeprocessors["inline"]) is Theirs
    ours = markdown.Markdown(extensions=[*NAMES, QuickInlineExtension()], extension_configs=dict(CONFIGS))
    stock = markdown.Markdown(extensions=list(NAMES), extension_configs=dict(CONFIGS))
    assert type(ours.treeprocessors["inline"]).__name__ == "_QuickInline"

    def order(md: markdown.Markdown) -> list[str]:
        return [item.name for item in sorted(md.treeprocessors._priority, key=lambda item: -item.priority)]

    assert order(ours) == order(stock)


def test_page_html_converts_with_it() -> None:
    text = SAMPLES[3]
    assert page_html(text, DEFAULT_SETUP) == convert(text, quick=False)


def test_the_built_site_is_the_same_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' build converts with it (site/engines.py): the example site, byte for byte as without."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    project = copy_example(tmp_path / "project")
    planned = plan_project(project)
    info = BuildInfo(built="2026-09-21 14:13 UTC")
    used: list[int] = []
    real = QuickInlineExtension.extendMarkdown

    def counted(self: QuickInlineExtension, md: markdown.Markdown) -> None:
        used.append(1)
        real(self, md)

    monkeypatch.setattr(QuickInlineExtension, "extendMarkdown", counted)
    build_site(project, planned, tmp_path / "quick", info, workers=1)
    assert len(used) > 40  # every page of the example
    monkeypatch.setattr(QuickInlineExtension, "extendMarkdown", lambda self, md: None)
    build_site(project, planned, tmp_path / "stock", info, workers=1)

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(tmp_path / "quick") == files(tmp_path / "stock")


def test_skipping_is_only_for_python_markdowns_own_classes() -> None:
    assert quickinline._NEEDS  # the table the module trusts
    for (kind, _expression), found in quickinline._NEEDS.items():
        assert getattr(markdown.inlinepatterns, kind, None) is not None, kind
        assert found and all(found)
