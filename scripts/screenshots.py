"""Make the README's screenshots offscreen: docs/screenshots/{start,facilitator,projector}.png
(and graph.png, analytics.png, replay.png) from a simulated, seeded session of the default
scenario; and the classroom sizes of issue 12: the projector at 1280x720 in normal and
large text, the replay window at 1366x768, and the facilitator's 1366x768 screen when the
projector is a mirror of it (two screens of one picture: the projector opens in a window).

    .venv/bin/python scripts/screenshots.py
    .venv/bin/python scripts/screenshots.py debrief   # only the debrief and the dark desktop

The debrief view on the projector (docs/screenshots/debrief-1280x720.png) is of a whole
simulated session after Control's "Reveal all"; start-dark-desktop.png is the start
screen when the desktop's palette is dark (Parley's own palette over it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Two offscreen screens showing one picture: a laptop mirrored to the room's projector.
MIRRORED = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
        {"name": "projector", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
    ]
}
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main(only: str = "") -> int:
    import json

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "screens.json"
        config.write_text(json.dumps(MIRRORED), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
        from ui.app import make_application

        app = make_application([])
        app.setApplicationName("ParleyScreenshots")
        QSettings().clear()
        if only != "debrief":
            shoot(app, folder)
        shoot_debrief(app, folder)
    return 0


def shoot(app: object, folder: Path) -> None:
    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session
    from ui import settings
    from ui.app import set_large_text
    from ui.main_window import FacilitatorWindow
    from ui.projector import ProjectorWindow
    from ui.save_names import DEFAULT_SCENARIO
    from ui.start_screen import StartScreen

    OUT.mkdir(parents=True, exist_ok=True)
    scenario = load_scenario(DEFAULT_SCENARIO)
    session = simulate_session(scenario, folder / "after_hanoi_2019-demo.parley", 3, seed=2019,
                               events_per_round=45)  # fmt: skip
    session.start_round()  # round 4 open, mid-session
    session.next_phase()
    settings.add_recent_save(session.path)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()  # type: ignore[attr-defined]

    start = StartScreen(saves_dir=folder / "saves")
    start.resize(1200, 760)
    start.show()
    settle()
    start.grab().save(str(OUT / "start.png"))
    start.close()

    window = FacilitatorWindow(session)
    window.resize(1600, 1000)
    window.show()
    window.timer.start()
    settle()
    window.tables["move"].view.selectRow(0)
    settle()
    window.grab().save(str(OUT / "facilitator.png"))
    window.tabs.setCurrentWidget(window.insight.graph_host)
    settle()
    window.grab().save(str(OUT / "graph.png"))
    window.tabs.setCurrentWidget(window.insight.analytics_host)
    settle()
    window.grab().save(str(OUT / "analytics.png"))
    window.tabs.setCurrentIndex(0)

    # The projector as the app makes it, shown in a 16:9 window rather than full screen
    # (the offscreen platform's screen is small).
    projector = ProjectorWindow(session, window.timer)
    window.panels.append(projector)  # the window's broadcast reaches it
    projector.resize(1600, 900)
    projector.show()
    settle()
    projector.grab().save(str(OUT / "projector.png"))
    for large, name in ((False, "projector-1280x720"), (True, "projector-1280x720-large")):
        set_large_text(large)
        projector.resize(1280, 720)
        settle()
        projector.grab().save(str(OUT / f"{name}.png"))
    set_large_text(False)
    window.panels.remove(projector)
    projector.close()
    shoot_replay(session.path, settle)  # read-only, while the live window holds the save
    shoot_replay(session.path, settle, size=(1366, 768), name="replay-1366x768")
    shoot_mirrored(window, settle)
    window.close()
    for name in ("start", "facilitator", "projector", "graph", "analytics", "replay",
                 "projector-1280x720", "projector-1280x720-large", "replay-1366x768",
                 "facilitator-mirrored-1366x768"):  # fmt: skip
        print(OUT / f"{name}.png")


def shoot_mirrored(window: Any, settle: Callable[[], None]) -> None:
    """The laptop's 1366x768 screen when the projector mirrors it: the facilitator's
    window fills it and the projector opens in a window over its right two thirds (not
    full screen), the keyboard left with the facilitator."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap

    screen = QGuiApplication.screens()[0]
    window.setGeometry(screen.availableGeometry())
    settle()
    window.action_set.projector.setChecked(True)
    settle()
    projector = window.projector
    assert projector is not None and not projector.isFullScreen()
    picture = QPixmap(screen.geometry().size())
    picture.fill()
    painter = QPainter(picture)
    painter.drawPixmap(QPoint(0, 0), window.grab())
    frame = projector.frameGeometry()
    painter.fillRect(frame.adjusted(-2, -2, 2, 2), QColor("#1f2933"))  # its window frame
    painter.drawPixmap(projector.geometry().topLeft(), projector.grab())
    painter.end()
    picture.save(str(OUT / "facilitator-mirrored-1366x768.png"))
    window.action_set.projector.setChecked(False)


def shoot_replay(
    path: Path,
    settle: Callable[[], None],
    size: tuple[int, int] = (1600, 1000),
    name: str = "replay",
) -> None:
    """The replay window in round 2, on the commitments table, as Control sees it."""
    from engine.session.live import Session
    from ui.replay.window import ReplayWindow

    replay = ReplayWindow(Session.open(path, read_only=True))
    replay.resize(*size)
    replay.show()
    cursor = replay.replay_cursor
    rounds = cursor.rounds()
    replay.seek(rounds[2].seq - 6 if len(rounds) > 2 else cursor.last_seq // 2)
    replay.tabs.setCurrentWidget(replay.tables["commitment"])
    settle()
    replay.grab().save(str(OUT / f"{name}.png"))
    replay.close()


def shoot_debrief(app: Any, folder: Path) -> None:
    """The debrief on the projector at 1280x720 after "Reveal all", and the start screen on
    a dark desktop."""
    from PySide6.QtGui import QColor, QPalette

    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session
    from ui import operations as ops
    from ui import theme
    from ui.main_window import FacilitatorWindow
    from ui.save_names import DEFAULT_SCENARIO
    from ui.start_screen import StartScreen

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    scenario = load_scenario(DEFAULT_SCENARIO)
    session = simulate_session(scenario, folder / "after_hanoi_2019-debrief.parley",
                               len(scenario.rounds), seed=2019, events_per_round=45)  # fmt: skip
    window = FacilitatorWindow(session)
    window.resize(1366, 768)
    window.show()
    settle()
    assert window.run(ops.reveal_everything) is None
    window.action_set.debrief.setChecked(True)
    projector = window.projector
    assert projector is not None
    projector.showNormal()
    projector.resize(1280, 720)
    settle()
    projector.grab().save(str(OUT / "debrief-1280x720.png"))
    window.close()
    session.close()

    before = app.palette()
    app.setPalette(QPalette(QColor("#353535"), QColor("#2b2b2b")))  # a dark desktop
    theme.apply_theme(app, large_text=False)
    start = StartScreen(saves_dir=folder / "saves")
    start.resize(1200, 760)
    start.show()
    settle()
    start.grab().save(str(OUT / "start-dark-desktop.png"))
    start.close()
    app.setPalette(before)
    for name in ("debrief-1280x720", "start-dark-desktop"):
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
