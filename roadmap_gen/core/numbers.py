"""How numbers are written for people: one function for messages, pages and charts, and one for counts."""

from __future__ import annotations

import math


def fmt(value: float, decimals: int = 2) -> str:
    """*value* with at most *decimals* decimals, no trailing zeros, never ``-0``.

    >>> fmt(1.0), fmt(2.345), fmt(0.1 + 0.2), fmt(-0.001), fmt(12)
    ('1', '2.35', '0.3', '0', '12')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if isinstance(value, int):
        return str(value)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 factor"``, ``"3 factors"``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
