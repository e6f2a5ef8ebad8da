"""Opening a save off the UI thread, with a progress dialog when it takes a while.

``Session.open`` reads the nearest snapshot and folds the tail; on a large save that may
take longer than a frame, so it runs in a ``QThread`` and the window stays responsive.
The save's connection allows use from another thread (see ``engine/save/store.py``).

A save opened for replay has its checksum chain walked too, in the same thread (it reads
every row): a save whose log breaks opens up to its last good event, and the replay
window says where, in the words ``parley check`` uses (the first bad event and why).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from engine.errors import DamagedSaveError, ParleyError, SaveLockedError
from ui.i18n import translate

if TYPE_CHECKING:
    from engine.save.chain import Break
    from engine.session.live import Session


def open_for_replay(path: Path) -> Session:
    """The save at ``path`` read-only, its chain walked and its file checked (SQLite's
    ``quick_check``): a damaged save is read up to its last good event, and ``stops_at``
    says what is wrong, in ``check``'s words, and how far the replay reads. A
    ``ParleyError`` or ``OSError`` when nothing of it can be shown."""
    from engine.session.live import Session

    try:
        session = Session.open(path, read_only=True)
    except SaveLockedError:
        raise
    except Exception as error:  # damage met while reading or folding: the good events
        broken = _chain_break(path)  # what check names first, when the chain breaks
        if broken is not None:
            why = translate("ui.session_opener", "the log breaks at event {0}: {1}").format(
                broken.seq, broken.why
            )
            return _damaged(path, error, why, broken.good)
        return _damaged(path, error, _words(path, error))
    try:
        why, upto = _broken(session)
    except Exception as error:  # the check itself met damage
        session.close()
        return _damaged(path, error, _words(path, error))
    if not why:
        return session
    session.close()
    return _damaged(path, DamagedSaveError(f"{path} is damaged: {why}"), why, upto)


def _broken(session: Session) -> tuple[str, int | None]:
    """What is wrong with an opened save, as ``check`` says it ("" when nothing), and the
    last event the chain vouches for (None: not known from the chain)."""
    broken = session.store.chain_break()
    if broken is not None:
        return translate("ui.session_opener", "the log breaks at event {0}: {1}").format(
            broken.seq, broken.why
        ), broken.good
    rows = [str(r[0]) for r in session.store.conn.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        return translate("ui.session_opener", "integrity check failed: {0}").format(
            "; ".join(rows[:5])
        ), None
    return "", None


def _chain_break(path: Path) -> Break | None:
    """Where the chain of a save that cannot be opened breaks (None: whole, or unread)."""
    from engine.save.store import Store

    try:
        store = Store.open(path, read_only=True)
    except Exception:  # not even the store opens: the error met before says it
        return None
    try:
        return store.chain_break()
    finally:
        store.close()


def _words(path: Path, error: Exception) -> str:
    """An error's message without the file it names (the window names the file)."""
    text = str(error) or type(error).__name__
    named = re.match(rf"{re.escape(str(path))} is damaged[^:]*: ", text)
    return text[named.end() :] if named else text


def _damaged(path: Path, error: Exception, why: str, upto: int | None = None) -> Session:
    """A save that cannot be read whole is read up to its last good event; ``stops_at``
    says ``why``, then how far the replay reads."""
    from engine.session.salvage import open_damaged

    try:
        session = open_damaged(path)
    except (ParleyError, OSError):
        if isinstance(error, (ParleyError, OSError)):
            raise error from None
        raise DamagedSaveError(f"{path} is damaged: {error}") from None
    if upto is not None:
        how_far = translate("ui.session_opener", "the replay stops at event {0}").format(upto)
    else:
        how_far = session.stops_at or translate(
            "ui.session_opener", "all {0} events of its log were read"
        ).format(session.last_seq)
    session.stops_at = f"{why}; {how_far}"
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
        self.progress = QProgressDialog(
            translate("SessionOpener", "Opening {0}…").format(path.name), "", 0, 0, parent
        )
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
