"""One broadcast after a command: the engine's ``Changes`` and the envelopes it wrote.

The command's ``Changes`` carries the envelopes it wrote; the window hands them to every
panel, which reads from them which existing records changed (each kind's ``refers``);
panels refresh only what the ``Changes`` flags name.
"""

from __future__ import annotations

from typing import NamedTuple

import msgspec

from engine.domain import events as ev
from engine.domain.events import Envelope
from engine.domain.state import FLAGS, Changes

RESYNC_ALL = msgspec.structs.replace(Changes(), **dict.fromkeys(FLAGS, True))


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
        self,
        changes: Changes,
        envelopes: tuple[Envelope, ...] | None = None,
        resync: bool = False,
    ) -> None:
        self.changes = changes
        self.envelopes = changes.envelopes if envelopes is None else envelopes
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
        """The records each envelope's kind says it changes (its ``refers``)."""
        touched: dict[str, set[str]] = {"moves": set(), "demands": set(), "commitments": set()}
        voided = self.resync
        for envelope in self.envelopes:
            event = envelope.event
            for collection, ids in event.referred().items():
                touched.setdefault(collection, set()).update(ids)
            voided = voided or isinstance(event, ev.EventVoided)
        return Touched(
            frozenset(touched["moves"]),
            frozenset(touched["demands"]),
            frozenset(touched["commitments"]),
            voided,
        )
