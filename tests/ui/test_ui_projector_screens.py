"""One screen (or a mirror of it): the projector opens in a window beside the work, and
the facilitator's shortcuts keep working from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui.main_window import FacilitatorWindow
from ui.projector import choose_screen


def test_one_screen_opens_the_projector_in_a_window(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    assert len(QGuiApplication.screens()) == 1, "the offscreen platform has one screen"
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    placement = choose_screen(window)
    assert not placement.full_screen and placement.screen is window.screen()
    window.action_set.projector.setChecked(True)
    projector = window.projector
    assert projector is not None and projector.isVisible()
    assert not projector.isFullScreen(), "it must not cover the facilitator's window"
    assert "One screen" in window.statusBar().currentMessage()
    shared = set(projector.actions())
    assert window.action_set.start_round in shared and window.action_set.record_move in shared
    projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is projector)
    qtbot.keyClick(projector, Qt.Key.Key_F9)  # Start round, from the projector's window
    assert window.session.state.round == 1, window.statusBar().currentMessage()
    window.action_set.projector.setChecked(False)
