"""Table models of moves, demands, commitments and agreements, over the live session state.

A model keeps only the order of record ids (an index); every cell is read from
``session.state`` when a view asks. Rows run newest first. After a command,
``apply(update)`` inserts rows at the top for new records (found from the tail of the
state's dict) and emits ``dataChanged`` for the records the update touched, so one new
event costs the same in a 200-event session as in a 20,000-event one. Only undo and redo,
which can remove records anywhere, re-read the list of ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Reversible
from typing import Any, NamedTuple, Protocol, TypeVar, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from engine.domain.events import Condition, condition_words
from engine.domain.state import Agreement, Commitment, Demand, Move, SessionState
from engine.domain.words import Words
from engine.scenario.model import Scenario
from ui import theme
from ui.i18n import translate
from ui.models.update import Update
from ui.plain_text import as_rich_text

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TEAMS_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
ROUND_ROLE = Qt.ItemDataRole.UserRole + 4
R = TypeVar("R")


class SessionLike(Protocol):
    @property
    def state(self) -> SessionState: ...
    @property
    def scenario(self) -> Scenario: ...


def newest_first(records: Mapping[str, R]) -> Iterator[R]:
    """A state's records, newest first, without copying them: its mappings keep the order
    records were made in, and their value views reverse (``Mapping`` does not say so)."""
    return reversed(cast("Reversible[R]", records.values()))


class Column(NamedTuple):
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    color: Callable[[Any], str | None] | None = None  # foreground
    team: Callable[[Any], str | None] | None = None  # a team id: a colour chip


def visibility_text(scenario: Scenario, visibility: tuple[str, ...] | None) -> str:
    if visibility is None:
        return "public"
    return "private: " + ", ".join(team_name(scenario, t) for t in visibility)


def team_name(scenario: Scenario, team_id: str) -> str:
    team = scenario.team(team_id)
    return team.name if team else team_id


def issue_name(scenario: Scenario, issue_id: str) -> str:
    issue = scenario.issue(issue_id)
    return issue.name if issue else issue_id


def record_number(record_id: str) -> int:
    digits = "".join(c for c in record_id if c.isdigit())
    return int(digits) if digits else 0


class RecordModel(QAbstractTableModel):
    """Base: rows are records of one kind, in the order they were created."""

    kind = ""

    def __init__(self, session: SessionLike, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.columns = self.build_columns(session.scenario)
        self._ids: list[str] = []
        self._positions: dict[str, int] | None = {}
        self._seen_seq = 0
        self.resync()

    # ----------------------------------------------------------- to override
    def records(self) -> Mapping[str, Any]:
        raise NotImplementedError

    def build_columns(self, scenario: Scenario) -> tuple[Column, ...]:
        raise NotImplementedError

    def teams_of(self, record: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def status_of(self, record: Any) -> str:
        return ""

    # ----------------------------------------------------------- reading
    @property
    def session(self) -> SessionLike:
        return self._session

    def labels(self, record_ids: Iterable[str]) -> str:
        """Records as a person says them ("Commitment 3, Commitment 4"), from the state."""
        return Words(self._session.scenario, self._session.state).records(record_ids)

    def condition_labels(self, conditions: Iterable[Condition]) -> str:
        """Conditions as a person says them ("Commitment 3 fulfilled, Demand 2 met")."""
        words = Words(self._session.scenario, self._session.state)
        return ", ".join(condition_words(k, words.record) for k in conditions)

    def record(self, row: int) -> Any:
        return self.records()[self.record_id(row)]

    def record_id(self, row: int) -> str:
        return self._ids[len(self._ids) - 1 - row]

    @property
    def _rows(self) -> dict[str, int]:
        """Each record's place, oldest first; made when first asked for, not when a save
        of 30,000 moves opens (the window is up before anyone asks which row is which)."""
        if self._positions is None:
            self._positions = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._positions

    def row_of(self, record_id: str) -> int | None:
        position = self._rows.get(record_id)
        return None if position is None else len(self._ids) - 1 - position

    def ids(self) -> list[str]:
        """Record ids, oldest first."""
        return list(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        record = self.records().get(self.record_id(index.row()))
        if record is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:  # author text, never read as markup
            return as_rich_text(column.text(record))
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(record)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.DecorationRole and column.team is not None:
            team = self._session.scenario.team(column.team(record) or "")
            return QColor(team.color) if team else None
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record)
        if role == ID_ROLE:
            return record.id
        if role == TEAMS_ROLE:
            return self.teams_of(record)
        if role == STATUS_ROLE:
            return self.status_of(record)
        if role == ROUND_ROLE:
            return record.round
        return None

    # ----------------------------------------------------------- updating
    def apply(self, update: Update) -> None:
        """Follow the state after a command: new rows, changed rows, or a full re-read."""
        if update.touched.voided or update.resync:
            self.resync()
            return
        records = self.records()
        fresh: list[str] = []
        for record in newest_first(records):
            if record.seq <= self._seen_seq:
                break
            if record.id not in self._rows:
                fresh.append(record.id)
        fresh.reverse()
        if fresh:  # newest first: new rows go on top
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            for record_id in fresh:
                self._rows[record_id] = len(self._ids)
                self._ids.append(record_id)
            self.endInsertRows()
        for record_id in self.touched_ids(update):
            row = self.row_of(record_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self._seen_seq = self._session.state.seq

    def retreat(self, update: Update) -> None:
        """Follow the state back over one event (replay): the rows of records it no longer
        holds (the newest ones) go from the top, and the records it touched repaint."""
        if update.touched.voided or update.resync:
            self.resync()
            return
        records = self.records()
        gone = 0
        while gone < len(self._ids) and self._ids[-1 - gone] not in records:
            gone += 1
        if gone:
            self.beginRemoveRows(QModelIndex(), 0, gone - 1)
            for record_id in self._ids[-gone:]:
                del self._rows[record_id]
            del self._ids[-gone:]
            self.endRemoveRows()
        for record_id in self.touched_ids(update):
            row = self.row_of(record_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self._seen_seq = self._session.state.seq

    def touched_ids(self, update: Update) -> frozenset[str]:
        return frozenset()

    def resync(self) -> None:
        self.beginResetModel()
        self._ids = list(self.records())
        self._positions = None
        self._seen_seq = self._session.state.seq
        self.endResetModel()


class MoveModel(RecordModel):
    kind = "move"

    def records(self) -> Mapping[str, Move]:
        return self._session.state.moves

    def teams_of(self, record: Move) -> tuple[str, ...]:
        return (record.team, *record.targets)

    def status_of(self, record: Move) -> str:
        return record.outcome or "pending"

    def touched_ids(self, update: Update) -> frozenset[str]:
        return update.touched.moves

    def build_columns(self, scenario: Scenario) -> tuple[Column, ...]:
        def move_type(m: Move) -> str:
            t = scenario.move_type(m.move_type)
            return t.name if t else m.move_type

        return (
            Column("#", lambda m: str(m.number or m.id), sort=lambda m: m.seq),
            Column(translate("MoveModel", "Round"), lambda m: str(m.round), sort=lambda m: m.round),
            Column(
                translate("MoveModel", "Team"),
                lambda m: team_name(scenario, m.team),
                team=lambda m: m.team,
            ),
            Column(translate("MoveModel", "Type"), move_type),
            Column(
                translate("MoveModel", "Tone"),
                lambda m: f"{m.tone:+d}",
                sort=lambda m: m.tone,
                color=lambda m: (
                    theme.ALARM
                    if m.tone < 0
                    else (theme.COMMITMENT_COLORS["fulfilled"] if m.tone > 0 else None)
                ),
            ),
            Column(
                translate("MoveModel", "Visibility"),
                lambda m: visibility_text(scenario, m.visibility),
            ),
            Column(translate("MoveModel", "Text"), lambda m: m.text),
            Column(
                translate("MoveModel", "Outcome"),
                lambda m: _outcome_text(m),
                color=lambda m: theme.OUTCOME_COLORS.get(m.outcome or ""),
            ),
        )


def _outcome_text(move: Move) -> str:
    if move.outcome is None:
        return "pending"
    roll = f" (rolled {move.roll})" if move.roll is not None else ""
    return f"{move.outcome}{roll}"


class DemandModel(RecordModel):
    kind = "demand"

    def records(self) -> Mapping[str, Demand]:
        return self._session.state.demands

    def teams_of(self, record: Demand) -> tuple[str, ...]:
        return (record.from_team, record.to_team)

    def status_of(self, record: Demand) -> str:
        return record.status

    def touched_ids(self, update: Update) -> frozenset[str]:
        return update.touched.demands

    def build_columns(self, scenario: Scenario) -> tuple[Column, ...]:
        return (
            Column("#", lambda d: str(d.number or d.id), sort=lambda d: d.seq),
            Column(
                translate("DemandModel", "Round"), lambda d: str(d.round), sort=lambda d: d.round
            ),
            Column(
                translate("DemandModel", "From"),
                lambda d: team_name(scenario, d.from_team),
                team=lambda d: d.from_team,
            ),
            Column(
                translate("DemandModel", "To"),
                lambda d: team_name(scenario, d.to_team),
                team=lambda d: d.to_team,
            ),
            Column(translate("DemandModel", "Issue"), lambda d: issue_name(scenario, d.issue)),
            Column(
                translate("DemandModel", "Priority"),
                lambda d: ("high", "medium", "low")[min(max(d.priority, 1), 3) - 1],
                sort=lambda d: d.priority,
            ),
            Column(
                translate("DemandModel", "Status"),
                lambda d: d.status + (" (surprise)" if d.surprise else ""),
                color=lambda d: theme.DEMAND_COLORS.get(d.status),
            ),
            Column(
                translate("DemandModel", "Visibility"),
                lambda d: visibility_text(scenario, d.visibility),
            ),
            Column(translate("DemandModel", "Text"), lambda d: d.text),
        )


class CommitmentModel(RecordModel):
    kind = "commitment"

    def records(self) -> Mapping[str, Commitment]:
        return self._session.state.commitments

    def teams_of(self, record: Commitment) -> tuple[str, ...]:
        return (*record.givers, *record.receivers)

    def status_of(self, record: Commitment) -> str:
        return record.status

    def touched_ids(self, update: Update) -> frozenset[str]:
        return update.touched.commitments

    def build_columns(self, scenario: Scenario) -> tuple[Column, ...]:
        def verified(c: Commitment) -> str:
            if not c.verification:
                return translate("CommitmentModel", "not required")
            return c.verified or "pending"

        return (
            Column("#", lambda c: str(c.number or c.id), sort=lambda c: c.seq),
            # the status first: what a facilitator looks for, on any width of screen
            Column(
                translate("CommitmentModel", "Status"),
                lambda c: c.status,
                color=lambda c: theme.COMMITMENT_COLORS.get(c.status),
            ),
            Column(
                translate("CommitmentModel", "Round"),
                lambda c: str(c.round),
                sort=lambda c: c.round,
            ),
            Column(
                translate("CommitmentModel", "Giver"),
                lambda c: " + ".join(team_name(scenario, t) for t in c.givers),
                team=lambda c: c.givers[0],
            ),
            Column(
                translate("CommitmentModel", "Receiver"),
                lambda c: " + ".join(team_name(scenario, t) for t in c.receivers),
                team=lambda c: c.receivers[0],
            ),
            Column(translate("CommitmentModel", "Issue"), lambda c: issue_name(scenario, c.issue)),
            Column(translate("CommitmentModel", "What"), lambda c: c.text),
            Column(
                translate("CommitmentModel", "If"),
                lambda c: self.condition_labels(c.conditions) or "—",
            ),
            Column(
                translate("CommitmentModel", "Progress"),
                lambda c: f"{c.progress} %",
                sort=lambda c: c.progress,
            ),
            Column(
                translate("CommitmentModel", "Due"),
                lambda c: f"round {c.due_round}" if c.due_round else "—",
                sort=lambda c: c.due_round or 0,
            ),
            Column(translate("CommitmentModel", "Verification"), verified),
            Column(
                translate("CommitmentModel", "Agreement"),
                lambda c: self.labels((c.agreement,)) if c.agreement else "—",
            ),
            Column(
                translate("CommitmentModel", "Visibility"),
                lambda c: visibility_text(scenario, c.visibility),
            ),
        )


class AgreementModel(RecordModel):
    kind = "agreement"

    def records(self) -> Mapping[str, Agreement]:
        return self._session.state.agreements

    def teams_of(self, record: Agreement) -> tuple[str, ...]:
        return record.teams

    def build_columns(self, scenario: Scenario) -> tuple[Column, ...]:
        return (
            Column("#", lambda a: str(a.number or a.id), sort=lambda a: a.seq),
            Column(
                translate("AgreementModel", "Round"), lambda a: str(a.round), sort=lambda a: a.round
            ),
            Column(translate("AgreementModel", "Title"), lambda a: a.title),
            Column(
                translate("AgreementModel", "Commitments"), lambda a: self.labels(a.commitments)
            ),
            Column(
                translate("AgreementModel", "Teams"),
                lambda a: ", ".join(team_name(scenario, t) for t in a.teams),
            ),
            Column(
                translate("AgreementModel", "Visibility"),
                lambda a: visibility_text(scenario, a.visibility),
            ),
        )
