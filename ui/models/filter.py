"""Filter a record table by team, round, status and text.

The filter runs Python for every row, so a table only puts it between model and view
while a filter is set; unfiltered, the view reads the model directly.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from ui.models.records import ROUND_ROLE, STATUS_ROLE, TEAMS_ROLE


class RecordFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._team: str | None = None
        self._round: int | None = None
        self._status: str | None = None
        self._text = ""
        self.setDynamicSortFilter(True)

    def active(self) -> bool:
        return any(x is not None for x in (self._team, self._round, self._status)) or bool(
            self._text
        )

    def set_filters(
        self,
        *,
        team: str | None = None,
        round: int | None = None,
        status: str | None = None,
        text: str = "",
    ) -> None:
        self.beginFilterChange()
        self._team, self._round, self._status, self._text = team, round, status, text.casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._team is not None and self._team not in (model.data(index, TEAMS_ROLE) or ()):
            return False
        if self._round is not None and model.data(index, ROUND_ROLE) != self._round:
            return False
        if self._status is not None and model.data(index, STATUS_ROLE) != self._status:
            return False
        if self._text:
            row_text = " ".join(
                str(model.data(model.index(source_row, c, source_parent)) or "")
                for c in range(model.columnCount())
            )
            if self._text not in row_text.casefold():
                return False
        return True
