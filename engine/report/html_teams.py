"""A page per team (each starts a new printed page): briefs, indicators, promises, record.

The confidential part (private brief, objectives, red lines) is on a team's own page in
Control's report and in that team's report, never elsewhere (``TeamPage.confidential``).
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
    status,
    table,
    text,
    visibility_badge,
)
from engine.report.markup import esc, markdown
from engine.report.svg import line_chart
from engine.report.teams import TeamPage


def _commitments(rows: tuple[Commitment, ...], names: Names, other: str) -> str:
    return table(
        ("#", "Round", "From" if other == "givers" else "To", "Issue", "Text", "Status"),
        (
            (
                number(c),
                num(c.round),
                Cell(names.tags(getattr(c, other)), "nowrap"),
                Cell(names.issue(c.issue)),
                text(c.text, "quote"),
                Cell(status(c.status)),
            )
            for c in rows
        ),
        widths=(5, 10, 10, 20, 43, 12),
    )


def _demands(rows: tuple[Demand, ...], names: Names, other: str) -> str:
    return table(
        ("#", "Round", "Of" if other == "to_team" else "By", "Issue", "Text", "Status"),
        (
            (
                number(d),
                num(d.round),
                Cell(names.tag(getattr(d, other)), "nowrap"),
                Cell(names.issue(d.issue)),
                text(d.text, "quote"),
                Cell(status(d.status) + (" " + status("surprise") if d.surprise else "")),
            )
            for d in rows
        ),
        widths=(5, 10, 10, 20, 41, 14),
    )


def _record(page: TeamPage) -> str:
    c, p, v = page.credibility, page.preparedness, page.volatility
    rows = [
        ("Moves (public)", f"{page.moves} ({page.public_moves})"),
        ("Mean tone of public moves", "–" if page.mean_tone is None else f"{page.mean_tone:+.2f}"),
        ("Commitments given / received", f"{len(page.given)} / {len(page.received)}"),
        ("Kept / broken / open", f"{c.kept} / {c.broken} / {c.open}" if c else "–"),
        ("Credibility", "–" if c is None or c.score is None else f"{c.score:.0%}"),
        ("Demands made / received", f"{len(page.demands_made)} / {len(page.demands_received)}"),
        ("Surprise demands at summits", f"{p.surprises} of {p.summit_demands}" if p else "–"),
        ("Tone swings between rounds", f"{v.swings} of {v.changes}" if v else "–"),
        ("Agreements it is party to", str(len(page.agreements))),
    ]
    cells = "".join(f'<tr><td class="key">{esc(k)}</td><td>{esc(x)}</td></tr>' for k, x in rows)
    return f'<table class="meta">{cells}</table>'


def _page(data: ReportData, page: TeamPage, names: Names, figure: Figure) -> str:
    team = page.team
    color = esc(team.color)
    out = [
        f'<section id="team-{esc(team.id)}" class="team-page">'
        f'<div class="team-head" style="border-left-color:{color}">'
        f'<p class="kicker page-break" style="color:{color}">Team page</p>'
        f"<h2>{esc(team.name)}</h2>"
        f'<span class="muted">At summits: {esc(team.leader)} · id {esc(team.id)}</span></div>',
        "<h3>Record</h3>",
        _record(page),
    ]
    if team.public_brief:
        out.append(
            f'<h3>Public position</h3><div class="brief">{markdown(team.public_brief)}</div>'
        )
    if page.confidential and (page.private_brief or page.objectives or page.red_lines):
        inner = ['<div class="label">Confidential: for this team and Control only</div>']
        if page.private_brief:
            inner.append(markdown(page.private_brief))
        if page.objectives:
            inner.append(
                "<h4>Objectives</h4><ul>"
                + "".join(f"<li>{esc(o)}</li>" for o in page.objectives)
                + "</ul>"
            )
        if page.red_lines:
            inner.append(
                "<h4>Red lines</h4><ul>"
                + "".join(f"<li>{esc(r)}</li>" for r in page.red_lines)
                + "</ul>"
            )
        out.append(f'<div class="confidential">{"".join(inner)}</div>')
    if page.indicators:
        out.append("<h3>Its indicators</h3>")
        out.append(
            table(
                ("Indicator", "Start", "Now", "Range"),
                (
                    (
                        text(i.name),
                        num(i.initial),
                        num(i.value),
                        text(f"{i.range[0]:g} to {i.range[1]:g}", "muted"),
                    )
                    for i in page.indicators
                ),
            )
        )
    for chart in page.charts:
        svg = line_chart(chart.title, chart.series, y_range=chart.y_range, x_range=chart.x_range)
        out.append(f'<div class="figure">{figure(svg)}</div>')
    out.append("<h3>Commitments it gave</h3>")
    out.append(_commitments(page.given, names, "receivers"))
    out.append("<h3>Commitments it received</h3>")
    out.append(_commitments(page.received, names, "givers"))
    out.append("<h3>Demands it made</h3>")
    out.append(_demands(page.demands_made, names, "to_team"))
    out.append("<h3>Demands made of it</h3>")
    out.append(_demands(page.demands_received, names, "from_team"))
    if page.agreements:
        out.append("<h3>Agreements</h3>")
        out.append(
            table(
                ("#", "Round", "Title", "Parties", "Seen by"),
                (
                    (
                        number(a),
                        num(a.round),
                        text(a.title),
                        Cell(names.teams_list(a.teams)),
                        Cell(visibility_badge(a.visibility)),
                    )
                    for a in page.agreements
                ),
            )
        )
    if page.reciprocity:
        out.append("<h3>Give and take with each partner</h3>")
        out.append(
            table(
                ("Partner", "Given", "Received", "Given and kept", "Received and kept"),
                (
                    (
                        Cell(names.team(r.partner)),
                        num(r.given.total),
                        num(r.received.total),
                        num(r.given.tangible_fulfilled + r.given.intangible_fulfilled),
                        num(r.received.tangible_fulfilled + r.received.intangible_fulfilled),
                    )
                    for r in page.reciprocity
                ),
            )
        )
    out.append("</section>")
    return "\n".join(out)


def render(data: ReportData, names: Names, figure: Figure) -> list[str]:
    return [_page(data, page, names, figure) for page in data.teams]
