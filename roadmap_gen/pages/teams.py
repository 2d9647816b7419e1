"""Teams: the views behind the teams index, the group pages and one page per team.

Built to stay small and linear at 1,000 teams:

* lookups (team refs, levels by team and factor, planned items by factor) are
  made once; a team's page only reads them;
* the teams index shows the heatmap of every team only up to
  :data:`HEATMAP_MAX_ROWS` teams; above that, and whenever teams have groups,
  it lists the groups (each group page has its own heatmap up to the same
  size) and a compact table of the teams with no group;
* a spread row names at most :data:`LAGGING_SHOWN` lagging teams and counts
  the rest (each team's page shows its own gaps);
* the teams tables carry no column alignment (``---:`` writes a ``style``
  attribute into every cell): at 1,000 teams the index is about 170 KB of HTML;
* the health page lists a check's findings in team files only up to
  :data:`roadmap_gen.pages.health.TEAM_FINDINGS_LISTED`; above that it counts
  them per team, and each team's page lists its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import EvidenceView, FindingView, ItemView, evidence_view, finding_view

HEATMAP_MAX_ROWS = 60
LAGGING_SHOWN = 8

#: Why a team's gap stays open: the organisation is there already (the team must adopt what exists),
#: no organisation work on the factor is planned, or the plan stops short of the team's target.
OpenReason = Literal["adopt", "unplanned", "short", "below"]


@dataclass(frozen=True, kw_only=True)
class SpreadView:
    factor: Ref
    teams: int
    lowest: int
    median: float
    highest: int
    organisation: int | None
    lagging: tuple[Ref, ...]  # the first few, by level then name
    lagging_more: int
    lower_median: int = 0  # the lower of the two middle levels: the organisation above it is unsupported


@dataclass(frozen=True, kw_only=True)
class TeamRow:
    """A team as one row of a list: name and page, lead, group, and its gaps in brief."""

    id: str
    ref: Ref
    lead: str
    group: str
    assessed: int
    gaps: int  # factors below target
    gap: int  # levels below target, summed
    open: int  # gaps the organisation's plan leaves open


@dataclass(frozen=True, kw_only=True)
class TeamFactorView:
    factor: Ref
    level: int
    target: int
    gap: int
    applicable: bool
    organisation: int | None
    organisation_end: int | None
    owner: str = ""
    evidence: tuple[EvidenceView, ...] = ()
    notes: str = ""
    reason: str = ""  # why it does not apply
    priority: str = "normal"
    answers: tuple[int, ...] = ()  # the levels respondents gave when the level was collected

    @property
    def detailed(self) -> bool:
        """Whether the team wrote an owner, evidence, notes, a reason, a priority or answers for this factor."""
        return bool(self.owner or self.evidence or self.notes or self.reason or self.priority != "normal"
                    or self.answers)


@dataclass(frozen=True, kw_only=True)
class ClosingWork:
    factor: Ref
    team_level: int
    team_target: int
    items: tuple[ItemView, ...]


@dataclass(frozen=True, kw_only=True)
class OpenGap:
    factor: Ref
    level: int
    target: int
    reason: OpenReason
    organisation: int | None  # the organisation's level now (adopt) or at the end of the plan (short)
    end_period: str


@dataclass(frozen=True, kw_only=True)
class TeamView:
    row: TeamRow
    name: str
    path: str
    lead: str
    group: Ref | None
    description: str
    factors: tuple[TeamFactorView, ...]
    closing: tuple[ClosingWork, ...]
    open: tuple[OpenGap, ...]
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, kw_only=True)
class GroupView:
    name: str
    ref: Ref
    path: str
    rows: tuple[TeamRow, ...]
    gap: int


@dataclass(frozen=True, kw_only=True)
class TeamsData:
    teams: tuple[TeamView, ...]  # by name, then id
    rows: tuple[TeamRow, ...]
    groups: tuple[GroupView, ...]  # by name
    ungrouped: tuple[TeamRow, ...]
    columns: tuple[Ref, ...]  # factors any team assessed, in the site's factor order
    column_ids: tuple[str, ...]
    levels: Mapping[str, Mapping[str, int | None]]  # team id -> factor id -> level (None: not applicable)
    spreads: tuple[SpreadView, ...]  # in factor order


def _levels(ix: SiteIndex) -> dict[str, dict[str, int | None]]:
    return {t.id: {f.factor: (f.level if f.applicable else None) for f in t.factors} for t in ix.plan.teams.teams}


def spreads(ix: SiteIndex) -> dict[str, SpreadView]:
    """Per factor any team assessed: the spread across teams and the first lagging teams."""
    level = _levels(ix)
    out: dict[str, SpreadView] = {}
    for s in ix.plan.teams.factors:
        ranked = sorted(s.lagging, key=lambda t: (level.get(t, {}).get(s.factor) or 0,
                                                  ix.team_refs[t].title if t in ix.team_refs else t, t))
        shown = tuple(ix.team_refs[t] for t in ranked[:LAGGING_SHOWN] if t in ix.team_refs)
        out[s.factor] = SpreadView(factor=ix.factor_ref(s.factor), teams=s.teams, lowest=s.lowest, median=s.median,
                                   highest=s.highest, organisation=s.organisation, lagging=shown,
                                   lagging_more=max(0, len(ranked) - len(shown)), lower_median=s.lower_median)
    return out


def _open_gap(ref: Ref, level: int, target: int, items: tuple[ItemView, ...], org_now: int | None,
              org_end: int | None, end_period: str) -> OpenGap | None:
    if not items:
        if org_now is not None and org_now >= target:
            return OpenGap(factor=ref, level=level, target=target, reason="adopt", organisation=org_now,
                           end_period=end_period)
        return OpenGap(factor=ref, level=level, target=target, reason="unplanned", organisation=None,
                       end_period=end_period)
    if org_end is not None and org_end < target:
        return OpenGap(factor=ref, level=level, target=target, reason="short", organisation=org_end,
                       end_period=end_period)
    return None


def team_views(ix: SiteIndex, items_of: Callable[[str], tuple[ItemView, ...]],
               org_levels: Mapping[str, tuple[int | None, int | None]],
               spread: Mapping[str, SpreadView]) -> TeamsData | None:
    """The teams' views; ``org_levels`` maps a factor to the organisation's (now, end of plan)."""
    summaries = ix.plan.teams.teams
    if not summaries:
        return None
    order = {f.id: i for i, f in enumerate(ix.factor_order)}
    end_period = str(ix.plan.phases[-1].period) if ix.plan.phases else ""
    findings: dict[str, list[FindingView]] = defaultdict(list)
    team_files = {t.file for t in ix.project.teams}
    for d in sorted(ix.plan.findings, key=Diagnostic.sort_key):
        if d.file in team_files:
            findings[d.file].append(finding_view(d))
    models = {t.id: t for t in ix.project.teams}
    review_date = ix.org.review.date
    # The planned items that raise a factor above a level, by (factor, level): made once for all the teams at
    # that level (a thousand teams ask for a few dozen), and one tuple that every such team's view shares.
    closers: dict[tuple[str, int], tuple[ItemView, ...]] = {}
    teams: list[TeamView] = []
    for t in summaries:
        factors, closing, open_gaps = [], [], []
        model = models.get(t.id)
        assessed = model.assessment_by_factor if model is not None else {}
        for f in sorted(t.factors, key=lambda f: (order.get(f.factor, len(order)), f.factor)):
            org_now, org_end = org_levels.get(f.factor, (None, None))
            ref = ix.factor_ref(f.factor)
            a = assessed.get(f.factor)
            factors.append(TeamFactorView(
                factor=ref, level=f.level, target=f.target, gap=f.gap, applicable=f.applicable, organisation=org_now,
                organisation_end=org_end,
                owner=ix.name(a.owner) if a is not None else "",
                evidence=tuple(evidence_view(e, review_date) for e in a.evidence) if a is not None else (),
                notes=a.notes if a is not None else "", reason=a.reason if a is not None else "",
                priority=a.priority if a is not None else "normal", answers=a.answers if a is not None else ()))
            if f.applicable and org_now is not None and f.level < org_now:
                # The plan starts from the organisation's level: nothing in it brings this team up to it.
                open_gaps.append(OpenGap(factor=ref, level=f.level, target=f.target, reason="below",
                                         organisation=org_now, end_period=end_period))
                continue
            if not f.applicable or f.gap <= 0:
                continue
            items = closers.get((f.factor, f.level))
            if items is None:
                items = closers[(f.factor, f.level)] = tuple(i for i in items_of(f.factor) if i.raises_to > f.level)
            if items:
                closing.append(ClosingWork(factor=ref, team_level=f.level, team_target=f.target, items=items))
            gap = _open_gap(ref, f.level, f.target, items, org_now, org_end, end_period)
            if gap is not None:
                open_gaps.append(gap)
        ref = ix.team_refs[t.id]
        row = TeamRow(id=t.id, ref=ref, lead=ix.name(t.lead), group=t.group or "",
                      assessed=sum(1 for f in t.factors if f.applicable),
                      gaps=sum(1 for f in t.factors if f.applicable and f.gap > 0), gap=t.gap, open=len(open_gaps))
        teams.append(TeamView(row=row, name=t.name, path=ref.path or "", lead=ix.name(t.lead),
                              group=ix.group_refs.get(t.group) if t.group else None,
                              description=model.description if model is not None else "",
                              factors=tuple(factors), closing=tuple(closing), open=tuple(open_gaps),
                              findings=tuple(findings.get(t.file, ()))))
    teams.sort(key=lambda v: (v.name, v.row.id))
    rows = tuple(v.row for v in teams)
    grouped: dict[str, list[TeamRow]] = defaultdict(list)
    for r in rows:
        if r.group:
            grouped[r.group].append(r)
    groups = tuple(GroupView(name=g, ref=ix.group_refs[g], path=ix.group_refs[g].path or "", rows=tuple(members),
                             gap=sum(m.gap for m in members)) for g, members in sorted(grouped.items()))
    column_ids = tuple(sorted({f.factor for t in summaries for f in t.factors},
                              key=lambda f: (order.get(f, len(order)), f)))
    return TeamsData(
        teams=tuple(teams), rows=rows, groups=groups, ungrouped=tuple(r for r in rows if not r.group),
        columns=tuple(ix.factor_ref(f) for f in column_ids), column_ids=column_ids, levels=_levels(ix),
        spreads=tuple(spread[f.id] for f in ix.factor_order if f.id in spread))
