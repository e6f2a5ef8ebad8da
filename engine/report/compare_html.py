"""The comparison of a class's groups as one self-contained HTML file (and the PDF's text).

``render_compare_html(comparison)``: the grid (one row per group, one column per
measure), where the groups' structures differ most, the final indicators, and a chart of
each key indicator over rounds with one line per group. Like the after-action report:
inline CSS and SVG, no script, every text escaped; ``figure`` lets the PDF maker swap
each SVG for an image.
"""

from __future__ import annotations

import datetime as _dt

from engine.report.compare import Comparison, Value
from engine.report.html_parts import Cell, Figure, inline_figure, num, section, table, text
from engine.report.markup import esc
from engine.report.style import CSS
from engine.report.svg import NEUTRAL, Series, line_chart

EXTRA_CSS = ".wide { overflow-x: auto; }"


def cell(value: Value) -> Cell:
    if value is None:
        return num(None)
    if isinstance(value, int | float):
        return num(value)
    return text(value)


def render_compare_html(comparison: Comparison, *, figure: Figure = inline_figure) -> str:
    sc = comparison.scenario
    title = f"{sc.title}: the groups compared"
    parts = [
        _cover(comparison),
        section("grid", "The groups side by side", _grid(comparison)),
        section("differences", "Where the groups differ most", _differences(comparison)),
        section("indicators", "Key indicators over the rounds", _charts(comparison, figure)),
        section("final", "Final indicators", _final(comparison)),
        section("about", "How to read this", _about(comparison)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{EXTRA_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )


def _cover(comparison: Comparison) -> str:
    sc = comparison.scenario
    generated = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("T", " ")
    rows = [
        ("Scenario", f"{sc.title} ({sc.id})"),
        ("Groups", ", ".join(g.name for g in comparison.groups)),
        ("Saves", ", ".join(g.save.name for g in comparison.groups)),
        ("Generated", generated),
    ]
    meta = "".join(f'<tr><td class="key">{esc(k)}</td><td>{esc(v)}</td></tr>' for k, v in rows)
    return (
        '<header class="cover"><div class="kicker">Class comparison</div>'
        f"<h1>{esc(sc.title)}</h1>"
        f'<p class="subtitle">{len(comparison.groups)} groups played the same scenario.</p>'
        f'<table class="meta">{meta}</table></header>'
    )


GRID_COLUMNS = 5  # measures per table: a page's width (A4 in the PDF) holds the group and five


def _grid(comparison: Comparison) -> str:
    """One row per group, the measures in tables of ``GRID_COLUMNS`` columns each."""
    measures = comparison.measures
    tables = []
    for start in range(0, len(measures), GRID_COLUMNS):
        chunk = measures[start : start + GRID_COLUMNS]
        headers = ["Group", *(m.label for m in chunk)]
        rows = [
            [Cell(f"<strong>{esc(g.name)}</strong>"), *(cell(g.values[m.key]) for m in chunk)]
            for g in comparison.groups
        ]
        widths = [20, *[80 // GRID_COLUMNS] * len(chunk)]
        tables.append(table(headers, rows, css="compare", widths=widths))
    notes = "".join(
        f"<li><strong>{esc(m.label)}</strong>: {esc(m.help)}</li>" for m in measures if m.help
    )
    return "\n".join(tables) + (f'<ul class="muted small">{notes}</ul>' if notes else "")


def _differences(comparison: Comparison) -> str:
    if len(comparison.groups) < 2:
        return '<p class="muted">One group alone: nothing to compare.</p>'
    if not comparison.differences:
        return '<p class="muted">The groups\' commitment graphs have the same shape.</p>'
    items = "".join(f"<li>{esc(d.words)}</li>" for d in comparison.differences)
    return (
        '<p class="muted small">The features of the commitment graph on which the groups '
        "are furthest apart, and the issues some groups reached agreement on and others "
        f"did not; the widest spread first.</p><ul>{items}</ul>"
    )


def _charts(comparison: Comparison, figure: Figure) -> str:
    sc = comparison.scenario
    keys = sc.indicator_keys()
    out = []
    rounds = max((len(v) - 1 for g in comparison.groups for v in g.series.values()), default=1)
    for key in comparison.key_indicators:
        indicator = keys[key]
        series = [
            Series(
                g.name,
                tuple((float(r), v) for r, v in enumerate(g.series[key])),
                NEUTRAL[i % len(NEUTRAL)],
            )
            for i, g in enumerate(comparison.groups)
        ]
        svg = line_chart(
            sc.value_name(key),
            series,
            y_range=(indicator.min, indicator.max),
            x_range=(0.0, float(max(rounds, 1))),
        )
        out.append(f'<div class="figure">{figure(svg)}</div>')
    if not out:
        return '<p class="muted">The scenario defines no indicators.</p>'
    return (
        '<p class="muted small">Each line is one group: the value at the start (0) and at '
        "the end of each round.</p>" + "\n".join(out)
    )


def _final(comparison: Comparison) -> str:
    sc = comparison.scenario
    keys = [k for k, ind in sc.indicator_keys().items() if ind.scope != "pair"]
    if not keys:
        return '<p class="muted">The scenario defines no indicators.</p>'
    headers = ["Indicator", *(g.name for g in comparison.groups)]
    rows = [
        [text(sc.value_name(key)), *(num(round(g.final[key], 2)) for g in comparison.groups)]
        for key in keys
    ]
    return '<div class="wide">' + table(headers, rows, css="compare") + "</div>"


def _about(comparison: Comparison) -> str:
    return (
        "<p>A <strong>big deal</strong> is an agreement of two or more commitments that "
        "covers at least half of the scenario's issues at once; a smaller agreement is a "
        "<strong>step</strong>. A deadlock is <em>met</em> when it stands at the end of a "
        "round, and <em>resolved</em> when it no longer stands at the end of a later one. "
        "A <strong>surprise demand</strong> was first tabled at a summit, never at an "
        "earlier working round. <strong>Rhetoric volatility</strong> is the mean change of "
        "a team's mean public tone from one round to the next, averaged over the teams; a "
        "<strong>swing</strong> is a change of sign or of two points or more. The definitions "
        "are in the class format's documentation (docs/class-format.md).</p>"
    )
