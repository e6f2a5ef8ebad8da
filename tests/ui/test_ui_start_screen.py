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


def test_selecting_a_recent_save_previews_it(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    from conftest import SCENARIOS
    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session

    scenario = load_scenario(SCENARIOS / "classroom-freeze-for-relief.toml")
    path = tmp_path / "tuesday.parley"
    simulate_session(scenario, path, 2, seed=9, events_per_round=10).close()
    broken = tmp_path / "broken.parley"
    broken.write_bytes(b"garbage" * 200)
    settings.add_recent_save(broken)
    settings.add_recent_save(path)
    start = StartScreen(saves_dir=tmp_path)
    qtbot.addWidget(start)
    start.refresh_recent()
    start.recent_list.setCurrentRow(0)
    shown = start.summary.toPlainText()
    assert "tuesday.parley" in shown and scenario.title in shown and "round 2 of 4" in shown
    start.recent_list.setCurrentRow(1)
    assert "not a Parley save" in start.summary.toPlainText()


def test_ctrl_w_closes_the_session_back_to_the_start_screen(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from conftest import SCENARIOS
    from engine.scenario import load_scenario
    from engine.session.live import Session
    from ui.app import ParleyApp

    parley = ParleyApp(saves_dir=tmp_path)
    session = Session.create(load_scenario(SCENARIOS / "classroom-freeze-for-relief.toml"),
                             tmp_path / "w.parley")  # fmt: skip
    window = parley.show_window(session)
    qtbot.addWidget(window)
    quit_asked: list[bool] = []
    QApplication.instance().aboutToQuit.connect(lambda: quit_asked.append(True))  # type: ignore[union-attr]
    window.action_set.close_window.trigger()
    assert parley.window is None and parley.start is not None and parley.start.isVisible()
    Session.open(tmp_path / "w.parley").close()  # the session let go of its save
    assert not quit_asked
    parley.start.close()
