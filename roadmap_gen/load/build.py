"""Checked records -> the frozen model. Lenient by design: after a form error the
field is absent and a neutral default stands in, so that every other problem in
the same run is still found (the plan is never made from a project with errors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from roadmap_gen.diagnostics import Diagnostic, Loc, error
from roadmap_gen.load.spec import Entry, Rec
from roadmap_gen.model import (Action, Assessment, Catalogue, Dimension, Evidence, Factor, Feedback, Goal,
                               Initiative, Locs, MetricSuggestion, Metric, Organisation, Person, Planning,
                               Requirement, Review, Role, ScaleLevel, ScopeItem, Stakeholder, Team,
                               TrainingModule)
from roadmap_gen.periods import Quarter, add_months

_EPOCH = Quarter(1970, 1)


def locs_of(rec: Rec, at: Loc | None = None) -> Locs:
    return Locs(at or rec.loc, tuple(sorted(rec.locs.items())))


def _rec(value: Any, loc: Loc) -> Rec:
    return value if isinstance(value, Rec) else Rec(loc, {}, {})


def _entries(rec: Rec, name: str) -> list[Entry]:
    value = rec.get(name)
    return value if isinstance(value, list) else []


def _strings(rec: Rec, name: str) -> tuple[str, ...]:
    return tuple(e.value for e in _entries(rec, name))


# --- catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class Defined:
    """Where an id was defined, to name both places when it is defined twice."""

    kind: str
    id: str
    loc: Loc


@dataclass
class CatalogueParts:
    header: Rec | None
    header_file: str
    roles: list[Role]
    training: list[TrainingModule]
    factors: list[Factor]
    defined: list[Defined]


def catalogue_parts(rec: Rec, file: str) -> CatalogueParts:
    header = rec.get("catalogue")
    parts = CatalogueParts(header if isinstance(header, Rec) else None, file, [], [], [], [])
    for e in _entries(rec, "roles"):
        r = _rec(e.value, e.loc)
        parts.roles.append(Role(e.key, r.get("title", ""), r.get("description", ""), locs_of(r, e.loc)))
        parts.defined.append(Defined("role", e.key, e.loc))
    for e in _entries(rec, "training"):
        r = _rec(e.value, e.loc)
        parts.training.append(TrainingModule(
            e.key, r.get("title", ""), r.get("format", "course"), float(r.get("hours", 0)),
            _strings(r, "audience"), r.get("follow_up"), r.get("description", ""), locs_of(r, e.loc)))
        parts.defined.append(Defined("training module", e.key, e.loc))
    for e in _entries(rec, "factors"):
        factor, defined = _factor(e)
        parts.factors.append(factor)
        parts.defined.append(Defined("factor", e.key, e.loc))
        parts.defined.extend(defined)
    return parts


def _factor(entry: Entry) -> tuple[Factor, list[Defined]]:
    r = _rec(entry.value, entry.loc)
    defined: list[Defined] = []
    requires = []
    for level_entry in _entries(r, "requires"):
        for req in level_entry.value if isinstance(level_entry.value, list) else []:
            requires.append(Requirement(level_entry.key, req.key, req.value, Locs(req.loc)))
    metrics = []
    for m in _entries(r, "metrics"):
        mr = _rec(m.value, m.loc)
        metrics.append(MetricSuggestion(mr.get("id", ""), mr.get("title", ""), mr.get("unit", ""),
                                        mr.get("direction", "up"), mr.get("kind", "operational"),
                                        locs_of(mr, m.loc)))
        defined.append(Defined("metric", mr.get("id", ""), m.loc))
    actions = []
    for a in _entries(r, "actions"):
        ar = _rec(a.value, a.loc)
        actions.append(Action(ar.get("id", ""), entry.key, ar.get("title", ""), ar.get("raises_to", 0),
                              float(ar.get("effort", 0)), ar.get("owner_role"), _strings(ar, "training"),
                              ar.get("description", ""), locs_of(ar, a.loc)))
        defined.append(Defined("action", ar.get("id", ""), a.loc))
    factor = Factor(
        id=entry.key, title=r.get("title", ""), question=r.get("question", ""),
        dimension=r.get("dimension", ""),
        levels=tuple(sorted((e.key, e.value) for e in _entries(r, "levels"))),
        weight=r.get("weight", 3), summary=r.get("summary", ""),
        requires=tuple(sorted(requires, key=lambda q: (q.level, q.factor))),
        metrics=tuple(metrics), actions=tuple(actions),
        warning_signs=_strings(r, "warning_signs"), locs=locs_of(r, entry.loc))
    return factor, [d for d in defined if d.id]


def merge_catalogue(parts: list[CatalogueParts], fallback_file: str) -> tuple[Catalogue, list[Diagnostic]]:
    """Merge catalogue files; exactly one holds the ``catalogue:`` block, no id is defined twice."""
    diags: list[Diagnostic] = []
    headers = [p for p in parts if p.header is not None]
    if not headers:
        diags.append(error(Loc(fallback_file, 1, 1), "catalogue-header",
                           "no catalogue file has the 'catalogue:' block (id, title, scale, dimensions)",
                           "add it to one of the files under content/catalogue/"))
    for extra in headers[1:]:
        diags.append(error(extra.header.loc, "catalogue-header",  # type: ignore[union-attr]
                           f"a second 'catalogue:' block; the first is in {headers[0].header_file}",
                           "keep one catalogue block and move the rest to 'factors', 'roles', 'training'"))
    first: dict[tuple[str, str], Defined] = {}
    for part in parts:
        for d in part.defined:
            key = (d.kind, d.id)
            if key in first:
                other = first[key]
                diags.append(error(d.loc, "duplicate-id",
                                   f"{d.kind} '{d.id}' is defined twice: also at "
                                   f"{other.loc.file}:{other.loc.line}:{other.loc.col}"))
            else:
                first[key] = d
    header = headers[0].header if headers else Rec(Loc(fallback_file, 1, 1), {}, {})
    assert header is not None
    scale = tuple(ScaleLevel(e.key, _rec(e.value, e.loc).get("name", ""), _rec(e.value, e.loc).get("summary", ""),
                             Locs(e.loc)) for e in _entries(header, "scale"))
    dimensions = tuple(Dimension(e.key, _rec(e.value, e.loc).get("title", ""),
                                 _rec(e.value, e.loc).get("description", ""), Locs(e.loc))
                       for e in _entries(header, "dimensions"))

    def unique(items: Iterable[Any]) -> tuple[Any, ...]:
        seen: dict[str, Any] = {}
        for item in items:
            seen.setdefault(item.id, item)
        return tuple(seen.values())

    catalogue = Catalogue(
        id=header.get("id", ""), title=header.get("title", ""), version=header.get("version", ""),
        scale=tuple(sorted(scale, key=lambda s: s.number)), dimensions=dimensions,
        roles=unique(r for p in parts for r in p.roles),
        training=unique(t for p in parts for t in p.training),
        factors=unique(f for p in parts for f in p.factors),
        files=tuple(p.header_file for p in parts), locs=locs_of(header))
    return catalogue, diags


# --- organisation and teams --------------------------------------------------------------


def assessments(rec: Rec) -> tuple[Assessment, ...]:
    out = []
    for e in _entries(rec, "assessment"):
        r = _rec(e.value, e.loc)
        level = r.get("level", 0)
        evidence = tuple(
            Evidence(_rec(v.value, v.loc).get("text", ""), _rec(v.value, v.loc).get("date"),
                     _rec(v.value, v.loc).get("link"), locs_of(_rec(v.value, v.loc), v.loc))
            for v in _entries(r, "evidence"))
        out.append(Assessment(e.key, level, r.get("target", level), r.get("owner"), evidence,
                              r.get("notes", ""), r.get("applicable", True), r.get("reason", ""),
                              locs_of(r, e.loc)))
    return tuple(out)


def _scope(rec: Rec) -> tuple[ScopeItem, ...]:
    scope = _rec(rec.get("scope"), rec.loc)
    items = []
    for kind in ("practices", "configuration_items"):
        for e in _entries(scope, kind):
            if isinstance(e.value, Rec):
                items.append(ScopeItem(kind, e.key, e.value.get("status", "in"), e.value.get("from"),
                                       e.value.get("reason", ""), locs_of(e.value, e.loc)))
            else:
                items.append(ScopeItem(kind, e.key, e.value, None, "", Locs(e.loc)))
    return tuple(items)


def organisation(rec: Rec, file: str) -> Organisation:
    org = _rec(rec.get("organisation"), rec.loc)
    rv = _rec(rec.get("review"), rec.loc)
    pl = _rec(rec.get("planning"), rec.loc)
    period = rv.get("period", _EPOCH)
    day = rv.get("date", period.first_day)
    review = Review(period, day, rv.get("next", add_months(day, 3)), locs_of(rv))
    planning = Planning(pl.get("start", period.shift(1)), pl.get("phases", 1), float(pl.get("capacity", 1)),
                        pl.get("owner_limit", 3), locs_of(pl))
    people = tuple(Person(e.key, _rec(e.value, e.loc).get("name", ""), _strings(_rec(e.value, e.loc), "roles"),
                          _rec(e.value, e.loc).get("team"), _rec(e.value, e.loc).get("external", False),
                          locs_of(_rec(e.value, e.loc), e.loc)) for e in _entries(rec, "people"))
    stakeholders = tuple(Stakeholder(e.key, _rec(e.value, e.loc).get("title", ""),
                                     _rec(e.value, e.loc).get("engagement", "none"),
                                     _rec(e.value, e.loc).get("contact"), locs_of(_rec(e.value, e.loc), e.loc))
                         for e in _entries(rec, "stakeholders"))
    metrics = []
    for e in _entries(rec, "metrics"):
        r = _rec(e.value, e.loc)
        metrics.append(Metric(e.key, r.get("title", ""), r.get("kind", "operational"), r.get("unit", ""),
                              r.get("direction", "up"), r.get("baseline"), r.get("current"), r.get("target"),
                              r.get("due"), r.get("factor"), locs_of(r, e.loc)))
    goals = []
    for e in _entries(rec, "goals"):
        r = _rec(e.value, e.loc)
        goals.append(Goal(r.get("id", ""), r.get("statement", ""), r.get("metric"), r.get("target"),
                          r.get("due"), r.get("owner"), locs_of(r, e.loc)))
    initiatives = []
    for e in _entries(rec, "initiatives"):
        r = _rec(e.value, e.loc)
        effort = r.get("effort")
        initiatives.append(Initiative(e.key, r.get("status", "planned"), r.get("title"), r.get("factor"),
                                      r.get("raises_to"), float(effort) if effort is not None else None,
                                      r.get("owner"), _strings(r, "training"), locs_of(r, e.loc)))
    feedback = []
    for e in _entries(rec, "feedback"):
        r = _rec(e.value, e.loc)
        feedback.append(Feedback(r.get("date"), r.get("from", ""), r.get("text", ""), r.get("status", "open"),
                                 r.get("response", ""), locs_of(r, e.loc)))
    return Organisation(
        name=org.get("name", ""), review=review, planning=planning, vision=org.get("vision", ""),
        sponsor=org.get("sponsor"), scope=_scope(rec), people=people, stakeholders=stakeholders,
        assessment=assessments(rec), metrics=tuple(metrics), goals=tuple(goals),
        initiatives=tuple(initiatives), feedback=tuple(feedback), file=file,
        # The organisation's own fields, plus where each top-level section (metrics, feedback ...) starts.
        locs=Locs(org.loc, tuple(sorted({**rec.locs, **org.locs}.items()))))


def team(rec: Rec, team_id: str, file: str) -> Team:
    t = _rec(rec.get("team"), rec.loc)
    return Team(team_id, t.get("name", ""), t.get("lead"), t.get("group"), assessments(rec), file, locs_of(t))
