"""Walking a saved session's log: the replay cursor.

A ``ReplayCursor`` holds the state after event ``seq`` of a session (opened read-only,
usually), and the same state as one viewer could know it (``engine.domain.visibility``).

Stepping forward over an event applies that one event to a copy of the state
(``reducer.apply``) and brings the viewer's state along by re-reading only the records
the event touched, so a step costs the same at event 100 as at event 100,000. A void
changes the status of an earlier event, so stepping over one seeks (``state_at``).
Stepping back takes the previous state from a small cache of recent states, or seeks.
A state the cursor has handed out is never changed afterwards.

Marks for a timeline: where each round started and the bookmarks (both as of the end
of the log, undone ones left out).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.events import CONTROL, Envelope
from engine.domain.state import ID_LETTERS, FiredInject, IndicatorChange, SessionState
from engine.domain.visibility import Viewer, indicator_visible, room_viewer, view_state
from engine.errors import UnknownRecordError
from engine.scenario.model import Scenario
from engine.session.live import Session

KEEP = 64  # recent states kept for stepping back
Made = TypeVar("Made", IndicatorChange, FiredInject)


@dataclass(frozen=True)
class Step:
    """What one move of the cursor did: where it is now and the event it crossed."""

    seq: int
    envelope: Envelope | None = None  # the event stepped over; None for a jump
    forward: bool = True

    @property
    def jumped(self) -> bool:
        return self.envelope is None


@dataclass(frozen=True)
class RoundMark:
    seq: int  # the RoundStarted event
    round: int
    title: str


@dataclass(frozen=True)
class BookmarkMark:
    seq: int
    round: int
    label: str


class ReplayCursor:
    """A position in a session's log, the state there, and that state as ``viewer`` sees it."""

    def __init__(
        self, session: Session, *, viewer: Viewer = CONTROL, seq: int | None = None
    ) -> None:
        self.session = session
        self.scenario = session.scenario
        self._viewer = viewer
        self._back: deque[tuple[SessionState, SessionState]] = deque(maxlen=KEEP)
        self.seq = 0
        self.state = SessionState()
        self.view = self.state
        self.seek(session.last_seq if seq is None else seq)

    # ------------------------------------------------------------------ reading
    @property
    def last_seq(self) -> int:
        return self.session.last_seq

    @property
    def viewer(self) -> Viewer:
        return self._viewer

    def set_viewer(self, viewer: Viewer) -> None:
        """See the same point as ``viewer`` (``CONTROL``, ``"public"`` or a team id)."""
        if viewer == self._viewer:
            return
        self._viewer = viewer
        self._back.clear()
        self.view = view_state(self.state, viewer, self.scenario)

    def envelope(self) -> Envelope | None:
        """The event the cursor stands on (the last one folded); None at 0."""
        return self.session.envelope(self.seq) if self.seq >= 1 else None

    # ------------------------------------------------------------------ moving
    def seek(self, seq: int) -> Step:
        """Jump to the state after event ``seq`` (0: before the first)."""
        if not 0 <= seq <= self.last_seq:
            raise UnknownRecordError(f"no event {seq} in this session (last is {self.last_seq})")
        self._back.clear()
        self._set(seq, self.session.state_at(seq))
        return Step(seq)

    def step_forward(self) -> Step | None:
        """Fold the next event; None at the end of the log."""
        if self.seq >= self.last_seq:
            return None
        env = self.session.envelope(self.seq + 1)
        self._back.append((self.state, self.view))
        if isinstance(env.event, ev.EventVoided | ev.EverythingRevealed):  # a reveal: all
            self._set(env.seq, self.session.state_at(env.seq))  # records, seen anew
        else:
            state = reducer.copy_state(self.state)
            reducer.apply(state, env, self.scenario)
            self.view = advance_view(self.view, state, env, self._viewer, self.scenario)
            self.state, self.seq = state, env.seq
        return Step(self.seq, env, forward=True)

    def step_back(self) -> Step | None:
        """Back to the state before the current event; None at 0."""
        if self.seq <= 0:
            return None
        env = self.session.envelope(self.seq)
        if self._back and self._back[-1][0].seq == self.seq - 1:
            self.state, self.view = self._back.pop()
            self.seq -= 1
        else:
            self._back.clear()
            self._set(self.seq - 1, self.session.state_at(self.seq - 1))
        return Step(self.seq, env, forward=False)

    def _set(self, seq: int, state: SessionState) -> None:
        self.seq = seq
        self.state = state
        self.view = view_state(state, self._viewer, self.scenario)

    # ------------------------------------------------------------------ marks
    def rounds(self) -> list[RoundMark]:
        """Where each round started (the active ``RoundStarted`` events), in order."""
        voided = self.session.state.voided
        marks = []
        for seq in self.session.store.seqs_of_kind("RoundStarted"):
            if seq in voided:
                continue
            event = self.session.envelope(seq).event
            assert isinstance(event, ev.RoundStarted)
            rounds = self.scenario.rounds
            title = rounds[event.round - 1].title if 0 < event.round <= len(rounds) else ""
            marks.append(RoundMark(seq, event.round, title))
        return marks

    def bookmarks(self) -> list[BookmarkMark]:
        """Control's bookmarks (none for any other viewer: bookmarks are Control's)."""
        if self._viewer != CONTROL:
            return []
        return [BookmarkMark(b.seq, b.round, b.label) for b in self.session.state.bookmarks]


