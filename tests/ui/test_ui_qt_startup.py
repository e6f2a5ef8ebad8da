"""The direct answer to PySide6's per-module question gives PySide's own answer."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from ui import qt_startup


def test_the_direct_check_agrees_with_pysides_own(tmp_path: Path) -> None:
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules.get("shibokensupport.feature")
    # The pinned PySide6 has the hook; a new one without it must be noticed, not skipped
    assert feature is not None and hasattr(feature, "_mod_uses_pyside"), (
        "this PySide6 no longer asks its per-module question the way ui/qt_startup.py "
        "answers it: update or drop that module (it now does nothing)"
    )
    assert qt_startup.check_sources_directly()
    direct = feature._mod_uses_pyside
    assert direct.reads_bytes
    assert qt_startup.check_sources_directly()  # a second call keeps the one check
    assert feature._mod_uses_pyside is direct

    asks_qt = tmp_path / "asks_qt.py"
    asks_qt.write_text("from PySide6.QtCore import Qt  # é\n", encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("import json\n", encoding="utf-8")
    for path, expected in ((asks_qt, True), (plain, False)):
        module = types.ModuleType(path.stem)
        module.__file__ = str(path)
        assert direct(module) is expected

    import engine.scenario.model  # never does
    import ui.theme  # uses PySide6

    assert direct(ui.theme) is True and direct(engine.scenario.model) is False
    assert direct(sys) is False  # built in: PySide's own check answers
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "missing.py")
    assert direct(gone) is False


def test_the_collector_is_paused_only_until_the_event_loop_turns(qtbot) -> None:
    import gc

    from ui.app import pause_collector_while_starting

    assert gc.isenabled()
    try:
        pause_collector_while_starting()
        assert not gc.isenabled(), "paused while the first window is built"
        qtbot.waitUntil(gc.isenabled, timeout=2000)
        assert gc.get_freeze_count() > 0, "what starting made is left out of later walks"
    finally:
        gc.enable()
        gc.unfreeze()
