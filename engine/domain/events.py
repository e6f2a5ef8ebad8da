"""The events of a session log: everything that happens in an exercise, in past tense.

An event is a frozen msgspec Struct. The log stores, for each event, an envelope
(``seq``, wall time ``at``, ``round``, ``actor``) and the event itself as JSON, tagged
with its ``kind`` (the class name). State is a fold over the log (see ``reducer.py``).

**A kind is one class here and one handler in ``reducer.py``.** The class says
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
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple, Protocol

import msgspec

from engine.scenario.model import Effect

if TYPE_CHECKING:
    from engine.domain.state import SessionState
    from engine.domain.words import Words
    from engine.scenario.model import Scenario

CONTROL = "control"

Outcome = Literal["success", "partial", "failure"]
Method = Literal["judgement", "dice", "table"]
DemandStatus = Literal["open", "met", "refused", "dropped"]
Visibility = tuple[str, ...] | None
Collection = Literal["moves", "demands", "commitments", "agreements"]
ConditionKind = Literal["commitment", "demand", "verification"]
VerificationResult = Literal["confirmed", "failed", "inconclusive"]
AgreementShape = Literal["big_deal", "step", "joint_statement"]


class Audience(NamedTuple):
    """Who may see a log entry: ``visibility`` None for everyone, else the teams it names;
    the ``parties`` (a move's team, a demand's two teams, ...) see it too. Control sees
    everything."""

    visibility: Visibility
    parties: tuple[str, ...] = ()

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams that may see a private entry (none for a public one)."""
        if self.visibility is None:
            return ()
        return tuple(dict.fromkeys((*self.parties, *self.visibility)))

    @property
    def label(self) -> Literal["public", "private", "control"]:
        if self.visibility is None:
            return "public"
        return "private" if self.teams else "control"


EVERYONE = Audience(None)
CONTROL_ONLY = Audience(())


class Reading(NamedTuple):
    """An event in plain words: ``what`` happened (a sentence of ids and names), the
    ``text`` a person typed (a move's words, a note), a stated ``reason``."""

    what: str
    text: str = ""
    reason: str = ""
    tone: int | None = None


class _Shown(Protocol):
    """A record that says who may see it (``Move``, ``Demand``, ``Commitment``, ...)."""

    @property
    def visibility(self) -> Visibility: ...

    @property
    def parties(self) -> tuple[str, ...]: ...


def seen_as(record: _Shown | None) -> Audience:
    """The audience of an entry about ``record``: the record's own (Control's if missing)."""
    return CONTROL_ONLY if record is None else Audience(record.visibility, record.parties)


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

    version: ClassVar[int] = 1
    flags: ClassVar[tuple[str, ...]]  # the Changes flags it sets (checked in state.py)
    subject: ClassVar[str]  # what the report's timeline files it under: move, ruling, ...
    creates: ClassVar[Collection | None] = None  # the record named after its seq, if any
    refers: ClassVar[tuple[tuple[Collection, str], ...]] = ()  # (collection, id field)
    private_reason: ClassVar[bool] = False  # its reason is for Control and its parties

    def as_command(self, seq: int) -> str:
        """The imperative Undo and Redo use: "record move m17 (usa)"."""
        raise NotImplementedError(type(self).__name__)

    def reads(self, seq: int, words: Words) -> Reading:
        """The event in plain words, for the event log and the report's timeline."""
        raise NotImplementedError(type(self).__name__)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        """Who may see it; ``state`` holds the records it refers to (it or a later one)."""
        raise NotImplementedError(type(self).__name__)

    def referred(self) -> dict[Collection, set[str]]:
        """Ids of the existing records it changes, by collection (from ``refers``)."""
        out: dict[Collection, set[str]] = {}
        for collection, name in self.refers:
            value = getattr(self, name)
            ids = out.setdefault(collection, set())
            ids.update(value) if isinstance(value, tuple) else ids.add(value)
        return out


class _Public(Event, frozen=True):
    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return EVERYONE


class _Controls(Event, frozen=True):
    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return CONTROL_ONLY


# ---------------------------------------------------------------------- rounds


class SessionStarted(_Public, frozen=True):
    scenario_id: str
    title: str

    flags = ("round", "indicators")
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

    flags = ("moves",)
    subject = "move"
    creates = "moves"

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

    flags = ("demands",)
    subject = "demand"
    creates = "demands"

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


# ---------------------------------------------------------------------- commitments


