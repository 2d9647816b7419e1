"""Governance: the sponsor, people and their load, who does what, stakeholders, feedback, review cadence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import join


@dataclass(frozen=True)
class OwnerCell:
    count: int
    effort: float
    over_limit: bool


@dataclass(frozen=True)
class OwnerRow:
    name: str
    external: bool
    cells: tuple[Optional[OwnerCell], ...]
    total: int


@dataclass(frozen=True)
class RaciRow:
    item: str
    factor: Ref
    phase: Optional[Ref]
    accountable: str
    responsible: str
    consulted: str
    informed: str


@dataclass(frozen=True)
class Raci:
    rows: tuple[RaciRow, ...]
    consulted: str  # the same for every row ("" when rows differ)
    informed: str


@dataclass(frozen=True)
class PersonView:
    name: str
    roles: tuple[str, ...]  # role titles
    team: str
    email: str
    external: bool


@dataclass(frozen=True)
class StakeholderView:
    title: str
    engagement: str
    contact: str
    feedback: int
    description: str = ""


@dataclass(frozen=True)
class FeedbackView:
    date: str
    source: str
    text: str
    status: str  # open | accepted | considered | declined: the template words it
    response: str


@dataclass(frozen=True)
class ReviewDate:
    period: str
    date: str


def owner_rows(ix: SiteIndex) -> tuple[OwnerRow, ...]:
    n = len(ix.plan.phases)
    cells: dict[str, list[Optional[OwnerCell]]] = {}
    info: dict[str, tuple[str, bool]] = {}
    for o in ix.plan.owners:
        row = cells.setdefault(o.person, [None] * n)
        if 0 <= o.phase < n:
            row[o.phase] = OwnerCell(o.count, o.effort, o.over_limit)
        info[o.person] = (o.name or ix.name(o.person), o.external)
    rows = [OwnerRow(info[p][0], info[p][1], tuple(c), sum(x.count for x in c if x is not None))
            for p, c in cells.items()]
    return tuple(sorted(rows, key=lambda r: (r.name, r.total)))


def raci(ix: SiteIndex) -> Raci:
    rows = []
    consulted = {r.consulted for r in ix.plan.raci}
    informed = {r.informed for r in ix.plan.raci}
    common_c, common_i = len(consulted) == 1, len(informed) == 1
    for r in sorted(ix.plan.raci, key=lambda r: (r.phase is None, r.phase or 0, r.item)):
        rows.append(RaciRow(
            item=r.title, factor=ix.factor_ref(r.factor), phase=ix.phase_ref(r.phase),
            accountable=ix.name(r.accountable), responsible=join(ix.name(p) for p in r.responsible),
            consulted="" if common_c else join(ix.name(p) for p in r.consulted),
            informed="" if common_i else join(ix.name(p) for p in r.informed)))
    return Raci(tuple(rows), join(ix.name(p) for p in next(iter(consulted))) if common_c else "",
                join(ix.name(p) for p in next(iter(informed))) if common_i else "")


def people(ix: SiteIndex) -> tuple[PersonView, ...]:
    return tuple(sorted((PersonView(p.name, tuple(ix.role_titles.get(r, r) for r in p.roles),
                                    ix.team_refs[p.team].title if p.team and p.team in ix.team_refs
                                    else (p.team or ""),
                                    p.email, p.external)
                         for p in ix.org.people), key=lambda v: (v.name, v.email)))


def stakeholders(ix: SiteIndex) -> tuple[StakeholderView, ...]:
    counts: dict[str, int] = defaultdict(int)
    for fb in ix.org.feedback:
        counts[fb.source] += 1
    return tuple(sorted((StakeholderView(s.title, s.engagement, ix.name(s.contact), counts.get(s.id, 0),
                                         s.description) for s in ix.org.stakeholders),
                        key=lambda s: (s.title, s.contact)))


def feedback(ix: SiteIndex) -> tuple[FeedbackView, ...]:
    rows = [FeedbackView(str(fb.date) if fb.date else "", ix.name(fb.source), fb.text, fb.status, fb.response)
            for fb in ix.org.feedback]
    return tuple(sorted(rows, key=lambda f: (f.date, f.source, f.text)))


def earlier_reviews(ix: SiteIndex) -> tuple[ReviewDate, ...]:
    h = ix.plan.history
    return tuple(ReviewDate(str(p), d.isoformat()) for p, d in zip(h.periods, h.dates)
                 if p != ix.org.review.period)
