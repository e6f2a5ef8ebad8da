"""The look of Parley: a calm palette, status colours, team colours and the stylesheet.

Sizes are in points relative to the application font, so the large-text mode (a bigger
base font) scales every window, the projector included.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 10
LARGE_POINT_SIZE = 14

INK = "#1f2933"
MUTED = "#616e7c"
LINE = "#d9dee5"
SURFACE = "#ffffff"
BACKGROUND = "#f3f5f8"
ACCENT = "#2d5b8a"
ALARM = "#c0392b"
WARNING = "#d68910"

COMMITMENT_COLORS = {
    "proposed": "#8a94a6",
    "agreed": "#2f6fbd",
    "fulfilled": "#2e8b57",
    "broken": "#c0392b",
    "withdrawn": "#b0b7c3",
}
DEMAND_COLORS = {
    "open": "#2f6fbd",
    "met": "#2e8b57",
    "refused": "#c0392b",
    "dropped": "#b0b7c3",
}
OUTCOME_COLORS = {"success": "#2e8b57", "partial": "#d68910", "failure": "#c0392b"}
DEADLOCK = "#c0392b"
BUNDLE = "#7d5ba6"

STYLESHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QToolBar {{ background: {SURFACE}; border: none; border-bottom: 1px solid {LINE};
            spacing: 4px; padding: 4px; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; color: {INK}; }}
QToolBar QToolButton:hover {{ background: #e6ecf3; }}
QTabWidget::pane {{ border: 1px solid {LINE}; background: {SURFACE}; top: -1px; }}
QTabBar::tab {{ padding: 6px 14px; border: 1px solid transparent; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {INK}; border: 1px solid {LINE}; border-bottom-color: {SURFACE};
                         background: {SURFACE}; }}
QDockWidget::title {{ padding: 6px; background: {BACKGROUND}; color: {MUTED}; }}
QTableView, QListView, QTreeView, QTextBrowser, QPlainTextEdit, QTextEdit {{
    background: {SURFACE}; border: 1px solid {LINE}; selection-background-color: #d6e4f5;
    selection-color: {INK}; alternate-background-color: #f8fafc; }}
QHeaderView::section {{ background: {BACKGROUND}; color: {MUTED}; border: none;
                        border-bottom: 1px solid {LINE}; padding: 4px 6px; }}
QPushButton {{ padding: 5px 14px; border: 1px solid {LINE}; border-radius: 4px;
               background: {SURFACE}; color: {INK}; }}
QPushButton:hover {{ background: #eef3f8; }}
QPushButton:default {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #a0a8b4; }}
QLabel#muted, QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="heading"] {{ color: {INK}; font-weight: 600; }}
QLabel[role="error"] {{ color: {ALARM}; }}
QFrame[role="card"] {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 6px; }}
QProgressBar {{ border: none; background: #e4e8ee; border-radius: 3px; max-height: 8px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QFrame#roundBar {{ background: {SURFACE}; border-bottom: 1px solid {LINE}; }}
QLabel#roundKicker {{ color: {ACCENT}; letter-spacing: 1px; }}
QToolButton[role="roundControl"] {{ border: 1px solid {LINE}; border-radius: 4px;
                                    padding: 4px 10px; background: {SURFACE}; }}
QToolButton[role="roundControl"]:hover {{ background: #eef3f8; }}
QToolButton[role="roundControl"]:disabled {{ color: #a0a8b4; }}
"""


def palette() -> QPalette:
    """Parley's palette, whole: every role of every colour group set here.

    A palette with only a few roles set takes the rest from the desktop's, so on a dark
    desktop Parley showed dark buttons, frames and check boxes among its light surfaces
    (the start screen's "Large text" box vanished). ``QPalette(button, window)`` derives
    every role from the two; the text roles and the disabled group are then Parley's own.
    """
    result = QPalette(QColor(SURFACE), QColor(BACKGROUND))
    roles = QPalette.ColorRole
    disabled = QPalette.ColorGroup.Disabled
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, disabled):
        for role, color in (
            (roles.Window, BACKGROUND), (roles.WindowText, INK), (roles.Base, SURFACE),
            (roles.AlternateBase, "#f8fafc"), (roles.Text, INK), (roles.Button, SURFACE),
            (roles.ButtonText, INK), (roles.BrightText, "#ffffff"),
            (roles.Highlight, "#d6e4f5"), (roles.HighlightedText, INK),
            (roles.ToolTipBase, "#fffbe6"), (roles.ToolTipText, INK),
            (roles.PlaceholderText, MUTED), (roles.Link, ACCENT), (roles.LinkVisited, "#5b3f86"),
            (roles.Light, "#ffffff"), (roles.Midlight, "#eef1f5"), (roles.Mid, "#b8c0cc"),
            (roles.Dark, "#8a94a6"), (roles.Shadow, "#52606d"), (roles.Accent, ACCENT),
        ):  # fmt: skip
            result.setColor(group, role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        result.setColor(disabled, role, QColor("#a0a8b4"))
    result.setColor(disabled, roles.Highlight, QColor("#e4e8ee"))
    return result


def apply_theme(app: QGuiApplication, *, large_text: bool) -> None:
    """Set the palette, the base font and the stylesheet on the whole application."""
    app.setPalette(palette())
    set_large_text(app, large_text)
    if hasattr(app, "setStyleSheet"):
        app.setStyleSheet(STYLESHEET)


def set_large_text(app: QGuiApplication, large_text: bool) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSize(LARGE_POINT_SIZE if large_text else BASE_POINT_SIZE)
    app.setFont(font)


def scaled_font(factor: float, *, bold: bool = False, mono: bool = False) -> QFont:
    """The application font scaled by ``factor`` (large text mode scales with it)."""
    font = QFont(QGuiApplication.font())
    if mono:  # figures of equal width (DejaVu Sans's digits are tabular), no slashed zero
        font.setFamily("DejaVu Sans")
        font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    font.setBold(bold)
    return font


SCALE_PROPERTY = "parleyFontScale"


def scale_font(widget: QWidget, factor: float, *, bold: bool = False, mono: bool = False) -> None:
    """Give ``widget`` the application font scaled by ``factor``, and remember the factor so
    that ``rescale_all`` follows a change of the large-text mode."""
    widget.setProperty(SCALE_PROPERTY, (factor, bold, mono))
    widget.setFont(scaled_font(factor, bold=bold, mono=mono))


def rescale_all() -> None:
    for widget in QApplication.allWidgets():
        spec = widget.property(SCALE_PROPERTY)
        if spec:
            factor, bold, mono = spec
            widget.setFont(scaled_font(factor, bold=bold, mono=mono))


def team_color(color: str) -> QColor:
    return QColor(color)


def readable_on(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    c = QColor(color)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return INK if luminance > 150 else "#ffffff"
