"""Printable handouts for a scenario: one per team, and one for the whole room.

A team's handout holds the public background, the team's public brief, its private
brief, objectives and red lines; the public handout holds what every team may read
(background, every team's public brief, the round plan). This module writes Markdown
and renders it in Parley's one dialect (``engine.report.markup``); the app and the
``handouts`` verb print that HTML to PDF pages with Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.report.markup import markdown
from engine.scenario.model import Scenario, Team

# Qt's rich text draws a table with no rules unless told; a light grid reads as a table.
_STYLE = (
    "<style>table { border-collapse: collapse; } "
    "th, td { border: 1px solid #9aa5b1; padding: 3px 6px; } "
    "blockquote { margin-left: 16px; color: #3e4c59; }</style>"
)


@dataclass(frozen=True)
class Handout:
    """One document to print: ``name`` is a file stem such as ``team-usa`` or ``public``."""

    name: str
    title: str
    markdown: str

    @property
    def html(self) -> str:
        """The handout as the HTML page Qt prints: the Markdown, headings as written."""
        body = markdown(self.markdown, heading_offset=0)
        return f"<html><head>{_STYLE}</head><body>{body}</body></html>"


def _escape(text: str) -> str:
    """Plain text made safe inside Markdown: no accidental emphasis, links or headings."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _plan(scenario: Scenario) -> str:
    rows = ["| Round | Title | Kind | Minutes | Seated |", "|---|---|---|---|---|"]
    for r in scenario.rounds:
        seated = ", ".join(_escape(t.name) for t in scenario.teams if t.id in r.teams)
        rows.append(f"| {r.number} | {_escape(r.title)} | {r.kind} | {r.minutes:g} | {seated} |")
    return "\n".join(rows)


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {_escape(item)}" for item in items) or "_None given._"


def team_handout(scenario: Scenario, team: Team) -> Handout:
    parts = [
        f"# {_escape(team.name)}",
        f"_{_escape(scenario.title)}_ — brief for the {_escape(team.name)} team. "
        f"At summits you are represented by your {_escape(team.leader)}.",
        "## Background",
        scenario.background or _escape(scenario.summary),
        "## Your public position",
        team.public_brief or "_No public brief._",
        "## Confidential: for your team only",
        team.private_brief or "_No private brief._",
        "### Objectives",
        _bullets(team.objectives),
        "### Red lines",
        _bullets(team.red_lines),
        "## The plan",
        _plan(scenario),
    ]
    return Handout(f"team-{team.id}", f"{scenario.title}: {team.name}", "\n\n".join(parts))


def public_handout(scenario: Scenario) -> Handout:
    parts = [
        f"# {_escape(scenario.title)}",
        _escape(scenario.summary),
        "## Background",
        scenario.background or "_No background._",
        "## The teams",
    ]
    for team in scenario.teams:
        parts += [f"### {_escape(team.name)}", team.public_brief or "_No public brief._"]
    parts += ["## The plan", _plan(scenario)]
    return Handout("public", f"{scenario.title}: public handout", "\n\n".join(parts))


def handouts(scenario: Scenario) -> list[Handout]:
    """The public handout, then one per team, in scenario order."""
    return [public_handout(scenario), *(team_handout(scenario, t) for t in scenario.teams)]
