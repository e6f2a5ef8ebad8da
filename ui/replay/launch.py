"""Opening a save for replay from the app (start screen, recent saves) or the ``replay`` verb.

The save opens read-only, off the UI thread (``SessionOpener``): it takes no lock, so a
save a live session is writing can be replayed at the same time. A branch made in the
replay window opens as a live session in the facilitator window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ui.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from engine.session.live import Session
    from ui.app import ParleyApp
    from ui.replay.window import ReplayWindow
    from ui.session_opener import SessionOpener


def open_replay(app: ParleyApp, path: Path, *, seq: int | None = None) -> SessionOpener:
    """Open ``path`` read-only in a worker, then show it in a replay window.

    ``app`` is the ``ParleyApp``; the opener is returned (its ``opened`` and ``failed``
    signals tell when it is done)."""
    from ui.session_opener import SessionOpener

    opener = SessionOpener(Path(path), read_only=True, parent=app.start or app.window)
    opener.opened.connect(lambda session: show_replay(app, session, seq=seq))
    opener.failed.connect(
        lambda message: app._report(
            translate("ui.replay.launch", "Not opened for replay: {0}").format(message)
        )
    )
    replays(app).append(opener)  # kept alive until done
    opener.opened.connect(lambda _s: _forget(app, opener))
    opener.failed.connect(lambda _m: _forget(app, opener))
    opener.start()
    return opener


def show_replay(app: ParleyApp, session: Session, *, seq: int | None = None) -> ReplayWindow:
    """A replay window on an open (read-only) session; branches open as live sessions."""
    from ui import settings
    from ui.replay.window import ReplayWindow

    settings.add_recent_save(session.path)
    window = ReplayWindow(session, seq=seq)
    window.branched.connect(app.show_window)
    window.start_screen_requested.connect(app.show_start)
    window.closed.connect(lambda: _forget(app, window))
    replays(app).append(window)
    window.show()
    window.activateWindow()  # the keyboard comes with it (see ParleyApp.show_window)
    if app.start is not None:
        app.start.hide()
    return window


def replays(app: ParleyApp) -> list[QObject]:
    """The replay windows (and openers) the app keeps alive."""
    return app.replays


def _forget(app: ParleyApp, item: QObject) -> None:
    items = replays(app)
    if item in items:
        items.remove(item)
