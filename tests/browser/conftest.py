"""The browser every browser test module shares: one headless Chromium per module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser_support import launch, require_chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch(require_chromium()) as chromium:
        yield chromium
