"""Checks the loader makes: on the site's settings, style sheets and hand-written pages, and on
entries of actions the catalogue has retired.

The loader finds them (it reads those files and resolves those ids; the plan never does); they are
registered here so their texts, their place on the health page and in the docs, and their waivers
work like every other check's.
"""

from __future__ import annotations

from roadmap_gen.core.diagnostics import CheckInfo
from roadmap_gen.load.references import RETIRED_ACTION
from roadmap_gen.markdown.pagecheck import EXTERNAL_REQUEST_TEXT
from roadmap_gen.plan.checks.registry import register

register(CheckInfo(RETIRED_ACTION, "Work recorded for a retired action",
                   "An initiatives entry names a catalogue action that a revision of the catalogue renamed or "
                   "removed (the catalogue's retired list says which, since which version and why).",
                   "Rename the entry to the new action id; for a removed action, delete the entry or keep the "
                   "work as an initiative of your own with a title, factor, raises_to and effort.",
                   ("initiative",)),
         rule="An entry of the current organisation whose id is in the catalogue's ``retired`` list and is "
              "not an own initiative. A renamed action's entry counts for the new id (unless that has an "
              "entry of its own); a removed action's entry is ignored. Snapshots of earlier reviews may "
              "use retired ids without a finding. Located at the entry.", local=True)

register(CheckInfo(EXTERNAL_REQUEST_TEXT["id"], EXTERNAL_REQUEST_TEXT["title"], EXTERNAL_REQUEST_TEXT["meaning"],
                   EXTERNAL_REQUEST_TEXT["action"], ("setting", "page")),
         rule="A setting of mkdocs.yml, a CSS file of site_config/ or a line of content/pages/*.md that makes the "
              "site fetch from another server. Located at the setting, or at the line and column of the CSS or "
              "page; its ``about`` is the setting's dotted key (``theme.font``, ``extra_css[0]``) or the file's "
              "path in the project.", local=True)

#: Found by ``validate`` (it compares the project's schema/ files with what ``roadmap-gen schema`` writes),
#: never by the plan: a notice, since the site is right either way.
STALE_SCHEMA = CheckInfo(
    "stale-schema", "JSON Schemas out of date",
    "A JSON Schema in schema/ that roadmap-gen wrote no longer lists the project's ids as they are (a factor, "
    "person, team or metric was added, renamed or removed), or this version of roadmap-gen writes it "
    "differently: an editor may reject a valid id or not offer a new one.",
    "Run 'roadmap-gen schema'; build, review, collect and catalogue import refresh the schemas too",
    severity="notice")
register(STALE_SCHEMA, rule="A file of schema/ whose bytes are the ones roadmap-gen last wrote (its pristine "
                            "copy or the sha256 recorded in .roadmap-gen-scaffold.json) and differ from what "
                            "'roadmap-gen schema' would write now. Schemas you changed are yours and not "
                            "compared. Checked by validate only, once the project loads without errors. "
                            "Located at the schema's first line.", in_plan=False)
