"""The event log as a lazy table, newest first.

``rowCount`` grows by ``fetchMore`` (a screenful at a time) and rows are read from the
save in chunks only when a view paints them, so a 100,000-event session costs no more to
show than a short one. New events are inserted at the top.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from engine.domain import events as ev
from engine.domain.events import CONTROL, Envelope, Event
from engine.domain.state import SessionState
from engine.scenario.model import Scenario
from ui import theme
from ui.describe import describe
from ui.models.update import Update
from ui.plain_text import as_rich_text

Index = QModelIndex | QPersistentModelIndex
CHUNK = 256
MAX_CHUNKS = 64
BATCH = 200
SEQ_ROLE = Qt.ItemDataRole.UserRole


class LogSource(Protocol):
    @property
    def state(self) -> SessionState: ...
    @property
    def scenario(self) -> Scenario: ...
    @property
    def last_seq(self) -> int: ...
    def events(self, start: int = 1, stop: int | None = None) -> Iterable[Envelope]: ...


class EventLogModel(QAbstractTableModel):
    HEADERS = ("#", "Time", "Round", "By", "Event")

    def __init__(self, session: LogSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._top = session.last_seq
        self._loaded = min(self._top, BATCH)
        self._chunks: OrderedDict[int, dict[int, Envelope]] = OrderedDict()
        self.chunk_reads = 0  # how often the save was read (tests and benchmarks)

    # ------------------------------------------------------------ shape
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < self._top

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(BATCH, self._top - self._loaded)
        if more > 0:
            self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
            self._loaded += more
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def seq_of(self, row: int) -> int:
        return self._top - row

    # ------------------------------------------------------------ cells
    def _event_at(self, seq: int) -> Event | None:
        found = self.envelope(seq)
        return found.event if found is not None else None

    def envelope(self, seq: int) -> Envelope | None:
        key = (seq - 1) // CHUNK
        chunk = self._chunks.get(key)
        if chunk is None or seq not in chunk:
            start = key * CHUNK + 1
            chunk = {e.seq: e for e in self._session.events(start=start, stop=start + CHUNK)}
            self.chunk_reads += 1
            self._chunks[key] = chunk
            while len(self._chunks) > MAX_CHUNKS:
                self._chunks.popitem(last=False)
        else:
            self._chunks.move_to_end(key)
        return chunk.get(seq)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        seq = self.seq_of(index.row())
        if role == SEQ_ROLE:
            return seq
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        envelope = self.envelope(seq)
        if envelope is None:
            return None
        voided = seq in self._session.state.voided
        if role == Qt.ItemDataRole.ForegroundRole:
            if voided:
                return QBrush(QColor("#a0a8b4"))
            if isinstance(envelope.event, ev.EventVoided | ev.NoteAdded | ev.BookmarkSet):
                return QBrush(QColor(theme.MUTED))
            return None
        if role == Qt.ItemDataRole.FontRole:
            if voided:
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        text = self._text(envelope, index.column(), voided)
        return as_rich_text(text) if role == Qt.ItemDataRole.ToolTipRole else text

    def _text(self, envelope: Envelope, column: int, voided: bool) -> str:
        scenario = self._session.scenario
        if column == 0:
            return str(envelope.seq)
        if column == 1:
            return datetime.fromtimestamp(envelope.at).strftime("%H:%M:%S")
        if column == 2:
            return str(envelope.round) if envelope.round else "—"
        if column == 3:
            if envelope.actor == CONTROL:
                return "Control"
            team = scenario.team(envelope.actor)
            return team.name if team else envelope.actor
        text = describe(envelope, scenario, self._session.state, lookup=self._event_at)
        return f"{text} (undone)" if voided else text

    # ------------------------------------------------------------ updates
    def apply(self, update: Update) -> None:
        new_top = self._session.last_seq
        for envelope in update.envelopes:
            self._chunks.setdefault((envelope.seq - 1) // CHUNK, {})[envelope.seq] = envelope
        if update.resync or new_top < self._top:
            self.beginResetModel()
            self._top = new_top
            self._loaded = min(self._top, BATCH)
            self._chunks.clear()
            self.endResetModel()
            return
        added = new_top - self._top
        if added > 0:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._top = new_top
            self._loaded += added
            self.endInsertRows()
        for envelope in update.envelopes:  # an undo or redo greys out (or restores) its target
            if isinstance(envelope.event, ev.EventVoided):
                self._changed_seq(envelope.event.target)
                target = self.envelope(envelope.event.target)
                if target is not None and isinstance(target.event, ev.EventVoided):
                    self._changed_seq(target.event.target)

    def _changed_seq(self, seq: int) -> None:
        row = self._top - seq
        if 0 <= row < self._loaded:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
