"""The event kinds of commitments and agreements (issue 16's model: several givers and
receivers, conditions of three kinds, progress, suspension, verification, signed
agreements with a shape). They are kinds like any other: ``engine/domain/events.py``
puts them in ``AnyEvent``, and ``reducer.py`` has one handler each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

import msgspec

from engine.domain.event_base import (
    CONTROL,
    AgreementShape,
    Audience,
    Collection,
    ConditionKind,
    Event,
    Reading,
    VerificationResult,
    Visibility,
    seen_as,
)

if TYPE_CHECKING:
    from engine.domain.state import SessionState
    from engine.domain.words import Words
    from engine.scenario.model import Scenario


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
    submission: str | None = None  # accepted from a device's submission (issue 15)

    version = 2
    flags = ("commitments",)
    accepts = True
    subject = "commitment"
    creates = "commitments"
    refers = (("submissions", "submission"),)

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
    refers: ClassVar[tuple[tuple[Collection, str], ...]] = (("commitments", "commitment"),)

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
    submission: str | None = None  # an answer accepted from a device (issue 15)

    flags = ("commitments",)
    accepts = True
    refers = (("commitments", "commitment"), ("submissions", "submission"))
    verb = ("agree", "agreed")


class CommitmentRefused(_CommitmentOutcome, frozen=True):
    """The other side turns a proposal down (the givers, for an ask)."""

    submission: str | None = None  # an answer accepted from a device (issue 15)

    flags = ("commitments",)
    accepts = True
    refers = (("commitments", "commitment"), ("submissions", "submission"))
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
