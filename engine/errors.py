"""Errors a facilitator can read. Only ``ui/`` turns them into dialogs or status messages.

``DomainError``: a command broke a rule of the exercise; nothing was written.
``SaveError``: a save file cannot be opened or written as asked; the file is untouched.
``DamagedSaveError``: a save's file is damaged (the command line exits 3 for it, not 1).
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base of every error Parley reports to a person rather than as a traceback."""


class DomainError(ParleyError):
    """A command was refused by the rules of the exercise; the log is unchanged."""


class UnknownTeamError(DomainError):
    pass


class UnknownIssueError(DomainError):
    pass


class UnknownMoveTypeError(DomainError):
    pass


class UnknownIndicatorError(DomainError):
    pass


class UnknownInjectError(DomainError):
    pass


class UnknownRecordError(DomainError):
    """No move, demand, commitment or agreement with that id."""


class NotSeatedError(DomainError):
    """A team acted in a round that does not seat it."""


class IllegalTransitionError(DomainError):
    """A status change the lifecycle does not allow (fulfilling a withdrawn commitment)."""


class NothingToUndoError(DomainError):
    pass


class SaveError(ParleyError):
    """A save cannot be opened or written as asked; the file is left as it was."""


class DiskFullError(SaveError):
    """The disk holding a save is full: the command was refused, nothing of it written."""


class SaveLockedError(SaveError):
    """Another process has the save open for writing."""


class DamagedSaveError(SaveError):
    """A save's file is damaged: SQLite cannot read it, it is cut short, or its log does
    not hold what was written. Other ``SaveError``s are refusals of a sound (or absent)
    file; the command line tells the two apart by its exit code (3, not 1)."""


class DamagedSnapshotError(DamagedSaveError):
    """A snapshot (derived data) cannot be read; the log it was folded from is intact.

    Opening and seeking fold from an earlier snapshot instead; ``check`` names it.
    ``digest``: the damaged chunk's key, when a chunk is what is damaged.
    """

    def __init__(self, message: str, *, detail: str = "", digest: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message  # what is damaged, without where
        self.digest = digest


class OutputError(ParleyError):
    """An export or report cannot be written where asked; nothing was written there."""


class DamagedEventError(DamagedSaveError):
    """An event row of a save cannot be read as an event (``seq``: which one)."""

    def __init__(self, message: str, *, seq: int) -> None:
        super().__init__(message)
        self.seq = seq


class InvalidCommandError(DomainError):
    """A value outside what a command accepts (a tone of 5, a team committing to itself)."""


class SaveMovedError(SaveError):
    """The save was deleted, renamed or replaced under a live session; the session goes
    on in a recovered copy (the message says where), and the command was not recorded."""


class JoinRefusedError(DomainError):
    """A device's join code was not taken: ``reason`` is "wrong code", "revoked code" or
    "lobby locked" (what the join page says, and what the server's status tells apart)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
