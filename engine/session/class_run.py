"""Running a class: every group's live session in one process, one writer each.

``ClassRun.open(class_file)`` opens each group's save for writing (each save's own lock
keeps it to one writer); a save that cannot be opened closes the ones already open and
is a ``ClassError`` naming it. The class clock and the injects act on all groups or on
some: ``start_round``, ``next_phase`` and ``fire_inject`` run one command per group and
return, per group, its ``Changes`` or the rule's refusal in words (one group already on
its last round does not stop the others). ``class_clock`` reads the class clock back
from the groups' logs after a restart (the round, the phase, and when it began), or says
how the groups differ. ``issue_team_codes`` issues a join code per team into one group's
save (the texts are told once). Nothing here knows a screen.
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


# ---------------------------------------------------------------------- the class clock


@dataclass(frozen=True)
class ClassClock:
    """The phase every group is on, and when it began (the earliest group's start)."""

    round: int
    phase: int  # index into the round's phases
    began: float  # wall time, seconds since the epoch
    minutes: float  # the phase's length

    def remaining(self, now: float) -> float:
        """Seconds left at ``now`` (negative in overtime)."""
        return self.minutes * 60 - (now - self.began)


def phase_began(session: Session) -> float | None:
    """When the group's current phase began: the wall time of the last round start or
    phase change still standing (not undone); None with no round open."""
    state = session.state
    if not state.round_open:
        return None
    seqs = [
        seq
        for kind in ("RoundStarted", "PhaseChanged")
        for seq in session.store.seqs_of_kind(kind)
        if seq not in state.voided and seq <= state.seq
    ]
    return session.envelope(max(seqs)).at if seqs else None


def phase_minutes(scenario: Scenario, round_number: int, phase: int) -> float:
    rnd = scenario.rounds[round_number - 1]
    if rnd.phases:
        return rnd.phases[min(phase, len(rnd.phases) - 1)].minutes
    return rnd.minutes


def where(session: Session) -> str:
    """ "round 2 · negotiate", "round 2 ended", "not started"."""
    state, scenario = session.state, session.scenario
    if state.round == 0:
        return "not started"
    if not state.round_open:
        return f"round {state.round} ended"
    phases = scenario.rounds[state.round - 1].phases
    name = phases[min(state.phase, len(phases) - 1)].name if phases else ""
    return f"round {state.round} · {name}" if name else f"round {state.round}"


def class_clock(run: ClassRun) -> tuple[ClassClock | None, str]:
    """The class clock as the groups' logs leave it: ``(clock, "")`` when every group is on
    one open round and phase; ``(None, why)`` when they differ (``why`` names each
    group's place); ``(None, "")`` when no group has a round open."""
    places = {}
    for name, session in run.sessions.items():
        state = session.state
        places[name] = (state.round, state.phase if state.round_open else -1, state.round_open)
    if not any(open_ for _r, _p, open_ in places.values()):
        return None, ""
    if len(set(places.values())) > 1:
        said = "; ".join(f"{name}: {where(run.sessions[name])}" for name in places)
        return None, f"The groups are on different phases ({said})."
    rnd, phase, _open = next(iter(places.values()))
    began = [phase_began(s) for s in run.sessions.values()]
    known = [b for b in began if b is not None]
    if not known:
        return None, ""
    minutes = phase_minutes(run.scenario, rnd, phase)
    return ClassClock(rnd, phase, min(known), minutes), ""


# ---------------------------------------------------------------------- team codes


def issue_team_codes(session: Session) -> dict[str, tuple[str, str]]:
    """A new join code for each team of the group's session, issued through the engine
    into its save: team id -> (code id, code text). The texts exist only here (the save
    keeps their salted hashes): print them now, or issue new ones later."""
    return {team: session.issue_code(role="team", team=team) for team in session.scenario.team_ids}


def class_team_codes(run: ClassRun) -> dict[str, dict[str, tuple[str, str]]]:
    """``issue_team_codes`` for every group: group name -> team id -> (code id, text)."""
    return {name: issue_team_codes(session) for name, session in run.sessions.items()}
