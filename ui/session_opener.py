"""Opening a save off the UI thread, with a progress dialog when it takes a while.

``Session.open`` reads the nearest snapshot and folds the tail; on a large save that may
take longer than a frame, so it runs in a ``QThread`` and the window stays responsive.
The save's connection allows use from another thread (see ``engine/save/store.py``).

A save opened for replay has its checksum chain walked too, in the same thread (it reads
every row): a save whose log breaks opens up to its last good event, and the replay
window says where, in the words ``parley check`` uses (the first bad event and why).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from engine.errors import DamagedSaveError, ParleyError, SaveLockedError

if TYPE_CHECKING:
    from engine.session.live import Session


def open_for_replay(path: Path) -> Session:
    """The save at ``path`` read-only, its chain walked: a damaged save is read up to its
    last good event (``stops_at`` says where, in ``check``'s words when the chain breaks).
    A ``ParleyError`` or ``OSError`` when nothing of it can be shown."""
    from engine.session.live import Session

    try:
        session = Session.open(path, read_only=True)
    except SaveLockedError:
        raise
    except Exception as error:  # damage met while reading or folding: the good events
        return _damaged(path, error)
    broken = _broken(session)
    if broken:
        return _damaged(path, DamagedSaveError(broken), broken)
    return session


def _broken(session: Session) -> str:
    """Where the log's checksum chain breaks, as ``check`` says it ("" when whole); the
    session is closed when it does."""
    broken = session.store.chain_break()
    if broken is None:
        return ""
    session.close()
    return (
        f"the log breaks at event {broken.seq}: {broken.why}; "
        f"the replay stops at event {broken.good}"
    )


def _damaged(path: Path, error: Exception, broken: str = "") -> Session:
    """A save that cannot be read whole is read up to its last good event."""
    from engine.session.salvage import open_damaged

    try:
        session = open_damaged(path)
    except (ParleyError, OSError):
        if isinstance(error, (ParleyError, OSError)):
            raise error from None
        raise DamagedSaveError(f"{path} is damaged: {error}") from None
    if broken:  # in check's words
        session.stops_at = broken
    return session


class _Worker(QObject):
    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, read_only: bool) -> None:
        super().__init__()
        self.path = path
        self.read_only = read_only

    def run(self) -> None:
        from engine.session.live import Session

        try:
            found = open_for_replay(self.path) if self.read_only else Session.open(self.path)
        except (ParleyError, OSError) as error:
            self.failed.emit(str(error))
            return
        self.opened.emit(found)


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
