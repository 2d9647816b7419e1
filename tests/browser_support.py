"""What the browser tests share: Chromium (or a skip), a site built by the real CLI and served over
HTTP, and a page opened with its console errors and outside requests recorded.

A browser test module calls :func:`require_chromium` at import, then builds its fixtures from
:func:`build_site`, :func:`served` and :func:`launch`, and opens pages with :func:`open_page`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_process import run_cli

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Screenshots and printed PDFs, for a human to look at.
OUTPUT = REPO / "test-output" / "browser"
EPOCH = "1790000000"


def require_chromium() -> Any:
    """Playwright's sync API; skips the calling module when Chromium is missing (fails in CI)."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            raise RuntimeError("CI must install chromium (apt-get install chromium) for the browser tests")
        pytest.skip("headless Chromium is not installed (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def build_site(project: Path, site: Path, *options: str) -> Path:
    """Build *project* into *site* with the real CLI, strict; returns *site*."""
    done = run_cli("--project", str(project), "build", "--strict", *options, "--site-dir", str(site),
                   env={"SOURCE_DATE_EPOCH": EPOCH}, timeout=600)
    assert done.returncode == 0, done.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """*site* served on a free local port; yields its address (ending in '/')."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def launch(playwright_api: Any) -> Iterator[Any]:
    """Headless Chromium, with nothing of its own going out to the network."""
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, url: str, shot: str = "", scheme: str = "light") -> tuple[Any, Any, list[str], list[str]]:
    """(context, page, console errors, requests that left the site) for *url*; with *shot*, a full-page
    screenshot goes to ``OUTPUT/<shot>.png``. The caller closes the context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    origin = "/".join(url.split("/", 3)[:3])
    page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else outside.append(r.url))
    page.goto(url, wait_until="networkidle")
    if shot:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"{shot}.png"), full_page=True)
    return context, page, errors, outside
