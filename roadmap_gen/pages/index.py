"""The lookups every page family reads (names, titles, links, findings by place), built once per build.

:func:`build_index` makes one frozen :class:`SiteIndex` from the project and its plan; the page
families (:mod:`.factors`, :mod:`.phases`, :mod:`.goals`, :mod:`.governance`, :mod:`.training`,
:mod:`.progress`, :mod:`.health`, :mod:`.teams`, :mod:`.catalogue`) are plain functions of it, so
rendering a page never scans the whole plan again: a build with 1,000 teams stays linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from roadmap_gen.core.diagnostics import Diagnostic, Loc
from roadmap_gen.model import Catalogue, Factor, Organisation, Person, Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.types import FactorLevels, Plan


@dataclass(frozen=True, kw_only=True)
class SiteIndex:
    project: Project
    plan: Plan
    people: Mapping[str, Person]
    names: Mapping[str, str]  # person or stakeholder id -> the name shown
    level_names: Mapping[int, str]
    dimension_titles: Mapping[str, str]
    role_titles: Mapping[str, str]
    factor_refs: Mapping[str, Ref]
    module_refs: Mapping[str, Ref]
    phase_refs: Mapping[int, Ref]
    levels: Mapping[str, FactorLevels]
    factor_order: tuple[Factor, ...]  # dimension by dimension (catalogue order), catalogue order within each
    findings_by_loc: Mapping[Loc, tuple[Diagnostic, ...]]
    item_titles: Mapping[str, str]
    team_refs: Mapping[str, Ref]  # team id -> its page
    group_refs: Mapping[str, Ref]  # group name -> its page

    @property
    def catalogue(self) -> Catalogue:
        return self.project.catalogue

    @property
    def org(self) -> Organisation:
        return self.project.organisation

    def name(self, person: str | None) -> str:
        if not person:
            return ""
        return self.names.get(person, person)

    def factor_ref(self, factor: str) -> Ref:
        return self.factor_refs.get(factor) or Ref(factor)

    def module_ref(self, module: str) -> Ref:
        return self.module_refs.get(module) or Ref(module)

    def phase_ref(self, index: int | None) -> Ref | None:
        return self.phase_refs.get(index) if index is not None else None

    def level_name(self, level: int) -> str:
        return self.level_names.get(level, str(level))

    def findings(self, locs: set[Loc], checks: tuple[str, ...] | None = None) -> tuple[Diagnostic, ...]:
        """The findings located at any of ``locs`` (of the given checks only), sorted."""
        found = {d for loc in locs for d in self.findings_by_loc.get(loc, ()) if checks is None or d.check in checks}
        return tuple(sorted(found, key=Diagnostic.sort_key))


def build_index(project: Project, plan: Plan) -> SiteIndex:
    cat, org = project.catalogue, project.organisation
    names = {s.id: s.title for s in org.stakeholders}
    names.update({p.id: p.name for p in org.people})
    files = paths.factor_file_names(f.id for f in cat.factors)
    dim_order = {d.id: i for i, d in enumerate(cat.dimensions)}
    by_loc: dict[Loc, list[Diagnostic]] = defaultdict(list)
    for d in plan.findings:
        by_loc[d.loc].append(d)
    titles = {i.id: i.title for p in plan.phases for i in p.items}
    for e in plan.later:
        titles.setdefault(e.item.id, e.item.title)
    teams = plan.teams.teams
    team_files = paths.team_file_names(t.id for t in teams)
    group_files = paths.group_file_names(t.group for t in teams if t.group)
    return SiteIndex(
        project=project, plan=plan, people={p.id: p for p in org.people}, names=names,
        level_names={s.number: s.name for s in cat.scale},
        dimension_titles={d.id: d.title for d in cat.dimensions},
        role_titles={r.id: r.title for r in cat.roles},
        factor_refs={f.id: Ref(f.title, f"now/{files[f.id]}.md") for f in cat.factors},
        module_refs={m.id: Ref(m.title, f"{paths.CATALOGUE_TRAINING}#module-{m.id}") for m in cat.training},
        phase_refs={p.index: Ref(str(p.period), paths.phase_path(str(p.period))) for p in plan.phases},
        levels={lv.factor: lv for lv in plan.levels},
        factor_order=tuple(f for _, _, f in sorted(
            (dim_order.get(f.dimension, len(dim_order)), i, f) for i, f in enumerate(cat.factors))),
        findings_by_loc={loc: tuple(found) for loc, found in by_loc.items()},
        item_titles=titles,
        team_refs={t.id: Ref(t.name, f"teams/{team_files[t.id]}.md") for t in teams},
        group_refs={g: Ref(g, f"teams/{name}.md") for g, name in group_files.items()},
    )
