"""Run the real CLI in a process of its own, without paying for a new interpreter each time.

Several hundred tests run ``roadmap-gen`` as a user does: a process with its own working folder,
environment, standard streams and exit code. Started as ``python -m roadmap_gen``, each such
process spent most of its time on work that never differs: importing the package and compiling
the site's templates (about a second of CPU for a quarter of a second of the command's own work).
Here each run is instead a process forked from a server that did that once per test worker
(multiprocessing's *forkserver*, which preloads ``cli_warm``): it gets the arguments, working
folder, environment and streams the test gives it, runs the same ``main()`` as ``python -m
roadmap_gen`` and exits with its code. The server is single-threaded, so forking it is safe
where forking the test process (which has threads) would not be.

What this cannot show, how the interpreter finds and starts the command, is tested with real
interpreters: the console script and ``python -m`` (test_cli_help.py), the installed wheel
(cycle/test_ci_replay.py), ``serve`` stopped by a signal (security/test_serve.py), and that the
console script imports nothing from the project it runs in (security/test_environment.py).
test_cli_process.py checks that a forked command answers as a new interpreter does.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import multiprocessing.forkserver
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["cli_warm"])


def _start_server() -> None:
    """Start the server (once per process) where it imports what this process imports.

    The server is a new interpreter started with ``-c``: it would look first in its working folder
    and not at all in this process's own path (where ``tests/`` is, and, when the tests run against
    an installed wheel, that wheel), and an import that fails there is silently skipped.
    """
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONSAFEPATH")}
    os.environ["PYTHONPATH"] = os.pathsep.join(entry for entry in sys.path if entry)
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def cli_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment as a command started from it gets it: without the tool's own debug
    switch (a test of a refusal must see the message, not a traceback), with *env* on top."""
    out = {k: v for k, v in os.environ.items() if k != "ROADMAP_GEN_DEBUG"}
    out.update(env or {})
    return out


class Command:
    """A started ``roadmap-gen`` command (see :func:`start_cli`)."""

    def __init__(self, args: Sequence[str], cwd: Path | str | None, env: Mapping[str, str] | None,
                 input: str | None, text: bool, setup: Callable[[], object] | None) -> None:
        self.args = ["roadmap-gen", *args]
        self._text = text
        self._streams = Path(tempfile.mkdtemp(prefix="rg-cli-"))
        (self._streams / "in").write_text(input or "", "utf-8")
        _start_server()
        self._process = _CONTEXT.Process(target=_command, name="roadmap-gen", args=(
            list(args), str(cwd or os.getcwd()), cli_environment(env), str(self._streams), setup))
        self._process.start()

    def wait(self, timeout: float = 300) -> subprocess.CompletedProcess[Any]:
        """Its outcome once it ended, as :func:`subprocess.run` with ``capture_output=True`` gives it; raises
        :class:`subprocess.TimeoutExpired` after *timeout* seconds, the process killed."""
        try:
            self._process.join(timeout)
            if self._process.exitcode is None:
                self._process.kill()
                self._process.join()
                raise subprocess.TimeoutExpired(self.args, timeout)
            if not (self._streams / "err").exists():
                raise RuntimeError(f"the process for {self.args} ended (exit code {self._process.exitcode}) before "
                                   "the command started; its error is on this process's standard error")
            out: Any = (self._streams / "out").read_bytes()
            err: Any = (self._streams / "err").read_bytes()
        finally:
            shutil.rmtree(self._streams, ignore_errors=True)
        if self._text:  # as subprocess decodes it: UTF-8 (the locale here), any line break read as "\n"
            out, err = _text(out), _text(err)
        return subprocess.CompletedProcess(self.args, self._process.exitcode, out, err)


def start_cli(*args: str, cwd: Path | str | None = None, env: Mapping[str, str] | None = None,
              input: str | None = None, text: bool = True, setup: Callable[[], object] | None = None) -> Command:
    """Start ``roadmap-gen ARGS`` in *cwd* (this process's working folder when not given) with *env* (see
    :func:`cli_environment`) and *input* on its standard input. Its output is read as text (UTF-8), or as
    bytes when not *text*. *setup* (a module-level function, or a :func:`functools.partial` of one) runs
    in the command's process just before the command."""
    return Command(args, cwd, env, input, text, setup)


def run_cli(*args: str, cwd: Path | str | None = None, env: Mapping[str, str] | None = None,
            timeout: float = 300, input: str | None = None, text: bool = True,
            setup: Callable[[], object] | None = None) -> subprocess.CompletedProcess[Any]:
    """:func:`start_cli` and :meth:`Command.wait`: as :func:`subprocess.run` with ``capture_output=True``."""
    return start_cli(*args, cwd=cwd, env=env, input=input, text=text, setup=setup).wait(timeout)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _command(argv: list[str], cwd: str, environ: dict[str, str], streams: str,
             setup: Callable[[], object] | None) -> None:
    """In the forked process: become the command a user starts, run it, exit with its code."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(environ)
    tempfile.tempdir = None  # chosen again from this environment's TMPDIR, as a new interpreter would
    for fd, name, flags in ((0, "in", os.O_RDONLY), (1, "out", os.O_WRONLY | os.O_CREAT),
                            (2, "err", os.O_WRONLY | os.O_CREAT)):
        opened = os.open(os.path.join(streams, name), flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    # Streams as Python makes them for a pipe: UTF-8 here, block-buffered, stderr escaping what it cannot encode.
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    entry = importlib.util.find_spec("roadmap_gen.__main__")  # its path is the argv[0] of ``python -m roadmap_gen``
    sys.argv = [entry.origin if entry and entry.origin else "roadmap_gen", *argv]
    from roadmap_gen.cli import main
    if setup is not None:
        setup()
    try:
        code = main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(code)
