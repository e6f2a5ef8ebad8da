"""A table of moves, demands, commitments or agreements with filters by team, round, status,
sortable by any column; and ``TablePages``, the window's tabs of tables, each built when
first shown.

Unsorted (newest first, the model's own order) and unfiltered, the view reads the model
directly, so one new event costs the same at any length of session. A click on a column
header (or a filter) puts the sort/filter proxy between them; it follows new and changed
rows incrementally (a binary search per row), never by sorting again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate
from ui.models.records import ID_ROLE, SORT_ROLE, RecordModel
from ui.models.update import Update

if TYPE_CHECKING:
    from ui.models.filter import RecordFilter

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


NATURAL_ORDER = (0, Qt.SortOrder.DescendingOrder)  # "#", newest first: the model's order


class RecordTable(QWidget):
    """Filter bar over a sortable table; ``activated_record`` on Enter or double-click."""

    activated_record = Signal(str)

    def __init__(self, model: RecordModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName(f"{model.kind}Table")
        scenario = model.session.scenario
        self._proxy: RecordFilter | None = None  # made when first sorted or filtered
        self._order = NATURAL_ORDER

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.team_filter = QComboBox(self)
        self.team_filter.setAccessibleName(
            translate("RecordTable", "Filter {0}s by team").format(model.kind)
        )
        self.team_filter.addItem(translate("RecordTable", "All teams"), None)
        for team in scenario.teams:
            self.team_filter.addItem(team.name, team.id)
        self.round_filter = QComboBox(self)
        self.round_filter.setAccessibleName(
            translate("RecordTable", "Filter {0}s by round").format(model.kind)
        )
        self.round_filter.addItem(translate("RecordTable", "All rounds"), None)
        for r in scenario.rounds:
            self.round_filter.addItem(
                translate("RecordTable", "Round {0}").format(r.number), r.number
            )
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName(
            translate("RecordTable", "Filter {0}s by status").format(model.kind)
        )
        self.status_filter.addItem(translate("RecordTable", "Any status"), None)
        for status in STATUSES[model.kind]:
            self.status_filter.addItem(status, status)
        self.status_filter.setVisible(bool(STATUSES[model.kind]))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("RecordTable", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(translate("RecordTable", "Search {0}s").format(model.kind))
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
        self.view.setAccessibleName(
            translate("RecordTable", "{0}s").format(model.kind.capitalize())
        )
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
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(*NATURAL_ORDER)
        header.sortIndicatorChanged.connect(self.sort_by)
        header.setToolTip(
            translate("RecordTable", "Click a column to sort by it; click again to reverse")
        )
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
        self.proxy.set_filters(
            team=self.team_filter.currentData(),
            round=self.round_filter.currentData(),
            status=self.status_filter.currentData(),
            text=self.search.text(),
        )
        self._choose_model()

    @property
    def proxy(self) -> RecordFilter:
        """The sort and filter proxy over the model (made the first time it is needed)."""
        if self._proxy is None:
            from ui.models.filter import RecordFilter

            self._proxy = RecordFilter(self)
            self._proxy.setSortRole(SORT_ROLE)
            self._proxy.setSourceModel(self.model)
        return self._proxy

    def _through_proxy(self) -> bool:
        return self._proxy is not None and self.view.model() is self._proxy

    @property
    def sorted_by(self) -> tuple[int, Qt.SortOrder]:
        """(column, order) shown; ``NATURAL_ORDER`` is the model's own, newest first."""
        return self._order

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by a column (what a click on its header does)."""
        self._order = (column, order)
        header = self.view.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != self._order:
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
        self._choose_model()

    def _choose_model(self) -> None:
        """The model itself when neither sorted nor filtered, else the proxy."""
        natural = self._order == NATURAL_ORDER
        filtered = self._proxy is not None and self._proxy.active()
        wanted = self.model if natural and not filtered else self.proxy
        if wanted is self.proxy:
            column, order = (-1, Qt.SortOrder.AscendingOrder) if natural else self._order
            if (self.proxy.sortColumn(), self.proxy.sortOrder()) != (column, order):
                self.proxy.sort(column, order)
        if self.view.model() is not wanted:
            current = self.current_id()
            self.view.setModel(wanted)
            self._size_columns()
            if current:
                self.select(current)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        if self._through_proxy() and self.proxy.active():
            self.count.setText(
                translate("RecordTable", "{0} of {1}").format(self.proxy.rowCount(), total)
            )
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

    def retreat(self, update: Update) -> None:
        """Replay stepped back over an event: see ``RecordModel.retreat``."""
        if getattr(update.changes, FLAGS[self.model.kind]):
            self.model.retreat(update)
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
        if self._through_proxy():
            index = self.proxy.mapFromSource(index)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)


class TablePages(Mapping[str, RecordTable]):
    """The record tables in the window's tabs, by kind. A table is built the first time its
    tab is shown or it is asked for, so the window opens with only the table in front;
    a table built late reads the state as it is then."""

    def __init__(
        self,
        tabs: QTabWidget,
        build: Callable[[str, QWidget], RecordTable],
        *,
        on_built: Callable[[RecordTable], object] = lambda _table: None,
    ) -> None:
        self._tabs = tabs
        self._build = build
        self._on_built = on_built
        self._pages: dict[str, QWidget] = {}
        self._layouts: dict[str, QVBoxLayout] = {}
        self._tables: dict[str, RecordTable] = {}
        tabs.currentChanged.connect(lambda _index: self._page_shown(tabs.currentWidget()))

    def add(self, kind: str, label: str) -> QWidget:
        page = QWidget(self._tabs)
        page.setObjectName(f"{kind}Page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self._pages[kind] = page
        self._layouts[kind] = layout
        self._tabs.addTab(page, label)
        return page

    def page(self, kind: str) -> QWidget:
        return self._pages[kind]

    def built(self) -> list[RecordTable]:
        return list(self._tables.values())

    def apply(self, update: Update) -> None:
        """To every table built so far; a table built later reads the state then."""
        for table in self._tables.values():
            table.apply(update)

    def in_front(self) -> RecordTable | None:
        current = self._tabs.currentWidget()
        for kind, page in self._pages.items():
            if page is current:
                return self[kind]
        return None

    def _page_shown(self, widget: QWidget | None) -> None:
        for kind, page in self._pages.items():
            if page is widget:
                self.table(kind)

    def __getitem__(self, kind: str) -> RecordTable:
        return self.table(kind)

    def table(self, kind: str) -> RecordTable:
        """The table of ``kind``, built now if it was not yet."""
        table = self._tables.get(kind)
        if table is None:
            page = self._pages[kind]
            table = self._build(kind, page)
            self._layouts[kind].addWidget(table)
            self._tables[kind] = table
            self._on_built(table)
        return table

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)
