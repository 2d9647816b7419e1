"""The site's data, computed once from the project and the plan.

:func:`build_views` turns a :class:`~roadmap_gen.model.Project` and its
:class:`~roadmap_gen.plan.types.Plan` into frozen view objects that the
templates only read: names instead of ids, titles with the path of their page,
items grouped by factor and by phase, findings mapped to goals, factors and
teams. Every lookup is built once (dicts keyed by id), so rendering a page never
scans the whole plan again; that keeps a build with 1,000 teams linear.

Values are plain text: the templates escape them for where they land.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Optional, Sequence

from roadmap_gen.diagnostics import Diagnostic
from roadmap_gen.model import (
    Action,
    Assessment,
    Factor,
    Metric,
    Project,
    ScopeItem,
)
from roadmap_gen.pages import paths
from roadmap_gen.pages.lookups import (
    evidence_view,
    finding_view,
    locs_of,
    newest_age,
    progress_of,
)
from roadmap_gen.pages.sections import SectionViews
from roadmap_gen.pages.texts import (
    later_reason,
)
from roadmap_gen.pages.values import (
    ActionView,
    DimensionView,
    FactorView,
    FindingView,
    GoalView,
    ItemView,
    LaterGroup,
    LaterView,
    LevelChangeRow,
    LevelRow,
    MetricView,
    OwnerLoadView,
    PhaseItems,
    PhaseView,
    RequirementView,
    ScaleRow,
    ScopeEntry,
    SiteData,
    SpreadView,
    SuggestedMetric,
)
from roadmap_gen.plan.types import LATER_REASONS, Plan, ScopeRef

GOAL_CHECKS = ("unmeasurable-goal", "vague-goal", "loose-target", "overambitious-target")


# --- the builder -------------------------------------------------------------------------


class _Builder(SectionViews):
    """Makes the site's views; used once per build."""

    def build(self) -> SiteData:
        plan, org, cat = self.plan, self.org, self.cat
        phase_items = [tuple(self.item(i, p.index) for i in p.items) for p in plan.phases]
        items_by_factor: dict[str, list[PhaseItems]] = defaultdict(list)
        for phase, views in zip(plan.phases, phase_items):
            grouped: dict[str, list[ItemView]] = defaultdict(list)
            for view, item in zip(views, phase.items):
                grouped[item.factor].append(view)
            for factor, members in grouped.items():
                items_by_factor[factor].append(PhaseItems(self.phase_refs[phase.index], tuple(members)))
        later = tuple(LaterView(self.item(e.item, None), e.reason, later_reason(e.reason).title, e.detail)
                      for e in plan.later)
        later_by_factor: dict[str, list[LaterView]] = defaultdict(list)
        for later_view, entry in zip(later, plan.later):
            later_by_factor[entry.item.factor].append(later_view)
        self.item_state = self._action_states()
        metrics = tuple(self.metric(m) for m in sorted(org.metrics, key=lambda m: m.id))
        metrics_by_factor: dict[str, list[MetricView]] = defaultdict(list)
        for metric_view, metric in zip(metrics, sorted(org.metrics, key=lambda m: m.id)):
            if metric.factor:
                metrics_by_factor[metric.factor].append(metric_view)
        spreads = self._spreads()
        history = self._history_by_factor()

        factors = tuple(self.factor(f, items_by_factor.get(f.id, []), later_by_factor.get(f.id, []),
                                    metrics_by_factor.get(f.id, []), spreads.get(f.id), history.get(f.id, ()))
                        for f in self.factor_order)
        dimensions = tuple(self.dimension(d.id, d.title, d.description,
                                          [f for f in factors if f.dimension_id == d.id])
                           for d in cat.dimensions)
        phases = tuple(self.phase(i, views, factors) for i, views in enumerate(phase_items))
        sections, passed, counts = self._checks()
        raci = self._raci()
        training = self._training()
        flat: dict[str, list[ItemView]] = defaultdict(list)
        for factor, groups in items_by_factor.items():
            for group in groups:
                flat[factor].extend(group.items)
        team_files = {t.file for t in self.project.teams}
        by_file: dict[str, list[FindingView]] = defaultdict(list)
        for d in sorted(plan.findings, key=Diagnostic.sort_key):
            if d.file in team_files:
                by_file[d.file].append(finding_view(d))
        teams = self.team_index.build(
            [f.id for f in self.factor_order], flat,
            {f.id: ((f.level, f.end) if f.assessed and f.applicable else (None, None)) for f in factors},
            self.name, {k: tuple(v) for k, v in by_file.items()}, spreads)
        sponsor = self.people.get(org.sponsor or "")
        return SiteData(
            organisation=org.name, vision=org.vision, review=str(org.review.period),
            review_date=str(org.review.date), next_review=str(org.review.next),
            sponsor=self.name(org.sponsor), sponsor_external=bool(sponsor and sponsor.external),
            owner_limit=org.planning.owner_limit, capacity=float(org.planning.capacity),
            max_level=cat.max_level, scale=tuple(ScaleRow(s.number, s.name, s.summary) for s in cat.scale),
            catalogue_title=cat.title, catalogue_id=cat.id, catalogue_version=cat.version,
            default_catalogue=self.project.uses_default_catalogue,
            dimensions=dimensions, factors=factors, phases=phases,
            end_period=str(plan.phases[-1].period) if plan.phases else "",
            later=later, later_groups=self._later_groups(later),
            scope_now=self._scope_now(), scope_unplaced=tuple(self.scope(s) for s in plan.scope.unplaced),
            scope_out=tuple(self.scope(s) for s in plan.scope.out),
            scope_after=tuple(self.scope(s) for s in plan.scope.after_horizon),
            goals=self._goals({m.id: m for m in metrics}), metrics=metrics,
            owner_rows=self._owner_rows(), raci=raci[0], raci_consulted=raci[1], raci_informed=raci[2],
            stakeholders=self._stakeholders(), feedback=self._feedback(), earlier_reviews=self._earlier_reviews(),
            training_phases=training.phases, training_roles=training.roles, training_people=training.people,
            training_gaps=training.gaps, training_after=training.after, training_hours=training.hours,
            history_periods=tuple(str(p) for p in plan.history.periods),
            history_factors=self._history_rows(), comparisons=self._comparisons(),
            findings=tuple(finding_view(d) for d in sorted(plan.findings, key=Diagnostic.sort_key)),
            check_sections=sections, passed_checks=passed, finding_counts=counts,
            warnings=sum(1 for d in plan.findings if d.severity == "warning"),
            errors=sum(1 for d in plan.findings if d.severity == "error"),
            roles=self._roles(), modules=self._modules(),
            not_assessed=tuple(f.ref for f in factors if not f.assessed),
            not_applicable=tuple(f for f in factors if f.assessed and not f.applicable),
            teams=teams,
        )

    # factors

    def factor(self, f: Factor, planned: Sequence[PhaseItems], later: Sequence[LaterView],
               metrics: Sequence[MetricView], spread: Optional[SpreadView],
               history: tuple[tuple[str, Optional[int]], ...]) -> FactorView:
        a: Optional[Assessment] = self.org.assessment_by_factor.get(f.id)
        lv = self.levels.get(f.id)
        level = a.level if a is not None and a.applicable else 0
        target = max(a.target, a.level) if a is not None and a.applicable else level
        end = lv.final if lv is not None else level
        owner = self.people.get(a.owner) if a is not None and a.owner else None
        findings = self.findings_at(locs_of(a.locs)) if a is not None else ()
        evidence = tuple(evidence_view(e, self.review_date) for e in a.evidence) if a is not None else ()
        # newest first, undated last; ties by text
        evidence = tuple(sorted(sorted(evidence, key=lambda e: e.text), key=lambda e: e.date, reverse=True))
        ref = self.factor_ref(f.id)
        tracked = {m.id for m in self.org.metrics}
        return FactorView(
            id=f.id, ref=ref, title=f.title, path=ref.path or "", dimension_id=f.dimension,
            dimension=self.dimension_title.get(f.dimension, f.dimension), question=f.question,
            summary=f.summary, weight=f.weight, assessed=a is not None,
            applicable=a is None or a.applicable, reason=a.reason if a is not None else "",
            level=level, target=target, gap=max(0, target - level), level_name=self.level_name(level),
            target_name=self.level_name(target), end=end, end_name=self.level_name(end),
            reaches_target=end >= target, owner=self.name(a.owner) if a is not None else "",
            owner_external=bool(owner and owner.external), notes=a.notes if a is not None else "",
            evidence=evidence,
            newest_age=newest_age(a.evidence, self.review_date) if a is not None else "",
            levels=tuple(LevelRow(s.number, s.name, f.level_text(s.number), a is not None and s.number == level,
                                  a is not None and s.number == target and target != level,
                                  a is not None and s.number == end and end != level)
                         for s in self.cat.scale),
            warning_signs=f.warning_signs,
            requires=tuple(sorted((self.requirement(r.level, r.factor, r.at_least) for r in f.requires),
                                  key=lambda r: (r.level, r.factor.title, r.at_least))),
            planned=tuple(planned), later=tuple(later), projected=lv.projected if lv is not None else (),
            metrics=tuple(metrics),
            suggested=tuple(SuggestedMetric(m.title, m.kind, m.unit, m.direction, m.id in tracked)
                            for m in f.metrics),
            actions=tuple(self.action(act) for act in sorted(f.actions, key=lambda x: (x.raises_to, x.id))),
            history=history, findings=findings, spread=spread)

    def requirement(self, level: int, factor: str, at_least: int) -> RequirementView:
        a = self.org.assessment_by_factor.get(factor)
        current = a.level if a is not None and a.applicable else None
        return RequirementView(level, self.factor_ref(factor), at_least, current,
                               current is not None and current >= at_least)

    def _action_states(self) -> dict[str, str]:
        states: dict[str, str] = {}
        for phase in self.plan.phases:
            for item in phase.items:
                states[item.id] = f"planned in {phase.period}"
        for entry in self.plan.later:
            states.setdefault(entry.item.id, f"later: {later_reason(entry.reason).title.lower()}")
        for init in self.org.initiatives:
            if init.status in ("done", "dropped"):
                states.setdefault(init.id, init.status)
        return states

    def action(self, act: Action) -> ActionView:
        a = self.org.assessment_by_factor.get(act.factor)
        state = self.item_state.get(act.id, "")
        if not state:
            if a is None:
                state = "factor not assessed"
            elif not a.applicable:
                state = "factor not applicable"
            elif a.level >= act.raises_to:
                state = "level already reached"
            elif a.target < act.raises_to:
                state = "beyond the target"
        return ActionView(act.id, act.title, act.raises_to, self.level_name(act.raises_to), act.effort,
                          self.role_title.get(act.owner_role or "", act.owner_role or ""),
                          tuple(self.module_ref(m) for m in act.training), state, act.description)

    def dimension(self, dim_id: str, title: str, description: str, factors: list[FactorView]) -> DimensionView:
        rated = [f for f in factors if f.assessed and f.applicable]
        return DimensionView(
            id=dim_id, title=title, description=description, factors=tuple(factors), assessed=len(rated),
            average_now=round(sum(f.level for f in rated) / len(rated), 2) if rated else None,
            average_target=round(sum(f.target for f in rated) / len(rated), 2) if rated else None,
            gap=sum(f.gap for f in rated), at_target=sum(1 for f in rated if f.gap == 0),
            reach_target=sum(1 for f in rated if f.reaches_target))

    # phases

    def phase(self, index: int, items: tuple[ItemView, ...], factors: Sequence[FactorView]) -> PhaseView:
        p = self.plan.phases[index]
        rows = []
        for f in factors:
            if not (f.assessed and f.applicable) or index >= len(f.projected):
                continue
            before = f.projected[index - 1] if index > 0 else f.level
            after = f.projected[index]
            rows.append(LevelChangeRow(f.ref, before, after, f.target, after > before))
        owners = tuple(
            OwnerLoadView(o.name or self.name(o.person), o.external,
                          tuple(self.item_titles.get(i, i) for i in o.items), o.count, o.effort, o.over_limit)
            for o in sorted((o for o in self.plan.owners if o.phase == index), key=lambda o: (o.name, o.person)))
        ref = self.phase_refs[index]
        return PhaseView(
            index=index, number=index + 1, period=str(p.period), ref=ref, path=ref.path or "",
            capacity=p.capacity, effort=p.effort, free=p.free, over=p.effort > p.capacity + 1e-9,
            effort_by_dimension=tuple((self.dimension_title.get(d, d), e) for d, e in p.effort_by_dimension),
            items=items, practices=tuple(paths.label_of(s) for s in p.scope.practices),
            configuration_items=tuple(paths.label_of(s) for s in p.scope.configuration_items),
            entering=tuple(self.scope(s) for s in p.scope.entering), levels=tuple(rows),
            reached=tuple(r for r in rows if r.changed), owners=owners,
            training=self.sessions_by_phase.get(index, ()), training_hours=p.training_hours)

    def scope(self, s: ScopeRef | ScopeItem) -> ScopeEntry:
        kind = "Practice" if s.kind == "practices" else "Configuration item"
        return ScopeEntry(kind, paths.label_of(s.id), str(s.start) if s.start else "", s.reason)

    def _scope_now(self) -> tuple[ScopeEntry, ...]:
        return tuple(self.scope(s) for s in sorted(self.org.scope, key=lambda s: (s.kind != "practices", s.id))
                     if s.status == "in")

    def _later_groups(self, later: Sequence[LaterView]) -> tuple[LaterGroup, ...]:
        order = {f.id: i for i, f in enumerate(self.factor_order)}
        groups = []
        for reason in list(LATER_REASONS) + sorted({v.reason for v in later} - set(LATER_REASONS)):
            members = sorted((v for v in later if v.reason == reason),
                             key=lambda v: (order.get(v.item.factor_id, len(order)), v.item.factor_id,
                                            v.item.raises_to, v.item.id))
            if members:
                text = later_reason(reason)
                groups.append(LaterGroup(reason, text.title, text.meaning, text.action, tuple(members)))
        return tuple(groups)

    # goals and metrics

    def metric(self, m: Metric) -> MetricView:
        findings = self.findings_at(locs_of(m.locs), ("loose-target", "overambitious-target"))
        return MetricView(m.id, m.title, m.kind, m.unit, m.direction, m.baseline, m.current, m.target,
                          str(m.due) if m.due else "", self.factor_ref(m.factor) if m.factor else None,
                          progress_of(m.baseline, m.current, m.target), findings)

    def _goals(self, metrics: Mapping[str, MetricView]) -> tuple[GoalView, ...]:
        goals = []
        for g in self.org.goals:
            metric = metrics.get(g.metric or "")
            model_metric = self.org.metric_by_id.get(g.metric or "")
            locs = locs_of(g.locs)
            found = list(self.findings_at(locs, GOAL_CHECKS))
            if metric is not None:
                found.extend(f for f in metric.findings if f not in found)
            target = g.target if g.target is not None else (metric.target if metric else None)
            due = str(g.due) if g.due else (metric.due if metric else "")
            titles = []
            for f in found:
                if f.check_title not in titles:
                    titles.append(f.check_title)
            goals.append(GoalView(
                id=g.id, anchor=f"goal-{g.id}", statement=g.statement, metric=metric,
                baseline=model_metric.baseline if model_metric else None,
                current=model_metric.current if model_metric else None, target=target, due=due,
                owner=self.name(g.owner), verdict="; ".join(titles) if titles else "Measurable",
                measurable=not found, findings=tuple(found)))
        return tuple(goals)

    # teams

    def _spreads(self) -> dict[str, SpreadView]:
        return self.team_index.spreads()  # type: ignore[return-value]

def build_views(project: Project, plan: Plan) -> SiteData:
    """The site's data for *project* and its *plan* (pure, deterministic)."""
    return _Builder(project, plan).build()
