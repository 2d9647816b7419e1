"""Health checks: the lint of a roadmap (GUIDE.md, "Health checks").

Every check returns warnings (:func:`roadmap_gen.diagnostics.warning`) located
at the line of the model the finding is about, with a message that says what
is wrong and what to do. Definitions, where the guide leaves room:

unmeasurable-goal
    A goal without a metric, without a numeric target (the goal's ``target`` or
    its metric's) or without a due period (the goal's ``due`` or its metric's).
vague-goal
    The statement has a word starting improv/better/enhanc/increas/optimis/optimiz
    (case-insensitive) and no digit at all.
loose-target
    A metric whose target is not better than its baseline in its direction
    (up: target <= baseline; down: target >= baseline); the same for a goal's own
    target against its metric's baseline.
overambitious-target
    An applicable assessment whose ``target - level`` exceeds the number of
    phases (a factor climbs at most one level per phase); or a metric or goal
    target at its absolute limit: unit ``%`` with 100 or more (direction up) or 0
    or less (direction down), or a time unit (s, seconds, min, minutes, h, hours,
    days, ...) with a target of 0.
no-owner
    One finding per planned or later item with no accountable owner, at its
    ``initiatives`` entry when it has one, else at the factor's assessment.
owner-overload
    A person owning more than ``planning.owner_limit`` items in one phase.
external-owner
    A planned or later item owned by an external person with no internal person
    among its responsible people (other holders of its owner role); located at
    where the owner was set (initiative or assessment ``owner``) or, for an owner
    found by role, at the person.
tool-first
    A phase whose effort is more than half in the ``technology`` dimension while a
    ``people`` or ``process`` factor still has a gap at the end of that phase (gaps
    the phase itself closes do not count).
    Skipped when the catalogue has no ``technology`` dimension or has neither a
    ``people`` nor a ``process`` one.
training-only
    A factor whose planned items book training in a phase, when neither that phase
    nor the next has process work to put it into practice, i.e. (a) a planned item
    of the ``process`` dimension (any factor; when the catalogue has no ``process``
    dimension: a planned item of the same factor that books no training), nor
    (b) a ``coaching`` or ``on-the-job`` module booked for that factor's work
    (follow-ups included). One finding per factor, at its assessment.
no-feedback-loop
    No feedback recorded at all; or a feedback item still ``open`` that is dated
    before the latest snapshot's review date (it was left open past a review).
sla-only-metrics
    No metric of kind ``outcome`` or ``experience`` (fires too when there are no
    metrics at all).
missing-evidence
    An applicable assessment (organisation or team) at level 2 or more with no evidence.
stale-evidence
    An applicable assessment (organisation or team) whose newest dated evidence is
    more than 365 days older than ``review.date``, or whose evidence has no date.
stale-review
    The plan the latest snapshot made (recomputed with the current catalogue) has
    items in phases whose period is before the current review period that are still
    ``planned`` (or absent from ``initiatives``) and whose factor has not reached
    the item's level. Every past phase counts, not only the first, so skipped
    reviews are caught too.
regression
    A factor whose current level is below its level in the latest snapshot (both
    applicable).
no-sponsor
    ``organisation.sponsor`` missing or not a person id.
scope-undefined
    No practice with status ``in``.
unplaced-scope
    A ``later`` scope entry with no ``from``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional, Sequence

from roadmap_gen.diagnostics import Diagnostic, Loc, sorted_diagnostics, warning
from roadmap_gen.model import Assessment, Metric, Organisation, Project
from roadmap_gen.plan.types import Item, OwnerLoad, Schedule, TrainingPlan

STALE_DAYS = 365
VAGUE_RE = re.compile(r"\b(improv\w*|better|enhanc\w*|increas\w*|optimi[sz]\w*)", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
TIME_UNITS = frozenset({
    "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours", "d", "day", "days",
})
COACHING_FORMATS = ("coaching", "on-the-job")


@dataclass(frozen=True)
class HealthContext:
    """What the checks look at: the project and what the planner made of it."""

    project: Project
    schedule: Schedule
    training: TrainingPlan = field(default_factory=TrainingPlan)
    owners: tuple[OwnerLoad, ...] = ()
    snapshots: tuple[Schedule, ...] = ()  # the plan each snapshot made, oldest first

    @property
    def org(self) -> Organisation:
        return self.project.organisation


Check = Callable[[HealthContext], Iterator[Diagnostic]]


def _fmt(value: Optional[float]) -> str:
    if value is None:
        return "none"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _goal_metric(org: Organisation, metric_id: Optional[str]) -> Optional[Metric]:
    return org.metric_by_id.get(metric_id) if metric_id else None


# --- goals and metrics -------------------------------------------------------------------


def unmeasurable_goal(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    for goal in org.goals:
        metric = _goal_metric(org, goal.metric)
        missing = []
        if metric is None:
            missing.append("metric")
        if goal.target is None and (metric is None or metric.target is None):
            missing.append("numeric target")
        if goal.due is None and (metric is None or metric.due is None):
            missing.append("due period")
        if missing:
            yield warning(
                goal.locs("statement"), "unmeasurable-goal",
                f"goal '{goal.id}' has no {', no '.join(missing)}, so nobody can tell whether it was met: "
                f"tie it to a metric with a numeric target and a due quarter",
                "set `metric` to a metric id, `target` to a number and `due` to a quarter such as 2027-Q4")


def vague_goal(ctx: HealthContext) -> Iterator[Diagnostic]:
    for goal in ctx.org.goals:
        match = VAGUE_RE.search(goal.statement)
        if match and not DIGIT_RE.search(goal.statement):
            yield warning(
                goal.locs("statement"), "vague-goal",
                f"goal '{goal.id}' says '{match.group(0).lower()}' with no number in it: "
                f"say which number moves from where to where by when",
                "e.g. \"Raise first-contact resolution from 52% to 65% by the end of 2027-Q3\"")


def _not_better(direction: str, target: float, baseline: float) -> bool:
    return target >= baseline if direction == "down" else target <= baseline


def loose_target(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    for metric in org.metrics:
        if metric.baseline is None or metric.target is None:
            continue
        if _not_better(metric.direction, metric.target, metric.baseline):
            yield warning(
                metric.locs("target"), "loose-target",
                f"metric '{metric.id}' targets {_fmt(metric.target)} against a baseline of "
                f"{_fmt(metric.baseline)} (better is {metric.direction}): reaching it changes nothing; "
                f"set a target {'below' if metric.direction == 'down' else 'above'} the baseline",
                "a target should be better than the baseline in the metric's direction")
    for goal in org.goals:
        linked = _goal_metric(org, goal.metric)
        if goal.target is None or linked is None or linked.baseline is None:
            continue
        if _not_better(linked.direction, goal.target, linked.baseline):
            yield warning(
                goal.locs("target"), "loose-target",
                f"goal '{goal.id}' targets {_fmt(goal.target)} against its metric's baseline of "
                f"{_fmt(linked.baseline)} (better is {linked.direction}): set a target "
                f"{'below' if linked.direction == 'down' else 'above'} the baseline",
                "a target should be better than the baseline in the metric's direction")


def _at_limit(unit: str, direction: str, target: float) -> Optional[str]:
    unit = unit.strip().lower()
    if unit == "%":
        if direction == "up" and target >= 100:
            return "100%"
        if direction == "down" and target <= 0:
            return "0%"
    if unit in TIME_UNITS and target <= 0:
        return f"0 {unit}"
    return None


def overambitious_target(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    phases = max(0, org.planning.phases)
    for a in sorted(org.assessment, key=lambda a: a.factor):
        if a.applicable and a.target - a.level > phases:
            yield warning(
                a.locs("target"), "overambitious-target",
                f"'{a.factor}' aims to climb {a.target - a.level} levels (from {a.level} to {a.target}) in "
                f"{phases} phase(s), but a factor rises at most one level per phase: lower the target "
                f"or plan more phases",
                f"a target of at most {a.level + phases} fits the plan")
    for metric in org.metrics:
        if metric.target is None:
            continue
        limit = _at_limit(metric.unit, metric.direction, metric.target)
        if limit:
            yield warning(
                metric.locs("target"), "overambitious-target",
                f"metric '{metric.id}' targets {limit}, a perfect score no service keeps: set a target that "
                f"is better than the baseline but reachable",
                "absolute targets (100%, zero minutes) turn every miss into failure")
    for goal in org.goals:
        linked = _goal_metric(org, goal.metric)
        if goal.target is None or linked is None or goal.target == linked.target:
            continue
        limit = _at_limit(linked.unit, linked.direction, goal.target)
        if limit:
            yield warning(
                goal.locs("target"), "overambitious-target",
                f"goal '{goal.id}' targets {limit}, a perfect score no service keeps: set a reachable target",
                "absolute targets (100%, zero minutes) turn every miss into failure")


def sla_only_metrics(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    if not any(m.kind in ("outcome", "experience") for m in org.metrics):
        what = "there are no metrics" if not org.metrics else "every metric is operational"
        yield warning(
            org.locs("metrics"), "sla-only-metrics",
            f"{what}: add at least one outcome metric (what the business gets) and one experience "
            f"metric (how it feels to the people served)",
            "SLA numbers alone can be green while users are unhappy")


# --- owners ------------------------------------------------------------------------------


def _all_items(schedule: Schedule) -> Iterator[tuple[Item, Optional[str]]]:
    for phase in schedule.phases:
        for item in phase.items:
            yield item, str(phase.period)
    for entry in schedule.later:
        if not entry.item.synthetic:
            yield entry.item, None


def _factor_loc(org: Organisation, factor: str) -> Loc:
    """Where a finding about a factor points: its assessment entry, else the organisation."""
    assessment = org.assessment_by_factor.get(factor)
    return assessment.locs.at_entity if assessment is not None else org.locs.at_entity


def no_owner(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    for item, _ in _all_items(ctx.schedule):
        if item.owner is not None:
            continue
        entry = org.initiative_by_id.get(item.id)
        loc = entry.locs.at_entity if entry is not None else _factor_loc(org, item.factor)
        role = f" or give someone the role '{item.owner_role}'" if item.owner_role else ""
        yield warning(
            loc, "no-owner",
            f"'{item.id}' ({item.factor} to level {item.raises_to}) has no accountable person, so it "
            f"is held back as later work: set an owner{role}",
            "an owner comes from the initiative's `owner`, else the factor's `owner` in the assessment, "
            "else a person holding the action's owner role")


def owner_overload(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    limit = org.planning.owner_limit
    people = org.person_by_id
    for load in ctx.owners:
        if load.count > limit:
            person = people.get(load.person)
            loc = person.locs.at_entity if person is not None else org.planning.locs("owner_limit")
            yield warning(
                loc, "owner-overload",
                f"{load.name} owns {load.count} items in {load.period} (more than the limit of {limit}: "
                f"{', '.join(load.items)}): hand some to another owner or move them",
                "set `owner` on some of these initiatives, or raise planning.owner_limit if this is deliberate")


def external_owner(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    people = org.person_by_id
    holders: dict[str, list[str]] = {}
    for person in org.people:
        for role in person.roles:
            holders.setdefault(role, []).append(person.id)
    for item, _ in _all_items(ctx.schedule):
        if item.owner is None or not item.owner_external:
            continue
        sharing = [p for p in holders.get(item.owner_role or "", ()) if p != item.owner
                   and p in people and not people[p].external]
        if sharing:
            continue
        if item.owner_source == "initiative" and item.id in org.initiative_by_id:
            loc = org.initiative_by_id[item.id].locs("owner")
        elif item.owner_source == "assessment" and item.factor in org.assessment_by_factor:
            loc = org.assessment_by_factor[item.factor].locs("owner")
        else:
            loc = people[item.owner].locs.at_entity if item.owner in people else org.locs.at_entity
        yield warning(
            loc, "external-owner",
            f"'{item.id}' is owned only by {item.owner_name or item.owner}, who is external: make an "
            f"internal person accountable (the external one can still coach)",
            "work owned by consultants stops when they leave")


# --- balance -----------------------------------------------------------------------------


def tool_first(ctx: HealthContext) -> Iterator[Diagnostic]:
    project, org = ctx.project, ctx.org
    dims = project.catalogue.dimension_by_id
    soft = [d for d in ("people", "process") if d in dims]
    if "technology" not in dims or not soft:
        return
    levels = [lv for lv in ctx.schedule.levels if lv.applicable and lv.assessed and lv.dimension in soft]
    for phase in ctx.schedule.phases:
        tech = dict(phase.effort_by_dimension).get("technology", 0.0)
        if phase.effort <= 0 or tech * 2 <= phase.effort:
            continue
        # Gaps the phase itself closes do not count: the trap is tool work while people
        # and process work is left waiting, not tool work beside the work that closes them.
        after = [lv for lv in levels if lv.projected[phase.index] < lv.target]
        if not after:
            continue
        names = ", ".join(lv.factor for lv in after[:5]) + (" and more" if len(after) > 5 else "")
        yield warning(
            org.planning.locs.at_entity, "tool-first",
            f"phase {phase.period} spends {_fmt(tech)} of {_fmt(phase.effort)} points on technology "
            f"while {'/'.join(soft)} factors still have gaps after it ({names}): a tool will not fix a process; "
            f"plan people and process work first",
            "add initiatives for those factors, or move technology work to a later phase")


def training_only(ctx: HealthContext) -> Iterator[Diagnostic]:
    project, org = ctx.project, ctx.org
    modules = project.catalogue.module_by_id
    has_process_dim = "process" in project.catalogue.dimension_by_id
    phases = ctx.schedule.phases

    def process_work(index: int, factor: str) -> bool:
        for i in (index, index + 1):
            if i >= len(phases):
                continue
            for item in phases[i].items:
                if has_process_dim and item.dimension == "process":
                    return True
                if not has_process_dim and item.factor == factor and not any(m in modules for m in item.training):
                    return True
        return False

    coaching: set[tuple[int, str]] = set()
    for session in ctx.training.sessions:
        if session.format in COACHING_FORMATS:
            for factor in session.factors:
                coaching.add((session.phase, factor))

    reported: set[str] = set()
    for phase in phases:
        trained = sorted({item.factor for item in phase.items if any(m in modules for m in item.training)})
        for factor in trained:
            if factor in reported:
                continue
            if process_work(phase.index, factor):
                continue
            if (phase.index, factor) in coaching or (phase.index + 1, factor) in coaching:
                continue
            reported.add(factor)
            yield warning(
                _factor_loc(org, factor), "training-only",
                f"'{factor}' gets training in {phase.period} but no process work or coaching follows in that "
                f"phase or the next: plan process design or coaching so the training is put to use",
                "add a process initiative, or give the module a coaching follow_up")


# --- feedback and evidence ---------------------------------------------------------------


def no_feedback_loop(ctx: HealthContext) -> Iterator[Diagnostic]:
    org, project = ctx.org, ctx.project
    if not org.feedback:
        yield warning(
            org.locs("feedback"), "no-feedback-loop",
            "no feedback is recorded: collect what the people served say and record what was done with it",
            "add a `feedback` list with date, from and text for each item")
        return
    if not project.snapshots:
        return
    last = project.snapshots[-1].organisation.review
    for item in org.feedback:
        if item.status == "open" and item.date is not None and item.date < last.date:
            yield warning(
                item.locs("status"), "no-feedback-loop",
                f"feedback from '{item.source}' dated {item.date.isoformat()} is still open after the "
                f"{last.period} review ({last.date.isoformat()}): decide it and record the response",
                "set status to accepted, considered or declined and write the `response`")


def _assessments(project: Project) -> Iterator[tuple[str, Assessment]]:
    for a in sorted(project.organisation.assessment, key=lambda a: a.factor):
        yield "", a
    for team in sorted(project.teams, key=lambda t: t.id):
        for a in sorted(team.assessment, key=lambda a: a.factor):
            yield team.id, a


def _whose(team: str, factor: str) -> str:
    return f"team '{team}' assesses '{factor}'" if team else f"'{factor}' is assessed"


def missing_evidence(ctx: HealthContext) -> Iterator[Diagnostic]:
    for team, a in _assessments(ctx.project):
        if a.applicable and a.level >= 2 and not a.evidence:
            yield warning(
                a.locs("level"), "missing-evidence",
                f"{_whose(team, a.factor)} at level {a.level} with no evidence: add evidence someone else "
                f"could check, or assess a lower level",
                "evidence: a dated item (minutes, report, survey result, link) that shows the level holds")


def stale_evidence(ctx: HealthContext) -> Iterator[Diagnostic]:
    today = ctx.org.review.date
    for team, a in _assessments(ctx.project):
        if not a.applicable or not a.evidence:
            continue
        dated = [e for e in a.evidence if e.date is not None]
        if not dated:
            yield warning(
                a.locs("evidence"), "stale-evidence",
                f"{_whose(team, a.factor)} with evidence that has no date, so its age cannot be checked: "
                f"date the evidence",
                "give each evidence item the `date` it was true")
            continue
        newest = max(dated, key=lambda e: e.date)  # type: ignore[arg-type, return-value]
        assert newest.date is not None
        age = (today - newest.date).days
        if age > STALE_DAYS:
            yield warning(
                newest.locs("date"), "stale-evidence",
                f"{_whose(team, a.factor)} on evidence last dated {newest.date.isoformat()}, {age} days before "
                f"the review: add evidence from the last 12 months or reassess the level",
                f"evidence older than {STALE_DAYS} days at review.date is stale")


# --- reviews -----------------------------------------------------------------------------


def stale_review(ctx: HealthContext) -> Iterator[Diagnostic]:
    project, org = ctx.project, ctx.org
    if not project.snapshots or len(ctx.snapshots) < len(project.snapshots):
        return
    snap, plan = project.snapshots[-1], ctx.snapshots[len(project.snapshots) - 1]
    now = org.review.period
    for phase in plan.phases:
        if not phase.period < now:
            continue
        for item in phase.items:
            entry = org.initiative_by_id.get(item.id)
            if entry is not None and entry.status != "planned":
                continue
            a = org.assessment_by_factor.get(item.factor)
            level = a.level if a is not None else 0
            if level >= item.raises_to:
                continue
            if entry is not None:
                loc = entry.locs("status")
            elif a is not None:
                loc = a.locs("level")
            else:
                loc = org.locs.at_entity
            yield warning(
                loc, "stale-review",
                f"'{item.id}' was planned for {phase.period} at the {snap.period} review, that quarter is past "
                f"and it is still planned: record its status (done, in-progress or dropped) or reassess "
                f"'{item.factor}'",
                "set its status in `initiatives`; a catalogue action needs only `{status: ...}`")


def regression(ctx: HealthContext) -> Iterator[Diagnostic]:
    project, org = ctx.project, ctx.org
    if not project.snapshots:
        return
    snap = project.snapshots[-1]
    before = snap.organisation.assessment_by_factor
    for a in sorted(org.assessment, key=lambda a: a.factor):
        old = before.get(a.factor)
        if a.applicable and old is not None and old.applicable and a.level < old.level:
            yield warning(
                a.locs("level"), "regression",
                f"'{a.factor}' fell from level {old.level} at the {snap.period} review to {a.level}: find out "
                f"what stopped working and plan to restore it",
                "record the cause in the assessment's notes")


# --- organisation and scope --------------------------------------------------------------


def no_sponsor(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    if not org.sponsor:
        yield warning(org.locs("sponsor"), "no-sponsor",
                      "the organisation names no sponsor: name the executive who owns the programme",
                      "set organisation.sponsor to a person id from `people`")
    elif org.sponsor not in org.person_by_id:
        yield warning(org.locs("sponsor"), "no-sponsor",
                      f"the sponsor '{org.sponsor}' is not a known person: add them to `people` or name "
                      f"a person who is", "organisation.sponsor must be a person id from `people`")


def scope_undefined(ctx: HealthContext) -> Iterator[Diagnostic]:
    org = ctx.org
    if not any(s.kind == "practices" and s.status == "in" for s in org.scope):
        yield warning(org.locs("scope"), "scope-undefined",
                      "no practice is in scope: say which practices the programme covers now",
                      "under scope.practices, set at least one practice to `in`")


def unplaced_scope(ctx: HealthContext) -> Iterator[Diagnostic]:
    for item in ctx.org.scope:
        if item.status == "later" and item.start is None:
            yield warning(item.locs.at_entity, "unplaced-scope",
                          f"'{item.id}' is later scope with no period it enters the roadmap: give it a `from` "
                          f"quarter", "e.g. {status: later, from: 2027-Q3}")


CHECKS: dict[str, Check] = {
    "unmeasurable-goal": unmeasurable_goal,
    "vague-goal": vague_goal,
    "loose-target": loose_target,
    "overambitious-target": overambitious_target,
    "no-owner": no_owner,
    "owner-overload": owner_overload,
    "external-owner": external_owner,
    "tool-first": tool_first,
    "training-only": training_only,
    "no-feedback-loop": no_feedback_loop,
    "sla-only-metrics": sla_only_metrics,
    "missing-evidence": missing_evidence,
    "stale-evidence": stale_evidence,
    "stale-review": stale_review,
    "regression": regression,
    "no-sponsor": no_sponsor,
    "scope-undefined": scope_undefined,
    "unplaced-scope": unplaced_scope,
}


def run_checks(ctx: HealthContext, only: Optional[Sequence[str]] = None) -> tuple[Diagnostic, ...]:
    """Every check's findings (or only those named), sorted and without duplicates."""
    found: list[Diagnostic] = []
    for check_id, check in CHECKS.items():
        if only is None or check_id in only:
            found.extend(check(ctx))
    return tuple(sorted_diagnostics(found))

