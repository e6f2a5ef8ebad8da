"""Benchmarks never touch the user's own settings, data or caches.

A benchmark opens windows and sessions as the app does, and the app remembers: recent
saves and window layouts (QSettings, under ``XDG_CONFIG_HOME``), the crash log (under
``XDG_DATA_HOME``), validated scenarios (under ``XDG_CACHE_HOME``). ``isolate()`` points
all three at fresh temporary folders of this process (removed when it exits), before Qt
starts; the child processes a benchmark times inherit them. ``point_qsettings()`` makes
QSettings use that folder even where Qt would not read ``XDG_CONFIG_HOME`` (it is called
once the benchmark imports Qt, so the benchmarks that never use Qt never import it).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

MARK = "PARLEY_BENCH_SANDBOX"  # the sandbox of this process, inherited by its children
FOLDERS = {"XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data", "XDG_CACHE_HOME": "cache"}


def isolate() -> Path:
    """Give this process (and its children) its own settings, data and cache folders.

    Idempotent: a second call, or a child of an isolated process, keeps the one sandbox.
    Call it before PySide6 is imported."""
    existing = os.environ.get(MARK)
    if existing and all(
        os.environ.get(var) == os.path.join(existing, name) for var, name in FOLDERS.items()
    ):
        return Path(existing)
    root = tempfile.mkdtemp(prefix="parley-bench-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for var, name in FOLDERS.items():
        folder = os.path.join(root, name)
        os.makedirs(folder, exist_ok=True)
        os.environ[var] = folder
    os.environ[MARK] = root
    return Path(root)


def point_qsettings() -> Path:
    """QSettings (both formats, user scope) in the sandbox's config folder."""
    from PySide6.QtCore import QSettings

    config = isolate() / FOLDERS["XDG_CONFIG_HOME"]
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(config))
    return config
