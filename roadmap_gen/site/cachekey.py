"""The secret that signs the page cache (site/pagecache.py): random bytes in a file of the user's own,
outside every project.

A page cache lives in the project (``.roadmap-gen/``), where a pull request can commit one and a CI
cache that other branches write can restore one. Its entries are therefore signed with a key that
only this user on this machine holds: a cache made anywhere else is never used. The key is made on
first use (a temporary file linked into place, so that two builds at once agree on one key), readable
by its owner only. Where it cannot be made or read (a read-only home, a link in its place, a file of
another user), builds go without a cache: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_FILE = "page-cache.key"
KEY_BYTES = 32

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def user_key(folder: Path) -> bytes | None:
    """The key kept in *folder* (made, with the folder, on first use); None when it cannot be had."""
    path = folder / KEY_FILE
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.path.lexists(path):
            _make(folder, path)
        return _read(path)
    except OSError:
        return None


def _make(folder: Path, path: Path) -> None:
    temp = folder / f".{KEY_FILE}.{secrets.token_hex(8)}.tmp"
    out = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        try:
            os.write(out, secrets.token_bytes(KEY_BYTES))
        finally:
            os.close(out)
        try:
            os.link(temp, path)  # fails if another process made the key first: that key is everyone's
        except FileExistsError:
            pass
    finally:
        os.unlink(temp)


def _read(path: Path) -> bytes | None:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC)
    try:
        info = os.fstat(fd)
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not stat.S_ISREG(info.st_mode) or not mine or info.st_mode & 0o077:
            return None  # not a file, another user's, or one others may read: not a secret
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def sign(secret: bytes, *parts: bytes) -> bytes:
    """The HMAC-SHA256 (hexadecimal, ASCII) of *parts* under *secret*, each part ended by a NUL byte: what
    the page cache signs each entry with and the load cache its whole file."""
    digest = hmac.new(secret, digestmod=hashlib.sha256)
    for part in parts:
        digest.update(part + b"\0")
    return digest.hexdigest().encode("ascii")


__all__ = ["KEY_FILE", "sign", "user_key"]
