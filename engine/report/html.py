"""The after-action report as one self-contained HTML file.

``render_html(data)`` gives a complete document: inline CSS, inline SVG charts and the
commitment graph's picture, no scripts and no external resources. Every piece of text a
person typed is escaped (``engine.report.markup``). ``figure`` decides how an SVG is
shown: inline by default; the PDF maker passes one that swaps each SVG for an image.

Regenerate the sample in ``docs/`` with::

    rm -f /tmp/sample.parley
    python main.py simulate --scenario after-hanoi-2019 --rounds 6 \\
        --seed 7 --events-per-round 30 --save /tmp/sample.parley
    python main.py report /tmp/sample.parley -o docs/sample-report.html
"""

from __future__ import annotations

from engine.report import html_analytics, html_story, html_teams, html_timeline
from engine.report import html_figures as figures
from engine.report.data import ReportData
from engine.report.html_parts import (
    Cell,
    Figure,
    Names,
    inline_figure,
    num,
    number,
    record_name,
    section,
    status,
    table,
    text,
    visibility_badge,
)
from engine.report.markup import esc, markdown
from engine.report.style import CSS


def render_html(data: ReportData, *, figure: Figure = inline_figure) -> str:
    names = Names(data.scenario)
    parts = [
        _cover(data),
        _toc(data),
        section("scenario", "The scenario", _scenario(data, names)),
        section("glance", "At a glance", _glance(data)),
        section("rounds", "Round by round", html_story.render(data, names)),
        section(
            "indicators", "Indicators over the rounds", figures.indicators(data, names, figure)
        ),
        section("graph", "The commitment graph", figures.graph(data, names, figure)),
        section("agreements", "Agreements", _agreements(data, names)),
        section("demands", "Demands left open", _open_demands(data, names)),
        section("analytics", "Analytics", html_analytics.render(data, names, figure)),
        section("rulings", "Rulings and their reasons", _rulings(data, names)),
        section("injects", "Injects", _injects(data, names)),
    ]
    if data.for_control:
        parts.append(section("notes", "Control's notes and bookmarks", _notes(data)))
    parts.append(section("timeline", "Timeline", html_timeline.render(data, names)))
    parts.extend(html_teams.render(data, names, figure))
    parts.append(_footer(data))
    title = f"{data.scenario.title}: after-action report"
    if not data.for_control:
        title += f" for {data.viewer_name}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )


def _cover(data: ReportData) -> str:
    sc = data.scenario
    kicker = "After-action report" if data.for_control else f"Team report · {data.viewer_name}"
    rows = [
        ("Save", data.save_name),
        ("Scenario", f"{sc.title} ({sc.id})"),
        (
            "Events",
            f"{data.seq} of {data.last_seq}" if data.seq != data.last_seq else str(data.seq),
        ),
        ("Rounds played", f"{data.round} of {len(sc.rounds)}"),
        ("Prepared for", data.viewer_name),
        ("Session started", data.created.replace("T", " ")),
        ("Generated", data.generated.replace("T", " ")),
    ]
    meta = "".join(f'<tr><td class="key">{esc(k)}</td><td>{esc(v)}</td></tr>' for k, v in rows if v)
    notice = ""
    if not data.for_control:
        notice = (
            f'<p class="notice">This report holds only what {esc(data.viewer_name)} could see: '
            "public entries, its own, and what was addressed to it. Control's notes, the "
            "reasons of rulings on other teams' moves and other teams' confidential briefs "
            "are left out.</p>"
        )
    return (
        f'<header class="cover"><div class="kicker">{esc(kicker)}</div>'
        f"<h1>{esc(sc.title)}</h1>"
        + (f'<p class="subtitle">{esc(sc.summary)}</p>' if sc.summary else "")
        + f'<table class="meta">{meta}</table>{notice}</header>'
    )


def _toc(data: ReportData) -> str:
    items = [
        ("scenario", "The scenario"),
        ("glance", "At a glance"),
        ("rounds", "Round by round"),
        ("indicators", "Indicators"),
        ("graph", "The commitment graph"),
        ("agreements", "Agreements"),
        ("demands", "Demands left open"),
        ("analytics", "Analytics"),
        ("rulings", "Rulings"),
        ("injects", "Injects"),
    ]
    if data.for_control:
        items.append(("notes", "Notes and bookmarks"))
    items.append(("timeline", "Timeline"))
    items += [(f"team-{p.team.id}", f"Team: {p.team.name}") for p in data.teams]
    links = "".join(f'<li><a href="#{esc(a)}">{esc(t)}</a></li>' for a, t in items)
    return f'<nav><ol class="toc">{links}</ol></nav>'


def _scenario(data: ReportData, names: Names) -> str:
    sc = data.scenario
    out = []
    if sc.background:
        out.append(f'<div class="background">{markdown(sc.background)}</div>')
    out.append("<h3>The teams</h3>")
    out.append(
        table(
            ("Team", "Id", "At summits", "Objectives", "Red lines"),
            (
                (
                    Cell(names.team(t.id)),
                    text(t.id),
                    text(t.leader),
                    num(len(t.objectives) if data.for_control or data.viewer == t.id else None),
                    num(len(t.red_lines) if data.for_control or data.viewer == t.id else None),
                )
                for t in sc.teams
            ),
        )
    )
    out.append("<h3>The plan</h3>")
    rows = []
    for r in sc.rounds:
        played = (
            "played"
            if r.number < data.round or (r.number == data.round and not data.state.round_open)
            else "in progress"
            if r.number == data.round
            else "not reached"
        )
        rows.append(
            (
                num(r.number),
                text(r.title),
                text(r.kind),
                Cell(names.teams_list(r.teams)),
                num(r.minutes),
                text(played, "muted"),
            )
        )
    out.append(table(("Round", "Title", "Kind", "Seated", "Minutes", "Status"), rows))
    return "\n".join(out)


