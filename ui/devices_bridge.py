"""The facilitator window as the session's owner for the device server (``devices.owner``).

Server threads never touch the session: ``QtOwner.call(fn)`` puts ``fn`` on a queue, wakes
the Qt main thread with a queued signal (about 15 µs) and waits on a ``Future`` for its
answer. The main thread drains the queue whole: every call that arrived together runs in
ONE transaction (``Session.batch``), so ten submissions that land in the same few
milliseconds cost one durable commit, not ten. A call's answer is handed back only once
that transaction is committed, so a device's POST is acknowledged only when its event is
on disk; a failed commit answers every call of it with the error (nothing of it was
written). ``within`` runs inside the same transaction after the calls (auto-accept), and
``committed`` on the main thread after it, with everything the transaction wrote (the
window broadcasts it and tells the server).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from devices.owner import OwnerGone
from engine.errors import SaveError

if TYPE_CHECKING:
    from engine.domain.events import Envelope
    from engine.session.live import Session

T = TypeVar("T")
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
        self.batches = 0  # transactions run for server calls (the benchmark reads these)
        self.calls = 0
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
        """Run every queued call in one transaction; answer them once it is committed."""
        with self._lock:
            calls, self._queue = self._queue, []
        calls = [(fn, f) for fn, f in calls if f.set_running_or_notify_cancel()]
        if not calls:
            return
        session = self.session
        before = session.last_seq
        answers: list[tuple[Future[Any], Any, Exception | None]] = []
        try:
            with session.batch():
                for fn, future in calls:
                    seq = session.last_seq
                    try:
                        answers.append((future, fn(session), None))
                    except SaveError:
                        raise  # the transaction cannot be trusted: none of it is written
                    except Exception as error:  # a refusal: it wrote nothing
                        if session.last_seq != seq:  # written in part: take none of it
                            raise
                        answers.append((future, None, error))
                if self._within is not None and session.last_seq > before:
                    self._within(session, tuple(session.events(before + 1)))
        except Exception as error:  # rolled back: nothing of the transaction was written
            for _fn, future in calls:
                future.set_exception(error)
            if self._failed is not None:
                self._failed(error)
            return
        finally:
            self.batches += 1
            self.calls += len(calls)
        for future, result, refusal in answers:
            if refusal is None:
                future.set_result(result)
            else:
                future.set_exception(refusal)
        if session.last_seq > before:
            self._committed(tuple(session.events(before + 1)))

    def close(self) -> None:
        """No more calls: those waiting get ``OwnerGone``."""
        with self._lock:
            self._closed = True
            calls, self._queue = self._queue, []
        for _fn, future in calls:
            if future.set_running_or_notify_cancel():
                future.set_exception(OwnerGone("the session has ended"))

    @property
    def closed(self) -> bool:
        return self._closed
