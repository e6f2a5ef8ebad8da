"""Automatic backups of live saves, through SQLite's online backup API.

A backup is a complete copy (``engine/save/copy.py``) taken from the writer's own
connection, kept in the user's data folder: ``<root>/<save stem>/<time>-round<N>.parley``
(the app passes Qt's ``AppDataLocation``; otherwise ``$XDG_DATA_HOME/parley/backups``).
At most ``KEEP`` per save: the oldest go first. A backup is restored to a new save name,
never over an existing file.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from engine.errors import SaveError
from engine.save.copy import copy_save
from engine.save.store import Store

KEEP = 10
EVERY_MINUTES = 5
_NAME = re.compile(r"^(\d{8}-\d{6})-round(\d+)\.parley$")


@dataclass(frozen=True)
class Backup:
    path: Path
    save: str  # the stem of the save it backs up
    taken: _dt.datetime  # local time
    round: int

    @property
    def label(self) -> str:
        return f"{self.save}: {self.taken:%Y-%m-%d %H:%M:%S}, round {self.round}"


def default_root() -> Path:
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "parley" / "backups"


def back_up(
    store: Store,
    *,
    round: int,
    root: Path | None = None,
    keep: int = KEEP,
    now: _dt.datetime | None = None,
) -> Path:
    """A backup of the open save ``store`` (taken ``now``: the local time unless given);
    the oldest beyond ``keep`` are removed."""
    folder = (root or default_root()) / store.path.stem
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(f"cannot make the backup folder {folder}: {error.strerror}") from None
    now = now or _dt.datetime.now()
    dest = folder / f"{now:%Y%m%d-%H%M%S}-round{round}.parley"
    if dest.exists():  # two in one second (a round ended as the timer fired)
        return dest
    copy_save(store, dest)
    for old in list_backups(root, save=store.path.stem)[keep:]:
        old.path.unlink(missing_ok=True)
    return dest


def list_backups(root: Path | None = None, *, save: str | None = None) -> list[Backup]:
    """The backups kept, newest first (of one save, or of every save)."""
    base = root or default_root()
    folders = [base / save] if save is not None else sorted(base.glob("*"))
    found: list[Backup] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match is None:
                continue
            taken = _dt.datetime.strptime(match[1], "%Y%m%d-%H%M%S")
            found.append(Backup(path, folder.name, taken, int(match[2])))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def restore_backup(backup: Backup | Path, dest: Path) -> Path:
    """Restore a backup to a new save at ``dest`` (never over an existing file)."""
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    return copy_save(source, dest)
