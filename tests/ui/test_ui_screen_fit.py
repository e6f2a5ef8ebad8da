"""Windows open inside the screen, whatever size was remembered or preferred."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMainWindow

from ui.screen_fit import fit_to_screen


def _inside(window: QMainWindow) -> bool:
    area = window.screen().availableGeometry()
    return area.contains(window.frameGeometry())


def test_an_oversized_window_is_shrunk_and_moved_onto_the_screen(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.resize(area.width() + 900, area.height() + 700)
    window.move(area.right() + 300, area.bottom() + 300)
    fit_to_screen(window)
    assert window.width() <= area.width() and window.height() <= area.height()
    assert _inside(window)


def test_a_window_that_fits_is_left_alone(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.resize(area.width() // 2, area.height() // 2)
    window.move(area.x() + 10, area.y() + 10)
    before = window.geometry()
    fit_to_screen(window)
    assert window.geometry() == before
