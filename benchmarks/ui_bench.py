"""Benchmarks of the app (figures, not pass/fail tests), run offscreen.

* cold start: process start to the facilitator window shown and responsive on the
  default scenario (``--new``), against a bare PySide6 window, in the same run: <= 2.
* refresh: the UI's refresh after one new event (the broadcast to every panel and the
  repaint) in a 20,000-event session, against a 200-event session: <= 2.
* open: opening a 100,000-event save; the longest the UI thread is blocked (gaps between
  ticks of a 5 ms heartbeat) until the window is up: <= 100 ms.
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, float, str, bool]
RUNS = 5

BARE = """
import time, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1400, 880)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

PARLEY = """
import sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from ui.app import ParleyApp, make_application
from ui.save_names import DEFAULT_SCENARIO, new_save_path
from ui.settings import load_scenario  # the app's own path (parley --new)
app = make_application([])
saves = Path(tempfile.mkdtemp())
parley = ParleyApp(saves_dir=saves)
scenario = load_scenario(DEFAULT_SCENARIO)
parley.create(scenario, new_save_path(scenario.id, folder=saves))
assert parley.window is not None and parley.window.isVisible()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""


def _child_env(pycache: str) -> dict[str, str]:
    """Offscreen, with bytecode cached (in a temporary prefix, not the tree), as installed
    code has it: without a cache every run would compile every module again. Settings,
    caches and data go to the same temporary folder, never to the user's own."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPYCACHEPREFIX": pycache,
        "XDG_CONFIG_HOME": os.path.join(pycache, "config"),
        "XDG_CACHE_HOME": os.path.join(pycache, "cache"),
        "XDG_DATA_HOME": os.path.join(pycache, "data"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _time_process(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait()
    if line.strip() != "ready":
        raise RuntimeError(f"the child did not get ready: {line!r}")
    return elapsed


def cold_start() -> tuple[float, float, float]:
    bare, parley = [], []
    app_code = PARLEY.format(root=str(ROOT))
    with tempfile.TemporaryDirectory() as pycache:
        env = _child_env(pycache)
        _time_process(BARE, env)  # warm up: write the bytecode caches, fill the OS cache
        _time_process(app_code, env)
        for _ in range(RUNS):
            bare.append(_time_process(BARE, env))
            parley.append(_time_process(app_code, env))
    b, p = statistics.median(bare), statistics.median(parley)
    return b, p, p / b


def _app() -> Any:
    sys.path.insert(0, str(ROOT))
    from benchmarks.sandbox import point_qsettings
    from ui.app import make_application

    point_qsettings()  # the recent saves and window layouts this process writes

    return make_application([])


def _simulated(path: Path, events: int) -> Any:
    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session
    from ui.save_names import DEFAULT_SCENARIO

    scenario = load_scenario(DEFAULT_SCENARIO)
    return simulate_session(scenario, path, rounds=6, seed=11, events_per_round=events // 6)


def _refresh_time(folder: Path, events: int, repeats: int = 15) -> tuple[float, float]:
    """(median refresh, median engine command) after recording one move."""
    from ui.main_window import FacilitatorWindow

    app = _app()
    session = _simulated(folder / f"refresh-{events}.parley", events)
    window = FacilitatorWindow(session)
    window.resize(1400, 880)
    window.show()
    app.processEvents()
    team = session.current_round.teams[0] if session.current_round else session.scenario.team_ids[0]
    move_type = session.scenario.move_types[0].id
    refresh, command = [], []
    for i in range(repeats):
        t0 = time.perf_counter()
        changes = session.record_move(team=team, move_type=move_type, tone=i % 7 - 3, text="bench")
        t1 = time.perf_counter()
        window.broadcast(changes)
        app.processEvents()
        t2 = time.perf_counter()
        command.append(t1 - t0)
        refresh.append(t2 - t1)
    window.close()
    return statistics.median(refresh), statistics.median(command)


def refresh_ratio() -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        small, _cmd_small = _refresh_time(Path(tmp), 200)
        large, cmd_large = _refresh_time(Path(tmp), 20_000)
    return small, large, large / small, cmd_large


def open_blocking(events: int = 100_000) -> tuple[float, float]:
    """(longest UI-thread block in s, total time to the window up in s)."""
    from PySide6.QtCore import QTimer

    from ui.app import ParleyApp

    app = _app()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.parley"
        _simulated(path, events).close()
        parley = ParleyApp(saves_dir=Path(tmp))
        beats: list[float] = []
        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
        heartbeat.start()
        app.processEvents()
        start = time.perf_counter()
        beats.append(start)
        parley.open(path)
        while parley.window is None and time.perf_counter() - start < 120:
            app.processEvents()
            time.sleep(0.001)
        shown = time.perf_counter()
        settle = shown + 0.3
        while time.perf_counter() < settle:  # the first paints of the new window
            app.processEvents()
            time.sleep(0.001)
        heartbeat.stop()
        gaps = [b - a for a, b in itertools.pairwise(beats)]
        if parley.window is not None:
            parley.window.close()
    return max(gaps, default=0.0), shown - start


def run() -> list[Row]:
    bare, parley, ratio = cold_start()
    small, large, refresh, command = refresh_ratio()
    block, total = open_blocking()
    return [
        ("ui: cold start, bare PySide6 window (ms)", bare * 1000, "-", True),
        ("ui: cold start, facilitator window (ms)", parley * 1000, "-", True),
        ("ui: cold start ratio facilitator / bare", ratio, "<= 2", ratio <= 2),
        ("ui: refresh after one event, 200 events (ms)", small * 1000, "-", True),
        ("ui: refresh after one event, 20,000 events (ms)", large * 1000, "-", True),
        ("ui: refresh ratio 20,000 / 200", refresh, "<= 2", refresh <= 2),
        ("ui: engine command at 20,000 events (ms, not counted)", command * 1000, "-", True),
        ("ui: open 100,000 events, time to window (ms)", total * 1000, "-", True),
        ("ui: open 100,000 events, longest UI block (ms)", block * 1000, "<= 100", block <= 0.1),
    ]


if __name__ == "__main__":
    for name, value, target, ok in run():
        print(f"{name:55} {value:10.3f}  {target:7} {'ok' if ok else 'MISSED'}")
