"""The Qt owner: server threads' calls run on the Qt main thread, those that arrive together
in one transaction, committed without an fsync and made durable on the owner's sync
thread; each call is answered, and the batch published, only once it is durable; a
failed sync answers each call with the error; a refusal is that call's alone; a closed
owner, or one that does not answer in time, is ``OwnerGone``."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from ui_support import DEFAULT_SCENARIO

from devices.owner import OwnerGone
from engine.domain.events import Envelope
from engine.errors import DomainError, SaveError
from engine.scenario import load_scenario
from engine.session.live import Session
from ui import devices_bridge
from ui.devices_bridge import InOrder, QtOwner, SyncFailed


@pytest.fixture
def session(tmp_path: Path) -> Any:
    s = Session.create(load_scenario(DEFAULT_SCENARIO), tmp_path / "owner.parley")
    yield s
    s.close()


def from_threads(qtbot: Any, owner: QtOwner, works: list[Any]) -> list[Any]:
    """Each work's answer (or exception), called from a thread of its own at once."""
    out: list[Any] = [None] * len(works)
    ready = threading.Barrier(len(works))

    def run(n: int) -> None:
        ready.wait()
        try:
            out[n] = owner.call(works[n], timeout=10)
        except Exception as error:
            out[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(works))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10  # all queued before the loop runs: they arrive together
    while owner.waiting < len(works) and time.monotonic() < deadline:
        time.sleep(0.001)
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in threads), timeout=10_000)
    return out


def test_calls_that_arrive_together_share_one_transaction_and_refusals_stay_apart(
    qtbot: Any, session: Session
) -> None:
    committed: list[tuple[Envelope, ...]] = []
    owner = QtOwner(session, committed=committed.append)
    main = threading.get_ident()
    ran_on: list[int] = []

    def note(n: int) -> Any:
        def work(s: Session) -> int:
            ran_on.append(threading.get_ident())
            return s.add_note(text=f"note {n}").seq

        return work

    def refused(s: Session) -> None:
        s.adjust_indicator(key="no_such_indicator", delta=1, reason="x")

    answers = from_threads(qtbot, owner, [note(n) for n in range(12)] + [refused])
    assert set(ran_on) == {main}  # the session only ever on its own thread
    seqs = answers[:12]
    assert sorted(seqs) == list(range(2, 14))  # every note committed, each its own seq
    assert isinstance(answers[12], DomainError)  # the refusal went to its caller only
    assert owner.calls == 13 and owner.batches == 1  # one transaction, one fsync
    qtbot.waitUntil(lambda: not owner.unpublished, timeout=5000)
    assert [e.seq for batch in committed for e in batch] == list(range(2, 14))
    assert session.last_seq == 13


def test_a_call_is_answered_only_after_its_transaction_is_committed(
    qtbot: Any, session: Session
) -> None:
    seen: list[bool] = []

    def committed(_envelopes: tuple[Envelope, ...]) -> None:
        seen.append(session.store.conn.in_transaction)

    owner = QtOwner(session, committed=committed)
    [seq] = from_threads(qtbot, owner, [lambda s: s.add_note(text="durable").seq])
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [False]  # told after the commit, never inside it
    reopened = Session.open(session.path, read_only=True)  # another reader sees it
    assert reopened.last_seq == seq
    reopened.close()


