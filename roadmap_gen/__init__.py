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

The names are loaded when first used (PEP 562): ``import roadmap_gen`` alone loads neither the
pages nor the site engine, so that ``roadmap-gen --version`` and ``validate`` start quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import BuildError, Diagnostic, InputError, ProjectError, RoadmapError, UsageError
from roadmap_gen.core.version import __version__
from roadmap_gen.workspace.workspace import Workspace

if TYPE_CHECKING:
    from roadmap_gen.load.project import Loaded, LoadMemo, load_project
    from roadmap_gen.model import Project
    from roadmap_gen.pages import SiteTree, render_site
    from roadmap_gen.pipeline import Planned, plan_project
    from roadmap_gen.plan import make_plan
    from roadmap_gen.plan.types import Plan
    from roadmap_gen.site.build import BuildOutcome, build_site

#: The public names loaded on first use, and the module each comes from.
_LAZY = {
    "Loaded": "roadmap_gen.load.project", "LoadMemo": "roadmap_gen.load.project",
    "load_project": "roadmap_gen.load.project",
    "Project": "roadmap_gen.model",
    "SiteTree": "roadmap_gen.pages", "render_site": "roadmap_gen.pages",
    "Planned": "roadmap_gen.pipeline", "plan_project": "roadmap_gen.pipeline",
    "make_plan": "roadmap_gen.plan",
    "Plan": "roadmap_gen.plan.types",
    "BuildOutcome": "roadmap_gen.site.build", "build_site": "roadmap_gen.site.build",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'roadmap_gen' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found here from now on, without this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "BuildError", "BuildInfo", "BuildOutcome", "Diagnostic", "InputError", "LoadMemo", "Loaded", "Plan", "Planned", "Project",
    "ProjectError", "RoadmapError", "SiteTree", "UsageError", "Workspace", "__version__", "build_site", "load_project",
    "make_plan", "plan_project", "render_site",
]
