"""The calendar ends at 9999-12-31: inputs whose plan or review would need a later day are errors.

Python's dates stop at year 9999, so a review dated in year 9999 (whose next review
and phases fall after it) or a plan running past 9999-Q4 cannot be computed. The
period arithmetic saturates there instead of raising (roadmap_gen/core/periods.py); this
check tells the user which value to change.
"""

from __future__ import annotations

from roadmap_gen.core.diagnostics import Diagnostic, error
from roadmap_gen.core.periods import LAST_YEAR, Quarter
from roadmap_gen.model import Organisation

LAST_QUARTER = Quarter(LAST_YEAR, 4)


def check_calendar(org: Organisation) -> list[Diagnostic]:
    """Located errors for a review or a plan that would run past the end of the calendar."""
    found: list[Diagnostic] = []
    review, planning = org.review, org.planning
    if review.date.year >= LAST_YEAR or review.period.year >= LAST_YEAR:
        found.append(error(review.locs("date" if review.date.year >= LAST_YEAR else "period"), "bad-date",
                           f"the review is dated in year {LAST_YEAR}: its next review and phases would fall "
                           "after the last day the calendar holds (9999-12-31)",
                           "use a real review date"))
    elif review.next.year > LAST_YEAR or not planning.start.in_calendar:
        found.append(error(planning.locs("start"), "bad-period",
                           f"the plan would start after {LAST_QUARTER}, the last quarter the calendar holds"))
    else:
        last = planning.start.shift(max(planning.phases, 1) - 1)
        if not last.in_calendar:
            found.append(error(planning.locs("phases"), "bad-period",
                               f"the plan's {planning.phases} phases from {planning.start} would run past "
                               f"{LAST_QUARTER}, the last quarter the calendar holds",
                               "plan fewer phases or start earlier"))
    return found
