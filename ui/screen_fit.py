"""Windows that fit the screen they open on, whatever size was remembered or preferred.

A layout saved on a large monitor, or the default size, must not open wider than a
1366x768 laptop or a 1280x720 projector: the timer and the status bar would be off-screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget, *, margin: int = 24) -> None:
    """Shrink ``window`` to its screen's available area (less a margin) and move it inside."""
    screen = window.screen()
    if screen is None:
        return
    area: QRect = screen.availableGeometry()
    width = min(window.width(), area.width() - margin)
    height = min(window.height(), area.height() - margin)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))
