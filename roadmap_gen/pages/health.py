"""The health page: every finding by check, what each check looks for, what passed, what does not apply."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from roadmap_gen.core.diagnostics import Decide, Diagnostic
from roadmap_gen.pages import paths
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import Count, FindingView, finding_view
from roadmap_gen.plan.checks import CHECKS, info_of
from roadmap_gen.plan.types import SkipReason

#: Above this many findings of one check in team files, the health page counts them per team
#: (each team's page lists its own) instead of listing them all: 1,000 teams must not make it megabytes.
TEAM_FINDINGS_LISTED = 100


@dataclass(frozen=True, kw_only=True)
class CheckSection:
    check: str
    anchor: str
    title: str
    meaning: str  # what the check looks for
    action: str
    findings: tuple[FindingView, ...]  # the ones listed on the health page
    total: int = 0  # all of this check's findings
    by_team: tuple[Count, ...] = ()  # when teams have too many to list: how many each team has
    decide: Decide | None = None  # the decision its findings ask of the steering group, if any


@dataclass(frozen=True, kw_only=True)
class SkippedView:
    """A check that cannot apply to this project: ``reason`` is a code (SkippedCheck) that
    ``_macros.md.j2`` words, ``about`` what it names (the dimensions the catalogue lacks)."""

    check: str
    title: str
    meaning: str
    reason: SkipReason
    about: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Health:
    sections: tuple[CheckSection, ...]  # checks with findings that count (not waived)
    passed: tuple[CheckSection, ...]  # checks with none (a waived finding does not count), of those that apply
    counts: tuple[Count, ...]  # per check with findings that count, linked to its section
    waived: tuple[FindingView, ...]  # findings a waiver in force accepts
    skipped: tuple[SkippedView, ...] = ()  # checks that cannot apply to this project, in the registry's order


def health(ix: SiteIndex) -> Health:
    by_check: dict[str, list[Diagnostic]] = defaultdict(list)
    waived = []
    for d in sorted(ix.plan.findings, key=Diagnostic.sort_key):
        if d.waived:
            waived.append(finding_view(d))
        else:
            by_check[d.check].append(d)
    team_refs = {t.file: ix.team_refs[t.id] for t in ix.project.teams if t.id in ix.team_refs}
    skipped = tuple(SkippedView(check=s.check, title=info_of(s.check).title, meaning=info_of(s.check).looks_for,
                                reason=s.reason, about=s.about)
                    for s in ix.plan.skipped_checks)
    not_run = {s.check for s in skipped}
    sections, passed, counts = [], [], []
    for check in [c for c, r in CHECKS.items() if c not in not_run and r.in_plan] + sorted(set(by_check) - set(CHECKS)):
        info = info_of(check)
        found = by_check.get(check, [])
        listed, by_team = found, tuple[Count, ...]()
        in_teams = [d for d in found if d.file in team_refs]
        if len(in_teams) > TEAM_FINDINGS_LISTED:
            listed = [d for d in found if d.file not in team_refs]
            per_file: dict[str, int] = defaultdict(int)
            for d in in_teams:
                per_file[d.file] += 1
            by_team = tuple(sorted((Count(label=team_refs[f].title, count=n, ref=team_refs[f])
                                    for f, n in per_file.items()),
                                   key=lambda c: (c.label, c.ref.path if c.ref else "")))
        section = CheckSection(check=check, anchor=f"check-{check}", title=info.title, meaning=info.looks_for,
                               action=info.action, findings=tuple(finding_view(d) for d in listed),
                               total=len(found), by_team=by_team, decide=info.decide)
        if found:
            sections.append(section)
            counts.append(Count(label=info.title, count=len(found), ref=Ref(check, f"{paths.HEALTH}#check-{check}")))
        else:
            passed.append(section)
    return Health(sections=tuple(sections), passed=tuple(passed), counts=tuple(counts), waived=tuple(waived),
                  skipped=skipped)
