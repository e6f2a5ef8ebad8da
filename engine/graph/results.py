"""The analytics' answers as plain, frozen data: what the app, the report and the CLI show.

Every result is a msgspec Struct of strings, numbers, booleans, ``None`` and tuples, so
``to_dict()`` gives JSON-ready builtins. Nothing here imports networkx. The exact
definitions are in ``docs/analytics.md``.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec


class Result(msgspec.Struct, frozen=True):
    """Base of every result: ``to_dict()`` gives builtins ready for ``json.dumps``."""

    def to_dict(self) -> dict[str, Any]:
        data = msgspec.to_builtins(self)
        assert isinstance(data, dict)
        return data


# --------------------------------------------------------------- structure (structure.py)


class Deadlock(Result, frozen=True):
    """Open conditional commitments that wait on each other in a cycle and cannot go first:
    some only proposed (``unagreed``), or all agreed and some past due (``stall``)."""

    commitments: tuple[str, ...]  # the cycle's members, by creation order
    teams: tuple[str, ...]  # their givers and receivers, in scenario order
    blocked: tuple[str, ...]  # other open commitments that wait on the deadlock, transitively
    kind: Literal["unagreed", "stall"] = "unagreed"
    proposed: tuple[str, ...] = ()  # members only proposed (an unagreed deadlock has some)
    past_due: tuple[str, ...] = ()  # members past their due round
    late_teams: tuple[str, ...] = ()  # the givers of those: who is past due


class Unlock(Result, frozen=True):
    """What carrying out ``commitment`` unconditionally would release."""

    commitment: str
    releases: int  # how many other commitments could then be carried out
    released: tuple[str, ...]


class DeadlockUnlocks(Result, frozen=True):
    deadlock: tuple[str, ...]  # the deadlock's commitments
    ranking: tuple[Unlock, ...]  # best first
    agree: tuple[str, ...] = ()  # members still to agree (an unagreed deadlock)
    advice: str = ""  # what would unlock it, in a sentence


class Bundle(Result, frozen=True):
    """Commitments that can only be carried out together (one strongly connected component)."""

    id: int  # position in the implementation order, 1-based, step by step
    commitments: tuple[str, ...]
    step: int  # 1-based step of the implementation order
    depends_on: tuple[int, ...]  # ids of the bundles it waits on directly
    simultaneous: bool  # more than one commitment, or one that waits on itself
    done: bool  # every commitment fulfilled (and a demand bundle's demand met)
    demands: tuple[str, ...] = ()  # a demand some commitment waits on (a bundle of its own)


class Step(Result, frozen=True):
    number: int  # 1-based
    bundles: tuple[int, ...]  # bundle ids
    commitments: tuple[str, ...]
    demands: tuple[str, ...] = ()


# ---------------------------------------------------------- promises (reciprocity.py)


class Flow(Result, frozen=True):
    """Commitments going one way between two teams, by tangibility."""

    tangible: float = 0  # a commitment of g givers and r receivers counts 1 / (g x r) per pair
    intangible: float = 0
    tangible_fulfilled: float = 0
    intangible_fulfilled: float = 0

    @property
    def total(self) -> float:
        return self.tangible + self.intangible


class Reciprocity(Result, frozen=True):
    """Between ``team`` and ``partner``: what ``team`` gave and what it received."""

    team: str
    partner: str
    given: Flow
    received: Flow


class CredibilityPoint(Result, frozen=True):
    round: int
    kept: int  # fulfilled with the status change at or before this round
    broken: int
    score: float | None  # kept / (kept + broken); None while nothing is settled


class Credibility(Result, frozen=True):
    team: str
    kept: int
    broken: int
    open: int  # proposed or agreed now
    score: float | None
    series: tuple[CredibilityPoint, ...]  # cumulative, one point per round
    kept_verified: int = 0  # kept, and its latest verification confirmed
    kept_unverified: int = 0  # kept, never verified (or not confirmed)
    suspended_in_response: int = 0  # suspended now in response to another party's breach


# -------------------------------------------------------------- conduct (conduct.py)


class Preparedness(Result, frozen=True):
    team: str
    summit_demands: int  # demands it tabled at summit rounds
    surprises: int
    surprise_demands: tuple[str, ...]  # their ids
    prepared: float | None  # 1 - surprises / summit_demands; None with no summit demand


class RoundTone(Result, frozen=True):
    round: int
    moves: int  # public moves of the team in that round
    mean_tone: float


class Volatility(Result, frozen=True):
    team: str
    rounds: tuple[RoundTone, ...]  # rounds in which it made public moves
    changes: int  # consecutive pairs of those rounds
    mean_change: float | None  # mean |difference of mean tone|; None with fewer than 2 rounds
    max_change: float | None
    swings: int  # pairs whose sign flips or that change by SWING_SIZE or more
    swing_rate: float | None  # swings / changes


class Alignment(Result, frozen=True):
    """Two teams acting together in one round."""

    round: int
    team_a: str  # team_a before team_b in scenario order
    team_b: str
    agreements: tuple[str, ...]  # agreements both signed (were parties of) in the round
    demands: tuple[tuple[str, str], ...]  # (target, issue) both tabled demands on
    score: int  # len(agreements) + len(demands)


# --------------------------------------------------------------------- the whole report


class GraphSummary(Result, frozen=True):
    teams: int
    commitments: int
    conditional: int  # commitments that take part in a condition (either end)
    conditions: int  # condition edges
    open: int


class AnalyticsReport(Result, frozen=True):
    scenario: str
    seq: int
    round: int
    viewer: str
    graph: GraphSummary
    deadlocks: tuple[Deadlock, ...]
    unlocking: tuple[DeadlockUnlocks, ...]
    bundles: tuple[Bundle, ...]
    order: tuple[Step, ...]
    reciprocity: tuple[Reciprocity, ...]
    credibility: tuple[Credibility, ...]
    preparedness: tuple[Preparedness, ...]
    volatility: tuple[Volatility, ...]
    alignment: tuple[Alignment, ...]
