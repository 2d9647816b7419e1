"""A Markdown extension the generator adds to an untrusted project's site: every id is safe.

Python-Markdown takes ids from the page (``{: #x }``, ``{: id='...' }``) and makes others
(headings, footnotes); the theme prints the table of contents' ids into the page's sidebar
without escaping them, and reads its own settings from ``#__config``. So after the table of
contents is made (``toc`` runs before it, at the same priority), every ``id``, ``for`` and ``name``
becomes :func:`~roadmap_gen.site.userpages.safe_id` of itself, and every ``#fragment`` link and
table-of-contents entry follows it, so links inside the page keep working (``#fn:1`` is
``#fn-1`` on both ends).
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from roadmap_gen.site.userpages import safe_id

NAME = "roadmap_gen.site.idguard"


class _SafeIds(Treeprocessor):
    def run(self, root: Any) -> None:
        for element in root.iter():
            for attribute in ("id", "for", "name"):
                value = element.get(attribute)
                if value is not None:
                    element.set(attribute, safe_id(value))
            href = element.get("href")
            if isinstance(href, str) and href.startswith("#") and len(href) > 1:
                element.set("href", "#" + safe_id(href[1:]))
        _safe_tokens(getattr(self.md, "toc_tokens", []))


def _safe_tokens(tokens: list[dict[str, Any]]) -> None:
    for token in tokens:
        if isinstance(token.get("id"), str):
            token["id"] = safe_id(token["id"])
        _safe_tokens(token.get("children") or [])


class SafeIdsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Priority 5, as toc and MkDocs' anchor collector: after toc (listed before this extension) and
        # before the collector (registered after every extension), so MkDocs checks links to the safe ids.
        md.treeprocessors.register(_SafeIds(md), "roadmap_gen_safe_ids", 5)


def makeExtension(**kwargs: Any) -> SafeIdsExtension:  # noqa: N802 - Python-Markdown's name
    return SafeIdsExtension(**kwargs)
