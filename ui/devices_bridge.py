"""The facilitator window as the session's owner for the device server (``devices.owner``).

Server threads never touch the session: ``QtOwner.call(fn)`` puts ``fn`` on a queue, wakes
the Qt main thread with a queued signal (about 15 µs) and waits on a ``Future`` for its
answer. The main thread drains the queue: the calls that arrived together (up to 25 ms of
them, so the window stays responsive) run in ONE transaction (``Session.batch``), so ten
submissions that land in the same few milliseconds cost one commit, not ten. ``within``
runs inside the same transaction after the calls (auto-accept).

Durable before anything is told. The transaction commits without an fsync
(``batch(sync=False)``: it survives a killed process at once), because on a busy disk an
fsync on the main thread freezes the window for up to a second. The owner's one sync
thread then makes it durable (``Session.sync``, the one Session method another thread may
call), and only when that returns are the calls answered (a device's POST is
acknowledged only when its event is on disk, against a power cut too) and, on the main
thread, ``committed`` called with everything the transaction wrote (the window
broadcasts it and tells the server: no device sees an event before it is on disk).
Batches are synced, answered and published in the order they were committed. A failed
commit answers every call of it with the error at once (nothing of it was written); a
failed sync answers every call of its batch with ``SyncFailed`` and calls ``failed``.
The window's own commands stay durable at once (``sync=True``); their fsync makes every
frame of the log before them durable too, so ``InOrder`` lets them take a batch whose sync
is still running to the devices ahead of themselves, in the log's order. While an owner
is open its commits never checkpoint the log (a checkpoint fsyncs): the sync thread
does, once the log is large (``Session.defer_checkpoints``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
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
Answers = list[tuple[Future[Any], Any, Exception | None]]


class SyncFailed(SaveError):
    """A batch was committed but the system refused to make it durable (its fsync)."""


class _Batch:
    """A committed batch on its way to the devices: what it wrote, once durable."""

    __slots__ = ("done", "envelopes", "error")

    def __init__(self, envelopes: tuple[Envelope, ...]) -> None:
        self.envelopes = envelopes
        self.done = False  # set by the sync thread, read by the main thread
        self.error: SyncFailed | None = None


class InOrder:
    """The events a device server is given: in the log's order, each once, from whichever
    path they come (a batch of the devices' calls once durable, or the window's own
    command). An event whose seq leaves a gap brings the gap's events from the log first:
    it is durable (the window's commands commit with an fsync, and a batch is published
    only once synced), so every event before it in the log is too."""

    def __init__(self, upto: int) -> None:
        self.upto = upto  # the last seq given

    def take(self, session: Session, envelopes: Iterable[Envelope]) -> list[Envelope]:
        out: list[Envelope] = []
        for env in sorted(envelopes, key=lambda e: e.seq):
            if env.seq <= self.upto:
                continue  # given already (a gap it filled)
            if env.seq > self.upto + 1:
                out.extend(session.events(self.upto + 1, env.seq))
            out.append(env)
            self.upto = env.seq
        return out


class QtOwner(QObject):
    """An ``Owner`` whose thread is the Qt main thread (the one that makes it)."""

    _wake = Signal()
    _synced = Signal()  # from the sync thread: a batch is durable (or its sync failed)

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
        self.longest = 0.0  # seconds of the longest drain (the calls and their commit)
        self.longest_publish = 0.0  # seconds of the longest ``committed`` (the broadcast)
        self.longest_sync = 0.0  # seconds of the longest sync (on the sync thread)
        self._syncer = ThreadPoolExecutor(1, thread_name_prefix="parley-sync")
        self._unpublished: deque[_Batch] = deque()  # main thread only, in commit order
        self._wake.connect(self.drain, Qt.ConnectionType.QueuedConnection)
        self._synced.connect(self.publish, Qt.ConnectionType.QueuedConnection)
        session.defer_checkpoints()  # the sync thread checkpoints: no fsync on this one

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
        """Run the queued calls in one transaction; once it is committed, hand it to the
        sync thread, which answers them when it is durable.

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
        answers: Answers = []
        try:
            with session.batch(sync=False):
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
        wrote = tuple(session.events(before + 1)) if session.last_seq > before else ()
        # Even a batch that wrote nothing waits its turn: its answers may show the events
        # of a batch before it, not yet durable.
        batch = _Batch(wrote)
        self._unpublished.append(batch)
        self._syncer.submit(self._make_durable, session.sync, batch, answers)
        took = time.perf_counter() - started
        self.longest = max(self.longest, took)
        if took >= SLICE or calls:
            self._rest()

    def _make_durable(self, sync: Callable[[], None], batch: _Batch, answers: Answers) -> None:
        """On the sync thread: make the batch durable, then answer its calls and have the
        main thread publish it."""
        started = time.perf_counter()
        try:
            sync()
        except Exception as error:  # committed, but not known to be on disk
            batch.error = SyncFailed(
                f"what the team devices sent was not confirmed as saved to disk: {error}"
            )
            for future, _result, _refusal in answers:
                future.set_exception(batch.error)
        else:
            self.answer(answers)
        self.longest_sync = max(self.longest_sync, time.perf_counter() - started)
        batch.done = True
        self._synced.emit()

    def answer(self, answers: Answers) -> None:
        """Hand each call its result or refusal (on the sync thread, once the transaction
        is durable: acknowledged means on disk)."""
        for future, result, refusal in answers:
            if refusal is None:
                future.set_result(result)
            else:
                future.set_exception(refusal)

    def publish(self) -> None:
        """On the main thread: ``committed`` for each batch now durable, in commit order;
        ``failed`` for one whose sync failed (its events reach the devices with the next
        event that is durable, ``InOrder``)."""
        while self._unpublished and self._unpublished[0].done:
            batch = self._unpublished.popleft()
            if batch.error is not None:
                if self._failed is not None:
                    self._failed(batch.error)
                continue
            if batch.envelopes:
                started = time.perf_counter()
                self._committed(batch.envelopes)
                self.longest_publish = max(self.longest_publish, time.perf_counter() - started)

    def _rest(self) -> None:
        self._resting = True
        QTimer.singleShot(REST_MS, self._rested)

    def _rested(self) -> None:
        self._resting = False
        self.drain()

    def close(self) -> None:
        """No more calls: those waiting get ``OwnerGone``. The batches being synced are
        waited for (their calls answered) and published."""
        with self._lock:
            self._closed = True
            calls, self._queue = self._queue, []
        for _fn, future in calls:
            if future.set_running_or_notify_cancel():
                future.set_exception(OwnerGone("the session has ended"))
        self._syncer.shutdown(wait=True)
        self.publish()
        self.session.defer_checkpoints(False)

    @property
    def waiting(self) -> int:
        """Calls queued for the next drain."""
        with self._lock:
            return len(self._queue)

    @property
    def unpublished(self) -> int:
        """Batches committed and not yet published (their sync still running, or its
        answer on its way to the main thread)."""
        return len(self._unpublished)

    @property
    def closed(self) -> bool:
        return self._closed
