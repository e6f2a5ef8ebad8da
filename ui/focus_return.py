"""Every dialog gives the keyboard back to where it came from.

A desktop's window manager hands focus back to the window under a dialog when the dialog
closes; without one (a kiosk, a bare X server, some remote desktops) the focus is lost and
the next thing typed lands nowhere, or in the main window. ``FocusReturn`` follows the
application's focus: when a dialog (an entry form, a question, a file dialog) takes it, it
remembers the widget that had it last outside any dialog, and when the dialog finishes it
activates that widget's window and gives the widget its focus back. One object for every
dialog, so no dialog has to remember to do it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid


class FocusReturn(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._last: QWidget | None = None  # the last focus outside any dialog
        self._origin: dict[int, QWidget] = {}  # id(dialog) -> where its focus came from
        app.focusChanged.connect(self._changed)

    def _changed(self, old: QWidget | None, new: QWidget | None) -> None:
        for widget in (old, new):
            if widget is not None and not isinstance(widget.window(), QDialog):
                self._last = widget
        if new is None:
            return
        dialog = new.window()
        if not isinstance(dialog, QDialog) or id(dialog) in self._origin:
            return
        if self._last is not None and not isValid(self._last):
            self._last = None  # the widget went (a window of a test, a closed panel)
        origin = old if old is not None and old.window() is not dialog else self._last
        if origin is None or not isValid(origin) or origin.window() is dialog:
            return
        key = id(dialog)
        self._origin[key] = origin
        dialog.finished.connect(lambda _result: self._give_back(key))

    def _give_back(self, dialog: int) -> None:
        origin = self._origin.pop(dialog, None)
        if origin is None:
            return

        def restore() -> None:
            try:
                if not origin.isVisible():
                    return
            except RuntimeError:  # its widget is gone meanwhile
                return
            top = origin.window()
            top.activateWindow()
            origin.setFocus(Qt.FocusReason.OtherFocusReason)

        QTimer.singleShot(0, restore)  # once the dialog has gone


_INSTALLED: list[FocusReturn] = []


def install_focus_return(app: QApplication) -> FocusReturn:
    """Follow ``app``'s focus from now on (once per application)."""
    for installed in _INSTALLED:
        try:
            if installed.parent() is app:
                return installed
        except RuntimeError:  # an application of an earlier run, gone
            continue
    made = FocusReturn(app)
    _INSTALLED.append(made)
    return made
