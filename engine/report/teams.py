"""A page per team: its briefs, its indicators, what it said, asked, promised and kept.

Built from the state *as the report's viewer could know it*, so a team's report holds
only what that team could see. Private briefs, objectives and red lines appear on a
team's own page, for Control and for that team; never on a page handed to another team.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.domain.events import CONTROL
from engine.domain.state import Agreement, Commitment, Demand, SessionState
from engine.domain.visibility import Viewer
from engine.graph.results import AnalyticsReport, Credibility, Preparedness, Reciprocity, Volatility
from engine.report.series import Chart, team_pair_charts
from engine.scenario.model import Scenario, Team


@dataclass(frozen=True)
class IndicatorValue:
    name: str
    value: float
    initial: float
    range: tuple[float, float]


@dataclass(frozen=True)
class TeamPage:
    team: Team
    confidential: bool  # the private brief, objectives and red lines are shown
    indicators: tuple[IndicatorValue, ...]
    moves: int
    public_moves: int
    mean_tone: float | None  # of its public moves
    given: tuple[Commitment, ...]
    received: tuple[Commitment, ...]
    demands_made: tuple[Demand, ...]
    demands_received: tuple[Demand, ...]
    agreements: tuple[Agreement, ...]
    credibility: Credibility | None
    preparedness: Preparedness | None
    volatility: Volatility | None
    reciprocity: tuple[Reciprocity, ...]
    charts: tuple[Chart, ...]

    @property
    def private_brief(self) -> str:
        return self.team.private_brief if self.confidential else ""

    @property
    def objectives(self) -> tuple[str, ...]:
        return self.team.objectives if self.confidential else ()

    @property
    def red_lines(self) -> tuple[str, ...]:
        return self.team.red_lines if self.confidential else ()


def team_pages(
    scenario: Scenario,
    state: SessionState,
    analytics: AnalyticsReport,
    viewer: Viewer,
    table: dict[str, list[float]],
) -> tuple[TeamPage, ...]:
    """One page per team, from ``state`` (already the viewer's view) and its analytics."""
    credibility = {c.team: c for c in analytics.credibility}
    preparedness = {p.team: p for p in analytics.preparedness}
    volatility = {v.team: v for v in analytics.volatility}
    moves_by: dict[str, list[int]] = {}
    public_tones: dict[str, list[int]] = {}
    for move in state.moves.values():
        moves_by.setdefault(move.team, []).append(move.tone)
        if move.public:
            public_tones.setdefault(move.team, []).append(move.tone)
    commitments = sorted(state.commitments.values(), key=lambda c: c.seq)
    demands = sorted(state.demands.values(), key=lambda d: d.seq)
    agreements = sorted(state.agreements.values(), key=lambda a: a.seq)
    pages = []
    for team in scenario.teams:
        tones = public_tones.get(team.id, [])
        indicators = tuple(
            IndicatorValue(
                ind.name,
                state.indicators.get(f"{ind.id}.{team.id}", ind.initial),
                ind.initial,
                (ind.min, ind.max),
            )
            for ind in scenario.indicators
            if ind.scope == "team"
        )
        pages.append(
            TeamPage(
                team=team,
                confidential=viewer in (CONTROL, team.id),
                indicators=indicators,
                moves=len(moves_by.get(team.id, ())),
                public_moves=len(tones),
                mean_tone=sum(tones) / len(tones) if tones else None,
                given=tuple(c for c in commitments if team.id in c.givers),
                received=tuple(c for c in commitments if team.id in c.receivers),
                demands_made=tuple(d for d in demands if d.from_team == team.id),
                demands_received=tuple(d for d in demands if d.to_team == team.id),
                agreements=tuple(a for a in agreements if team.id in a.teams),
                credibility=credibility.get(team.id),
                preparedness=preparedness.get(team.id),
                volatility=volatility.get(team.id),
                reciprocity=tuple(r for r in analytics.reciprocity if r.team == team.id),
                charts=team_pair_charts(scenario, state, team.id, table),
            )
        )
    return tuple(pages)
