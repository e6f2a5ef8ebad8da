"""A page per team in Control's report (each starts a new printed page): its goals set
against what it came away with, its record, its promises and demands and their fate.

The confidential part (objectives, red lines) is on a team's own page in Control's
report and in that team's report, never elsewhere (``TeamPage.confidential``). Briefs
are the scenario's, not the session's: they stay in the handouts. The pieces here are
shared with a team's own report (``html_team``).
"""

from __future__ import annotations

from engine.domain.state import Commitment, Demand
from engine.report.data import ReportData
from engine.report.html_parts import (
    Cell,
    Figure,
    Names,
    num,
    number,
    record_name,
    status,
    table,
)
from engine.report.markup import esc
from engine.report.teams import TeamPage

SHORT_FATE = {
    "proposed": "proposed",
    "agreed": "agreed",
    "suspended": "suspended",
    "fulfilled": "kept",
    "broken": "broken",
    "withdrawn": "withdrawn",
    "refused": "refused",
}


def fate(c: Commitment) -> Cell:
    """A commitment's status badge, with its verification and any partial progress."""
    extra = ""
    if c.progress and c.status != "fulfilled":
        extra += f" {c.progress} %"
    if c.verified == "confirmed":
        extra += ' <span class="small muted">verified</span>'
    elif c.verified == "failed":
        extra += ' <span class="small muted">verification failed</span>'
    return Cell(status(c.status) + extra)


def commitments_table(rows: tuple[Commitment, ...], names: Names, other: str) -> str:
    """Commitments given (``other`` = "receivers") or received (= "givers")."""
    return table(
        ("#", "Round", "To" if other == "receivers" else "From", "Issue", "Fate"),
        (
            (
                number(c),
                num(c.round),
                Cell(names.tags(getattr(c, other))),
                Cell(names.issue(c.issue)),
                fate(c),
            )
            for c in rows
        ),
        widths=(6, 8, 28, 40, 18),
    )


def demands_table(rows: tuple[Demand, ...], names: Names, other: str) -> str:
    return table(
        ("#", "Round", "Of" if other == "to_team" else "By", "Issue", "Fate"),
        (
            (
                number(d),
                num(d.round),
                Cell(names.tag(getattr(d, other)), "nowrap"),
                Cell(names.issue(d.issue)),
                Cell(status(d.status) + (" " + status("surprise") if d.surprise else "")),
            )
            for d in rows
        ),
        widths=(6, 8, 16, 52, 18),
    )


def came_away_with(page: TeamPage, data: ReportData) -> list[str]:
    """What a team obtained, in words: commitments to it kept or agreed, demands met."""
    out = []
    for c in page.received:
        if c.status in ("fulfilled", "agreed", "suspended"):
            out.append(
                f"{record_name(data.state, c.id)} on {_issue(data, c.issue)}: "
                f"{SHORT_FATE[c.status]}"
            )
    for d in page.demands_made:
        if d.status == "met":
            out.append(f"{record_name(data.state, d.id)} met: {_issue(data, d.issue)}")
    return out


def promised(page: TeamPage, data: ReportData) -> list[str]:
    """What a team gave (agreed to give), in words: set beside its red lines."""
    return [
        f"{record_name(data.state, c.id)} on {_issue(data, c.issue)}: {SHORT_FATE[c.status]}"
        for c in page.given
        if c.status in ("agreed", "suspended", "fulfilled", "broken")
    ]


def _issue(data: ReportData, issue_id: str) -> str:
    found = next((i for i in data.scenario.issues if i.id == issue_id), None)
    return esc(found.name if found else issue_id)


def goals(page: TeamPage, data: ReportData, *, you: bool = False) -> str:
    """Objectives beside what the team came away with; red lines beside what it promised:
    a student judges how far it got, and whether it crossed a line."""

    def items(values: list[str], empty: str, escape: bool) -> str:
        if not values:
            return f'<br><span class="muted">{esc(empty)}</span>'
        return "".join(f"<br>• {esc(v) if escape else v}" for v in values)

    rows = [
        (
            Cell("<b>Objectives</b>" + items(list(page.objectives), "none set", True)),
            Cell(
                f"<b>What {'you' if you else 'it'} came away with</b>"
                + items(came_away_with(page, data), "nothing agreed or met", False)
            ),
        ),
        (
            Cell("<b>Red lines</b>" + items(list(page.red_lines), "none set", True)),
            Cell(
                f"<b>What {'you' if you else 'it'} promised in return</b>"
                + items(promised(page, data), "nothing agreed", False)
            ),
        ),
    ]
    head = "Your goals" if you else "Its goals"
    return table((head, "The outcome"), rows, "goal", widths=(50, 50))


def record(page: TeamPage) -> str:
    c, p, v = page.credibility, page.preparedness, page.volatility
    tiles = [
        (f"{page.moves}", f"moves ({page.public_moves} public)"),
        ("–" if page.mean_tone is None else f"{page.mean_tone:+.1f}", "mean public tone"),
        (f"{c.kept}/{c.broken}" if c else "–", "kept / broken"),
        ("–" if c is None or c.score is None else f"{c.score:.0%}", "credibility"),
        (f"{p.surprises}" if p else "–", "surprise demands"),
        (f"{v.swings}" if v else "–", "tone swings"),
        (str(len(page.agreements)), "agreements"),
    ]
    cells = "".join(
        f'<td><div class="big">{esc(x)}</div><div class="label">{esc(k)}</div></td>'
        for x, k in tiles
    )
    return (
        '<table class="tiles" cellspacing="0" cellpadding="4" width="100%">'
        f"<tr>{cells}</tr></table>"
    )


def indicators_line(page: TeamPage) -> str:
    if not page.indicators:
        return ""
    shown = "; ".join(f"{esc(i.name)} {i.initial:g} → {i.value:g}" for i in page.indicators)
    return f'<p class="small">Its indicators, start → end: {shown}.</p>'


def _page(data: ReportData, page: TeamPage, names: Names) -> str:
    team = page.team
    color = esc(team.color)
    out = [
        f'<section id="team-{esc(team.id)}" class="team-page">'
        f'<div class="team-head" style="border-left-color:{color}">'
        f'<p class="kicker page-break" style="color:{color}">Team page</p>'
        f"<h2>{esc(team.name)}</h2>"
        f'<span class="muted">At summits: {esc(team.leader)} · id {esc(team.id)}</span></div>',
        record(page),
        indicators_line(page),
    ]
    if page.confidential:
        out.append(goals(page, data))
    else:
        out.append("<h3>Commitments it gave</h3>")
        out.append(commitments_table(page.given, names, "receivers"))
    out.append("<h3>Demands it made</h3>")
    out.append(demands_table(page.demands_made, names, "to_team"))
    out.append("</section>")
    return "\n".join(out)


def render(data: ReportData, names: Names, figure: Figure) -> list[str]:
    del figure  # the team pages of Control's report hold no picture
    return [_page(data, page, names) for page in data.teams]
