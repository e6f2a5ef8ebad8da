"""Faults in a scenario file, and the error that carries all of them together."""

from __future__ import annotations

import msgspec


class Fault(msgspec.Struct, frozen=True, order=True):
    """One thing wrong with a scenario file, named so that its author can fix it.

    ``path`` is the key path (``teams[usa].color``, ``rounds[3].minutes``), empty for a
    fault of the whole file; ``line`` is 1-based where it is known.
    """

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        """``file:line: path: message``, always on one line."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return text.translate(_ONE_LINE)


# Control characters (a key may hold a newline) are shown escaped, so one fault is one line.
_ONE_LINE = {c: repr(chr(c))[1:-1] for c in [*range(0x20), 0x7F, 0x2028, 0x2029, 0x85]}


class ScenarioError(Exception):
    """A scenario file was refused; ``faults`` lists everything found wrong with it."""

    def __init__(self, faults: list[Fault] | tuple[Fault, ...]) -> None:
        self.faults = tuple(sorted(faults, key=lambda f: (f.file, f.line or 0, f.path)))
        count = len(self.faults)
        head = f"{count} fault{'s' if count != 1 else ''} in scenario"
        super().__init__(head + ":\n" + "\n".join(str(f) for f in self.faults))
