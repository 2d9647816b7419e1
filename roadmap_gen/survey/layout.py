"""What ``survey`` writes and ``collect`` reads: sheet names, columns, the About keys, the fingerprint."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from roadmap_gen.model import Catalogue

ASSESSMENT, LEVELS, ABOUT = "Assessment", "Levels", "About"

#: The Assessment sheet's columns, in order (the header row spells them so).
COLUMNS = ("factor", "title", "question", "level", "target", "evidence", "evidence date", "evidence link", "notes",
           "respondent")
COLUMN = {name: index for index, name in enumerate(COLUMNS)}  # 0-based
#: The columns a respondent fills in: a formula in any of them is refused.
ANSWER_COLUMNS = ("level", "target", "evidence", "evidence date", "evidence link", "notes", "respondent")

#: The About sheet's rows: label in column A, value in column B.
ABOUT_KEYS = ("catalogue", "version", "fingerprint", "team", "period")


def fingerprint(catalogue: Catalogue) -> str:
    """SHA-256 (hex) of the catalogue's factor ids and level texts, as canonical JSON: a workbook made for
    another catalogue, or one whose level texts have changed since, does not match."""
    data = {f.id: {str(level): text for level, text in f.levels} for f in catalogue.factors}
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def level_label(number: int, name: str) -> str:
    """A level as the drop-down offers it: ``2 Practised``."""
    return f"{number} {name}"


@dataclass(frozen=True)
class Evidence:
    """One evidence row of a workbook, as an assessment entry's evidence gets it."""

    text: str
    day: date | None
    link: str | None
