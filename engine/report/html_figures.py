"""The report's pictures: indicator charts, pair-indicator matrices, the commitment graph.

Each SVG goes through ``figure`` (inline in the HTML file; an image for the PDF).
"""

from __future__ import annotations

from engine.domain.events import condition_words
from engine.report.data import ReportData
from engine.report.graph_svg import commitment_graph_svg
from engine.report.html_parts import (
    Cell,
    Figure,
    Names,
    shortened,
    status,
    table,
    text,
    visibility_badge,
)
from engine.report.markup import badge, esc
from engine.report.series import PairMatrix
from engine.report.svg import line_chart


def _chart(figure: Figure, svg: str, caption: str) -> str:
    note = f'<div class="caption">{esc(caption)}</div>' if caption else ""
    return f'<div class="figure">{figure(svg)}{note}</div>'


def indicators(data: ReportData, names: Names, figure: Figure) -> str:
    if not data.charts and not data.pairs:
        return '<p class="muted">The scenario defines no indicators.</p>'
    out = [
        '<p class="how">How to read it: each line is an indicator\'s value at the start '
        "(round 0) and at the end of each round; a steep stretch is a round that moved it. "
        "Indicator values are public; what moved them may not be.</p>"
    ]
    for chart in data.charts:
        svg = line_chart(chart.title, chart.series, y_range=chart.y_range, x_range=chart.x_range)
        out.append(_chart(figure, svg, chart.description))
    for matrix in data.pairs:
        out.append(_matrix(matrix, names))
    return "\n".join(out)


def _shade(value: float, low: float, high: float) -> str:
    """A background from red (low) through white to green (high): a computed colour."""
    share = 0.5 if high <= low else max(0.0, min(1.0, (value - low) / (high - low)))
    if share < 0.5:
        k = share * 2
        r, g, b = 244, int(205 + 50 * k), int(200 + 55 * k)
    else:
        k = (share - 0.5) * 2
        r, g, b = int(255 - 55 * k), int(255 - 22 * k), int(255 - 50 * k)
    return f"#{r:02x}{g:02x}{b:02x}"


def _matrix(matrix: PairMatrix, names: Names) -> str:
    head = "".join(f'<th class="num">{esc(t.upper())}</th>' for t in matrix.teams)
    rows = []
    for a in matrix.teams:
        cells = []
        for b in matrix.teams:
            if a == b:
                cells.append('<td class="num muted">–</td>')
                continue
            value = matrix.values[(a, b)]
            cells.append(
                f'<td class="num" style="background-color:{_shade(value, *matrix.range)}">'
                f"{esc(f'{value:g}')}</td>"
            )
        rows.append(f"<tr><td>{names.team(a)}</td>{''.join(cells)}</tr>")
    caption = f"{matrix.name} at the end: each row's value toward each column."
    if matrix.description:
        caption += f" {matrix.description}"
    return (
        f'<h3>{esc(matrix.name)}</h3><p class="muted small">{esc(caption)}</p>'
        f'<table cellspacing="0" cellpadding="4"><thead><tr><th>from \\ toward</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def graph(data: ReportData, names: Names, figure: Figure, *, full: bool = True) -> str:
    """The picture, then every commitment (a long list cut short unless ``full``)."""
    svg = commitment_graph_svg(data.scenario, data.commitments, data.analytics)
    out = [
        '<p class="how">How to read it: teams are the boxes; each commitment runs from its '
        "givers to its receivers, coloured by its status; a dashed arrow is a condition "
        "(this waits on that). A loop of conditions is a deadlock or a bundle.</p>",
        _chart(figure, svg, ""),
    ]
    shown, note = shortened(list(data.commitments), full, "commitments")
    rows = [
        (
            Cell(f'<span title="{esc(c.id)}">{c.number or esc(c.id)}</span>', "num"),
            Cell(f"{names.tags(c.givers)} → {names.tags(c.receivers)}"),
            Cell(
                names.issue(c.issue)
                + (f'<br><span class="small"><i>{esc(c.text)}</i></span>' if c.text else "")
            ),
            text(", ".join(condition_words(k) for k in c.conditions) or "–", "small"),
            Cell(
                status(c.status)
                + (f" {c.progress} %" if c.progress and c.status != "fulfilled" else "")
                + (" " + badge("verified", "s-fulfilled") if c.verified == "confirmed" else "")
                + (" " + badge("verification failed", "s-broken") if c.verified == "failed" else "")
                + (" " + badge("inconclusive", "s-open") if c.verified == "inconclusive" else "")
                + (f" (answering {esc(c.in_response_to)})" if c.in_response_to else "")
                + (
                    f'<br><span class="small muted">{esc(c.agreement)}</span>'
                    if c.agreement
                    else ""
                )
            ),
            Cell(visibility_badge(c.visibility)),
        )
        for c in shown
    ]
    out.append("<h3>Every commitment</h3>")
    out.append(
        table(
            ("#", "Giver → receiver", "Issue and words", "Waits on", "Status", "Seen by"),
            rows,
            widths=(5, 22, 38, 10, 14, 11),
        )
    )
    out.append(note)
    return "\n".join(out)
