"""A QR code of a join link, drawn as a QImage (segno makes the matrix, Qt paints it).

segno is imported here, and this module only when the facilitator opens the room to team
devices: the window's start-up does not load it.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_image(text: str, *, module: int = 8) -> QImage:
    """``text`` as a QR code (error correction M), ``module`` pixels a module, black on
    white with its quiet zone: what a phone's camera reads from a screen or a sheet."""
    code = segno.make(text, error="m", micro=False)
    matrix = code.matrix
    size = (len(matrix) + 2 * QUIET_ZONE) * module
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    black = QColor(Qt.GlobalColor.black)
    for y, row in enumerate(matrix):
        top = (y + QUIET_ZONE) * module
        x = 0
        width = len(row)
        while x < width:  # a run of dark modules is one rectangle
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            left = (start + QUIET_ZONE) * module
            painter.fillRect(left, top, (x - start) * module, module, black)
    painter.end()
    return image
