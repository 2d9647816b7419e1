"""The site engines roadmap-gen builds with, by name (``engine:`` in roadmap-gen.yaml, ``--engine``).

Apart from the model, so that the command line can offer them without loading the model.
"""

from __future__ import annotations

from typing import Literal

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")

__all__ = ["ENGINES", "Engine"]
