"""Python-Markdown's inline step without the searches that cannot match: the same HTML, sooner.

Python-Markdown turns the text of each element (a paragraph, a table cell, a list item) into
links, code, emphasis and entities by trying each of its inline patterns in turn, a regular
expression search each. Every pattern it registers by default needs a character or two to match at
all (a link ``[``, inline code a backtick, an entity ``&``, emphasis ``*`` or ``_``); most of a
generated page's texts (a level, a date, a person's name) hold none of them, so most searches find
nothing. At 1,000 teams the team pages' table cells made this the largest part of a build.

:class:`QuickInlineExtension` puts :class:`_QuickInline` in the place of Python-Markdown's own inline
processor. It looks for a pattern's characters in the text first and tries the pattern only when one
is there; a pattern it skips is one whose search would have found nothing, so what Python-Markdown
does next is the same (the next pattern, from the start of the text). Only patterns it knows are
skipped: a pattern of Python-Markdown's own class searching with the very expression written here
(a later Python-Markdown that changes one is searched as before); any other pattern (a trusted
project's extension) is always tried. It stands in only for Python-Markdown's own inline processor,
never for another extension's.

MkDocs' build adds it to the extensions of the staged ``mkdocs.yml`` in its own process
(site/engines.py), which does not name it, so other engines never see it; the checks that convert
a page themselves (markdown/setup.py, site/check.py) add it too.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown, inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

_LINK = r"(?<!\!)\["
_IMAGE = r"\!\["
_TAG = "<"

#: (class name in markdown.inlinepatterns, the expression it searches with) -> what the text must hold
#: for it to match: one of these strings. The expressions are Python-Markdown 3.11's, copied here so
#: that a release that changes one turns the skipping off for that pattern instead of trusting it.
_NEEDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("BacktickInlineProcessor", r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"): ("`",),
    ("EscapeInlineProcessor", r"\\(.)"): ("\\",),
    ("ReferenceInlineProcessor", _LINK): ("[",),
    ("LinkInlineProcessor", _LINK): ("[",),
    ("ShortReferenceInlineProcessor", _LINK): ("[",),
    ("ImageInlineProcessor", _IMAGE): ("![",),
    ("ImageReferenceInlineProcessor", _IMAGE): ("![",),
    ("ShortImageReferenceInlineProcessor", _IMAGE): ("![",),
    ("AutolinkInlineProcessor", r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>"): (_TAG,),
    ("AutomailInlineProcessor", r"<([^<> !]+@[^@<> ]+)>"): (_TAG,),
    ("SubstituteTagInlineProcessor", r"  \n"): ("  \n",),
    ("HtmlInlineProcessor", r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"): ("&",),
    ("HtmlInlineProcessor", (
        r'''(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|'''
        r"!--(?:(?!<!--|-->).)*--|"
        r"[?](?:(?!<[?]|[?]>).)*[?]|"
        r"!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\]"
        ")>)")): (_TAG,),
}


def needles(pattern: Any) -> tuple[str, ...] | None:
    """What a text must hold (one of these) for *pattern* to match in it; None: unknown, always try it."""
    kind = type(pattern)
    if getattr(inlinepatterns, kind.__name__, None) is not kind:
        return None  # not Python-Markdown's own class
    try:
        expression = pattern.getCompiledRegExp().pattern
    except Exception:  # noqa: BLE001 - a pattern we cannot read is one we do not skip
        return None
    if kind.__name__ == "DelimiterProcessor":
        # Emphasis and strong: a search for any of its delimiters (``*``, ``_``), each escaped, or-ed.
        tokens = [token for token in getattr(pattern, "tokens", ()) if isinstance(token, str) and token]
        return tuple(tokens) if tokens and expression == "|".join(re.escape(t) for t in tokens) else None
    return _NEEDS.get((kind.__name__, expression))


class _QuickInline(InlineProcessor):
    """Python-Markdown's InlineProcessor, its patterns tried only where they can match (see the module)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self._patterns: list[Any] = []
        self._needles: list[tuple[str, ...] | None] = []

    def _take_patterns(self) -> None:
        """The patterns as registered now, in their order (what indexing the registry gives), and their needles."""
        self._patterns = list(self.inlinePatterns)
        self._needles = [needles(pattern) for pattern in self._patterns]

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._take_patterns()
        return super().run(tree, ancestors)

    # Python-Markdown's private __handleInline (its name mangled), which its run and its pattern
    # matching call: the same loop, a pattern that cannot match passed over as one that did not.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N803
        if isinstance(data, util.AtomicString):
            return data
        if len(self._patterns) != len(self.inlinePatterns):  # called outside run: as Python-Markdown does
            self._take_patterns()
        patterns, wanted, apply = self._patterns, self._needles, self._InlineProcessor__applyPattern
        count = len(patterns)
        start = 0
        while patternIndex < count:
            found = wanted[patternIndex]
            if found is not None:
                for needle in found:
                    if needle in data:
                        break
                else:  # none there: the search would find nothing
                    patternIndex += 1
                    start = 0
                    continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class QuickInlineExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # In the place of Python-Markdown's own inline processor only (another extension's stays).
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            md.treeprocessors.register(_QuickInline(md), "inline", 20)


__all__ = ["QuickInlineExtension", "needles"]
