"""What each project file gave when the last build loaded it, kept in ``.roadmap-gen/load-cache.pickle``.

Reading a thousand team files (YAML parsed, every field checked, the model built) is most of the time
a load takes; taking the same model objects from the last build's results takes a tenth of it. The file
holds a :class:`~roadmap_gen.load.project.LoadMemo`'s entries: each file's model object and diagnostics
by the file's name, the digest of its bytes, the kind of file and the loader's context, so that an entry
is used only for a file whose bytes are the very same (an edited file is read afresh). What the files give
together (references, the plan, every check) is worked out afresh on every load.

``build`` writes it (when its results differ from the file's), ``validate`` only reads it. Like the page
cache (site/pagecache.py) it is never trusted:

- it is read only as a regular file reached without a link, and written through the project's safe write;
- it is used only when it was written by this very copy of the tool (the stamp: its version and a digest
  of its source files) and its HMAC, keyed by the user's secret outside the project (site/cachekey.py),
  matches: one committed by a pull request or restored from another branch's CI cache is ignored;
- even then it is read by an unpickler that makes nothing but the model's own data classes, its
  enumerations, dates and plain values: never a function, never code.

It is safe to delete; a file that is not as expected is ignored as a whole and the project is loaded
from its files.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hmac
import io
import pickle
import sys
from typing import Any

from roadmap_gen.load.project import LoadMemo
from roadmap_gen.site.cachekey import sign
from roadmap_gen.site.lock import STATE_DIR
from roadmap_gen.site.pagecache import keep, read_kept, tool_stamp
from roadmap_gen.workspace.workspace import Workspace

CACHE_FILE = "load-cache.pickle"
FORMAT = b"roadmap-gen load cache 1\n"
#: What the model holds besides its own classes, by pickle's (module, name).
_PLAIN: dict[tuple[str, str], type] = {
    ("datetime", "date"): datetime.date, ("builtins", "frozenset"): frozenset, ("builtins", "set"): set,
}
#: Where the classes of a loaded file's model and diagnostics are defined.
_MODEL_MODULES = ("roadmap_gen.model.", "roadmap_gen.core.", "roadmap_gen.spec.")


class _ModelUnpickler(pickle.Unpickler):
    """Makes the model's data classes, enumerations, dates and plain values, and refuses anything else."""

    def find_class(self, module: str, name: str) -> Any:
        plain = _PLAIN.get((module, name))
        if plain is not None:
            return plain
        # Only classes of the model's modules already imported (nothing is imported for a cache).
        loaded = sys.modules.get(module) if module.startswith(_MODEL_MODULES) else None
        found = getattr(loaded, name, None) if loaded is not None and "." not in name else None
        if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a class of the model")


def project_loads(workspace: Workspace) -> SavedLoads | None:
    """The kept load results of *workspace*'s project, signed with its user's key; None without a key."""
    return SavedLoads(workspace, workspace.cache_key) if workspace.cache_key else None


class SavedLoads:
    """The load cache of one project: :attr:`memo` starts from the file's entries; :meth:`save` keeps what
    the load through it used."""

    def __init__(self, workspace: Workspace, secret: bytes):
        self._secret = secret
        self.state = workspace.root / STATE_DIR
        self.stamp = tool_stamp()
        kept = self._read()
        self._kept = len(kept)
        self.memo = LoadMemo(kept)

    def _read(self) -> dict[Any, Any]:
        raw = read_kept(self.state, CACHE_FILE)
        if raw is None or not raw.startswith(FORMAT):
            return {}
        stamp, _, rest = raw[len(FORMAT):].partition(b"\n")
        signed, _, payload = rest.partition(b"\n")
        if stamp != self.stamp.encode("utf-8") or not hmac.compare_digest(signed, self._signature(payload)):
            return {}
        try:
            entries = _ModelUnpickler(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 - a cache that does not read as expected is ignored, whatever is wrong
            return {}
        return entries if isinstance(entries, dict) else {}

    def save(self) -> None:
        """Keep the results of the last load (nothing written when it used exactly what the file held)."""
        entries = self.memo.entries()
        if self.memo.fresh == 0 and len(entries) == self._kept:
            return
        try:
            payload = pickle.dumps(dict(sorted(entries.items())), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # a result that cannot be kept: the next load reads the files
        keep(self.state, CACHE_FILE,
             FORMAT + self.stamp.encode("utf-8") + b"\n" + self._signature(payload) + b"\n" + payload)

    def _signature(self, payload: bytes) -> bytes:
        """What signs the whole file: the user's key over its format, the tool's stamp and the payload."""
        return sign(self._secret, FORMAT, self.stamp.encode("utf-8"), payload)


__all__ = ["CACHE_FILE", "SavedLoads", "project_loads"]
