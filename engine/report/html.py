"""The after-action report as one self-contained HTML file.

``render_html(data)`` gives a complete document: inline CSS, inline SVG charts and the
commitment graph's picture, no scripts and no external resources. Every piece of text a
person typed is escaped (``engine.report.markup``). ``figure`` decides how an SVG is
shown: inline by default; the PDF maker passes one that swaps each SVG for an image.

The report opens on *What happened* (``html_happened``), in words a student reads;
then the background (shortened), the rounds, the charts, the graph, the analytics
(each with a line on how to read it), the rulings with their reasons, and a page per
team. The full timeline is an appendix, only when asked for (``timeline=True``: the
``--timeline`` option): a long session's log is most of its size and few read it.
A team's own report (a viewer that is a team) is the short one of ``html_team``.

Regenerate the sample in ``docs/`` with::

    rm -f /tmp/sample.parley
    python main.py simulate --scenario after-hanoi-2019 --rounds 6 \\
        --seed 7 --events-per-round 30 --save /tmp/sample.parley
    python main.py report /tmp/sample.parley -o docs/sample-report.html
"""

from __future__ import annotations

from engine.report import (
    html_analytics,
    html_happened,
    html_story,
    html_team,
    html_teams,
    html_timeline,
)
from engine.report import html_figures as figures
from engine.report.data import ReportData
from engine.report.html_parts import (
    Cell,
    Figure,
    Names,
    inline_figure,
    local_time,
    num,
    number,
    section,
    shortened,
    status,
    table,
    text,
    visibility_badge,
)
from engine.report.markup import esc, markdown
from engine.report.style import CSS, PRINT_CSS

BACKGROUND_CHARS = 900  # the background's first paragraphs, up to about this much


def render_html(
    data: ReportData,
    *,
    figure: Figure = inline_figure,
    timeline: bool = False,
    printed: bool = False,
) -> str:
    """The report as a document. ``timeline``: add the full timeline as an appendix.
    ``printed``: the denser type of the PDF (``ui/report_pdf.py``)."""
    if not data.for_control and data.scenario.team(data.viewer) is not None:
        body = html_team.render(data, Names(data.scenario), figure, timeline=timeline)
    else:
        body = _full(data, figure, timeline, printed)
    title = report_title(data)
    # First, in a style element of its own: of two rules alike, Qt keeps the first.
    css = (f"{PRINT_CSS}</style>\n<style>" if printed else "") + CSS
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n"
    )


def report_title(data: ReportData) -> str:
    title = f"{data.scenario.title}: after-action report"
    return title if data.for_control else f"{title} for {data.viewer_name}"


SECTIONS = (
    ("happened", "What happened"),
    ("background", "Background"),
    ("rounds", "Round by round"),
    ("indicators", "Indicators over the rounds"),
    ("graph", "The commitment graph"),
    ("analytics", "Analytics, and how to read them"),
    ("rulings", "Rulings and their reasons"),
    ("injects", "Injects"),
)


def _full(data: ReportData, figure: Figure, timeline: bool, printed: bool) -> str:
    names = Names(data.scenario)
    bodies = {
        "happened": lambda: html_happened.render(data, names),
        "background": lambda: _background(data, names),
        "rounds": lambda: html_story.render(data, names),
        "indicators": lambda: figures.indicators(data, names, figure),
        "graph": lambda: (
            figures.graph(data, names, figure, full=timeline) + _open_demands(data, names)
        ),
        "analytics": lambda: html_analytics.render(data, names, figure),
        "rulings": lambda: _rulings(data, names, full=timeline),
        "injects": lambda: _injects(data, names),
    }
    parts = [_cover(data, timeline, printed)]
    parts += [section(anchor, title, bodies[anchor]()) for anchor, title in SECTIONS]
    if data.for_control:
        parts.append(section("notes", "Control's notes and bookmarks", _notes(data)))
    parts.extend(html_teams.render(data, names, figure))
    if timeline:
        parts.append(
            section(
                "timeline",
                "Appendix: the timeline",
                html_timeline.render(data, names),
                "page-break",
            )
        )
    parts.append(_footer(data))
    return "\n".join(parts)


