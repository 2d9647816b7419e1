"""Project-wide pytest options and fixtures.

``--update-goldens``: rewrite golden files (``tests/charts/golden/*``, the
example site's ``tests/golden/site/**`` and the application security site's
``tests/golden/appsec/**``) from the current output instead of comparing
against them; review the diff afterwards::

    pytest --update-goldens
    pytest tests/test_pages.py --update-goldens             # a subset works too
    pytest tests/test_other_catalogue.py --update-goldens   # only tests/golden/appsec/

The option is registered here and only here: pytest loads this file before
collecting any test under ``tests/`` (it is an ancestor of every test), so no
other conftest needs to (and none may: a second ``addoption`` of the same name
is an error). ``RG_UPDATE_GOLDENS=1`` in the environment does the same.
The ``update_goldens`` fixture tells a test which way to go.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Most end-to-end tests start the real CLI, hundreds of Python processes in all. Where the
    # machine sets PYTHONDONTWRITEBYTECODE (CI images often do), each of them would compile the
    # checkout's modules again: half its start-up time. Let them keep the compiled modules, as
    # Python does by default (in __pycache__/, which git ignores).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    # The commands keep the page cache's key in the user's cache folder (site/cachekey.py): the
    # suite's go in a folder of its own, not in the home of whoever runs it.
    # The workers of pytest-xdist inherit the folder the main process made; that process removes it.
    global _made_cache_home
    if not os.environ.get("RG_TEST_CACHE_HOME"):
        os.environ["RG_TEST_CACHE_HOME"] = _made_cache_home = tempfile.mkdtemp(prefix="rg-test-cache-")
    os.environ["XDG_CACHE_HOME"] = os.environ["RG_TEST_CACHE_HOME"]


#: The cache folder this process made for the suite, if it made one.
_made_cache_home = ""


def pytest_unconfigure(config: pytest.Config) -> None:
    if _made_cache_home:
        shutil.rmtree(_made_cache_home, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The workers take whole files in the order collected, so a long file collected last would run
    # alone at the end while the other workers wait. Files that build real sites or start a browser
    # (marked slow or browser) go first; the many quick files then fill the gaps. The sort is stable:
    # within each group the files, and the tests in a file, keep their order.
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") or item.get_closest_marker("browser") else 1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files (tests/charts/golden/*, tests/golden/site/**, tests/golden/appsec/**) "
             "instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when golden files are to be rewritten (``--update-goldens`` or ``RG_UPDATE_GOLDENS=1``)."""
    return bool(request.config.getoption("--update-goldens")) or os.environ.get("RG_UPDATE_GOLDENS", "") not in ("", "0")
