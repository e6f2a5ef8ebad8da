"""Who gives what to whom, and who keeps their word: reciprocity and credibility.

Definitions and worked examples: ``docs/analytics.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.domain.state import SessionState
from engine.graph.results import Credibility, CredibilityPoint, Flow, Reciprocity
from engine.scenario.model import Scenario


def team_order(scenario: Scenario, seen: Iterable[str]) -> tuple[str, ...]:
    """The scenario's teams in its order, then any other team ids seen, sorted."""
    known = scenario.team_ids
    extra = sorted(set(seen) - set(known))
    return (*known, *extra)


def reciprocity(scenario: Scenario, state: SessionState) -> tuple[Reciprocity, ...]:
    """One row per ordered pair of teams with a commitment between them either way.

    Every commitment counts except withdrawn and refused ones, as one unit of value split
    evenly over its (giver, receiver) pairs: ``1 / (givers x receivers)`` each;
    ``*_fulfilled`` counts the fulfilled.
    """
    tangible = {issue.id: issue.tangible for issue in scenario.issues}
    counts: dict[tuple[str, str], list[float]] = {}
    for c in state.commitments.values():
        if c.status in ("withdrawn", "refused"):
            continue
        pairs = [(g, r) for g in c.givers for r in c.receivers if g != r]
        kind = 0 if tangible.get(c.issue, False) else 1
        for pair in pairs:
            row = counts.setdefault(pair, [0, 0, 0, 0])
            share = 1 / len(pairs)
            row[kind] += share
            if c.status == "fulfilled":
                row[kind + 2] += share
    flows = {pair: Flow(*(_whole(v) for v in row)) for pair, row in counts.items()}
    teams = team_order(scenario, (team for pair in counts for team in pair))
    empty = Flow()
    rows = []
    for team in teams:
        for partner in teams:
            given = flows.get((team, partner))
            received = flows.get((partner, team))
            if given is None and received is None:
                continue
            rows.append(Reciprocity(team, partner, given or empty, received or empty))
    return tuple(rows)


def _whole(value: float) -> float:
    """A share as an int when it is whole (one-to-one commitments count 1, not 1.0)."""
    return int(value) if float(value).is_integer() else round(value, 6)


def _score(kept: int, broken: int) -> float | None:
    return kept / (kept + broken) if kept + broken else None


def credibility(scenario: Scenario, state: SessionState) -> tuple[Credibility, ...]:
    """Per team (as one of the givers): commitments kept (fulfilled; verified or not, told
    apart) and broken, cumulative per round; suspended in response to another party's
    breach counted apart (neither kept nor broken).

    A status change counts from the round it happened in (``status_round``); the series
    runs from round 1 to the later of the current round and the last such change.
    """
    settled: dict[str, list[tuple[int, bool]]] = {}  # team -> (round, kept)
    open_count: dict[str, int] = {}
    apart: dict[str, list[int]] = {}  # team -> [kept verified, kept unverified, in response]
    last = state.round
    for c in state.commitments.values():
        for giver in c.givers:
            counts = apart.setdefault(giver, [0, 0, 0])
            if c.status == "suspended" and c.in_response_to is not None:
                counts[2] += 1
            if c.open:
                open_count[giver] = open_count.get(giver, 0) + 1
            elif c.status in ("fulfilled", "broken"):
                when = c.status_round if c.status_round is not None else c.round
                settled.setdefault(giver, []).append((when, c.status == "fulfilled"))
                last = max(last, when)
                if c.status == "fulfilled":
                    counts[0 if c.verified == "confirmed" else 1] += 1
    rounds = range(1, max(last, 1) + 1)
    result = []
    for team in team_order(scenario, [*settled, *open_count]):
        kept_at = [0] * (len(rounds) + 1)
        broken_at = [0] * (len(rounds) + 1)
        for when, was_kept in settled.get(team, ()):
            (kept_at if was_kept else broken_at)[max(when, 1) - 1] += 1
        series = []
        kept = broken = 0
        for r in rounds:
            kept += kept_at[r - 1]
            broken += broken_at[r - 1]
            series.append(CredibilityPoint(r, kept, broken, _score(kept, broken)))
        verified, unverified, in_response = apart.get(team, [0, 0, 0])
        result.append(
            Credibility(
                team,
                kept,
                broken,
                open_count.get(team, 0),
                _score(kept, broken),
                tuple(series),
                kept_verified=verified,
                kept_unverified=unverified,
                suspended_in_response=in_response,
            )
        )
    return tuple(result)
