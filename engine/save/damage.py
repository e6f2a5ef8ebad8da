"""A save that SQLite cannot read, in words: the error family a damaged file raises.

SQLite reports a damaged file when a query first touches the damaged page, which may be
long after the save was opened: ``sqlite3.DatabaseError`` (``OperationalError`` among
them: "database disk image is malformed", "Could not decode to UTF-8"). ``damaged``
turns one into a ``DamagedSaveError`` naming the file; ``reading`` does so for a block of reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.errors import DamagedSaveError

READ_ERRORS = (sqlite3.DatabaseError,)


def damaged(path: Path | str, error: BaseException) -> DamagedSaveError:
    """The error to raise for ``error`` met while reading the save at ``path``."""
    lines = str(error).splitlines() or [type(error).__name__]
    text = lines[0] if len(lines[0]) <= 160 else lines[0][:159] + "…"
    return DamagedSaveError(f"{path} is damaged: {text}")


@contextmanager
def reading(path: Path | str) -> Iterator[None]:
    """Raise ``damaged(path, error)`` for any SQLite error met inside the block."""
    try:
        yield
    except READ_ERRORS as error:
        raise damaged(path, error) from None
