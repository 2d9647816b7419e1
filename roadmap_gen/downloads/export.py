"""The plan as data for downloads: ``roadmap.json`` and ``roadmap.csv``.

Both are pure and deterministic: the same plan gives the same dict and the same
text. Numbers that are whole are written as ints (``12``, not ``12.0``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from roadmap_gen.core.diagnostics import InputError, Loc, error
from roadmap_gen.core.safe_text import json_safe
from roadmap_gen.load.project import ORGANISATION
from roadmap_gen.plan.types import Cost, DependencyPlan, GoalPlan, Item, Later, Plan, Rebaselined, Why
from roadmap_gen.workspace.files import MAX_FILE_BYTES

CSV_COLUMNS = ("period", "id", "title", "factor", "dimension", "raises_to", "effort", "owner", "owner_name",
               "training", "status", "reason", "pinned", "goals", "why")


def plan_json_text(plan: Plan) -> str:
    """``roadmap.json`` as written everywhere: by ``export``, into the site, and frozen by ``review``."""
    return json_safe(json.dumps(plan_to_json(plan), indent=2, ensure_ascii=False, sort_keys=False)) + "\n"


def within_read_limit(data: bytes, name: str) -> bytes:
    """*data*, when it is within the size roadmap-gen reads a file up to; else a located error, raised
    before anything is written. A frozen plan is read back by every later command, and no export or
    download should be one the tool itself would refuse to read (aliases can no longer multiply text
    past ten times a file's size, but many long texts can still add up)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError([error(Loc(ORGANISATION, 1, 1), "output-too-large",
                                f"{name} would be {len(data):,} bytes, more than the {MAX_FILE_BYTES:,} roadmap-gen "
                                "reads a file up to; nothing was written",
                                "shorten the longest texts (titles, notes, evidence), or split the programme")])
    return data


def num(value: float | None) -> Any:
    """An int when the number is whole, else the float (None stays None)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    value = round(float(value), 9)
    return int(value) if value.is_integer() else value


def _why(why: Why | None) -> dict[str, Any] | None:
    if why is None:
        return None
    out: dict[str, Any] = {"kind": why.kind}
    if why.kind == "goal":
        out.update({"goals": list(why.goals), "due": str(why.due) if why.due else None})
    elif why.kind == "priority":
        out["priority"] = why.priority
    elif why.kind == "pin-moved":
        out["pinned"] = str(why.pinned) if why.pinned else None
    elif why.kind == "step":
        out.update({"item": why.item, "held": why.held})
    if why.waited:
        out["waited"] = list(why.waited)
    return out


def cost_json(cost: Cost) -> dict[str, Any]:
    return {"work": num(cost.work), "training": num(cost.training), "total": num(cost.total)}


def dependency_json(d: DependencyPlan) -> dict[str, Any]:
    return {"id": d.id, "title": d.title, "expected": str(d.expected), "status": d.status, "owner": d.owner,
            "lands": str(d.lands) if d.lands else None, "slipped": d.slipped, "items": list(d.items)}


def _item(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "factor": item.factor,
        "raises_to": item.raises_to,
        "effort": num(item.effort),
        "owner": item.owner,
        "training": list(item.training),
        "dimension": item.dimension,
        "pinned": item.pinned,
        "goals": list(item.goals),
        "title": item.title,
        "owner_name": item.owner_name,
        "owner_source": item.owner_source,
        "responsible": list(item.responsible),
        "status": item.status,
        "own": item.own,
        "priority": item.priority,
        "pin": str(item.pin) if item.pin else None,
        "why": _why(item.why),
        "cost": num(item.cost),
        "after": list(item.after),
        # Only where set, so a project that tracks no issues exports what it did before.
        **({"issue": item.issue} if item.issue else {}),
    }


def _goal(goal: GoalPlan) -> dict[str, Any]:
    return {
        "id": goal.id,
        "status": goal.status,
        "metric": goal.metric,
        "target": num(goal.target),
        "due": str(goal.due) if goal.due else None,
        "needs_reached": str(goal.needs_reached) if goal.needs_reached else None,
        "owner": goal.owner,
        "current": num(goal.current),
        "needs": [{"factor": n.factor, "level": n.level, "now": n.now,
                   "reached": "now" if n.held else (str(n.reached) if n.reached else None)} for n in goal.needs],
        "pace": None if goal.pace is None else {
            "since": str(goal.pace.since), "start": num(goal.pace.start),
            "so_far": num(round(goal.pace.so_far, 6)), "needed": num(round(goal.pace.needed, 6))},
        "enabling": list(goal.enabling),
        "late": list(goal.late),
        "lead": goal.lead,
        "causes": list(goal.causes),
        "original": None if goal.original is None else {
            "due": str(goal.original.due) if goal.original.due else None, "target": num(goal.original.target),
            "status": goal.original.status, "causes": list(goal.original.causes)},
    }


def rebaseline_json(r: Rebaselined) -> dict[str, Any]:
    return {"about": r.about, "change": r.change, "old": _value(r.old), "new": _value(r.new),
            "approved_by": r.approved_by, "reason": r.reason or None, "period": str(r.period)}


def _value(value: object) -> Any:
    return num(value) if isinstance(value, (int, float)) else value


def _later(entry: Later) -> dict[str, Any]:
    item = entry.item
    return {
        "id": item.id,
        "factor": item.factor,
        "raises_to": item.raises_to,
        "reason": entry.reason,
        "detail": entry.detail,
        "title": item.title,
        "dimension": item.dimension,
        "effort": num(item.effort),
        "owner": item.owner,
        "owner_name": item.owner_name,
        "training": list(item.training),
        "cost": num(item.cost),
        "after": list(item.after),
    }


def communications_json(plan: Plan) -> list[dict[str, Any]]:
    """Whom to tell about which phase's work, and by when."""
    return [{"stakeholder": c.stakeholder, "period": str(c.period), "consulted": list(c.consulted),
             "informed": list(c.informed), "tell_by": c.tell_by.isoformat()} for c in plan.communications]


