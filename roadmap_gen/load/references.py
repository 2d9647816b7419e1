"""Rules that need more than one field: ids that refer to other things, the scale,
levels against the scale, cycles in ``requires``. Form (types, required fields,
unknown keys) was already checked by the spec.

The unknown-id checks are not written here one by one: :func:`unknown_ids` walks a
built file and checks every field the model declares ``Ref(kind)`` against the
project's ids of that kind (:data:`KINDS` says what each kind is called). What
stays hand-written is what is more than "this id must exist": the scale, levels,
a module that follows itself, an initiative that is a catalogue action or work of
the organisation's own, retired actions, duplicate goals."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from roadmap_gen.core.diagnostics import Diagnostic, Loc, did_you_mean, error, first_known
from roadmap_gen.core.escape import link_target
from roadmap_gen.load.schemas import catalogue_ids
from roadmap_gen.model import FILES, Assessment, Catalogue, Initiative, Organisation, Team
from roadmap_gen.spec.fields import Record
from roadmap_gen.spec.refs import references

#: The warning for an entry of an action the catalogue has retired or renamed.
RETIRED_ACTION = "retired-action"


@dataclass(frozen=True)
class Kind:
    """What the ids of a ``Ref`` kind are called in messages, and a hint when none is close."""

    noun: str
    plural: str
    hint: str = ""


#: Every kind of id the model refers to with ``Ref(kind)``.
KINDS: Mapping[str, Kind] = {
    "action": Kind("catalogue action", "catalogue actions"),
    "dependency": Kind("dependency", "dependencies"),
    "dimension": Kind("dimension", "dimensions"),
    "factor": Kind("factor", "factors"),
    "interest": Kind("factor or dimension", "factors or dimensions"),
    "metric": Kind("metric", "metrics"),
    "module": Kind("training module", "training modules"),
    "person": Kind("person", "people"),
    "role": Kind("role", "roles"),
    "source": Kind("stakeholder or person", "stakeholders or people"),
    "team": Kind("team", "teams", "teams are the files under content/teams/"),
}

#: A project's ids by kind; None for a kind whose ids cannot be known (no team files: any team goes).
Known = Mapping[str, Collection[str] | None]


def _unknown(loc: Loc, what: str, value: str, known: Iterable[str], kind: Kind, extra_hint: str = "") -> Diagnostic:
    """An id that names nothing of its *kind*."""
    hint = did_you_mean(value, known) or extra_hint or kind.hint
    if not hint:
        some = first_known(known, 9)
        listed = ", ".join(some[:8]) + (" ..." if len(some) > 8 else "")
        hint = f"known {kind.plural}: {listed}" if some else f"no {kind.plural} are defined"
    return error(loc, "unknown-id", f"{what} '{value}' is not a known {kind.noun}", hint)


def unknown_ids(record: Record[Any], value: Any, known: Known) -> list[Diagnostic]:
    """Every id in *value* (built by *record*) that names nothing of the kind its field is declared
    to refer to, with a "did you mean" hint."""
    out: list[Diagnostic] = []
    for ref in references(record, value):
        ids = known[ref.kind]
        if ids is not None and ref.value not in ids:
            out.append(_unknown(ref.loc, ref.label, ref.value, ids, KINDS[ref.kind]))
    return out


def catalogue_known(cat: Catalogue) -> dict[str, Collection[str] | None]:
    """The ids of a catalogue by kind. With no dimensions written at all, that one missing field was
    already reported: its ids are then not known, rather than every dimension being unknown."""
    known: dict[str, Collection[str] | None] = dict(catalogue_ids(cat))
    if not cat.locs.has("dimensions"):
        known["dimension"] = None
    return known


def organisation_known(org: Organisation, cat: Catalogue, team_ids: Collection[str] | None) -> Known:
    """The ids an organisation's files may name, by kind: the catalogue's and its own."""
    people = org.person_by_id
    return {**catalogue_ids(cat), "person": people, "metric": org.metric_by_id, "team": team_ids,
            "dependency": org.dependency_by_id, "source": frozenset(people) | frozenset(org.stakeholder_by_id)}


def check_catalogue(cat: Catalogue) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    numbers = [s.number for s in cat.scale]
    if numbers and numbers != list(range(len(numbers))):
        out.append(error(cat.locs("scale"), "bad-scale",
                         f"the scale's levels must be consecutive from 0, found {', '.join(map(str, numbers))}"))
    if not numbers and cat.locs.has("scale"):  # a missing scale is already a form error
        out.append(error(cat.locs("scale"), "bad-scale", "the scale has no levels"))
    out.extend(unknown_ids(FILES["catalogue"], cat, catalogue_known(cat)))
    for module in cat.training:
        if module.follow_up == module.id:
            out.append(error(module.locs("follow_up"), "bad-reference", f"module '{module.id}' follows itself"))
    actions = cat.action_by_id
    for retired in cat.retired:
        if retired.id in actions:
            out.append(error(retired.locs.at_entity, "duplicate-id",
                             f"'{retired.id}' is listed as retired but is still an action of factor "
                             f"'{actions[retired.id].factor}'", "remove it from `retired`, or the action"))
    # With no usable scale every level would look off it: skip those checks rather than bury the one cause.
    if numbers:
        out.extend(_levels_on_scale(cat, cat.max_level))
    out.extend(_requires_cycles(cat))
    return out


def _levels_on_scale(cat: Catalogue, top: int) -> list[Diagnostic]:
    """Every level a factor describes, requires or an action raises to is on the scale, and every
    level of the scale above 0 is described."""
    out: list[Diagnostic] = []
    for factor in cat.factors:
        described = {level for level, _ in factor.levels}
        for level in range(1, top + 1 if factor.locs.has("levels") else 1):
            if level not in described:
                out.append(error(factor.locs("levels"), "level-undescribed",
                                 f"factor '{factor.id}' does not describe level {level}",
                                 "every level of the scale above 0 needs a description"))
        for level in sorted(described):
            if level > top:
                out.append(error(factor.locs("levels"), "level-off-scale",
                                 f"factor '{factor.id}' describes level {level}, but the scale ends at {top}"))
        for req in factor.requires:
            if req.level > top:
                out.append(error(req.locs.at_entity, "level-off-scale",
                                 f"requires for level {req.level}, but the scale ends at {top}"))
            if req.at_least > top:
                out.append(error(req.locs.at_entity, "level-off-scale",
                                 f"requires '{req.factor}' at level {req.at_least}, but the scale ends at {top}"))
        for action in factor.actions:
            # raises_to below 1 (or missing) is already a form error
            if action.raises_to > top:
                out.append(error(action.locs("raises_to"), "level-off-scale",
                                 f"action '{action.id}' raises to {action.raises_to}, off the scale 1..{top}"))
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
                    loc = next(at for a, b in zip(cycle, cycle[1:]) for n, at in successors(a) if n == b and at)
                    shown = " -> ".join(f"{f} {lv}" for f, lv in cycle)
                    found.append(error(loc, "requires-cycle",
                                       f"'requires' form a cycle, so none of these levels can ever be planned: {shown}",
                                       "remove one of the requirements in the cycle"))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(successors(nxt))))
    return found


def check_assessments(entries: Iterable[Assessment], cat: Catalogue, what: str) -> list[Diagnostic]:
    """Levels and targets of an assessment (the organisation's or a team's) against the scale."""
    out: list[Diagnostic] = []
    top = cat.max_level if cat.scale else None
    for a in entries:
        if not a.applicable:
            if not a.reason.strip():
                out.append(error(a.locs("applicable"), "missing-field",
                                 f"factor '{a.factor}' is marked not applicable without a reason",
                                 "add 'reason:' saying why it does not apply"))
            continue
        if not a.locs.has("level"):
            out.append(error(a.locs.at_entity, "missing-field", f"{what} of '{a.factor}' has no level",
                             "add 'level: N' (0 if nothing is in place), or 'applicable: false' with a reason"))
        if top is not None:
            out.extend(_assessment_on_scale(a, top))
        if a.target < a.level:
            out.append(error(a.locs("target"), "target-below-level",
                             f"target {a.target} of '{a.factor}' is below its current level {a.level}",
                             "a target is where you want to be: at least the current level"))
        for ev in a.evidence:
            if ev.link and link_target(ev.link) is None:
                out.append(error(ev.locs("link"), "bad-link",
                                 f"evidence link '{ev.link[:60]}' is not a web, mailto or relative link",
                                 "links must start with https://, http:// or mailto:, or be a relative path"))
    return out


def _assessment_on_scale(a: Assessment, top: int) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if a.level > top:
        out.append(error(a.locs("level"), "level-off-scale", f"level {a.level} is off the scale 0..{top}"))
    # A target left out is the level: report it once, at the level.
    if a.locs.has("target") and a.target > top:
        out.append(error(a.locs("target"), "level-off-scale", f"target {a.target} is off the scale 0..{top}"))
    if any(n > top for n in a.answers):
        out.append(error(a.locs("answers"), "level-off-scale",
                         f"answers {', '.join(map(str, a.answers))} hold a level off the scale 0..{top}"))
    return out


def check_organisation(org: Organisation, cat: Catalogue, team_ids: frozenset[str] | None,
                       *, frozen: bool = False) -> list[Diagnostic]:
    """References of an organisation; *frozen* for a review's snapshot, where an action the catalogue
    has retired since is history rather than something to fix."""
    out = unknown_ids(FILES["organisation"], org, organisation_known(org, cat, team_ids))
    out.extend(check_assessments(org.assessment, cat, "the assessment"))
    out.extend(_goals(org, cat))
    for ini in org.initiatives:
        out.extend(_initiative(ini, org, cat, frozen=frozen))
    if org.review.next <= org.review.date:
        out.append(error(org.review.locs("next"), "bad-date",
                         f"review.next {org.review.next} is not after review.date {org.review.date}"))
    for entry in org.scope:
        if entry.start is not None and entry.status != "later":
            out.append(error(entry.locs("from"), "bad-value",
                             f"'from' applies to 'later' scope only; '{entry.id}' is '{entry.status}'"))
    return out


def _goals(org: Organisation, cat: Catalogue) -> list[Diagnostic]:
    """Goal ids are unique (a list, not a map), and the levels goals need are on the scale."""
    out: list[Diagnostic] = []
    top = cat.max_level if cat.scale else None
    seen: dict[str, Loc] = {}
    for goal in org.goals:
        if goal.id in seen:
            out.append(error(goal.locs("id"), "duplicate-id", f"goal id '{goal.id}' is used twice",
                             f"first used at line {seen[goal.id].line}"))
        seen.setdefault(goal.id, goal.locs("id"))
        for need in goal.needs:
            if top is not None and need.level > top and need.factor in cat.factor_by_id:
                out.append(error(need.locs.at_entity, "level-off-scale",
                                 f"goal '{goal.id}' needs '{need.factor}' at level {need.level}, off the scale "
                                 f"0..{top}"))
    return out


#: The fields that make an initiative the organisation's own work rather than a catalogue action's.
OWN_FIELDS = ("title", "factor", "raises_to", "effort")


def _initiative(ini: Initiative, org: Organisation, cat: Catalogue, *, frozen: bool) -> list[Diagnostic]:
    """An initiative's id names a catalogue action (or a retired one), or it is work of the
    organisation's own with every field such work needs."""
    own_fields = [f for f in OWN_FIELDS if ini.locs.has(f)]
    actions = cat.action_by_id
    if ini.id in actions:
        if own_fields:
            return [error(ini.locs(own_fields[0]), "bad-initiative",
                          f"'{ini.id}' is a catalogue action: only status, owner, responsible, training, "
                          f"notes, phase and dimension may be set here", "give your own initiative an id of its own")]
        return []
    if not own_fields and ini.id in cat.retired_by_id:
        return [] if frozen else [_retired(ini, cat, org)]
    if not own_fields:
        return [_unknown(ini.locs.at_entity, "action", ini.id, actions, KINDS["action"],
                         extra_hint="or give title, factor, raises_to and effort to add work of your own")]
    out = [error(ini.locs.at_entity, "missing-field", f"initiative '{ini.id}' is missing the required field '{name}'",
                 "own initiatives need title, factor, raises_to and effort")
           for name in OWN_FIELDS if name not in own_fields]
    top = cat.max_level if cat.scale else None
    if top is not None and ini.raises_to is not None and ini.raises_to > top:
        out.append(error(ini.locs("raises_to"), "level-off-scale",
                         f"raises_to {ini.raises_to} is off the scale 1..{top}"))
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


def check_teams(teams: Iterable[Team], cat: Catalogue, people: Mapping[str, Any]) -> list[Diagnostic]:
    """The references and assessments of *teams* against the catalogue and the organisation's *people*
    (the ids they may name worked out once: a thousand teams name the same few)."""
    known = {**catalogue_ids(cat), "person": people}
    out: list[Diagnostic] = []
    for team in teams:
        out.extend(unknown_ids(FILES["team"], team, known))
        out.extend(check_assessments(team.assessment, cat, f"team '{team.id}'"))
    return out
