"""Each log entry in one line of plain words, for the event log: its kind's ``reads``.

The same words as the report's timeline (``engine/report/timeline.py``), on one line:
what happened, what was typed, the reason, and who may see it when it is private.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.domain.events import CONTROL, Envelope, Event
from engine.domain.state import SessionState
from engine.domain.words import Words
from engine.scenario.model import Scenario

_NOTHING = SessionState()


def describe(
    envelope: Envelope,
    scenario: Scenario,
    state: SessionState | None = None,
    viewer: str = CONTROL,
    lookup: Callable[[int], Event | None] | None = None,
) -> str:
    """``United States: Statement (m17): We remain open to talks`` and the like.

    ``state`` holds the records the entry refers to (the state at it or later): without
    it a ruling does not name its move's team, nor an entry about a record its privacy.
    ``viewer`` other than Control is not told a reason its kind keeps from it.
    ``lookup`` reads an earlier entry, so that an undo names what it undid.
    """
    event, seq = envelope.event, envelope.seq
    known = _NOTHING if state is None else state
    reading = event.reads(seq, Words(scenario, known, lookup))
    audience = event.audience(seq, known, scenario)
    text = " ".join(reading.text.split())  # one line, whatever was typed
    line = reading.what + (f": {text}" if text else "")
    shown = not event.private_reason or viewer == CONTROL or viewer in audience.parties
    if reading.reason and shown:
        line += f": {reading.reason}"
    if audience.teams:
        line += f" [private: {', '.join(audience.teams)}]"
    return line
