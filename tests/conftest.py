"""Project-wide pytest options.

``--update-goldens``: rewrite golden files (``tests/charts/golden/*``) from the
current output instead of comparing against them; review the diff afterwards::

    pytest --update-goldens

The option is registered here so it works from the repository root (pytest
only reads options from conftest files it loads at start-up);
``tests/charts/conftest.py`` registers it too, guarded, so running a subset
of tests with the flag also works. ``RG_UPDATE_GOLDENS=1`` does the same.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        parser.addoption(
            "--update-goldens",
            action="store_true",
            default=False,
            help="rewrite golden files (tests/charts/golden/*) from the current output instead of comparing",
        )
    except ValueError:  # already registered (tests/charts/conftest.py or a plugin)
        pass
