"""``roadmap.ics``: the programme's dates as a calendar of all-day events.

The next review, each phase's first and last day, the day each goal falls due, the last day each
waiver in force holds (a quarter falls on its last day) and the day to tell each stakeholder group
about each phase's work. Made with the ``icalendar`` package, which
escapes text and folds long lines as RFC 5545 wants.

Re-importing the file after the next review must update events, not add them again, so:

- an event's ``UID`` is derived from the organisation, the kind of event and the id of what it is
  about (the phase's quarter, the goal's id, the waiver's check and about), never from its date: the
  next review keeps its UID when it moves, a goal when its due moves;
- ``DTSTAMP`` is the review's day (midnight UTC) and ``SEQUENCE`` counts quarters (year * 4 + quarter
  - 1), so both grow from one review to the next and neither depends on the clock: two builds of the
  same project give the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

from icalendar import Calendar, Event

from roadmap_gen.core.escape import one_line
from roadmap_gen.core.numbers import fmt, plural
from roadmap_gen.core.version import __version__
from roadmap_gen.model import Organisation, Project
from roadmap_gen.plan.goals import goal_due
from roadmap_gen.plan.types import Plan

EventKind = Literal["review", "phase-start", "phase-end", "goal-due", "dependency-expected", "waiver-lapses",
                    "tell-by"]
KINDS: tuple[EventKind, ...] = ("review", "phase-start", "phase-end", "goal-due", "dependency-expected",
                                "waiver-lapses", "tell-by")
#: The right-hand side of every UID: RFC 5545 asks for a globally unique id, typically ``...@domain``.
UID_DOMAIN = "roadmap-gen"


@dataclass(frozen=True)
class CalendarEvent:
    kind: EventKind
    key: str  # the id of what it is about: stable from one review to the next
    day: date
    summary: str
    description: str

    def uid(self, organisation: str) -> str:
        digest = hashlib.sha256("\x1f".join((organisation, self.kind, self.key)).encode("utf-8")).hexdigest()
        return f"{digest[:32]}@{UID_DOMAIN}"


def calendar_events(project: Project, plan: Plan) -> tuple[CalendarEvent, ...]:
    """Every event of the calendar, by day, then kind, then key."""
    org = project.organisation
    name = one_line(org.programme or org.name)
    events = [CalendarEvent(
        "review", "next", plan.next_review, f"{name}: quarterly review",
        f"The review after {plan.review} (held on {plan.review_date.isoformat()}): update the assessment, "
        f"then run roadmap-gen review to freeze {plan.review} and open the next quarter.")]
    for phase in plan.phases:
        period = str(phase.period)
        work = "\n".join(f"- {one_line(i.title)} ({one_line(i.owner_name or i.owner or 'no owner')})"
                         for i in phase.items)
        events.append(CalendarEvent(
            "phase-start", period, phase.period.first_day, f"{name}: phase {period} starts",
            f"Phase {phase.index + 1} of {len(plan.phases)}: {plural(len(phase.items), 'piece')} of "
            f"work, {fmt(phase.effort)} of {fmt(phase.capacity)} {one_line(plan.effort_unit or 'effort points')}"
            + (f", costing {fmt(phase.cost.total)}{' ' + one_line(plan.currency) if plan.currency else ''}"
               if phase.cost.total else "")
            + ("" if phase.funded else f" (unfunded: after {plan.funded_until})") + "."
            + (f"\n{work}" if work else "")))
        events.append(CalendarEvent(
            "phase-end", period, phase.period.last_day, f"{name}: phase {period} ends",
            f"The last day of phase {phase.index + 1} of {len(plan.phases)}: by its end the plan raises "
            f"{plural(len({f for f, _ in phase.steps}), 'factor')} by {plural(len(phase.steps), 'level')} in all."))
    people = org.person_by_id
    statuses = {g.id: g.status for g in plan.goals}
    for goal in org.goals:
        due = goal_due(goal, org)
        if due is None:
            continue
        person = people.get(goal.owner or "")
        owner = person.name if person is not None else (goal.owner or "no owner")
        events.append(CalendarEvent(
            "goal-due", goal.id, due.last_day, f"{name}: goal {goal.id} falls due",
            f"{one_line(goal.statement)}\nStatus at the {plan.review} review: "
            f"{statuses.get(goal.id, 'no-data').replace('-', ' ')}. Owner: {one_line(owner)}."))
    titles = {i.id: i.title for i in plan.items} | {e.item.id: e.item.title for e in plan.later}
    for dep in plan.dependencies:
        if dep.status == "done":
            continue
        who = people.get(dep.owner or "")
        owner = who.name if who is not None else (dep.owner or "no owner")
        waiting = "\n".join(f"- {one_line(titles.get(i, i))}" for i in dep.items)
        events.append(CalendarEvent(
            "dependency-expected", dep.id, dep.expected.last_day, f"{name}: {one_line(dep.title)} expected",
            f"Work outside the programme, expected by the end of {dep.expected} ({dep.status}). Owner: "
            f"{one_line(owner)}. {plural(len(dep.items), 'piece')} of work wait for it"
            + (f":\n{waiting}" if waiting else ".")))
    seen: dict[str, int] = {}
    for waiver in org.waivers:
        if waiver.until < plan.review:
            continue  # lapsed already: waiver-expired says so
        key = f"{waiver.check}\x1f{waiver.about or ''}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}\x1f{seen[key]}"
        approver = people[waiver.approved_by].name if waiver.approved_by in people else waiver.approved_by
        about = f" about {one_line(waiver.about)}" if waiver.about else ""
        events.append(CalendarEvent(
            "waiver-lapses", key, waiver.until.last_day, f"{name}: waiver of {waiver.check}{about} lapses",
            f"The last day the waiver holds (until {waiver.until}): from tomorrow its finding counts again. "
            f"Reason: {one_line(waiver.reason)} Approved by {one_line(approver)}."))
    events.extend(_tell_by(plan, org, name))
    order = {k: i for i, k in enumerate(KINDS)}
    return tuple(sorted(events, key=lambda e: (e.day, order[e.kind], e.key)))


def _tell_by(plan: Plan, org: Organisation, name: str) -> list[CalendarEvent]:
    """The day to tell each stakeholder group about each phase's work (key: the group and the quarter)."""
    groups = org.stakeholder_by_id
    people = org.person_by_id
    titles = {i.id: i.title for i in plan.items}
    out = []
    for c in plan.communications:
        title = one_line(groups[c.stakeholder].title) if c.stakeholder in groups else c.stakeholder
        person = people.get(c.contact or "")
        contact = person.name if person is not None else (c.contact or "nobody named")

        def listed(ids: tuple[str, ...]) -> str:
            return "\n".join(f"- {one_line(titles.get(i, i))}" for i in ids)

        parts = [f"Tell {title} what phase {c.period} changes for them, before it starts on "
                 f"{c.period.first_day.isoformat()}. Contact: {one_line(contact)}."]
        if c.consulted:
            parts.append(f"Consult them on:\n{listed(c.consulted)}")
        if c.informed:
            parts.append(f"Inform them of:\n{listed(c.informed)}")
        out.append(CalendarEvent("tell-by", f"{c.stakeholder}\x1f{c.period}", c.tell_by,
                                 f"{name}: tell {title} about {c.period}", "\n".join(parts)))
    return out


def review_stamp(plan: Plan) -> datetime:
    """DTSTAMP of every event: the review's day, midnight UTC."""
    return datetime.combine(plan.review_date, time(0), tzinfo=timezone.utc)


def sequence_of(plan: Plan) -> int:
    """SEQUENCE of every event: grows by one each quarter, so a later review's file updates the events."""
    return max(0, plan.review.year * 4 + plan.review.q - 1)


def calendar_bytes(project: Project, plan: Plan, title: str) -> bytes:
    """``roadmap.ics`` for *project* and its *plan*; *title* names the calendar (the site's name)."""
    org = project.organisation
    cal = Calendar()
    cal.add("prodid", f"-//roadmap-gen//roadmap-gen {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(title))
    stamp, sequence = review_stamp(plan), sequence_of(plan)
    for e in calendar_events(project, plan):
        event = Event()
        event.add("uid", e.uid(org.name))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", e.day)
        if e.day < date.max:
            event.add("dtend", e.day + timedelta(days=1))  # all-day: the end is the next day, exclusive
        event.add("summary", e.summary)
        event.add("description", e.description)
        event.add("transp", "TRANSPARENT")  # a date to remember, not time taken
        cal.add_component(event)
    return bytes(cal.to_ical())
