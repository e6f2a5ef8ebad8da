"""Opening a save's SQLite file: the connections (a writer, or a reader that touches
nothing beside a closed save), the checks that a file is a Parley save of a format this
code knows (and is whole), and a full disk told in plain words. ``engine/save/store.py``
is the one module that writes saves; this is how it gets at the file."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

from engine.errors import DamagedSaveError, DiskFullError, SaveError
from engine.save.migrations import APPLICATION_ID, FORMAT_VERSION

MMAP_BYTES = 256 * 2**20
SYNCHRONOUS = "FULL"  # durable against power loss, not only against a killed process


def full_or(error: BaseException, path: Path | None, otherwise: str | None) -> BaseException:
    """A SaveError in plain words for a full disk; otherwise ``otherwise`` or the error."""
    full = isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)
    full = full or "full" in str(error)
    if full:
        where = f"the disk holding {path}" if path is not None else "the disk"
        return DiskFullError(
            f"{where} is full: nothing was written, and everything recorded before is "
            "safe; free some space and do it again"
        )
    if otherwise is not None:
        return SaveError(otherwise)
    return error


def connect_rw(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    except sqlite3.Error as error:
        raise full_or(error, path, f"cannot open {path} for writing: {error}") from None
    return conn


def connect_ro(path: Path, *, immutable: bool) -> sqlite3.Connection:
    """A reader. ``immutable`` when no writer is live: it reads the file alone, creates
    no ``-wal`` or ``-shm`` beside it and merges nothing (only safe with no writer)."""
    uri = path.absolute().as_uri() + "?mode=ro"
    if immutable:
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    except sqlite3.Error as error:
        raise SaveError(f"cannot open {path}: {error}") from None
    return conn


def format_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()
        return int(row[0]) if row else -1
    except (sqlite3.DatabaseError, ValueError) as error:
        raise DamagedSaveError(f"{path} is damaged: {error}") from None


def check_parley(conn: sqlite3.Connection, path: Path, *, whole: bool) -> int:
    """The save's format version; a SaveError for anything that is not a save we know.
    ``whole``: the file is read alone (no writer's log), so it must be its full size."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        conn.close()
        if "malformed" in str(error):
            raise DamagedSaveError(f"{path} is damaged (truncated or corrupt): {error}") from None
        raise SaveError(f"{path} is not a Parley save (not an SQLite database: {error})") from None
    if app_id != APPLICATION_ID:
        conn.close()
        raise SaveError(f"{path} is an SQLite database but not a Parley save")
    if missing := {"meta", "events", "scenario"} - tables:
        conn.close()
        raise DamagedSaveError(f"{path} is damaged: it has no {', '.join(sorted(missing))} table")
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()
        version = int(row[0]) if row else -1
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("SELECT max(seq) FROM events").fetchone()
    except (sqlite3.DatabaseError, ValueError) as error:
        conn.close()
        raise DamagedSaveError(f"{path} is damaged: {error}") from None
    if version < 1:
        conn.close()
        raise DamagedSaveError(f"{path} is damaged: it has no readable format version")
    if version > FORMAT_VERSION:
        conn.close()
        raise SaveError(
            f"{path} uses save format {version}, newer than this Parley knows "
            f"({FORMAT_VERSION}): open it with a newer version"
        )
    if whole and path.stat().st_size < page_count * page_size:
        conn.close()
        raise DamagedSaveError(
            f"{path} is damaged: truncated to {path.stat().st_size} bytes "
            f"of {page_count * page_size}"
        )
    return version


def read_only_file(path: Path) -> bool:
    mode = path.stat().st_mode
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def check_folder_writable(path: Path, *, making: bool = False) -> None:
    """Refuse unless ``path``'s folder exists and is writable (and not marked read-only,
    which the superuser could write all the same). ``making``: a new save (create, branch,
    import, recover, copy) rather than one opened for writing."""
    folder = path.absolute().parent
    if not folder.is_dir():
        raise SaveError(f"no folder {folder}")
    mode = folder.stat().st_mode
    if not os.access(folder, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        if making:
            raise SaveError(f"cannot make {path}: the folder {folder} is read-only")
        raise SaveError(
            f"the folder {folder} is read-only: a save needs to write beside itself "
            "(open it read-only to replay it)"
        )
