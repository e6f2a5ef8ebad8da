"""A table of moves, demands, commitments or agreements with filters by team, round, status."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.filter import RecordFilter
from ui.models.records import ID_ROLE, RecordModel
from ui.models.update import Update

STATUSES = {
    "move": ("pending", "success", "partial", "failure"),
    "demand": ("open", "met", "refused", "dropped"),
    "commitment": ("proposed", "agreed", "fulfilled", "broken", "withdrawn"),
    "agreement": (),
}
FLAGS = {
    "move": "moves",
    "demand": "demands",
    "commitment": "commitments",
    "agreement": "agreements",
}


class RecordTable(QWidget):
    """Filter bar over a sortable table; ``activated_record`` on Enter or double-click."""

    activated_record = Signal(str)

    def __init__(self, model: RecordModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName(f"{model.kind}Table")
        scenario = model.session.scenario
        self.proxy = RecordFilter(self)  # given the model when a filter is first set

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.team_filter = QComboBox(self)
        self.team_filter.setAccessibleName(f"Filter {model.kind}s by team")
        self.team_filter.addItem("All teams", None)
        for team in scenario.teams:
            self.team_filter.addItem(team.name, team.id)
        self.round_filter = QComboBox(self)
        self.round_filter.setAccessibleName(f"Filter {model.kind}s by round")
        self.round_filter.addItem("All rounds", None)
        for r in scenario.rounds:
            self.round_filter.addItem(f"Round {r.number}", r.number)
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName(f"Filter {model.kind}s by status")
        self.status_filter.addItem("Any status", None)
        for status in STATUSES[model.kind]:
            self.status_filter.addItem(status, status)
        self.status_filter.setVisible(bool(STATUSES[model.kind]))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {model.kind}s")
        self.count = QLabel(self)
        self.count.setProperty("role", "muted")
        for widget in (self.team_filter, self.round_filter, self.status_filter):
            widget.currentIndexChanged.connect(self._refilter)
            bar.addWidget(widget)
        self.search.textChanged.connect(self._refilter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)

        self.view = QTableView(self)
        self.view.setObjectName(f"{model.kind}View")
        self.view.setAccessibleName(f"{model.kind.capitalize()}s")
        self.view.setModel(model)  # newest first; the filter proxy only while filtering
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._size_columns()
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update_count()

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        metrics = self.fontMetrics()
        wide = {"Text", "What", "Title"}
        for column, spec in enumerate(self.model.columns):
            if spec.header in wide:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                width = {"#": 6, "Round": 6, "Tone": 5, "Priority": 8, "Due": 8}.get(
                    spec.header, 14
                )
                header.resizeSection(column, metrics.averageCharWidth() * width + 24)

    def _refilter(self) -> None:
        if self.proxy.sourceModel() is None:
            self.proxy.setSourceModel(self.model)
        self.proxy.set_filters(
            team=self.team_filter.currentData(),
            round=self.round_filter.currentData(),
            status=self.status_filter.currentData(),
            text=self.search.text(),
        )
        wanted = self.proxy if self.proxy.active() else self.model
        if self.view.model() is not wanted:
            self.view.setModel(wanted)
            self._size_columns()
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        if self.view.model() is self.proxy:
            self.count.setText(f"{self.proxy.rowCount()} of {total}")
        else:
            self.count.setText(f"{total}")

    def _on_activated(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.activated_record.emit(record_id)

    def apply(self, update: Update) -> None:
        if getattr(update.changes, FLAGS[self.model.kind]):
            self.model.apply(update)
            self._update_count()

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        ids = [index.data(ID_ROLE) for index in rows]
        if not ids and self.view.currentIndex().isValid():
            ids = [self.view.currentIndex().data(ID_ROLE)]
        return [i for i in ids if i]

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        if self.view.model() is self.proxy:
            index = self.proxy.mapFromSource(index)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
