"""One writer per save, for sure: an exclusive ``flock`` on the save file itself, and one
on ``<save>.lock``.

The lock on the save's own descriptor follows the file, not its name: renaming the save
or deleting its side files admits no second writer. The descriptor is opened once and
closed only after SQLite's connection (closing a descriptor of a database file drops
the POSIX locks SQLite holds on it; ``flock`` locks are separate from those). It also
tells a session whether the path still names the file it writes (:meth:`moved`).

The sidecar ``<save>.lock`` lets a reader see that a writer is live (:func:`writer_live`)
without opening the save, and records the identity of the save's write-ahead log (its
salts, which SQLite changes each time the log restarts): a ``-wal`` found beside a save
after a killed writer is merged only when it is the one the writer recorded. The kernel
releases both locks when the process dies, so a crashed session never leaves a save
locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from engine.errors import SaveError, SaveLockedError


class WriterLock:
    def __init__(self, path: Path, fd: int, previous: str, existed: bool) -> None:
        self.path = path
        self._fd: int | None = fd
        self._save_fd: int | None = None
        self.previous = previous  # what the sidecar held before: a killed writer's record
        self._existed = existed

    @staticmethod
    def lock_path(save: Path) -> Path:
        return save.with_name(save.name + ".lock")

    @classmethod
    def acquire(cls, save: Path) -> WriterLock:
        path = cls.lock_path(save)
        for _ in range(10):
            existed = path.exists()
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise SaveError(f"cannot lock {save}: {error.strerror}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise _locked(save) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                previous = os.pread(fd, 4096, 0).decode("utf-8", "replace")
                lock = cls(path, fd, previous, existed)
                lock.record("")
                return lock
            os.close(fd)  # the file was removed while we waited: try the new one
        raise SaveLockedError(f"cannot lock {save}: its lock file keeps changing")

    def hold(self, save: Path) -> None:
        """Lock the save file itself (after the sidecar: see the module docstring)."""
        try:
            fd = os.open(save, os.O_RDONLY)
        except OSError as error:
            raise SaveError(f"cannot open {save}: {error.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise _locked(save) from None
        self._save_fd = fd

    def moved(self, save: Path) -> str | None:
        """How the path no longer names the file this lock holds: None while it does."""
        if self._save_fd is None:
            return None
        held = os.fstat(self._save_fd)
        try:
            now = os.stat(save)
        except FileNotFoundError:
            return "deleted or renamed"
        if (now.st_ino, now.st_dev) != (held.st_ino, held.st_dev):
            return "replaced by another file"
        return None

    def record(self, text: str) -> None:
        """Write what the sidecar says (the writer's pid and its log's identity)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            data = f"{os.getpid()}\n{text}".encode()
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, data, 0)

    def release_save(self) -> None:
        """Unlock the save file itself (after SQLite's connection is closed)."""
        if self._save_fd is not None:
            os.close(self._save_fd)
            self._save_fd = None

    def release(self, *, keep: str | None = None, restore: bool = False) -> None:
        """Unlock. ``keep``: leave the sidecar saying this (a log still to be merged);
        ``restore``: a refused opening puts back what the sidecar held before."""
        self.release_save()
        if self._fd is None:
            return
        if restore and self._existed:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
                os.pwrite(self._fd, self.previous.encode(), 0)
        elif keep is not None:
            self.record(keep)
        else:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def writer_live(save: Path) -> bool:
    """Whether a writer (in any process) holds this save's sidecar lock now."""
    try:
        fd = os.open(WriterLock.lock_path(save), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _locked(save: Path) -> SaveLockedError:
    return SaveLockedError(
        f"{save} is open for writing in another Parley "
        "(open it read-only to replay it, or close the other one)"
    )
