"""Located findings about user input, and the one error hierarchy.

Every problem with a project's files becomes a :class:`Diagnostic`; only the
CLI decides how to show them and which exit code they mean.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cached_property, lru_cache
from typing import ClassVar, Literal

#: How much a finding matters. An error fails every command that reads the project; a warning fails
#: ``--strict``; a notice never fails anything: it says something worth doing that cannot make the site
#: wrong (a project's JSON Schemas out of date, for its editor).
Severity = Literal["error", "warning", "notice"]
#: Sort and count order: errors first.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "notice")


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a project file: path relative to the project, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class WaiverNote:
    """Why a finding no longer fails --strict: the waiver in force that matches it."""

    reason: str
    approved_by: str  # a person's name
    until: str  # the quarter after which it lapses


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    severity: Severity
    check: str
    message: str
    hint: str = ""
    #: The id of the thing the finding concerns (goal, factor, metric, person, practice, action,
    #: initiative, team, or a mkdocs.yml setting's dotted key); None where there is none.
    about: str | None = None
    waiver: WaiverNote | None = None

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def file(self) -> str:
        return self.loc.file

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def col(self) -> int:
        return self.loc.col

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.loc.file, self.loc.line, self.loc.col,
                SEVERITIES.index(self.severity), self.check, self.message)

    def format(self) -> str:
        text = f"{self.loc.file}:{self.loc.line}:{self.loc.col}: {self.severity}: [{self.check}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.waiver is not None:
            text += f" [waived until {self.waiver.until}]"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "check": self.check,
            "severity": self.severity,
            "file": self.loc.file,
            "line": self.loc.line,
            "col": self.loc.col,
            "message": self.message,
            "hint": self.hint,
            "about": self.about,
            "waived": self.waived,
        }


#: What kind of thing a check's findings are about (their ``about`` is the id of one).
AboutKind = Literal["goal", "factor", "metric", "person", "practice", "action", "initiative", "team", "phase",
                    "setting", "page", "waiver", "scope", "dependency"]


@dataclass(frozen=True)
class Decide:
    """What a steering group is asked when a check finds something: the question, a few short options,
    the one recommended (which, and why), and what happens if nothing is decided."""

    question: str
    options: tuple[str, ...]
    recommendation: str
    if_nothing: str


@dataclass(frozen=True)
class CheckInfo:
    """A health check as people read about it: on the health page, in the docs, in its messages."""

    id: str
    title: str  # a short heading: "Vague goal"
    looks_for: str  # what it finds, in a sentence or two
    action: str  # what to do about it: the hint of a finding that gives none of its own
    about: tuple[AboutKind, ...] = ()  # what its findings are about; () when they are about nothing in particular
    severity: Severity = "warning"
    decide: Decide | None = None  # the decision its findings ask for; None when they ask for none


@dataclass(frozen=True)
class Finding:
    """What a check yields: where, what, about which thing, and a hint when the check's action is not enough."""

    loc: Loc
    message: str
    about: str | None = None
    hint: str = ""

    def diagnostic(self, info: CheckInfo) -> Diagnostic:
        return Diagnostic(self.loc, info.severity, info.id, self.message, self.hint or info.action, self.about)


def error(loc: Loc, check: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, "error", check, message, hint)


def warning(loc: Loc, check: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, "warning", check, message, hint)


def notice(loc: Loc, check: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, "notice", check, message, hint)


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file and position, duplicates dropped, so output is stable."""
    return sorted(set(diags), key=Diagnostic.sort_key)


#: The most findings shown for one file; the rest of that file's are counted in one finding more, so
#: 50,000 unknown keys print a screenful, not 13 MB. Whether a command fails is decided on all of them.
MAX_SHOWN_PER_FILE = 100


def capped_per_file(diags: Iterable[Diagnostic], limit: int = MAX_SHOWN_PER_FILE) -> list[Diagnostic]:
    """:func:`sorted_diagnostics` with at most *limit* per file; a file's rest become one finding that
    counts them, at the first of them, as severe as the worst of them."""
    by_file: dict[str, list[Diagnostic]] = {}
    for d in sorted_diagnostics(diags):
        by_file.setdefault(d.file, []).append(d)
    out: list[Diagnostic] = []
    for file, found in by_file.items():
        out += found[:limit]
        rest = found[limit:]
        if rest:
            errors = sum(d.severity == "error" for d in rest)
            worst = min((d.severity for d in rest), key=SEVERITIES.index)
            out.append(Diagnostic(rest[0].loc, worst, "too-many-findings",
                                  f"{len(rest):,} more finding(s) in {file} are not shown ({errors:,} of them "
                                  "errors)", "fix the ones shown, then run again to see the rest"))
    return out


def has_errors(diags: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether the findings fail: any error, or under --strict any warning a waiver does not accept (a
    notice never fails)."""
    return any(d.severity == "error" or (strict and d.severity == "warning" and not d.waived) for d in diags)


#: "Did you mean" compares an unknown word with at most this many known ones (first those one typing slip
#: away, then those nearest to it in length, the ones sharing its first character first), and words longer
#: than MAX_SUGGESTED not at all: 16,000 unknown references to 5,000 factors cost 320,000 small comparisons,
#: not 80 million.
MAX_SUGGESTION_CANDIDATES = 20
MAX_SUGGESTED = 100
#: How alike two words must be (difflib's ratio) for one to be suggested for the other.
_CUTOFF = 0.6


