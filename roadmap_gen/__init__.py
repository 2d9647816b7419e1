"""roadmap-gen: turn an organisation's self-assessment against a catalogue of critical success
factors into a phased roadmap website.

The public API follows the stages, each taking data and returning data; only
:mod:`roadmap_gen.cli` prints, exits, or reads the clock and the environment::

    from pathlib import Path
    import roadmap_gen

    loaded = roadmap_gen.load_project(Path("my-roadmap"))   # the model, or located diagnostics
    plan = roadmap_gen.make_plan(loaded.project)            # pure: phases, owners, training, findings
    tree = roadmap_gen.render_site(Path("my-roadmap"), loaded.project, plan, roadmap_gen.BuildInfo())
    print(sorted(tree.files))                               # the Markdown pages, in memory

:func:`plan_project` does the first two at once, and :func:`build_site` writes a site from its
result with the site engine (MkDocs + Material). A folder is read as an untrusted project; pass
``Workspace(folder, trust=True)`` instead for what ``--trust`` allows (docs/security.md).
"""

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import (BuildError, Diagnostic, InputError, ProjectError, RoadmapError,
                                     UsageError)
from roadmap_gen.load.project import Loaded, load_project
from roadmap_gen.model import Project
from roadmap_gen.pages import SiteTree, render_site
from roadmap_gen.pipeline import Planned, plan_project
from roadmap_gen.plan import make_plan
from roadmap_gen.plan.types import Plan
from roadmap_gen.site.build import BuildOutcome, build_site
from roadmap_gen.core.version import __version__
from roadmap_gen.workspace.workspace import Workspace

__all__ = [
    "BuildError", "BuildInfo", "BuildOutcome", "Diagnostic", "InputError", "Loaded", "Plan", "Planned", "Project",
    "ProjectError", "RoadmapError", "SiteTree", "UsageError", "Workspace", "__version__", "build_site", "load_project",
    "make_plan", "plan_project", "render_site",
]
