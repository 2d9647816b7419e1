"""Short labels that stay distinct: abbreviate by meaning, never to a common prefix.

A chart has room for a few characters per label; names from a catalogue are
often long and share prefixes ("Security Testing: Requirements-driven",
"Security Testing: Scalable baseline"). Cutting both to the room gives
"Security Testin…" twice. :func:`distinct_labels` instead picks, for each
name, the first of these that fits its room and reads differently from every
other label on the chart:

1. the name itself;
2. the name without a "topic: " prefix it shares with another name, marked
   with an ellipsis (``…Requirements-driven``);
3. that shared topic as initials (``ST: Requirements-driven``);
4. the name cut at the end (``Culture of iterative impro…``, as
   :func:`truncate` cuts it), or without a shared prefix and cut
   (``…Measure and improve for applic…``), if what shows goes a few
   characters past every prefix the name shares: never a cut to a common
   prefix (``Security Testin…``);
5. the name without another shared word prefix, dropping as little as fits;
6. the first word past such a prefix and the last words
   (``…compliance…for applications``);
7. the part after the longest shared prefix, cut (``…Requirements-dr…``);
8. the name cut at the end, if it shows anything past the prefixes it shares;
9. head and tail (``Gover…strategy``);
10. the name without a shared prefix that leaves a fragment (``…and improve``);
11. last resort, the name cut and numbered by its position (``Gover…[3]``),
    which is always distinct.

Of these, a label that could stand for only its own name (filling in its
ellipses) is preferred to one that could stand for another name too:
``…management for applications`` is passed over while two names end so.
When labels clash, every label in the clash moves on to its next choice, so
no name is privileged by its order. A label may take several lines: it
*fits* when :func:`wrap` breaks it into at most that many lines of at most
*max_chars* characters, and labels are compared as the lines they are drawn
as. The full name stays the chart's business: it goes in a ``<title>``
tooltip, the description or the table.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from roadmap_gen.core.escape import one_line

__all__ = ["ELLIPSIS", "distinct_labels", "fits", "truncate", "wrap"]

ELLIPSIS = "\u2026"
#: Prefixes ending in one of these are a name's "topic: detail" split (cut there first).
_SEPARATORS = (": ", " \u2013 ", " \u2014 ", " - ", " / ", "; ", ", ")
#: Of those, the ones that end a topic a name can be shortened to the initials of.
_TOPIC_SEPARATORS = (": ", " \u2013 ", " \u2014 ", " - ")
#: Words left out of initials ("Policy and Compliance" -> "PC").
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "&"})
_BREAK_AFTER = re.compile(r"[-/\u2013\u2014]")
#: What a line may break at (after): spaces, hyphens, dashes, slashes.
_BREAKABLE = re.compile(r"(?<=[-/\u2013\u2014])| ")


def truncate(text: str, max_chars: int) -> str:
    """*text* on one line, cut to at most *max_chars* (at least 2) characters ending in an ellipsis."""
    return _cut_line(one_line(text), max(max_chars, 2))


def _cut_line(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    if room < 2:
        return text[:room]
    return text[: room - 1].rstrip() + ELLIPSIS


def wrap(text: str, max_chars: int) -> tuple[str, ...]:
    """*text* (one line) broken into lines of at most *max_chars* characters.

    Breaks at spaces; a word longer than a line breaks after a hyphen, dash
    or slash where it can, else wherever the line is full. Always at least
    one line (``("",)`` for empty text).
    """
    width = max(max_chars, 1)
    lines: list[str] = []
    current = ""
    for piece, glued in _pieces(text, width):
        if not current:
            current = piece
        elif len(current) + (0 if glued else 1) + len(piece) <= width:
            current += piece if glued else " " + piece
        else:
            lines.append(current)
            current = piece
    lines.append(current)
    return tuple(lines)


def _pieces(text: str, width: int) -> Iterator[tuple[str, bool]]:
    """The words of *text*, long ones split; each with whether it is glued to the one before."""
    for word in text.split(" "):
        glued = False
        while len(word) > width:
            breaks = [m.end() for m in _BREAK_AFTER.finditer(word, 0, width) if m.end() <= width]
            cut = breaks[-1] if breaks else width
            yield word[:cut], glued
            word, glued = word[cut:], True
        if word or not glued:
            yield word, glued


def fits(text: str, max_chars: int, lines: int = 1) -> bool:
    """Whether *text* wraps into at most *lines* lines of at most *max_chars* characters.

    On more than one line, without breaking a word anywhere but after a
    hyphen, dash or slash: ``"decommis-"`` / ``"sioning"`` does not fit.
    """
    if lines <= 1:
        return len(text) <= max_chars
    width = max(max_chars, 1)
    if any(len(part) > width for part in _BREAKABLE.split(text)):
        return False
    return len(wrap(text, max_chars)) <= lines


def distinct_labels(
    names: Sequence[str],
    max_chars: int | Sequence[int],
    lines: int | Sequence[int] = 1,
) -> tuple[str, ...]:
    """The label to show for each of *names*: fits its room, and no two read the same.

    *max_chars* (characters per line) and *lines* are one room for all names
    or one per name (a repeated name gets the smallest of its rooms). Names
    are shown on one line each (:func:`roadmap_gen.core.escape.one_line`); equal
    names get equal labels, different names different labels, even when they
    differ only in spacing. Deterministic: the same names and rooms give the
    same labels. A room narrower than the number a name may need (``"[12]"``
    for the twelfth of twelve or more names) is widened to it.

    Raises ``ValueError`` if *max_chars* or *lines* is a sequence of the wrong length.
    """
    chars = _per_name(max_chars, len(names), "max_chars")
    line_counts = _per_name(lines, len(names), "lines")
    return _distinct(tuple(names), tuple(chars), tuple(line_counts))


@functools.lru_cache(maxsize=256)
def _distinct(names: tuple[str, ...], chars: tuple[int, ...], line_counts: tuple[int, ...]) -> tuple[str, ...]:
    """:func:`distinct_labels` of one room per name, worked out once for the same names and rooms: every
    group's heatmap of a site labels the same factors in the same room."""
    unique = list(dict.fromkeys(names))
    index = {name: i for i, name in enumerate(unique)}
    rooms: dict[int, tuple[int, int]] = {}
    for name, c, n in zip(names, chars, line_counts):
        i = index[name]
        old = rooms.get(i, (c, n))
        rooms[i] = (min(old[0], c), min(old[1], n))
    shown = [one_line(name) for name in unique]
    prefixes = _SharedPrefixes(shown)
    everyone = _Names(shown)
    choices = [_Choices(i, text, *rooms[i], prefixes, everyone) for i, text in enumerate(shown)]
    picked = [0] * len(unique)
    while True:
        drawn: dict[tuple[str, ...], list[int]] = {}
        for i, choice in enumerate(choices):
            drawn.setdefault(choice.drawn(picked[i]), []).append(i)
        clashes = [members for members in drawn.values() if len(members) > 1]
        if not clashes:
            break
        # This ends: each name's last choice carries its own number, so two last choices never
        # clash and every clash has a member that can move on.
        for members in clashes:
            for i in members:
                if picked[i] < choices[i].last:
                    picked[i] += 1
    labels = [choice.label(picked[i]) for i, choice in enumerate(choices)]
    return tuple(labels[index[name]] for name in names)


