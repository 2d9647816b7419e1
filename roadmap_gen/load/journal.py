"""The journals of ``roadmap-gen review`` and ``collect``: while one exists, the command is half done.

``review`` writes ``content/.review-journal.json`` at its commit point and removes it
when both its changes are in place (roadmap_gen/commands/review.py). Found by any other
command, it means a review was interrupted after it had decided to go ahead: the
project is refused until ``review`` is run again, which completes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error

REVIEW_JOURNAL = "content/.review-journal.json"
#: ``collect``'s journal, the same way: while it exists, some team files may be new and some old.
COLLECT_JOURNAL = "content/.collect-journal.json"


def check_journal(root: Path) -> list[Diagnostic]:
    if os.path.lexists(root / COLLECT_JOURNAL):
        return [error(Loc(COLLECT_JOURNAL, 1, 1), "collect-interrupted",
                      "a 'roadmap-gen collect' was interrupted before it finished: some assessment files may be "
                      "written and others not", "run 'roadmap-gen collect' again: it completes the interrupted "
                      "collect first")]
    if not os.path.lexists(root / REVIEW_JOURNAL):
        return []
    return [error(Loc(REVIEW_JOURNAL, 1, 1), "review-interrupted",
                  "a 'roadmap-gen review' was interrupted before it finished: the project is between two reviews",
                  "run 'roadmap-gen review PERIOD' again (any PERIOD): it completes the interrupted review first")]
