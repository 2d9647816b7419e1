"""Waivers: findings the organisation has decided to accept, for a while.

A finding whose check and ``about`` match a waiver in force (the review period is not after the
waiver's ``until``) is still shown, marked waived with the reason, but no longer fails --strict.
After ``until`` it counts again and ``waiver-expired`` is raised; a waiver in force that matches no
finding raises ``unused-waiver``. These two are never waived themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from difflib import get_close_matches

from roadmap_gen.core.diagnostics import CheckInfo, Diagnostic, Finding, WaiverNote, sorted_diagnostics
from roadmap_gen.model import Project, Waiver
from roadmap_gen.plan.checks.registry import CHECKS, register

WAIVER_EXPIRED = CheckInfo(
    "waiver-expired", "Waiver lapsed",
    "A waiver is past its until quarter: the finding it accepted counts again.",
    "Fix the finding, or renew the waiver with a new until and a reason the sponsor still accepts.",
    ("waiver",))
UNUSED_WAIVER = CheckInfo(
    "unused-waiver", "Waiver that matches nothing",
    "A waiver matches no finding: the problem was fixed, or its check or about is misspelt.",
    "Remove the waiver, or correct its check and about to match the finding (the health page shows each "
    "finding's about).", ("waiver",))
register(WAIVER_EXPIRED, rule="A waiver whose ``until`` quarter is before the review period. Its finding is no "
                               "longer waived. Located at the waiver's ``until``.", local=True, reads=("review.period",))
register(UNUSED_WAIVER, rule="A waiver in force whose ``check`` and ``about`` match no finding (a waiver without "
                             "``about`` matches a finding about nothing in particular). Located at the waiver.",
         partial=False)


def _matches(waiver: Waiver, finding: Diagnostic) -> bool:
    return waiver.check == finding.check and waiver.about == finding.about


def _unused_hint(waiver: Waiver, findings: Iterable[Diagnostic]) -> str:
    same_check = sorted({f.about or "(none)" for f in findings if f.check == waiver.check})
    if same_check:
        return f"'{waiver.check}' findings are about: {', '.join(same_check[:8])}"
    close = get_close_matches(waiver.check, sorted(CHECKS), n=1)
    if close and close[0] != waiver.check:
        return f"did you mean '{close[0]}'?"
    return UNUSED_WAIVER.action


def apply_waivers(findings: Iterable[Diagnostic], project: Project) -> tuple[Diagnostic, ...]:
    """The findings with waivers in force applied, plus the waivers' own findings; sorted."""
    org = project.organisation
    people = org.person_by_id
    now = org.review.period
    findings = list(findings)
    in_force = [w for w in org.waivers if now <= w.until]
    used: set[int] = set()
    out: list[Diagnostic] = []
    for finding in findings:
        match = next((i for i, w in enumerate(in_force) if finding.severity == "warning" and _matches(w, finding)),
                     None)
        if match is None:
            out.append(finding)
            continue
        used.add(match)
        waiver = in_force[match]
        approver = people[waiver.approved_by].name if waiver.approved_by in people else waiver.approved_by
        out.append(replace(finding, waiver=WaiverNote(waiver.reason, approver, str(waiver.until))))
    for waiver in org.waivers:
        about = waiver.about
        if waiver.until < now:
            out.append(Finding(
                waiver.locs("until"),
                f"the waiver of '{waiver.check}'{f' about {about!r}' if about else ''} lapsed after {waiver.until}: "
                f"its finding counts again", about).diagnostic(WAIVER_EXPIRED))
    for index, waiver in enumerate(in_force):
        if index not in used:
            about = waiver.about
            out.append(Finding(
                waiver.locs.at_entity,
                f"the waiver of '{waiver.check}'{f' about {about!r}' if about else ''} matches no finding",
                about, _unused_hint(waiver, findings)).diagnostic(UNUSED_WAIVER))
    return tuple(sorted_diagnostics(out))