def _per_name(value: int | Sequence[int], count: int, what: str) -> list[int]:
    if isinstance(value, int):
        return [value] * count
    if len(value) != count:
        raise ValueError(f"{what}: need one per name ({count}), got {len(value)}")
    return list(value)


#: A name cut at the end must show this many characters past the prefixes it shares to come early
#: (fewer once a shared prefix is dropped: what remains is all detail).
_MIN_DETAIL = 8
_MIN_DETAIL_DROPPED = 4
#: Prefixes are looked for in the first this many characters of a name (labels are shorter).
_PREFIX_SPAN = 120


def _word_cuts(text: str) -> list[int]:
    """Positions just after each space (in the first :data:`_PREFIX_SPAN` characters): where a word prefix ends."""
    return [m.end() for m in re.finditer(" ", text[:_PREFIX_SPAN])]


class _SharedPrefixes:
    """Word prefixes (ending in a space) that begin two or more distinct texts; counted on first use."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._counts: Counter[str] | None = None

    def count(self, prefix: str) -> int:
        """How many distinct texts begin with *prefix* (at a word boundary)."""
        if self._counts is None:
            self._counts = Counter()
            for text in set(self._texts):
                self._counts.update({text[:cut] for cut in _word_cuts(text)})
        return self._counts[prefix]

    def __contains__(self, prefix: str) -> bool:
        return self.count(prefix) >= 2


class _Names:
    """All the names on a chart, to ask whether a shortened label could stand for more than one."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._blob = "\x00" + "\x00".join(texts) + "\x00"  # one_line text holds no NUL

    def ambiguous(self, label: str) -> bool:
        """Whether more than one name reads as *label* with its ellipses filled in."""
        parts = label.split(ELLIPSIS)
        if len(parts) == 2 and not parts[0]:
            return self._blob.count(parts[1] + "\x00") > 1  # "…end"
        if len(parts) == 2 and not parts[1]:
            return self._blob.count("\x00" + parts[0]) > 1  # "start…"
        if len(parts) == 3 and not parts[0] and not parts[2]:
            return self._blob.count(parts[1]) > 1  # "…middle…"
        if len(parts) == 2:
            head, tail = parts  # "start…end"
            return sum(t.startswith(head) and t.endswith(tail) and len(t) >= len(label) for t in self.texts) > 1
        if len(parts) == 3 and not parts[0]:
            _, middle, tail = parts  # "…middle…end"
            return sum(t.endswith(tail) and middle in t[: len(t) - len(tail)] for t in self.texts) > 1
        return False  # the name itself, initials, or a name with ellipses of its own


