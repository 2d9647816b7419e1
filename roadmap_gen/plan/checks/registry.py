"""The one home of every health check: its registry entry (id, title, what it looks for, what to
do, what its findings are about), declared on the function that finds it.

The health page, ``docs/health-checks.md`` and every finding's check id, severity and default
hint all read this registry, so a new check touches its own function and its own tests only::

    @check("vague-goal", "Vague goal", looks_for="...", action="...", about=("goal",))
    def vague_goal(ctx: HealthContext) -> Iterator[Finding]:
        ...

A check that cannot apply to some projects (it compares with the last review, or needs a dimension
the catalogue may not have) names a ``skip`` function: the reason it does not apply, or None. It
is then not run, and the health page lists it apart from the checks passed, with that reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from roadmap_gen.core.diagnostics import AboutKind, CheckInfo, Decide, Diagnostic, Finding, Severity, sorted_diagnostics
from roadmap_gen.plan.checks.context import HealthContext, Skip
from roadmap_gen.plan.types import SkippedCheck

CheckFn = Callable[[HealthContext], Iterable[Finding]]
SkipFn = Callable[[HealthContext], Skip | None]


@dataclass(frozen=True)
class RegisteredCheck:
    info: CheckInfo
    run: CheckFn | None  # None for a check whose findings come from elsewhere (a setting, the waivers)
    rule: str = ""  # the precise rule, for a check with no function of its own
    skip: SkipFn | None = None  # why the check cannot apply to a project, or None when it does
    #: False for a check whose findings could come from something being left out, because it looks at
    #: every team file or at every other finding at once (a median across the teams, a waiver that
    #: matches nothing): its findings are not reported from a partial load (see load/project.py).
    partial: bool = True
    #: True for a check whose finding about a thing (a goal, a factor's assessment, a metric, a team) reads
    #: only that thing's own entries (in the organisation, its team file, the catalogue, the last review),
    #: what they name, and the organisation's review and planning settings: never the schedule, never what
    #: else exists. Only these are reported beside errors in the organisation, the catalogue or a review
    #: snapshot, and only for the things those errors do not touch (see load/taint.py).
    local: bool = False
    #: The settings of the organisation a local check reads (dotted YAML paths: ``review.date``): it waits
    #: while one of them has an error, as the others run.
    reads: tuple[str, ...] = ()
    #: False for a check that another command makes, never the plan (validate's ``stale-schema``, about the
    #: project's files for editors): the health page does not list it among the checks passed.
    in_plan: bool = True

    @property
    def doc(self) -> str:
        """The precise rule: the function's docstring."""
        text = (self.run.__doc__ or "") if self.run is not None else self.rule
        return " ".join(text.split())

    @property
    def skip_doc(self) -> str:
        """When the check does not apply: its skip function's docstring ("" when it always applies)."""
        return " ".join((self.skip.__doc__ or "").split()) if self.skip is not None else ""


#: Every check, in the order the health page and the docs list them.
CHECKS: dict[str, RegisteredCheck] = {}


def register(info: CheckInfo, run: CheckFn | None = None, rule: str = "", skip: SkipFn | None = None, *,
             partial: bool = True, local: bool = False, reads: tuple[str, ...] = (), in_plan: bool = True) -> None:
    if info.id in CHECKS:
        raise ValueError(f"health check '{info.id}' is registered twice")
    if local and not partial:
        raise ValueError(f"health check '{info.id}' cannot be local and look at the whole (partial=False)")
    if reads and not local:
        raise ValueError(f"health check '{info.id}' names the settings it reads, but only a local check does")
    CHECKS[info.id] = RegisteredCheck(info, run, rule, skip, partial, local, reads, in_plan)


def check(id: str, title: str, *, looks_for: str, action: str, about: Sequence[AboutKind] = (),
          severity: Severity = "warning", skip: SkipFn | None = None,
          decide: Decide | None = None, partial: bool = True, local: bool = False, reads: tuple[str, ...] = ()
          ) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the health check ``id`` (*skip*: see the module docstring;
    *decide*: the decision its findings ask of the steering group, worded once here for the board
    pack, the health page and roadmap.json; *partial*, *local* and *reads*: see :class:`RegisteredCheck`)."""

    def decorate(run: CheckFn) -> CheckFn:
        register(CheckInfo(id, title, looks_for, action, tuple(about), severity, decide), run, skip=skip,
                 partial=partial, local=local, reads=reads)
        return run

    return decorate


def info_of(check_id: str) -> CheckInfo:
    """A check's entry; an unknown id (a finding from a newer check) gets a plain one."""
    found = CHECKS.get(check_id)
    return found.info if found is not None else CheckInfo(check_id, check_id, "", "")


def skipped_checks(ctx: HealthContext) -> tuple[SkippedCheck, ...]:
    """The checks that cannot apply to this project, each with its reason, in the registry's order."""
    out = []
    for check_id, registered in CHECKS.items():
        skip = registered.skip(ctx) if registered.skip is not None else None
        if skip is not None:
            out.append(SkippedCheck(check_id, skip.reason, skip.about))
    return tuple(out)


def reported_from_partial(check_id: str, *, tainted: bool = False, settings: frozenset[str] = frozenset(),
                          covered: bool = False) -> bool:
    """Whether a finding of *check_id* is reported when the project loaded only in part (a finding of no
    registered check, the loader's own, is); *tainted*: some entries that stay in it carry errors, so only
    the local checks are, and of those only the ones that read none of the *settings* with errors, and
    only when the finding is not *covered* (about or inside an entry with errors: see
    :class:`RegisteredCheck`)."""
    found = CHECKS.get(check_id)
    if found is None:
        return True
    if not tainted:
        return found.partial
    return found.local and not covered and not settings.intersection(found.reads)


def run_checks(ctx: HealthContext, only: Sequence[str] | None = None) -> tuple[Diagnostic, ...]:
    """Every check's findings (or only those named), sorted and without duplicates; a check that
    cannot apply to this project (see :func:`skipped_checks`) is not run."""
    found: list[Diagnostic] = []
    for check_id, registered in CHECKS.items():
        if registered.run is None or (only is not None and check_id not in only):
            continue
        if registered.skip is not None and registered.skip(ctx) is not None:
            continue
        found.extend(f.diagnostic(registered.info) for f in registered.run(ctx))
    return tuple(sorted_diagnostics(found))


__all__ = ["CHECKS", "CheckFn", "Decide", "Iterator", "RegisteredCheck", "SkipFn", "check", "info_of", "register",
           "reported_from_partial", "run_checks",
           "skipped_checks"]
