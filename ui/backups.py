"""Automatic backups in the app: at each round's end and every few minutes (a ``QTimer``),
into the user's data folder; and restoring one from the start screen to a new save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QWidget

from engine.errors import ParleyError
from engine.save import backups
from ui.i18n import translate


def backup_root() -> Path:
    """``<AppDataLocation>/backups`` (``~/.local/share/<app>/backups`` on Linux)."""
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data) / "backups" if data else backups.default_root()


class BackupKeeper(QObject):
    """Backs up a live window's save every ``EVERY_MINUTES`` and when asked (round end)."""

    def __init__(self, window: Any, *, root: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.root = root or backup_root()
        self.timer = QTimer(self)
        self.timer.setInterval(backups.EVERY_MINUTES * 60_000)
        self.timer.timeout.connect(self.take)
        self.timer.start()
        self.last: Path | None = None

    def take(self) -> None:
        session = self.window.session
        if session.read_only:
            return
        try:
            self.last = backups.back_up(session.store, round=session.state.round, root=self.root)
        except ParleyError as error:
            self.window.statusBar().showMessage(
                translate("BackupKeeper", "No backup made: {0}").format(error), 10000
            )


def restore_from(parent: QWidget, saves_dir: Path, *, root: Path | None = None) -> Path | None:
    """Start screen > Restore a backup…: pick one (time and round), then a new save name.
    The new save's path, or None when cancelled; a refusal raises ParleyError."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog  # built when first asked for

    kept = backups.list_backups(root or backup_root())
    if not kept:
        raise ParleyError("There are no backups yet (they are made as sessions run).")
    labels = [b.label for b in kept]
    label, ok = QInputDialog.getItem(
        parent,
        translate("ui.backups", "Restore a backup"),
        translate("ui.backups", "Backup:"),
        labels,
        0,
        False,
    )
    if not ok:
        return None
    chosen = kept[labels.index(label)]
    suggested = saves_dir / f"{chosen.save} (restored {chosen.taken:%Y-%m-%d %H%M}).parley"
    name, _ = QFileDialog.getSaveFileName(
        parent,
        translate("ui.backups", "Restore to a new save"),
        str(suggested),
        translate("ui.backups", "Saves (*.parley)"),
    )
    if not name:
        return None
    return backups.restore_backup(chosen, Path(name))