def _glance(data: ReportData) -> str:
    state = data.state
    by_status: dict[str, int] = {}
    for c in state.commitments.values():
        by_status[c.status] = by_status.get(c.status, 0) + 1
    tiles = [
        (f"{data.round}/{len(data.scenario.rounds)}", "rounds played"),
        (str(len(state.moves)), "moves"),
        (str(len(state.demands)), "demands"),
        (str(len(state.commitments)), "commitments"),
        (str(by_status.get("fulfilled", 0)), "kept"),
        (str(by_status.get("broken", 0)), "broken"),
        (str(len(state.agreements)), "agreements"),
        (f"{data.story.deadlocks_met}", "deadlocks met"),
        (str(len(data.analytics.deadlocks)), "still open"),
    ]
    cells = "".join(
        f'<td><div class="big">{esc(v)}</div><div class="label">{esc(k)}</div></td>'
        for v, k in tiles
    )
    return (
        f'<table class="tiles" cellspacing="0" cellpadding="6" width="100%"><tr>{cells}</tr>'
        "</table>"
    )


def _agreements(data: ReportData, names: Names) -> str:
    if not data.agreements:
        return '<p class="muted">No agreement was signed.</p>'
    commitments = data.state.commitments
    out = []
    for a in data.agreements:
        out.append(
            f'<h3>{esc(a.title or a.id)} <span class="muted">'
            f"({record_name(data.state, a.id)}, round {a.round})</span> "
            f"{visibility_badge(a.visibility)}</h3>"
            f"<p>Parties: {names.teams_list(a.teams)}</p>"
        )
        rows = []
        for key in a.commitments:
            c = commitments.get(key)
            if c is None:
                continue
            rows.append(
                (
                    number(c),
                    Cell(f"{names.tags(c.givers)} → {names.tags(c.receivers)}"),
                    Cell(names.issue(c.issue)),
                    text(c.text, "quote"),
                    Cell(status(c.status)),
                )
            )
        out.append(
            table(
                ("#", "Giver → receiver", "Issue", "Text", "Status"),
                rows,
                widths=(7, 17, 20, 44, 12),
            )
        )
    return "\n".join(out)


def _open_demands(data: ReportData, names: Names) -> str:
    rows = [
        (
            number(d),
            num(d.round),
            Cell(f"{names.tag(d.from_team)} → {names.tag(d.to_team)}"),
            Cell(names.issue(d.issue)),
            num(d.priority),
            text(d.text, "quote"),
            Cell(visibility_badge(d.visibility) + (" " + status("surprise") if d.surprise else "")),
        )
        for d in data.open_demands
    ]
    if not rows:
        return '<p class="muted">Every demand was met, refused or dropped.</p>'
    return table(
        ("#", "Round", "Asked of", "Issue", "Priority", "Text", "Seen by"),
        rows,
        widths=(6, 6, 16, 18, 7, 35, 12),
    )


def _rulings(data: ReportData, names: Names) -> str:
    rows = [
        (
            num(r.round),
            text(r.move),
            Cell(names.tag(r.team), "nowrap"),
            text(r.move_type),
            Cell(f"{status(r.outcome)}"),
            text(r.method + (f" (rolled {r.roll})" if r.roll else "")),
            text(r.effects or "–", "small"),
            text(r.reason) if r.reason else Cell('<span class="muted">not shown</span>'),
        )
        for r in data.rulings
    ]
    out = [
        table(
            ("Round", "Move", "Team", "Type", "Outcome", "Method", "Effects", "Reason"),
            rows,
            widths=(7, 7, 9, 14, 10, 12, 21, 20),
        )
    ]
    if data.for_control:
        out.append("<h3>Control's adjustments of indicators</h3>")
        out.append(
            table(
                ("Round", "#", "Adjustment", "Reason"),
                (
                    (num(e.round), num(e.seq), text(e.what), text(e.reason))
                    for e in data.adjustments
                ),
            )
        )
    return "\n".join(out)


def _injects(data: ReportData, names: Names) -> str:
    rows = [
        (num(i.round), text(i.title), text(i.text, "quote"), Cell(visibility_badge(i.audience)))
        for i in data.injects
    ]
    return table(("Round", "Inject", "What happened", "Seen by"), rows, widths=(7, 22, 56, 15))


def _notes(data: ReportData) -> str:
    out = ["<h3>Notes</h3>"]
    out.append(
        table(
            ("Round", "#", "Note"), ((num(n.round), num(n.seq), text(n.text)) for n in data.notes)
        )
    )
    out.append("<h3>Bookmarks</h3>")
    out.append(
        table(
            ("Round", "#", "Bookmark"),
            ((num(b.round), num(b.seq), text(b.label)) for b in data.bookmarks),
        )
    )
    return "\n".join(out)


def _footer(data: ReportData) -> str:
    return (
        f'<p class="footer">Generated by Parley from {esc(data.save_name)} at event '
        f"{data.seq}, {esc(data.generated.replace('T', ' '))}. One self-contained file: "
        "no scripts, no external resources.</p>"
    )
