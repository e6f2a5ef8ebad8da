"""A scenario as HTML for the start screen: summary, teams and round plan.

Only public text: the summary, team names, leaders and the plan. Author text is escaped.
"""

from __future__ import annotations

from html import escape

from engine.scenario import Scenario
from ui import theme
from ui.i18n import translate


def scenario_html(scenario: Scenario) -> str:
    """The scenario's summary, teams and round plan; every piece of author text is escaped."""
    teams = "".join(
        "<tr>"
        f"<td width='18'><span style='color:{t.color}; font-size:large'>&#9632;</span></td>"
        f"<td><b>{escape(t.name)}</b></td>"
        f"<td style='color:{theme.MUTED}'>{escape(t.leader)}</td></tr>"
        for t in scenario.teams
    )
    names = {t.id: t.name for t in scenario.teams}

    def seated(teams: tuple[str, ...]) -> str:
        if len(teams) == len(scenario.teams):
            return translate("ui.scenario_view", "all teams")
        return ", ".join(names.get(t, t) for t in teams)

    muted = f"style='color:{theme.MUTED}'"
    rounds = "".join(
        f"<tr><td align='right'>{r.number}</td><td>{escape(r.title)}</td>"
        f"<td {muted}>{r.kind}</td><td align='right'>{r.minutes:g}&nbsp;min</td>"
        f"<td {muted}>{escape(seated(r.teams))}</td></tr>"
        for r in scenario.rounds
    )
    return translate(
        "ui.scenario_view",
        "<h2 style='color:{0}'>{1}</h2><p style='color:{0}'>{2}</p><h3 style='color:{3}'>Teams "
        "({4})</h3><table cellpadding='3'>{5}</table><h3 style='color:{3}'>Round plan ({6} "
        "rounds, {7:g} minutes)</h3><table cellpadding='4' cellspacing='0'><tr "
        "style='color:{8}'><th>#</th><th align='left'>Round</th><th "
        "align='left'>Kind</th><th>Time</th><th align='left'>Seated</th></tr>{9}</table>",
    ).format(
        theme.INK,
        escape(scenario.title),
        escape(scenario.summary),
        theme.ACCENT,
        len(scenario.teams),
        teams,
        len(scenario.rounds),
        scenario.total_minutes,
        theme.MUTED,
        rounds,
    )
