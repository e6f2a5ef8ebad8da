"""A command returns what it wrote: ``Changes`` carries the envelopes it appended."""

from __future__ import annotations

from typing import Any

from engine.domain import events as ev


def test_a_command_returns_the_envelope_it_wrote(session: Any) -> None:
    session.start_round()
    changes = session.record_move(team="usa", move_type="statement", tone=1, text="ready")
    (envelope,) = changes.envelopes
    assert envelope == session.envelope(changes.seq)
    assert envelope.event == ev.MoveRecorded("usa", "statement", 1, "ready")
    assert changes.moves and not changes.demands
    assert changes.message == "Record Move 1 (United States)"  # said aloud, not m3 (usa)


def test_undo_returns_its_void_and_the_voided_events_flags(session: Any) -> None:
    session.add_note(text="soon undone")
    changes = session.undo()
    (void,) = changes.envelopes
    assert void.event == ev.EventVoided(void.seq - 1, "undo")
    assert changes.notes and changes.message == "Undo: add note"


def test_merged_changes_keep_every_envelope_in_order(session: Any) -> None:
    first = session.add_note(text="one")
    second = session.set_bookmark(label="two")
    merged = first | second
    assert [e.seq for e in merged.envelopes] == [first.seq, second.seq]
    assert merged.seq == second.seq and merged.notes


def test_undo_and_the_status_name_records_by_the_numbers_said_aloud(session: Any) -> None:
    session.start_round()
    changes = session.record_move(team="usa", move_type="statement", tone=0, text="Hello")
    assert changes.message == "Record Move 1 (United States)"
    assert session.undo_label == "Undo: record Move 1 (United States)"
    first = f"m{changes.seq}"
    rolled = session.roll_dice(move=first, seed=1)
    assert session.undo_label == "Undo: roll a d6 for Move 1"
    assert rolled.message == "Roll a d6 for Move 1"