@dataclass(frozen=True)
class _Known:
    """Known words indexed for suggestions: sorted, and by length, then by first character."""

    ordered: tuple[str, ...]
    by_length: dict[int, dict[str, tuple[str, ...]]]

    @cached_property
    def deletions(self) -> dict[str, tuple[str, ...]]:
        """Each known word under itself and under each string that leaving out one of its characters makes
        (made when first asked: only a wrong word is)."""
        index: dict[str, list[str]] = {}
        for word in self.ordered:
            if len(word) <= MAX_SUGGESTED:
                for key in _deleted(word):
                    index.setdefault(key, []).append(word)
        return {key: tuple(words) for key, words in index.items()}


def _deleted(word: str) -> set[str]:
    """*word*, and each string that leaving out one of its characters makes."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def _slips(word: str, known: _Known) -> list[str]:
    """The known words one typing slip away from *word* (a character left out, added, changed, or two
    beside each other swapped: both then leave the same string when one character is left out of each),
    sorted. Among 1,000 teams named team-0000 to team-0999, the nearest words in length alone were the
    first in sorted order (``taem-0500``: team-0010), not the one meant (team-0500)."""
    return sorted({candidate for key in _deleted(word) for candidate in known.deletions.get(key, ())})


@lru_cache(maxsize=32)
def _known(choices: frozenset[str]) -> _Known:
    ordered = tuple(sorted(choices))
    by_length: dict[int, dict[str, list[str]]] = {}
    for word in ordered:
        by_length.setdefault(len(word), {}).setdefault(word[:1], []).append(word)
    return _Known(ordered, {n: {c: tuple(ws) for c, ws in sorted(groups.items())} for n, groups in by_length.items()})


def _candidates(word: str, known: _Known) -> list[str]:
    """Up to MAX_SUGGESTION_CANDIDATES known words that could pass the cutoff, nearest in length first."""
    n = len(word)
    # difflib's ratio is 2*matches/(len(a)+len(b)) <= 2*min/(sum): below the cutoff outside this window.
    low, high = math.ceil(n * _CUTOFF / (2 - _CUTOFF)), math.floor(n * (2 - _CUTOFF) / _CUTOFF)
    out = _slips(word, known)[:MAX_SUGGESTION_CANDIDATES]
    if len(out) >= MAX_SUGGESTION_CANDIDATES:
        return out
    taken = set(out)
    for delta in range(0, max(n - low, high - n) + 1):
        for length in dict.fromkeys((n - delta, n + delta)):
            groups = known.by_length.get(length)
            if not groups or not low <= length <= high:
                continue
            for first in (word[:1], *(c for c in groups if c != word[:1])):
                for candidate in groups.get(first, ()):
                    if candidate not in taken:
                        out.append(candidate)
                        if len(out) >= MAX_SUGGESTION_CANDIDATES:
                            return out
    return out


#: The index of each immutable collection of known words asked about lately (the model's frozen
#: ``factor_by_id`` and the like are asked once per unknown reference), by identity: the entry holds the
#: collection, so its id is not reused while the entry lives.
_RECENT: dict[int, tuple[object, _Known]] = {}


def _index(choices: Iterable[str]) -> _Known:
    if isinstance(choices, (Mapping, tuple, frozenset)):
        found = _RECENT.get(id(choices))
        if found is not None and found[0] is choices:
            return found[1]
        if len(_RECENT) >= 32:
            _RECENT.clear()
        known = _known(frozenset(choices))
        _RECENT[id(choices)] = (choices, known)
        return known
    return _known(frozenset(choices))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known word closest to *word*, or None when nothing is close; bounded work (see above)."""
    text = str(word)
    if not text or len(text) > MAX_SUGGESTED:
        return None
    found = get_close_matches(text, _candidates(text, _index(choices)), n=1, cutoff=_CUTOFF)
    return found[0] if found else None


def first_known(choices: Iterable[str], count: int) -> tuple[str, ...]:
    """The first *count* known words in sorted order (for a hint that lists some), from the same index."""
    return _index(choices).ordered[:count]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or "" when nothing is close."""
    close = closest(word, choices)
    return f"did you mean '{close}'?" if close else ""


class RoadmapError(Exception):
    """Base of every error the core raises; the CLI turns each into its ``exit_code``."""

    #: The command's exit status when this error ends it: 1 the project's inputs are wrong.
    exit_code: ClassVar[int] = 1


class InputError(RoadmapError):
    """The project's inputs have errors; carries the diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted_diagnostics(diagnostics)
        super().__init__(f"{len(self.diagnostics)} problem(s) in the project's files")


class ProjectError(RoadmapError):
    """The project cannot be used at all (no such folder, refused site dir, ...)."""


class UsageError(RoadmapError):
    """The command line asks for something malformed (a period or date that is not one)."""

    exit_code: ClassVar[int] = 2


class BuildError(RoadmapError):
    """The site engine failed; the previous site was left as it was."""

    def __init__(self, message: str, messages: Iterable[str] = ()):
        super().__init__(message)
        #: The engine's own warnings and errors, one per entry, for callers that locate them.
        self.messages: tuple[str, ...] = tuple(messages)
