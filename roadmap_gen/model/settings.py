"""How the site is built: ``roadmap-gen.yaml``."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_gen.model.vocabulary import ENGINES, Engine
from roadmap_gen.spec.fields import Bool, Enum, ListOf, Locs, Record, Str, field, locs_field


@dataclass(frozen=True, kw_only=True)
class TrackerStates:
    """A team's own workflow states, for ``roadmap-gen track``: added to the states it knows already."""

    done: tuple[str, ...] = field(ListOf(Str()), "Tracker states that mean the work is done, besides Done, Closed "
                                                 "and Resolved (any case).")
    in_progress: tuple[str, ...] = field(ListOf(Str()), "Tracker states that mean the work is under way, besides "
                                                        "In Progress and In Review (any case).")
    locs: Locs = locs_field()


@dataclass(frozen=True, kw_only=True)
class GeneratorSettings:
    """How roadmap-gen builds this project's site: ``roadmap-gen.yaml`` at the project's root, optional,
    every field optional. (The site's own look and navigation are in ``mkdocs.yml``.)"""

    __title__ = "roadmap-gen settings (roadmap-gen.yaml)"
    engine: Engine = field(Enum(ENGINES), "The site engine: mkdocs (MkDocs with Material for MkDocs, the default) or "
                                          "zensical (Zensical, from the same authors, for after Material's end of "
                                          "life; pip install 'roadmap-gen[zensical]'). --engine overrides it.",
                           default="mkdocs")
    offline: bool = field(Bool(), "true: build a site that also works opened from disk (page links end in "
                                  ".html; there is no search, which needs a web server, and the home page says "
                                  "so).", default=False)
    tracker: TrackerStates = field(Record(TrackerStates), "How `roadmap-gen track` reads a team's own workflow "
                                                          "states (a state named here overrides the defaults).",
                                   default=TrackerStates())
    locs: Locs = locs_field()
