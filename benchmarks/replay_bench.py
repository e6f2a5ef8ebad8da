"""Benchmarks of the replay window (figures, not pass/fail tests), run offscreen.

* step: one step of the replay cursor (the state at the cursor, every panel's refresh,
  and the repaint the event loop then does) in a 100,000-event save, against the same
  in a 1,000-event save: ratio of medians <= 1.5, forward (the way a replay plays) and
  back. Steps are taken in runs of ``RUN`` from random points of each save, the window
  showing the moves table, at 1400x900.
* team: the same forward ratio with the window showing what one team could know.
* frame: the median forward step in the 100,000-event save, in ms: <= 16.7 (one frame
  at 60 Hz).

The saves are the ones ``session_bench`` makes and caches in ``benchmarks/out/``.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.session_bench import BIG, SMALL, cached_save

Row = tuple[str, float, str, bool]
POINTS, RUN = 40, 8  # random starting points, steps from each


class Stepper:
    """A replay window on one save, and the step times measured in it."""

    def __init__(self, app: Any, path: Path, viewer: str = "control") -> None:
        from engine.session.live import Session
        from ui.replay.window import ReplayWindow

        self.app = app
        self.session = Session.open(path, read_only=True)
        self.window = ReplayWindow(self.session)
        self.window.resize(1400, 900)
        self.window.set_viewer(viewer)
        self.window.show()
        app.processEvents()
        self.forward: list[float] = []
        self.back: list[float] = []

    def run_from(self, rng: random.Random) -> None:
        """``RUN`` steps forward from a random point, then ``RUN`` back."""
        window, app = self.window, self.app
        window.seek(rng.randint(RUN + 1, self.session.last_seq - RUN - 1))
        app.processEvents()
        for times, step in ((self.forward, window.step_forward), (self.back, window.step_back)):
            for _ in range(RUN):
                started = time.perf_counter()
                step()
                app.processEvents()
                times.append(time.perf_counter() - started)

    def close(self) -> None:
        self.window.close()
        self.app.processEvents()


def run() -> list[Row]:
    from PySide6.QtWidgets import QApplication

    from benchmarks.sandbox import point_qsettings

    point_qsettings()  # the replay window's remembered layout stays in the sandbox
    app: Any = QApplication.instance() or QApplication([])
    big, small = cached_save(BIG), cached_save(SMALL)
    warm = Stepper(app, small)  # imports, first paints, the style's caches
    warm.run_from(random.Random(1))
    warm.close()
    steppers = {
        (BIG, "control"): Stepper(app, big),
        (SMALL, "control"): Stepper(app, small),
        (BIG, "usa"): Stepper(app, big, "usa"),
        (SMALL, "usa"): Stepper(app, small, "usa"),
    }
    rng = random.Random(9)
    for _ in range(POINTS):  # interleaved, so a busy machine slows both alike
        for stepper in steppers.values():
            stepper.run_from(rng)
    for stepper in steppers.values():
        stepper.close()
    med = {n: (statistics.median(s.forward), statistics.median(s.back))
           for n, s in steppers.items()}  # fmt: skip
    forward = med[BIG, "control"][0] / med[SMALL, "control"][0]
    back = med[BIG, "control"][1] / med[SMALL, "control"][1]
    team = med[BIG, "usa"][0] / med[SMALL, "usa"][0]
    frame = med[BIG, "control"][0] * 1000
    return [
        ("replay step forward: 100k / 1k (median)", forward, "<= 1.5", forward <= 1.5),
        ("replay step back: 100k / 1k (median)", back, "<= 1.5", back <= 1.5),
        ("replay step forward as seen by a team: 100k / 1k", team, "<= 1.5", team <= 1.5),
        ("replay step forward 100k: median ms", frame, "<= 16.7", frame <= 16.7),
    ]
