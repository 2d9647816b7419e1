"""Located findings about user input, and the one error hierarchy.

Every problem with a project's files becomes a :class:`Diagnostic`; only the
CLI decides how to show them and which exit code they mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import ClassVar, Iterable, Literal, Optional

Severity = Literal["error", "warning"]


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
    about: Optional[str] = None
    waiver: Optional[WaiverNote] = None

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
                0 if self.severity == "error" else 1, self.check, self.message)

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
                    "setting", "page", "waiver", "scope"]


@dataclass(frozen=True)
class CheckInfo:
    """A health check as people read about it: on the health page, in the docs, in its messages."""

    id: str
    title: str  # a short heading: "Vague goal"
    looks_for: str  # what it finds, in a sentence or two
    action: str  # what to do about it: the hint of a finding that gives none of its own
    about: tuple[AboutKind, ...] = ()  # what its findings are about; () when they are about nothing in particular
    severity: Severity = "warning"


@dataclass(frozen=True)
class Finding:
    """What a check yields: where, what, about which thing, and a hint when the check's action is not enough."""

    loc: Loc
    message: str
    about: Optional[str] = None
    hint: str = ""

    def diagnostic(self, info: CheckInfo) -> Diagnostic:
        return Diagnostic(self.loc, info.severity, info.id, self.message, self.hint or info.action, self.about)


def error(loc: Loc, check: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, "error", check, message, hint)


def warning(loc: Loc, check: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc, "warning", check, message, hint)


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file and position, duplicates dropped, so output is stable."""
    return sorted(set(diags), key=Diagnostic.sort_key)


def has_errors(diags: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Whether the findings fail: any error, or under --strict any warning a waiver does not accept."""
    return any(d.severity == "error" or (strict and not d.waived) for d in diags)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or "" when nothing is close."""
    close = get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


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
