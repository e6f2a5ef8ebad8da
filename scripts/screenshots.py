"""Make the README's screenshots offscreen: docs/screenshots/{start,facilitator,projector}.png
(and graph.png, analytics.png, replay.png) from a simulated, seeded session of the default
scenario.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtCore import QSettings

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
        from ui.app import make_application

        app = make_application([])
        app.setApplicationName("ParleyScreenshots")
        QSettings().clear()
        shoot(app, folder)
    return 0


def shoot(app: object, folder: Path) -> None:
    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session
    from ui import settings
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
    window.changed.connect(projector.apply)
    projector.resize(1600, 900)
    projector.show()
    settle()
    projector.grab().save(str(OUT / "projector.png"))
    projector.close()
    shoot_replay(session.path, settle)  # read-only, while the live window holds the save
    window.close()
    for name in ("start", "facilitator", "projector", "graph", "analytics", "replay"):
        print(OUT / f"{name}.png")


def shoot_replay(path: Path, settle: Callable[[], None]) -> None:
    """The replay window in round 2, on the commitments table, as Control sees it."""
    from engine.session.live import Session
    from ui.replay.window import ReplayWindow

    replay = ReplayWindow(Session.open(path, read_only=True))
    replay.resize(1600, 1000)
    replay.show()
    rounds = replay.cursor.rounds()
    replay.seek(rounds[2].seq - 6 if len(rounds) > 2 else replay.cursor.last_seq // 2)
    replay.tabs.setCurrentWidget(replay.tables["commitment"])
    settle()
    replay.grab().save(str(OUT / "replay.png"))
    replay.close()


if __name__ == "__main__":
    sys.exit(main())
