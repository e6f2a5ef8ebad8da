"""The start screen's recent saves: each one told apart, the missing ones shown but not offered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from ui import settings
from ui.start_screen import StartScreen


def test_recent_saves_of_one_name_are_told_apart_by_their_folder(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "class.parley").write_bytes(b"")
        settings.add_recent_save(tmp_path / folder / "class.parley")
    settings.add_recent_save(tmp_path / "gone.parley")  # deleted since
    start = StartScreen(saves_dir=tmp_path)
    qtbot.addWidget(start)
    start.refresh_recent()
    items = [start.recent_list.item(i) for i in range(start.recent_list.count())]
    labels = [item.text() for item in items]
    assert labels == ["gone.parley (missing)", "class.parley — tuesday", "class.parley — monday"]
    assert not items[0].flags() & Qt.ItemFlag.ItemIsEnabled
    assert all(item.flags() & Qt.ItemFlag.ItemIsEnabled for item in items[1:])
    assert items[1].toolTip() == str((tmp_path / "tuesday" / "class.parley").resolve())
