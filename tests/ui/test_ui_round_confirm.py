"""Rounds never end or start by accident: the question names what is pending, and its
default answer keeps the round going."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton

from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.round_confirm import round_change_question


def answer(qtbot: Any, key: Qt.Key, seen: list[str]) -> None:
    """Press ``key`` in the question box once it shows."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, press)


def test_nothing_pending_ends_the_round_without_a_question(window: FacilitatorWindow) -> None:
    assert window.run(ops.start_round) is None
    assert round_change_question(window.session, starting=False) is None
    window.action_set.end_round.trigger()
    assert not window.session.state.round_open


def test_enter_keeps_a_round_with_unruled_moves(window: FacilitatorWindow, qtbot: Any) -> None:
    assert window.run(ops.start_round) is None
    assert window.run(ops.record_move, team="usa", move_type="conciliatory_statement", tone=1,
                      text="We remain ready to talk") is None  # fmt: skip
    seen: list[str] = []
    answer(qtbot, Qt.Key.Key_Return, seen)
    window.action_set.end_round.trigger()
    assert "Round 1 leaves 1 thing unsettled." in seen[0]
    assert "Move 1 not ruled on: United States: “We remain ready to talk”" in seen[0]
    assert window.session.state.round_open, "Enter chose the default: keep the round going"


def test_starting_mid_round_is_asked_with_the_phase(window: FacilitatorWindow, qtbot: Any) -> None:
    assert window.run(ops.start_round) is None
    assert window.run(ops.next_phase) is None
    seen: list[str] = []
    answer(qtbot, Qt.Key.Key_Escape, seen)
    window.action_set.start_round.trigger()
    assert "Round 1 is still running, phase 2 of" in seen[0]
    assert window.session.state.round == 1
    question = round_change_question(window.session, starting=True)
    assert question is not None and "Starting round 2 ends it now" in question


def test_round_buttons_never_take_the_keyboard(window: FacilitatorWindow) -> None:
    buttons = window.round_bar.findChildren(QToolButton)
    assert buttons and all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)


def test_keys_typed_after_a_dialog_closes_never_start_or_end_a_round(
    window: FacilitatorWindow, qtbot: Any
) -> None:
    assert window.run(ops.start_round) is None
    before = (window.session.state.round, window.session.state.round_open, window.session.last_seq)
    window.action_set.add_note.trigger()
    form = window.entries.active
    assert form is not None
    form.reject()  # closed: the focus goes back to the window
    qtbot.waitUntil(lambda: window.entries.active is None)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_S):
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, key)
    buttons = window.round_bar.findChildren(QToolButton)
    for _ in range(40):  # wherever Tab takes the keyboard, it is never a round's button
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() not in buttons
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
        if window.entries.active is not None:  # Space pressed a button that opens a form
            window.entries.active.reject()
    state = window.session.state
    assert (state.round, state.round_open, window.session.last_seq) == before
