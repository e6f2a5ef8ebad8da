"""The facilitator window as the session's owner for the device server (``devices.owner``).

Server threads never touch the session: ``QtOwner.call(fn)`` puts ``fn`` on a queue, wakes
the Qt main thread with a queued signal (about 15 µs) and waits on a ``Future`` for its
answer. The main thread drains the queue: the calls that arrived together (up to 25 ms of
them, so the window stays responsive) run in ONE transaction (``Session.batch``), so ten
submissions that land in the same few milliseconds cost one durable commit, not ten. A
call's answer is handed back only once that transaction is committed, so a device's POST
is acknowledged only when its event is on disk; a failed commit answers every call of it
with the error (nothing of it was written). ``within`` runs inside the same transaction
after the calls (auto-accept), and ``committed`` on the main thread after it, with
everything the transaction wrote (the window broadcasts it and tells the server).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from devices.owner import OwnerGone
from engine.errors import SaveError

if TYPE_CHECKING:
    from engine.domain.events import Envelope
    from engine.session.live import Session

T = TypeVar("T")
SLICE = 0.025  # seconds of calls a drain runs before it lets the window breathe
REST_MS = 8  # after a full slice, the window's own timers and events get this long
Within = Callable[["Session", tuple["Envelope", ...]], None]
Committed = Callable[[tuple["Envelope", ...]], None]


class QtOwner(QObject):
    """An ``Owner`` whose thread is the Qt main thread (the one that makes it)."""

    _wake = Signal()

    def __init__(
        self,
        session: Session,
        *,
        committed: Committed,
        within: Within | None = None,
        failed: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._committed = committed
        self._within = within
        self._failed = failed
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._queue: list[tuple[Callable[[Session], Any], Future[Any]]] = []
        self._closed = False
        self._resting = False
        self.batches = 0  # transactions run for server calls (the benchmark reads these)
        self.calls = 0
        self.longest = 0.0  # seconds of the longest drain, its broadcast included
        self._wake.connect(self.drain, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------------ server threads
    def call(self, fn: Callable[[Session], T], timeout: float = 5.0) -> T:
        """``fn(session)`` on the main thread: its result, or its exception raised here."""
        if threading.get_ident() == self._thread:
            if self._closed:
                raise OwnerGone("the session has ended")
            before = self.session.last_seq
            result = fn(self.session)
            if self.session.last_seq > before:
                self._committed(tuple(self.session.events(before + 1)))
            return result
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise OwnerGone("the session has ended")
            self._queue.append((fn, future))
            first = len(self._queue) == 1
        if first:  # a drain is not yet asked for: the ones queued behind go with it
            self._wake.emit()
        try:
            return future.result(timeout)
        except FutureTimeout:
            if future.cancel():  # never started: it will not run
                raise OwnerGone(
                    f"the facilitator's window did not answer within {timeout:g} s"
                ) from None
            return future.result()  # running now: its answer is moments away

    # ------------------------------------------------------------------ the main thread
    def drain(self) -> None:
        """Run the queued calls in one transaction; answer them once it is committed.

        A drain stops taking calls after ``SLICE`` seconds (the window must stay
        responsive when forty devices load their pages at once): the rest go back to the
        front of the queue. After a full slice the owner rests ``REST_MS`` on a timer, so
        the window's own timers (the phase clock) and events are not starved by a queue
        that refills as fast as it drains."""
        if self._resting:
            return  # the rest's end drains what waits
        started = time.perf_counter()
        with self._lock:
            calls, self._queue = self._queue, []
        if not calls:
            return
        session = self.session
        before = session.last_seq
        ran: list[Future[Any]] = []
        answers: list[tuple[Future[Any], Any, Exception | None]] = []
        try:
            with session.batch():
                while calls:
                    fn, future = calls.pop(0)
                    if not future.set_running_or_notify_cancel():
                        continue  # its caller gave up waiting
                    ran.append(future)
                    seq = session.last_seq
                    try:
                        answers.append((future, fn(session), None))
                    except SaveError:
                        raise  # the transaction cannot be trusted: none of it is written
                    except Exception as error:  # a refusal: it wrote nothing
                        if session.last_seq != seq:  # written in part: take none of it
                            raise
                        answers.append((future, None, error))
                    if time.perf_counter() - started > SLICE:
                        break
                if self._within is not None and session.last_seq > before:
                    self._within(session, tuple(session.events(before + 1)))
        except Exception as error:  # rolled back: nothing of the transaction was written
            for future in ran:
                future.set_exception(error)
            if self._failed is not None:
                self._failed(error)
            if calls:
                self._rest()
            return
        finally:
            self.batches += 1
            self.calls += len(ran)
            if calls:  # the rest, first in line for the next drain
                with self._lock:
                    self._queue[:0] = calls
        self.answer(answers)
        if session.last_seq > before:
            self._committed(tuple(session.events(before + 1)))
        took = time.perf_counter() - started
        self.longest = max(self.longest, took)
        if took >= SLICE or calls:
            self._rest()

    def answer(self, answers: list[tuple[Future[Any], Any, Exception | None]]) -> None:
        """Hand each call its result or refusal (the transaction is committed, with the
        save's fsync: acknowledged means on disk)."""
        for future, result, refusal in answers:
            if refusal is None:
                future.set_result(result)
            else:
                future.set_exception(refusal)

    def _rest(self) -> None:
        self._resting = True
        QTimer.singleShot(REST_MS, self._rested)

    def _rested(self) -> None:
        self._resting = False
        self.drain()

    def close(self) -> None:
        """No more calls: those waiting get ``OwnerGone``."""
        with self._lock:
            self._closed = True
            calls, self._queue = self._queue, []
        for _fn, future in calls:
            if future.set_running_or_notify_cancel():
                future.set_exception(OwnerGone("the session has ended"))

    @property
    def waiting(self) -> int:
        """Calls queued for the next drain."""
        with self._lock:
            return len(self._queue)

    @property
    def closed(self) -> bool:
        return self._closed
