"""The lookups the views are made from: built once per build, read by every view builder."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable, Optional, Sequence

from roadmap_gen.diagnostics import Diagnostic, Loc
from roadmap_gen.escape import link_target
from roadmap_gen.model import Evidence, Locs, Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.teams import TeamIndex
from roadmap_gen.pages.values import EvidenceView, FindingView, ItemView
from roadmap_gen.plan.checks import STALE_DAYS, info_of
from roadmap_gen.plan.types import Item, Plan



# --- helpers -----------------------------------------------------------------------------


def where(loc: Loc) -> str:
    return f"{loc.file}:{loc.line}" if loc.line else loc.file


def finding_view(d: Diagnostic) -> FindingView:
    return FindingView(d.severity, d.check, info_of(d.check).title, where(d.loc), d.message, d.hint)


def locs_of(locs: Locs) -> set[Loc]:
    return {locs.at_entity, *(loc for _, loc in locs.fields)}


def age_text(days: Optional[int]) -> str:
    if days is None:
        return "no date"
    if days < 0:
        return "dated after the review"
    return "1 day" if days == 1 else f"{days} days"


def evidence_view(e: Evidence, review_date: date) -> EvidenceView:
    days = (review_date - e.date).days if e.date is not None else None
    href, note = None, ""
    if e.link:
        target = link_target(e.link)
        if target is None:
            note = "link not shown: not a safe web address"
        elif target.lower().startswith(("http://", "https://", "mailto:")):
            href = target
        else:
            note = f"at {e.link}"
    return EvidenceView(e.text, e.date.isoformat() if e.date else "", age_text(days),
                        days is None or days > STALE_DAYS, href, note)


def newest_age(evidence: Sequence[Evidence], review_date: date) -> str:
    dated = [e.date for e in evidence if e.date is not None]
    if not evidence:
        return "no evidence"
    if not dated:
        return "no date"
    return age_text((review_date - max(dated)).days)


def progress_of(baseline: Optional[float], current: Optional[float], target: Optional[float]) -> Optional[float]:
    if baseline is None or current is None or target is None or target == baseline:
        return None
    return round((current - baseline) / (target - baseline) * 100, 0)


def join(names: Iterable[str]) -> str:
    return ", ".join(names)


# --- the builder -------------------------------------------------------------------------


class Lookups:
    """The lookups every view needs (names, titles, links, findings by place), made once per build."""

    def __init__(self, project: Project, plan: Plan):
        self.project, self.plan = project, plan
        cat, org = project.catalogue, project.organisation
        self.cat, self.org = cat, org
        self.review_date = org.review.date
        self.people = {p.id: p for p in org.people}
        self.names: dict[str, str] = {s.id: s.title for s in org.stakeholders}
        self.names.update({p.id: p.name for p in org.people})
        self.level_names = {s.number: s.name for s in cat.scale}
        self.dimension_title = {d.id: d.title for d in cat.dimensions}
        self.role_title = {r.id: r.title for r in cat.roles}
        files = paths.factor_file_names(f.id for f in cat.factors)
        self.factor_refs = {f.id: Ref(f.title, f"now/{files[f.id]}.md") for f in cat.factors}
        self.module_refs = {m.id: Ref(m.title, f"{paths.CATALOGUE_TRAINING}#module-{m.id}") for m in cat.training}
        self.phase_refs = {p.index: Ref(str(p.period), paths.phase_path(str(p.period))) for p in plan.phases}
        self.levels = {lv.factor: lv for lv in plan.levels}
        # dimension by dimension (catalogue order), factors in catalogue order within each
        dim_order = {d.id: i for i, d in enumerate(cat.dimensions)}
        self.factor_order = [f for _, _, f in sorted(
            (dim_order.get(f.dimension, len(dim_order)), i, f) for i, f in enumerate(cat.factors))]
        self.findings_by_loc: dict[Loc, list[Diagnostic]] = defaultdict(list)
        for d in plan.findings:
            self.findings_by_loc[d.loc].append(d)
        self.team_index = TeamIndex(project, plan, self.factor_ref)
        self.item_titles = {i.id: i.title for p in plan.phases for i in p.items}
        for e in plan.later:
            self.item_titles.setdefault(e.item.id, e.item.title)

    # names and refs

    def name(self, person: Optional[str]) -> str:
        if not person:
            return ""
        return self.names.get(person, person)

    def factor_ref(self, factor: str) -> Ref:
        return self.factor_refs.get(factor) or Ref(factor)

    def module_ref(self, module: str) -> Ref:
        return self.module_refs.get(module) or Ref(module)

    def phase_ref(self, index: Optional[int]) -> Optional[Ref]:
        return self.phase_refs.get(index) if index is not None else None

    def level_name(self, level: int) -> str:
        return self.level_names.get(level, str(level))

    def findings_at(self, locs: Iterable[Loc], checks: Optional[Sequence[str]] = None) -> tuple[FindingView, ...]:
        found: list[Diagnostic] = []
        for loc in locs:
            found.extend(d for d in self.findings_by_loc.get(loc, ()) if checks is None or d.check in checks)
        return tuple(finding_view(d) for d in sorted(set(found), key=Diagnostic.sort_key))

    # items

    def item(self, item: Item, phase: Optional[int]) -> ItemView:
        return ItemView(
            id=item.id, title=item.title, factor_id=item.factor, factor=self.factor_ref(item.factor),
            dimension=self.dimension_title.get(item.dimension, item.dimension), raises_to=item.raises_to,
            level_name=self.level_name(item.raises_to), effort=item.effort,
            owner=item.owner_name or self.name(item.owner), owner_external=item.owner_external,
            owner_source=item.owner_source, status=item.status, own=item.own,
            training=tuple(self.module_ref(m) for m in item.training), phase=self.phase_ref(phase))
