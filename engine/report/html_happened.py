"""The report's opening section, "What happened": ``engine.report.happened`` as HTML.

A summary sentence, a row of counts, then one short heading per question a debrief asks
(deals struck and missed, what stalled and what would have unlocked it, who kept their
word, the turning points), each a lead sentence and its points.
"""

from __future__ import annotations

from engine.report.data import ReportData
from engine.report.happened import WhatHappened, what_happened
from engine.report.html_parts import Names
from engine.report.markup import esc


def told(data: ReportData) -> WhatHappened:
    report = data.analytics
    return what_happened(
        data.scenario,
        data.state,
        data.story,
        report.deadlocks,
        report.unlocking,
        report.credibility,
    )


def render(data: ReportData, names: Names) -> str:
    story = told(data)
    out = [f'<p class="summary">{esc(story.summary)}</p>', _tiles(data)]
    for part in story.parts:
        out.append(f"<h3>{esc(part.title)}</h3><p>{esc(part.lead)}</p>")
        if part.points:
            out.append(
                '<ul class="happened">'
                + "".join(f"<li>{esc(point)}</li>" for point in part.points)
                + "</ul>"
            )
    return "\n".join(out)


def _tiles(data: ReportData) -> str:
    state = data.state
    by_status: dict[str, int] = {}
    for c in state.commitments.values():
        by_status[c.status] = by_status.get(c.status, 0) + 1
    tiles = [
        (f"{data.round}/{len(data.scenario.rounds)}", "rounds"),
        (str(len(state.moves)), "moves"),
        (str(len(state.demands)), "demands"),
        (str(len(state.commitments)), "commitments"),
        (str(by_status.get("fulfilled", 0)), "kept"),
        (str(by_status.get("broken", 0)), "broken"),
        (str(len(state.agreements)), "agreements"),
        (str(data.story.deadlocks_met), "deadlocks"),
    ]
    cells = "".join(
        f'<td><div class="big">{esc(v)}</div><div class="label">{esc(k)}</div></td>'
        for v, k in tiles
    )
    return (
        f'<table class="tiles" cellspacing="0" cellpadding="4" width="100%"><tr>{cells}</tr>'
        "</table>"
    )
