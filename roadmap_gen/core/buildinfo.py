"""What the site says about its own build: when, from which commit, and whether it carries a PDF.

Made once by the command line (the only place that reads the clock and the project's git files)
and passed down unchanged to the pages; a check that only renders to look (``validate``) uses
the empty one, since none of it changes what is checked.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class BuildInfo:
    #: The commit checked out in the project, as git names it; "" outside a git checkout.
    commit: str = ""
    #: When the site was built, as the footer shows it (``2027-02-19 10:30 UTC``); "" to show none.
    built: str = ""
    #: The site path of the board pack's PDF when the build adds one (``build --pdf``), else "".
    report_pdf: str = ""


__all__ = ["BuildInfo"]
