"""The events of a session log: everything that happens in an exercise, in past tense.

An event is a frozen msgspec Struct. The log stores, for each event, an envelope
(``seq``, wall time ``at``, ``round``, ``actor``) and the event itself as JSON, tagged
with its ``kind`` (the class name). State is a fold over the log (see ``reducer.py``).

**A kind is one class here (those of commitments and agreements in
``commitment_events.py``, those of team devices in ``device_events.py``, the base they
share in ``event_base.py``) and one handler in ``reducer.py``.** The class says
everything else about it, and nothing else lists the kinds:

* its payload: the fields (``docs/save-format.md``'s table is rendered from them);
* ``flags``: the ``Changes`` flags it sets (the panels it touches);
* ``creates`` / ``refers``: the record it creates (named after its seq) and the fields
  naming the records it changes, which is how the replay and the panels find what moved;
* ``as_command``: how Undo and Redo name it ("record move m17 (usa)");
* ``reads``: how it reads in the log and the report, in plain words;
* ``audience``: who may see it (``engine.domain.visibility`` applies it);
* ``version``: its payload's version; an older payload is upcast when read (below).

``AnyEvent`` is the one union of the kinds; ``EVENT_TYPES`` and ``KINDS`` are derived
from it, and every ``match`` over an event ends in ``assert_never`` so that mypy names a
forgotten kind.

Ids of the things events create are derived from the sequence number of the event that
created them (``m17`` is the move recorded at seq 17), so they are unique, stable under
replay and branching, and readable in a table. ``engine.domain.state`` builds them
(``move_id`` and so on) and reads them back (``seq_of_id``).

Conventions for payload fields:

* ``visibility`` is ``None`` for public, or the tuple of team ids that may see it (the
  actor's own team always sees its own events).
* ``Effect`` values (``engine.scenario.model.Effect``) name one indicator value key
  (``tension``, ``support.usa``, ``trust.dprk.usa``) and a signed change.

Versions: a kind's ``version`` goes up when its payload changes, and an upcaster in
``engine/domain/versions.py`` reads the older payloads (``decode``, ``from_payload``).
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING

import msgspec

from engine.domain.commitment_events import SHAPE_WORDS as SHAPE_WORDS
from engine.domain.commitment_events import (
    AgreementSigned,
    CommitmentAgreed,
    CommitmentBroken,
    CommitmentFulfilled,
    CommitmentProgressed,
    CommitmentProposed,
    CommitmentRefused,
    CommitmentResumed,
    CommitmentSuspended,
    CommitmentVerified,
    CommitmentWithdrawn,
    ConditionAdded,
    ConditionDropped,
)
from engine.domain.commitment_events import Condition as Condition
from engine.domain.commitment_events import condition_words as condition_words
from engine.domain.device_events import DEVICE_ROLES as DEVICE_ROLES
from engine.domain.device_events import SUBMISSION_KINDS as SUBMISSION_KINDS
from engine.domain.device_events import (
    DeviceJoined,
    DeviceRevoked,
    JoinCodeIssued,
    JoinCodeRevoked,
    LobbyLocked,
    MessageSent,
    SubmissionHeld,
    SubmissionReceived,
    SubmissionRejected,
)
from engine.domain.device_events import DeviceRole as DeviceRole
from engine.domain.device_events import SubmissionKind as SubmissionKind
from engine.domain.event_base import CONTROL as CONTROL
from engine.domain.event_base import CONTROL_ONLY as CONTROL_ONLY
from engine.domain.event_base import EVERYONE as EVERYONE
from engine.domain.event_base import AgreementShape as AgreementShape
from engine.domain.event_base import Audience as Audience
from engine.domain.event_base import Collection as Collection
from engine.domain.event_base import ConditionKind as ConditionKind
from engine.domain.event_base import DemandStatus as DemandStatus
from engine.domain.event_base import Event as Event
from engine.domain.event_base import Method as Method
from engine.domain.event_base import Outcome as Outcome
from engine.domain.event_base import Reading as Reading
from engine.domain.event_base import VerificationResult as VerificationResult
from engine.domain.event_base import Visibility as Visibility
from engine.domain.event_base import _Controls as _Controls
from engine.domain.event_base import _Public as _Public
from engine.domain.event_base import seen_as as seen_as
from engine.domain.reveal_events import EverythingRevealed
from engine.scenario.model import Effect

if TYPE_CHECKING:
    from engine.domain.state import SessionState
    from engine.domain.words import Words
    from engine.scenario.model import Scenario


# ---------------------------------------------------------------------- rounds


class SessionStarted(_Public, frozen=True):
    scenario_id: str
    title: str

    flags = ("round", "indicators")
    undoable = False  # a session is never un-started
    subject = "round"

    def as_command(self, seq: int) -> str:
        return f"start session ({self.scenario_id})"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"Session started: {self.title}")


class RoundStarted(_Public, frozen=True):
    round: int

    flags = ("round",)
    subject = "round"

    def as_command(self, seq: int) -> str:
        return f"start round {self.round}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"Round {self.round} started: {words.round_title(self.round)}")


class RoundEnded(_Public, frozen=True):
    round: int

    flags = ("round",)
    subject = "round"

    def as_command(self, seq: int) -> str:
        return f"end round {self.round}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"Round {self.round} ended")


class PhaseChanged(_Public, frozen=True):
    phase: int  # index into the round's phases
    name: str

    flags = ("round",)
    subject = "phase"

    def as_command(self, seq: int) -> str:
        return f"change phase to {self.name}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"Phase: {self.name}")


# ---------------------------------------------------------------------- moves


class MoveRecorded(Event, frozen=True):
    team: str
    move_type: str
    tone: int  # -3 hostile .. +3 conciliatory
    text: str
    visibility: Visibility = None
    targets: tuple[str, ...] = ()
    submission: str | None = None  # accepted from a device's submission (issue 15)

    flags = ("moves",)
    accepts = True
    subject = "move"
    creates = "moves"
    refers = (("submissions", "submission"),)

    def as_command(self, seq: int) -> str:
        return f"record move m{seq} ({self.team})"

    def reads(self, seq: int, words: Words) -> Reading:
        move = words.record(f"m{seq}")
        what = f"{words.team(self.team)}: {words.move_type(self.move_type)} ({move})"
        if self.targets:
            what += f" toward {', '.join(words.team(t) for t in self.targets)}"
        return Reading(what, text=self.text, tone=self.tone)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return Audience(self.visibility, (self.team,))


class MoveAdjudicated(Event, frozen=True):
    move: str  # a move id
    outcome: Outcome
    method: Method
    reason: str
    effects: tuple[Effect, ...] = ()  # exactly what applies, decided when the ruling is made
    seed: int | None = None  # dice: the seed and the roll, so a ruling can be repeated
    roll: int | None = None
    sides: int | None = None
    needed: int | None = None
    rolled: int | None = None  # the seq of the DiceRolled it used (of a move's re-rolls)

    flags = ("moves", "indicators")
    subject = "ruling"
    refers = (("moves", "move"),)
    private_reason = True  # a team is told why only for its own moves

    def as_command(self, seq: int) -> str:
        return f"rule on move {self.move} ({self.outcome})"

    def reads(self, seq: int, words: Words) -> Reading:
        team = words.move_team(self.move)
        what = f"Ruling on {words.record(self.move)}" + (f" ({words.team(team)})" if team else "")
        what += f": {self.outcome} by {self.method}"
        reason = self.reason
        if self.roll is not None:
            used = f"{words.roll_number(self.move, self.rolled)}: " if self.rolled else ""
            needed = f", needed {self.needed}" if self.needed is not None else ""
            what += f" ({used}rolled {self.roll} on a d{self.sides}{needed})"
            reason = "" if reason.startswith("rolled") else reason
        effects = words.effects(self.effects)
        return Reading(what + (f"; {effects}" if effects else ""), reason=reason)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return seen_as(state.moves.get(self.move))


class DiceRolled(_Controls, frozen=True):
    """Control rolls for a ruling on a move. Every roll is logged, a re-roll too, and the
    ruling names the one it used (``MoveAdjudicated.rolled``)."""

    move: str
    sides: int
    seed: int  # random.Random(seed) gives the roll (engine.domain.dice): repeatable
    roll: int
    needed: int | None = None  # to succeed; None when the move type's outcome table rules

    flags = ("moves",)
    subject = "ruling"
    refers = (("moves", "move"),)

    def as_command(self, seq: int) -> str:
        return f"roll a d{self.sides} for move {self.move}"

    def reads(self, seq: int, words: Words) -> Reading:
        what = f"{words.roll_number(self.move, seq)} for {words.record(self.move)}: "
        what += f"{self.roll} on a d{self.sides}"
        if self.needed is not None:
            what += f" ({'reaches' if self.roll >= self.needed else 'misses'} {self.needed})"
            return Reading(what)
        row = words.table_row(self.move, self.roll)
        if row is None:
            return Reading(what)
        return Reading(f"{what} ({row.outcome} by the outcome table)", text=row.text)


# ---------------------------------------------------------------------- demands


class DemandTabled(Event, frozen=True):
    from_team: str
    to_team: str
    issue: str
    priority: int  # 1 high .. 3 low
    text: str
    visibility: Visibility = None
    submission: str | None = None  # accepted from a device's submission (issue 15)

    flags = ("demands",)
    accepts = True
    subject = "demand"
    creates = "demands"
    refers = (("submissions", "submission"),)

    def as_command(self, seq: int) -> str:
        return f"table demand d{seq} ({self.from_team} to {self.to_team})"

    def reads(self, seq: int, words: Words) -> Reading:
        what = (
            f"{words.team(self.from_team)} asks {words.team(self.to_team)} for "
            f"{words.issue(self.issue)} ({words.record(f'd{seq}')}, priority {self.priority})"
        )
        return Reading(what, text=self.text)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return Audience(self.visibility, (self.from_team, self.to_team))


class DemandStatusChanged(Event, frozen=True):
    demand: str
    status: DemandStatus
    reason: str = ""

    flags = ("demands",)
    subject = "demand"
    refers = (("demands", "demand"),)

    def as_command(self, seq: int) -> str:
        return f"mark demand {self.demand} {self.status}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"{words.record(self.demand)} {self.status}", reason=self.reason)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return seen_as(state.demands.get(self.demand))


# ---------------------------------------------------------------------- Control


class IndicatorAdjusted(_Controls, frozen=True):
    key: str  # an indicator value key
    delta: float
    reason: str

    flags = ("indicators",)
    subject = "indicator"

    def as_command(self, seq: int) -> str:
        return f"adjust {self.key} by {self.delta:+g}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(
            f"{words.indicator(self.key)} adjusted by {self.delta:+g}", reason=self.reason
        )


class InjectFired(Event, frozen=True):
    inject: str

    flags = ("injects", "indicators")
    subject = "inject"

    def as_command(self, seq: int) -> str:
        return f"fire inject {self.inject}"

    def reads(self, seq: int, words: Words) -> Reading:
        inject = words.inject(self.inject)
        if inject is None:
            return Reading(f"Inject {self.inject}")
        effects = words.effects(inject.effects)
        return Reading(
            f"Inject: {inject.title}" + (f" ({effects})" if effects else ""), inject.text
        )

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        inject = scenario.inject(self.inject)
        return CONTROL_ONLY if inject is None else Audience(inject.visibility)


class NoteAdded(_Controls, frozen=True):
    text: str  # notes are Control's own: never public

    flags = ("notes",)
    subject = "note"

    def as_command(self, seq: int) -> str:
        return "add note"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading("Note", text=self.text)


class BookmarkSet(_Controls, frozen=True):
    label: str

    flags = ("notes",)
    subject = "bookmark"

    def as_command(self, seq: int) -> str:
        return f"set bookmark {self.label!r}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading("Bookmark", text=self.label)


class EventVoided(_Controls, frozen=True):
    """Undo voids an event; redo voids that void. The audit trail keeps both."""

    target: int  # the seq of the voided event
    reason: str = ""

    flags = ()  # the panels of the voided event: see engine.domain.history
    subject = "undo"
    undoable = False  # Redo takes an undo back, not Undo

    def as_command(self, seq: int) -> str:
        return f"void event {self.target}"

    def reads(self, seq: int, words: Words) -> Reading:
        verb = "Redid" if self.reason == "redo" else "Undid"
        return Reading(f"{verb}: {words.entry(self.target)}")


# ---------------------------------------------------------------------- every kind

AnyEvent = (
    SessionStarted | RoundStarted | RoundEnded | PhaseChanged | MoveRecorded | MoveAdjudicated
    | DiceRolled
    | DemandTabled | DemandStatusChanged | CommitmentProposed | ConditionAdded | ConditionDropped
    | CommitmentAgreed | CommitmentRefused | CommitmentProgressed | CommitmentFulfilled
    | CommitmentSuspended | CommitmentResumed | CommitmentBroken | CommitmentWithdrawn
    | CommitmentVerified
    | AgreementSigned | IndicatorAdjusted | InjectFired | NoteAdded | BookmarkSet | EventVoided
    | EverythingRevealed
    | JoinCodeIssued | JoinCodeRevoked | DeviceJoined | DeviceRevoked | LobbyLocked
    | SubmissionReceived | SubmissionHeld | SubmissionRejected | MessageSent
)  # fmt: skip
EVENT_TYPES: tuple[type[AnyEvent], ...] = typing.get_args(AnyEvent)
KINDS: dict[str, type[AnyEvent]] = {t.__name__: t for t in EVENT_TYPES}
# The kinds Undo passes over (see ``Event.undoable``), by name as the log stores them.
NOT_UNDOABLE = frozenset(name for name, kind in KINDS.items() if not kind.undoable)


_encoder = msgspec.json.Encoder()


def encode(event: AnyEvent) -> bytes:
    """The event as JSON, with its ``kind`` (and ``"v"``, past version 1: see
    ``engine/domain/versions.py``, which decodes)."""
    data = _encoder.encode(event)
    version = event.version
    return data if version == 1 else b'{"v":%d,' % version + data[1:]


class Envelope(msgspec.Struct, frozen=True, gc=False):
    """One entry of the log: the event and where it sits."""

    seq: int
    at: float  # wall time, seconds since the epoch (UTC)
    round: int  # 0 before the first round starts
    actor: str  # a team id, or CONTROL
    event: AnyEvent

    @property
    def kind(self) -> str:
        return type(self.event).__name__

    @property
    def by_device(self) -> str | None:
        """The Control device that took it (None: the facilitator's window)."""
        return self.event.by_device
