"""Checks on the balance of people, process and technology work."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.core.numbers import fmt
from roadmap_gen.plan.checks.context import HealthContext, missing_dimension
from roadmap_gen.plan.checks.registry import check

COACHING_FORMATS = ("coaching", "on-the-job")


@check("tool-first", "Tool first",
       looks_for="Most of a phase's effort goes to technology while people or process gaps are still open: "
                 "a fool with a tool is still a fool.",
       action="Move people and process work earlier, or the tool work later.", about=("phase",),
       skip=missing_dimension(("technology",), ("people", "process")))
def tool_first(ctx: HealthContext) -> Iterator[Finding]:
    """A phase whose effort is more than half in the ``technology`` dimension while a ``people``
    or ``process`` factor still has a gap at the end of that phase (gaps the phase itself closes do
    not count)."""
    org = ctx.org
    dims = ctx.project.catalogue.dimension_by_id
    soft = [d for d in ("people", "process") if d in dims]
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
        yield Finding(
            org.planning.locs.at_entity,
            f"phase {phase.period} spends {fmt(tech)} of {fmt(phase.effort)} {org.planning.unit} on technology "
            f"while {'/'.join(soft)} factors still have gaps after it ({names}): a tool will not fix a process; "
            f"plan people and process work first", str(phase.period),
            "add initiatives for those factors, or move technology work to a later phase")


@check("training-only", "Training with nothing after it",
       looks_for="Training is planned with no process work or coaching after it, so what was learned is not put "
                 "to use.",
       action="Plan process design or coaching in the same or the next phase.", about=("factor",))
def training_only(ctx: HealthContext) -> Iterator[Finding]:
    """A factor whose planned items book training in a phase, when neither that phase nor the next
    has process work to put it into practice, i.e. (a) a planned item of the ``process`` dimension
    (any factor; when the catalogue has no ``process`` dimension: a planned item of the same factor
    that books no training), nor (b) a ``coaching`` or ``on-the-job`` module booked for that
    factor's work (follow-ups included). One finding per factor, at its assessment."""
    modules = ctx.project.catalogue.module_by_id
    has_process_dim = "process" in ctx.project.catalogue.dimension_by_id
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
            if factor in reported or process_work(phase.index, factor):
                continue
            if (phase.index, factor) in coaching or (phase.index + 1, factor) in coaching:
                continue
            reported.add(factor)
            yield Finding(
                ctx.factor_loc(factor),
                f"'{factor}' gets training in {phase.period} but no process work or coaching follows in that "
                f"phase or the next: plan process design or coaching so the training is put to use", factor,
                "add a process initiative, or give the module a coaching follow_up")


#: people-late: the share of people work all plan long below which the check does not look.
PEOPLE_SHARE = 0.15


@check("people-late", "People work pushed late",
       looks_for="Work on people (involving staff, change leads, communication) is mostly planned for the second "
                 "half of the plan, after the processes and tools it should shape.",
       action="Bring people work forward: pin it earlier or raise the priority of its factors.",
       skip=missing_dimension(("people",)))
def people_late(ctx: HealthContext) -> Iterator[Finding]:
    """With P the share of items of the ``people`` dimension among all placed items, and P1 the
    share of people items among the items placed in the first half of the phases (rounded up):
    P is at least 0.15 and P1 is below P / 2."""
    phases = ctx.schedule.phases
    items = [item for phase in phases for item in phase.items]
    if not items:
        return
    first = [item for phase in phases[:(len(phases) + 1) // 2] for item in phase.items]
    share = sum(1 for i in items if i.dimension == "people") / len(items)
    early = sum(1 for i in first if i.dimension == "people") / len(first) if first else 0.0
    if share >= PEOPLE_SHARE and early < share / 2:
        end = phases[(len(phases) + 1) // 2 - 1].period
        yield Finding(ctx.org.planning.locs.at_entity,
                      f"people work is {round(share * 100)}% of the plan but only {round(early * 100)}% of the "
                      f"work up to {end}: staff are involved after the processes and tools are decided", None,
                      "pin people work (involving staff, change leads, communication) to the early phases")
