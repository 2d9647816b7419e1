"""A canonical fingerprint of plain data: what a rendered page was made from, as one digest.

The page cache (site/pagecache.py) keys each page by the digest of its inputs, so the digest must
change whenever anything a template can see changes, and never otherwise:

- every value is tagged with its kind (``1``, ``1.0``, ``True`` and ``"1"`` differ; so do a ``str``
  and a ``Markup`` of the same text, which a template escapes differently);
- a frozen dataclass is its type's qualified name and every field, by name, in declaration order;
- a mapping is its items *in order* (a template iterating it sees that order), a sequence its items
  in order, a set its items sorted by their digests (its order is not the data's);
- containers are hashed from their children (plain values written out, tagged and length-prefixed;
  containers by their digests: a Merkle tree), so a value met twice in one
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


def _text(tag: bytes, text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return tag + str(len(data)).encode("ascii") + b":" + data


#: The longest text :class:`Fingerprints` keeps written out (longer ones are rarely repeated).
_SHORT = 100


class Fingerprints:
    """Digests of values; containers seen before (by identity, kept alive here) are not hashed again."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, bytes]] = {}
        #: Short texts written out, by text: a site's views repeat a few thousand ids and names.
        self._texts: dict[str, bytes] = {}

    def digest(self, value: Any) -> bytes:
        """The 32-byte digest of *value* (see the module docstring)."""
        return hashlib.sha256(self._part(value)).digest()

    def hexdigest(self, value: Any) -> str:
        return self.digest(value).hex()

    def _part(self, value: Any) -> bytes:
        """*value* as its container's hash reads it: a plain value written out in full (tagged and
        length-prefixed, so parts never run into each other), a container as ``H`` and its digest."""
        kind = type(value)
        if kind is str:
            found = self._texts.get(value)
            if found is None:
                found = _text(b"S", value)
                if len(value) <= _SHORT:
                    self._texts[value] = found
            return found
        if value is None:
            return b"N"
        if kind is bool:
            return b"B1" if value else b"B0"
        if kind is int:
            return _text(b"I", str(value))
        if kind is float:
            return _text(b"F", value.hex())
        if _remembered(kind):  # a tuple or frozen view: none of the plain kinds below, told once per type
            return self._held(value, remember=True)
        if isinstance(value, (str, int, float)) and not dataclasses.is_dataclass(value):
            # A subclass (Markup, an IntEnum ...): its type is part of what a template sees.
            return _text(b"X", f"{kind.__module__}.{kind.__qualname__}\0{value!r}")
        if isinstance(value, bytes):
            return b"Y" + str(len(value)).encode("ascii") + b":" + value
        if isinstance(value, (datetime.date, datetime.time)):
            return _text(b"D", f"{kind.__qualname__}\0{value.isoformat()}")
        return self._held(value, remember=kind is tuple or _dataclass_parts(kind) is not None)

    def _held(self, value: Any, *, remember: bool) -> bytes:
        """A container's part: the one seen before, or made now (and kept when *remember*: immutable)."""
        known = self._seen.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        found = b"H" + self._container(value)
        if remember:
            self._seen[id(value)] = (value, found)
        return found

    def _container(self, value: Any) -> bytes:
        kind = type(value)
        part = self._part
        parts = _dataclass_parts(kind)
        if parts is not None:
            head, named = parts
            return hashlib.sha256(b"".join([head] + [key + part(getattr(value, name)) for name, key in named])
                                  ).digest()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            raise Unfingerprintable(f"{kind.__qualname__} is not a frozen dataclass")
        if isinstance(value, (tuple, list)):
            head = (b"T" if isinstance(value, tuple) else b"L") + str(len(value)).encode("ascii") + b":"
            return hashlib.sha256(b"".join([head] + [part(element) for element in value])).digest()
        if isinstance(value, Mapping):
            head = b"M" + str(len(value)).encode("ascii") + b":"
            return hashlib.sha256(b"".join([head] + [part(key) + part(element) for key, element in value.items()])
                                  ).digest()
        if isinstance(value, (set, frozenset)):
            head = b"E" + str(len(value)).encode("ascii") + b":"
            return hashlib.sha256(b"".join([head] + sorted(self.digest(e) for e in value))).digest()
        raise Unfingerprintable(f"cannot fingerprint a value of type {kind.__qualname__}")


_FIELDS: dict[type, tuple[str, ...]] = {}
#: Per frozen dataclass type: its header and, per field, the name and its written-out key (None for
#: any other type), worked out once per type: a site's views are thousands of values of a few types.
_PARTS: dict[type, tuple[bytes, tuple[tuple[str, bytes], ...]] | None] = {}


def _dataclass_parts(kind: type) -> tuple[bytes, tuple[tuple[str, bytes], ...]] | None:
    if kind in _PARTS:
        return _PARTS[kind]
    params = getattr(kind, "__dataclass_params__", None)
    parts = None
    if dataclasses.is_dataclass(kind) and params is not None and params.frozen:
        parts = (_text(b"C", f"{kind.__module__}.{kind.__qualname__}"),
                 tuple((name, _text(b"K", name)) for name in field_names(kind)))
    _PARTS[kind] = parts
    return parts


_REMEMBERED: dict[type, bool] = {}


def _remembered(kind: type) -> bool:
    """Whether a value of type *kind* is a container :meth:`Fingerprints._part` remembers (a tuple, a
    frozen dataclass) and none of the plain values it writes out (bytes, a date ...)."""
    found = _REMEMBERED.get(kind)
    if found is None:
        found = _REMEMBERED[kind] = (kind is tuple or _dataclass_parts(kind) is not None) and not issubclass(
            kind, (str, int, float, bytes, datetime.date, datetime.time))
    return found


def field_names(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass type, in declaration order (looked up once per type)."""
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def fingerprint(value: Any) -> str:
    """The hex digest of *value*: equal values that iterate in the same order give the same one, and
    changing any field, item or key gives another."""
    return Fingerprints().hexdigest(value)


__all__ = ["Fingerprints", "Unfingerprintable", "field_names", "fingerprint"]
