"""The board pack (``report/``) and "What changed" (``changes.md``): what a steering group reads.

Parts: a one-page summary, what changed since the last review, the next phase, the decisions the
group is asked for, and every finding. All are pure functions of the project and its plan (through
the :class:`~.index.SiteIndex`); the templates word them.

*What changed* compares this review with the latest snapshot (``content/reviews/<period>/``):

- levels up and down, and first-phase work done, in progress, slipped or dropped against the plan
  published then, come from the plan's history (:mod:`roadmap_gen.plan.history`);
- a goal's status then, and the findings then, come from the previous review as the planner sees
  it (:func:`roadmap_gen.plan.previous.previous_review`: the snapshot planned as if it were the
  current state); findings are compared with today's by ``(check, about)``. Findings the loader
  makes about the site's settings, pages and retired actions
  (:data:`~roadmap_gen.plan.previous.LOADER_CHECKS`) are left out on both sides: a snapshot does not
  keep those files, so nothing can be said about how they stood then.

This module only reads the plan and the previous review: it never runs the planner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.model import Project, Waiver
from roadmap_gen.pages import paths
from roadmap_gen.pages.communications import Communications, PhaseMessage
from roadmap_gen.pages.governance import FeedbackView
from roadmap_gen.pages.health import CheckSection
from roadmap_gen.pages.index import SiteIndex
from roadmap_gen.pages.phases import PhaseView
from roadmap_gen.pages.progress import OutcomeView, outcome_view
from roadmap_gen.pages.rebaselines import RebaselineSummary, rebaseline_summary
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.shared import FindingView, finding_view, goal_ref
from roadmap_gen.plan.checks import CHECKS, info_of
from roadmap_gen.plan.previous import LOADER_CHECKS, previous_review
from roadmap_gen.plan.types import GOAL_STATUSES, OUTCOMES, Decision

#: Most new (and resolved) findings "What changed" lists one by one; the health page has them all.
FINDINGS_LISTED = 100
#: Most names a group of findings lists; the rest are counted.
ABOUT_LISTED = 20


# --- views ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Summary:
    """The one-page summary's figures."""

    targets_reached: int  # rated factors the plan brings to their target by its end
    targets_total: int  # rated factors with a gap to close
    end_period: str  # the plan's last phase ("" when none)
    phases: int
    goals: int
    goal_counts: tuple[tuple[str, int], ...]  # (status, goals with it), every status in GOAL_STATUSES order
    on_track: int
    on_track_rebaselined: int  # of the goals on track, those re-baselined at this review
    rebaselines: RebaselineSummary  # the promises this review changed, and how many were approved
    findings: int  # findings that count (not waived)
    errors: int
    waived: int  # findings a waiver in force accepts
    waivers: int  # waivers in force
    waivers_lapsing: int  # of those, the ones lapsing by the end of next quarter
    decisions: int  # how many decisions the pack asks for


@dataclass(frozen=True, kw_only=True)
class LevelMove:
    factor: Ref
    before: int
    after: int


@dataclass(frozen=True, kw_only=True)
class GoalMove:
    """A goal whose status is not what it was at the last review."""

    goal: Ref
    statement: str
    before: str  # a status, or "" when the goal was not set then
    after: str  # a status, or "" when the goal is no longer set


@dataclass(frozen=True, kw_only=True)
class FindingGroup:
    """Findings of one check, counted, with what they are about (by name)."""

    check: str
    title: str
    count: int
    about: tuple[str, ...]  # sorted, without repeats, at most ABOUT_LISTED; empty when about nothing in particular
    more: int = 0  # names beyond those listed


@dataclass(frozen=True, kw_only=True)
class Changes:
    """What changed since the last review; ``previous`` is "" when this is the first review."""

    period: str
    previous: str
    previous_date: str
    recomputed: bool  # the last review froze no plan: its first phase is recomputed
    levels_up: tuple[LevelMove, ...]
    levels_down: tuple[LevelMove, ...]
    goals: tuple[GoalMove, ...]
    new: int  # findings of today not found at the last review
    resolved: int  # findings of the last review not found today
    findings_new: tuple[FindingView, ...]  # the first FINDINGS_LISTED of them, by file and line
    findings_resolved: tuple[FindingView, ...]  # likewise, as they were found then (in the snapshot's files)
    findings_kept: int  # findings of today that were there at the last review too
    new_groups: tuple[FindingGroup, ...]  # findings_new by check (the health page's order)
    resolved_groups: tuple[FindingGroup, ...]
    work: tuple[OutcomeView, ...]  # by outcome (OUTCOMES order), then title
    work_counts: tuple[tuple[str, int], ...]  # (outcome, count), every outcome in OUTCOMES order
    rebaselines: RebaselineSummary = RebaselineSummary()  # the promises this review changed


@dataclass(frozen=True, kw_only=True)
class DecisionView:
    """One decision: a subject, what the findings about it say, and the registry's wording of the first
    of its checks."""

    id: str
    subject: str  # what it is about as people know it; the check's title when about nothing
    checks: tuple[str, ...]  # check titles, registry order
    question: str
    options: tuple[str, ...]
    recommendation: str
    if_nothing: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, kw_only=True)
