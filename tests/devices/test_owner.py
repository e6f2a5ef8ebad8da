"""The owner: server threads reach the session only through it, on its own thread."""

from __future__ import annotations

import threading

import pytest

from devices.owner import OwnerGone, QueueOwner


class _Session:
    def __init__(self) -> None:
        self.threads: list[int] = []

    def where(self) -> int:
        self.threads.append(threading.get_ident())
        return threading.get_ident()


def _serving(owner: QueueOwner) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=owner.serve_forever, args=(stop, 0.02), daemon=True)
    thread.start()
    return thread, stop


def test_a_call_runs_on_the_owner_thread_and_returns_its_result() -> None:
    session = _Session()
    owner = QueueOwner(session)  # type: ignore[arg-type]
    thread, stop = _serving(owner)
    ran = []
    worker = threading.Thread(target=lambda: ran.append(owner.call(lambda s: s.where())))
    worker.start()
    worker.join(5)
    stop.set()
    thread.join(5)
    assert ran == [thread.ident] == session.threads


def test_an_exception_is_raised_in_the_calling_thread() -> None:
    owner = QueueOwner(_Session())  # type: ignore[arg-type]
    thread, stop = _serving(owner)
    with pytest.raises(KeyError, match="nope"):
        owner.call(lambda s: {}["nope"])
    stop.set()
    thread.join(5)


def test_a_call_on_the_owner_thread_runs_at_once() -> None:
    owner = QueueOwner(_Session())  # type: ignore[arg-type]
    assert owner.call(lambda s: owner.call(lambda t: 7)) == 7  # no loop running: no wait


def test_a_closed_owner_refuses_and_fails_the_waiting_calls() -> None:
    owner = QueueOwner(_Session())  # type: ignore[arg-type]
    errors: list[BaseException] = []

    def wait() -> None:
        try:
            owner.call(lambda s: 1, timeout=5)
        except OwnerGone as error:
            errors.append(error)

    waiting = threading.Thread(target=wait)
    waiting.start()
    while owner._jobs.empty():
        pass
    owner.close()
    waiting.join(5)
    assert len(errors) == 1
    with pytest.raises(OwnerGone, match="closed"):
        owner.call(lambda s: 1)


def test_an_owner_that_does_not_answer_in_time_is_gone() -> None:
    owner = QueueOwner(_Session())  # type: ignore[arg-type]
    result: list[BaseException | None] = []

    def call() -> None:
        try:
            owner.call(lambda s: 1, timeout=0.05)
            result.append(None)
        except OwnerGone as error:
            result.append(error)

    t = threading.Thread(target=call)
    t.start()
    t.join(5)
    assert isinstance(result[0], OwnerGone) and "did not answer" in str(result[0])
