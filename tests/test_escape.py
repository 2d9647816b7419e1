"""Tests for roadmap_gen.core.escape: hostile examples and properties through real Markdown.

The property tests render escaped text with the same Python-Markdown extensions
MkDocs + Material uses here, parse the HTML, and check that only the expected
elements appear and that the visible text is the input after the documented
normalisation (:func:`normalise_text` / :func:`normalise_lines`: control
characters dropped, layout whitespace collapsed, stripped).
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_gen.core.escape import (
    _invisible,
    _probe,
    anchor_id,
    clean,
    html_attr,
    html_text,
    link_target,
    md_cell,
    md_multiline,
    md_text,
    normalise_lines,
    normalise_text,
)

EXTENSIONS = [
    "tables",
    "attr_list",
    "md_in_html",
    "admonition",
    "toc",
    "pymdownx.superfences",
    "pymdownx.details",
]

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "[x](javascript:alert(1))",
    "a | b",
    "line1\nline2",
    "{{ 7*7 }}",
    "{% if %}",
    "*bold* _it_ `code`",
    "# heading",
    "    indented",
    "!!! note",
    "??? note",
    "{: .cls onclick=\"x\" }",
    "&amp;",
    "<!-- c -->",
    "1. first",
    "- item",
    "+ item",
    "> quote",
    "---",
    "===",
    "```python",
    "~~~",
    "[^1]: footnote",
    "[TOC]",
    "a  \nb",
    "<http://example.com>",
    "<a@example.com>",
    "\\*not escaped\\*",
    "&#60;script&#62;",
    ":smile: @user #1",
    "x\x00y\x02z\x03",
    "\u2028line\u2029para\x85nel",
]

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})


class Collector(HTMLParser):
    """Records every element, attribute and anything else that is not plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.other: list[str] = []
        self.cells: list[str] = []
        self.paragraphs: list[str] = []
        self._buf: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag in ("p", "td", "th"):
            self._buf = []
        elif tag == "br" and self._buf is not None:
            self._buf.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "td", "th") and self._buf is not None:
            (self.paragraphs if tag == "p" else self.cells).append("".join(self._buf))
            self._buf = None

    def handle_data(self, data: str) -> None:
        if self._buf is not None:
            self._buf.append(data)
        elif data.strip():
            self.other.append(f"text outside an element: {data!r}")

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"decl {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"pi {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"unknown decl {data!r}")


def parse(out: str) -> Collector:
    collector = Collector()
    collector.feed(out)
    collector.close()
    return collector


def check_paragraph(s: str) -> None:
    out = render(md_text(s))
    doc = parse(out)
    expected = normalise_text(s)
    assert doc.other == [], out
    assert doc.attrs == [], out
    if expected:
        assert doc.tags == ["p"], out
        assert doc.paragraphs == [expected], out
    else:
        assert doc.tags == [], out


def table(cell: str) -> str:
    return f"| {cell} | h |\n| --- | --- |\n| c | {cell} |\n"


def check_cell(s: str) -> None:
    cell = md_cell(s)
    out = render(table(cell))
    doc = parse(out)
    expected = normalise_lines(s)
    assert doc.other == [], out
    assert doc.attrs == [], out
    assert set(doc.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "br"}, out
    assert [t for t in doc.tags if t != "br"] == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"], out
    assert doc.cells == [expected, "h", "c", expected], out


# --- md_text ----------------------------------------------------------------------


@pytest.mark.parametrize("s", HOSTILE)
def test_md_text_hostile_renders_literally(s: str) -> None:
    check_paragraph(s)


@pytest.mark.parametrize("s", HOSTILE)
def test_md_text_output_has_no_markdown_punctuation(s: str) -> None:
    out = md_text(s)
    # Only references, letters, digits, spaces and the safe punctuation remain.
    without_refs = re.sub(r"&(?:#[0-9]+|amp|lt|gt|quot);", "", out)
    assert not set(without_refs) & set("!\"#$&'()*+-.:<=>?@[\\]^_`{|}~\n"), out


def test_md_text_examples() -> None:
    assert md_text("*bold*") == "&#42;bold&#42;"
    assert md_text("<script>") == "&lt;script&gt;"
    assert md_text("a & b") == "a &amp; b"
    assert md_text("  a \n\n  b  ") == "a b"
    assert md_text("") == ""
    assert md_text("\x00") == ""
    assert md_text(3) == "3"
    assert md_text(2.5) == "2&#46;5"
    assert md_text("Ünïcödé 日本 🙂") == "Ünïcödé 日本 🙂"
    assert md_text("a\u00a0b") == "a&#160;b"


