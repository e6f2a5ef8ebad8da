"""The Edit menu's Undo and Redo read as the room speaks: "Undo: record Move 1 (United
States)", not "Undo record move m3 (usa)"; the status bar says the same."""

from __future__ import annotations

from ui import operations as ops
from ui.actions import history_text
from ui.main_window import FacilitatorWindow


def test_undo_and_redo_in_the_menu_name_the_move_and_its_team(window: FacilitatorWindow) -> None:
    assert window.run(ops.start_round) is None
    assert window.run(ops.record_move, team="usa", move_type="statement", tone=0, text="Hi") is None
    undo, redo = window.action_set.undo, window.action_set.redo
    assert undo.text() == "&Undo: record Move 1 (United States)"
    assert "m3" not in undo.toolTip() and "Move 1 (United States)" in undo.toolTip()
    assert window.statusBar().currentMessage() == "Saved: Record Move 1 (United States)"
    undo.trigger()
    assert window.session.state.moves == {}
    assert redo.isEnabled() and redo.text() == "&Redo: record Move 1 (United States)"
    assert window.statusBar().currentMessage() == "Saved: Undo: record Move 1 (United States)"
    redo.trigger()
    assert [m.team for m in window.session.state.moves.values()] == ["usa"]
    assert undo.text() == "&Undo: record Move 1 (United States)"


def test_an_ampersand_in_a_name_shows_and_the_verb_keeps_its_mnemonic() -> None:
    assert history_text("Undo: record Move 1 (Trinidad & Tobago)") == (
        "&Undo: record Move 1 (Trinidad && Tobago)"
    )
    assert history_text("Redo") == "&Redo"
