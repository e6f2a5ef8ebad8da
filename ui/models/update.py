"""One broadcast after a command: the engine's ``Changes`` and the envelopes it wrote.

The window reads the new envelopes once and hands them to every panel, which reads from
them which existing records changed; panels refresh only what the ``Changes`` flags name.
"""

from __future__ import annotations

from typing import NamedTuple

from engine.domain import events as ev
from engine.domain.events import Envelope
from engine.domain.state import Changes

RESYNC_ALL = Changes(
    log=True,
    round=True,
    moves=True,
    demands=True,
    commitments=True,
    agreements=True,
    indicators=True,
    injects=True,
    notes=True,
)


class Touched(NamedTuple):
    """Ids of existing records an update changed; ``voided``: some event was undone or
    redone, so lists must be checked whole."""

    moves: frozenset[str] = frozenset()
    demands: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    voided: bool = False


class Update:
    """One command's broadcast (read-only once made)."""

    __slots__ = ("_touched", "changes", "envelopes", "resync")

    def __init__(
        self, changes: Changes, envelopes: tuple[Envelope, ...] = (), resync: bool = False
    ) -> None:
        self.changes = changes
        self.envelopes = envelopes
        self.resync = resync  # everything may have changed (a save was reopened, a replay seek)
        self._touched: Touched | None = None

    def __repr__(self) -> str:
        return f"Update({self.changes!r}, {len(self.envelopes)} envelopes, resync={self.resync})"

    @property
    def touched(self) -> Touched:
        """Read from the envelopes once, on first asking."""
        if self._touched is None:
            self._touched = self._read_touched()
        return self._touched

    def _read_touched(self) -> Touched:
        moves: set[str] = set()
        demands: set[str] = set()
        commitments: set[str] = set()
        voided = self.resync
        for envelope in self.envelopes:
            event = envelope.event
            match event:
                case ev.MoveAdjudicated():
                    moves.add(event.move)
                case ev.DemandStatusChanged():
                    demands.add(event.demand)
                case (
                    ev.CommitmentAgreed() | ev.CommitmentFulfilled() | ev.CommitmentBroken()
                    | ev.CommitmentWithdrawn() | ev.CommitmentVerified()
                ):  # fmt: skip
                    commitments.add(event.commitment)
                case ev.AgreementSigned():
                    commitments.update(event.commitments)
                case _ if hasattr(event, "commitment"):  # ConditionAdded and the like
                    commitments.add(event.commitment)
                case ev.EventVoided():
                    voided = True
        return Touched(frozenset(moves), frozenset(demands), frozenset(commitments), voided)