def test_md_text_rejects_none() -> None:
    with pytest.raises(TypeError):
        md_text(None)  # type: ignore[arg-type]


def test_md_text_in_heading_and_list_item() -> None:
    out = render("## " + md_text("# x *y* {: #id }"))
    doc = parse(out)
    assert doc.tags == ["h2", "a"]  # the toc permalink
    assert "# x *y* {: #id }" in html.unescape(out)
    out = render("- " + md_text("1. nested *x*"))
    assert parse(out).tags == ["ul", "li"], out
    assert "1. nested *x*" in html.unescape(out)


def test_md_text_as_link_text() -> None:
    href = link_target("page one.md")
    assert href is not None
    out = render(f"[{md_text('a](javascript:alert(1)) [b')}]({href})")
    doc = parse(out)
    assert doc.tags == ["p", "a"]
    assert doc.attrs == [("a", "href", "page%20one.md")]


def test_md_text_inside_admonition_and_md_in_html() -> None:
    out = render("!!! note\n    " + md_text("!!! warning <b>x</b>"))
    assert "<b>" not in out and "&lt;b&gt;" in out
    out = render('<div markdown="1">\n' + md_text("*x* </div><script>") + "\n</div>")
    assert "<script>" not in out and "<em>" not in out


# --- md_cell ---------------------------------------------------------------------


@pytest.mark.parametrize("s", HOSTILE)
def test_md_cell_hostile_renders_literally(s: str) -> None:
    check_cell(s)


def test_md_cell_examples() -> None:
    assert md_cell("a | b") == "a &#124; b"
    assert md_cell("line1\nline2") == "line1<br>line2"
    assert md_cell("a\r\n\r\n  b\n") == "a<br>b"
    assert md_cell("") == ""
    assert md_cell("\n\n") == ""


# --- md_multiline ----------------------------------------------------------------


def test_md_multiline_keeps_paragraphs() -> None:
    text = "First *line*\ncontinues\n\n   \n# Second\n\n\n    code?"
    out = md_multiline(text)
    assert out == "First &#42;line&#42; continues\n\n&#35; Second\n\ncode&#63;"
    doc = parse(render(out))
    assert doc.tags == ["p", "p", "p"]
    assert doc.paragraphs == ["First *line* continues", "# Second", "code?"]
    assert md_multiline("") == ""
    assert md_multiline(" \n \n") == ""


@SETTINGS
@given(st.lists(st.text(), max_size=4))
def test_md_multiline_property(parts: list[str]) -> None:
    out = md_multiline("\n\n".join(parts))
    doc = parse(render(out))
    assert doc.other == [] and doc.attrs == []
    assert set(doc.tags) <= {"p"}
    joined = " ".join(normalise_text(p) for p in doc.paragraphs)
    assert normalise_text(joined) == normalise_text(" ".join(parts))


# --- properties through Markdown -----------------------------------------------

# Text with every kind of character: unicode, controls, Markdown punctuation.
any_text = st.text() | st.text(alphabet=st.sampled_from(list("*_`#[]()<>!{}|:&;\\-+=~.^%\"' \n\t\x00\x0b1aA")))


@SETTINGS
@given(any_text)
def test_md_text_property(s: str) -> None:
    check_paragraph(s)


@SETTINGS
@given(any_text)
def test_md_cell_property(s: str) -> None:
    check_cell(s)


def test_normalisation_definition() -> None:
    assert normalise_text(" a\t\n b\x00c\x1fd\u2028e\x85f\u00a0 ") == "a bc d e f\u00a0"
    assert normalise_lines(" a \n\n b\t c\r\nd\u2028e ") == "a\nb c\nd\ne"


# --- link_target -----------------------------------------------------------------

DANGEROUS = (
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\x00script:alert(1)",
    "\x01javascript:alert(1)",
    "java\u200bscript:alert(1)",
    "\u00a0javascript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/",
    "//evil.example/",
    " //evil.example/",
    "/\\evil.example/",
    "\\\\evil.example\\x",
    "https:\\\\evil.example",
    "http://",
    "",
    "   ",
)


@pytest.mark.parametrize("url", DANGEROUS)
def test_link_target_refuses(url: str) -> None:
    assert link_target(url) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2#d", "https://example.com/a?b=1&c=2#d"),
        ("HTTP://Example.com", "HTTP://Example.com"),
        ("mailto:lead@example.org", "mailto:lead@example.org"),
        ("phases/2026-q3.md", "phases/2026-q3.md"),
        ("../teams/", "../teams/"),
        ("/abs/path/", "/abs/path/"),
        ("#factor-training", "#factor-training"),
        ("?q=1", "?q=1"),
        ("a b(c)<d>\"e'`f|g[h]{i}^", "a%20b%28c%29%3Cd%3E%22e%27%60f%7Cg%5Bh%5D%7Bi%7D%5E"),
        ("docs/Überblick.md", "docs/%C3%9Cberblick.md"),
        ("already%20encoded", "already%20encoded"),
        ("100%", "100%25"),
        ("x&amp;y", "x%26amp;y"),
        ("./a:b", "./a:b"),
        ("  padded.md  ", "padded.md"),
    ],
)
def test_link_target_accepts_and_encodes(url: str, expected: str) -> None:
    assert link_target(url) == expected


