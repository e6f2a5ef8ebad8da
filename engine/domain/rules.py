"""The rules a command checks before it writes anything (see docs/save-format.md, "Rules").

Every check raises a ``DomainError`` whose message a facilitator can read and that names
the offending id and the scenario (``no team 'dprkk' in scenario after_hanoi_2019``).

Commitment lifecycle (``LIFECYCLE``): a proposed commitment may be agreed, refused or
withdrawn; an agreed one fulfilled, suspended, broken or withdrawn; a suspended one resumed
(agreed again), broken or withdrawn; a fulfilled one broken (a reversal: a shutdown undone);
broken, withdrawn and refused are final. Progress (0-100 %) is recorded on agreed
commitments and never fulfils one by itself. A demand goes from open to met, refused or
dropped, once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from engine.domain.events import Condition, Visibility
from engine.domain.reducer import indicator_index
from engine.domain.state import Commitment, CommitmentStatus, Demand, Move, SessionState
from engine.errors import (
    IllegalTransitionError,
    InvalidCommandError,
    NotSeatedError,
    UnknownIndicatorError,
    UnknownInjectError,
    UnknownIssueError,
    UnknownMoveTypeError,
    UnknownRecordError,
    UnknownTeamError,
)
from engine.scenario.model import Effect, Round, Scenario

TONES = range(-3, 4)
PRIORITIES = range(1, 4)
DEMAND_OUTCOMES = ("met", "refused", "dropped")
LIFECYCLE: dict[CommitmentStatus, tuple[CommitmentStatus, ...]] = {
    "proposed": ("agreed", "refused", "withdrawn"),
    "agreed": ("fulfilled", "suspended", "broken", "withdrawn"),
    "suspended": ("agreed", "broken", "withdrawn"),
    "fulfilled": ("broken",),
    "broken": (),
    "withdrawn": (),
    "refused": (),
}
VERIFIABLE: tuple[CommitmentStatus, ...] = ("agreed", "suspended", "fulfilled", "broken")
VERIFICATION_RESULTS = ("confirmed", "failed", "inconclusive")
CONDITION_KINDS = ("commitment", "demand", "verification")
AGREEMENT_SHAPES = ("big_deal", "step", "joint_statement")


def seating_message(scenario: Scenario, team: str, current: Round) -> str:
    """In the facilitator's words: "South Korea is not seated at this summit (round 2):
    only United States and North Korea are seated"."""

    def name(team_id: str) -> str:
        found = scenario.team(team_id)
        return found.name if found else team_id

    names = [name(t) for t in current.teams]
    seated = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    kind = "summit" if current.kind == "summit" else "working round"
    verb = "is" if len(names) == 1 else "are"
    return (
        f"{name(team)} is not seated at this {kind} (round {current.number}): "
        f"only {seated} {verb} seated"
    )


