"""The save's write-ahead log (``<save>-wal``): whose it is, and whether it holds changes.

SQLite writes a header of 32 bytes at the start of a log; bytes 16 to 24 are two salts,
drawn afresh each time the log restarts. A writer records the salts of its log in its
lock sidecar as they change (see ``engine/save/lock.py``), so that a log found beside a
save whose writer is gone is merged only when it is that writer's: a log copied in from
another save, or left from an older life of this one, is never replayed into it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

HEADER = 32
MAGIC = (0x377F0682, 0x377F0683)
# fsync needs a descriptor open for writing on Windows (FlushFileBuffers); never written
_SYNC_FLAGS = os.O_RDWR | getattr(os, "O_BINARY", 0) if os.name == "nt" else os.O_RDONLY


def wal_path(save: Path) -> Path:
    return save.with_name(save.name + "-wal")


def side_files(save: Path) -> list[Path]:
    return [save.with_name(save.name + extra) for extra in ("-wal", "-shm", "-journal")]


def salts(save: Path) -> str | None:
    """The hex checkpoint number and salts of the log beside ``save``; None when there
    is no log holding frames."""
    try:
        with open(wal_path(save), "rb") as handle:
            return _salts(handle.read(HEADER))
    except OSError:
        return None


def _salts(header: bytes) -> str | None:
    if len(header) < HEADER or int.from_bytes(header[:4], "big") not in MAGIC:
        return None
    return header[12:24].hex()


def record(save: Path, log: str | None) -> str:
    """What a writer's sidecar says: the save's inode and its log's identity."""
    return f"ino={os.stat(save).st_ino}\nwal={log or ''}\n"


def belongs(save: Path, log: str, previous: str) -> bool:
    """Whether the log ``log`` beside ``save`` is the one its killed writer recorded in
    ``previous`` (the sidecar's text), or the next one SQLite restarted it into before
    the writer could record it (checkpoint number and first salt one more)."""
    fields = dict(line.split("=", 1) for line in previous.splitlines() if "=" in line)
    try:
        if int(fields.get("ino", "-1")) != os.stat(save).st_ino:
            return False
    except (OSError, ValueError):
        return False
    known = fields.get("wal", "")
    if not known:
        return True  # killed before its first commit was recorded
    if known == log:
        return True
    try:
        old, new = bytes.fromhex(known), bytes.fromhex(log)
    except ValueError:
        return False
    step = (
        (int.from_bytes(old[:4], "big") + 1) % 2**32,
        (int.from_bytes(old[4:8], "big") + 1) % 2**32,
    )
    return len(new) == 12 and step == (
        int.from_bytes(new[:4], "big"),
        int.from_bytes(new[4:8], "big"),
    )


