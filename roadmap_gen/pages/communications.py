"""Communications (``communications/``): for each stakeholder, each phase with work they are consulted
or informed on, whom to contact, and the day to tell them by (from the plan's communications)."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.refs import Ref
from roadmap_gen.plan.communications import TELL_AHEAD


@dataclass(frozen=True, kw_only=True)
class PhaseMessage:
    """What one stakeholder must hear about one phase, and by when."""

    stakeholder: str  # its title
    contact: str  # the name of who talks to them, "" when nobody is named
    contact_external: bool
    phase: Ref | None
    period: str
    tell_by: str  # ISO day
    late: bool  # the day is before the review's: tell them now
    consulted: tuple[str, ...]  # work titles, by title
    informed: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class StakeholderMessages:
    title: str
    engagement: str
    contact: str
    contact_external: bool
    interests: tuple[str, ...]  # factor or dimension titles; () when it has none (the engagement rule)
    phases: tuple[PhaseMessage, ...]


@dataclass(frozen=True, kw_only=True)
class Communications:
    stakeholders: tuple[StakeholderMessages, ...]  # by title
    tell_ahead: int = TELL_AHEAD

    def of_period(self, period: str) -> tuple[PhaseMessage, ...]:
        """Every stakeholder's message about one phase, by stakeholder."""
        return tuple(m for s in self.stakeholders for m in s.phases if m.period == period)


def _interest(ix: SiteIndex, interest: str) -> str:
    if interest in ix.factor_refs:
        return ix.factor_refs[interest].title
    return ix.dimension_titles.get(interest, interest)


def communications(ix: SiteIndex) -> Communications:
    index = {str(p.period): p.index for p in ix.plan.phases}
    review = ix.plan.review_date
    by_stakeholder: dict[str, list[PhaseMessage]] = {}
    for c in ix.plan.communications:
        contact = ix.people.get(c.contact or "")
        title = ix.names.get(c.stakeholder, c.stakeholder)
        by_stakeholder.setdefault(c.stakeholder, []).append(PhaseMessage(
            stakeholder=title, contact=ix.name(c.contact) if c.contact else "",
            contact_external=bool(contact and contact.external),
            phase=ix.phase_ref(index.get(str(c.period))), period=str(c.period), tell_by=c.tell_by.isoformat(),
            late=c.tell_by < review,
            consulted=tuple(sorted(ix.item_titles.get(i, i) for i in c.consulted)),
            informed=tuple(sorted(ix.item_titles.get(i, i) for i in c.informed))))
    out = []
    for s in ix.org.stakeholders:
        contact = ix.people.get(s.contact or "")
        out.append(StakeholderMessages(
            title=s.title, engagement=s.engagement, contact=ix.name(s.contact) if s.contact else "",
            contact_external=bool(contact and contact.external),
            interests=tuple(_interest(ix, i) for i in s.interests), phases=tuple(by_stakeholder.get(s.id, ()))))
    return Communications(stakeholders=tuple(sorted(out, key=lambda s: (s.title, s.contact))))
