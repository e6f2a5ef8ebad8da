"""The commitment graph and analytics tabs, built when first shown.

networkx and the analytics are imported only then, so the window opens without them.
After a command that touches commitments, demands or moves, the shown tab is refreshed
once (coalesced on the event loop); a hidden one is only marked stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.models.update import Update

if TYPE_CHECKING:  # the tabs' own widgets and the engine's graph: imported when a tab is built
    from PySide6.QtWidgets import QTextBrowser

    from engine.graph.build import CommitmentGraph
    from engine.graph.results import AnalyticsReport
    from ui.models.records import SessionLike
    from ui.panels.graph_view import GraphView
    from ui.panels.graph_window import GraphWindow


class InsightTabs:
    def __init__(self, session: SessionLike, parent: QWidget) -> None:
        self.session = session  # the live session, or the replay's source
        self.graph_host = QWidget(parent)
        self.graph_host.setObjectName("graphTab")
        self.analytics_host = QWidget(parent)
        self.analytics_host.setObjectName("analyticsTab")
        self._layouts: dict[QWidget, QVBoxLayout] = {}
        for host in (self.graph_host, self.analytics_host):
            layout = self._layouts[host] = QVBoxLayout(host)
            layout.setContentsMargins(8, 8, 8, 8)
            layout.addWidget(QLabel(translate("InsightTabs", "Loading…"), host))
        self.view: GraphView | None = None
        self.large: GraphWindow | None = None  # the public graph on its own screen
        self.selected: str | None = None  # the node whose details are shown
        self.details: QTextBrowser | None = None
        self.analytics: QTextBrowser | None = None
        self._graph: CommitmentGraph | None = None
        self._report: AnalyticsReport | None = None
        self._stale = True
        self._drawn = {"graph": False, "analytics": False}
        self._shown: QWidget | None = None
        self._pending = QTimer(parent)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)

    # ------------------------------------------------------------------ building
    def _build_graph(self) -> None:
        from PySide6.QtWidgets import QSplitter, QTextBrowser

        from ui.panels.graph_view import GraphView

        layout = self._layouts[self.graph_host]
        _clear(layout)
        splitter = QSplitter(self.graph_host)
        self.view = GraphView(self.session.scenario, splitter)
        layout.addLayout(self._graph_tools(self.view))
        self.details = QTextBrowser(splitter)
        self.details.setObjectName("graphDetails")
        self.details.setAccessibleName(translate("InsightTabs", "Details of the selected node"))
        self.details.setHtml("<p style='color:#616e7c'>Click a team or a commitment.</p>")
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setSizes([800, 280])
        layout.addWidget(splitter)
        self.view.node_clicked.connect(self.show_details)

    def _graph_tools(self, view: GraphView) -> QHBoxLayout:
        """Zoom, fit, and the graph for the room on a screen of its own."""
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QToolButton

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 4)
        for text, keys, slot, name in (
            ("Zoom in", "Ctrl+=", view.zoom_in, "graphZoomIn"),
            ("Zoom out", "Ctrl+-", view.zoom_out, "graphZoomOut"),
            ("Fit", "Ctrl+0", view.fit, "graphFit"),
            ("Show the public graph large…", "Ctrl+Shift+G", self.show_large, "graphLarge"),
        ):
            button = QToolButton(self.graph_host)
            button.setObjectName(name)
            button.setText(text)
            button.setShortcut(QKeySequence(keys))
            button.setToolTip(f"{text} ({keys})")
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def show_large(self) -> None:
        """The graph of what the room may see, in a window of its own, following live."""
        from ui.panels.graph_window import GraphWindow

        if self.large is None:
            self.large = GraphWindow(self.session, self.graph_host.window())
            self.large.closed.connect(self._large_closed)
        self.large.show_large()

    def _large_closed(self) -> None:
        self.large = None

    def _build_analytics(self) -> None:
        from PySide6.QtWidgets import QTextBrowser

        layout = self._layouts[self.analytics_host]
        _clear(layout)
        self.analytics = QTextBrowser(self.analytics_host)
        self.analytics.setObjectName("analyticsBrowser")
        self.analytics.setAccessibleName(translate("InsightTabs", "Analytics"))
        layout.addWidget(self.analytics)

    # ------------------------------------------------------------------ following
    def tab_shown(self, widget: QWidget | None) -> None:
        self._shown = widget
        if widget is self.graph_host and self.view is None:
            self._build_graph()
        if widget is self.analytics_host and self.analytics is None:
            self._build_analytics()
        if widget in (self.graph_host, self.analytics_host):
            self.refresh()

    def apply(self, update: Update) -> None:
        c = update.changes
        if c.commitments or c.agreements or c.demands or c.moves or update.resync:
            self._stale = True
            if self._shown in (self.graph_host, self.analytics_host):
                self._pending.start()
            if self.large is not None:
                self.large.refresh()
            if self.selected is not None:  # the side panel follows what it shows
                self.show_details(self.selected)

    def refresh(self) -> None:
        """Ask the engine for the analytics (its graph synced by identity) and draw them."""
        if self._shown not in (self.graph_host, self.analytics_host):
            return
        from engine.graph import CommitmentGraph, analyze

        state, scenario = self.session.state, self.session.scenario
        if self._stale or self._report is None:
            if self._graph is None:
                self._graph = CommitmentGraph(scenario)
            self._report = analyze(scenario, state, graph=self._graph)
            self._stale = False
            self._drawn = {"graph": False, "analytics": False}
        if self._shown is self.graph_host and self.view is not None and not self._drawn["graph"]:
            self.view.draw(state, self._report)
            self._drawn["graph"] = True
        shown = self._shown is self.analytics_host and self.analytics is not None
        if shown and self.analytics is not None and not self._drawn["analytics"]:
            from ui.panels.analytics import analytics_html

            self.analytics.setHtml(analytics_html(self._report, scenario, state))
            self._drawn["analytics"] = True

    def show_details(self, record_id: str) -> None:
        from ui.details import record_html  # loaded with the first click, not at start

        self.selected = record_id
        html = record_html(self.session.scenario, self.session.state, record_id)
        if self.details is not None:
            self.details.setHtml(html)


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
