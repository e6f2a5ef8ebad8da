"""After a dialog closes, the keyboard is back where it was, window manager or not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from ui.focus_return import install_focus_return
from ui.main_window import FacilitatorWindow


def test_a_dialog_gives_the_focus_back(qtbot: Any, qapp: Any) -> None:
    install_focus_return(qapp)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    first, second = QLineEdit(host), QLineEdit(host)
    layout.addWidget(first)
    layout.addWidget(second)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    second.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is second)
    dialog = QDialog(host)
    field = QLineEdit(dialog)
    dialog.show()
    dialog.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is second)
    qtbot.keyClicks(QApplication.focusWidget(), "typed")
    assert second.text() == "typed" and first.text() == ""


def test_a_question_box_gives_the_focus_back(qtbot: Any, qapp: Any) -> None:
    install_focus_return(qapp)
    host = QLineEdit()
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    host.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is host)

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if isinstance(box, QMessageBox) and focus is not None and focus.window() is box:
            box.reject()  # as a person would: once the question has the keyboard
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    QMessageBox.question(host, "Sure?", "Really?")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is host)


def test_an_entry_form_gives_the_keyboard_back_to_the_table(
    qtbot: Any, session: Any, isolated_settings: Path, qapp: Any
) -> None:
    install_focus_return(qapp)
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table = window.tables["move"].view
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    window.action_set.record_move.trigger()
    form = window.entries.active
    assert form is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
