"""The event log up to the replay cursor, as the cursor's viewer could read it.

For Control every event up to the cursor is a row (the rows are the seqs, as in the live
log); for a team only the events it could know (``engine.domain.visibility.event_visible``),
with the reasons of rulings it may not hear left out. A step adds or removes the top
row; a jump, a change of viewer, or a void seen by a team reads the list again.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QObject

from engine.domain import events as ev
from engine.domain.events import CONTROL, Envelope
from engine.domain.state import SessionState
from engine.domain.visibility import event_visible, visible_events
from engine.scenario.model import Scenario
from engine.session.replay import ReplayCursor, Step
from ui.describe import describe
from ui.models.event_log import BATCH, EventLogModel


class ReplaySource:
    """What the live panels read from a session, read from the replay cursor instead:
    the state at the cursor as its viewer sees it, and the log up to the cursor."""

    def __init__(self, cursor: ReplayCursor) -> None:
        self.cursor = cursor

    @property
    def state(self) -> SessionState:
        return self.cursor.view

    @property
    def scenario(self) -> Scenario:
        return self.cursor.scenario

    @property
    def last_seq(self) -> int:
        return self.cursor.seq

    def events(self, start: int = 1, stop: int | None = None) -> Iterator[Envelope]:
        return self.cursor.session.events(start, stop)


class ReplayLogModel(EventLogModel):
    def __init__(self, source: ReplaySource, parent: QObject | None = None) -> None:
        self._cursor = source.cursor
        self._seqs: list[int] | None = None  # the rows' seqs, oldest first; None: 1.._top
        super().__init__(source, parent)
        self.reset()

    def seq_of(self, row: int) -> int:
        if self._seqs is None:
            return self._top - row
        return self._seqs[self._top - 1 - row]

    def reset(self) -> None:
        """Read the rows again: every event up to the cursor the viewer may see."""
        cursor = self._cursor
        self.beginResetModel()
        if cursor.viewer == CONTROL:
            self._seqs = None
            self._top = cursor.seq
        else:
            envelopes = cursor.session.events(1, cursor.seq + 1)
            seen = visible_events(cursor.viewer, envelopes, cursor.state, cursor.scenario)
            self._seqs = [e.seq for e in seen]
            self._top = len(self._seqs)
        self._loaded = min(self._top, BATCH)
        self.endResetModel()

    def follow(self, step: Step) -> None:
        """One step of the cursor: the event stepped over comes or goes at the top."""
        cursor, env = self._cursor, step.envelope
        void = env is not None and isinstance(env.event, ev.EventVoided)
        if env is None or (void and cursor.viewer != CONTROL):
            self.reset()
            return
        if step.forward:
            if self._seqs is not None:
                if not event_visible(cursor.viewer, env, cursor.state, cursor.scenario):
                    return
                self._seqs.append(env.seq)
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._top += 1
            self._loaded += 1
            self.endInsertRows()
        else:
            if self._seqs is not None:
                if not self._seqs or self._seqs[-1] != env.seq:
                    return
                self._seqs.pop()
            if self._top == 0:
                return
            self.beginRemoveRows(QModelIndex(), 0, 0)
            self._top -= 1
            self._loaded = max(0, self._loaded - 1)
            self.endRemoveRows()
        if void:  # Control's log strikes the target through (or restores it)
            assert isinstance(env.event, ev.EventVoided)
            self._changed_seq(env.event.target)
            target = self.envelope(env.event.target)
            if target is not None and isinstance(target.event, ev.EventVoided):
                self._changed_seq(target.event.target)

    def _text(self, envelope: Envelope, column: int, voided: bool) -> str:
        if column == 4:
            text = event_text(self._cursor, envelope)
            return f"{text} (undone)" if voided else text
        return super()._text(envelope, column, voided)


def event_text(cursor: ReplayCursor, envelope: Envelope) -> str:
    """One event in words as the cursor's viewer may read it: a team is not told the
    reason of a ruling on another team's move."""
    return describe(envelope, cursor.scenario, cursor.state, cursor.viewer)
