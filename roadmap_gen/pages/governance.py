"""Governance: the sponsor, people and their load, who does what, stakeholders, feedback, review cadence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from roadmap_gen.model import Person
from roadmap_gen.pages import paths
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import join
from roadmap_gen.plan.owners import ENGAGED


@dataclass(frozen=True, kw_only=True)
class OwnerCell:
    count: int
    effort: float
    over_limit: bool


@dataclass(frozen=True, kw_only=True)
class OwnerRow:
    name: str
    external: bool
    cells: tuple[OwnerCell | None, ...]
    total: int


@dataclass(frozen=True, kw_only=True)
class RaciRow:
    item: str
    factor: Ref
    phase: Ref | None
    accountable: str
    responsible: str  # the people named to do it
    consulted: str
    informed: str
    candidates: str = ""  # where none are named: the others who hold the work's role


@dataclass(frozen=True, kw_only=True)
class Raci:
    rows: tuple[RaciRow, ...]
    consulted: str  # the same for every row ("" when rows differ)
    informed: str


@dataclass(frozen=True, kw_only=True)
class PersonView:
    name: str
    roles: tuple[str, ...]  # role titles
    team: str
    email: str
    external: bool
    until: str = ""  # the last day they are available
    owns: tuple[str, ...] = ()  # what they own until then: factors, goals, practices, planned work
    trained: tuple[tuple[Ref, str], ...] = ()  # modules completed, with the date when known


@dataclass(frozen=True, kw_only=True)
class PracticeView:
    """A practice, or a class of configuration items, in the scope: when it is in, and who owns it."""

    id: str
    kind: str  # "Practice" | "Configuration item"
    label: str
    status: str  # in | later | out
    start: str  # the quarter a later practice enters scope
    reason: str
    owner: str
    owner_external: bool


@dataclass(frozen=True, kw_only=True)
class PracticeRaci:
    practice: str
    accountable: str  # the practice's owner
    consulted: str  # stakeholders engaged at medium or high
    informed: str  # the sponsor


@dataclass(frozen=True, kw_only=True)
class StakeholderView:
    title: str
    engagement: str
    contact: str
    feedback: int
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class FeedbackView:
    date: str
    source: str
    text: str
    status: str  # open | accepted | considered | declined: the template words it
    response: str


@dataclass(frozen=True, kw_only=True)
class ReviewDate:
    period: str
    date: str


def owner_rows(ix: SiteIndex) -> tuple[OwnerRow, ...]:
    n = len(ix.plan.phases)
    cells: dict[str, list[OwnerCell | None]] = {}
    info: dict[str, tuple[str, bool]] = {}
    for o in ix.plan.owners:
        row = cells.setdefault(o.person, [None] * n)
        if 0 <= o.phase < n:
            row[o.phase] = OwnerCell(count=o.count, effort=o.effort, over_limit=o.over_limit)
        info[o.person] = (o.name or ix.name(o.person), o.external)
    rows = [OwnerRow(name=info[p][0], external=info[p][1], cells=tuple(c),
                     total=sum(x.count for x in c if x is not None))
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
            informed="" if common_i else join(ix.name(p) for p in r.informed),
            candidates=join(ix.name(p) for p in r.candidates)))
    return Raci(rows=tuple(rows), consulted=join(ix.name(p) for p in next(iter(consulted))) if common_c else "",
                informed=join(ix.name(p) for p in next(iter(informed))) if common_i else "")


def _owns(ix: SiteIndex, person: Person) -> tuple[str, ...]:
    """What someone with an end date owns until it: factors, goals, practices, and work planned before it."""
    org = ix.org
    until = person.until
    if until is None:
        return ()
    owned = [f"factor: {ix.factor_ref(a.factor).title}" for a in org.assessment if a.owner == person.id]
    owned += [f"goal: {g.id}" for g in org.goals if g.owner == person.id]
    owned += [f"practice: {paths.label_of(p.id)}" for p in org.practices if p.owner == person.id]
    owned += [f"{phase.period}: {item.title}" for phase in ix.plan.phases if phase.period.first_day <= until
              for item in phase.items if item.owner == person.id]
    return tuple(owned)


def people(ix: SiteIndex) -> tuple[PersonView, ...]:
    return tuple(sorted((PersonView(name=p.name, roles=tuple(ix.role_titles.get(r, r) for r in p.roles),
                                    team=ix.team_refs[p.team].title if p.team and p.team in ix.team_refs
                                    else (p.team or ""),
                                    email=p.email, external=p.external, until=str(p.until) if p.until else "",
                                    owns=_owns(ix, p),
                                    trained=tuple((ix.module_ref(r.module), str(r.date) if r.date else "")
                                          for r in p.trained))
                         for p in ix.org.people), key=lambda v: (v.name, v.email)))


def practices(ix: SiteIndex) -> tuple[PracticeView, ...]:
    """The practices, then the configuration item classes, each by status (in, later, out) and id."""
    out = []
    for group, kind in ((ix.org.practices, "Practice"), (ix.org.configuration_items, "Configuration item")):
        for p in sorted(group, key=lambda p: ({"in": 0, "later": 1, "out": 2}[p.status], p.id)):
            owner = ix.people.get(p.owner or "")
            out.append(PracticeView(id=p.id, kind=kind, label=paths.label_of(p.id), status=p.status,
                                    start=str(p.start) if p.start else "",
                                    reason=p.reason, owner=ix.name(p.owner),
                                    owner_external=bool(owner and owner.external)))
    return tuple(out)


def practice_raci(ix: SiteIndex) -> tuple[PracticeRaci, ...]:
    """A RACI per practice in scope now or later: its owner accountable, engaged stakeholders consulted,
    the sponsor informed."""
    org = ix.org
    consulted = join(ix.name(s.id) for s in sorted(org.stakeholders, key=lambda s: s.id) if s.engagement in ENGAGED)
    informed = ix.name(org.sponsor) if org.sponsor in org.person_by_id else ""
    return tuple(PracticeRaci(practice=paths.label_of(p.id), accountable=ix.name(p.owner), consulted=consulted,
                              informed=informed)
                 for p in sorted(org.practices, key=lambda p: p.id) if p.status != "out")


def stakeholders(ix: SiteIndex) -> tuple[StakeholderView, ...]:
    counts: dict[str, int] = defaultdict(int)
    for fb in ix.org.feedback:
        counts[fb.source] += 1
    return tuple(sorted((StakeholderView(title=s.title, engagement=s.engagement, contact=ix.name(s.contact),
                                         feedback=counts.get(s.id, 0),
                                         description=s.description) for s in ix.org.stakeholders),
                        key=lambda s: (s.title, s.contact)))


def feedback(ix: SiteIndex) -> tuple[FeedbackView, ...]:
    rows = [FeedbackView(date=str(fb.date) if fb.date else "", source=ix.name(fb.source), text=fb.text,
                         status=fb.status, response=fb.response)
            for fb in ix.org.feedback]
    return tuple(sorted(rows, key=lambda f: (f.date, f.source, f.text)))


def earlier_reviews(ix: SiteIndex) -> tuple[ReviewDate, ...]:
    h = ix.plan.history
    return tuple(ReviewDate(period=str(p), date=d.isoformat()) for p, d in zip(h.periods, h.dates)
                 if p != ix.org.review.period)