# ---------------------------------------------------------------------- the viewer's state


def touched_records(env: Envelope) -> dict[str, set[str]]:
    """Ids of the records ``env`` creates or changes, by collection (from its kind's
    ``creates`` and ``refers``)."""
    event = env.event
    touched: dict[str, set[str]] = {name: set() for name in ID_LETTERS}
    if event.creates is not None:
        touched[event.creates].add(f"{ID_LETTERS[event.creates]}{env.seq}")
    for collection, ids in event.referred().items():
        touched[collection] |= ids
    return touched


def advance_view(
    view: SessionState, state: SessionState, env: Envelope, viewer: Viewer, scenario: Scenario
) -> SessionState:
    """``view_state(state, viewer, scenario)``, given ``view`` as seen one (non-void) event earlier.

    Only the records ``env`` touched, and the indicator changes and injects it added,
    are passed through ``view_state``; the rest of ``view`` is carried over.
    """
    if viewer == CONTROL:
        return state
    touched = touched_records(env)
    seq = env.seq
    records = {
        name: {k: getattr(state, name)[k] for k in keys if k in getattr(state, name)}
        for name, keys in touched.items()
    }
    mini = SessionState(
        revealed=state.revealed,  # the room's rule (engine.domain.visibility.room_viewer)
        **records,  # type: ignore[arg-type]
        indicator_log=_tail(state.indicator_log, seq),
        injects=_tail(state.injects, seq),
    )
    seen = view_state(mini, viewer, scenario)
    out = reducer.copy_state(view)
    for name, ids in touched.items():
        target, shown = getattr(out, name), getattr(seen, name)
        for key in ids:
            if key in shown:
                target[key] = shown[key]
            else:
                target.pop(key, None)
    out.indicator_log.extend(seen.indicator_log)
    out.injects.extend(seen.injects)
    out.seq, out.round = state.seq, state.round
    out.round_open, out.phase = state.round_open, state.phase
    out.indicators = {
        key: value
        for key, value in state.indicators.items()
        if indicator_visible(room_viewer(viewer, state), key, scenario)
    }
    out.lobby_locked = state.lobby_locked if viewer == CONTROL else False
    out.voided = set(state.voided)
    out.void_targets = state.void_targets
    out.working_tablings = state.working_tablings
    return out


def _tail(items: Sequence[Made], seq: int) -> list[Made]:
    """The entries of ``items`` (in seq order) made by event ``seq``."""
    start = len(items)
    while start > 0 and items[start - 1].seq == seq:
        start -= 1
    return list(items[start:])
