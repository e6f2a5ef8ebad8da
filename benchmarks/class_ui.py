"""The class overview's refresh after one event in one of 8 live groups (``class_bench``).

Eight saves of 2,000 events (the class benchmark's) are copied into a class folder and
opened live in a ``ClassOverview``; then, 30 times, one indicator adjustment is committed
in one group and the event loop runs until the overview has re-read that group's row.
The figure is the longest of those blocks of the UI thread (command and refresh).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def overview_refresh_ms(folder: Path, groups: int = 8, repeats: int = 30) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.class_bench import class_saves
    from benchmarks.sandbox import point_qsettings
    from engine.session.class_run import ClassRun
    from engine.session.classes import CLASS_FILE, ClassFile, Group, write_class_file
    from engine.session.live import Session

    app = QApplication.instance() or QApplication([])
    point_qsettings()
    from ui.class_overview import ClassOverview

    made = []
    for index, source in enumerate(class_saves()[:groups]):
        target = folder / source.name
        with Session.open(source, read_only=True):
            shutil.copyfile(source, target)
        made.append(Group(f"Group {index + 1}", target))
    found = ClassFile(folder / CLASS_FILE, "bench", "", tuple(made), ())
    write_class_file(found)
    overview = ClassOverview(ClassRun.open(found))
    overview.show()
    app.processEvents()
    session = overview.run.session("Group 3")
    key = next(iter(session.scenario.indicator_keys()))
    longest = 0.0
    for n in range(repeats):
        started = time.perf_counter()
        session.adjust_indicator(key=key, delta=1 if n % 2 else -1, reason="bench")
        while overview._dirty or overview._flush.isActive():
            app.processEvents()
        longest = max(longest, time.perf_counter() - started)
    overview.close()
    return longest * 1000
