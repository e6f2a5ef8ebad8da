"""Files written for people (exports, reports): whole or not at all, or a clear refusal.

``output_file(out)`` yields a temporary path in ``out``'s folder; when the block ends
without an error the temporary file is renamed onto ``out`` (one rename: a reader sees
the old file or the new one, never half of one), and otherwise removed. Where ``out``
cannot be written (no such folder, a folder in its place, a read-only file or folder, a
full disk) the block raises an ``OutputError`` that names ``out`` and says why.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.errors import OutputError


def writable_folder(folder: Path, out: Path) -> None:
    """Refuse ``out`` unless ``folder`` (where it goes) is an existing, writable folder."""
    if not folder.exists():
        raise OutputError(f"cannot write {out}: there is no folder {folder}")
    if not folder.is_dir():
        raise OutputError(f"cannot write {out}: {folder} is not a folder")
    if not _writable(folder):
        raise OutputError(f"cannot write {out}: the folder {folder} is read-only")


def _writable(path: Path) -> bool:
    """Writable, and not marked read-only (which the superuser could write all the same)."""
    write_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & write_bits)


@contextmanager
def output_file(out: Path) -> Iterator[Path]:
    """A temporary path to write ``out``'s content to (see the module docstring)."""
    out = Path(out)
    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; name a file")
    writable_folder(out.absolute().parent, out)
    if out.exists() and not _writable(out):
        raise OutputError(f"cannot write {out}: the file is read-only")
    try:
        fd, name = tempfile.mkstemp(
            dir=out.absolute().parent, prefix=f".{out.name}.", suffix=".partial"
        )
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror}") from None
    os.close(fd)
    partial = Path(name)
    try:
        yield partial
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(partial, 0o666 & ~mask)  # as an ordinary new file (mkstemp makes 0600)
        os.replace(partial, out)
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror or error}") from None
    finally:
        partial.unlink(missing_ok=True)
