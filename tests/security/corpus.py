"""The attack corpus of issue 10: shared helpers (the fixtures are in conftest.py).

Every case runs the real CLI in a process of its own (cli_process.py) against a copy
of the example project whose site was built once per session, with a folder *outside*
the project holding a canary: each case checks that nothing outside the project was
written, run or removed, and each refused case that the previous site is byte-identical.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import cli_process

EPOCH = "1767225600"  # 2026-01-01 00:00 UTC
LOCATION = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?:error|warning): \[", re.M)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* (links listed as their target text, never followed)."""
    out: dict[str, bytes] = {}
    if not folder.exists():
        return out
    for root, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            out[rel] = b"->" + os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return out


def run_cli(*args: str, project: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 120, cwd: Path | None = None,
            setup: Callable[[], object] | None = None) -> subprocess.CompletedProcess[str]:
    project_option = ["--project", str(project)] if project is not None else []
    return cli_process.run_cli(*project_option, *args, env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})},
                               timeout=timeout, cwd=cwd, setup=setup)


def die_at_step(step: int) -> None:
    """In the command's process: the *step*-th change to a file (replace, rename, fsync, unlink, mkdir,
    rmdir, write) ends the process at once, as a kill would: no cleanup, no ``finally``."""
    count = [0]

    def wrap(real: Callable[..., object]) -> Callable[..., object]:
        def stop_at_step(*args: object, **kwargs: object) -> object:
            count[0] += 1
            if count[0] == step:
                os._exit(137)
            return real(*args, **kwargs)
        return stop_at_step

    for name in ("replace", "rename", "fsync", "unlink", "mkdir", "rmdir", "write"):
        setattr(os, name, wrap(getattr(os, name)))


@contextlib.contextmanager
def logging_server() -> Iterator[tuple[str, list[str]]]:
    """A server on another local port that answers 404 and logs every path asked for."""
    asked: list[str] = []

    class Log(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            asked.append(self.path)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Log)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()


@dataclass
class World:
    """A project with a built site, and a folder outside it that nothing may touch."""

    root: Path
    project: Path
    outside: Path
    site_before: dict[str, bytes]
    outside_before: dict[str, bytes]

    @property
    def site(self) -> Path:
        return self.project / "site"

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
        return run_cli(*args, project=self.project, **kwargs)

    def outside_untouched(self) -> None:
        assert files_of(self.outside) == self.outside_before, "something outside the project changed"

    def site_untouched(self) -> None:
        assert files_of(self.site) == self.site_before, "the previous site changed"

    def refused(self, done: subprocess.CompletedProcess[str], where: str | None, code: int = 1,
                words: Sequence[str] = ()) -> None:
        """A refusal: the exit code, the place (FILE:LINE:COL) when the input has one, no stack,
        the previous site as it was, nothing outside the project touched."""
        assert done.returncode == code, (done.returncode, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        if where is not None:
            assert where in done.stderr, (where, done.stderr)
            assert LOCATION.search(done.stderr), done.stderr
        for word in words:
            assert word in done.stderr, (word, done.stderr)
        self.site_untouched()
        self.outside_untouched()
