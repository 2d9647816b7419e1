"""distinct_labels: short labels that fit their room and never read the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_gen.charts.labels import distinct_labels, fits, wrap
from roadmap_gen.core.escape import one_line

SAMM = [
    "Security Testing: Requirements-driven testing",
    "Security Testing: Scalable baseline",
    "Security Testing: Deep understanding",
    "Policy and Compliance: Policy and standards",
    "Policy and Compliance: Compliance management",
    "Governance",
]


def drawn(label: str, max_chars: int, lines: int) -> tuple[str, ...]:
    return (label,) if lines == 1 else wrap(label, max_chars)


def test_names_that_fit_are_shown_whole() -> None:
    assert distinct_labels(SAMM, 60) == tuple(SAMM)
    assert distinct_labels([], 10) == ()


def test_a_shared_prefix_is_dropped_not_kept() -> None:
    assert distinct_labels(SAMM, 24) == (
        "\u2026Requirements-driven te\u2026",
        "\u2026Scalable baseline",
        "\u2026Deep understanding",
        "\u2026Policy and standards",
        "\u2026Compliance management",
        "Governance",
    )


def test_the_cut_prefers_a_topic_separator() -> None:
    # "Security " is shared too, but the cut after "Security Testing: " reads better.
    names = ["Security Testing: Baseline checks", "Security Testing: Depth", "Security Architecture: Review"]
    assert distinct_labels(names, 18)[:2] == ("\u2026Baseline checks", "\u2026Depth")


def test_clashing_abbreviations_move_on_to_initials() -> None:
    names = ["Security Testing: Baseline", "Security Architecture: Baseline", "Security Testing: Depth",
             "Security Architecture: Depth"]
    assert distinct_labels(names, 12) == ("ST: Baseline", "SA: Baseline", "ST: Depth", "SA: Depth")


def test_a_label_that_could_stand_for_two_names_is_passed_over() -> None:
    names = ["Define the practice for compliance management for applications",
             "Define the practice for compliance management for infrastructure",
             "Define the practice for secret management for applications"]
    labels = distinct_labels(names, 30)
    assert labels[0] == "\u2026compliance\u2026for applications"
    assert "\u2026management for applications" not in labels
    assert labels[2] == "\u2026practice for secret manageme\u2026"


def test_head_and_tail_keep_whole_words() -> None:
    names = ["Define the practice for create and promote for infrastructure",
             "Roll out and coach for create and promote for infrastructure",
             "Define the practice for secret management for infrastructure",
             "Define the practice for create and promote for applications"]
    labels = distinct_labels(names, 34)
    assert len(set(labels)) == 4
    assert all(len(label) <= 34 for label in labels)
    assert labels[0] == "Define\u2026promote for infrastructure"


def test_no_initials_for_a_list() -> None:
    labels = distinct_labels(["Balance of people, process and technology"], 30)
    assert labels == ("Balance of people, process an\u2026",)


def test_without_a_shared_prefix_the_cut_is_truncate() -> None:
    from roadmap_gen.charts.base import truncate

    name = "A very long factor name that goes on and on"
    assert distinct_labels([name, "Other"], 16) == (truncate(name, 16), "Other")


def test_names_differing_only_at_the_end() -> None:
    names = ["x" * 30 + "a", "x" * 30 + "b"]
    labels = distinct_labels(names, 8)
    assert len(set(labels)) == 2 and all(len(label) <= 8 for label in labels)
    assert labels[0].endswith("a") and labels[1].endswith("b")


def test_names_that_read_the_same_are_numbered() -> None:
    labels = distinct_labels(["a b", "a  b", "a b"], 6)
    assert labels[0] == labels[2] != labels[1]
    assert labels[0].endswith("[1]") and labels[1].endswith("[2]")


def test_two_lines() -> None:
    labels = distinct_labels(SAMM, 14, 2)
    assert [wrap(label, 14) for label in labels[:2]] == [
        ("\u2026Requirements-", "driven testing"),
        ("\u2026Scalable", "baseline"),
    ]


def test_rooms_per_name() -> None:
    labels = distinct_labels(["Leadership support", "Leadership support"], [6, 40])
    assert labels[0] == labels[1] and len(labels[0]) <= 6  # a repeated name takes its smallest room
    with pytest.raises(ValueError):
        distinct_labels(["a", "b"], [3])
    with pytest.raises(ValueError):
        distinct_labels(["a", "b"], 3, [1, 2, 3])


def test_a_room_too_small_to_number_is_widened() -> None:
    names = [f"Team {i}" for i in range(12)]
    labels = distinct_labels(names, 2)
    assert len(set(labels)) == 12
    assert max(len(label) for label in labels) <= len("[12]")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [("", 3, ("",)), ("a b c", 1, ("a", "b", "c")), ("Requirements-driven testing", 14, ("Requirements-", "driven testing")),
     ("abcdefghij", 4, ("abcd", "efgh", "ij")), ("one two three", 7, ("one two", "three"))],
)
def test_wrap(text: str, width: int, lines: tuple[str, ...]) -> None:
    assert wrap(text, width) == lines


def test_fits() -> None:
    assert fits("abc", 3) and not fits("abcd", 3)
    assert fits("ab cd", 2, 2) and not fits("ab cd ef", 2, 2)


# --- properties ------------------------------------------------------------------------

PREFIXES = ["", "Security Testing: ", "Security Architecture: ", "Policy and Compliance: ", "Policy ", "x" * 20]
WORDS = st.text(alphabet="abcXY -:\u2026[]1", max_size=24)
NAMES = st.one_of(st.builds(lambda p, w: p + w, st.sampled_from(PREFIXES), WORDS), st.text(max_size=40))


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=30), st.integers(5, 40), st.integers(1, 3))
def test_labels_are_distinct_fit_and_deterministic(names: list[str], max_chars: int, lines: int) -> None:
    labels = distinct_labels(names, max_chars, lines)
    assert labels == distinct_labels(list(names), max_chars, lines)
    assert len(labels) == len(names)
    shown = {name: drawn(label, max_chars, lines) for name, label in zip(names, labels)}
    assert len(set(shown.values())) == len(shown), "two different names read the same"
    for _name, label in zip(names, labels):
        assert fits(label, max_chars, lines), (label, max_chars, lines)
        assert "\n" not in label


@settings(max_examples=150, deadline=None)
@given(st.lists(NAMES, max_size=20), st.lists(st.integers(5, 30), min_size=20, max_size=20),
       st.lists(st.integers(1, 2), min_size=20, max_size=20))
def test_per_name_rooms(names: list[str], chars: list[int], lines: list[int]) -> None:
    labels = distinct_labels(names, chars[: len(names)], lines[: len(names)])
    rooms: dict[str, tuple[int, int]] = {}
    for name, c, n in zip(names, chars, lines):
        old = rooms.get(name, (c, n))
        rooms[name] = (min(old[0], c), min(old[1], n))
    seen: dict[tuple[str, ...], str] = {}
    for name, label in zip(names, labels):
        c, n = rooms[name]
        assert fits(label, c, n)
        key = drawn(label, c, n)
        assert seen.setdefault(key, name) == name, "two different names read the same"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=20, unique=True))
def test_names_that_all_fit_are_unchanged(names: list[str]) -> None:
    if len({one_line(n) for n in names}) == len(names):
        assert distinct_labels(names, 60) == tuple(one_line(n) for n in names)