class WaiverView:
    check: str
    check_title: str
    about: str
    about_name: str  # what it is about as people know it (a factor's title, a person's name ...)
    reason: str
    approved_by: str  # a name
    until: str
    lapses: str  # the last day it is in force (the last day of ``until``), ISO


@dataclass(frozen=True, kw_only=True)
class Decisions:
    feedback: tuple[FeedbackView, ...]  # still open
    decisions: tuple[DecisionView, ...]  # one per subject (plan.decisions)
    waivers: tuple[WaiverView, ...]  # in force, lapsing by the end of ``lapse_by``
    lapse_by: str  # the quarter after the review's

    @property
    def count(self) -> int:
        return len(self.feedback) + len(self.decisions) + len(self.waivers)


@dataclass(frozen=True, kw_only=True)
class BoardPack:
    summary: Summary
    changes: Changes
    next_phase: PhaseView | None
    decisions: Decisions
    appendix: tuple[CheckSection, ...]  # every finding that counts, by check (the health page's sections)
    waived: tuple[FindingView, ...]  # and every waived one
    next_messages: tuple[PhaseMessage, ...] = ()  # who must hear what about the next phase, by when


# --- building them ------------------------------------------------------------------------


def board_pack(ix: SiteIndex, phases: Sequence[PhaseView], feedback: Sequence[FeedbackView],
               checks: Sequence[CheckSection], waived: Sequence[FindingView],
               comms: Communications | None = None) -> BoardPack:
    """The board pack of the project and plan behind *ix*; *phases*, *feedback*, *checks* (the
    health page's sections with findings), *waived* and *comms* are the site's own views (made once per
    build)."""
    plan = ix.plan
    changes = what_changed(ix)
    decisions = decisions_needed(ix, feedback)
    rated = [lv for lv in plan.levels if lv.assessed and lv.applicable and lv.planned_target > lv.now]
    counting = [d for d in plan.findings if not d.waived]
    in_force = waivers_in_force(ix.project)
    summary = Summary(
        targets_reached=sum(1 for lv in rated if lv.reaches_target), targets_total=len(rated),
        end_period=str(plan.phases[-1].period) if plan.phases else "", phases=len(plan.phases),
        goals=len(plan.goals),
        goal_counts=tuple((s, sum(1 for g in plan.goals if g.status == s)) for s in GOAL_STATUSES),
        on_track=sum(1 for g in plan.goals if g.status == "on-track"),
        on_track_rebaselined=sum(1 for g in plan.goals if g.status == "on-track" and g.original is not None),
        rebaselines=rebaseline_summary(ix),
        findings=len(counting), errors=sum(1 for d in counting if d.severity == "error"),
        waived=sum(1 for d in plan.findings if d.waived), waivers=len(in_force),
        waivers_lapsing=len(decisions.waivers), decisions=decisions.count)
    messages = comms.of_period(phases[0].period) if comms is not None and phases else ()
    return BoardPack(summary=summary, changes=changes, next_phase=phases[0] if phases else None, decisions=decisions,
                     appendix=tuple(checks), waived=tuple(waived), next_messages=messages)


def waivers_in_force(project: Project) -> tuple[Waiver, ...]:
    now = project.organisation.review.period
    return tuple(w for w in project.organisation.waivers if now <= w.until)


def _key(d: Diagnostic) -> tuple[str, str]:
    return (d.check, d.about or "")


