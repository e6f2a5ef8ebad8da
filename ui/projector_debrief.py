"""The debrief view: a page of the projector window for the end of a session.

The room sees the commitment graph as it may see it, the deadlocks and bundles round by
round (how the bargain's structure moved), the indicator charts over rounds and the
agreements. The data is the engine's (``engine/report/debrief.py``), so what shows here
is what the public viewer may see, or, once Control has revealed everything, what the
teams saw. Nothing is cut: the text cards page and shrink as the live projector's do
(``ui/panels/paged_card.py``), the graph fits its card, and the charts are scaled to
their card and paged when they do not fit at a readable size (1280x720, large text too).

Ctrl+Shift+B in the facilitator window shows or hides it (``toggle_debrief``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine.report.debrief import DebriefData, session_debrief
from engine.report.series import Chart
from engine.report.svg import line_chart
from ui import theme
from ui.i18n import translate
from ui.models.update import Update
from ui.panels.graph_view import GraphView
from ui.panels.paged_card import TURN_MS, PagedCard
from ui.projector import public_agreement_blocks

if TYPE_CHECKING:
    from engine.session.live import Session
    from ui.main_window import FacilitatorWindow

CHART_SIZE = (460, 200)  # the SVG's own size: its 11 px text grows as the chart is scaled up
CHART_LINES = 9  # a chart needs at least this many text lines of height to read
NO_STRUCTURE = f"<p style='color:{theme.MUTED}'>No round played yet.</p>"
NO_AGREEMENT = f"<p style='color:{theme.MUTED}'>No agreement signed.</p>"


def structure_blocks(data: DebriefData) -> list[str]:
    """One block per round, newest first (the end of the story leads): its heading and a
    line per deadlock or bundle (or one that says there was none). A round is one block,
    so a page never parts a heading from its lines."""
    blocks = []
    for found in reversed(data.rounds):
        title = escape(found.title)
        count = f"{found.commitments} commitment{'' if found.commitments == 1 else 's'}"
        parts = [
            f"<p style='margin:6px 0 0 0'><b>{title}</b> "
            f"<span style='color:{theme.MUTED}'>· {count}</span></p>"
        ]
        if not found.lines:
            parts.append(
                f"<p style='margin:0 0 0 16px; color:{theme.MUTED}'>No deadlock, no bundle</p>"
            )
        for line in found.lines:
            color = theme.DEADLOCK if line.startswith("Deadlock") else theme.BUNDLE
            parts.append(
                f"<p style='margin:0 0 0 16px'><span style='color:{color}'>&#9679;</span> "
                f"{escape(line)}</p>"
            )
        blocks.append("".join(parts))
    return blocks


class ChartBoard(QWidget):
    """Indicator charts over rounds, drawn from their SVG, scaled to fit and paged when
    there is not room for each at a readable size (``CHART_LINES`` of text high)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("debriefCharts")
        self.charts: list[QSvgRenderer] = []
        self.titles: list[str] = []
        self.page = 0
        self.per_page = 1
        self.counter: QLabel | None = None
        self.turner = QTimer(self)
        self.turner.setInterval(TURN_MS)
        self.turner.timeout.connect(self.next_page)

    def set_charts(self, charts: tuple[Chart, ...]) -> None:
        self.titles = [chart.title for chart in charts]
        width, height = CHART_SIZE
        self.charts = [
            QSvgRenderer(
                QByteArray(
                    line_chart(
                        c.title, c.series, y_range=c.y_range, x_range=c.x_range,
                        width=width, height=height,
                    ).encode()
                ),
                self,
            )
            for c in charts
        ]  # fmt: skip
        for renderer in self.charts:
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._paginate()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.charts) // self.per_page))

    def shown(self) -> list[str]:
        """The titles of the charts on the current page."""
        start = self.page * self.per_page
        return self.titles[start : start + self.per_page]

    def next_page(self) -> None:
        if self.pages > 1:
            self.page = (self.page + 1) % self.pages
            self._count()
            self.update()

    def _paginate(self) -> None:
        need = self.fontMetrics().height() * CHART_LINES
        self.per_page = max(1, min(len(self.charts) or 1, self.height() // max(1, need)))
        self.page = min(self.page, self.pages - 1)
        if self.pages > 1:
            self.turner.start()
        else:
            self.turner.stop()
        self._count()
        self.update()

    def _count(self) -> None:
        if self.counter is not None:
            self.counter.setText(f"{self.page + 1} / {self.pages}" if self.pages > 1 else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._paginate()

    def paintEvent(self, event: QPaintEvent) -> None:
        start = self.page * self.per_page
        shown = self.charts[start : start + self.per_page]
        if not shown:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell = self.height() / self.per_page
        for i, renderer in enumerate(shown):
            renderer.render(painter, QRectF(0, i * cell, self.width(), cell))
        painter.end()


def _card(heading: str, name: str, body: QWidget, parent: QWidget) -> tuple[QFrame, QLabel]:
    """A card like ``PagedCard``'s: a heading, a page counter and ``body`` below."""
    card = QFrame(parent)
    card.setObjectName(name)
    card.setProperty("role", "card")
    box = QVBoxLayout(card)
    box.setContentsMargins(22, 16, 22, 16)
    top = QHBoxLayout()
    title = QLabel(heading.upper(), card)
    theme.scale_font(title, 1.1, bold=True)
    title.setStyleSheet(f"color: {theme.MUTED}")
    counter = QLabel("", card)
    counter.setObjectName(f"{name}Page")
    theme.scale_font(counter, 1.1, bold=True)
    counter.setStyleSheet(f"color: {theme.MUTED}")
    top.addWidget(title, 1)
    top.addWidget(counter)
    box.addLayout(top)
    body.setParent(card)
    # as a PagedCard's body: the grid's stretch shares the room, never a size hint
    body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    box.addWidget(body, 1)
    return card, counter


class DebriefPage(QWidget):
    """The debrief, as a page of the projector window."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("debriefPage")
        self.data: DebriefData | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(32, 20, 32, 20)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        self.heading = QLabel(self)  # both wrap rather than widen the window (large text)
        self.heading.setObjectName("debriefHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the title is author text
        theme.scale_font(self.heading, 1.6, bold=True)
        self.heading.setStyleSheet(f"color: {theme.ACCENT}")
        self.seen = QLabel(self)
        self.seen.setObjectName("debriefSeen")
        self.seen.setWordWrap(True)
        self.seen.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        theme.scale_font(self.seen, 1.1)
        self.seen.setStyleSheet(f"color: {theme.MUTED}")
        top = QHBoxLayout()
        top.addWidget(self.heading, 3)
        top.addWidget(self.seen, 2)
        grid.addLayout(top, 0, 0, 1, 2)
        self.graph = GraphView(session.scenario)
        self.graph_card, _ = _card(
            translate("DebriefPage", "The commitment graph"), "debriefGraph", self.graph, self
        )
        self.charts = ChartBoard()
        self.charts_card, self.charts.counter = _card(
            translate("DebriefPage", "Indicators over rounds"),
            "debriefChartsCard",
            self.charts,
            self,
        )
        self.structure_card = PagedCard(
            translate("DebriefPage", "Deadlocks and bundles, round by round"),
            "debriefStructure",
            empty=NO_STRUCTURE,
        )
        self.agreements_card = PagedCard(
            translate("DebriefPage", "Agreements"), "debriefAgreements", empty=NO_AGREEMENT
        )
        for card in (self.structure_card, self.agreements_card):
            theme.scale_font(card.body, 1.25)
        grid.addWidget(self.graph_card, 1, 0)
        grid.addWidget(self.charts_card, 1, 1)
        grid.addWidget(self.structure_card, 2, 0)
        grid.addWidget(self.agreements_card, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)

    def refresh(self) -> None:
        data = self.data = session_debrief(self.session)
        self.heading.setText(
            translate("DebriefPage", "Debrief · {0}").format(self.session.scenario.title)
        )
        self.seen.setText(
            translate("DebriefPage", "Everything revealed: what the teams saw")
            if data.revealed
            else translate("DebriefPage", "What the room saw")
        )
        self.graph.zoomed = False
        self.graph.draw(data.state, data.report)
        self.graph.fit()
        self.charts.set_charts(data.charts)
        self.structure_card.set_blocks(structure_blocks(data))
        self.agreements_card.set_blocks(public_agreement_blocks(self.session))

    def apply(self, update: Update) -> None:
        c = update.changes
        if c.commitments or c.agreements or c.indicators or c.round or update.resync:
            self.refresh()


def toggle_debrief(window: FacilitatorWindow, on: bool) -> None:
    """The facilitator's Ctrl+Shift+B: open the projector if it is closed, and show the
    debrief on it (or the live view again)."""
    if on and window.projector is None:
        window.action_set.projector.setChecked(True)  # opens it (``show_projector``)
    if window.projector is not None:
        window.projector.show_debrief(on)
