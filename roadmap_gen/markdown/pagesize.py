"""Limits on a hand-written page's size, so that Python-Markdown's worst cases cannot be reached.

Python-Markdown's inline patterns rescan the rest of a paragraph at each candidate: a paragraph of
``[a](`` repeated, or of ``*a_``, costs time that grows with the square of its length (300,000
``*a_`` took four minutes), runs of emphasis markers and deeply nested ``<div markdown>`` recurse
until Python's limit, and the site engine stops with a traceback. A page is therefore refused, at
its place, before anything converts it, when:

- it is larger than :data:`MAX_PAGE_BYTES`;
- one inline run (the text Markdown treats as one inline span: a paragraph, a list item, a table
  row, a heading; fenced code does not count) is longer than :data:`MAX_INLINE_RUN` characters;
- its HTML elements nest deeper than :data:`MAX_HTML_DEPTH`.

The cost of a page is then at most about the page's size times the run's, a few seconds at worst.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error

MAX_PAGE_BYTES = 150_000
MAX_INLINE_RUN = 2_500
MAX_HTML_DEPTH = 100

_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}\.)[ \t]")
_HEADING = re.compile(r"#{1,6}[ \t]")
_TABLE_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_SELF_ENDING = frozenset("p li dt dd tr td th option".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def check_page_size(text: str, label: str) -> list[Diagnostic]:
    """Located errors for a page too large for the Markdown converter (none when it is fine)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_PAGE_BYTES:
        return [error(Loc(label, 1, 1), "page-too-large",
                      f"the page is {size:,} bytes; a hand-written page may be up to {MAX_PAGE_BYTES:,}",
                      "split it into several pages")]
    found = _long_run(text, label)
    return [found] if found is not None else _too_deep(text, label)


def _long_run(text: str, label: str) -> Diagnostic | None:
    """The first inline run longer than the limit. Blocks are separated by blank lines, as Markdown
    separates them; a block that starts as a list splits at each item, a table (a delimiter row under
    its first line) at each row, any block at a heading line; any other block is one paragraph, however
    many of its lines look like list items or rows (Markdown joins them)."""
    lines = text.splitlines()
    fence, kind = "", ""
    start, length = 0, 0
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence, kind = opened.group(1), ""
            continue
        if not line.strip():
            kind = ""
            continue
        if not kind:
            below = lines[index + 1] if index + 1 < len(lines) else ""
            kind = ("list" if _LIST_ITEM.match(line) else
                    "table" if "|" in line and "-" in below and _TABLE_DELIMITER.fullmatch(below) else "paragraph")
            start, length = index + 1, 0
        elif kind == "table" or (kind == "list" and _LIST_ITEM.match(line)) or _HEADING.match(line):
            start, length = index + 1, 0
        length += len(line) + 1
        if length > MAX_INLINE_RUN:
            return error(Loc(label, start, 1), "page-too-large",
                         f"this paragraph (or list item, table row) is more than {MAX_INLINE_RUN:,} characters "
                         "long", "break it into shorter paragraphs, with a blank line between them")
    return None


class HtmlDepth(HTMLParser):
    """Follows how deep HTML elements nest, fed in pieces; :attr:`deepest_at` is the (line, column from
    0) where they first nest deeper than MAX_HTML_DEPTH, else None. WeasyPrint (the board pack's PDF)
    and Python-Markdown's ``md_in_html`` recurse once per level, and stop at Python's recursion limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.deepest_at: tuple[int, int] | None = None
        self._waiting: list[str] = []

    def feed(self, data: str) -> None:
        text = str(data)  # plain text: a Markup chunk would escape the text the parser keeps
        # A piece with neither '<' nor '>' can neither open nor end a tag: it waits, and goes to the parser
        # with the next piece that can (the parser sees the same text, so finds the same depth at the same
        # place, and a page is fed in a few calls instead of one per printed value).
        if "<" not in text and ">" not in text:
            self._waiting.append(text)
            return
        if self._waiting:
            self._waiting.append(text)
            text = "".join(self._waiting)
            self._waiting.clear()
        super().feed(text)

    def close(self) -> None:
        if self._waiting:
            super().feed("".join(self._waiting))
            self._waiting.clear()
        super().close()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _VOID or self.deepest_at is not None:
            return
        if tag in _SELF_ENDING and self.open and self.open[-1] == tag:
            self.open.pop()  # <li><li>, <p><p>: the first ends where the next begins
        self.open.append(tag)
        if len(self.open) > MAX_HTML_DEPTH:
            self.deepest_at = self.getpos()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def _too_deep(text: str, label: str) -> list[Diagnostic]:
    if "<" not in text:
        return []
    parser = HtmlDepth()
    parser.feed(text)
    parser.close()
    if parser.deepest_at is None:
        return []
    line, col = parser.deepest_at
    return [error(Loc(label, line, col + 1), "page-too-large",
                  f"HTML elements nest more than {MAX_HTML_DEPTH} deep here", "nest fewer elements")]


__all__ = ["HtmlDepth", "MAX_HTML_DEPTH", "MAX_INLINE_RUN", "MAX_PAGE_BYTES", "check_page_size"]