class Condition(msgspec.Struct, frozen=True, gc=False):
    """What a commitment waits on: a commitment fulfilled, a demand met, or a commitment's
    latest verification confirmed (``ref`` is the commitment or demand id)."""

    kind: ConditionKind
    ref: str

    def __str__(self) -> str:
        return self.ref if self.kind == "commitment" else f"{self.kind} {self.ref}"


def condition_words(condition: Condition, record: Callable[[str], str] = str) -> str:
    """``c5 fulfilled``, ``demand d3 met``, ``verification of c7 confirmed``; ``record``
    names the record referred to (``Words.record``: "Commitment 5")."""
    ref = record(condition.ref)
    if condition.kind == "demand":
        return f"demand {ref} met" if ref == condition.ref else f"{ref} met"
    if condition.kind == "verification":
        return f"verification of {ref} confirmed"
    return f"{ref} fulfilled"


def _joined(teams: tuple[str, ...]) -> str:
    return "+".join(teams) or "?"


class CommitmentProposed(Event, frozen=True):
    """Givers promise receivers; ``proposer`` None: the first giver offers it, otherwise
    a team asks the givers for it (an ask, which the givers agree to or refuse).

    Version 2 (issue 16): ``givers`` and ``receivers`` (tuples) for version 1's ``giver``
    and ``receiver``, conditions typed, ``proposer``."""

    givers: tuple[str, ...]
    receivers: tuple[str, ...]
    issue: str
    text: str
    conditions: tuple[Condition, ...] = ()
    due_round: int | None = None
    verification: bool = False
    visibility: Visibility = None
    proposer: str | None = None

    version = 2
    flags = ("commitments",)
    subject = "commitment"
    creates = "commitments"

    def as_command(self, seq: int) -> str:
        ask = f", asked by {self.proposer}" if self.proposer else ""
        return (
            f"propose commitment c{seq} ({_joined(self.givers)} to {_joined(self.receivers)}{ask})"
        )

    def reads(self, seq: int, words: Words) -> Reading:
        verb = "promise" if len(self.givers) > 1 else "promises"
        what = (
            f"{words.parties(self.givers)} {verb} {words.parties(self.receivers)}: "
            f"{words.issue(self.issue)} ({words.record(f'c{seq}')})"
        )
        if self.proposer:
            what = f"{words.team(self.proposer)} asks: {what}"
        if self.conditions:
            what += f", if {', '.join(condition_words(c, words.record) for c in self.conditions)}"
        if self.due_round is not None:
            what += f", due by round {self.due_round}"
        return Reading(what, text=self.text)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        proposer = (self.proposer,) if self.proposer else ()
        return Audience(self.visibility, (*self.givers, *self.receivers, *proposer))


class _AboutCommitment(Event, frozen=True):
    """An event about one existing commitment: seen by whoever may see the commitment."""

    subject = "commitment"
    refers = (("commitments", "commitment"),)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        commitment: str = getattr(self, "commitment")  # noqa: B009 (every subclass has one)
        return seen_as(state.commitments.get(commitment))


class ConditionAdded(_AboutCommitment, frozen=True):
    """A commitment comes to wait on something more, before or after agreement (then it
    is renegotiation, with a reason). Version 2 (issue 16): the condition is typed (a
    version 1 condition is a commitment id) and a reason is kept."""

    commitment: str
    condition: Condition
    reason: str = ""

    version = 2
    flags = ("commitments",)

    def as_command(self, seq: int) -> str:
        return f"make {self.commitment} conditional on {self.condition}"

    def reads(self, seq: int, words: Words) -> Reading:
        what = (
            f"{words.record(self.commitment)} now waits on "
            f"{condition_words(self.condition, words.record)}"
        )
        return Reading(what, reason=self.reason)


class ConditionDropped(_AboutCommitment, frozen=True):
    """A commitment no longer waits on one of its conditions (renegotiation)."""

    commitment: str
    condition: Condition
    reason: str = ""

    flags = ("commitments",)

    def as_command(self, seq: int) -> str:
        return f"drop condition {self.condition} of {self.commitment}"

    def reads(self, seq: int, words: Words) -> Reading:
        what = (
            f"{words.record(self.commitment)} no longer waits on "
            f"{condition_words(self.condition, words.record)}"
        )
        return Reading(what, reason=self.reason)


class _CommitmentOutcome(_AboutCommitment, frozen=True):
    """A commitment's status changes (``verb`` says how)."""

    commitment: str
    reason: str = ""

    verb: ClassVar[tuple[str, str]]  # the imperative and the past: ("agree", "agreed")

    def as_command(self, seq: int) -> str:
        return f"{self.verb[0]} commitment {self.commitment}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"{words.record(self.commitment)} {self.verb[1]}", reason=self.reason)


