"""``roadmap-gen serve``: build, serve on localhost, rebuild on every change.

A broken edit prints its located diagnostics (never a traceback) and the last good
site keeps being served. The preview site lives in ``.roadmap-gen/preview`` so that
serving never touches the published ``site/``; a rebuild holds the project's lock
only while it runs (site/lock.py).

The preview stages into its own ``.roadmap-gen/preview-staging`` and its site records what
it was built from: a rebuild is a quick one (only the changed pages) only when the new
staging tree differs from that record in pages alone, so a ``build`` run in between, or a
rebuild that failed, can never leave a stale page in the preview (site/incremental.py).

- Only requests for the address the server is bound to are answered (the ``Host``
  header must name it): a web page elsewhere cannot read the preview through a DNS
  name that it points at 127.0.0.1 (DNS rebinding).
- What is watched is looked at afresh every half second (content/, templates/,
  site_config/, mkdocs.yml), so folders created after the start, or a content/
  deleted and made again, are seen.
- The port is bound before anything is said: a busy port is a usage error.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import InputError, RoadmapError, UsageError, sorted_diagnostics
from roadmap_gen.load.project import LoadMemo
from roadmap_gen.pipeline import plan_project
from roadmap_gen.settings.read import OWN_ICONS
from roadmap_gen.site.build import build_site
from roadmap_gen.site.loadcache import project_loads
from roadmap_gen.site.lock import DEFAULT_WAIT_SECONDS, STATE_DIR
from roadmap_gen.workspace.workspace import Workspace

WATCHED = ("content", "templates", "site_config", "mkdocs.yml", "roadmap-gen.yaml")
POLL_SECONDS = 0.5


def rebuild(workspace: Workspace, site_dir: Path, info: BuildInfo, report: Callable[[str], None],
            wait: float = DEFAULT_WAIT_SECONDS, engine: str | None = None, memo: LoadMemo | None = None) -> bool:
    """One rebuild for the preview; problems are reported, one line each, never raised. *memo*: what the
    files gave in the serve's rebuilds before, so that an edit parses only the files it changed."""
    quick = False
    try:
        result = plan_project(workspace, memo=memo)
        for diagnostic in sorted_diagnostics(result.diagnostics):
            report(diagnostic.format())
        if result.plan is None:
            report("the inputs have errors: still serving the last good site")
            return False
        quick = build_site(workspace, result, site_dir, info, wait=wait, report=report,
                           engine=engine, incremental=True).quick
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            report(diagnostic.format())
        report("still serving the last good site")
        return False
    except RoadmapError as exc:
        report(f"{exc}: still serving the last good site")
        return False
    except OSError as exc:
        report(f"{exc.strerror or type(exc).__name__}{': ' + str(exc.filename) if exc.filename else ''}: "
               "still serving the last good site")
        return False
    except Exception as exc:  # noqa: BLE001 - a bug in a rebuild must not stop the preview or print a stack
        report(f"internal error: {type(exc).__name__}: {exc} (a bug in roadmap-gen; run the build with "
               "ROADMAP_GEN_DEBUG=1 for details): still serving the last good site")
        return False
    report("site rebuilt" + (": only the pages the edit changed" if quick else ""))
    return True


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` header values a request may carry for a server bound to *host*:*port*."""
    names = {host.lower()}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and address.is_loopback or host.lower() == "localhost":
        names |= {"localhost", "127.0.0.1", "[::1]"}
    if address is not None and address.version == 6:
        names.add(f"[{host.lower()}]")
    with_port = {f"{name}:{port}" for name in names}
    return frozenset(with_port | (names if port == 80 else set()))


def _host_allowed(header: str, host: str, allowed: frozenset[str]) -> bool:
    header = header.strip().lower()
    if header in allowed:
        return True
    if host in ("0.0.0.0", "::", ""):  # bound to every address: any address literal or this machine's name
        name = header.rsplit(":", 1)[0] if not header.endswith("]") else header
        name = name.strip("[]")
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name in ("localhost", socket.gethostname().lower(), socket.getfqdn().lower())
    return False


def _fingerprint(project_dir: Path) -> tuple[tuple[Any, ...], ...]:
    """What the watched inputs look like now (names, sizes, times), links not followed."""
    seen: list[tuple[Any, ...]] = []
    own_icons = project_dir / "site_config" / OWN_ICONS.rstrip("/")  # the one dot-folder read (trusted)
    for name in WATCHED:
        stack = [project_dir / name]
        while stack:
            path = stack.pop()
            try:
                info = os.lstat(path)
            except OSError:
                continue
            seen.append((str(path), info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino))
            if stat.S_ISDIR(info.st_mode):
                try:
                    names = os.listdir(path)
                except OSError:
                    continue
                stack.extend(path / child for child in names if not child.startswith(".") or path / child == own_icons)
    return tuple(sorted(seen))


def _make_server(builder: Callable[[], Any], host: str, port: int, root: Path) -> Any:
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        """MkDocs' live-reload server, answering only for its own address."""

        hosts = allowed_hosts(host, port)

        def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            if not _host_allowed(environ.get("HTTP_HOST", ""), host, self.hosts):
                start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"roadmap-gen serve answers only requests for the address it is bound to\n"]
            return super().serve_request(environ, start_response)

        def request_rebuild(self) -> None:
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

    server = Server(builder, host, port, str(root))
    # MkDocs injects its live-reload script only when something is watched; our own watcher
    # (below) does the watching, so mark the project as watched without scheduling MkDocs' one.
    server._watched_paths[str(root)] = 1
    return server


class _ToReport(logging.Handler):
    """The live-reload server's own log lines (a refused or missing request), through *report*.

    They hold the request line as the client sent it; *report* is the CLI's printer, which
    shows control characters escaped. Kept apart from the "mkdocs" logger, so a request
    during a rebuild is never taken for a warning of the build.
    """

    def __init__(self, report: Callable[[str], None]):
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        self.report(record.getMessage())


def serve(workspace: Workspace, host: str, port: int, info: BuildInfo,
          report: Callable[[str], None], wait: float = DEFAULT_WAIT_SECONDS, engine: str | None = None) -> int:
    """Build, serve and rebuild on every change. *info* is the footer's for every rebuild: its build time
    stays the serve's start, for were it each rebuild's, every page would change at every edit and no
    rebuild could be a quick one."""
    workspace = replace(workspace, root=workspace.root.resolve())
    project_dir = workspace.root
    server_log = logging.getLogger("mkdocs.livereload")
    server_log.handlers = [_ToReport(report)]
    server_log.propagate = False
    site_dir = project_dir / STATE_DIR / "preview"
    # This serve's own, in memory: what each file gave, for the next rebuild. It starts from what the last
    # build kept (site/loadcache.py), and the first good rebuild keeps what it read for the next command
    # (later ones do not: an edit's rebuild should not wait for the whole project's results to be written).
    saved = project_loads(workspace)
    memo = saved.memo if saved is not None else LoadMemo()
    kept = False

    def build() -> bool:
        nonlocal kept
        done = rebuild(workspace, site_dir, info, report, wait, engine, memo)
        if done and saved is not None and not kept:
            saved.save()
            kept = True
        return done

    server = _make_server(build, host, port, site_dir)
    try:
        server.server_bind()
        server.server_activate()
    except OSError as exc:
        server.server_close()
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        raise UsageError(f"cannot serve on {host}:{port}: {reason}; choose another port with --port") from None
    stop = threading.Event()

    def watch() -> None:
        last = _fingerprint(project_dir)
        while not stop.wait(POLL_SECONDS):
            now = _fingerprint(project_dir)
            if now != last:
                last = now
                server.request_rebuild()

    try:
        rebuild(workspace, site_dir, info, report, wait, engine, memo)
        if not site_dir.is_dir():
            try:
                site_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create the preview folder {site_dir}: {exc.strerror or exc}") from None
        address = f"[{host}]" if ":" in host else host
        report(f"serving on http://{address}:{port}/ (Ctrl+C to stop)")
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        server.serve_thread.start()
        server._build_loop()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    report("stopped")
    return 0
