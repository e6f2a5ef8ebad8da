"""Opening a save off the UI thread, with a progress dialog when it takes a while.

``Session.open`` reads the nearest snapshot and folds the tail; on a large save that may
take longer than a frame, so it runs in a ``QThread`` and the window stays responsive.
The save's connection allows use from another thread (see ``engine/save/store.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from engine.errors import ParleyError, SaveLockedError

if TYPE_CHECKING:
    from engine.session.live import Session


class _Worker(QObject):
    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, read_only: bool) -> None:
        super().__init__()
        self.path = path
        self.read_only = read_only

    def run(self) -> None:
        from engine.session.live import Session

        found: Session | None
        try:
            found = Session.open(self.path, read_only=self.read_only)
        except (ParleyError, OSError) as error:
            if not self.read_only or isinstance(error, SaveLockedError):
                self.failed.emit(str(error))
                return
            found = self._damaged(error)
        except Exception as error:  # damage met while folding: read up to the good events
            if not self.read_only:
                raise
            found = self._damaged(error)
        if found is not None:
            self.opened.emit(found)

    def _damaged(self, error: Exception) -> Session | None:
        """A save that cannot be read whole is read up to its last good event."""
        from engine.session.salvage import open_damaged

        try:
            return open_damaged(self.path)
        except (ParleyError, OSError):
            self.failed.emit(str(error))
            return None


class SessionOpener(QObject):
    """Open ``path`` in a worker; ``opened(session)`` or ``failed(message)`` on the UI thread."""

    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, *, read_only: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self._thread = QThread(self)
        self._worker = _Worker(path, read_only)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.opened.connect(self._done)
        self._worker.failed.connect(self._fail)
        self.progress = QProgressDialog(f"Opening {path.name}…", "", 0, 0, parent)
        self.progress.setWindowTitle("Parley")
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(300)  # only shown when opening takes a while
        self.progress.setAutoClose(True)

    def start(self) -> None:
        self._thread.start()

    def _finish(self) -> None:
        self.progress.reset()
        self.progress.hide()
        self._thread.quit()
        self._thread.wait()

    def _done(self, session: Session) -> None:
        self._finish()
        self.opened.emit(session)

    def _fail(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
