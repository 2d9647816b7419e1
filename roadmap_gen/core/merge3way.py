"""A three-way merge of text files, line by line (the diff3 rule), on the standard library's difflib.

``merge(base, ours, theirs)`` takes the lines each side changed relative to ``base``: a region only one
side changed takes that side's lines; a region both changed the same way takes them once; a region both
changed differently is a conflict, written between ``<<<<<<<``, ``=======`` and ``>>>>>>>`` lines as git
does. Written here because the well-known Python implementation is GPL-licensed and roadmap-gen is MIT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Merged:
    lines: tuple[str, ...]
    conflicts: int

    @property
    def text(self) -> str:
        return "".join(self.lines)


def _changes(base: Sequence[str], other: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """(base start, base end, other start, other end) of every region *other* changed."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def merge(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str], ours_name: str = "yours",
          theirs_name: str = "new") -> Merged:
    """Merge *ours* and *theirs*, two edits of *base* (lists of lines, each with its line break)."""
    a, b = _changes(base, ours), _changes(base, theirs)
    out: list[str] = []
    conflicts = 0
    pos = 0  # in base
    ia = ib = 0
    while ia < len(a) or ib < len(b):
        # The next span of base either side changed, grown while the two sides' regions overlap or touch
        # (each side's own regions are sorted and apart, so only the other side can grow it).
        lo = min(r[0] for r in (*a[ia:ia + 1], *b[ib:ib + 1]))
        hi, ja, jb = lo, ia, ib
        grown = True
        while grown:
            grown = False
            while ja < len(a) and a[ja][0] <= hi:
                hi, ja, grown = max(hi, a[ja][1]), ja + 1, True
            while jb < len(b) and b[jb][0] <= hi:
                hi, jb, grown = max(hi, b[jb][1]), jb + 1, True
        out.extend(base[pos:lo])
        side_a = _side(base, ours, a[ia:ja], lo, hi)
        side_b = _side(base, theirs, b[ib:jb], lo, hi)
        if ja == ia:
            out.extend(side_b)
        elif jb == ib or side_a == side_b:
            out.extend(side_a)
        else:
            conflicts += 1
            out.extend([f"<<<<<<< {ours_name}\n", *_ended(side_a), "=======\n", *_ended(side_b),
                        f">>>>>>> {theirs_name}\n"])
        pos = hi
        ia, ib = ja, jb
    out.extend(base[pos:])
    return Merged(tuple(out), conflicts)


def _side(base: Sequence[str], side: Sequence[str], regions: Sequence[tuple[int, int, int, int]], lo: int,
          hi: int) -> list[str]:
    """What *side* has in place of base[lo:hi], given its change regions inside that span."""
    if not regions:
        return list(base[lo:hi])
    first, last = regions[0], regions[-1]
    start = first[2] - (first[0] - lo)  # the unchanged lines before its first change map one to one
    end = last[3] + (hi - last[1])
    return list(side[start:end])


def _ended(lines: list[str]) -> list[str]:
    """Lines for a conflict block: the last one ends with a line break, so the markers stand alone."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


__all__ = ["Merged", "merge"]
