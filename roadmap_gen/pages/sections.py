"""Views of the governance, training, progress, health and catalogue pages."""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from roadmap_gen.diagnostics import Diagnostic
from roadmap_gen.model import Project
from roadmap_gen.pages import paths
from roadmap_gen.pages.lookups import Lookups, finding_view, join
from roadmap_gen.pages.refs import Ref
from roadmap_gen.pages.texts import FEEDBACK_STATUS_TEXT, OUTCOME_TEXT
from roadmap_gen.plan.checks import CHECKS, info_of
from roadmap_gen.pages.values import (
    AfterHorizonView,
    AudienceGapView,
    CheckSection,
    ComparisonView,
    Count,
    FactorHistoryRow,
    FeedbackView,
    LevelDelta,
    MetricDelta,
    ModuleView,
    OutcomeView,
    OwnerCell,
    OwnerRow,
    PersonTrainingView,
    PhaseTrainingView,
    RaciRow,
    ReviewDate,
    RoleTrainingView,
    RoleView,
    SessionView,
    StakeholderView,
    _Training,
)
from roadmap_gen.plan.types import Plan, TrainingSession

#: Above this many findings of one check in team files, the health page counts them per team
#: (each team's page lists its own) instead of listing them all: 1,000 teams must not make it megabytes.
TEAM_FINDINGS_LISTED = 100


