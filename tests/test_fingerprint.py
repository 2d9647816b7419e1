"""The page cache's key: a canonical fingerprint of plain data (core/fingerprint.py).

Equal values (built twice, iterating in the same order) give equal fingerprints; changing any one
field, item, key or the type of a value gives another; a value the fingerprint cannot cover is
refused rather than keyed on part of it."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from roadmap_gen.core.fingerprint import Fingerprints, Unfingerprintable, fingerprint


@dataclass(frozen=True)
class Leaf:
    name: str
    level: int
    share: float
    done: bool
    note: str | None


@dataclass(frozen=True)
class Node:
    title: str
    leaves: tuple[Leaf, ...]
    extra: Any


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
leaves = st.builds(Leaf, st.text(max_size=8), st.integers(), st.floats(allow_nan=False), st.booleans(),
                   st.one_of(st.none(), st.text(max_size=8)))
plain = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(tuple),
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(max_size=4), inner, max_size=4)), max_leaves=12)
nodes = st.builds(Node, st.text(max_size=8), st.lists(leaves, max_size=4).map(tuple), plain)


@settings(max_examples=200, deadline=None)
@given(nodes)
def test_equal_values_give_equal_fingerprints(value: Node) -> None:
    again = copy.deepcopy(value)
    assert again == value
    assert fingerprint(again) == fingerprint(value)
    # One instance remembering what it saw gives what a fresh one gives.
    prints = Fingerprints()
    assert prints.hexdigest(value) == prints.hexdigest(again) == fingerprint(value)


@settings(max_examples=200, deadline=None)
@given(nodes, st.data())
def test_changing_any_field_changes_the_fingerprint(value: Node, data: st.DataObject) -> None:
    before = fingerprint(value)
    if value.leaves:
        index = data.draw(st.integers(0, len(value.leaves) - 1))
        leaf = value.leaves[index]
        field = data.draw(st.sampled_from([f.name for f in dataclasses.fields(Leaf)]))
        new = data.draw({"name": st.text(max_size=8), "level": st.integers(), "share": st.floats(allow_nan=False),
                         "done": st.booleans(), "note": st.one_of(st.none(), st.text(max_size=8))}[field])
        if new == getattr(leaf, field) and type(new) is type(getattr(leaf, field)):
            return
        if isinstance(new, float) and isinstance(getattr(leaf, field), float) and new == getattr(leaf, field):
            return  # 0.0 and -0.0: equal, yet shown differently; either answer is safe
        changed = dataclasses.replace(leaf, **{field: new})
        leaves_after = value.leaves[:index] + (changed,) + value.leaves[index + 1:]
        assert fingerprint(dataclasses.replace(value, leaves=leaves_after)) != before
    other = data.draw(plain)
    if other != value.extra or type(other) is not type(value.extra):
        assert fingerprint(dataclasses.replace(value, extra=other)) != before
    assert fingerprint(dataclasses.replace(value, title=value.title + "x")) != before
    assert fingerprint(dataclasses.replace(value, leaves=value.leaves + (Leaf("", 0, 0.0, False, None),))) != before


def test_kinds_and_order_are_part_of_the_value() -> None:
    distinct = [None, True, 1, 1.0, "1", Markup("1"), (1,), [1], {"a": 1}, {"a": 1, "b": 2}, {"b": 2, "a": 1},
                (1, 2), (2, 1), ("a", "b"), ("ab",), b"1", frozenset({1})]
    prints = {fingerprint(value) for value in distinct}
    assert len(prints) == len(distinct)
    assert fingerprint({1, 2, 3}) == fingerprint({3, 2, 1})  # a set has no order of its own


def test_unknown_or_mutable_types_are_refused() -> None:
    @dataclass
    class Mutable:
        x: int

    for value in (object(), Mutable(1), {"a": [object()]}, lambda: 1):
        with pytest.raises(Unfingerprintable):
            fingerprint(value)
