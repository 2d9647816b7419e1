"""Teams: each team's levels, targets and gaps, and the spread across teams.

Per team, the factors where it stands below the organisation's current level: gaps the plan, made
for the organisation's level, leaves open for that team.

Across teams, per factor (only applicable team assessments count): the lowest,
median and highest level, and the teams that lag, i.e. whose level is below the
median or below the organisation's own level for that factor. Levels are small
integers, so the median comes from counting (no sort): linear in teams.
"""

from __future__ import annotations

from roadmap_gen.model import Project
from roadmap_gen.plan.types import FactorSpread, TeamFactor, TeamGroup, TeamsSummary, TeamSummary


def _middle(counts: dict[int, int], total: int) -> tuple[int, int]:
    """The two middle values (the same one twice for an odd count) of a multiset of integers given as
    value -> count."""
    lower_index, upper_index = (total - 1) // 2, total // 2
    seen = 0
    lower = upper = None
    for value in sorted(counts):  # at most one key per scale level
        seen += counts[value]
        if lower is None and seen > lower_index:
            lower = value
        if seen > upper_index:
            upper = value
            break
    assert lower is not None and upper is not None
    return lower, upper


def _median(counts: dict[int, int], total: int) -> float:
    lower, upper = _middle(counts, total)
    return (lower + upper) / 2


def team_summary(project: Project) -> TeamsSummary:
    org_levels = {a.factor: a.level for a in project.organisation.assessment if a.applicable}
    teams = []
    counts: dict[str, dict[int, int]] = {}
    members: dict[str, list[tuple[str, int]]] = {}
    groups: dict[str, list[str]] = {}
    for team in sorted(project.teams, key=lambda t: t.id):
        rows = []
        for a in sorted(team.assessment, key=lambda a: a.factor):
            rows.append(TeamFactor(factor=a.factor, level=a.level, target=a.target, gap=a.gap,
                                   applicable=a.applicable))
            if a.applicable:
                bucket = counts.setdefault(a.factor, {})
                bucket[a.level] = bucket.get(a.level, 0) + 1
                members.setdefault(a.factor, []).append((team.id, a.level))
        below = tuple(r.factor for r in rows
                      if r.applicable and r.factor in org_levels and r.level < org_levels[r.factor])
        teams.append(TeamSummary(id=team.id, name=team.name, lead=team.lead, group=team.group,
                                 factors=tuple(rows), file=team.file, below=below))
        if team.group:
            groups.setdefault(team.group, []).append(team.id)

    spreads = []
    for factor in sorted(counts):
        bucket = counts[factor]
        total = sum(bucket.values())
        lower, upper = _middle(bucket, total)
        median = (lower + upper) / 2
        org_level = org_levels.get(factor)
        lagging = tuple(team for team, level in members[factor]
                        if level < median or (org_level is not None and level < org_level))
        spreads.append(FactorSpread(factor=factor, teams=total, lowest=min(bucket), median=median,
                                    highest=max(bucket), organisation=org_level, lagging=lagging,
                                    lower_median=lower))
    return TeamsSummary(teams=tuple(teams), factors=tuple(spreads),
                        groups=tuple(TeamGroup(g, tuple(ids)) for g, ids in sorted(groups.items())))
