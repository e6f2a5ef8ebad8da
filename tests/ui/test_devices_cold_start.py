"""The facilitator window's start-up does not grow with team devices: the device server
(``devices``) and the QR code maker (``segno``) load only when the room is opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

PROBE = """
import json, sys, tempfile
from pathlib import Path
import ui.main_window
from ui.actions import SPECS
if "--window" in sys.argv:  # a window on a new session, shown: still none of it
    from PySide6.QtWidgets import QApplication
    from engine.scenario import load_scenario
    from engine.session.live import Session
    app = QApplication([])
    scenario = load_scenario(Path("engine/scenario/bundled/after-hanoi-2019.toml"))
    session = Session.create(scenario, Path(tempfile.mkdtemp()) / "cold.parley")
    window = ui.main_window.FacilitatorWindow(session)
    window.show()
    app.processEvents()
print(json.dumps({
    "loaded": sorted(m for m in sys.modules
                     if m.split(".")[0] in ("devices", "segno", "zxingcpp")
                     or m in ("ui.devices_room", "ui.devices_dialog", "ui.devices_bridge",
                              "ui.qr_code", "ui.panels.inbox", "ui.join_slips")),
    "actions": [s.name for s in SPECS],
}))
"""


@pytest.mark.parametrize("how", ["import", "--window"])
def test_the_window_loads_neither_the_server_nor_segno(how: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, how], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True, timeout=120,
    )  # fmt: skip
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["loaded"] == []
    # the window does offer team devices: the actions are there, their modules are not
    assert {"open_devices", "close_devices", "inbox"} <= set(found["actions"])
