"""Pages rendered before, kept in ``.roadmap-gen/page-cache.json`` so that a rebuild renders only what changed.

``build`` and ``serve`` render each page through :class:`PageCache`: a page whose key (the digest
of everything it is made from: roadmap_gen/pages, :class:`~roadmap_gen.pages.SitePages`) is in the
cache is taken from it instead of rendered. The cache saves rendering only: every page, cached or
not, is then cleaned and checked the same way.

The file is the tool's own and safe to delete (the next build renders every page and writes it
again). It is never trusted:

- it is read only as a regular file reached without a link, and written through the project's
  safe write (a temporary file renamed over it, no link followed: core/safe_write.py); a link or
  anything else in its place is left alone and the build goes without the cache;
- a file written by another version of the tool (or another copy of its code: the stamp is a digest
  of the package's own source files), or one that does not parse, is ignored as a whole;
- an entry is used only when its stored key is the key asked for and its checksum matches: an HMAC
  over the stamp, the page's path, its key and its bytes, keyed by a secret of the user's that lives
  outside the project (site/cachekey.py). A corrupt entry is ignored, and so is a whole cache written
  anywhere else: one committed by a pull request, or restored from a CI cache that other branches write,
  cannot put pages into the site that the project's files do not make.

After a build it holds the pages of that build only, so it does not grow with old pages.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

from roadmap_gen.core.diagnostics import ProjectError
from roadmap_gen.core.safe_write import read_regular, write_file
from roadmap_gen.core.version import __version__
from roadmap_gen.site.cachekey import sign
from roadmap_gen.site.lock import STATE_DIR, state_dir
from roadmap_gen.workspace.workspace import Workspace

CACHE_FILE = "page-cache.json"
FORMAT = "roadmap-gen page cache 1"
#: Larger than any site's pages together (a 3,000-team site's are about 40 MB).
MOST_BYTES = 1 << 30


@functools.lru_cache(maxsize=1)
def tool_stamp() -> str:
    """The tool's version and a digest of its own source files: a page rendered by other code is not reused."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode("utf-8"))
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return f"{__version__}+{digest.hexdigest()[:32]}"


def _checksum(secret: bytes, stamp: str, path: str, key: str, text: str) -> str:
    return sign(secret, *(part.encode("utf-8", "surrogatepass") for part in (stamp, path, key, text))).decode("ascii")


def read_kept(state: Path, name: str) -> bytes | None:
    """The tool's file *name* in the state folder *state* (``.roadmap-gen/``), read as the project's files
    are (a regular file reached without a link, within :data:`MOST_BYTES`); None when there is none, or
    something else is in its place."""
    try:
        return read_regular(state / name, state, MOST_BYTES, f"{STATE_DIR}/{name}")
    except ProjectError:
        return None  # a link, a folder, a file too large: not ours to read


def keep(state: Path, name: str, data: bytes) -> None:
    """Write the tool's file *name* into the state folder *state* through the project's safe write, the
    folder made as a build makes it (never through a link). A cache only saves time: a command never fails
    for it, so a file that cannot be written is not."""
    try:
        state_dir(state.parent)
        write_file(state / name, data, base=state, make_folders=True, shown=f"{STATE_DIR}/{name}")
    except (ProjectError, OSError):
        pass


def project_cache(workspace: Workspace) -> PageCache | None:
    """The page cache of *workspace*'s project, signed with its user's key; None without a key (then no
    cache is read or kept: one made elsewhere is never used)."""
    return PageCache(workspace.root, workspace.cache_key) if workspace.cache_key else None


class PageCache:
    """The page cache of one project, its entries signed with *secret* (see the module docstring).
    :meth:`save` writes what the last rendering used."""

    def __init__(self, project_dir: Path, secret: bytes):
        self._secret = secret
        self.state = project_dir / STATE_DIR
        self.stamp = tool_stamp()
        self._stored = self._load()
        self._used: dict[str, dict[str, str]] = {}
        self.hits = 0
        self.misses = 0

    def _load(self) -> dict[str, Any]:
        raw = read_kept(self.state, CACHE_FILE)
        if raw is None:
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("tool") != self.stamp:
            return {}
        pages = data.get("pages")
        return pages if isinstance(pages, dict) else {}

    @property
    def empty(self) -> bool:
        """Whether the cache holds no page (none kept yet, or none this version of the tool can use)."""
        return not self._stored

    def get(self, path: str, key: str) -> bytes | None:
        """The page *path* as rendered for *key* before, or None. Only looks: :meth:`put` says what was used."""
        entry = self._stored.get(path)
        text, signed = (entry.get("text"), entry.get("sum")) if isinstance(entry, dict) else (None, None)
        # compared as bytes: compare_digest refuses a str with a character outside ASCII (a planted "sum")
        if (isinstance(entry, dict) and entry.get("key") == key and isinstance(text, str) and isinstance(signed, str)
                and hmac.compare_digest(signed.encode("utf-8", "surrogatepass"),
                                        _checksum(self._secret, self.stamp, path, key, text).encode("ascii"))):
            return text.encode("utf-8", "surrogatepass")
        return None

    def put(self, path: str, key: str, data: bytes, *, fresh: bool) -> None:
        """The page *path* of this rendering, for *key*: rendered afresh, or (not *fresh*) got from :meth:`get`."""
        if fresh:
            self.misses += 1
        else:
            self.hits += 1
        stored = self._stored.get(path)
        if not fresh and isinstance(stored, dict) and stored.get("key") == key:
            self._used[path] = stored
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return  # pages are UTF-8 text; anything else is not kept
        self._used[path] = {"key": key, "sum": _checksum(self._secret, self.stamp, path, key, text), "text": text}

    def save(self) -> None:
        """Keep the pages the last rendering used (nothing written when nothing changed)."""
        if self.misses == 0 and set(self._used) == set(self._stored):
            return
        data = json.dumps({"format": FORMAT, "tool": self.stamp, "pages": dict(sorted(self._used.items()))},
                          ensure_ascii=False, separators=(",", ":"))
        keep(self.state, CACHE_FILE, data.encode("utf-8", "surrogatepass"))


__all__ = ["CACHE_FILE", "PageCache", "keep", "project_cache", "read_kept", "tool_stamp"]
