"""A map over independent items shared by forked processes, each result as if made here.

``fork_map(work, items, workers)`` gives ``[work(item) for item in items]``. With *workers* > 1 on
a system that forks (Linux) and in a process that runs one thread, it forks *workers* - 1
children first; item *i* is worked by process ``i % workers`` (neighbouring items cost about the
same, so the shares do too). Each child pickles its results into an unnamed temporary file that
only it writes, and leaves with ``os._exit`` (no clean-up of the parent's runs twice). This process
works its own share meanwhile, then reads the children's.

A child that fails in any way (an exception, a result that cannot be pickled, killed) or that
cannot be started (a limit on processes or memory), and each result its *keep* refuses, costs only
time: those items are worked here, so that their errors are raised by this process, as without
children. Results cross processes, so *work* must return
picklable data, and whatever else it changes in a child is lost: callers give it work whose effects
are its result (or files it writes). The caller decides *workers*; nothing here reads the
environment.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import IO, Any, Generic, TypeVar

_MISSING: Any = object()

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether this system and this process allow forked work: Linux, and a single thread (a fork
    copies only the calling thread, with any lock another thread holds)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def fork_map(work: Callable[[Item], Result], items: Sequence[Item], workers: int, *,
             keep: Callable[[Result], bool] = lambda result: True) -> list[Result]:
    """``[work(item) for item in items]``, shared by *workers* processes when that is possible (see the
    module); a child's result that *keep* refuses is worked again here. The first item whose work
    raises raises here, as it would in one process, once the items before it are done."""
    workers = min(workers, len(items))
    if workers < 2 or not can_fork():
        return [work(item) for item in items]
    own: dict[int, Result | _Raised] = {}
    found: dict[int, Any] = {}
    children: list[tuple[int, IO[bytes], int]] = []
    try:
        for rank in range(1, workers):
            try:
                children.append((*_fork(work, items, rank, workers), rank))
            except OSError:  # no process to be had (a limit on processes, on memory): the rest is worked here
                break
        for index in range(0, len(items), workers):
            try:
                own[index] = work(items[index])
            except Exception as exc:  # noqa: BLE001 - raised at its turn below, after the items before it
                own[index] = _Raised(exc)
        while children:
            pid, out, _rank = children.pop(0)
            found.update(_collect(pid, out) or {})
    finally:
        for pid, out, _rank in children:
            _abandon(pid, out)
    results: list[Result] = []
    for index, item in enumerate(items):
        if index in own:
            result = own[index]
            if isinstance(result, _Raised):
                raise result.error
        else:
            result = found.get(index, _MISSING)
            if result is _MISSING or not keep(result):
                result = work(item)
        results.append(result)
    return results


class Pending(Generic[Result]):
    """Work started in a forked child by :func:`fork_call`: :meth:`result` waits for it, :meth:`cancel`
    stops it when its result is no longer wanted."""

    def __init__(self, child: tuple[int, IO[bytes]] | None, ended: int | None = None) -> None:
        self._child = child
        self._result: Result | None = None
        #: The end of a pipe whose other end only the child holds: it reads as ended once the child is gone.
        self._ended = ended

    def result(self) -> Result | None:
        """The child's result, or None when it failed (or never ran)."""
        if self._child is not None:
            found = _collect(*self._child)
            self._child = None
            self._result = found.get(0) if found is not None else None
        self._close()
        return self._result

    def cancel(self) -> None:
        if self._child is not None:
            _abandon(*self._child)
            self._child = None
        self._close()

    def _close(self) -> None:
        if self._ended is not None:
            os.close(self._ended)
            self._ended = None


def fork_call(work: Callable[[], Result], *, after: Pending[Any] | None = None) -> Pending[Result]:
    """Start ``work()`` in a forked child while this process goes on; with *after*, once that child has
    ended (its result not yet taken): work that would otherwise share the processors with it, started now
    so that it takes a processor the moment that child leaves one free, whatever this process is doing
    then. When this process cannot fork, *work* does not run at all (its result is None): it must be work
    this process can do without, or do later itself."""
    if not can_fork():
        return Pending(None)
    gate = after._ended if after is not None else None
    try:
        ended: int | None
        ended, held = os.pipe()
    except OSError:  # no descriptor to be had: work started after this one will not wait for it
        ended = held = None

    def run(_item: None) -> Result:
        if gate is not None:
            _wait_for_end(gate)
        return work()

    try:
        return Pending(_fork(run, [None], 0, 1), ended)
    except OSError:  # no process to be had (a limit on processes, on memory): the work is not done
        if ended is not None:
            os.close(ended)
        return Pending(None)
    finally:
        if held is not None:
            os.close(held)  # only the child holds it now: when the child is gone, *ended* reads as ended


def _wait_for_end(ended: int) -> None:
    """Block until every holder of the pipe's other end is gone (nothing is ever written to it)."""
    try:
        while os.read(ended, 1):
            pass
    except OSError:
        pass


class _Raised:
    """An exception one of this process's own items raised, kept for that item's turn."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _fork(work: Callable[[Item], Result], items: Sequence[Item], rank: int, workers: int
          ) -> tuple[int, IO[bytes]]:
    out = tempfile.TemporaryFile()
    try:
        pid = os.fork()
    except OSError:
        out.close()
        raise
    if pid == 0:  # the child: work its share, write it down, leave without running the parent's clean-up
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child at once; the parent says so
            done = {index: work(items[index]) for index in range(rank, len(items), workers)}
            pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            status = 0
        finally:
            os._exit(status)
    return pid, out


def _collect(pid: int, out: IO[bytes]) -> dict[int, Any] | None:
    """A child's results by item index, or None when it did not end well."""
    try:
        _, status = os.waitpid(pid, 0)
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            return None
        out.seek(0)
        # The file has no name and was written only by this process's own child: its pickle is ours.
        found = pickle.load(out)  # noqa: S301
        return found if isinstance(found, dict) else None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    finally:
        out.close()


def _abandon(pid: int, out: IO[bytes]) -> None:
    """Stop a child whose results are no longer wanted (this process is failing)."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    finally:
        out.close()


__all__ = ["Pending", "can_fork", "fork_call", "fork_map"]
