"""The journal of ``roadmap-gen review``: while it exists, a review is half done.

``review`` writes ``content/.review-journal.json`` at its commit point and removes it
when both its changes are in place (roadmap_gen/review.py). Found by any other
command, it means a review was interrupted after it had decided to go ahead: the
project is refused until ``review`` is run again, which completes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_gen.diagnostics import Diagnostic, Loc, error

REVIEW_JOURNAL = "content/.review-journal.json"


def check_journal(root: Path) -> list[Diagnostic]:
    if not os.path.lexists(root / REVIEW_JOURNAL):
        return []
    return [error(Loc(REVIEW_JOURNAL, 1, 1), "review-interrupted",
                  "a 'roadmap-gen review' was interrupted before it finished: the project is between two reviews",
                  "run 'roadmap-gen review PERIOD' again (any PERIOD): it completes the interrupted review first")]
