"""What the fold of a log gives: the state of a session at one sequence number.

Records (``Move``, ``Demand``, ``Commitment``, ``Agreement``, ...) are frozen Structs; a
record changes by being replaced. ``SessionState`` is the container the reducer folds
into (see ``reducer.py``); readers treat it as read-only. ``Changes`` says what a command
touched, so that each screen refreshes only what it shows.
"""

from __future__ import annotations

from collections.abc import MutableMapping, MutableSequence, MutableSet
from typing import Any, Literal

import msgspec
from msgspec import field
from msgspec.structs import fields

from engine.domain.events import (
    EVENT_TYPES,
    AgreementShape,
    Condition,
    DemandStatus,
    DeviceRole,
    Envelope,
    Method,
    Outcome,
    SubmissionKind,
    VerificationResult,
    Visibility,
)
from engine.scenario.model import Effect

CommitmentStatus = Literal[
    "proposed", "agreed", "suspended", "fulfilled", "broken", "withdrawn", "refused"
]
OPEN_COMMITMENT = ("proposed", "agreed", "suspended")  # not settled, withdrawn or refused


def move_id(seq: int) -> str:
    """The id of the move recorded at ``seq``: ids carry the seq of the creating event."""
    return f"m{seq}"


def demand_id(seq: int) -> str:
    return f"d{seq}"


def commitment_id(seq: int) -> str:
    return f"c{seq}"


def agreement_id(seq: int) -> str:
    return f"a{seq}"


def code_id(seq: int) -> str:
    return f"j{seq}"


def device_id(seq: int) -> str:
    return f"v{seq}"


def submission_id(seq: int) -> str:
    return f"s{seq}"


def message_id(seq: int) -> str:
    return f"x{seq}"


# The letter of each collection's ids (a record's id is that letter and its seq).
ID_LETTERS = {
    "moves": "m", "demands": "d", "commitments": "c", "agreements": "a",
    "codes": "j", "devices": "v", "submissions": "s", "messages": "x",
}  # fmt: skip
KIND_NAMES = {
    "m": "Move", "d": "Demand", "c": "Commitment", "a": "Agreement", "s": "Submission",
    "x": "Message",
}  # fmt: skip


def record_label(record_id: str, number: int) -> str:
    """What a person says aloud: "Move 3", "Commitment 12"; the stable id (``m17``) stays
    underneath, in tooltips, exports and the save. A number of 0 (not known) reads as the id."""
    kind = KIND_NAMES.get(record_id[:1])
    return f"{kind} {number}" if kind and number else record_id


def seq_of_id(record_id: object) -> int | None:
    """The seq of the event that created a record, read from its id (``m17`` -> 17).

    Ids of records are a letter and that seq (``ID_LETTERS``, and see
    ``engine/domain/events.py``); None for anything else.
    """
    if not isinstance(record_id, str):
        return None
    digits = record_id[1:]
    return int(digits) if digits.isdigit() else None


