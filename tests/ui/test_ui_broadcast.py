"""A command returns what it wrote: the window broadcasts those envelopes as they are,
without reading its own events back from the save."""

from __future__ import annotations

from typing import Any

import pytest

from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.models.update import Update


class Recorder:
    """A panel that keeps every update it is given."""

    def __init__(self) -> None:
        self.updates: list[Update] = []

    def apply(self, update: Update) -> None:
        self.updates.append(update)


def listen(window: FacilitatorWindow) -> list[Update]:
    recorder = Recorder()
    window.panels.append(recorder)
    return recorder.updates


def test_the_broadcast_carries_the_commands_envelopes_unread(
    window: FacilitatorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    sent = listen(window)
    reads: list[tuple[Any, ...]] = []
    real = session.store.envelopes

    def counted(*args: Any) -> Any:
        reads.append(args)
        return real(*args)

    monkeypatch.setattr(session.store, "envelopes", counted)
    assert window.run(ops.add_note, text="carried, not read back") is None
    assert len(sent) == 1
    (envelope,) = sent[0].envelopes
    assert envelope.seq == session.last_seq and envelope.event.text == "carried, not read back"
    assert sent[0].envelopes == sent[0].changes.envelopes
    assert reads == [], "the window read events back from the save"
    row = window.event_log.model.index(0, 4).data()
    assert row == "Note: carried, not read back"


def test_an_undo_broadcasts_its_void(window: FacilitatorWindow) -> None:
    assert window.run(ops.add_note, text="to undo") is None
    sent = listen(window)
    assert window.run(ops.undo) is None
    (void,) = sent[0].envelopes
    assert void.kind == "EventVoided" and void.event.target == window.session.last_seq - 1
    assert sent[0].changes.notes  # the voided note's panel
