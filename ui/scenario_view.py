"""A read-only overview of a scenario: its summary, teams and round plan."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from engine.scenario import Scenario


def scenario_html(scenario: Scenario) -> str:
    """The scenario as HTML for a text browser; every piece of author text is escaped."""
    teams = "".join(
        f"<li><span style='color:{t.color}'>&#9632;</span> <b>{escape(t.name)}</b>"
        f" ({escape(t.leader)})</li>"
        for t in scenario.teams
    )
    rounds = "".join(
        f"<tr><td>{r.number}</td><td>{escape(r.title)}</td><td>{r.kind}</td>"
        f"<td>{r.minutes:g} min</td><td>{escape(', '.join(r.teams))}</td></tr>"
        for r in scenario.rounds
    )
    return (
        f"<h2>{escape(scenario.title)}</h2><p>{escape(scenario.summary)}</p>"
        f"<h3>Teams</h3><ul>{teams}</ul>"
        f"<h3>Plan ({scenario.total_minutes:g} minutes)</h3>"
        "<table cellpadding='4'><tr><th>#</th><th>Round</th><th>Kind</th><th>Time</th>"
        f"<th>Seated</th></tr>{rounds}</table>"
    )


class ScenarioOverview(QMainWindow):
    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.setWindowTitle(f"Parley: {scenario.title}")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        heading = QLabel(f"{len(scenario.teams)} teams, {len(scenario.rounds)} rounds", body)
        layout.addWidget(heading)
        self.browser = QTextBrowser(body)
        self.browser.setAccessibleName("Scenario overview")
        self.browser.setHtml(scenario_html(scenario))
        layout.addWidget(self.browser)
        self.setCentralWidget(body)
        self.resize(900, 650)