class Roll(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """One roll logged for a ruling on a move (``DiceRolled`` at ``seq``)."""

    seq: int
    sides: int
    seed: int
    roll: int
    needed: int | None  # None: the move type's outcome table rules


class Move(msgspec.Struct, frozen=True, gc=False, array_like=True):
    id: str
    seq: int
    round: int
    team: str
    move_type: str
    tone: int
    text: str
    visibility: Visibility
    targets: tuple[str, ...]
    outcome: Outcome | None = None
    method: Method | None = None
    reason: str = ""
    effects: tuple[Effect, ...] = ()
    roll: int | None = None
    seed: int | None = None
    adjudicated_seq: int | None = None
    number: int = 0  # its running number among moves: "Move 3" (see ``record_label``)
    rolls: tuple[Roll, ...] = ()  # every roll for its ruling, re-rolls too, oldest first

    @property
    def public(self) -> bool:
        return self.visibility is None

    @property
    def parties(self) -> tuple[str, ...]:
        return (self.team,)


class Demand(msgspec.Struct, frozen=True, gc=False, array_like=True):
    id: str
    seq: int
    round: int
    round_kind: Literal["working", "summit"] | None  # None: tabled between rounds
    from_team: str
    to_team: str
    issue: str
    priority: int
    text: str
    visibility: Visibility
    status: DemandStatus = "open"
    reason: str = ""
    surprise: bool = False  # first tabled at a summit, never at an earlier working round
    number: int = 0  # "Demand 2"

    @property
    def parties(self) -> tuple[str, ...]:
        return (self.from_team, self.to_team)


class Verification(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """One check of a commitment: by whom, when, and what it found."""

    seq: int
    round: int
    verifier: str  # a team id or an observer id of the scenario
    result: VerificationResult
    reason: str = ""


class Commitment(msgspec.Struct, frozen=True, gc=False, array_like=True):
    id: str
    seq: int
    round: int
    givers: tuple[str, ...]
    receivers: tuple[str, ...]
    proposer: str  # a giver (an offer), or another team (an ask)
    issue: str
    text: str
    conditions: tuple[Condition, ...]
    due_round: int | None
    verification: bool  # verification asked for
    visibility: Visibility
    status: CommitmentStatus = "proposed"
    progress: int = 0  # percent carried out (0-100); fulfilled sets 100
    progress_note: str = ""
    verifications: tuple[Verification, ...] = ()  # every check, in order
    in_response_to: str | None = None  # suspended: the breach it answers, if any
    agreement: str | None = None  # the agreement that signed it, if any
    status_round: int | None = None  # the round of the last status change
    status_seq: int | None = None
    reason: str = ""
    number: int = 0  # "Commitment 4"

    @property
    def open(self) -> bool:
        return self.status in OPEN_COMMITMENT

    @property
    def ask(self) -> bool:
        """Proposed by a team that is not one of its givers."""
        return self.proposer not in self.givers

    @property
    def parties(self) -> tuple[str, ...]:
        """Givers, receivers and the proposer, each once."""
        return tuple(dict.fromkeys((*self.givers, *self.receivers, self.proposer)))

    @property
    def verified(self) -> VerificationResult | None:
        """The latest verification's result; None: never verified."""
        return self.verifications[-1].result if self.verifications else None

    def condition_refs(self, kind: str) -> tuple[str, ...]:
        return tuple(c.ref for c in self.conditions if c.kind == kind)


class Agreement(msgspec.Struct, frozen=True, gc=False, array_like=True):
    id: str
    seq: int
    round: int
    title: str
    commitments: tuple[str, ...]
    teams: tuple[str, ...]  # its parties and signatories, in scenario order
    visibility: Visibility
    signatories: tuple[str, ...] = ()  # who signed; () in old logs: its parties
    shape: AgreementShape | None = None
    follows: str | None = None  # a step of a sequence: the agreement before it
    number: int = 0  # "Agreement 1"

    @property
    def parties(self) -> tuple[str, ...]:
        return self.teams


class IndicatorChange(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """One change to an indicator value; ``clamped`` when a bound stopped it."""

    seq: int
    round: int
    key: str
    before: float
    requested: float  # the delta asked for
    after: float
    source: str  # "move m3", "inject leak", "control", "commitment c7 broken", ...
    clamped: bool = False


class FiredInject(msgspec.Struct, frozen=True, gc=False, array_like=True):
    inject: str
    seq: int
    round: int
    visibility: Visibility


class Note(msgspec.Struct, frozen=True, gc=False, array_like=True):
    seq: int
    round: int
    text: str


class Bookmark(msgspec.Struct, frozen=True, gc=False, array_like=True):
    seq: int
    round: int
    label: str


class JoinCode(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """A join code (``JoinCodeIssued``): its salted hash, never its text."""

    id: str
    seq: int
    role: DeviceRole
    team: str | None
    digest: str
    revoked_seq: int | None = None  # the JoinCodeRevoked, if any

    @property
    def active(self) -> bool:
        return self.revoked_seq is None


class Device(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """A device that joined (``DeviceJoined``): its token's SHA-256, never the token."""

    id: str
    seq: int
    at: float  # when it joined (wall time)
    code: str
    role: DeviceRole
    team: str | None
    digest: str
    label: str = ""
    revoked_seq: int | None = None  # the DeviceRevoked, if any

    @property
    def active(self) -> bool:
        return self.revoked_seq is None


SubmissionStatus = Literal["pending", "held", "accepted", "rejected"]


class Submission(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """Something a team's device sent for Control's inbox (``SubmissionReceived``).

    ``record``: what accepting it made (a move, demand or commitment id, the commitment
    an answer answered, or a message id); ``edited``: the payload keys Control changed
    when accepting it (``()``: accepted as sent)."""

    id: str
    seq: int
    round: int
    at: float  # when it arrived (wall time)
    device: str
    team: str
    what: SubmissionKind
    payload: dict[str, Any]
    status: SubmissionStatus = "pending"
    note: str = ""  # Control's note when holding it (its team sees it)
    reason: str = ""  # why it was rejected (the team sees it)
    record: str | None = None
    edited: tuple[str, ...] = ()
    status_seq: int | None = None  # the event of the last change of status
    number: int = 0  # "Submission 2"

    @property
    def open(self) -> bool:
        """Waiting for Control: pending or held."""
        return self.status in ("pending", "held")


class Message(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """A message (``MessageSent``): seen by its sender, its recipients and Control."""

    id: str
    seq: int
    round: int
    at: float
    sender: str  # a team id or CONTROL
    to: tuple[str, ...]
    text: str
    submission: str | None = None  # the submission it was accepted from, if any
    number: int = 0  # "Message 4"

    @property
    def visibility(self) -> Visibility:
        return self.to

    @property
    def parties(self) -> tuple[str, ...]:
        return (self.sender,)


class SessionState(msgspec.Struct):
    """The state at ``seq``: the container the reducer folds events into."""

    seq: int = 0
    round: int = 0  # 0 before the first round starts
    round_open: bool = False  # a round has started and not ended
    phase: int = 0  # index into the current round's phases
    revealed: int = 0  # the seq of Control's EverythingRevealed (0: the room sees the public only)
    moves: MutableMapping[str, Move] = field(default_factory=dict)
    demands: MutableMapping[str, Demand] = field(default_factory=dict)
    commitments: MutableMapping[str, Commitment] = field(default_factory=dict)
    agreements: MutableMapping[str, Agreement] = field(default_factory=dict)
    indicators: dict[str, float] = field(default_factory=dict)
    indicator_log: MutableSequence[IndicatorChange] = field(default_factory=list)
    injects: MutableSequence[FiredInject] = field(default_factory=list)
    notes: MutableSequence[Note] = field(default_factory=list)
    bookmarks: MutableSequence[Bookmark] = field(default_factory=list)
    codes: MutableMapping[str, JoinCode] = field(default_factory=dict)
    devices: MutableMapping[str, Device] = field(default_factory=dict)
    submissions: MutableMapping[str, Submission] = field(default_factory=dict)
    messages: MutableMapping[str, Message] = field(default_factory=dict)
    lobby_locked: bool = False
    voided: MutableSet[int] = field(default_factory=set)  # seqs of events voided as of ``seq``
    # Bookkeeping of the fold (not for display):
    # every void's seq -> its target, in seq order
    void_targets: MutableMapping[int, int] = field(default_factory=dict)
    working_tablings: MutableSet[str] = field(
        default_factory=set
    )  # "from.to.issue" tabled at working


class Changes(msgspec.Struct, frozen=True):
    """What one command touched; the app refreshes only the panels these flags name.

    ``envelopes`` are the events the command wrote, so that whoever shows them need not
    read them back from the save. Every ``bool`` field is a flag (``FLAGS``); an event
    kind names the flags it sets (``flags`` on its class, checked below)."""

    log: bool = True
    round: bool = False
    moves: bool = False
    demands: bool = False
    commitments: bool = False
    agreements: bool = False
    indicators: bool = False
    injects: bool = False
    notes: bool = False
    devices: bool = False
    submissions: bool = False
    messages: bool = False
    seq: int = 0  # the last sequence number written
    message: str = ""  # a short description, for the status bar and Undo's label
    envelopes: tuple[Envelope, ...] = ()  # what it wrote, in order

    def __or__(self, other: Changes) -> Changes:
        merged = {name: getattr(self, name) or getattr(other, name) for name in FLAGS}
        return Changes(
            **merged,
            seq=max(self.seq, other.seq),
            message=other.message or self.message,
            envelopes=self.envelopes + other.envelopes,
        )


FLAGS: tuple[str, ...] = tuple(f.name for f in fields(Changes) if f.type is bool)


def _check_flags() -> None:
    """Every event kind sets only flags that ``Changes`` has (at import: a typo fails)."""
    for kind in EVENT_TYPES:
        unknown = set(kind.flags) - set(FLAGS)
        if unknown:
            raise TypeError(f"{kind.__name__}.flags names no Changes flag: {sorted(unknown)}")


_check_flags()
