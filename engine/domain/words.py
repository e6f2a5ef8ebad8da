"""Names for ids, from the scenario: what an event's ``reads`` puts in a sentence.

An unknown id reads as itself. ``state`` (optional) is any state that holds the records
the events being read refer to (the state at the event or later): a ruling names the
team of its move.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from engine.domain.events import CONTROL
from engine.domain.state import record_label
from engine.scenario.model import Effect, Inject, OutcomeRow, Scenario

if TYPE_CHECKING:
    from engine.domain.event_base import Reading
    from engine.domain.events import Event
    from engine.domain.state import SessionState


class Words:
    """Names for the ids of one scenario (and of one state's records)."""

    def __init__(
        self,
        scenario: Scenario,
        state: SessionState | None = None,
        lookup: Callable[[int], Event | None] | None = None,
        viewer: str = CONTROL,
    ) -> None:
        self.scenario = scenario
        self.state = state
        self.lookup = lookup  # the event at a seq, to name what an undo undid
        self.viewer = viewer  # who reads: what Control edited is its team's and Control's
        self.teams = {t.id: t.name for t in scenario.teams}
        self.issues = {i.id: i.name for i in scenario.issues}
        self.types = {m.id: m.name for m in scenario.move_types}

    def seen_by(self, viewer: str) -> Words:
        """These words for ``viewer`` (itself when it is already theirs)."""
        if viewer == self.viewer:
            return self
        other = copy.copy(self)
        other.viewer = viewer
        return other

    def team(self, team_id: str) -> str:
        return "Control" if team_id == CONTROL else self.teams.get(team_id, team_id)

    def parties(self, team_ids: tuple[str, ...]) -> str:
        """``USA``, ``USA and ROK``, ``China, Japan and Russia``: a side of a commitment."""
        names = [self.team(t) for t in team_ids]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    def verifier(self, verifier_id: str) -> str:
        """A team's or an observer's name."""
        found = self.scenario.observer(verifier_id)
        return found.name if found else self.team(verifier_id)

    def issue(self, issue_id: str) -> str:
        return self.issues.get(issue_id, issue_id)

    def move_type(self, type_id: str) -> str:
        return self.types.get(type_id, type_id)

    def round_title(self, number: int) -> str:
        rounds = self.scenario.rounds
        return rounds[number - 1].title if 0 < number <= len(rounds) else ""

    def inject(self, inject_id: str) -> Inject | None:
        return self.scenario.inject(inject_id)

    def record(self, record_id: str) -> str:
        """ "Move 3" for ``m17``, when ``state`` holds it; else the id itself."""
        state = self.state
        if state is None:
            return record_id
        for records in (
            state.moves, state.demands, state.commitments, state.agreements, state.submissions,
            state.messages,
        ):  # fmt: skip
            found = records.get(record_id)
            if found is not None:
                return record_label(record_id, found.number)
        return record_id

    def records(self, record_ids: Iterable[str]) -> str:
        return ", ".join(self.record(r) for r in record_ids)

    def entry(self, seq: int) -> str:
        """What the log entry ``seq`` said (for an undo or redo of it), when ``lookup`` can
        read it; else "entry #seq"."""
        event = self.lookup(seq) if self.lookup is not None else None
        return event.reads(seq, self).what if event is not None else f"entry #{seq}"

    def move_team(self, move_id: str) -> str | None:
        """The team of a move, when ``state`` holds it."""
        move = self.state.moves.get(move_id) if self.state is not None else None
        return move.team if move is not None else None

    def roll_number(self, move_id: str, seq: int | None) -> str:
        """ "Roll 2" for the second roll logged for a move (when ``state`` holds it)."""
        move = self.state.moves.get(move_id) if self.state is not None else None
        seqs = [r.seq for r in move.rolls] if move is not None else []
        return f"Roll {seqs.index(seq) + 1}" if seq in seqs else "Roll"

    def table_row(self, move_id: str, roll: int) -> OutcomeRow | None:
        """The row of the outcome table of the move's type that ``roll`` falls in."""
        move = self.state.moves.get(move_id) if self.state is not None else None
        move_type = self.scenario.move_type(move.move_type) if move is not None else None
        return move_type.table_row(roll) if move_type is not None else None

    def indicator(self, key: str) -> str:
        """``Trust (DPRK in USA)`` for ``trust.dprk.usa``; ``Tension`` for ``tension``."""
        ident, *parts = key.split(".")
        found = self.scenario.indicator(ident)
        if found is None:
            return key
        if not parts:
            return found.name
        return f"{found.name} ({' in '.join(p.upper() for p in parts)})"

    def effects(self, effects: Iterable[Effect]) -> str:
        return ", ".join(f"{self.indicator(e.key)} {e.delta:+g}" for e in effects)

    # ------------------------------------------------------------------ team devices

    def device(self, device_id: str) -> str:
        """ "Device v12 (Kim's phone)", when ``state`` holds it; else "Device v12"."""
        found = self.state.devices.get(device_id) if self.state is not None else None
        label = f" ({found.label})" if found is not None and found.label else ""
        return f"Device {device_id}{label}"

    def submission(self, submission_id: str) -> str:
        """ "Submission 2 (USA's move)", when ``state`` holds it; else the id."""
        found = self.state.submissions.get(submission_id) if self.state is not None else None
        if found is None:
            return submission_id
        return f"{self.record(submission_id)} ({self.team(found.team)}'s {found.what})"

    def told(self, event: Event, reading: Reading) -> Reading:
        """``reading`` with where the event came from: the submission it accepts ("Accepted
        from USA's device, edited: tone, text") and the Control device that took it. What
        Control edited is said to Control and the submission's team only, and which device
        took it to Control only (``viewer``)."""
        notes = []
        submission = getattr(event, "submission", None) if event.accepts else None
        if isinstance(submission, str):
            found = self.state.submissions.get(submission) if self.state is not None else None
            if found is None:
                notes.append("Accepted from a team's device")
            else:
                mine = self.viewer in (CONTROL, found.team)
                edited = f", edited: {', '.join(found.edited)}" if found.edited and mine else ""
                notes.append(f"Accepted from {self.team(found.team)}'s device{edited}")
        if event.by_device is not None and self.viewer == CONTROL:
            device = self.device(event.by_device)
            notes.append(f"Taken by Control's d{device[1:]}")
        if not notes:
            return reading
        return reading._replace(what=". ".join((reading.what, *notes)))
