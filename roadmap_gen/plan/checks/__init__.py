"""Health checks: the lint of a roadmap (its registry, and every check beside its entry).

Importing this package registers every check, area by area, in the order the health page and
the docs list them. Each check is a function of a :class:`HealthContext` yielding
:class:`~roadmap_gen.core.diagnostics.Finding` values; :func:`run_checks` turns them into warnings.
"""

# Registration order is the order of the health page and the docs: keep these names in this order.
from roadmap_gen.plan.checks import goals, owners, balance, feedback, evidence, reviews, organisation, schedule, people, loaded, waivers  # noqa: F401,I001,E501
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.evidence import STALE_DAYS
from roadmap_gen.plan.checks.registry import (CHECKS, RegisteredCheck, check, info_of, register,
                                              reported_from_partial, run_checks, skipped_checks)

__all__ = ["CHECKS", "HealthContext", "RegisteredCheck", "STALE_DAYS", "check", "info_of", "register",
           "reported_from_partial", "run_checks",
           "skipped_checks"]
