"""The facilitator window's start-up does not grow with team devices: the device server
(``devices``) and the QR code maker (``segno``) load only when the room is opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

PROBE = """
import json, sys
import ui.main_window
from ui.actions import SPECS
print(json.dumps({
    "loaded": sorted(m for m in sys.modules
                     if m.split(".")[0] in ("devices", "segno", "zxingcpp")
                     or m in ("ui.devices_room", "ui.devices_dialog", "ui.devices_bridge",
                              "ui.qr_code", "ui.panels.inbox", "ui.join_slips")),
    "actions": [s.name for s in SPECS],
}))
"""


def test_importing_the_window_loads_neither_the_server_nor_segno() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["loaded"] == []
    # the window does offer team devices: the actions are there, their modules are not
    assert {"open_devices", "close_devices", "inbox"} <= set(found["actions"])
