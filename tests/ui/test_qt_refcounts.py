"""The pinned Qt binding keeps Python's reference counts: a long session must not abort.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that returns
nothing (and to True and False on others), so a process aborts with "none_dealloc" after
a few thousand calls: minutes of a running timer. pyproject.toml pins 6.11.3, which does
not; this test fails if an upgrade brings the bug back.
"""

from __future__ import annotations

import subprocess
import sys

LOOP = """
import sys
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label, image = QLabel(), QImage(8, 8, QImage.Format.Format_ARGB32)
before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(20_000):
    label.setText("x")  # void calls
    label.setObjectName("n")
    label.isVisible()  # a call returning a bool
    painter = QPainter(image)
    painter.setBrush(QColor("red"))
    painter.end()
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*(b - a for a, b in zip(before, after)), flush=True)
"""


def test_a_long_run_of_qt_calls_loses_no_references() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOOP],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        timeout=120,
    )
    assert done.returncode == 0, f"the process aborted: {done.stderr[-400:]}"
    lost = [int(n) for n in done.stdout.split()]
    assert all(n > -1000 for n in lost), f"references lost (None, True, False): {lost}"
