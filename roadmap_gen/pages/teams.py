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
  :data:`roadmap_gen.pages.sections.TEAM_FINDINGS_LISTED`; above that it counts
  them per team, and each team's page lists its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Sequence

from roadmap_gen.model import Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.types import Plan, TeamSummary

HEATMAP_MAX_ROWS = 60
LAGGING_SHOWN = 8


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class TeamFactorView:
    factor: Ref
    level: int
    target: int
    gap: int
    applicable: bool
    organisation: Optional[int]
    organisation_end: Optional[int]


@dataclass(frozen=True)
class ClosingWork:
    factor: Ref
    team_level: int
    team_target: int
    items: tuple  # of views.ItemView


@dataclass(frozen=True)
class OpenGap:
    factor: Ref
    level: int
    target: int
    reason: str


@dataclass(frozen=True)
class TeamView:
    row: TeamRow
    name: str
    path: str
    lead: str
    group: Optional[Ref]
    factors: tuple[TeamFactorView, ...]
    closing: tuple[ClosingWork, ...]
    open: tuple[OpenGap, ...]
    findings: tuple  # of views.FindingView


@dataclass(frozen=True)
class GroupView:
    name: str
    ref: Ref
    path: str
    rows: tuple[TeamRow, ...]
    gap: int


@dataclass(frozen=True)
class TeamsData:
    teams: tuple[TeamView, ...]  # by name, then id
    rows: tuple[TeamRow, ...]
    groups: tuple[GroupView, ...]  # by name
    ungrouped: tuple[TeamRow, ...]
    columns: tuple[Ref, ...]  # factors any team assessed, in the site's factor order
    column_ids: tuple[str, ...]
    levels: Mapping[str, Mapping[str, Optional[int]]]  # team id -> factor id -> level (None: not applicable)
    spreads: tuple  # of views.SpreadView, in factor order


class TeamIndex:
    """The lookups about teams, made once per build."""

    def __init__(self, project: Project, plan: Plan, factor_ref: Callable[[str], Ref]):
        self.project, self.plan, self.factor_ref = project, plan, factor_ref
        summaries = plan.teams.teams
        files = paths.team_file_names(t.id for t in summaries)
        self.refs = {t.id: Ref(t.name, f"teams/{files[t.id]}.md") for t in summaries}
        self.group_files = paths.group_file_names(t.group for t in summaries if t.group)
        self.group_refs = {g: Ref(g, f"teams/{name}.md") for g, name in self.group_files.items()}
        self.level: dict[str, dict[str, Optional[int]]] = {
            t.id: {f.factor: (f.level if f.applicable else None) for f in t.factors} for t in summaries}
        self.summaries: tuple[TeamSummary, ...] = summaries

    def spreads(self) -> dict[str, object]:
        from roadmap_gen.pages.views import SpreadView  # views imports this module

        out: dict[str, object] = {}
        for s in self.plan.teams.factors:
            ranked = sorted(s.lagging, key=lambda t: (self.level.get(t, {}).get(s.factor) or 0,
                                                      self.refs[t].title if t in self.refs else t, t))
            shown = tuple(self.refs[t] for t in ranked[:LAGGING_SHOWN] if t in self.refs)
            out[s.factor] = SpreadView(self.factor_ref(s.factor), s.teams, s.lowest, s.median, s.highest,
                                       s.organisation, shown, max(0, len(ranked) - len(shown)))
        return out

    def build(self, factor_order: Sequence[str], items_by_factor: Mapping[str, Sequence[object]],
              org_levels: Mapping[str, tuple[Optional[int], Optional[int]]],
              names: Callable[[Optional[str]], str], findings_by_file: Mapping[str, tuple],
              spreads: Mapping[str, object]) -> Optional[TeamsData]:
        """The teams' views; ``org_levels`` maps a factor to the organisation's (now, end of plan)."""
        if not self.summaries:
            return None
        order = {f: i for i, f in enumerate(factor_order)}
        end_period = str(self.plan.phases[-1].period) if self.plan.phases else ""
        teams: list[TeamView] = []
        for t in self.summaries:
            factors, closing, open_gaps = [], [], []
            for f in sorted(t.factors, key=lambda f: (order.get(f.factor, len(order)), f.factor)):
                org_now, org_end = org_levels.get(f.factor, (None, None))
                ref = self.factor_ref(f.factor)
                factors.append(TeamFactorView(ref, f.level, f.target, f.gap, f.applicable, org_now, org_end))
                if not f.applicable or f.gap <= 0:
                    continue
                items = tuple(i for i in items_by_factor.get(f.factor, ())
                              if getattr(i, "raises_to", 0) > f.level)
                if items:
                    closing.append(ClosingWork(ref, f.level, f.target, items))
                if not items:
                    if org_now is not None and org_now >= f.target:
                        reason = (f"no organisation work is planned: the organisation is already at level "
                                  f"{org_now}, so the team's gap is in adopting what exists")
                    else:
                        reason = "no work on this factor above the team's level is planned within the horizon"
                    open_gaps.append(OpenGap(ref, f.level, f.target, reason))
                elif org_end is not None and org_end < f.target:
                    open_gaps.append(OpenGap(
                        ref, f.level, f.target,
                        f"the plan takes the organisation to level {org_end} by {end_period}, "
                        f"below the team's target of {f.target}"))
            ref = self.refs[t.id]
            assessed = sum(1 for f in t.factors if f.applicable)
            row = TeamRow(t.id, ref, names(t.lead), t.group or "", assessed,
                          sum(1 for f in t.factors if f.applicable and f.gap > 0), t.gap, len(open_gaps))
            teams.append(TeamView(row, t.name, ref.path or "", names(t.lead),
                                  self.group_refs.get(t.group) if t.group else None, tuple(factors),
                                  tuple(closing), tuple(open_gaps), findings_by_file.get(t.file, ())))
        teams.sort(key=lambda v: (v.name, v.row.id))
        rows = tuple(v.row for v in teams)
        grouped: dict[str, list[TeamRow]] = defaultdict(list)
        for r in rows:
            if r.group:
                grouped[r.group].append(r)
        groups = tuple(GroupView(g, self.group_refs[g], self.group_refs[g].path or "", tuple(members),
                                 sum(m.gap for m in members))
                       for g, members in sorted(grouped.items()))
        column_ids = tuple(sorted({f.factor for t in self.summaries for f in t.factors},
                                  key=lambda f: (order.get(f, len(order)), f)))
        return TeamsData(
            teams=tuple(teams), rows=rows, groups=groups, ungrouped=tuple(r for r in rows if not r.group),
            columns=tuple(self.factor_ref(f) for f in column_ids), column_ids=column_ids, levels=self.level,
            spreads=tuple(spreads[f] for f in factor_order if f in spreads))
