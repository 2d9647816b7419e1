"""Checks on the programme itself: a sponsor, and a scope."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.registry import Decide, check


@check("no-sponsor", "No sponsor",
       looks_for="The programme has no sponsor, or the sponsor is not one of the people listed.",
       action="Name an executive sponsor, one of the people listed in organisation.yaml.",
       decide=Decide(
           question="The programme has no sponsor. Who sponsors it?",
           options=("Name an executive sponsor from the people listed",
                    "Ask the board to appoint one at this meeting"),
           recommendation="Name an executive who chairs the reviews and holds the budget: without one, nobody "
                          "settles what the owners cannot.",
           if_nothing="Nobody can settle disputes between owners, or approve re-baselines and waivers."))
def no_sponsor(ctx: HealthContext) -> Iterator[Finding]:
    """``organisation.sponsor`` missing or not a person id."""
    org = ctx.org
    if not org.sponsor:
        yield Finding(org.locs("sponsor"), "the organisation names no sponsor: name the executive who owns the "
                                           "programme", None, "set organisation.sponsor to a person id from `people`")
    elif org.sponsor not in org.person_by_id:
        yield Finding(org.locs("sponsor"), f"the sponsor '{org.sponsor}' is not a known person: add them to "
                                           f"`people` or name a person who is", None,
                      "organisation.sponsor must be a person id from `people`")


@check("scope-undefined", "No scope", looks_for="No practice is in scope, so the plan has nothing to improve.",
       action="Put at least one practice in scope.")
def scope_undefined(ctx: HealthContext) -> Iterator[Finding]:
    """No practice with status ``in``."""
    org = ctx.org
    if not any(s.status == "in" for s in org.practices):
        yield Finding(org.locs("scope"), "no practice is in scope: say which practices the programme covers now",
                      None, "under scope.practices, set at least one practice to `in`")


@check("unplaced-scope", "Future scope with no date",
       looks_for="Scope is marked later but has no quarter in which it enters the roadmap.",
       action="Give the entry the quarter it enters scope (its from field).", about=("practice", "scope"), local=True)
def unplaced_scope(ctx: HealthContext) -> Iterator[Finding]:
    """A ``later`` scope entry with no ``from``."""
    for item in ctx.org.scope:
        if item.status == "later" and item.start is None:
            yield Finding(item.locs.at_entity, f"'{item.id}' is later scope with no period it enters the roadmap: "
                                               f"give it a `from` quarter", item.id,
                          "e.g. {status: later, from: 2027-Q3}")
