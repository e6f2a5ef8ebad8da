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
    return (
        f"<h2 style='color:{theme.INK}'>{escape(scenario.title)}</h2>"
        f"<p style='color:{theme.INK}'>{escape(scenario.summary)}</p>"
        f"<h3 style='color:{theme.ACCENT}'>Teams ({len(scenario.teams)})</h3>"
        f"<table cellpadding='3'>{teams}</table>"
        f"<h3 style='color:{theme.ACCENT}'>Round plan ({len(scenario.rounds)} rounds, "
        f"{scenario.total_minutes:g} minutes)</h3>"
        "<table cellpadding='4' cellspacing='0'>"
        f"<tr style='color:{theme.MUTED}'><th>#</th><th align='left'>Round</th>"
        "<th align='left'>Kind</th><th>Time</th><th align='left'>Seated</th></tr>"
        f"{rounds}</table>"
    )
