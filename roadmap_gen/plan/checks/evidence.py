"""Checks on the evidence behind the levels claimed (the organisation's and every team's)."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.model import Assessment, Project
from roadmap_gen.plan.checks.context import HealthContext, first_review, since_last_review
from roadmap_gen.plan.checks.registry import check

STALE_DAYS = 365


def _assessments(project: Project) -> Iterator[tuple[str, Assessment]]:
    for a in sorted(project.organisation.assessment, key=lambda a: a.factor):
        yield "", a
    for team in sorted(project.teams, key=lambda t: t.id):
        for a in sorted(team.assessment, key=lambda a: a.factor):
            yield team.id, a


def _whose(team: str, factor: str) -> str:
    return f"team '{team}' assesses '{factor}'" if team else f"'{factor}' is assessed"


@check("missing-evidence", "Level with no evidence",
       looks_for="A level of 2 or more is claimed with no evidence someone else could check.",
       action="Add dated evidence, or assess a lower level.", about=("factor", "team"), local=True)
def missing_evidence(ctx: HealthContext) -> Iterator[Finding]:
    """An applicable assessment (organisation or team) at level 2 or more with no evidence. About
    the factor, or the team for a team's assessment."""
    for team, a in _assessments(ctx.project):
        if a.applicable and a.level >= 2 and not a.evidence:
            yield Finding(
                a.locs("level"),
                f"{_whose(team, a.factor)} at level {a.level} with no evidence: add evidence someone else "
                f"could check, or assess a lower level", team or a.factor,
                "evidence: a dated item (minutes, report, survey result, link) that shows the level holds")


@check("stale-evidence", "Old evidence",
       looks_for="The newest evidence for a level is more than a year old at the review date, or has no date.",
       action="Add evidence from the last twelve months, or reassess the level.", about=("factor", "team"), local=True,
       reads=("review.date",))
def stale_evidence(ctx: HealthContext) -> Iterator[Finding]:
    """An applicable assessment (organisation or team) whose newest dated evidence is more than 365
    days older than ``review.date``, or whose evidence has no date."""
    today = ctx.org.review.date
    for team, a in _assessments(ctx.project):
        if not a.applicable or not a.evidence:
            continue
        dated = [(e.date, e) for e in a.evidence if e.date is not None]
        if not dated:
            yield Finding(
                a.locs("evidence"),
                f"{_whose(team, a.factor)} with evidence that has no date, so its age cannot be checked: "
                f"date the evidence", team or a.factor, "give each evidence item the `date` it was true")
            continue
        day, newest = max(dated, key=lambda pair: pair[0])
        age = (today - day).days
        if age > STALE_DAYS:
            yield Finding(
                newest.locs("date"),
                f"{_whose(team, a.factor)} on evidence last dated {day.isoformat()}, {age} days before "
                f"the review: add evidence from the last 12 months or reassess the level", team or a.factor,
                f"evidence older than {STALE_DAYS} days at review.date is stale")


@check("unassessed-factor", "Factor not assessed",
       looks_for="A factor of the catalogue has no entry in the assessment and is not marked not applicable: the "
                 "roadmap is silent about it.",
       action="Assess it (level and target, with evidence), or mark it applicable: false with the reason.",
       about=("factor",))
def unassessed_factor(ctx: HealthContext) -> Iterator[Finding]:
    """A catalogue factor with no entry under ``assessment`` (an entry with ``applicable: false``
    counts as assessed). Located at the organisation's ``assessment`` section."""
    org = ctx.org
    assessed = org.assessment_by_factor
    for factor in sorted(ctx.project.catalogue.factors, key=lambda f: f.id):
        if factor.id not in assessed:
            yield Finding(org.locs("assessment"), f"'{factor.id}' ({factor.title}) is not assessed", factor.id)


@check("unevidenced-rise", "Level raised with no new evidence",
       looks_for="A factor's level was raised since the last review, but no evidence is dated after that review.",
       action="Add the evidence that shows the new level, dated after the last review, or keep the old level.",
       about=("factor",), skip=first_review, local=True)
def unevidenced_rise(ctx: HealthContext) -> Iterator[Finding]:
    """An applicable factor whose level is above its level in the latest snapshot (applicable too)
    with no evidence dated after that snapshot's review date."""
    project, org = ctx.project, ctx.org
    last = project.snapshots[-1]
    for a, old in since_last_review(org.assessment, last.organisation.assessment_by_factor):
        if a.level <= old.level:
            continue
        if not any(e.date is not None and e.date > last.organisation.review.date for e in a.evidence):
            yield Finding(a.locs("level"),
                          f"'{a.factor}' rose from {old.level} to {a.level} since the {last.period} review, but no "
                          f"evidence is dated after {last.organisation.review.date}", a.factor)


@check("unsupported-level", "Level no team reaches",
       looks_for="The organisation claims a level for a factor that most of the teams assessing it do not reach: "
                 "the plan builds on a level that is not there.",
       action="Lower the organisation's level to what the teams show, or record the evidence that teams reach it "
              "in their own files.", about=("factor",), partial=False)
def unsupported_level(ctx: HealthContext) -> Iterator[Finding]:
    """A factor that two or more teams assess (applicable), where the organisation's level is above
    the lower median of the teams' levels (the lower of the two middle levels)."""
    for spread in ctx.teams.factors:
        if spread.teams < 2 or spread.organisation is None or spread.organisation <= spread.lower_median:
            continue
        lagging = ", ".join(spread.lagging[:5]) + (" and more" if len(spread.lagging) > 5 else "")
        yield Finding(ctx.factor_loc(spread.factor),
                      f"'{spread.factor}' is at level {spread.organisation} for the organisation, but half of the "
                      f"{spread.teams} teams that assess it are at {spread.lower_median} or below ({lagging}): "
                      f"the plan builds on a level the teams do not show", spread.factor,
                      f"set the level to {spread.lower_median}, or bring the teams' evidence up to date")


#: Answers this many levels apart or more are a disagreement worth talking through.
DISSENT_LEVELS = 2


@check("dissent", "Respondents disagree",
       looks_for="The answers collected for a factor (from several respondents' workbooks) differ by two levels "
                 "or more: the level recorded is their lower median, and the people who answered see the factor "
                 "differently.",
       action="Talk it through with the respondents, then set the level you agree on (and its answers).",
       about=("factor",), local=True)
def dissent(ctx: HealthContext) -> Iterator[Finding]:
    """An assessment entry (the organisation's or a team's) whose `answers` span two levels or more
    (highest minus lowest)."""
    for team, a in _assessments(ctx.project):
        if len(a.answers) < 2 or max(a.answers) - min(a.answers) < DISSENT_LEVELS:
            continue
        answers = ", ".join(str(n) for n in sorted(a.answers))
        who = f"team '{team}'" if team else "the organisation"
        yield Finding(a.locs("answers"),
                      f"the answers collected for '{a.factor}' ({who}) range from {min(a.answers)} to "
                      f"{max(a.answers)} ({answers}): level {a.level} is their lower median, but the respondents "
                      f"disagree", a.factor)