def test_a_long_queue_is_worked_in_slices_and_all_answered(
    qtbot: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(devices_bridge, "SLICE", 0.0)  # one call a slice
    owner = QtOwner(session, committed=lambda _e: None)
    answers = from_threads(qtbot, owner, [lambda s: s.add_note(text="n").seq] * 6)
    assert sorted(answers) == list(range(2, 8))
    assert owner.batches == 6  # each slice its own transaction, the window between


def test_a_closed_owner_and_a_silent_one_are_owner_gone(qtbot: Any, session: Session) -> None:
    owner = QtOwner(session, committed=lambda _e: None)
    out: list[Any] = []

    def call() -> None:
        try:
            out.append(owner.call(lambda s: s.last_seq, timeout=0.05))
        except OwnerGone as error:
            out.append(error)

    thread = threading.Thread(target=call)
    thread.start()
    thread.join(5)  # the main thread does not run its loop: no answer in time
    assert isinstance(out[0], OwnerGone) and "did not answer" in str(out[0])
    qtbot.wait(20)  # the cancelled call is not run afterwards
    owner.close()
    with pytest.raises(OwnerGone):
        owner.call(lambda s: s.last_seq)
    assert session.last_seq == 1


class HeldSync:
    """A session's ``sync`` that waits until released (a disk that takes its time), and
    says on which thread it ran."""

    def __init__(self, session: Session, error: Exception | None = None) -> None:
        self.real = session.sync
        self.error = error
        self.release = threading.Event()
        self.entered = threading.Event()
        self.threads: list[int] = []
        session.sync = self  # type: ignore[method-assign]

    def __call__(self) -> None:
        self.threads.append(threading.get_ident())
        self.entered.set()
        assert self.release.wait(10)
        if self.error is not None:
            raise self.error
        self.real()


def test_a_call_is_answered_and_its_batch_published_only_once_it_is_durable(
    qtbot: Any, session: Session
) -> None:
    committed: list[tuple[Envelope, ...]] = []
    owner = QtOwner(session, committed=committed.append)
    held = HeldSync(session)
    pragma: list[int] = []
    answer: list[Any] = []

    def work(s: Session) -> int:
        pragma.append(s.store.conn.execute("PRAGMA synchronous").fetchone()[0])
        return s.add_note(text="from a device").seq

    caller = threading.Thread(target=lambda: answer.append(owner.call(work, timeout=10)))
    caller.start()
    qtbot.waitUntil(held.entered.is_set, timeout=5000)
    assert pragma == [1]  # committed with synchronous = NORMAL: no fsync on this thread
    assert session.last_seq == 2  # committed: another reader sees it already
    with Session.open(session.path, read_only=True) as reader:
        assert reader.last_seq == 2
    qtbot.wait(100)  # the window runs on while the disk takes its time
    assert answer == [] and committed == []  # neither acknowledged nor shown to anyone
    assert owner.unpublished == 1
    assert held.threads != [threading.get_ident()]  # the sync is off the main thread
    held.release.set()
    qtbot.waitUntil(lambda: bool(committed), timeout=5000)
    caller.join(5)
    assert answer == [2]
    assert [e.seq for e in committed[0]] == [2]
    assert owner.unpublished == 0
    assert session.store._wal_sync is not None and not session.store._wal_sync.pending


def test_a_failed_sync_answers_each_caller_with_the_error_and_says_so(
    qtbot: Any, session: Session
) -> None:
    committed: list[tuple[Envelope, ...]] = []
    failed: list[BaseException] = []
    owner = QtOwner(session, committed=committed.append, failed=failed.append)
    held = HeldSync(session, SaveError("the disk said no"))
    held.release.set()
    answers = from_threads(qtbot, owner, [lambda s: s.add_note(text="n").seq] * 3)
    assert owner.batches == 1
    assert all(isinstance(a, SyncFailed) for a in answers), answers
    assert all("not confirmed as saved to disk: the disk said no" in str(a) for a in answers)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert len(failed) == 1 and isinstance(failed[0], SyncFailed)
    assert committed == []  # not shown to the devices as if it were on disk


def test_batches_are_published_in_the_order_they_were_committed(
    qtbot: Any, session: Session
) -> None:
    committed: list[tuple[Envelope, ...]] = []
    owner = QtOwner(session, committed=committed.append)
    held = HeldSync(session)
    answers: dict[str, Any] = {}  # by caller: the two wake in either order once answered

    def call(text: str) -> None:
        answers[text] = owner.call(lambda s: s.add_note(text=text).seq, timeout=10)

    first = threading.Thread(target=call, args=("first",))
    first.start()
    qtbot.waitUntil(held.entered.is_set, timeout=5000)  # the first batch's sync is held
    second = threading.Thread(target=call, args=("second",))
    second.start()
    qtbot.waitUntil(lambda: owner.batches == 2, timeout=5000)  # committed behind it
    qtbot.wait(50)
    assert answers == {} and committed == []  # the second waits for the first's sync
    held.release.set()
    qtbot.waitUntil(lambda: len(committed) == 2, timeout=5000)
    first.join(5)
    second.join(5)
    assert answers == {"first": 2, "second": 3}
    assert [[e.seq for e in batch] for batch in committed] == [[2], [3]]


def test_closing_waits_for_the_sync_answers_and_publishes(qtbot: Any, session: Session) -> None:
    committed: list[tuple[Envelope, ...]] = []
    owner = QtOwner(session, committed=committed.append)
    held = HeldSync(session)
    answer: list[Any] = []
    caller = threading.Thread(
        target=lambda: answer.append(owner.call(lambda s: s.add_note(text="n").seq, timeout=10))
    )
    caller.start()
    qtbot.waitUntil(held.entered.is_set, timeout=5000)
    threading.Timer(0.1, held.release.set).start()
    owner.close()  # the room closes while the disk takes its time
    caller.join(5)
    assert answer == [2] and [[e.seq for e in b] for b in committed] == [[2]]


def test_a_window_command_takes_a_batch_still_syncing_to_the_devices_before_itself(
    qtbot: Any, session: Session
) -> None:
    published = InOrder(session.last_seq)
    to_devices: list[int] = []
    owner = QtOwner(
        session,
        committed=lambda envs: to_devices.extend(e.seq for e in published.take(session, envs)),
    )
    held = HeldSync(session)
    caller = threading.Thread(
        target=lambda: owner.call(lambda s: s.add_note(text="device").seq, timeout=10)
    )
    caller.start()
    qtbot.waitUntil(held.entered.is_set, timeout=5000)
    # the facilitator's own command: durable at once (its fsync covers the batch's frames)
    mine = session.add_note(text="the window's").envelopes
    to_devices.extend(e.seq for e in published.take(session, mine))
    assert to_devices == [2, 3]  # the log's order, the batch first
    held.release.set()
    qtbot.waitUntil(lambda: not owner.unpublished, timeout=5000)
    caller.join(5)
    assert to_devices == [2, 3]  # the batch's own publication gives nothing twice
