"""The event log panel: every entry, newest first, undone ones struck through."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.models.event_log import EventLogModel, LogSource
from ui.models.update import Update


class EventLogPanel(QWidget):
    def __init__(self, session: LogSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventLogPanel")
        self.model = EventLogModel(session, self)
        self.view = QTableView(self)
        self.view.setObjectName("eventLogView")
        self.view.setAccessibleName(translate("EventLogPanel", "Event log"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        width = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((6, 9, 6, 14)):
            header.resizeSection(column, width * chars + 16)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.view)

    def apply(self, update: Update) -> None:
        if update.changes.log or update.envelopes:
            self.model.apply(update)
