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
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any

from roadmap_gen.core.fingerprint import field_names
from roadmap_gen.pages import Mapper, PageSpec, in_order, paths


def _leaf(value: Any) -> Hashable | None:
    """The feature of a plain value; None for a container."""
    if value is None or isinstance(value, bool):
        return ("value", value)
    if isinstance(value, (int, float)):
        return ("number", type(value).__name__, (value > 0) - (value < 0) if value == value else "nan")
    if isinstance(value, str):
        return ("text", type(value).__name__, bool(value))
    return None


#: How :func:`features` treats a value, by its type: a plain value, a view (a dataclass), a map, a
#: sequence, or anything else. Worked out once per type: a site's views are a million values of a few types.
_PLAIN, _VIEW, _MAP, _ITEMS, _OTHER = range(5)
_KINDS: dict[type, int] = {}


def _kind(kind: type) -> int:
    found = _KINDS.get(kind)
    if found is None:
        if issubclass(kind, (bool, int, float, str)) or kind is type(None):
            found = _PLAIN
        elif dataclasses.is_dataclass(kind) and not issubclass(kind, type):
            found = _VIEW
        elif issubclass(kind, Mapping):
            found = _MAP
        elif issubclass(kind, (tuple, list, set, frozenset)):
            found = _ITEMS
        else:
            found = _OTHER
        _KINDS[kind] = found
    return found


_NONE = ("value", None)

#: Per place and view type: the places of the view's fields, and what reads the fields, in order.
Places = dict[tuple[str, type], tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]]


def _fields_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """What reads the fields *names* of a view into a tuple, in their order (one call)."""
    if len(names) == 1:
        name = names[0]
        return lambda view: (getattr(view, name),)
    if not names:
        return lambda view: ()
    return attrgetter(*names)


def features(value: Any, walked: set[tuple[str, int]] | None = None,
             places: Places | None = None, seen: set[tuple[str, Hashable]] | None = None
             ) -> set[tuple[str, Hashable]]:
    """(place, feature) for every place in *value* (see the module docstring). With *walked*, a view or
    tuple met at a place before (the same object: a piece of work on many team pages) is not walked
    again: the caller has its features already. *places*: the places of a view's fields by the view's
    place and type, kept by a caller that walks many views of one shape. With *seen*, only the features
    not in it (what ``features(value) - seen`` gives, without making the whole set)."""
    found: set[tuple[str, Hashable]] = set()
    if places is None:
        places = {}
    known = seen if seen is not None else found
    add = found.add

    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        place, current = stack.pop()
        of = type(current)
        kind = _KINDS.get(of)
        if kind is None:
            kind = _kind(of)
        if walked is not None and (kind == _VIEW or isinstance(current, tuple)):  # never a plain value
            if (place, id(current)) in walked:
                continue
            walked.add((place, id(current)))
        if kind == _PLAIN:  # an item of a list or map (a view's own fields are told below)
            pair: tuple[str, Hashable] = (place, _leaf(current))
        elif kind == _VIEW:
            pair = (place, ("view", of.__qualname__))
            named = places.get((place, of))
            if named is None:
                names = field_names(of)
                named = places[(place, of)] = (tuple(f"{place}.{name}" for name in names), _fields_of(names))
            for sub, item in zip(named[0], named[1](current)):
                # A field's commonest plain values are told here, as _leaf tells them, not put on the
                # stack: most of a site's values are these.
                item_type = type(item)
                if item_type is str:
                    told: tuple[str, Hashable] = (sub, ("text", "str", item != ""))
                elif item_type is int:
                    told = (sub, ("number", "int", (item > 0) - (item < 0)))
                elif item is None:
                    told = (sub, _NONE)
                elif item_type is bool:
                    told = (sub, ("value", item))
                else:
                    stack.append((sub, item))
                    continue
                if told not in known:
                    add(told)
        elif kind == _MAP:
            pair = (place, ("map", bool(current)))
            stack.extend((f"{place}[{key}]" if isinstance(key, str) and len(current) <= 8 else f"{place}{{}}", item)
                         for key, item in current.items())
        elif kind == _ITEMS:
            pair = (place, ("items", bool(current)))
            stack.extend(zip(repeat(f"{place}[]"), current))
        else:
            if walked is not None and dataclasses.is_dataclass(current) and not isinstance(current, tuple):
                # a dataclass's class itself, as a value: walked like the original, never looked into
                if (place, id(current)) in walked:
                    continue
                walked.add((place, id(current)))
            pair = (place, ("other", of.__qualname__))
        if pair not in known:
            add(pair)
    return found


def representatives(specs: Iterable[PageSpec], mapper: Mapper | None = None) -> set[str]:
    """The paths of the pages to render (see the module docstring), and of every hand-written page.
    *mapper* (``mapper(work, parts)``, see :class:`~roadmap_gen.pages.Mapper`) may share the work between
    processes: the pages of a template that makes many are looked at in two halves, each on its own, and
    the halves' findings put together give the very choice one pass over them gives."""
    chosen: set[str] = set()
    kinds: dict[Hashable, list[PageSpec]] = {}
    for spec in specs:
        if spec.template is None:
            chosen.add(spec.path)
        else:
            kind = (spec.template, paths.root_of(spec.path), spec.searchable, spec.hide, bool(spec.heading))
            kinds.setdefault(kind, []).append(spec)
    # The halves of the large kinds first, side by side: a mapper gives neighbouring parts to different processes.
    halves: list[tuple[int, list[PageSpec]]] = []
    wholes: list[tuple[int, list[PageSpec]]] = []
    for number, group in enumerate(kinds.values()):
        if len(group) >= SPLIT_FROM:
            middle = len(group) // 2
            halves += [(number, group[:middle]), (number, group[middle:])]
        else:
            wholes.append((number, group))
    parts = halves + wholes
    found = (mapper if mapper is not None and halves else in_order)(_part_news, [group for _number, group in parts])
    seen_in: dict[int, set[tuple[str, Hashable]]] = {}
    for (number, _group), news in sorted(zip(parts, found, strict=True), key=lambda pair: pair[0][0]):
        seen = seen_in.setdefault(number, set())
        for path, new in news:
            # What a page has that no page before it in its half has, less what the halves before had:
            # what it has that no page before it has (see _part_news).
            if not new <= seen:
                chosen.add(path)
                seen |= new
    return chosen


#: A kind of page with this many pages or more is looked at in two halves (see :func:`representatives`).
SPLIT_FROM = 64


def _part_news(specs: Sequence[PageSpec]) -> list[tuple[str, frozenset[tuple[str, Hashable]]]]:
    """Each page of *specs* (pages of one kind, in order) that has a feature no page before it in *specs*
    has, with those features: the first page with all of its own. Together they hold every feature of the
    part, so the parts' findings, taken in order, tell which of their pages have a feature new to the kind."""
    news: list[tuple[str, frozenset[tuple[str, Hashable]]]] = []
    walked: set[tuple[str, int]] = set()  # every feature found below these is in seen
    places: Places = {}
    seen: set[tuple[str, Hashable]] = set()
    for spec in specs:
        new = features(spec.view, walked, places, seen)
        if new:
            news.append((spec.path, frozenset(new)))
            seen |= new
    return news


__all__ = ["representatives"]
