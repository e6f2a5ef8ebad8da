"""Unexpected exceptions: a log file under the user's data folder and a calm dialog.

The hook never quits: the session's log is committed event by event, so whatever was on
screen before the fault is safe, and the facilitator can carry on or reopen the save.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.i18n import translate

LOG_NAME = "parley-errors.log"


def log_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(folder or Path.home() / ".parley")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_crash_log(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> Path:
    path = log_folder() / LOG_NAME
    text = "".join(traceback.format_exception(kind, value, tb))
    with path.open("a", encoding="utf-8") as log:
        log.write(f"\n--- {datetime.now().isoformat(timespec='seconds')}\n{text}")
    return path


def show_crash_dialog(value: BaseException, log_path: Path) -> None:
    app = QApplication.instance()
    if app is None:
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("ui.crash", "Parley: something went wrong"))
    box.setText(
        translate(
            "ui.crash",
            "Parley hit an unexpected problem. Your session is safe: every entry shown "
            "on screen is already in the save.",
        )
    )
    box.setInformativeText(
        translate("ui.crash", "{0}: {1}\n\nDetails were written to {2}").format(
            type(value).__name__, value, log_path
        )
    )
    box.exec()


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    try:
        path = write_crash_log(kind, value, tb)
    except OSError:
        path = Path("(the log could not be written)")
    traceback.print_exception(kind, value, tb)
    show_crash_dialog(value, path)


def install() -> None:
    sys.excepthook = excepthook
