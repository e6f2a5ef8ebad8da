"""On a dark desktop nothing of Parley vanishes: the start screen's "Large text" check box
(reported invisible) is drawn with text that contrasts with what is behind it, as read
from the pixels on screen, in both text sizes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionButton

from ui import theme
from ui.start_screen import StartScreen

DARK = QPalette(QColor("#353535"), QColor("#2b2b2b"))  # a dark desktop's palette


def luminance(color: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_and_ground(image: QImage, rect: QRect) -> tuple[QColor, QColor]:
    """The commonest colour of ``rect`` (the ground) and the one that stands out most."""
    counts: Counter[int] = Counter(
        image.pixel(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )
    ground = QColor.fromRgb(counts.most_common(1)[0][0])
    ink = max((QColor.fromRgb(p) for p in counts), key=lambda c: contrast(c, ground))
    return ink, ground


@pytest.fixture
def dark_start(qapp: Any, qtbot: Any, tmp_path: Path, isolated_settings: Path) -> Any:
    before, font = qapp.palette(), qapp.font()
    qapp.setPalette(DARK)  # the desktop's, then Parley's own over it (as at start-up)
    theme.apply_theme(qapp, large_text=False)
    screen = StartScreen(saves_dir=tmp_path / "saves")
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    yield screen
    qapp.setPalette(before)
    qapp.setFont(font)


@pytest.mark.parametrize("large", [False, True])
def test_the_large_text_box_reads_on_a_dark_desktop(
    dark_start: StartScreen, qapp: Any, qtbot: Any, large: bool, tmp_path: Path
) -> None:
    theme.set_large_text(qapp, large)
    theme.rescale_all()
    box = dark_start.large_text
    qtbot.waitUntil(lambda: box.width() >= box.sizeHint().width())
    option = QStyleOptionButton()
    box.initStyleOption(option)
    text = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, box)
    assert text.width() > 0
    image = dark_start.grab().toImage()
    where = QRect(box.mapTo(dark_start, text.topLeft()), text.size())
    ink, ground = ink_and_ground(image, where)
    assert contrast(ink, ground) >= 4.5, (ink.name(), ground.name())
    assert ground.lightness() > 180, "Parley's light surface, not the desktop's dark one"
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    inside = image.pixelColor(box.mapTo(dark_start, indicator.center()))
    assert inside.lightness() > 180, "the box itself is drawn light, as on a light desktop"
    palette = box.palette()
    fg = palette.color(QPalette.ColorRole.WindowText)
    bg = dark_start.palette().color(QPalette.ColorRole.Window)
    assert contrast(fg, bg) >= 4.5
    assert box.mapTo(dark_start, QPoint(box.width(), 0)).x() <= dark_start.width()
