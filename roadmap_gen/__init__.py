"""roadmap-gen: an ITSM maturity roadmap generator.

The public API is small: load a project, plan it, render its pages, build its
site. Each stage takes data and returns data; only :mod:`roadmap_gen.cli`
prints, exits, or reads the clock and the environment.
"""

__version__ = "0.1.0"