class _Choices:
    """The labels one name may take, best first; the last is numbered.

    The name itself comes first; the others are only made when it does not
    fit or clashes. Of those, labels that could stand for only this name
    come before ones that could stand for another too (``…management for
    applications`` when two names end so).
    """

    def __init__(self, position: int, text: str, max_chars: int, lines: int, shared: _SharedPrefixes,
                 names: _Names) -> None:
        self.text = text
        self.tag = f"[{position + 1}]"
        self.max_chars = max(max_chars, len(self.tag))
        self.lines = max(lines, 1)
        self._shared = shared
        self._names = names
        self._made: list[str] = [text] if fits(text, self.max_chars, self.lines) else []
        self._done = False
        if not self._made:
            self._make_all()

    @property
    def last(self) -> int:
        """The index of the last choice (the numbered one)."""
        self._make_all()
        return len(self._made) - 1

    def label(self, k: int) -> str:
        if k >= len(self._made):
            self._make_all()
        return self._made[min(k, len(self._made) - 1)]

    def drawn(self, k: int) -> tuple[str, ...]:
        """Choice *k* as the lines it is drawn as (what a reader compares)."""
        label = self.label(k)
        return (label,) if self.lines == 1 else wrap(label, self.max_chars)

    def _make_all(self) -> None:
        if self._done:
            return
        self._done = True
        usable = list(dict.fromkeys(c for c in self._candidates(self._shared) if fits(c, self.max_chars, self.lines)))
        usable = [c for c in usable if c not in self._made]
        clear = [c for c in usable if not self._names.ambiguous(c)]
        self._made += clear + [c for c in usable if c not in clear]
        # The numbered label comes last even if an earlier choice read the same.
        self._made.append(self._cut(self.text, reserve=len(self.tag)) + self.tag)

    def _candidates(self, shared: _SharedPrefixes) -> Iterator[str]:
        text = self.text
        yield text
        cuts = [cut for cut in _word_cuts(text) if text[:cut] in shared]
        topical = [cut for cut in cuts if text[:cut].endswith(_SEPARATORS)]
        # A rest that starts with "and", "of"... reads as a fragment: such cuts come late.
        clean = [cut for cut in cuts if cut not in topical and text[cut:].split(" ")[0].lower() not in _SMALL_WORDS]
        for cut in topical:
            yield ELLIPSIS + text[cut:]
        for cut in topical:
            initials = _initials(text[:cut])
            if initials:
                yield initials + text[cut:]
        # Cut at the end, if what shows goes far enough past what the name shares with others.
        shared_to = max(cuts, default=0)
        for start in [0, *topical, *clean]:
            head = ELLIPSIS if start else ""
            shortened = self._cut(head + text[start:])
            shown_to = start + len(shortened) - len(head) - 1
            if shown_to >= shared_to + (_MIN_DETAIL if start == 0 else _MIN_DETAIL_DROPPED):
                yield shortened
        for cut in clean:
            yield ELLIPSIS + text[cut:]
        # The word after the prefix the most names share tells this one apart from the most.
        for cut in sorted([*topical, *clean], key=lambda c: (-shared.count(text[:c]), -c)):
            yield from self._gist(text[cut:])
        if cuts and max(cuts) in topical + clean:
            yield self._cut(ELLIPSIS + text[max(cuts):])
        cut_at_end = self._cut(text)
        if len(cut_at_end) - 1 > shared_to:  # not a cut to a common prefix
            yield cut_at_end
        yield from self._head_and_tail()
        for cut in cuts:
            yield ELLIPSIS + text[cut:]
        if cuts:
            yield self._cut(ELLIPSIS + text[max(cuts):])

    def _gist(self, rest: str) -> Iterator[str]:
        """*rest*'s first word and as many whole words of its end as fit: ``…compliance…for applications``."""
        words = rest.split(" ")
        head = ELLIPSIS + words[0] + ELLIPSIS
        for k in range(1, len(words) - 1):
            candidate = head + " ".join(words[k:])
            if fits(candidate, self.max_chars, self.lines):
                yield candidate
                return

    def _cut(self, text: str, reserve: int = 0) -> str:
        """*text* cut at the end (with an ellipsis) to fit, leaving *reserve* characters on one line."""
        if reserve or self.lines == 1:
            return _cut_line(text, max(self.max_chars - reserve, 0))
        if fits(text, self.max_chars, self.lines):
            return text
        for end in range(min(len(text) - 1, self.max_chars * self.lines), 0, -1):
            candidate = text[:end].rstrip() + ELLIPSIS
            if fits(candidate, self.max_chars, self.lines):
                return candidate
        return ELLIPSIS

    def _head_and_tail(self) -> Iterator[str]:
        """The first word (or part of it) and as much of the end as fits, whole words if it can:
        ``Define…promote for infrastructure``, else ``Gover…rategy``."""
        text = self.text
        room = self.max_chars * self.lines
        if len(text) <= room or room < 5:
            return
        head = text.split(" ")[0][: max(room // 3, 2)]
        tail_room = room - len(head) - 1
        starts = [m.end() for m in re.finditer(" ", text) if m.end() > len(head)]
        whole = [start for start in starts if len(text) - start <= tail_room]
        if whole:
            yield head + ELLIPSIS + text[whole[0]:]
        yield head + ELLIPSIS + text[len(text) - tail_room:].lstrip()


def _initials(prefix: str) -> str:
    """``"Security Testing: "`` -> ``"ST: "``; empty unless the prefix ends in a separator after two or more words."""
    separator = next((s for s in _TOPIC_SEPARATORS if prefix.endswith(s)), None)
    if separator is None:
        return ""
    words = [w for w in re.split(r"[\s\-/]+", prefix[: -len(separator)]) if w and w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isalnum() for w in words):
        return ""
    return "".join(w[0].upper() for w in words) + separator
