"""Communications: whom to tell about which phase's work, and by when.

For each stakeholder and each phase, the work they are consulted on and the work they are informed
of (by :func:`~roadmap_gen.plan.owners.stakeholder_role`, the rule the RACI uses), and the day to
tell them by: :data:`TELL_AHEAD` days before the phase's first day. A phase with nothing for a
stakeholder is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from roadmap_gen.model import Organisation
from roadmap_gen.plan.owners import stakeholder_role
from roadmap_gen.plan.types import Communication, PhaseWork

#: Days before a phase starts by which the people it changes things for have heard of it.
TELL_AHEAD = 30


def communications(phases: Sequence[PhaseWork], org: Organisation) -> tuple[Communication, ...]:
    """Every stakeholder's communications, by stakeholder id, then phase."""
    out = []
    for stakeholder in sorted(org.stakeholders, key=lambda s: s.id):
        for phase in phases:
            roles = {item.id: stakeholder_role(stakeholder, item) for item in phase.items}
            consulted = tuple(sorted(i for i, role in roles.items() if role == "consulted"))
            informed = tuple(sorted(i for i, role in roles.items() if role == "informed"))
            if consulted or informed:
                out.append(Communication(stakeholder=stakeholder.id, period=phase.period, consulted=consulted,
                                         informed=informed, tell_by=phase.period.first_day - timedelta(days=TELL_AHEAD),
                                         contact=stakeholder.contact))
    return tuple(out)
