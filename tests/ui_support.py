"""Shared pieces of the UI tests: choosing in combos, typing, submitting forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml"


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered by {combo.objectName()}"
    combo.setCurrentIndex(index)


def submit(qtbot: Any, form: Any) -> None:
    """Ctrl+Enter, as a facilitator would."""
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def read_qr_codes(image: Any) -> list[str]:
    """The texts of every QR code in a QImage (a grab, a pixmap's image), read by zxing-cpp."""
    import zxingcpp
    from PySide6.QtGui import QImage

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, line = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    rows = b"".join(data[y * line : y * line + width] for y in range(height))

    class Pixels:  # zxing-cpp reads anything with the array interface
        __array_interface__ = {  # noqa: RUF012
            "shape": (height, width),
            "typestr": "|u1",
            "data": rows,
            "version": 3,
        }

    return [found.text for found in zxingcpp.read_barcodes(Pixels())]
