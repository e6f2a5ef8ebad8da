"""How teams behave at the table: preparedness, rhetoric volatility and alignment.

Definitions and worked examples: ``docs/analytics.md``.
"""

from __future__ import annotations

from itertools import combinations, pairwise

from engine.domain.state import Demand, SessionState
from engine.graph.reciprocity import team_order
from engine.graph.results import Alignment, Preparedness, RoundTone, Volatility
from engine.scenario.model import Scenario

SWING_SIZE = 2.0  # a change of mean tone this large between two rounds is a swing


def demand_key(demand: Demand) -> tuple[str, str, str]:
    """What makes two demands "the same demand": who asks whom, on which issue."""
    return (demand.from_team, demand.to_team, demand.issue)


def surprise_demands(state: SessionState) -> set[str]:
    """Ids of the demands tabled at a summit round whose from, to and issue were never
    tabled earlier in the log at a working-level round: the reducer's rule for
    ``Demand.surprise``, recomputed from the demands the state holds."""
    first_working: dict[tuple[str, str, str], int] = {}  # key -> seq of the first tabling
    for d in state.demands.values():
        if d.round_kind == "working":
            key = demand_key(d)
            first_working[key] = min(first_working.get(key, d.seq), d.seq)
    return {
        d.id
        for d in state.demands.values()
        if d.round_kind == "summit" and first_working.get(demand_key(d), d.seq) >= d.seq
    }


def preparedness(scenario: Scenario, state: SessionState) -> tuple[Preparedness, ...]:
    """Per team (as the one tabling): its summit demands and how many were surprises."""
    surprises = surprise_demands(state)
    at_summit: dict[str, list[Demand]] = {}
    for d in state.demands.values():
        if d.round_kind == "summit":
            at_summit.setdefault(d.from_team, []).append(d)
    rows = []
    for team in team_order(scenario, at_summit):
        tabled = sorted(at_summit.get(team, ()), key=lambda d: d.seq)
        own = tuple(d.id for d in tabled if d.id in surprises)
        share = 1 - len(own) / len(tabled) if tabled else None
        rows.append(Preparedness(team, len(tabled), len(own), own, share))
    return tuple(rows)


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def volatility(scenario: Scenario, state: SessionState) -> tuple[Volatility, ...]:
    """Per team: mean tone of its public moves per round, and how far and how often it
    swings between consecutive rounds in which it made public moves."""
    tones: dict[str, dict[int, list[int]]] = {}
    for move in state.moves.values():
        if move.public:
            tones.setdefault(move.team, {}).setdefault(move.round, []).append(move.tone)
    rows = []
    for team in team_order(scenario, tones):
        per_round = sorted(tones.get(team, {}).items())
        means = tuple(RoundTone(r, len(ts), sum(ts) / len(ts)) for r, ts in per_round)
        changes = [(before.mean_tone, after.mean_tone) for before, after in pairwise(means)]
        sizes = [abs(b - a) for a, b in changes]
        swings = sum(
            1
            for (a, b), size in zip(changes, sizes, strict=True)
            if _sign(a) * _sign(b) < 0 or size >= SWING_SIZE
        )
        rows.append(
            Volatility(
                team=team,
                rounds=means,
                changes=len(changes),
                mean_change=sum(sizes) / len(sizes) if sizes else None,
                max_change=max(sizes) if sizes else None,
                swings=swings,
                swing_rate=swings / len(changes) if changes else None,
            )
        )
    return tuple(rows)


def alignment(scenario: Scenario, state: SessionState) -> tuple[Alignment, ...]:
    """Pairs of teams that, in the same round, were parties to the same agreement or tabled
    demands on the same target and issue; one row per round and pair, by round."""
    found: dict[tuple[int, str, str], tuple[set[str], set[tuple[str, str]]]] = {}
    seen_teams = {t for a in state.agreements.values() for t in a.teams}
    seen_teams |= {d.from_team for d in state.demands.values()}
    order = {team: i for i, team in enumerate(team_order(scenario, seen_teams))}

    def entry(r: int, a: str, b: str) -> tuple[set[str], set[tuple[str, str]]]:
        first, second = sorted((a, b), key=order.__getitem__)
        return found.setdefault((r, first, second), (set(), set()))

    for agreement in state.agreements.values():
        for a, b in combinations(set(agreement.teams), 2):
            entry(agreement.round, a, b)[0].add(agreement.id)
    askers: dict[tuple[int, str, str], set[str]] = {}
    for d in state.demands.values():
        askers.setdefault((d.round, d.to_team, d.issue), set()).add(d.from_team)
    for (r, target, issue), teams in askers.items():
        for a, b in combinations(teams, 2):
            entry(r, a, b)[1].add((target, issue))
    seq_of = {a.id: a.seq for a in state.agreements.values()}
    rows = [
        Alignment(
            round=r,
            team_a=a,
            team_b=b,
            agreements=tuple(sorted(signed, key=seq_of.__getitem__)),
            demands=tuple(sorted(demands)),
            score=len(signed) + len(demands),
        )
        for (r, a, b), (signed, demands) in found.items()
    ]
    rows.sort(key=lambda row: (row.round, order[row.team_a], order[row.team_b]))
    return tuple(rows)