def decisions_json(plan: Plan) -> list[dict[str, Any]]:
    """What the steering group is asked to decide, one entry per subject."""
    return [{"id": d.id, "about": d.about, "checks": list(d.checks), "question": d.question,
             "options": list(d.options), "recommendation": d.recommendation, "if_nothing": d.if_nothing}
            for d in plan.decisions]


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON-ready dict (``roadmap.json``, docs/format.md), plus detail the site uses."""
    training = plan.training
    return {
        "organisation": plan.organisation,
        "review": str(plan.review),
        "review_date": plan.review_date.isoformat(),
        "next_review": plan.next_review.isoformat(),
        "catalogue": plan.catalogue,
        "planning": {"start": str(plan.start), "phases": len(plan.phases), "capacity": num(plan.capacity),
                     "owner_limit": plan.owner_limit, "reserve": plan.reserve, "fill": num(plan.fill),
                     "effort_unit": plan.effort_unit or None, "currency": plan.currency or None,
                     "funded_until": str(plan.funded_until) if plan.funded_until else None},
        "cost": cost_json(plan.cost),
        "phases": [
            {
                "period": str(phase.period),
                "capacity": num(phase.capacity),
                "effort": num(phase.effort),
                "effort_by_dimension": {d: num(e) for d, e in phase.effort_by_dimension},
                "scope": list(phase.scope.practices),
                "configuration_items": list(phase.scope.configuration_items),
                "items": [_item(item) for item in phase.items],
                "levels": {factor: level for factor, level in phase.levels},
                "training_hours": num(phase.training_hours),
                "cost": cost_json(phase.cost),
                "funded": phase.funded,
            }
            for phase in plan.phases
        ],
        "later": [_later(entry) for entry in plan.later],
        "goals": [_goal(g) for g in plan.goals],
        "rebaselines": [rebaseline_json(r) for r in plan.rebaselines],
        "dependencies": [dependency_json(d) for d in plan.dependencies],
        "levels": {
            lv.factor: {"now": lv.now, "target": lv.target, "projected": list(lv.projected),
                        "title": lv.title, "dimension": lv.dimension, "applicable": lv.applicable,
                        "assessed": lv.assessed, "needed": lv.needed, "priority": lv.priority}
            for lv in plan.levels
        },
        "findings": [
            {"check": d.check, "severity": d.severity, "file": d.file, "line": d.line, "col": d.col,
             "message": d.message, "hint": d.hint, "about": d.about, "waived": d.waived,
             "waiver": None if d.waiver is None else {"reason": d.waiver.reason, "approved_by": d.waiver.approved_by,
                                                      "until": d.waiver.until}}
            for d in plan.findings
        ],
        "scope": {
            "unplaced": [{"kind": s.kind, "id": s.id} for s in plan.scope.unplaced],
            "out": [{"kind": s.kind, "id": s.id, "reason": s.reason} for s in plan.scope.out],
            "after_horizon": [{"kind": s.kind, "id": s.id, "from": str(s.start)} for s in plan.scope.after_horizon],
        },
        "owners": [
            {"person": o.person, "name": o.name, "period": str(o.period), "items": list(o.items),
             "effort": num(o.effort), "over_limit": o.over_limit}
            for o in plan.owners
        ],
        "raci": [
            {"item": r.item, "accountable": r.accountable, "responsible": list(r.responsible),
             "candidates": list(r.candidates), "consulted": list(r.consulted), "informed": list(r.informed),
             "period": str(plan.phases[r.phase].period) if r.phase is not None else None}
            for r in plan.raci
        ],
        "communications": communications_json(plan),
        "decisions": decisions_json(plan),
        "training": {
            "sessions": [
                {"module": s.module, "period": str(s.period), "people": list(s.people), "hours": num(s.hours),
                 "total_hours": num(s.total_hours), "items": list(s.items), "follow_up_of": list(s.follow_up_of),
                 "bookings": [{"person": b.person, "items": list(b.items), "follows": list(b.follows)}
                              for b in s.bookings]}
                for s in training.sessions
            ],
            "people": {p.person: num(p.hours) for p in training.people},
            "limit": num(training.limit),
            "over_limit": [{"person": p.person, "period": str(plan.phases[i].period)} for p in training.people
                           for i in p.over_limit],
            "phases": {str(p.period): num(p.hours) for p in training.phases},
            "gaps": [{"module": g.module, "period": str(g.period), "audience": list(g.audience),
                      "items": list(g.items)} for g in training.gaps],
            "after_horizon": [{"module": a.module, "follow_up_of": a.follow_up_of, "after": str(a.after),
                               "people": list(a.people)} for a in training.after_horizon],
        },
    }


#: What a spreadsheet reads as the start of a formula (or of a hidden line) at the start of a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    """A cell that a spreadsheet shows as text: text starting like a formula gets a leading "'".

    ``=HYPERLINK(...)``, ``+cmd|...``, ``-2+3``, ``@SUM(...)`` (and a TAB or line break before
    any of them) would otherwise run as formulas when the download is opened (CSV injection).
    A CR inside text becomes LF: the csv module quotes cells holding LF but not a lone CR,
    which readers take as the end of the row (a forged row). Numbers stay numbers.
    """
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def plan_to_csv(plan: Plan) -> str:
    """One row per planned item (phase by phase) then per later item, with a header; "\\n" line endings.

    Text cells are neutralised by :func:`csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)

    def row(cells: list[Any]) -> None:
        writer.writerow([csv_cell(cell) for cell in cells])

    for phase in plan.phases:
        for item in phase.items:
            row([str(phase.period), item.id, item.title, item.factor, item.dimension, item.raises_to,
                 num(item.effort), item.owner or "", item.owner_name, " ".join(item.training), item.status, "",
                 str(item.pin or ""), " ".join(item.goals), item.why.kind if item.why else ""])
    for entry in plan.later:
        item = entry.item
        row(["later", item.id, item.title, item.factor, item.dimension, item.raises_to, num(item.effort),
             item.owner or "", item.owner_name, " ".join(item.training), "later", entry.reason,
             str(item.pin or ""), " ".join(item.goals), ""])
    return out.getvalue()
