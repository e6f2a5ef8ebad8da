"""The class overview's table: one row per group, over ``GroupStatus`` values the engine reads.

The model holds the last status of each group (the engine's answer, not the truth) and the
class clock's remaining time; ``set_status`` replaces one row and emits ``dataChanged``
for it alone, so one event in one group repaints one row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from engine.graph.class_status import GroupStatus
from engine.scenario.model import Scenario
from ui import theme
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.timer import format_remaining

Index = QModelIndex | QPersistentModelIndex
NAME_ROLE = Qt.ItemDataRole.UserRole
FIXED = (
    QT_TRANSLATE_NOOP("ClassTableModel", "Group"),
    QT_TRANSLATE_NOOP("ClassTableModel", "Round and phase"),
    QT_TRANSLATE_NOOP("ClassTableModel", "Timer"),
    QT_TRANSLATE_NOOP("ClassTableModel", "Pending"),
    QT_TRANSLATE_NOOP("ClassTableModel", "To rule"),
    QT_TRANSLATE_NOOP("ClassTableModel", "Agreements"),
    QT_TRANSLATE_NOOP("ClassTableModel", "Open deadlocks"),
)
PENDING, TO_RULE, DEADLOCKS = 3, 4, 6


class ClassTableModel(QAbstractTableModel):
    def __init__(
        self, scenario: Scenario, statuses: list[GroupStatus], keys: tuple[str, ...],
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.scenario = scenario
        self.statuses = list(statuses)
        self.keys = keys
        self.clock: tuple[int, int, int] | None = None  # (round, phase, remaining ms)
        self.own_timers: dict[str, Callable[[], int]] = {}  # a group's open view's timer

    # ------------------------------------------------------------------ updates
    def set_status(self, status: GroupStatus) -> None:
        row = next(i for i, s in enumerate(self.statuses) if s.name == status.name)
        if self.statuses[row] == status:
            return
        self.statuses[row] = status
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_keys(self, keys: tuple[str, ...], statuses: list[GroupStatus]) -> None:
        self.beginResetModel()
        self.keys = keys
        self.statuses = list(statuses)
        self.endResetModel()

    def set_clock(self, clock: tuple[int, int, int] | None) -> None:
        self.clock = clock
        self.timers_changed()

    def timers_changed(self) -> None:
        if self.statuses:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.statuses) - 1, 2))

    def row_of(self, name: str) -> int:
        return next(i for i, s in enumerate(self.statuses) if s.name == name)

    # ------------------------------------------------------------------ the model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.statuses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED):
                return translate("ClassTableModel", FIXED[section])
            return self.scenario.value_name(self.keys[section - len(FIXED)])
        if role == Qt.ItemDataRole.ToolTipRole and section == PENDING:
            return translate(
                "ClassTableModel",
                "Team devices' submissions waiting in Control's inbox (pending and held): "
                "open the group, F7",
            )
        if role == Qt.ItemDataRole.ToolTipRole and section == TO_RULE:
            return translate(
                "ClassTableModel",
                "Moves not ruled on, demands open and commitments only proposed this round",
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        status = self.statuses[index.row()]
        column = index.column()
        if role == NAME_ROLE:
            return status.name
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(status, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DEADLOCKS and status.deadlocks:
                return QBrush(QColor(theme.ALARM))
            if column == 2 and self._remaining(status) is not None:
                remaining = self._remaining(status)
                if remaining is not None and remaining <= 0:
                    return QBrush(QColor(theme.ALARM))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{status.name}: {self._text(status, column)}"
        return None

    def _remaining(self, status: GroupStatus) -> int | None:
        """The class clock's time for a group on it, else its own window's timer."""
        if not status.round_open:
            return None
        own = self.own_timers.get(status.name)
        if self.clock is None:
            return own() if own else None
        rnd, phase, remaining = self.clock
        if status.round != rnd or status.phase != phase_name(self.scenario, rnd, phase):
            return own() if own else None
        return remaining

    def _text(self, status: GroupStatus, column: int) -> str:
        if column == 0:
            return status.name
        if column == 1:
            return status.where
        if column == 2:
            remaining = self._remaining(status)
            if remaining is not None:
                return format_remaining(remaining)
            if not status.round_open:
                return "–"
            return translate("ClassTableModel", "{0} (off the clock)").format(
                format_remaining(round(status.phase_minutes * 60000))
            )
        if column == PENDING:
            return f"{status.inbox} ({status.held} held)" if status.held else str(status.inbox)
        if column == TO_RULE:
            return str(status.pending)
        if column == 5:
            return str(status.agreements)
        if column == DEADLOCKS:
            return str(status.deadlocks)
        _key, value = status.indicators[column - len(FIXED)]
        return f"{value:g}"


def phase_name(scenario: Scenario, round_number: int, phase: int) -> str:
    if not 0 < round_number <= len(scenario.rounds):
        return ""
    phases = scenario.rounds[round_number - 1].phases
    return phases[min(phase, len(phases) - 1)].name if phases else ""
