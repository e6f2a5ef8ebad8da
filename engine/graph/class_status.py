"""What the class overview shows of one live group, read from its session.

``GroupWatch`` keeps one commitment graph per group, synced to the state when asked (cheap
when one event changed), so that refreshing a group after an event costs a fold's worth,
not a rebuild: its round and phase, whether the round is open, what the round leaves
pending (moves not ruled on, demands open, commitments only proposed), the team devices'
submissions waiting in Control's inbox (pending and held), agreements signed,
deadlocks standing, and the key indicators' values.
"""

from __future__ import annotations

from typing import NamedTuple

from engine.domain.pending import round_pending
from engine.graph.build import CommitmentGraph
from engine.graph.structure import deadlocks
from engine.session.live import Session


class GroupStatus(NamedTuple):
    name: str
    round: int  # 0 before the first round
    rounds: int  # of the scenario
    round_open: bool
    phase: str  # the phase's name; "" between rounds
    phase_minutes: float  # the current phase's length (round 1's first before any)
    pending: int  # items the round leaves to rule on
    agreements: int
    deadlocks: int
    indicators: tuple[tuple[str, float], ...]  # (key, value) of the key indicators
    seq: int
    inbox: int = 0  # device submissions pending in Control's inbox
    held: int = 0  # of those, held

    @property
    def where(self) -> str:
        """ "Round 2 of 6 · negotiate", "Round 2 of 6 · ended", "Not started"."""
        if self.round == 0:
            return "Not started"
        head = f"Round {self.round} of {self.rounds}"
        return f"{head} · {self.phase}" if self.round_open else f"{head} · ended"


class GroupWatch:
    """A group's session and the graph kept in step with it."""

    def __init__(self, name: str, session: Session) -> None:
        self.name = name
        self.session = session
        self.graph = CommitmentGraph(session.scenario)

    def status(self, keys: tuple[str, ...]) -> GroupStatus:
        session = self.session
        state, scenario = session.state, session.scenario
        self.graph.sync(state)
        standing = deadlocks(self.graph.conditions, state, scenario)
        phase, minutes = "", 0.0
        if 0 < state.round <= len(scenario.rounds):
            rnd = scenario.rounds[state.round - 1]
        else:
            rnd = scenario.rounds[0]
        if rnd.phases:
            index = min(state.phase, len(rnd.phases) - 1)
            phase, minutes = rnd.phases[index].name, rnd.phases[index].minutes
        else:
            minutes = rnd.minutes
        pending = round_pending(state) if state.round else None
        to_rule = 0  # the inbox's submissions are counted apart (``inbox``)
        if pending:
            to_rule = len(pending.unruled_moves) + len(pending.open_demands)
            to_rule += len(pending.proposed_commitments)
        waiting = [sub.status for sub in state.submissions.values() if sub.open]
        return GroupStatus(
            name=self.name,
            round=state.round,
            rounds=len(scenario.rounds),
            round_open=state.round_open,
            phase=phase,
            phase_minutes=minutes,
            pending=to_rule,
            agreements=len(state.agreements),
            deadlocks=len(standing),
            indicators=tuple((k, state.indicators.get(k, 0.0)) for k in keys),
            seq=state.seq,
            inbox=len(waiting),
            held=waiting.count("held"),
        )
