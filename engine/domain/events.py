"""The events of a session log: everything that happens in an exercise, in past tense.

An event is a frozen msgspec Struct. The log stores, for each event, an envelope
(``seq``, wall time ``at``, ``round``, ``actor``) and the event itself as JSON, tagged
with its ``kind`` (the class name). State is a fold over the log (see ``reducer.py``).

Ids of the things events create are derived from the sequence number of the event that
created them (``m17`` is the move recorded at seq 17), so they are unique, stable under
replay and branching, and readable in a table. ``engine.domain.state`` builds them
(``move_id`` and so on) and reads them back (``seq_of_id``).

Conventions for payload fields:

* ``visibility`` is ``None`` for public, or the tuple of team ids that may see it (the
  actor's own team always sees its own events).
* ``Effect`` values (``engine.scenario.model.Effect``) name one indicator value key
  (``tension``, ``support.usa``, ``trust.dprk.usa``) and a signed change.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from engine.scenario.model import Effect

CONTROL = "control"

Outcome = Literal["success", "partial", "failure"]
Method = Literal["judgement", "dice", "table"]
DemandStatus = Literal["open", "met", "refused", "dropped"]
Visibility = tuple[str, ...] | None


class Event(
    msgspec.Struct,
    frozen=True,
    tag_field="kind",
    tag=True,
    forbid_unknown_fields=True,
    gc=False,
    omit_defaults=True,
):
    """Base of every event; the subclass name is its ``kind`` in the log."""


class SessionStarted(Event, frozen=True):
    scenario_id: str
    title: str


class RoundStarted(Event, frozen=True):
    round: int


class RoundEnded(Event, frozen=True):
    round: int


class PhaseChanged(Event, frozen=True):
    phase: int  # index into the round's phases
    name: str


class MoveRecorded(Event, frozen=True):
    team: str
    move_type: str
    tone: int  # -3 hostile .. +3 conciliatory
    text: str
    visibility: Visibility = None
    targets: tuple[str, ...] = ()


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


class DemandTabled(Event, frozen=True):
    from_team: str
    to_team: str
    issue: str
    priority: int  # 1 high .. 3 low
    text: str
    visibility: Visibility = None


class DemandStatusChanged(Event, frozen=True):
    demand: str
    status: DemandStatus
    reason: str = ""


class CommitmentProposed(Event, frozen=True):
    giver: str
    receiver: str
    issue: str
    text: str
    conditions: tuple[str, ...] = ()  # commitment ids this one waits on
    due_round: int | None = None
    verification: bool = False
    visibility: Visibility = None


class ConditionAdded(Event, frozen=True):
    """A proposed commitment comes to wait on another one too.

    Conditions are normally named when a commitment is proposed, and can only name
    commitments that already exist; this event lets two commitments wait on each other
    (a deadlocked pair, or a bundle of simultaneous actions).
    """

    commitment: str
    condition: str


class CommitmentAgreed(Event, frozen=True):
    commitment: str
    reason: str = ""


class CommitmentFulfilled(Event, frozen=True):
    commitment: str
    reason: str = ""


class CommitmentBroken(Event, frozen=True):
    commitment: str
    reason: str = ""


class CommitmentWithdrawn(Event, frozen=True):
    commitment: str
    reason: str = ""


class CommitmentVerified(Event, frozen=True):
    commitment: str
    verified: bool  # True: verification confirmed it; False: verification failed
    reason: str = ""


class AgreementSigned(Event, frozen=True):
    title: str
    commitments: tuple[str, ...]
    visibility: Visibility = None


class IndicatorAdjusted(Event, frozen=True):
    key: str  # an indicator value key
    delta: float
    reason: str


class InjectFired(Event, frozen=True):
    inject: str


class NoteAdded(Event, frozen=True):
    text: str  # notes are Control's own: never public


class BookmarkSet(Event, frozen=True):
    label: str


class EventVoided(Event, frozen=True):
    """Undo voids an event; redo voids that void. The audit trail keeps both."""

    target: int  # the seq of the voided event
    reason: str = ""


EVENT_TYPES: tuple[type[Event], ...] = (
    SessionStarted,
    RoundStarted,
    RoundEnded,
    PhaseChanged,
    MoveRecorded,
    MoveAdjudicated,
    DemandTabled,
    DemandStatusChanged,
    CommitmentProposed,
    ConditionAdded,
    CommitmentAgreed,
    CommitmentFulfilled,
    CommitmentBroken,
    CommitmentWithdrawn,
    CommitmentVerified,
    AgreementSigned,
    IndicatorAdjusted,
    InjectFired,
    NoteAdded,
    BookmarkSet,
    EventVoided,
)
KINDS = {t.__name__: t for t in EVENT_TYPES}
AnyEvent = (
    SessionStarted | RoundStarted | RoundEnded | PhaseChanged | MoveRecorded | MoveAdjudicated
    | DemandTabled | DemandStatusChanged | CommitmentProposed | ConditionAdded | CommitmentAgreed
    | CommitmentFulfilled | CommitmentBroken | CommitmentWithdrawn | CommitmentVerified
    | AgreementSigned | IndicatorAdjusted | InjectFired | NoteAdded | BookmarkSet | EventVoided
)  # fmt: skip

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(AnyEvent)


def encode(event: Event) -> bytes:
    """The event as JSON, with its ``kind``."""
    return _encoder.encode(event)


def decode(data: bytes | str) -> Event:
    """An event from its JSON (raises ``msgspec.ValidationError`` on a bad payload)."""
    return _decoder.decode(data)


class Envelope(msgspec.Struct, frozen=True, gc=False):
    """One entry of the log: the event and where it sits."""

    seq: int
    at: float  # wall time, seconds since the epoch (UTC)
    round: int  # 0 before the first round starts
    actor: str  # a team id, or CONTROL
    event: Event

    @property
    def kind(self) -> str:
        return type(self.event).__name__