def test_link_target_in_markdown_cannot_break_out() -> None:
    href = link_target('x) "y" <z> ](javascript:alert(1))')
    assert href is not None
    out = render(f"[t]({href})")
    doc = parse(out)
    assert doc.tags == ["p", "a"]
    assert [a[1] for a in doc.attrs] == ["href"]
    assert doc.paragraphs == ["t"]


def _looks_dangerous(href: str) -> bool:
    probe = href
    for _ in range(4):
        probe = unquote(html.unescape(probe))
    probe = unicodedata.normalize("NFKC", probe)
    probe = "".join(c for c in probe if not c.isspace() and unicodedata.category(c)[0] != "C").casefold()
    if probe.startswith("//") or "\\" in probe:
        return True
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", probe)
    return bool(match) and match.group(1) not in ("http", "https", "mailto")


scheme_text = st.builds(
    lambda pre, scheme, sep, rest: pre + scheme + sep + rest,
    st.sampled_from(["", " ", "\t", "\x00", "\u200b", "&#0;", "%20", "/", "//", "\\"]),
    st.sampled_from(["javascript", "JaVaScRiPt", "java\tscript", "java&#115;cript", "jav%61script", "data", "vbscript",
                     "file", "http", "https", "mailto", "ｊavascript", "java\u00adscript"]),
    st.sampled_from([":", "&colon;", "%3A", "&#58;", "&#x3a;", " :", "\t:"]),
    st.text(),
)


@SETTINGS
@given(st.one_of(st.text(), scheme_text))
def test_link_target_never_dangerous(url: str) -> None:
    href = link_target(url)
    if href is None:
        return
    assert not _looks_dangerous(href), href
    assert not set(href) & set(" \t\n()<>\"'`[]{}|\\^"), href
    assert link_target(href) == href  # idempotent
    out = render(f"[t]({href})")
    doc = parse(out)
    assert doc.tags == ["p", "a"], out
    assert doc.paragraphs == ["t"], out


# --- html_text / html_attr -------------------------------------------------------


def test_html_text_and_attr() -> None:
    assert html_text("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
    assert html_attr("\" onload=\"x") == "&quot; onload=&quot;x"
    assert html_text("a\n\nb") == "a&#10;&#10;b"
    assert html_attr("a\tb") == "a&#9;b"
    assert html_text("x\x00\x1b\ufffey") == "xy"
    assert html_text("a\x0cb\x85c\x1fd") == "a&#10;b&#10;c d"


@SETTINGS
@given(st.text())
def test_html_escapes_are_valid_xml(s: str) -> None:
    import xml.etree.ElementTree as ET

    elem = ET.fromstring(f'<t a="{html_attr(s)}" b=\'{html_attr(s)}\'>{html_text(s)}</t>')
    expected = clean(s)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", expected)
    assert (elem.text or "") == expected
    assert elem.get("a") == expected == elem.get("b")
    assert "\n" not in html_text(s) and "\n" not in html_attr(s)


# --- anchor_id -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Training & awareness", "training-awareness"),
        ("Überblick", "uberblick"),
        ("2026-Q3", "2026-q3"),
        ("  --a--b--  ", "a-b"),
        ("<script>", "script"),
    ],
)
def test_anchor_id_examples(value: str, expected: str) -> None:
    assert anchor_id(value) == expected


def test_anchor_id_never_empty_and_bounded() -> None:
    assert re.fullmatch(r"id-[0-9a-f]{8}", anchor_id(""))
    assert anchor_id("日本") != anchor_id("中国")
    long = anchor_id("x" * 500)
    assert len(long) <= 80 and long != anchor_id("x" * 499)


@SETTINGS
@given(st.text())
def test_anchor_id_property(s: str) -> None:
    out = anchor_id(s)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", out)
    assert len(out) <= 80
    assert anchor_id(s) == out
    assert anchor_id(out) == out


@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127)), scheme_text))
def test_the_probe_of_a_link_takes_its_short_way_only_where_it_changes_nothing(text: str) -> None:
    general = unicodedata.normalize("NFKC", "".join(c for c in text if not _invisible(c))).casefold()
    assert _probe(text) == general
