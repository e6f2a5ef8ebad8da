"""The Qt owner: server threads' calls run on the Qt main thread, those that arrive together
in one transaction, each answered only once it is committed; a refusal is that call's
alone; a closed owner, or one that does not answer in time, is ``OwnerGone``."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from ui_support import DEFAULT_SCENARIO

from devices.owner import OwnerGone
from engine.domain.events import Envelope
from engine.errors import DomainError
from engine.scenario import load_scenario
from engine.session.live import Session
from ui import devices_bridge
from ui.devices_bridge import QtOwner


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
