"""Fixtures for the chart tests, and the ``--update-goldens`` flag.

Golden files (``tests/charts/golden/*.svg``) hold the exact SVG of a fixed
example per chart. A test fails when the output differs by one byte; after a
deliberate change, regenerate them and review the diff::

    pytest --update-goldens              # from the repository root
    pytest tests/charts --update-goldens  # only the charts

The option is registered once, in ``tests/conftest.py`` (pytest loads it for
any test under ``tests/``, so ``pytest tests/charts --update-goldens`` works
too). ``RG_UPDATE_GOLDENS=1`` in the environment does the same
(``RG_UPDATE_GOLDENS=1 pytest``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def _updating(config: pytest.Config) -> bool:
    try:
        flag = bool(config.getoption("--update-goldens"))
    except ValueError:
        flag = False
    return flag or os.environ.get("RG_UPDATE_GOLDENS", "") not in ("", "0")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: compare *text* with ``golden/<name>`` byte for byte (or rewrite it)."""
    updating = _updating(request.config)

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
        if updating:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"missing golden file {path}; create it with: pytest --update-goldens")
        expected = path.read_bytes()
        if expected != data:
            import difflib

            diff = "\n".join(
                difflib.unified_diff(
                    expected.decode("utf-8").splitlines(), data.decode("utf-8").splitlines(),
                    f"golden/{name}", "output", lineterm="", n=1,
                )
            )
            pytest.fail(f"{name} differs from the golden file (review, then: pytest --update-goldens):\n{diff[:4000]}")

    return check