class SectionViews(Lookups):
    """Builds the views of the pages about people, training, reviews, health and the catalogue."""

    def __init__(self, project: Project, plan: Plan):
        super().__init__(project, plan)
        sessions: dict[int, list[SessionView]] = defaultdict(list)
        for session in plan.training.sessions:
            sessions[session.phase].append(self._session(session))
        self.sessions_by_phase = {k: tuple(v) for k, v in sessions.items()}

    # governance

    def _owner_rows(self) -> tuple[OwnerRow, ...]:
        n = len(self.plan.phases)
        cells: dict[str, list[Optional[OwnerCell]]] = {}
        info: dict[str, tuple[str, bool]] = {}
        for o in self.plan.owners:
            row = cells.setdefault(o.person, [None] * n)
            if 0 <= o.phase < n:
                row[o.phase] = OwnerCell(o.count, o.effort, o.over_limit)
            info[o.person] = (o.name or self.name(o.person), o.external)
        rows = [OwnerRow(info[p][0], info[p][1], tuple(c), sum(x.count for x in c if x is not None))
                for p, c in cells.items()]
        return tuple(sorted(rows, key=lambda r: (r.name, r.total)))

    def _raci(self) -> tuple[tuple[RaciRow, ...], str, str]:
        rows = []
        consulted = {r.consulted for r in self.plan.raci}
        informed = {r.informed for r in self.plan.raci}
        common_c = len(consulted) == 1
        common_i = len(informed) == 1
        for r in sorted(self.plan.raci, key=lambda r: (r.phase is None, r.phase or 0, r.item)):
            rows.append(RaciRow(
                item=r.title, factor=self.factor_ref(r.factor), phase=self.phase_ref(r.phase),
                accountable=self.name(r.accountable), responsible=join(self.name(p) for p in r.responsible),
                consulted="" if common_c else join(self.name(p) for p in r.consulted),
                informed="" if common_i else join(self.name(p) for p in r.informed)))
        return (tuple(rows),
                join(self.name(p) for p in next(iter(consulted))) if common_c else "",
                join(self.name(p) for p in next(iter(informed))) if common_i else "")

    def _stakeholders(self) -> tuple[StakeholderView, ...]:
        counts: dict[str, int] = defaultdict(int)
        for fb in self.org.feedback:
            counts[fb.source] += 1
        return tuple(sorted((StakeholderView(s.title, s.engagement, self.name(s.contact), counts.get(s.id, 0))
                             for s in self.org.stakeholders), key=lambda s: (s.title, s.contact)))

    def _feedback(self) -> tuple[FeedbackView, ...]:
        rows = [FeedbackView(str(fb.date) if fb.date else "", self.name(fb.source), fb.text, fb.status,
                             FEEDBACK_STATUS_TEXT.get(fb.status, fb.status), fb.response)
                for fb in self.org.feedback]
        return tuple(sorted(rows, key=lambda f: (f.date, f.source, f.text)))

    def _earlier_reviews(self) -> tuple[ReviewDate, ...]:
        h = self.plan.history
        pairs = list(zip(h.periods, h.dates))
        return tuple(ReviewDate(str(p), d.isoformat()) for p, d in pairs if p != self.org.review.period)

    # training

    def _session(self, s: TrainingSession) -> SessionView:
        return SessionView(
            module=self.module_ref(s.module), format=s.format, phase=self.phase_refs.get(s.phase, Ref(str(s.period))),
            hours=s.hours, total_hours=s.total_hours, people=tuple(sorted(self.name(p) for p in s.people)),
            items=tuple(self.item_titles.get(i, i) for i in s.items),
            factors=tuple(self.factor_ref(f) for f in s.factors),
            follow_up_of=tuple(self.module_ref(m) for m in s.follow_up_of))

    def _training(self) -> _Training:
        t = self.plan.training
        phases = tuple(PhaseTrainingView(self.phase_refs.get(p.phase, Ref(str(p.period))), p.hours,
                                         self.sessions_by_phase.get(p.phase, ()), p.people) for p in t.phases)
        roles = tuple(RoleTrainingView(r.title or self.role_title.get(r.role, r.role),
                                       tuple(sorted(self.name(p) for p in r.people)), r.hours,
                                       tuple(self.module_ref(m) for m in r.modules))
                      for r in sorted(t.roles, key=lambda r: (r.title, r.role)))
        people = tuple(PersonTrainingView(p.name or self.name(p.person), p.hours, p.by_phase,
                                          tuple((str(self.plan.phases[i].period) if 0 <= i < len(self.plan.phases)
                                                 else str(i), self.module_ref(m)) for i, m in p.modules))
                       for p in sorted(t.people, key=lambda p: (p.name, p.person)))
        gaps = tuple(AudienceGapView(self.module_ref(g.module), self.phase_refs.get(g.phase, Ref(str(g.period))),
                                     tuple(self.role_title.get(r, r) for r in g.audience),
                                     tuple(self.item_titles.get(i, i) for i in g.items)) for g in t.gaps)
        after = tuple(AfterHorizonView(self.module_ref(a.module), self.module_ref(a.follow_up_of), str(a.after),
                                       tuple(sorted(self.name(p) for p in a.people))) for a in t.after_horizon)
        return _Training(phases, roles, people, gaps, after, t.hours)

    # history

    def _history_by_factor(self) -> dict[str, tuple[tuple[str, Optional[int]], ...]]:
        h = self.plan.history
        periods = [str(p) for p in h.periods]
        return {fh.factor: tuple(zip(periods, fh.levels)) for fh in h.factors} if len(periods) > 1 else {}

    def _history_rows(self) -> tuple[FactorHistoryRow, ...]:
        h = self.plan.history
        by_factor = {fh.factor: fh for fh in h.factors}
        rows = []
        for f in self.factor_order:
            fh = by_factor.get(f.id)
            if fh is None or all(v is None for v in fh.levels):
                continue
            rows.append(FactorHistoryRow(self.factor_ref(f.id), fh.levels, bool(fh.regressions)))
        return tuple(rows)

    def _comparisons(self) -> tuple[ComparisonView, ...]:
        titles = {m.id: (m.title, m.unit, m.direction) for m in self.org.metrics}
        for mh in self.plan.history.metrics:
            titles.setdefault(mh.metric, (mh.title, mh.unit, mh.direction))
        out = []
        for r in self.plan.history.reviews:
            planned = tuple(OutcomeView(i.title, self.factor_ref(i.factor), i.raises_to, i.outcome,
                                        OUTCOME_TEXT.get(i.outcome, i.outcome), i.status_after or "")
                            for i in sorted(r.planned, key=lambda i: (i.outcome, i.title, i.id)))
            counts = tuple(Count(OUTCOME_TEXT[o], r.count(o)) for o in OUTCOME_TEXT)
            levels = tuple(LevelDelta(self.factor_ref(c.factor), c.before, c.after,
                                      "" if c.before is None or c.after is None
                                      else ("up" if c.after > c.before else "down"))
                           for c in sorted(r.levels, key=lambda c: (self.factor_ref(c.factor).title, c.factor)))
            metrics = []
            for c in r.metrics:
                title, unit, direction = titles.get(c.metric, (c.metric, "", "up"))
                better = ""
                if c.before is not None and c.after is not None:
                    if c.after == c.before:
                        better = "same"
                    else:
                        better = "better" if (c.after > c.before) == (direction == "up") else "worse"
                metrics.append(MetricDelta(title, unit, c.before, c.after, better))
            out.append(ComparisonView(str(r.period), str(r.next_period), f"review-{str(r.period).lower()}",
                                      planned, counts, levels, tuple(sorted(metrics, key=lambda m: m.title))))
        return tuple(out)

    # health

    def _checks(self) -> tuple[tuple[CheckSection, ...], tuple[CheckSection, ...], tuple[Count, ...]]:
        by_check: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in sorted(self.plan.findings, key=Diagnostic.sort_key):
            by_check[d.check].append(d)
        team_refs = {t.file: self.team_index.refs[t.id] for t in self.project.teams
                     if t.id in self.team_index.refs}
        ordered = list(CHECKS) + sorted(set(by_check) - set(CHECKS))
        sections, passed, counts = [], [], []
        for check in ordered:
            text = info_of(check)
            found = by_check.get(check, [])
            listed, by_team = found, tuple[Count, ...]()
            in_teams = [d for d in found if d.file in team_refs]
            if len(in_teams) > TEAM_FINDINGS_LISTED:
                listed = [d for d in found if d.file not in team_refs]
                per_file: dict[str, int] = defaultdict(int)
                for d in in_teams:
                    per_file[d.file] += 1
                by_team = tuple(sorted((Count(team_refs[f].title, n, team_refs[f]) for f, n in per_file.items()),
                                       key=lambda c: (c.label, c.ref.path if c.ref else "")))
            section = CheckSection(check, f"check-{check}", text.title, text.looks_for, text.action,
                                   tuple(finding_view(d) for d in listed), len(found), by_team)
            if found:
                sections.append(section)
                counts.append(Count(text.title, len(found), Ref(check, f"{paths.HEALTH}#check-{check}")))
            else:
                passed.append(section)
        return tuple(sections), tuple(passed), tuple(counts)

    # catalogue

    def _roles(self) -> tuple[RoleView, ...]:
        holders: dict[str, list[str]] = defaultdict(list)
        for p in self.org.people:
            for r in p.roles:
                holders[r].append(p.name)
        return tuple(RoleView(r.id, r.title, r.description, tuple(sorted(holders.get(r.id, ()))))
                     for r in self.cat.roles)

    def _modules(self) -> tuple[ModuleView, ...]:
        planned: dict[str, list[Ref]] = defaultdict(list)
        for s in self.plan.training.sessions:
            ref = self.phase_refs.get(s.phase)
            if ref is not None and ref not in planned[s.module]:
                planned[s.module].append(ref)
        return tuple(ModuleView(m.id, f"module-{m.id}", m.title, m.format, m.hours,
                                tuple(self.role_title.get(r, r) for r in m.audience),
                                self.module_ref(m.follow_up) if m.follow_up else None, m.description,
                                tuple(planned.get(m.id, ())))
                     for m in self.cat.training)
