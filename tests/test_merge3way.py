"""The three-way merge upgrade uses: what one side alone changed is taken; both sides' same change once;
different changes to the same lines are a marked conflict; changes far apart both land."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_gen.core.merge3way import merge

LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "# x\n", "\n"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(LINES, LINES)
def test_one_side_alone_changed_wins(base, other):
    assert merge(base, base, other).lines == tuple(other) and merge(base, other, base).lines == tuple(other)
    assert merge(base, other, other).lines == tuple(other) and merge(base, other, other).conflicts == 0


@settings(max_examples=300, deadline=None)
@given(LINES, LINES, LINES)
def test_changes_far_apart_both_land(head, middle, tail):
    base = ["top\n", *middle, "bottom\n"]
    ours = [*head, "top\n", *middle, "bottom\n"]  # ours adds at the start, theirs at the end
    theirs = ["top\n", *middle, "bottom\n", *tail]
    merged = merge(base, ours, theirs)
    assert merged.conflicts == 0 and merged.lines == tuple([*head, *base, *tail])


def test_the_same_lines_changed_two_ways_are_a_conflict():
    merged = merge(["a\n", "b\n", "c\n"], ["a\n", "X\n", "c\n"], ["a\n", "Y\n", "c\n"], "yours", "new")
    assert merged.conflicts == 1
    assert merged.text == "a\n<<<<<<< yours\nX\n=======\nY\n>>>>>>> new\nc\n"
    # a last line without a break still leaves the markers on lines of their own
    assert merge(["a"], ["b"], ["c"]).text == "<<<<<<< yours\nb\n=======\nc\n>>>>>>> new\n"
