"""Replace a folder with a freshly built one so that readers never see half a site.

On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders in one step; elsewhere
two renames leave only a moment in which the old site sits beside its name.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def replace_dir(new: Path, target: Path, keep: Path | None = None) -> None:
    """Put ``new`` at ``target``; the previous ``target`` (if any) is removed afterwards, or, given
    *keep* (a name that must be free), moved there for the next build to start from."""
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        _retire(new, keep)  # ``new`` now holds the old site
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(target, old)
    os.replace(new, target)
    _retire(old, keep)


def _retire(old: Path, keep: Path | None) -> None:
    if keep is None:
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(old, keep)