class CommitmentAgreed(_CommitmentOutcome, frozen=True):
    flags = ("commitments",)
    verb = ("agree", "agreed")


class CommitmentRefused(_CommitmentOutcome, frozen=True):
    """The other side turns a proposal down (the givers, for an ask)."""

    flags = ("commitments",)
    verb = ("refuse", "refused")


class CommitmentProgressed(_AboutCommitment, frozen=True):
    """Part of an agreed commitment is carried out: ``percent`` done so far (0-100)."""

    commitment: str
    percent: int
    note: str = ""

    flags = ("commitments",)

    def as_command(self, seq: int) -> str:
        return f"record progress of {self.commitment} ({self.percent} %)"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(
            f"{words.record(self.commitment)} {self.percent} % carried out", reason=self.note
        )


class CommitmentFulfilled(_CommitmentOutcome, frozen=True):
    flags = ("commitments", "indicators")  # trust moves
    verb = ("fulfil", "fulfilled")


class CommitmentSuspended(_AboutCommitment, frozen=True):
    """Performance paused; ``in_response_to`` names another party's broken commitment
    when the pause answers that breach (lawful non-performance)."""

    commitment: str
    reason: str = ""
    in_response_to: str | None = None

    flags = ("commitments",)

    def as_command(self, seq: int) -> str:
        answer = f" in response to {self.in_response_to}" if self.in_response_to else ""
        return f"suspend commitment {self.commitment}{answer}"

    def reads(self, seq: int, words: Words) -> Reading:
        what = f"{words.record(self.commitment)} suspended"
        if self.in_response_to:
            what += f" in response to the breach of {words.record(self.in_response_to)}"
        return Reading(what, reason=self.reason)


class CommitmentResumed(_CommitmentOutcome, frozen=True):
    flags = ("commitments",)
    verb = ("resume", "resumed")


class CommitmentBroken(_CommitmentOutcome, frozen=True):
    flags = ("commitments", "indicators")  # trust moves
    verb = ("break", "broken")


class CommitmentWithdrawn(_CommitmentOutcome, frozen=True):
    flags = ("commitments",)
    verb = ("withdraw", "withdrawn")


class CommitmentVerified(_AboutCommitment, frozen=True):
    """One check of a commitment by ``verifier`` (a team, an observer of the scenario, or
    Control), repeatable. Version 2 (issue 16): ``result`` and ``verifier`` for version
    1's ``verified`` (true: confirmed, false: failed; by Control)."""

    commitment: str
    result: VerificationResult
    verifier: str = CONTROL
    reason: str = ""

    version = 2
    flags = ("commitments",)

    def as_command(self, seq: int) -> str:
        return f"verify commitment {self.commitment} ({self.result}, by {self.verifier})"

    def reads(self, seq: int, words: Words) -> Reading:
        what = (
            f"Verification of {words.record(self.commitment)} by "
            f"{words.verifier(self.verifier)}: {self.result}"
        )
        return Reading(what, reason=self.reason)


SHAPE_WORDS = {"big_deal": "a big deal", "step": "a step", "joint_statement": "a joint statement"}


class AgreementSigned(Event, frozen=True):
    """Agreed commitments signed together; ``signatories`` (() in older logs: its
    parties) may include teams party to none of them; ``shape`` a big deal, a step of a
    sequence (``follows``: the agreement before it) or a joint statement."""

    title: str
    commitments: tuple[str, ...]
    visibility: Visibility = None
    signatories: tuple[str, ...] = ()
    shape: AgreementShape | None = None
    follows: str | None = None

    flags = ("agreements", "commitments")
    subject = "agreement"
    creates = "agreements"
    refers = (("commitments", "commitments"),)

    def as_command(self, seq: int) -> str:
        shape = f", {SHAPE_WORDS[self.shape]}" if self.shape else ""
        return f"sign agreement a{seq} ({len(self.commitments)} commitments{shape})"

    def reads(self, seq: int, words: Words) -> Reading:
        what = f"{words.record(f'a{seq}')} signed: {words.records(self.commitments)}"
        if self.shape:
            what += f" ({SHAPE_WORDS[self.shape]}"
            what += f", after {words.record(self.follows)})" if self.follows else ")"
        if self.signatories:
            what += f"; signed by {words.parties(self.signatories)}"
        return Reading(what, text=self.title)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return seen_as(state.agreements.get(f"a{seq}"))


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
)  # fmt: skip
EVENT_TYPES: tuple[type[AnyEvent], ...] = typing.get_args(AnyEvent)
KINDS: dict[str, type[AnyEvent]] = {t.__name__: t for t in EVENT_TYPES}


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
