"""Where new saves go when nobody says: ``Parley`` in the user's documents folder.

Not the program's own folder: an installed Parley (``pip install .``) lives in a
site-packages that is no place for a person's files. The app asks Qt
(``QStandardPaths.DocumentsLocation``, see ``ui/save_names.py``); the command line,
which starts no Qt, reads the same freedesktop setting here: ``XDG_DOCUMENTS_DIR`` in
``$XDG_CONFIG_HOME/user-dirs.dirs``, else ``~/Documents``, as Qt does on Linux.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

SAVE_SUFFIX = ".parley"
APP_FOLDER = "Parley"
_DOCUMENTS_LINE = re.compile(r'^\s*XDG_DOCUMENTS_DIR\s*=\s*"(.*)"\s*$')


def documents_folder() -> Path:
    """The user's documents folder, as the desktop (and Qt) names it."""
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    try:
        lines = (config / "user-dirs.dirs").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for line in lines:
        match = _DOCUMENTS_LINE.match(line)
        if match:
            value = match.group(1).replace("$HOME", str(home))
            path = Path(value)
            if path.is_absolute() and path != home:
                return path
    return home / "Documents"


def default_saves_folder() -> Path:
    return documents_folder() / APP_FOLDER


def new_save_path(scenario_id: str, *, folder: Path, now: datetime | None = None) -> Path:
    """``FOLDER/after_hanoi_2019-2026-11-28-0935.parley``; a free name, the folder created."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    candidate = folder / f"{scenario_id}-{stamp}{SAVE_SUFFIX}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{scenario_id}-{stamp}-{n}{SAVE_SUFFIX}"
        n += 1
    return candidate
