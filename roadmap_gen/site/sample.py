"""Which pages ``validate`` renders: enough pages of each template to meet every kind of value it reads.

A site of 1,000 teams has 1,000 team pages made by one template from data of one shape; rendering
them all finds little that rendering a few well-chosen ones does not, and took most of
``validate``'s time. A page's *features* are what a template can branch on without reading the
text itself: at each place in its data (``team.factors[].owner``: a field, through any item of a
list), the type of the value there, whether it is None, empty or not, true or false, a number's
sign. :func:`representatives` keeps, for each template, every page that has a feature no page kept
before it has (so each value a template can meet at each place, a missing owner, an empty list of
evidence, a level of 0, is met by at least one rendered page), and every hand-written page.

``validate --full`` renders every page (and builds the site): what depends on the text itself (a
template comparing a name with a word) or on a combination of values no kept page has is found
there, as in ``build``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

from roadmap_gen.core.fingerprint import field_names
from roadmap_gen.pages import PageSpec, paths


def _leaf(value: Any) -> Hashable | None:
    """The feature of a plain value; None for a container."""
    if value is None or isinstance(value, bool):
        return ("value", value)
    if isinstance(value, (int, float)):
        return ("number", type(value).__name__, (value > 0) - (value < 0) if value == value else "nan")
    if isinstance(value, str):
        return ("text", type(value).__name__, bool(value))
    return None


def features(value: Any, walked: set[tuple[str, int]] | None = None) -> set[tuple[str, Hashable]]:
    """(place, feature) for every place in *value* (see the module docstring). With *walked*, a view or
    tuple met at a place before (the same object: a piece of work on many team pages) is not walked
    again: the caller has its features already."""
    found: set[tuple[str, Hashable]] = set()
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        place, current = stack.pop()
        leaf = _leaf(current)
        if leaf is not None:
            found.add((place, leaf))
            continue
        if walked is not None and (isinstance(current, tuple) or dataclasses.is_dataclass(current)):
            if (place, id(current)) in walked:
                continue
            walked.add((place, id(current)))
        if dataclasses.is_dataclass(current) and not isinstance(current, type):
            found.add((place, ("view", type(current).__qualname__)))
            stack.extend((f"{place}.{name}", getattr(current, name)) for name in field_names(type(current)))
        elif isinstance(current, Mapping):
            found.add((place, ("map", bool(current))))
            stack.extend((f"{place}[{key}]" if isinstance(key, str) and len(current) <= 8 else f"{place}{{}}", item)
                         for key, item in current.items())
        elif isinstance(current, (tuple, list, set, frozenset)):
            found.add((place, ("items", bool(current))))
            stack.extend((f"{place}[]", item) for item in current)
        else:
            found.add((place, ("other", type(current).__qualname__)))
    return found


def representatives(specs: Iterable[PageSpec]) -> set[str]:
    """The paths of the pages to render (see the module docstring), and of every hand-written page."""
    chosen: set[str] = set()
    kinds: dict[Hashable, list[PageSpec]] = {}
    for spec in specs:
        if spec.template is None:
            chosen.add(spec.path)
        else:
            kind = (spec.template, paths.root_of(spec.path), spec.searchable, spec.hide, bool(spec.heading))
            kinds.setdefault(kind, []).append(spec)
    for group in kinds.values():
        chosen.add(group[0].path)
        if len(group) == 1:
            continue  # a page of its own kind: nothing to choose between
        walked: set[tuple[str, int]] = set()  # every feature found below these is in seen
        seen = features(group[0].view, walked)
        for spec in group[1:]:
            mine = features(spec.view, walked)
            if not mine <= seen:
                chosen.add(spec.path)
                seen |= mine
    return chosen


__all__ = ["representatives"]
