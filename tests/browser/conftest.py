"""The browser every browser test module shares: one headless Chromium per module."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from browser_support import launch


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch(pytest.importorskip("playwright.sync_api")) as chromium:
        yield chromium
