"""Copy a save, complete: through SQLite's online backup API, so that what a writer has
committed to its ``-wal`` and not yet merged is in the copy too.

The copy is made under a temporary name beside ``dest`` and linked there when complete,
never over an existing file. A copy of a save with a live writer reads it as that writer
has committed it; a save whose writer was killed is copied with its own log merged into
the copy (the original is left as it is).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from engine.errors import SaveError
from engine.save.connect import check_folder_writable, full_or
from engine.save.lock import WriterLock, writer_live
from engine.save.store import Store, _sync_folder, part_path
from engine.save.wal import belongs, salts, side_files, wal_path


def copy_save(source: Path | Store, dest: Path) -> Path:
    """Write a complete copy of ``source`` (a path, or an open store) to ``dest``."""
    dest = Path(dest)
    if dest.exists() or dest.is_symlink():
        raise SaveError(f"{dest} already exists: a copy never overwrites a file")
    check_folder_writable(dest, making=True)
    part = part_path(dest)
    _remove(part)
    try:
        if isinstance(source, Store):
            _backup(source.conn, part)
        else:
            _copy_closed_or_live(Path(source), part)
        _link(part, dest)
    finally:
        _remove(part)
    return dest


def _copy_closed_or_live(source: Path, part: Path) -> None:
    store = Store.open(source, read_only=True)  # refuses what is not a save we know
    try:
        if not (store.unmerged_wal and own_log(source)) or writer_live(source):
            _backup(store.conn, part)
            return
    finally:
        store.close()
    try:
        merge_own_log(source, part)
    except (OSError, sqlite3.Error) as error:
        raise full_or(error, part, f"cannot copy {source}: {error}") from None


def own_log(save: Path) -> bool:
    """Whether the ``-wal`` beside ``save`` (its writer gone) is the one its killed
    writer recorded in the lock sidecar: never a log copied in or left from another life."""
    log = salts(save)
    if log is None:
        return False
    try:
        previous = WriterLock.lock_path(save).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return belongs(save, log, previous)


def merge_own_log(source: Path, part: Path) -> None:
    """``source`` and its killed writer's own log copied to ``part``, the log merged into
    the copy, never into the original (``OSError`` or ``sqlite3.Error`` when it cannot)."""
    shutil.copyfile(source, part)
    shutil.copyfile(wal_path(source), wal_path(part))
    conn = sqlite3.connect(part, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _backup(conn: sqlite3.Connection, part: Path) -> None:
    try:
        target = sqlite3.connect(part, isolation_level=None)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = WAL")
            target.execute("PRAGMA synchronous = FULL")
        finally:
            target.close()
    except (OSError, sqlite3.Error) as error:
        raise full_or(error, part, f"cannot write a copy at {part.parent}: {error}") from None


def _link(part: Path, dest: Path) -> None:
    try:
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.link(part, dest)
    except FileExistsError:
        raise SaveError(f"{dest} already exists: a copy never overwrites a file") from None
    except OSError as error:
        raise full_or(error, dest, f"cannot write {dest}: {error.strerror}") from None
    _sync_folder(dest)


def _remove(part: Path) -> None:
    for stale in (part, *side_files(part)):
        with contextlib.suppress(OSError):
            stale.unlink()
