"""Preloaded by the CLI server of cli_process.py: the work every ``roadmap-gen`` process would
otherwise repeat, done once before the server forks a process per command."""

from __future__ import annotations

# The package, and what a build imports only when it gets there: the downloads' libraries and the
# engine's (MkDocs, Markdown, its extensions and the theme's plugins).
import icalendar  # noqa: F401
import mkdocs.commands.build  # noqa: F401
import mkdocs.config.defaults  # noqa: F401
import mkdocs.contrib.search  # noqa: F401
import openpyxl  # noqa: F401

import roadmap_gen.cli  # noqa: F401
import roadmap_gen.downloads.ics  # noqa: F401
import roadmap_gen.downloads.xlsx  # noqa: F401
from roadmap_gen.pages.render import make_environment

try:
    import weasyprint  # noqa: F401 - the board pack's PDF (the pdf extra): most of `report --pdf`'s start
except ImportError:  # the tests that need it skip
    pass

# Compiling the packaged templates is most of a command's start: compiled once here, each command
# finds them in the process's template cache (keyed by source, so a changed template compiles anew).
_environment = make_environment(None)
for _name in _environment.list_templates():
    _environment.get_template(_name)
