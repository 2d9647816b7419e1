"""Checks the loader makes on the site's settings, style sheets and hand-written pages.

The loader finds them (it reads those files; the plan never does); they are registered here so
their texts, their place on the health page and in the docs, and their waivers work like every
other check's.
"""

from __future__ import annotations

from roadmap_gen.diagnostics import CheckInfo
from roadmap_gen.load.pagecheck import EXTERNAL_REQUEST_TEXT
from roadmap_gen.plan.checks.registry import register

register(CheckInfo(EXTERNAL_REQUEST_TEXT["id"], EXTERNAL_REQUEST_TEXT["title"], EXTERNAL_REQUEST_TEXT["meaning"],
                   EXTERNAL_REQUEST_TEXT["action"], ("setting", "page")),
         rule="A setting of mkdocs.yml, a CSS file of site_config/ or a line of content/pages/*.md that makes the "
              "site fetch from another server. Located at the setting, or at the line and column of the CSS or "
              "page; its ``about`` is the setting's dotted key (``theme.font``, ``extra_css[0]``) or the file's "
              "path in the project.")