class WalWatch:
    """Follows the salts of a live writer's log (one ``pread`` after each commit)."""

    def __init__(self, save: Path) -> None:
        self.save = save
        self._fd: int | None = None
        self.salts: str | None = None

    def changed(self) -> bool:
        """Whether the log restarted since the last call (its salts are in ``salts``)."""
        if self._fd is None:
            try:
                self._fd = os.open(wal_path(self.save), os.O_RDONLY)
            except OSError:
                return False
        now = _salts(os.pread(self._fd, HEADER, 0))
        if now == self.salts:
            return False
        self.salts = now
        return True

    def remove_own(self) -> None:
        """Remove the ``-wal`` and ``-shm`` at the save's path when the log there is this
        writer's (a save deleted or renamed under it: SQLite leaves them behind)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            held, now = os.fstat(self._fd), os.stat(wal_path(self.save))
            if (held.st_ino, held.st_dev) == (now.st_ino, now.st_dev):
                for side in side_files(self.save)[:2]:
                    side.unlink(missing_ok=True)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


class WalSync:
    """Makes a live writer's log durable from any thread (``Store.sync_wal``).

    A transaction committed with ``synchronous = NORMAL`` has written its frames to the
    log but not fsynced it: safe against a killed process (the kernel holds the pages),
    not yet against a power cut. ``sync`` fsyncs the log through a descriptor of its own,
    opened on the log the writer's commits wrote, so it touches no SQLite connection and
    any thread may call it; the writer's thread only counts its commits (``committed``),
    which never waits for a sync in progress.

    The log on disk holds every frame not yet checkpointed; a checkpoint (SQLite's own,
    with either setting) fsyncs the log before it copies frames into the save, and the
    save after, and the log is restarted or removed only after such a checkpoint. So once
    ``sync`` returns, every transaction committed before the call is durable: in the log,
    or in the save file a checkpoint synced. The save file itself is never opened here:
    closing a descriptor of it would drop the POSIX locks SQLite holds on it."""

    def __init__(self, save: Path) -> None:
        self.save = save
        self._fd: int | None = None
        self._counts = threading.Lock()  # held for a few instructions, never across a sync
        self._syncing = threading.Lock()  # one sync at a time; ``close`` waits for it
        self._made = 0  # commits not fsynced when made, counted from the start
        self._durable = 0  # of those, how many are known to be durable
        self._closed = False
        self._lost: OSError | None = None  # the close's own sync failed: said to any later
        self.checkpoint_every: int | None = None  # commits after which ``sync`` checkpoints
        self._commits = 0  # every commit, durable or not
        self._checkpointed = 0  # ``_commits`` at the last checkpoint
        self._checkpointer: sqlite3.Connection | None = None  # the syncing thread's own

    def committed(self, *, durable: bool) -> None:
        """After each commit, on the writer's thread: ``durable`` if it was fsynced (a
        ``FULL`` commit fsyncs the log, and so every frame written before it too)."""
        with self._counts:
            self._commits += 1
            if durable:
                self._durable = self._made
                return
            self._made += 1
        if self._fd is None:
            with self._syncing:
                if self._fd is None and not self._closed:
                    # the log this commit just wrote (SQLite keeps that one open)
                    with contextlib.suppress(OSError):
                        self._fd = os.open(wal_path(self.save), _SYNC_FLAGS)

    @property
    def pending(self) -> bool:
        """Whether a commit is not yet known to be durable."""
        with self._counts:
            return self._durable < self._made

    def sync(self) -> None:
        """Fsync the log: every commit made before the call is durable once it returns.
        An ``OSError`` if the system refused (nothing is then known to be durable)."""
        with self._syncing:
            with self._counts:
                upto = self._made
                if self._durable >= upto:
                    return  # nothing new since
            if self._closed:  # the writer's close synced (and checkpointed) the log
                if self._lost is not None:
                    raise self._lost
                return
            if self._fd is None:
                try:
                    self._fd = os.open(wal_path(self.save), _SYNC_FLAGS)
                except FileNotFoundError:
                    # no log: it is removed only after a checkpoint synced it into the save
                    self._fd = None
            if self._fd is not None:
                os.fsync(self._fd)
            with self._counts:
                self._durable = max(self._durable, upto)
            every, commits = self.checkpoint_every, self._commits
            if every is not None and commits - self._checkpointed >= every:
                self._checkpointed = commits
                self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the log's frames into the save (PASSIVE: it waits for no one, and a writer
        goes on meanwhile) through a connection of this thread's own, so that the writer's
        thread never runs a checkpoint's fsyncs (``Store.defer_checkpoints``). The next
        commit restarts the log from its start. A checkpoint that cannot run now (busy)
        runs at a later sync."""
        try:
            if self._checkpointer is None:
                self._checkpointer = sqlite3.connect(
                    self.save.absolute().as_uri() + "?mode=rw",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
                self._checkpointer.execute("PRAGMA busy_timeout = 1000")
            self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            pass  # the writer's close checkpoints, as does any later sync

    def close(self) -> None:
        """Before the writer's connection closes: sync what is pending (best effort: the
        close's own checkpoint syncs it too), and close the descriptor, so that SQLite can
        remove the log."""
        try:
            self.sync()
        except OSError as error:
            self._lost = error
        with self._syncing:
            self._closed = True
            if self._checkpointer is not None:  # before the writer's: it closes last
                with contextlib.suppress(sqlite3.Error):
                    self._checkpointer.close()
                self._checkpointer = None
            if self._fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self._fd)
                self._fd = None
