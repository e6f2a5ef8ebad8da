"""Running a class: every group's live session in one process, one writer each.

``ClassRun.open(class_file)`` opens each group's save for writing (each save's own lock
keeps it to one writer); a save that cannot be opened closes the ones already open and
is a ``ClassError`` naming it. The class clock and the injects act on all groups or on
some: ``start_round``, ``next_phase`` and ``fire_inject`` run one command per group and
return, per group, its ``Changes`` or the rule's refusal in words (one group already on
its last round does not stop the others). Nothing here knows a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from engine.domain.state import Changes
from engine.errors import ParleyError
from engine.scenario.model import Scenario
from engine.session.classes import ClassError, ClassFile, Group, check_same_scenario
from engine.session.live import Session


@dataclass(frozen=True)
class Outcome:
    group: str
    changes: Changes | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.changes is not None


class ClassRun:
    """The live sessions of a class, by group name, in the class file's order."""

    def __init__(self, found: ClassFile, sessions: dict[str, Session]) -> None:
        self.file = found
        self.sessions = sessions

    @classmethod
    def open(cls, found: ClassFile, *, read_only: bool = False) -> ClassRun:
        sessions: dict[str, Session] = {}
        try:
            for group in found.groups:
                sessions[group.name] = _open(group, read_only)
            check_same_scenario(list(sessions.values()))
        except BaseException:
            for session in sessions.values():
                session.close()
            raise
        return cls(found, sessions)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.sessions)

    @property
    def scenario(self) -> Scenario:
        return next(iter(self.sessions.values())).scenario

    def session(self, name: str) -> Session:
        return self.sessions[name]

    def reopen(self, name: str) -> Session:
        """Open a group's save again (after a window that had it closed it)."""
        group = next(g for g in self.file.groups if g.name == name)
        self.sessions[name] = _open(group, False)
        return self.sessions[name]

    def close(self, *, closed: Iterable[str] = ()) -> None:
        """Close every group's session but those named ``closed`` (closed already)."""
        skip = set(closed)
        for name, session in self.sessions.items():
            if name not in skip:
                session.close()

    def __enter__(self) -> ClassRun:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ for all, or some

    def each(
        self, command: Callable[[Session], Changes], groups: Iterable[str] | None = None
    ) -> list[Outcome]:
        """Run ``command`` on each named group (default: all); a refusal is that group's."""
        names = self.names if groups is None else tuple(groups)
        unknown = [n for n in names if n not in self.sessions]
        if unknown:
            raise ClassError(
                f"no group {unknown[0]!r} in this class; groups: {', '.join(self.names)}"
            )
        out = []
        for name in names:
            try:
                out.append(Outcome(name, changes=command(self.sessions[name])))
            except ParleyError as error:
                out.append(Outcome(name, error=str(error)))
        return out

    def start_round(self, groups: Iterable[str] | None = None) -> list[Outcome]:
        return self.each(lambda s: s.start_round(), groups)

    def next_phase(self, groups: Iterable[str] | None = None) -> list[Outcome]:
        return self.each(lambda s: s.next_phase(), groups)

    def fire_inject(self, inject: str, groups: Iterable[str] | None = None) -> list[Outcome]:
        return self.each(lambda s: s.fire_inject(inject=inject), groups)


def _open(group: Group, read_only: bool) -> Session:
    if not group.save.exists():
        raise ClassError(f"{group.save}: the save of group {group.name!r} is missing")
    try:
        return Session.open(group.save, read_only=read_only)
    except ParleyError as error:
        raise ClassError(f"group {group.name!r}: {error}") from None