def _cover(data: ReportData, timeline: bool, printed: bool) -> str:
    """The title, what the report is of, and (on screen) its contents: a PDF has its
    outline for that."""
    sc = data.scenario
    kicker = "After-action report" if data.for_control else f"Report · {data.viewer_name}"
    rows = [
        ("Save", data.save_name),
        (
            "Events",
            f"{data.seq} of {data.last_seq}" if data.seq != data.last_seq else str(data.seq),
        ),
        ("Rounds played", f"{data.round} of {len(sc.rounds)}"),
        ("Prepared for", data.viewer_name),
        ("Session started", local_time(data.created)),
        ("Generated", local_time(data.generated)),
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
    items = [*SECTIONS]
    if data.for_control:
        items.append(("notes", "Notes and bookmarks"))
    items += [(f"team-{p.team.id}", f"Team: {p.team.name}") for p in data.teams]
    if timeline:
        items.append(("timeline", "Appendix: the timeline"))
    links = "".join(f'<li><a href="#{esc(a)}">{esc(t)}</a></li>' for a, t in items)
    return (
        f'<header class="cover"><div class="kicker">{esc(kicker)}</div>'
        f"<h1>{esc(sc.title)}</h1>"
        + (f'<p class="subtitle">{esc(sc.summary)}</p>' if sc.summary else "")
        + f'<table class="meta">{meta}</table>{notice}</header>'
        + ("" if printed else f'<nav><ol class="toc">{links}</ol></nav>')
    )


def short_background(background: str, limit: int = BACKGROUND_CHARS) -> tuple[str, bool]:
    """The background's first paragraphs, up to about ``limit`` characters (always the
    first one), and whether anything was left out. Headings are skipped."""
    paragraphs = [p.strip() for p in background.split("\n\n") if p.strip()]
    kept: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if paragraph.startswith("#"):
            continue
        if kept and size + len(paragraph) > limit:
            break
        kept.append(paragraph)
        size += len(paragraph)
    shown = sum(1 for p in paragraphs if not p.startswith("#"))
    return "\n\n".join(kept), len(kept) < shown


def _background(data: ReportData, names: Names) -> str:
    sc = data.scenario
    out = []
    if sc.background:
        shown, cut = short_background(sc.background)
        note = (
            '<p class="muted small">The opening of the scenario\'s background; the whole '
            "text is in the scenario and its handouts.</p>"
            if cut
            else ""
        )
        out.append(f'<div class="background">{markdown(shown)}</div>{note}')
    out.append("<h3>The teams and the plan</h3>")
    out.append(
        table(
            ("Team", "At summits", "Objectives", "Red lines"),
            (
                (
                    Cell(names.team(t.id)),
                    text(t.leader),
                    num(len(t.objectives) if data.for_control or data.viewer == t.id else None),
                    num(len(t.red_lines) if data.for_control or data.viewer == t.id else None),
                )
                for t in sc.teams
            ),
            widths=(44, 32, 12, 12),
        )
    )
    rows = []
    for r in sc.rounds:
        played = (
            "played"
            if r.number < data.round or (r.number == data.round and not data.state.round_open)
            else "in progress"
            if r.number == data.round
            else "not reached"
        )
        seated = (
            "all" if set(r.teams) == set(sc.team_ids) else ", ".join(t.upper() for t in r.teams)
        )
        rows.append(
            (
                num(r.number),
                text(r.title),
                text(r.kind),
                text(seated, "small"),
                num(r.minutes),
                text(played, "muted"),
            )
        )
    out.append(
        table(
            ("Round", "Title", "Kind", "Seated", "Minutes", "Status"),
            rows,
            widths=(8, 44, 10, 16, 10, 12),
        )
    )
    return "\n".join(out)


def _open_demands(data: ReportData, names: Names) -> str:
    rows = [
        (
            number(d),
            num(d.round),
            Cell(f"{names.tag(d.from_team)} → {names.tag(d.to_team)}", "nowrap"),
            Cell(
                names.issue(d.issue)
                + (f'<br><span class="small"><i>{esc(d.text)}</i></span>' if d.text else "")
            ),
            num(d.priority),
            Cell(visibility_badge(d.visibility) + (" " + status("surprise") if d.surprise else "")),
        )
        for d in data.open_demands
    ]
    head = (
        "<h3>Demands left open</h3>"
        '<p class="how">How to read it: what one team asked of another and never heard '
        "back on; a surprise demand was first raised at a summit.</p>"
    )
    if not rows:
        return head + '<p class="muted">Every demand was met, refused or dropped.</p>'
    return head + table(
        ("#", "Round", "Asked of", "Issue and words", "Priority", "Seen by"),
        rows,
        widths=(6, 8, 20, 44, 9, 13),
    )


def _rulings(data: ReportData, names: Names, *, full: bool) -> str:
    shown, note = shortened(list(data.rulings), full, "rulings")
    rows = [
        (
            num(r.round),
            Cell(
                f"{names.tag(r.team)} {esc(r.move_type)}"
                + (f'<br><span class="small"><i>{esc(r.text)}</i></span>' if r.text else ""),
            ),
            Cell(
                status(r.outcome)
                + f'<br><span class="small muted">{esc(r.method)}'
                + (f" (rolled {r.roll})" if r.roll else "")
                + "</span>"
            ),
            Cell(
                (esc(r.reason) if r.reason else '<span class="muted">not shown</span>')
                + (f'<br><span class="small muted">{esc(r.effects)}</span>' if r.effects else "")
            ),
        )
        for r in shown
    ]
    out = [
        '<p class="how">How to read it: each adjudicated move, what Control ruled, on what '
        "grounds, and what it did to the indicators.</p>",
        table(
            ("Round", "Move", "Outcome", "Reason, and effects"),
            rows,
            widths=(8, 40, 14, 38),
        ),
        note,
    ]
    if data.for_control and data.adjustments:
        out.append("<h3>Control's adjustments of indicators</h3>")
        out.append(
            table(
                ("Round", "#", "Adjustment", "Reason"),
                (
                    (num(e.round), num(e.seq), text(e.what), text(e.reason))
                    for e in data.adjustments
                ),
                widths=(8, 8, 44, 40),
            )
        )
    return "\n".join(out)


def _injects(data: ReportData, names: Names) -> str:
    rows = [
        (
            num(i.round),
            Cell(f"<b>{esc(i.title)}</b><br>" + esc(_first_sentence(i.text)), "small"),
            Cell(visibility_badge(i.audience)),
        )
        for i in data.injects
    ]
    return table(("Round", "What happened", "Seen by"), rows, widths=(8, 78, 14))


def _first_sentence(text: str, limit: int = 240) -> str:
    """The opening of an inject's text, to its first full stop past 60 characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    stop = flat.find(". ", 60, limit)
    return flat[: stop + 1] if stop > 0 else flat[:limit].rsplit(" ", 1)[0] + "…"


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
        f"{data.seq}, {esc(local_time(data.generated))}. One self-contained file: "
        "no scripts, no external resources.</p>"
    )
