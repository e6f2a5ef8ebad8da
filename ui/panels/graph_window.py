"""The commitment graph on its own, full screen, for the room.

The graph tab shows Control everything; what goes on the projector is the graph of what
the room may see (``view_state`` with the public viewer, and analytics counted the same
way), so a private commitment never reaches the wall. It follows the session live.
Escape closes it; Ctrl+=, Ctrl+- and Ctrl+0 zoom and fit as in the tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.domain.visibility import PUBLIC, view_state
from ui import theme
from ui.i18n import translate
from ui.panels.graph_view import GraphView

if TYPE_CHECKING:
    from ui.models.records import SessionLike


class GraphWindow(QWidget):
    closed = Signal()

    def __init__(self, session: SessionLike, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.setObjectName("graphWindow")
        self.setWindowTitle(
            translate("GraphWindow", "Parley — commitment graph (public) — {0}").format(
                session.scenario.title
            )
        )
        box = QVBoxLayout(self)
        heading = QLabel(
            translate("GraphWindow", "THE COMMITMENT GRAPH · WHAT THE ROOM MAY SEE"), self
        )
        theme.scale_font(heading, 1.3, bold=True)
        heading.setStyleSheet(f"color: {theme.MUTED}")
        box.addWidget(heading)
        self.view = GraphView(session.scenario, self)
        box.addWidget(self.view, 1)
        for keys, slot in (("Ctrl+=", self.view.zoom_in), ("Ctrl++", self.view.zoom_in),
                           ("Ctrl+-", self.view.zoom_out), ("Ctrl+0", self.view.fit)):  # fmt: skip
            QShortcut(QKeySequence(keys), self, slot)
        self.refresh()

    def refresh(self) -> None:
        from engine.graph import analyze

        scenario = self.session.scenario
        public = view_state(self.session.state, PUBLIC, scenario)
        self.view.draw(public, analyze(scenario, self.session.state, viewer=PUBLIC))

    def show_large(self) -> None:
        """Full screen on another screen when there is one; else maximised."""
        screens = QGuiApplication.screens()
        owner = self.parentWidget()
        mine = owner.screen() if owner is not None else None
        other = next((s for s in screens if s is not mine), None)
        if other is not None:
            self.setScreen(other)
            self.setGeometry(other.geometry())
            self.showFullScreen()
        else:
            self.showMaximized()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
