"""A canonical fingerprint of plain data: what a rendered page was made from, as one digest.

The page cache (site/pagecache.py) keys each page by the digest of its inputs, so the digest must
change whenever anything a template can see changes, and never otherwise:

- every value is tagged with its kind (``1``, ``1.0``, ``True`` and ``"1"`` differ; so do a ``str``
  and a ``Markup`` of the same text, which a template escapes differently);
- a frozen dataclass is its type's qualified name and every field, by name, in declaration order;
- a mapping is its items *in order* (a template iterating it sees that order), a sequence its items
  in order, a set its items sorted by their digests (its order is not the data's);
- containers are hashed from their children's digests (a Merkle tree), so a value met twice in one
  :class:`Fingerprints` (a team's view in the site data and in its page) is hashed once; only
  immutable ones (frozen dataclasses, tuples) are remembered, so a list changed in between is seen.

A value of any other type is refused (:class:`Unfingerprintable`): the caller then does without
the cache rather than trust a key that might not cover the value.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Mapping
from typing import Any


class Unfingerprintable(TypeError):
    """A value of a type the fingerprint does not know how to cover."""


def _leaf(tag: bytes, text: str) -> bytes:
    return hashlib.sha256(tag + text.encode("utf-8", "surrogatepass")).digest()


class Fingerprints:
    """Digests of values; containers seen before (by identity, kept alive here) are not hashed again."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, bytes]] = {}

    def digest(self, value: Any) -> bytes:
        """The 32-byte digest of *value* (see the module docstring)."""
        if value is None:
            return _leaf(b"N", "")
        kind = type(value)
        if kind is bool:
            return _leaf(b"B", "1" if value else "0")
        if kind is int:
            return _leaf(b"I", str(value))
        if kind is float:
            return _leaf(b"F", value.hex())
        if kind is str:
            return _leaf(b"S", value)
        if isinstance(value, (str, int, float)) and not dataclasses.is_dataclass(value):
            # A subclass (Markup, an IntEnum ...): its type is part of what a template sees.
            return _leaf(b"X", f"{kind.__module__}.{kind.__qualname__}\0{value!r}")
        if isinstance(value, bytes):
            return hashlib.sha256(b"Y" + value).digest()
        if isinstance(value, (datetime.date, datetime.time)):
            return _leaf(b"D", f"{kind.__qualname__}\0{value.isoformat()}")
        known = self._seen.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        found = self._container(value)
        if isinstance(value, tuple) or dataclasses.is_dataclass(value):  # immutable: safe to remember
            self._seen[id(value)] = (value, found)
        return found

    def hexdigest(self, value: Any) -> str:
        return self.digest(value).hex()

    def _container(self, value: Any) -> bytes:
        kind = type(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            params = getattr(kind, "__dataclass_params__", None)
            if params is None or not params.frozen:
                raise Unfingerprintable(f"{kind.__qualname__} is not a frozen dataclass")
            out = hashlib.sha256(f"C{kind.__module__}.{kind.__qualname__}\0".encode("utf-8"))
            for item in dataclasses.fields(value):
                out.update(item.name.encode("utf-8") + b"\0" + self.digest(getattr(value, item.name)))
            return out.digest()
        if isinstance(value, (tuple, list)):
            out = hashlib.sha256(b"T" if isinstance(value, tuple) else b"L")
            out.update(str(len(value)).encode("ascii") + b"\0")
            for element in value:
                out.update(self.digest(element))
            return out.digest()
        if isinstance(value, Mapping):
            out = hashlib.sha256(b"M" + str(len(value)).encode("ascii") + b"\0")
            for key, element in value.items():
                out.update(self.digest(key) + self.digest(element))
            return out.digest()
        if isinstance(value, (set, frozenset)):
            out = hashlib.sha256(b"E" + str(len(value)).encode("ascii") + b"\0")
            for element in sorted(self.digest(e) for e in value):
                out.update(element)
            return out.digest()
        raise Unfingerprintable(f"cannot fingerprint a value of type {kind.__qualname__}")


def fingerprint(value: Any) -> str:
    """The hex digest of *value*: equal values that iterate in the same order give the same one, and
    changing any field, item or key gives another."""
    return Fingerprints().hexdigest(value)


__all__ = ["Fingerprints", "Unfingerprintable", "fingerprint"]
