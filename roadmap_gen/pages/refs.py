"""A reference to something shown on the site: its title and, if it has one, its page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A title and, when it has a page, the docs-relative path of that page (maybe with ``#anchor``)."""

    title: str
    path: str | None = None
