"""Unit tests of issue 20's checks: what a browser fetches (markdown/fetches.py), extension options
(markdown/extension_options.py) and safe ids (site/userpages.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_gen.markdown.extension_options import option_problem
from roadmap_gen.markdown.fetches import css_fetches, html_fetches, html_scripts, is_external
from roadmap_gen.site.userpages import safe_id

HTML_CASES = [
    ('<img src="ht&#9;tp://a.example/x">', "ht\ttp://a.example/x"),
    ("<img/src=//b.example/x>", "//b.example/x"),
    ("<IMG SRC=http://c.example/x>", "http://c.example/x"),
    ('<img srcset="a.png 1x, https://d.example/b.png 2x">', "https://d.example/b.png"),
    ('<video poster="https://e.example/p.png"></video>', "https://e.example/p.png"),
    ('<object data="//f.example/o"></object>', "//f.example/o"),
    ('<table><tr><td style="background:url(//g.example/a)">a</td></tr></table>', "//g.example/a"),
    ('<p style="background:\\75 rl(http://h.example/5)">x</p>', "http://h.example/5"),
    ('<style>@import"http://i.example/a.css";</style>', "http://i.example/a.css"),
    ('<svg><feImage href="//j.example/q"/></svg>', "//j.example/q"),
    ('<link rel="stylesheet" href="https://k.example/s.css">', "https://k.example/s.css"),
    ('<img src="\\\\l.example/x">', "\\\\l.example/x"),
]


@pytest.mark.parametrize("html, url", HTML_CASES)
def test_html_fetches_as_a_browser_reads_them(html: str, url: str) -> None:
    assert url in [f.url for f in html_fetches(html)]


def test_links_and_local_files_are_not_fetches() -> None:
    html = ('<a href="https://example.org/">out</a><img src="img/a.png"><img src="#x"><img src="mailto:a@b">'
            '<p style="color: red">x</p><code>&lt;img src="https://in-code.example/x"&gt;</code>')
    assert html_fetches(html) == []


def test_a_mermaid_class_is_a_fetch() -> None:
    assert [f.url for f in html_fetches('<div class="x mermaid">g</div>')] == ["mermaid"]


def test_scripts_are_found() -> None:
    found = html_scripts('<img src=x onerror=alert(1)><script>1</script><a href="java&#9;script:alert(1)">x</a>')
    assert found == ["onerror= on <img>", "<script>", "a javascript: address"]


CSS_CASES = [
    (b'@import"http://a.example/x.css";', "http://a.example/x.css", 1),
    (b'html{background:image-set("http://b.example/x.png" 1x)}', "http://b.example/x.png", 1),
    (b'\n.b{background:url("\\2f\\2f c.example/y")}', "//c.example/y", 2),
    (b".c{background:\\75 rl(http://d.example/z)}", "http://d.example/z", 1),
    ('.d{background:url(http://e.example/u16)}'.encode("utf-16"), "http://e.example/u16", 1),
    (b"@font-face{src:url(//f.example/f.woff2)}", "//f.example/f.woff2", 1),
]


@pytest.mark.parametrize("css, url, line", CSS_CASES)
def test_css_fetches_as_a_browser_reads_them(css: bytes, url: str, line: int) -> None:
    found = css_fetches(css)
    assert [(f.url, f.line) for f in found] == [(url, line)]


def test_is_external() -> None:
    assert all(is_external(u) for u in ("https://x", "//x", " http://x", "ht\ttp://x", "\\\\x/y", "HTTPS://X"))
    assert not any(is_external(u) for u in ("x.png", "/x.png", "#top", "mailto:a@b", "data:image/png,x", ""))


OPTION_CASES = [
    ("smarty", "substitutions", {"right-single-quote": "&rsquo;"}, None),
    ("smarty", "substitutions", {"right-single-quote": "<img src=y onerror=alert(1)>"}, "plain text"),
    ("smarty", "substitutions", {"nope": "x"}, "not one of"),
    ("pymdownx.highlight", "css_class", "highlight", None),
    ("pymdownx.highlight", "css_class", "mermaid", "mermaid"),
    ("pymdownx.superfences", "css_class", "x Mermaid-ish", "mermaid"),
    ("toc", "permalink", True, None),
    ("toc", "permalink", "#", None),
    ("toc", "slugify", "x", "not one"),
    ("toc", "baselevel", "1", "whole number"),
    ("markdown.extensions.toc", "toc_depth", "2-4", None),
    ("footnotes", "BACKLINK_TEXT", "&#8617;", None),
    ("footnotes", "BACKLINK_TEXT", "<b>x</b>", "plain text"),
    ("extra", "footnotes", {}, "none"),
]


@pytest.mark.parametrize("extension, option, value, problem", OPTION_CASES)
def test_extension_options(extension: str, option: str, value: object, problem: str | None) -> None:
    found = option_problem(extension, option, value)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


@given(st.text(max_size=40))
def test_every_safe_id_is_a_word_off_the_themes_names(value: str) -> None:
    safe = safe_id(value)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", safe)
    assert not safe.startswith("__") or re.fullmatch(r"__(tabbed|codelineno|span)[-_][0-9_-]+", safe)
    assert safe_id(safe) == safe  # once safe, unchanged


def test_safe_ids_keep_what_extensions_number() -> None:
    assert [safe_id(v) for v in ("__tabbed_1_2", "__codelineno-0-3", "__config", "fn:1", "ok")] == [
        "__tabbed_1_2", "__codelineno-0-3", "id__config", "fn-1", "ok"]
