"""Indicator values over rounds, from the state's indicator log: the report's charts.

A point at x = 0 is the start (the scenario's initial values); a point at x = r is the
value at the end of round r (every change logged while round r was the current round,
including between its end and the next start). Global indicators share one chart when
their ranges agree; a team indicator has one line per team in the team's colour; a pair
indicator (``trust.a.b``) is shown as a matrix of end values, and per team as a chart of
that team's view of the others (see ``TeamPage``).
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.domain.state import SessionState
from engine.report.svg import NEUTRAL, Series
from engine.scenario.model import Indicator, Scenario


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    y_range: tuple[float, float]
    x_range: tuple[float, float]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class PairMatrix:
    """End values of a pair indicator: ``values[(a, b)]`` is a's value toward b."""

    indicator: str
    name: str
    description: str
    range: tuple[float, float]
    teams: tuple[str, ...]
    values: dict[tuple[str, str], float]


def values_by_round(scenario: Scenario, state: SessionState) -> dict[str, list[float]]:
    """Per indicator key: the value at the start (index 0) and at the end of each round."""
    rounds = max(state.round, 0)
    current = {key: ind.initial for key, ind in scenario.indicator_keys().items()}
    table = {key: [value] * (rounds + 1) for key, value in current.items()}
    changes = sorted(state.indicator_log, key=lambda c: c.seq)
    i = 0
    for r in range(rounds + 1):
        while i < len(changes) and changes[i].round <= r:
            change = changes[i]
            if change.key in current:
                current[change.key] = change.after
            i += 1
        for key, value in current.items():
            table[key][r] = value
    return table


def _points(values: list[float]) -> tuple[tuple[float, float], ...]:
    return tuple((float(r), v) for r, v in enumerate(values))


def _x_range(state: SessionState, scenario: Scenario) -> tuple[float, float]:
    return (0.0, float(max(state.round, 1)))


def indicator_charts(
    scenario: Scenario, state: SessionState, table: dict[str, list[float]] | None = None
) -> tuple[Chart, ...]:
    """The charts of the report's indicator section (pair indicators aside)."""
    table = table if table is not None else values_by_round(scenario, state)
    x_range = _x_range(state, scenario)
    charts: list[Chart] = []
    globals_: dict[tuple[float, float], list[Indicator]] = {}
    for ind in scenario.indicators:
        if ind.scope == "global":
            globals_.setdefault((ind.min, ind.max), []).append(ind)
    for y_range, group in globals_.items():
        series = tuple(
            Series(ind.name, _points(table[ind.id]), NEUTRAL[i % len(NEUTRAL)])
            for i, ind in enumerate(group)
        )
        title = group[0].name if len(group) == 1 else "Global indicators"
        description = " ".join(f"{ind.name}: {ind.description}" for ind in group if ind.description)
        charts.append(Chart(title, description, y_range, x_range, series))
    for ind in scenario.indicators:
        if ind.scope != "team":
            continue
        series = tuple(
            Series(team.name, _points(table[f"{ind.id}.{team.id}"]), team.color)
            for team in scenario.teams
        )
        charts.append(Chart(ind.name, ind.description, (ind.min, ind.max), x_range, series))
    return tuple(charts)


def pair_matrices(scenario: Scenario, state: SessionState) -> tuple[PairMatrix, ...]:
    teams = scenario.team_ids
    return tuple(
        PairMatrix(
            ind.id,
            ind.name,
            ind.description,
            (ind.min, ind.max),
            teams,
            {
                (a, b): state.indicators.get(f"{ind.id}.{a}.{b}", ind.initial)
                for a in teams
                for b in teams
                if a != b
            },
        )
        for ind in scenario.indicators
        if ind.scope == "pair"
    )


def team_pair_charts(
    scenario: Scenario,
    state: SessionState,
    team: str,
    table: dict[str, list[float]] | None = None,
) -> tuple[Chart, ...]:
    """For one team: each pair indicator as its view of every other team, over rounds.

    ``table``: ``values_by_round`` of the same state, when the caller has it already.
    """
    table = table if table is not None else values_by_round(scenario, state)
    x_range = _x_range(state, scenario)
    charts = []
    for ind in scenario.indicators:
        if ind.scope != "pair":
            continue
        series = tuple(
            Series(other.name, _points(table[f"{ind.id}.{team}.{other.id}"]), other.color)
            for other in scenario.teams
            if other.id != team
        )
        name = scenario.team(team)
        title = f"{ind.name}: {name.name if name else team} toward the others"
        charts.append(Chart(title, ind.description, (ind.min, ind.max), x_range, series))
    return tuple(charts)