def what_changed(ix: SiteIndex) -> Changes:
    project, plan = ix.project, ix.plan
    period = str(plan.review)
    before = previous_review(project, plan.findings)
    if before is None or not plan.history.reviews:
        return Changes(period=period, previous="", previous_date="", recomputed=False, levels_up=(), levels_down=(),
                       goals=(), new=0, resolved=0, findings_new=(), findings_resolved=(), findings_kept=0,
                       new_groups=(), resolved_groups=(), work=(), work_counts=tuple((o, 0) for o in OUTCOMES),
                       rebaselines=rebaseline_summary(ix))
    review = plan.history.reviews[-1]
    order = {f.id: i for i, f in enumerate(ix.factor_order)}

    ups: list[LevelMove] = []
    downs: list[LevelMove] = []
    for change in sorted(review.levels, key=lambda c: (order.get(c.factor, len(order)), c.factor)):
        if change.before is None or change.after is None:
            continue
        move = LevelMove(factor=ix.factor_ref(change.factor), before=change.before, after=change.after)
        (ups if change.after > change.before else downs).append(move)

    then = {g.id: g for g in before.goals}
    now = {g.id: g for g in plan.goals}
    statements = {g.id: g.statement for g in before.goals}
    statements.update({g.id: g.statement for g in plan.goals})
    goals = []
    for goal_id in [g.id for g in plan.goals] + sorted(set(then) - set(now)):
        old, current = then.get(goal_id), now.get(goal_id)
        was, is_ = (old.status if old else ""), (current.status if current else "")
        if was != is_:
            goals.append(GoalMove(goal=goal_ref(goal_id), statement=statements[goal_id], before=was, after=is_))

    compared_now = [d for d in plan.findings if d.check not in LOADER_CHECKS]
    compared_then = before.findings
    keys_now, keys_then = {_key(d) for d in compared_now}, {_key(d) for d in compared_then}
    new = [d for d in sorted(compared_now, key=Diagnostic.sort_key) if _key(d) not in keys_then]
    resolved = [d for d in sorted(compared_then, key=Diagnostic.sort_key) if _key(d) not in keys_now]
    kept = sum(1 for d in compared_now if _key(d) in keys_then)

    rank: dict[str, int] = {o: i for i, o in enumerate(OUTCOMES)}
    work = tuple(outcome_view(ix, i)
                 for i in sorted(review.planned, key=lambda i: (rank.get(i.outcome, len(rank)), i.title, i.id)))
    dates = dict(zip(plan.history.periods, plan.history.dates))
    return Changes(period=period, previous=str(review.period),
                   previous_date=dates[review.period].isoformat() if review.period in dates else "",
                   recomputed=review.recomputed, levels_up=tuple(ups), levels_down=tuple(downs), goals=tuple(goals),
                   new=len(new), resolved=len(resolved),
                   findings_new=tuple(finding_view(d) for d in new[:FINDINGS_LISTED]),
                   findings_resolved=tuple(finding_view(d) for d in resolved[:FINDINGS_LISTED]), findings_kept=kept,
                   new_groups=finding_groups(ix, new), resolved_groups=finding_groups(ix, resolved), work=work,
                   work_counts=tuple((o, review.count(o)) for o in OUTCOMES), rebaselines=rebaseline_summary(ix))


def about_name(ix: SiteIndex, check: str, about: str) -> str:
    """What a finding is about, as people know it: a factor's title, a person's name, a practice's label,
    else the id (a goal's id is its name)."""
    if about in ix.factor_refs:
        return ix.factor_refs[about].title
    if about in ix.names:
        return ix.names[about]
    if {"practice", "scope"} & set(info_of(check).about):
        return paths.label_of(about)
    return about


def finding_groups(ix: SiteIndex, found: Sequence[Diagnostic]) -> tuple[FindingGroup, ...]:
    """*found* by check, in the order of the health page (checks the registry does not know last, by id)."""
    order = {c: i for i, c in enumerate(CHECKS)}
    checks = sorted({d.check for d in found}, key=lambda c: (order.get(c, len(order)), c))
    groups = []
    for c in checks:
        names = sorted({about_name(ix, c, d.about) for d in found if d.check == c and d.about})
        groups.append(FindingGroup(check=c, title=info_of(c).title, count=sum(1 for d in found if d.check == c),
                                   about=tuple(names[:ABOUT_LISTED]), more=max(0, len(names) - ABOUT_LISTED)))
    return tuple(groups)


def decision_subject(ix: SiteIndex, decision: Decision) -> str:
    """What a decision is about, as a board reads it: a goal with its statement, work by its title, a
    phase by its quarter, else :func:`about_name` (the check's title when it is about nothing)."""
    about = decision.about
    if about is None:
        return info_of(decision.checks[0]).title
    kinds = {kind for c in decision.checks for kind in info_of(c).about}
    goals = {g.id: g for g in ix.org.goals}
    if "goal" in kinds and about in goals:
        return f"Goal {about}: {goals[about].statement}"
    if {"action", "initiative"} & kinds and about in ix.item_titles:
        return ix.item_titles[about]
    if "phase" in kinds and about in {str(p.period) for p in ix.plan.phases}:
        return f"Phase {about}"
    return about_name(ix, decision.checks[0], about)


def decision_view(ix: SiteIndex, decision: Decision) -> DecisionView:
    subject = decision_subject(ix, decision)
    return DecisionView(id=decision.id, subject=subject, checks=tuple(info_of(c).title for c in decision.checks),
                        question=decision.question, options=decision.options,
                        recommendation=decision.recommendation, if_nothing=decision.if_nothing,
                        findings=tuple(finding_view(d) for d in decision.findings))


def decisions_needed(ix: SiteIndex, feedback: Sequence[FeedbackView]) -> Decisions:
    """What the steering group is asked to decide: open feedback, the plan's decisions (one per
    subject, from the findings that ask for one) and waivers about to lapse."""
    org = ix.org
    lapse_by = org.review.period.shift(1)
    waivers = tuple(
        WaiverView(check=w.check, check_title=info_of(w.check).title, about=w.about or "",
                   about_name=about_name(ix, w.check, w.about or ""), reason=w.reason,
                   approved_by=ix.name(w.approved_by), until=str(w.until), lapses=w.until.last_day.isoformat())
        for w in sorted(waivers_in_force(ix.project), key=lambda w: (w.until, w.check, w.about or ""))
        if w.until <= lapse_by)
    return Decisions(
        feedback=tuple(f for f in feedback if f.status == "open"),
        decisions=tuple(decision_view(ix, d) for d in ix.plan.decisions),
        waivers=waivers, lapse_by=str(lapse_by))
