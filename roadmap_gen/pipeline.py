"""The one way through, as far as the plan: load -> model -> validate -> plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from roadmap_gen.core.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from roadmap_gen.load.project import LoadMemo, load_project
from roadmap_gen.model import Project
from roadmap_gen.plan import make_plan
from roadmap_gen.plan.checks import reported_from_partial
from roadmap_gen.plan.types import Plan
from roadmap_gen.workspace.workspace import Workspace


@dataclass(frozen=True)
class Planned:
    """A project loaded and planned: both None when its inputs have errors (the diagnostics say which)."""

    project: Project | None
    plan: Plan | None
    diagnostics: tuple[Diagnostic, ...]
    #: Which health checks the diagnostics hold: every one; "some" beside errors (those that could find
    #: what the errors leave out wait); "none" when an error could change any verdict.
    checks: Literal["all", "some", "none"] = "all"

    def failed(self, *, strict: bool) -> bool:
        return self.plan is None or has_errors(self.diagnostics, strict=strict)


def plan_project(where: Workspace | Path, *, memo: LoadMemo | None = None) -> Planned:
    """Load and plan the project of *where* (a bare folder is untrusted); *memo*: see :class:`LoadMemo`."""
    loaded = load_project(where, memo=memo)
    if loaded.project is None:
        if loaded.partial is None:
            return Planned(None, None, loaded.diagnostics, "none")
        # The health checks run on what the errors leave, so that a user meets the errors and the warnings
        # together, but for the checks that could find what is only missing or touched by an error (see
        # load/project.py and load/taint.py). The plan itself is never used (nothing is built from it).
        taint = loaded.taint
        findings = tuple(d for d in make_plan(loaded.partial, loaded.diagnostics).findings
                         if d.severity != "error" and (
                             reported_from_partial(d.check) if taint is None else
                             reported_from_partial(d.check, tainted=True, settings=taint.settings,
                                                   covered=taint.covers(d))))
        errors = tuple(d for d in loaded.diagnostics if d.severity == "error")
        return Planned(None, None, tuple(sorted_diagnostics(errors + findings)), "some")
    # A project that loads has warnings at most; the plan carries them, with any waivers applied.
    plan = make_plan(loaded.project, loaded.diagnostics)
    diags = sorted_diagnostics(plan.findings)
    return Planned(loaded.project, plan, tuple(diags))
