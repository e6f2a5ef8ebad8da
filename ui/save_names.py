"""Where a new session's save goes: ``Parley`` in the user's documents folder, under a
readable name; and the scenarios shipped with the app (package data)."""

from __future__ import annotations

from pathlib import Path

from engine.save.folders import APP_FOLDER, SAVE_SUFFIX, new_save_path
from engine.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios

__all__ = [
    "DEFAULT_SCENARIO",
    "SAVE_SUFFIX",
    "bundled_scenarios",
    "default_saves_dir",
    "new_save_path",
]


def default_saves_dir() -> Path:
    """``Documents/Parley`` as Qt finds the documents folder (it is made when first used)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not folder:  # no home at all: the engine's guess, which never fails
        from engine.save.folders import default_saves_folder

        return default_saves_folder()
    return Path(folder) / APP_FOLDER
