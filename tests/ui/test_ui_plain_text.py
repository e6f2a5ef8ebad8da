"""Author text is shown as text in every widget, never read as markup.

A team named ``<img src="x"> <b>bold</b>`` (and a move, a bookmark and an inject title
in the same style) is played into a session; then every label, tooltip, table cell's
tooltip and graph item's tooltip of the facilitator window and the replay window that
quotes it must show those characters literally (a rich-text tooltip would show an image
and bold type instead)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from conftest import FIXTURES
from engine.scenario import parse_scenario
from engine.session.live import Session
from ui.main_window import FacilitatorWindow
from ui.panels.graph_view import GraphView
from ui.replay.header import ElidedLabel
from ui.replay.window import ReplayWindow

HOSTILE = '<img src="x"> <b>bold</b>'


def _shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for ``text``: itself as plain text, or the text of the rich text."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _quoting(window: QWidget) -> list[tuple[str, str]]:
    """(where, what is shown) for every label, tooltip and cell tooltip quoting HOSTILE."""
    found: list[tuple[str, str]] = []

    def take(where: str, text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> None:
        if "img" in text:
            found.append((where, _shown(text, fmt)))

    for widget in [window, *window.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName()}"
        take(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, ElidedLabel):  # its whole text, as it is shown (cut to fit)
            take(f"{name} text", widget.full_text, widget.textFormat())
        elif isinstance(widget, QLabel):
            take(f"{name} text", widget.text(), widget.textFormat())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 200)):
                for column in range(model.columnCount()):
                    tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str):
                        take(f"{name} cell {row},{column} tooltip", tip)
        if isinstance(widget, GraphView):
            for item in widget.scene().items():
                take(f"graph item {item.data(0)} tooltip", item.toolTip())
    for action in window.findChildren(QAction):
        take(f"action {action.objectName()} tooltip", action.toolTip())
    return found


def _session(tmp_path: Path) -> Session:
    text = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace('name = "North"', "name = '<img src=\"x\"> <b>bold</b>'")
    scenario = parse_scenario(text, "hostile.toml")
    session = Session.create(scenario, tmp_path / "hostile.parley")
    session.start_round()
    session.record_move(team="north", move_type="statement", tone=0, text=HOSTILE)
    session.propose_commitment(giver="north", receiver="south", issue="relief", text=HOSTILE)
    session.set_bookmark(label=HOSTILE)
    return session


def test_author_text_shows_literally_in_the_facilitator_window(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    window = FacilitatorWindow(_session(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.insight.graph_host)  # the graph is built when shown
    qtbot.waitUntil(lambda: window.insight.view is not None)
    quoting = _quoting(window)
    assert quoting, "the hostile name should show somewhere"
    for where, shown in quoting:
        assert HOSTILE in shown, f"{where} shows {shown!r}"
    assert any("graph item" in where for where, _ in quoting), quoting
    assert any("cell" in where for where, _ in quoting), quoting


def test_author_text_shows_literally_in_the_replay_window(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    _session(tmp_path).close()
    window = ReplayWindow(Session.open(tmp_path / "hostile.parley", read_only=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.replay_cursor.seek(3)  # the move
    window.header.show_event(3, f"{HOSTILE} says {HOSTILE}", HOSTILE)
    quoting = _quoting(window)
    assert any("ReplayHeader" in where or "replayEvent" in where for where, _ in quoting)
    for where, shown in quoting:
        assert HOSTILE in shown, f"{where} shows {shown!r}"
