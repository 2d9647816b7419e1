"""Issue 10, item 11: serve answers only for its own address, sees what appears after it started,
shows located errors (never a stack) and keeps the last good site."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest
from corpus import EPOCH, World

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(port: int, host: str, path: str = "/") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def wait_for(condition: Callable[[], bool], what: str, limit: float = 120) -> None:
    """Wait until *condition* holds (a generous limit, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def test_serve(world: World) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ROADMAP_GEN_DEBUG"}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    process = subprocess.Popen([sys.executable, "-m", "roadmap_gen", "--project", str(world.project), "serve",
                                "--port", str(port)], stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")),  # type: ignore[union-attr]
                              daemon=True)
    reader.start()
    me = f"127.0.0.1:{port}"
    try:
        wait_for(lambda: any("serving on" in line for line in lines), "the server to start")
        assert get(port, me)[0] == 200
        assert get(port, f"localhost:{port}")[0] == 200
        for foreign in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", ""):
            status, body = get(port, foreign)
            assert status == 421 and "Northwind" not in body, foreign
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:  # a path http.client refuses
            raw.sendall(f"GET /nowhere-\x1b[2J HTTP/1.0\r\nHost: {me}\r\n\r\n".encode("latin-1"))
            answer = b""
            while chunk := raw.recv(4096):  # read it all: the server logs the request once it has answered
                answer += chunk
            assert answer.startswith(b"HTTP/1.0 404")  # and logged with the escape shown, not sent raw

        # a folder made after the start is watched
        rebuilt = sum("site rebuilt" in line for line in lines)
        (world.project / "templates").mkdir()
        (world.project / "templates" / "home.md.j2").write_text("# Home\n\nMADE-AFTER-START\n", "utf-8")
        wait_for(lambda: sum("site rebuilt" in line for line in lines) > rebuilt, "a rebuild")
        assert "MADE-AFTER-START" in get(port, me)[1]

        # a broken edit: located error, the last good site still served
        org = world.project / "content" / "organisation.yaml"
        org.write_text(org.read_text("utf-8").replace("capacity: 15", "capacity: [", 1), "utf-8")
        wait_for(lambda: any("still serving the last good site" in line for line in lines), "the refusal")
        assert any(line.startswith("content/organisation.yaml:") and "[yaml-syntax]" in line for line in lines)
        assert "MADE-AFTER-START" in get(port, me)[1]

        # content/ deleted and made again is seen too
        rebuilt = sum("site rebuilt" in line for line in lines)
        saved = world.root / "content-saved"
        shutil.copytree(world.project / "content", saved)
        shutil.rmtree(world.project / "content")
        shutil.copytree(saved, world.project / "content")
        org.write_text(org.read_text("utf-8").replace("capacity: [", "capacity: 15", 1), "utf-8")
        wait_for(lambda: sum("site rebuilt" in line for line in lines) > rebuilt, "a rebuild of the new content/")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
    text = "".join(lines)
    assert "Traceback" not in text, text
    assert "\x1b" not in text and "nowhere-\\x1b[2J" in text
    world.site_untouched()  # serve builds its preview in .roadmap-gen/preview, never site/
