"""Scope per phase.

In a phase are the practices and configuration items with status ``in``, plus
each ``later`` one from its ``from`` period on (one whose ``from`` is before the
first phase is in from the first phase). ``later`` entries with no ``from`` are
*unplaced* and listed apart; ``out`` entries are never in scope. A later entry
whose ``from`` comes after the last phase is listed as ``after_horizon``.
"""

from __future__ import annotations

from collections.abc import Sequence

from roadmap_gen.core.periods import Quarter
from roadmap_gen.model import Organisation, ScopeItem
from roadmap_gen.plan.types import PhaseScope, ScopePlan, ScopeRef

KINDS = ("practices", "configuration_items")


def _ref(item: ScopeItem) -> ScopeRef:
    return ScopeRef(kind=item.kind, id=item.id, status=item.status, start=item.start, reason=item.reason,
                    loc=item.locs.at_entity)


def _key(ref: ScopeRef) -> tuple[int, str]:
    return (KINDS.index(ref.kind) if ref.kind in KINDS else len(KINDS), ref.id)


def in_scope(item: ScopeItem, period: Quarter) -> bool:
    """Whether a scope entry is in scope during ``period``."""
    if item.status == "in":
        return True
    return item.status == "later" and item.start is not None and item.start <= period


def scope_plan(org: Organisation, periods: Sequence[Quarter]) -> ScopePlan:
    phases = []
    for index, period in enumerate(periods):
        practices = sorted({s.id for s in org.scope if s.kind == "practices" and in_scope(s, period)})
        items = sorted({s.id for s in org.scope if s.kind == "configuration_items" and in_scope(s, period)})
        entering = sorted(
            (_ref(s) for s in org.scope
             if s.status == "later" and s.start is not None
             and (s.start == period or (index == 0 and s.start < period))),
            key=_key)
        phases.append(PhaseScope(period=period, practices=tuple(practices), configuration_items=tuple(items),
                                  entering=tuple(entering)))
    last = periods[-1] if periods else None
    unplaced = sorted((_ref(s) for s in org.scope if s.status == "later" and s.start is None), key=_key)
    out = sorted((_ref(s) for s in org.scope if s.status == "out"), key=_key)
    after = sorted((_ref(s) for s in org.scope if s.status == "later" and s.start is not None
                    and (last is None or s.start > last)), key=_key)
    return ScopePlan(phases=tuple(phases), unplaced=tuple(unplaced), out=tuple(out), after_horizon=tuple(after))
