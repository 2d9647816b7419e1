"""One project as the tool may touch it: where it is, and whether it is trusted.

A :class:`Workspace` is made once, by the command line (``--project``, ``--trust``) or by a
caller of the Python API, and passed down whole: every stage that reads the project's files
or decides what a project may do asks it, so the trust given on the command line cannot be
dropped or changed on the way (docs/security.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from roadmap_gen.workspace.files import ProjectFiles


@dataclass(frozen=True)
class Workspace:
    """The project folder *root*; *trust* lets its settings run code and its inputs link out of it."""

    root: Path
    trust: bool = field(default=False, kw_only=True)
    #: A secret of the user's, kept outside the project (site/cachekey.py), that signs the page cache:
    #: without it no cache is read or written, so a cache a pull request or a shared CI cache planted
    #: is never used.
    cache_key: bytes | None = field(default=None, kw_only=True, repr=False)

    def files(self) -> ProjectFiles:
        """A reader of the project's files by the file rules (workspace/files.py), with its own findings."""
        return ProjectFiles(self.root, trust=self.trust)

    def absolute(self) -> Workspace:
        """The same workspace with its root made absolute (links kept), for commands that lock and write it."""
        return replace(self, root=Path(os.path.abspath(self.root)))


def as_workspace(where: Workspace | Path) -> Workspace:
    """*where* as a workspace: a bare folder (the Python API's short form) is an untrusted one."""
    return where if isinstance(where, Workspace) else Workspace(Path(where))


__all__ = ["Workspace", "as_workspace"]
