"""What every event kind shares (``engine/domain/events.py`` holds the kinds): the base
class and its two common audiences, ``Audience`` and ``Reading``, and the literal types
payloads use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, Protocol

import msgspec

if TYPE_CHECKING:
    from engine.domain.state import SessionState
    from engine.domain.words import Words
    from engine.scenario.model import Scenario

CONTROL = "control"

Outcome = Literal["success", "partial", "failure"]
Method = Literal["judgement", "dice", "table"]
DemandStatus = Literal["open", "met", "refused", "dropped"]
Visibility = tuple[str, ...] | None
Collection = Literal[
    "moves", "demands", "commitments", "agreements", "codes", "devices", "submissions", "messages"
]
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
    kw_only=True,
    tag_field="kind",
    tag=True,
    forbid_unknown_fields=True,
    gc=False,
    omit_defaults=True,
):
    """Base of every event; the subclass name is its ``kind`` in the log.

    ``by_device``: the Control device that took it (``Session.acting_device``), None when
    it was taken at the facilitator's window. Every kind has it, keyword-only and left
    out of the payload when None, so that the row's checksum covers who took it and a log
    written before devices reads unchanged."""

    by_device: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every kind's ``reads`` ends with who took it and from which submission
        (``Words.told``: "Accepted from USA's device, edited: tone"), in one place."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("reads")
        if own is not None and not getattr(own, "told", False):

            def reads(self: Event, seq: int, words: Words) -> Reading:
                return words.told(self, own(self, seq, words))

            reads.told = True  # type: ignore[attr-defined]
            reads.__doc__ = own.__doc__
            cls.reads = reads  # type: ignore[method-assign]
        if cls.__dict__.get("accepts", False):
            command = cls.as_command

            def as_command(self: Event, seq: int) -> str:
                said = command(self, seq)
                accepted = getattr(self, "submission", None)
                return f"accept submission {accepted}: {said}" if accepted else said

            as_command.__doc__ = command.__doc__
            cls.as_command = as_command  # type: ignore[method-assign]

    version: ClassVar[int] = 1
    flags: ClassVar[tuple[str, ...]]  # the Changes flags it sets (checked in state.py)
    subject: ClassVar[str]  # what the report's timeline files it under: move, ruling, ...
    creates: ClassVar[Collection | None] = None  # the record named after its seq, if any
    refers: ClassVar[tuple[tuple[Collection, str], ...]] = ()  # (collection, id field)
    private_reason: ClassVar[bool] = False  # its reason is for Control and its parties
    accepts: ClassVar[bool] = False  # its ``submission`` field names the submission it accepts
    # Undo's to take back: a command of the facilitator's (or a Control device's). What a
    # team's device does by itself (joining, submitting) is not: Undo passes over it, and
    # it does not end the run of undos that Redo takes back.
    undoable: ClassVar[bool] = True

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
            if value is None:  # an optional reference (an accepted event's submission)
                continue
            ids = out.setdefault(collection, set())
            ids.update(value) if isinstance(value, tuple) else ids.add(value)
        return out


class _Public(Event, frozen=True):
    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return EVERYONE


class _Controls(Event, frozen=True):
    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return CONTROL_ONLY
