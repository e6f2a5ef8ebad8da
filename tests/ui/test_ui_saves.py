"""The app's side of saves you can trust: a save moved away, a copy, a damaged save."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from engine.session.check import check_save
from engine.session.live import Session
from ui import operations as ops
from ui.main_window import FacilitatorWindow


def test_a_save_deleted_under_the_window_is_said_in_plain_words(
    window: FacilitatorWindow, session: Any
) -> None:
    window.run(ops.start_round)
    window.run(ops.add_note, text="acknowledged")
    session.path.unlink()
    error = window.run(ops.add_note, text="refused")
    assert error is not None and "was deleted or renamed while it was open" in error
    assert "Not done:" in window.statusBar().currentMessage()
    assert "test (recovered).parley" in window.windowTitle()
    assert "test (recovered).parley" in window.save_label.text()
    assert window.run(ops.add_note, text="goes on") is None
    notes = [n.text for n in session.state.notes]
    assert notes == ["acknowledged", "goes on"]


def test_save_a_copy_writes_a_complete_copy(
    window: FacilitatorWindow, session: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.run(ops.start_round)
    window.run(ops.add_note, text="in the log")
    dest = tmp_path / "copy.parley"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    window.action_set.save_copy.trigger()
    assert "A complete copy is in" in window.statusBar().currentMessage()
    with Session.open(dest, read_only=True) as copy:
        assert copy.state.notes[-1].text == "in the log"
    assert check_save(dest) == []
    window.action_set.save_copy.trigger()  # never over a file
    assert "already exists" in window.statusBar().currentMessage()


def test_a_damaged_save_opens_for_replay_saying_where_it_stops(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    from ui.replay.window import ReplayWindow
    from ui.session_opener import _Worker

    session.start_round()
    for n in range(20):
        session.add_note(text=f"note {n} " + "x" * 300)
    path = session.path
    session.close()
    data = bytearray(path.read_bytes())
    offset = data.index(b"note 12 ")
    data[offset + 5] ^= 0xFF
    path.write_bytes(bytes(data))
    opened: list[Any] = []
    worker = _Worker(path, read_only=True)
    worker.opened.connect(opened.append)
    worker.run()
    (damaged,) = opened
    assert damaged.read_only and damaged.last_seq == 14
    replay = ReplayWindow(damaged)
    qtbot.addWidget(replay)
    (line,) = check_save(path)  # the same words as check, and how far the replay reads
    assert replay.statusBar().currentMessage() == (
        f"This save is damaged: {line}; the replay stops at event 14."
    )
    damaged.close()


def test_damage_outside_the_log_is_said_when_opened_for_replay(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    """A page of the file that is not the log's (the snapshot chunks' index) zeroed:
    every event reads, the chain is whole, but the file is damaged; the window says so,
    as check does."""
    import sqlite3

    from ui.session_opener import open_for_replay

    session.start_round()
    for n in range(200):
        session.add_note(text=f"note {n} " + "y" * 200)
    path = session.path
    session.close()
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chunks'"
    ).fetchone()  # the snapshots' chunks: derived data, not the log
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = bytes(page_size)
    path.write_bytes(bytes(data))
    problems = check_save(path)
    assert problems, "check sees the damage"
    opened = open_for_replay(path)
    try:
        assert opened.stops_at, "the replay says the save is damaged"
        assert "malformed" in opened.stops_at or "integrity check failed" in opened.stops_at
    finally:
        opened.close()


def test_an_edited_row_is_caught_by_the_chain_when_opened_for_replay(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    """An edit that still reads as a sound event (no fold fails on it) is seen by the
    chain, walked in the opener's worker: the window says what ``check`` says."""
    import sqlite3

    from ui.replay.window import ReplayWindow
    from ui.session_opener import _Worker

    session.start_round()
    for n in range(20):
        session.add_note(text=f"note {n}")
    path = session.path
    session.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE events SET payload = replace(payload, 'note 12', 'note 99')")
    conn.close()
    (line,) = check_save(path)
    assert line.startswith("the log breaks at event 15: ")
    opened: list[Any] = []
    worker = _Worker(path, read_only=True)
    worker.opened.connect(opened.append)
    worker.run()
    (damaged,) = opened
    assert damaged.read_only and damaged.last_seq == 14
    assert [n.text for n in damaged.state.notes][-1] == "note 11"
    replay = ReplayWindow(damaged)
    qtbot.addWidget(replay)
    message = replay.statusBar().currentMessage()
    assert f"This save is damaged: {line}; the replay stops at event 14." == message
    damaged.close()


def test_a_whole_save_opens_for_replay_with_no_warning(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    from ui.session_opener import _Worker

    session.start_round()
    session.add_note(text="sound")
    path = session.path
    session.close()
    opened: list[Any] = []
    worker = _Worker(path, read_only=True)
    worker.opened.connect(opened.append)
    worker.run()
    (whole,) = opened
    assert whole.stops_at == "" and whole.state.notes[-1].text == "sound"
    whole.close()


def test_a_round_end_backs_the_save_up_and_the_start_screen_restores_it(
    window: FacilitatorWindow,
    session: Any,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from engine.save.backups import list_backups
    from ui.backups import backup_root
    from ui.start_screen import StartScreen

    assert str(backup_root()).startswith(str(Path(os.environ["XDG_DATA_HOME"])))
    assert window.backups.timer.isActive() and window.backups.timer.interval() == 5 * 60_000
    window.run(ops.start_round)
    window.run(ops.add_note, text="before the end")
    window.run(ops.end_round)
    (backup,) = list_backups(backup_root())
    assert backup.round == 1 and backup.save == "test"
    start = StartScreen(saves_dir=tmp_path)
    qtbot.addWidget(start)
    dest = tmp_path / "restored.parley"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (backup.label, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    opened: list[Path] = []
    start.open_save.connect(opened.append)
    start.restore_button.click()
    assert opened == [dest]
    with Session.open(dest, read_only=True) as restored:
        assert restored.state.notes[-1].text == "before the end"
    start.restore_button.click()  # the same name again: refused, never over the file
    assert "already exists" in start.error.text()
