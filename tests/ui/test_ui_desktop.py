"""Desktop conventions in every window: Ctrl+Q quits, F11 fills the screen, a palette of
Parley's own whatever the desktop's, and Qt's own strings in the system's language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui import theme
from ui.app import load_qt_translations
from ui.start_screen import StartScreen


@pytest.fixture
def start(qtbot: Any, tmp_path, isolated_settings) -> StartScreen:
    screen = StartScreen(saves_dir=tmp_path / "saves")
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def replay(qtbot: Any, session, isolated_settings) -> Any:
    from ui.replay.window import ReplayWindow

    window = ReplayWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def facilitator(qtbot: Any, session, isolated_settings) -> Any:
    from ui.main_window import FacilitatorWindow

    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("which", ["start", "facilitator", "replay"])
def test_ctrl_q_quits_from_every_window(which: str, request, qtbot, monkeypatch) -> None:
    window = request.getfixturevalue(which)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quits == [True]
    assert not window.isVisible()  # closed first, so that it finishes its own work


@pytest.mark.parametrize("which", ["start", "facilitator", "replay"])
def test_f11_toggles_full_screen_in_every_window(which: str, request, qtbot) -> None:
    window = request.getfixturevalue(which)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    QTest.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_palette_is_parleys_own_on_a_dark_desktop(qapp, start, qtbot) -> None:
    """A dark desktop's palette leaves no role behind: every role of every group is set,
    text reads on its background, and the start screen's check box is drawn light."""
    dark = QPalette(QColor("#353535"), QColor("#2b2b2b"))
    before = qapp.palette()
    try:
        qapp.setPalette(dark)
        theme.apply_theme(qapp, large_text=False)
        palette = qapp.palette()
        groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        for group in (*groups, QPalette.ColorGroup.Disabled):
            for role in QPalette.ColorRole:
                if role in (QPalette.ColorRole.NColorRoles, QPalette.ColorRole.NoRole):
                    continue
                assert palette.isBrushSet(group, role), (group, role)
                assert palette.color(group, role) != dark.color(group, role) or role in (
                    QPalette.ColorRole.BrightText,
                ), (group, role)
        for text, ground in (("WindowText", "Window"), ("Text", "Base"), ("ButtonText", "Button")):
            fg = palette.color(getattr(QPalette.ColorRole, text))
            bg = palette.color(getattr(QPalette.ColorRole, ground))
            assert _contrast(fg, bg) >= 7, (text, ground)
        start.update()
        image = start.large_text.grab().toImage()
        # the box's inside is light, as on a light desktop (it was dark, and vanished)
        box = image.pixelColor(8, image.height() // 2)
        assert box.lightness() > 180, box.name()
    finally:
        qapp.setPalette(before)


def test_qt_strings_follow_the_system_language(qapp) -> None:
    translator = load_qt_translations(qapp, QLocale(QLocale.Language.German))
    assert translator is not None
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert load_qt_translations(qapp, QLocale(QLocale.Language.Welsh)) is None  # none shipped
