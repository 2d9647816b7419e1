"""Decisions: what the steering group is asked to decide, made from the findings that ask for one.

A check asks for a decision when its registry entry has decision wording (``decide``). The unwaived
findings of those checks become decisions: findings about the same subject (the same non-null
``about``) merge into one, whichever checks found them, so a departing consultant who owns work and
a goal is one decision, not two; a finding about nothing in particular is a decision of its own. A
decision's wording is that of the first of its checks in the registry's order, and its id is
``<that check>:<about>`` (a finding about nothing gets ``<check>:`` and, after the first, a number).
"""

from __future__ import annotations

from collections.abc import Iterable

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.plan.checks import CHECKS
from roadmap_gen.plan.types import Decision


def decisions(findings: Iterable[Diagnostic]) -> tuple[Decision, ...]:
    """The decisions *findings* ask for, in the registry's order of their first check, then by about."""
    order = {c: i for i, (c, r) in enumerate(CHECKS.items()) if r.info.decide is not None}
    asking = sorted((d for d in findings if not d.waived and d.check in order), key=Diagnostic.sort_key)
    groups: dict[tuple[str, int], list[Diagnostic]] = {}
    for d in asking:
        key = (d.about, 0) if d.about is not None else ("", len(groups) + 1)
        groups.setdefault(key, []).append(d)
    out = []
    seen: dict[str, int] = {}
    for found in groups.values():
        checks = tuple(sorted({d.check for d in found}, key=order.__getitem__))
        about = found[0].about
        base = f"{checks[0]}:{about or ''}"
        seen[base] = seen.get(base, 0) + 1
        decide = CHECKS[checks[0]].info.decide
        assert decide is not None  # only checks with wording are in ``order``
        out.append(Decision(id=base if seen[base] == 1 else f"{base}{seen[base]}", about=about, checks=checks,
                            question=decide.question, options=decide.options, recommendation=decide.recommendation,
                            if_nothing=decide.if_nothing, findings=tuple(found)))
    return tuple(sorted(out, key=lambda dec: (order[dec.checks[0]], dec.about or "", dec.id)))
