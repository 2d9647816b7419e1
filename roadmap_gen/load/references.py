"""Rules that need more than one field: ids that refer to other things, the scale,
levels against the scale, cycles in ``requires``. Form (types, required fields,
unknown keys) was already checked by the spec."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from roadmap_gen.core.diagnostics import Diagnostic, Loc, did_you_mean, error, first_known
from roadmap_gen.core.escape import link_target
from roadmap_gen.model import Assessment, Catalogue, Initiative, Organisation, Rebaseline, Team, Waiver

#: The warning for an entry of an action the catalogue has retired or renamed.
RETIRED_ACTION = "retired-action"


_SINGULAR = {"people": "person", "stakeholders or people": "stakeholder or person", "dependencies": "dependency",
             "factors or dimensions": "factor or dimension"}


def _unknown(loc: Loc, what: str, value: str, known: Iterable[str], where: str, check: str = "unknown-id",
             extra_hint: str = "") -> Diagnostic:
    """An id that names nothing; ``where`` is the plural of what it should name."""
    hint = did_you_mean(value, known) or extra_hint
    if not hint:
        some = first_known(known, 9)
        listed = ", ".join(some[:8]) + (" ..." if len(some) > 8 else "")
        hint = f"known {where}: {listed}" if some else f"no {where} are defined"
    noun = _SINGULAR.get(where, where[:-1] if where.endswith("s") else where)
    return error(loc, check, f"{what} '{value}' is not a known {noun}", hint)


def check_catalogue(cat: Catalogue) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    numbers = [s.number for s in cat.scale]
    if numbers and numbers != list(range(len(numbers))):
        out.append(error(cat.locs("scale"), "bad-scale",
                         f"the scale's levels must be consecutive from 0, found {', '.join(map(str, numbers))}"))
    if not numbers and cat.locs.has("scale"):  # a missing scale is already a form error
        out.append(error(cat.locs("scale"), "bad-scale", "the scale has no levels"))
    # With no usable scale every level would look off it: skip those checks rather than bury the one cause.
    top = cat.max_level if numbers else None
    roles, modules, dims = cat.role_by_id, cat.module_by_id, cat.dimension_by_id
    for module in cat.training:
        for role in module.audience:
            if role not in roles:
                out.append(_unknown(module.locs("audience"), "audience role", role, roles, "roles"))
        if module.follow_up and module.follow_up not in modules:
            out.append(_unknown(module.locs("follow_up"), "follow_up", module.follow_up, modules, "training modules"))
        if module.follow_up == module.id:
            out.append(error(module.locs("follow_up"), "bad-reference", f"module '{module.id}' follows itself"))
    actions = cat.action_by_id
    for retired in cat.retired:
        if retired.id in actions:
            out.append(error(retired.locs.at_entity, "duplicate-id",
                             f"'{retired.id}' is listed as retired but is still an action of factor "
                             f"'{actions[retired.id].factor}'", "remove it from `retired`, or the action"))
        if retired.replaced_by and retired.replaced_by not in actions:
            out.append(_unknown(retired.locs("replaced_by"), "replaced_by", retired.replaced_by, actions,
                                "catalogue actions"))
    for factor in cat.factors:
        # With no dimensions written at all, that one missing field was already reported.
        if factor.dimension and factor.dimension not in dims and cat.locs.has("dimensions"):
            out.append(_unknown(factor.locs("dimension"), "dimension", factor.dimension, dims, "dimensions"))
        described = {level for level, _ in factor.levels}
        for level in range(1, top + 1 if top is not None and factor.locs.has("levels") else 1):
            if level not in described:
                out.append(error(factor.locs("levels"), "level-undescribed",
                                 f"factor '{factor.id}' does not describe level {level}",
                                 "every level of the scale above 0 needs a description"))
        for level in sorted(described):
            if top is not None and level > top:
                out.append(error(factor.locs("levels"), "level-off-scale",
                                 f"factor '{factor.id}' describes level {level}, but the scale ends at {top}"))
        for req in factor.requires:
            if top is not None and req.level > top:
                out.append(error(req.locs.at_entity, "level-off-scale",
                                 f"requires for level {req.level}, but the scale ends at {top}"))
            if req.factor not in cat.factor_by_id:
                out.append(_unknown(req.locs.at_entity, "required factor", req.factor, cat.factor_by_id, "factors"))
            if top is not None and req.at_least > top:
                out.append(error(req.locs.at_entity, "level-off-scale",
                                 f"requires '{req.factor}' at level {req.at_least}, but the scale ends at {top}"))
        for action in factor.actions:
            # raises_to below 1 (or missing) is already a form error
            if top is not None and action.raises_to > top:
                out.append(error(action.locs("raises_to"), "level-off-scale",
                                 f"action '{action.id}' raises to {action.raises_to}, off the scale 1..{top}"))
            if action.dimension and action.dimension not in dims and cat.locs.has("dimensions"):
                out.append(_unknown(action.locs("dimension"), "dimension", action.dimension, dims, "dimensions"))
            if action.owner_role and action.owner_role not in roles:
                out.append(_unknown(action.locs("owner_role"), "owner_role", action.owner_role, roles, "roles"))
            for module_id in action.training:
                if module_id not in modules:
                    out.append(_unknown(action.locs("training"), "training module", module_id, modules,
                                        "training modules"))
    out.extend(_requires_cycles(cat))
    return out


def _requires_cycles(cat: Catalogue) -> list[Diagnostic]:
    """A level step waits for the factor's previous level and its ``requires``; a cycle can never start."""
    edges: dict[tuple[str, int], list[tuple[tuple[str, int], Loc]]] = {}
    for factor in cat.factors:
        for req in factor.requires:
            if req.factor in cat.factor_by_id and req.at_least > 0:
                edges.setdefault((factor.id, req.level), []).append(((req.factor, req.at_least), req.locs.at_entity))

    def successors(node: tuple[str, int]) -> list[tuple[tuple[str, int], Loc | None]]:
        out: list[tuple[tuple[str, int], Loc | None]] = [(n, loc) for n, loc in edges.get(node, [])]
        if node[1] > 1:
            out.append(((node[0], node[1] - 1), None))
        return sorted(out, key=lambda item: item[0])

    state: dict[tuple[str, int], int] = {}  # 1 on the stack, 2 finished
    found: list[Diagnostic] = []
    reported: set[frozenset] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        stack = [(start, iter(successors(start)))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            nxt, _ = child
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    loc = next(l for a, b in zip(cycle, cycle[1:]) for n, l in successors(a) if n == b and l)
                    shown = " -> ".join(f"{f} {lv}" for f, lv in cycle)
                    found.append(error(loc, "requires-cycle",
                                       f"'requires' form a cycle, so none of these levels can ever be planned: {shown}",
                                       "remove one of the requirements in the cycle"))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(successors(nxt))))
    return found