class Rules:
    """The checks, bound to one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.where = f"in scenario {scenario.id}"

    # ------------------------------------------------------------------ scenario ids

    def team(self, team: str) -> str:
        if self.scenario.team(team) is None:
            raise UnknownTeamError(f"no team {team!r} {self.where}")
        return team

    def issue(self, issue: str) -> str:
        if self.scenario.issue(issue) is None:
            raise UnknownIssueError(f"no issue {issue!r} {self.where}")
        return issue

    def move_type(self, move_type: str) -> str:
        if self.scenario.move_type(move_type) is None:
            raise UnknownMoveTypeError(f"no move type {move_type!r} {self.where}")
        return move_type

    def indicator_key(self, key: str) -> str:
        if key not in indicator_index(self.scenario):
            raise UnknownIndicatorError(
                f"no indicator value {key!r} {self.where} "
                "(global: 'tension'; per team: 'support.usa'; per pair: 'trust.dprk.usa')"
            )
        return key

    def inject(self, inject: str) -> str:
        if self.scenario.inject(inject) is None:
            raise UnknownInjectError(f"no inject {inject!r} {self.where}")
        return inject

    # ------------------------------------------------------------------ records

    def move(self, state: SessionState, move: str) -> Move:
        found = state.moves.get(move)
        if found is None:
            raise UnknownRecordError(f"no move {move!r} in this session ({self.scenario.id})")
        return found

    def demand(self, state: SessionState, demand: str) -> Demand:
        found = state.demands.get(demand)
        if found is None:
            raise UnknownRecordError(f"no demand {demand!r} in this session ({self.scenario.id})")
        return found

    def commitment(self, state: SessionState, commitment: str) -> Commitment:
        found = state.commitments.get(commitment)
        if found is None:
            raise UnknownRecordError(
                f"no commitment {commitment!r} in this session ({self.scenario.id})"
            )
        return found

    # ------------------------------------------------------------------ values

    def seated(self, state: SessionState, team: str) -> str:
        """Between rounds any team may act; during a round, only the teams it seats."""
        self.team(team)
        if state.round_open:
            current = self.scenario.rounds[state.round - 1]
            if team not in current.teams:
                raise NotSeatedError(seating_message(self.scenario, team, current))
        return team

    def tone(self, tone: int) -> int:
        if isinstance(tone, bool) or not isinstance(tone, int) or tone not in TONES:
            raise InvalidCommandError(f"tone {tone!r} is outside -3 (hostile) .. +3 (conciliatory)")
        return tone

    def priority(self, priority: int) -> int:
        if (
            isinstance(priority, bool)
            or not isinstance(priority, int)
            or priority not in PRIORITIES
        ):
            raise InvalidCommandError(f"priority {priority!r} is outside 1 (high) .. 3 (low)")
        return priority

    def visibility(self, visibility: Iterable[str] | str | None) -> Visibility:
        """``None`` or ``"public"``: public; otherwise the team ids that may see it."""
        if visibility is None or visibility == "public":
            return None
        if isinstance(visibility, str):
            visibility = (visibility,)
        teams = tuple(dict.fromkeys(self.team(t) for t in visibility))
        if not teams:
            raise InvalidCommandError("a private visibility must name at least one team")
        return teams

    def teams(self, teams: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.team(t) for t in teams))

    def parties(self, teams: Iterable[str] | str, what: str) -> tuple[str, ...]:
        """One or more teams (a single id is one team), each once, at least one."""
        found = self.teams((teams,) if isinstance(teams, str) else teams)
        if not found:
            raise InvalidCommandError(f"a commitment needs at least one {what}")
        return found

    def verifier(self, verifier: str) -> str:
        """A team, or an outside body the scenario lists under [[observers]]."""
        if self.scenario.team(verifier) is None and self.scenario.observer(verifier) is None:
            known = ", ".join((*self.scenario.team_ids, *self.scenario.observer_ids))
            raise UnknownTeamError(
                f"no team or observer {verifier!r} {self.where} (verifiers: {known})"
            )
        return verifier

    def condition(
        self, state: SessionState, condition: Condition | tuple[str, str] | str, owner: str = ""
    ) -> Condition:
        """A condition whose ``ref`` exists: ``"c5"`` alone is a commitment condition."""
        if isinstance(condition, str):
            condition = Condition("commitment", condition)
        elif not isinstance(condition, Condition):
            kind, ref = condition
            condition = Condition(kind, ref)  # type: ignore[arg-type]
        if condition.kind not in CONDITION_KINDS:
            raise InvalidCommandError(
                f"a condition is on a {', '.join(CONDITION_KINDS)}, not {condition.kind!r}"
            )
        if condition.kind == "demand":
            self.demand(state, condition.ref)
            return condition
        found = self.commitment(state, condition.ref)
        if condition.ref == owner:
            raise InvalidCommandError(f"commitment {owner} cannot wait on itself")
        if condition.kind == "verification" and not found.verification:
            raise InvalidCommandError(
                f"commitment {found.id} was made without verification: nothing can wait "
                "on its verification"
            )
        return condition

    def text(self, text: str, what: str) -> str:
        if not isinstance(text, str) or not text.strip():
            raise InvalidCommandError(f"{what} must not be empty")
        return text

    def number(self, value: float, what: str) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise InvalidCommandError(f"{what} {value!r} is not a finite number")
        return float(value)

    def effects(self, effects: Iterable[Effect | tuple[str, float]]) -> tuple[Effect, ...]:
        out = []
        for item in effects:
            key, delta = (item.key, item.delta) if isinstance(item, Effect) else item
            out.append(Effect(self.indicator_key(key), self.number(delta, f"effect on {key}")))
        return tuple(out)

    def transition(self, commitment: Commitment, status: CommitmentStatus) -> None:
        if status not in LIFECYCLE[commitment.status]:
            allowed = ", ".join(LIFECYCLE[commitment.status]) or "nothing: it is final"
            raise IllegalTransitionError(
                f"commitment {commitment.id} is {commitment.status} and cannot become "
                f"{status} (from {commitment.status}: {allowed})"
            )

    def round_number(self, number: int | None, state: SessionState, what: str) -> int | None:
        if number is None:
            return None
        last = len(self.scenario.rounds)
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= last:
            raise InvalidCommandError(f"{what} {number!r} is not a round of {self.scenario.id}")
        if number < state.round:
            raise InvalidCommandError(f"{what} {number} is already past (round {state.round})")
        return number
