"""One writer per save: an exclusive ``flock`` on ``<save>.lock``.

The lock lives on a sidecar file, never on the save itself: closing any descriptor of a
database file drops the POSIX locks SQLite holds on it, so Parley never opens the save
with anything but SQLite. The kernel releases a ``flock`` when its process dies, so a
crashed session never leaves a save locked. The sidecar is removed on release; after
locking, the inode is checked against the path, so a racing remover cannot give two
writers the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from engine.errors import SaveError, SaveLockedError


class WriterLock:
    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @staticmethod
    def lock_path(save: Path) -> Path:
        return save.with_name(save.name + ".lock")

    @classmethod
    def acquire(cls, save: Path) -> WriterLock:
        path = cls.lock_path(save)
        for _ in range(10):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise SaveError(f"cannot lock {save}: {error.strerror}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise SaveLockedError(
                    f"{save} is open for writing in another Parley "
                    "(open it read-only to replay it, or close the other one)"
                ) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                with contextlib.suppress(OSError):
                    os.write(fd, f"{os.getpid()}\n".encode())
                return cls(path, fd)
            os.close(fd)  # the file was removed while we waited: try the new one
        raise SaveLockedError(f"cannot lock {save}: its lock file keeps changing")

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None
