"""The one thread that owns the Session, as the server's threads reach it.

Server threads never touch a ``Session``, its state or its SQLite connection. They hand
a function to the ``Owner``, which runs it on the owner thread (the Qt main thread in
the app, the main thread of ``parley host``) and hands back its result, or raises its
exception in the calling thread. ``QueueOwner`` is the owner of ``parley host`` and the
tests: a queue the owner thread drains in ``serve_forever``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from engine.session.live import Session

T = TypeVar("T")


class OwnerGone(Exception):
    """The owner thread is gone (the session closed) or did not answer in time."""


class Owner(Protocol):
    def call(self, fn: Callable[[Session], T], timeout: float = 5.0) -> T:
        """Run ``fn(session)`` on the owner thread; its result, or its exception re-raised
        here; ``OwnerGone`` if the owner is closed or does not answer within ``timeout``."""
        ...


class _Job:
    __slots__ = ("done", "error", "fn", "result")

    def __init__(self, fn: Callable[[Session], Any]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class QueueOwner:
    """An owner whose thread drains a queue: ``serve_forever(stop)`` on that thread.

    The owner thread is the one that makes it, until ``serve_forever`` runs on another.
    A call made on the owner thread itself (from inside a job, from ``publish``, or from
    ``DeviceServer.start`` before the loop runs) runs at once, so nothing waits on itself."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = threading.Event()
        self._thread = threading.get_ident()

    def call(self, fn: Callable[[Session], T], timeout: float = 5.0) -> T:
        if self._closed.is_set():
            raise OwnerGone("the session is closed")
        if self._thread == threading.get_ident():
            return fn(self.session)
        job = _Job(fn)
        self._jobs.put(job)
        if not job.done.wait(timeout):
            raise OwnerGone(f"the session did not answer within {timeout:g} s")
        if job.error is not None:
            raise job.error
        return job.result

    def serve_forever(self, stop: threading.Event, poll: float = 0.2) -> None:
        """Run jobs on this thread until ``stop`` is set; then refuse the rest."""
        self._thread = threading.get_ident()
        try:
            while not stop.is_set():
                try:
                    job = self._jobs.get(timeout=poll)
                except queue.Empty:
                    continue
                if job is not None:
                    self._run(job)
        finally:
            self.close()

    def run_pending(self) -> int:
        """Run the jobs waiting now, on this thread (tests that own the loop); how many."""
        self._thread = threading.get_ident()
        count = 0
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return count
            if job is not None:
                self._run(job)
                count += 1

    def wake(self) -> None:
        """Wake ``serve_forever`` (after setting its stop event) without waiting a poll."""
        self._jobs.put(None)

    def close(self) -> None:
        """Refuse every further call, and fail the ones still waiting with ``OwnerGone``."""
        self._closed.set()
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                job.error = OwnerGone("the session is closed")
                job.done.set()

    def _run(self, job: _Job) -> None:
        try:
            job.result = job.fn(self.session)
        except BaseException as error:  # handed to the caller, whatever it is
            job.error = error
        job.done.set()