def check_assessments(entries: Iterable[Assessment], cat: Catalogue, people: Mapping, what: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    top = cat.max_level if cat.scale else None
    for a in entries:
        if a.factor not in cat.factor_by_id:
            out.append(_unknown(a.locs.at_entity, "factor", a.factor, cat.factor_by_id, "factors"))
        if not a.applicable:
            if not a.reason.strip():
                out.append(error(a.locs("applicable"), "missing-field",
                                 f"factor '{a.factor}' is marked not applicable without a reason",
                                 "add 'reason:' saying why it does not apply"))
            continue
        if not a.locs.has("level"):
            out.append(error(a.locs.at_entity, "missing-field", f"{what} of '{a.factor}' has no level",
                             "add 'level: N' (0 if nothing is in place), or 'applicable: false' with a reason"))
        if top is not None and a.level > top:
            out.append(error(a.locs("level"), "level-off-scale", f"level {a.level} is off the scale 0..{top}"))
        # A target left out is the level: report it once, at the level.
        if top is not None and a.locs.has("target") and a.target > top:
            out.append(error(a.locs("target"), "level-off-scale", f"target {a.target} is off the scale 0..{top}"))
        if top is not None and any(n > top for n in a.answers):
            out.append(error(a.locs("answers"), "level-off-scale",
                             f"answers {', '.join(map(str, a.answers))} hold a level off the scale 0..{top}"))
        if a.target < a.level:
            out.append(error(a.locs("target"), "target-below-level",
                             f"target {a.target} of '{a.factor}' is below its current level {a.level}",
                             "a target is where you want to be: at least the current level"))
        if a.owner and a.owner not in people:
            out.append(_unknown(a.locs("owner"), "owner", a.owner, people, "people"))
        for ev in a.evidence:
            if ev.link and link_target(ev.link) is None:
                out.append(error(ev.locs("link"), "bad-link",
                                 f"evidence link '{ev.link[:60]}' is not a web, mailto or relative link",
                                 "links must start with https://, http:// or mailto:, or be a relative path"))
    return out


def check_organisation(org: Organisation, cat: Catalogue, team_ids: frozenset[str] | None,
                       *, frozen: bool = False) -> list[Diagnostic]:
    """References of an organisation; *frozen* for a review's snapshot, where an action the catalogue
    has retired since is history rather than something to fix."""
    out: list[Diagnostic] = []
    people = org.person_by_id
    roles = cat.role_by_id
    for person in org.people:
        for role in person.roles:
            if role not in roles:
                out.append(_unknown(person.locs("roles"), "role", role, roles, "roles"))
        if person.team and team_ids is not None and person.team not in team_ids:
            out.append(_unknown(person.locs("team"), "team", person.team, team_ids, "teams",
                                extra_hint="teams are the files under content/teams/"))
        for record in person.trained:
            if record.module not in cat.module_by_id:
                out.append(_unknown(record.locs("module"), "training module", record.module, cat.module_by_id,
                                    "training modules"))
    for sh in org.stakeholders:
        if sh.contact and sh.contact not in people:
            out.append(_unknown(sh.locs("contact"), "contact", sh.contact, people, "people"))
        for interest in sh.interests:
            if interest not in cat.factor_by_id and interest not in cat.dimension_by_id:
                out.append(_unknown(sh.locs("interests"), "interest", interest,
                                    sorted(set(cat.factor_by_id) | set(cat.dimension_by_id)),
                                    "factors or dimensions"))
    out.extend(check_assessments(org.assessment, cat, people, "the assessment"))
    for metric in org.metrics:
        if metric.factor and metric.factor not in cat.factor_by_id:
            out.append(_unknown(metric.locs("factor"), "factor", metric.factor, cat.factor_by_id, "factors"))
    top = cat.max_level if cat.scale else None
    seen_goals: dict[str, Loc] = {}
    for goal in org.goals:
        if goal.id in seen_goals:
            first = seen_goals[goal.id]
            out.append(error(goal.locs("id"), "duplicate-id", f"goal id '{goal.id}' is used twice",
                             f"first used at line {first.line}"))
        seen_goals.setdefault(goal.id, goal.locs("id"))
        if goal.metric and goal.metric not in org.metric_by_id:
            out.append(_unknown(goal.locs("metric"), "metric", goal.metric, org.metric_by_id, "metrics"))
        if goal.owner and goal.owner not in people:
            out.append(_unknown(goal.locs("owner"), "owner", goal.owner, people, "people"))
        for need in goal.needs:
            if need.factor not in cat.factor_by_id:
                out.append(_unknown(need.locs.at_entity, "factor", need.factor, cat.factor_by_id, "factors"))
            elif top is not None and need.level > top:
                out.append(error(need.locs.at_entity, "level-off-scale",
                                 f"goal '{goal.id}' needs '{need.factor}' at level {need.level}, off the scale "
                                 f"0..{top}"))
    actions = cat.action_by_id
    for ini in org.initiatives:
        own_fields = [f for f in ("title", "factor", "raises_to", "effort") if ini.locs.has(f)]
        if ini.id in actions:
            if own_fields:
                out.append(error(ini.locs(own_fields[0]), "bad-initiative",
                                 f"'{ini.id}' is a catalogue action: only status, owner, responsible, training, "
                                 f"notes, phase and dimension may be set here",
                                 "give your own initiative an id of its own"))
        elif not own_fields and ini.id in cat.retired_by_id:
            if not frozen:
                out.append(_retired(ini, cat, org))
        elif not own_fields:
            out.append(_unknown(ini.locs.at_entity, "action", ini.id, actions, "catalogue actions",
                                extra_hint="or give title, factor, raises_to and effort to add work of your own"))
        else:
            for name in ("title", "factor", "raises_to", "effort"):
                if name not in own_fields:
                    out.append(error(ini.locs.at_entity, "missing-field",
                                     f"initiative '{ini.id}' is missing the required field '{name}'",
                                     "own initiatives need title, factor, raises_to and effort"))
            if ini.factor and ini.factor not in cat.factor_by_id:
                out.append(_unknown(ini.locs("factor"), "factor", ini.factor, cat.factor_by_id, "factors"))
            if top is not None and ini.raises_to is not None and ini.raises_to > top:
                out.append(error(ini.locs("raises_to"), "level-off-scale",
                                 f"raises_to {ini.raises_to} is off the scale 1..{top}"))
        if ini.owner and ini.owner not in people:
            out.append(_unknown(ini.locs("owner"), "owner", ini.owner, people, "people"))
        for doer in ini.responsible:
            if doer not in people:
                out.append(_unknown(ini.locs("responsible"), "responsible person", doer, people, "people"))
        for waits in ini.after:
            if waits not in org.dependency_by_id:
                out.append(_unknown(ini.locs("after"), "dependency", waits, org.dependency_by_id, "dependencies"))
        if ini.dimension and ini.dimension not in cat.dimension_by_id:
            out.append(_unknown(ini.locs("dimension"), "dimension", ini.dimension, cat.dimension_by_id,
                                "dimensions"))
        for module in ini.training:
            if module not in cat.module_by_id:
                out.append(_unknown(ini.locs("training"), "training module", module, cat.module_by_id,
                                    "training modules"))
    sources = set(people) | set(org.stakeholder_by_id)
    for item in org.feedback:
        if item.source and item.source not in sources:
            out.append(_unknown(item.locs("from"), "from", item.source, sources, "stakeholders or people"))
    if org.review.next <= org.review.date:
        out.append(error(org.review.locs("next"), "bad-date",
                         f"review.next {org.review.next} is not after review.date {org.review.date}"))
    for dep in org.dependencies:
        if dep.owner and dep.owner not in people:
            out.append(_unknown(dep.locs("owner"), "owner", dep.owner, people, "people"))
    approvals: list[Waiver | Rebaseline] = [*org.waivers, *org.rebaselines]
    for approval in approvals:
        if approval.approved_by not in people:
            out.append(_unknown(approval.locs("approved_by"), "approved_by", approval.approved_by, people, "people"))
    for entry in org.scope:
        if entry.owner and entry.owner not in people:
            out.append(_unknown(entry.locs("owner"), "owner", entry.owner, people, "people"))
        if entry.start is not None and entry.status != "later":
            out.append(error(entry.locs("from"), "bad-value",
                             f"'from' applies to 'later' scope only; '{entry.id}' is '{entry.status}'"))
    return out


def _retired(ini: Initiative, cat: Catalogue, org: Organisation) -> Diagnostic:
    retired = cat.retired_by_id[ini.id]
    where = f"catalogue {cat.title}{f' {retired.since}' if retired.since else ''}"
    new = retired.replaced_by
    if new and new not in org.initiative_by_id:
        message, hint = (f"'{ini.id}' was renamed '{new}' in {where}; this entry counts for '{new}'",
                         f"rename the entry to '{new}'")
    elif new:
        message, hint = (f"'{ini.id}' was renamed '{new}' in {where}, which has an entry of its own; this one "
                         f"is ignored", "remove this entry")
    else:
        message, hint = (f"'{ini.id}' was retired in {where}: {retired.reason.rstrip('.')}; this entry is ignored",
                         "remove the entry, or keep the work as an initiative of your own with a title, factor, "
                         "raises_to and effort")
    return Diagnostic(ini.locs.at_entity, "warning", RETIRED_ACTION, message, hint, about=ini.id)


def without_retired(org: Organisation, cat: Catalogue) -> Organisation:
    """*org* with its entries of retired actions resolved: an entry of a renamed action counts for the
    new id (unless that has an entry of its own), one of an action retired without replacement is
    dropped, so that the plan, the history and the site see only the catalogue's actions."""
    retired, actions = cat.retired_by_id, cat.action_by_id
    if not retired:
        return org
    ids = {ini.id for ini in org.initiatives}
    kept = []
    for ini in org.initiatives:
        old = retired.get(ini.id) if ini.id not in actions and not ini.is_own else None
        if old is None:
            kept.append(ini)
        elif old.replaced_by and old.replaced_by not in ids:
            kept.append(replace(ini, id=old.replaced_by))
    return replace(org, initiatives=tuple(kept))


def check_team(team: Team, cat: Catalogue, people: Mapping) -> list[Diagnostic]:
    out = check_assessments(team.assessment, cat, people, f"team '{team.id}'")
    if team.lead and team.lead not in people:
        out.append(_unknown(team.locs("lead"), "lead", team.lead, people, "people"))
    return out
