"""The windows at a classroom laptop's 1366x768: the replay window's "As seen by" control
is on screen, and the commitments table shows its Status column without scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt

from engine.session.live import Session
from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.replay.window import ReplayWindow


def inside(widget: Any, window: Any) -> bool:
    """The whole of ``widget`` lies within ``window``'s rectangle."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


def test_the_replay_window_fits_1366x768_with_its_viewer_control(
    qtbot: Any, session: Session, isolated_settings: Path
) -> None:
    session.start_round()
    session.record_move(team="usa", move_type="statement", tone=0, text="Hello")
    path = session.path
    session.close()
    replay = ReplayWindow(Session.open(path, read_only=True))
    qtbot.addWidget(replay)
    assert replay.minimumSizeHint().width() <= 1366
    replay.resize(1366, 768)
    replay.show()
    qtbot.waitExposed(replay)
    assert replay.width() <= 1366 and replay.height() <= 768
    assert replay.transport.viewer.isVisible() and inside(replay.transport.viewer, replay)


def test_the_commitments_status_column_is_on_screen_at_1366(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    assert window.run(ops.start_round) is None
    assert window.run(ops.propose_commitment, giver="usa", receiver="dprk",
                      issue="sanctions_relief", text="A first step on relief") is None  # fmt: skip
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.tables.page("commitment"))
    table = window.tables["commitment"]
    model, view = table.model, table.view
    qtbot.waitUntil(lambda: view.viewport().width() > 600)  # laid out at 1366
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    status = headers.index("Status")
    x = view.columnViewportPosition(status)
    assert x >= 0 and x + view.columnWidth(status) <= view.viewport().width()
