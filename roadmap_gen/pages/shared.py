"""Views more than one page family shows: a health finding, a piece of work, a count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from roadmap_gen.core.diagnostics import Diagnostic, Loc
from roadmap_gen.core.escape import link_target
from roadmap_gen.model import Evidence
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.checks import STALE_DAYS, info_of
from roadmap_gen.plan.types import Item


@dataclass(frozen=True, kw_only=True)
class Count:
    label: str
    count: int
    ref: Ref | None = None


@dataclass(frozen=True, kw_only=True)
class FindingView:
    severity: str
    check: str
    check_title: str
    where: str  # file:line
    message: str
    hint: str
    about: str = ""
    waived: bool = False
    waiver_reason: str = ""
    waiver_by: str = ""
    waiver_until: str = ""


def where(loc: Loc) -> str:
    return f"{loc.file}:{loc.line}" if loc.line else loc.file


def finding_view(d: Diagnostic) -> FindingView:
    w = d.waiver
    return FindingView(severity=d.severity, check=d.check, check_title=info_of(d.check).title, where=where(d.loc),
                       message=d.message, hint=d.hint, about=d.about or "", waived=w is not None,
                       waiver_reason=w.reason if w else "", waiver_by=w.approved_by if w else "",
                       waiver_until=w.until if w else "")


def findings_at(ix: SiteIndex, locs: set[Loc], checks: tuple[str, ...] | None = None) -> tuple[FindingView, ...]:
    return tuple(finding_view(d) for d in ix.findings(locs, checks))


@dataclass(frozen=True, kw_only=True)
class WhyView:
    """Why a placed item is in its phase: the template words it from ``kind``."""

    kind: str  # pinned | pin-moved | in-progress | step | goal | priority | value
    goals: tuple[Ref, ...] = ()
    due: str = ""
    priority: str = ""
    pinned: str = ""
    item: str = ""  # step: the title of the pinned or in-progress item that brought it along
    held: str = ""  # step: pinned | in-progress
    waited: tuple[str, ...] = ()  # the titles of the outside work it waited for


@dataclass(frozen=True, kw_only=True)
class ItemView:
    """A piece of work as the pages show it: names and links instead of ids."""

    id: str
    title: str
    factor_id: str
    factor: Ref
    dimension: str
    raises_to: int
    level_name: str
    effort: float
    owner: str  # a name, "" when nobody
    owner_external: bool
    owner_source: str
    status: str
    own: bool
    training: tuple[Ref, ...]
    phase: Ref | None = None
    notes: str = ""  # the initiative's notes
    pinned: bool = False
    goals: tuple[Ref, ...] = ()  # the goals it enables
    why: WhyView | None = None  # why it is in its phase, when planned
    responsible: tuple[str, ...] = ()  # names
    cost: float = 0.0  # one-off money, in planning.currency
    issue: str = ""  # the work's issue in a tracker (initiatives.<id>.issue), "" when none


def goal_ref(goal_id: str) -> Ref:
    return Ref(goal_id, f"goals.md#goal-{goal_id}")


def item_view(ix: SiteIndex, item: Item, phase: int | None) -> ItemView:
    entry = ix.org.initiative_by_id.get(item.id)
    why = item.why
    why_view = None if why is None else WhyView(
        kind=why.kind, goals=tuple(goal_ref(g) for g in why.goals), due=str(why.due) if why.due else "",
        priority=why.priority,
        pinned=str(why.pinned) if why.pinned else "", item=ix.item_titles.get(why.item, why.item) if why.item else "",
        held=why.held or "", waited=tuple(_dependency_title(ix, d) for d in why.waited))
    return ItemView(
        id=item.id, title=item.title, factor_id=item.factor, factor=ix.factor_ref(item.factor),
        dimension=ix.dimension_titles.get(item.dimension, item.dimension), raises_to=item.raises_to,
        level_name=ix.level_name(item.raises_to), effort=item.effort,
        owner=item.owner_name or ix.name(item.owner), owner_external=item.owner_external,
        owner_source=item.owner_source, status=item.status, own=item.own,
        training=tuple(ix.module_ref(m) for m in item.training), phase=ix.phase_ref(phase),
        notes=entry.notes if entry is not None else "", pinned=item.pinned,
        goals=tuple(goal_ref(g) for g in item.goals), why=why_view,
        responsible=tuple(ix.name(p) for p in item.responsible), cost=item.cost,
        issue=item.issue)


def _dependency_title(ix: SiteIndex, dependency: str) -> str:
    found = ix.org.dependency_by_id.get(dependency)
    return f"{found.title} (expected {found.expected})" if found is not None else dependency


#: How an evidence link is shown: as a link, as text (a relative path), or not at all (unsafe).
LinkKind = Literal["", "link", "relative", "unsafe"]
@dataclass(frozen=True, kw_only=True)
class EvidenceView:
    text: str
    date: str  # ISO, or "" when undated
    days: int | None  # age at the review, None when undated (negative: dated after the review)
    stale: bool
    href: str | None  # a safe absolute link, or None
    link: str  # the link as written
    link_kind: LinkKind


def evidence_view(e: Evidence, review_date: date) -> EvidenceView:
    days = (review_date - e.date).days if e.date is not None else None
    href, kind = None, ""
    if e.link:
        target = link_target(e.link)
        if target is None:
            kind = "unsafe"
        elif target.lower().startswith(("http://", "https://", "mailto:")):
            href, kind = target, "link"
        else:
            kind = "relative"
    return EvidenceView(text=e.text, date=e.date.isoformat() if e.date else "", days=days,
                        stale=days is None or days > STALE_DAYS, href=href, link=e.link or "",
                        link_kind=kind)  # type: ignore[arg-type]


def join(names: Iterable[str]) -> str:
    return ", ".join(names)
