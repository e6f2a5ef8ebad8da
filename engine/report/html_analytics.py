"""The analytics section: ``engine.graph.analyze``'s answers as tables and a chart.

The numbers are the ``AnalyticsReport`` the data holds, shown as they are: deadlocks and
what would unlock them, bundles and the implementation order, credibility, preparedness,
rhetoric volatility, reciprocity and alignment (definitions: ``docs/analytics.md``).
"""

from __future__ import annotations

from engine.report.data import ReportData
from engine.report.happened import Teller
from engine.report.html_parts import Cell, Figure, Names, num, pct, table, text
from engine.report.markup import esc
from engine.report.svg import hbar_chart

HOW = {
    "deadlocks": "each row is a set of commitments that wait on each other, so that none can "
    "go first as written; the last column is what would have let one go first.",
    "order": "read the steps top down: a step can start once the steps above it are done; "
    "a bracket is a bundle whose parts must be done at the same time (simultaneous action).",
    "credibility": "a longer bar is a team that kept more of the commitments it settled; "
    "verified ones were checked by a verifier. A suspension answering another's breach is "
    "not counted against it.",
    "preparedness": "a prepared team raises its demands at the working level before the "
    "summit; a surprise demand is first tabled by leaders at a summit.",
    "volatility": "the change in a team's mean public tone from one round to the next: "
    "large or frequent swings make a team hard to read.",
    "reciprocity": "each cell is what the row's team gave the column's team (kept in "
    "brackets), tangible and intangible together: a lopsided pair gives without getting.",
    "alignment": "pairs of teams that acted together most (signed the same agreements, "
    "asked the same team for the same thing), over the whole session.",
}


def how(key: str) -> str:
    return f'<p class="how">How to read it: {esc(HOW[key])}</p>'


def _ids(ids: tuple[str, ...], tell: Teller | None = None) -> str:
    if tell is not None:
        return ", ".join(tell.record(i) for i in ids) or "–"
    return ", ".join(ids) or "–"


def _deadlocks(data: ReportData, names: Names) -> str:
    report = data.analytics
    if not report.deadlocks:
        return (
            '<p class="muted">No deadlock or stall: no open commitments wait on each other '
            "without moving (agreed cycles still in time are bundles being carried out).</p>"
        )
    tell = Teller(data.scenario, data.state)
    rows = []
    for deadlock, unlocks in zip(report.deadlocks, report.unlocking, strict=True):
        kind = "deadlock" if deadlock.kind == "unagreed" else "stall"
        if deadlock.kind == "stall":
            kind += f" (past due: {_ids(deadlock.past_due, tell)})"
        rows.append(
            (
                Cell(
                    esc(_ids(deadlock.commitments, tell))
                    + f'<br><span class="small muted">{esc(_ids(deadlock.commitments))}</span>'
                ),
                text(kind),
                Cell(names.teams_list(deadlock.teams)),
                text(_ids(deadlock.blocked, tell)),
                text(tell.words(unlocks.advice) or "–"),
            )
        )
    return table(
        ("In the cycle", "Kind", "Teams", "Also blocked", "What would unlock it"),
        rows,
        widths=(16, 12, 18, 12, 42),
    )


def _order(data: ReportData) -> str:
    report = data.analytics
    if not report.order:
        return '<p class="muted">No conditional commitments.</p>'
    bundles = {b.id: b for b in report.bundles}
    tell = Teller(data.scenario, data.state)
    rows = []
    for step in report.order:
        parts = []
        for bundle_id in step.bundles:
            bundle = bundles[bundle_id]
            joined = " + ".join(
                (
                    *(tell.record(c) for c in bundle.commitments),
                    *(tell.record(d) for d in bundle.demands),
                )
            )
            item = f"[{joined}]" if bundle.simultaneous else joined
            parts.append(item + (" (done)" if bundle.done else ""))
        simultaneous = sum(1 for b in step.bundles if bundles[b].simultaneous)
        rows.append((num(step.number), text("; ".join(parts)), num(simultaneous)))
    return table(("Step", "Bundles", "Simultaneous"), rows, widths=(8, 76, 16))


def _credibility(data: ReportData, names: Names, figure: Figure) -> str:
    rows = data.analytics.credibility
    if not rows:
        return '<p class="muted">No team has made a commitment.</p>'
    chart = hbar_chart(
        "Credibility: share of settled commitments kept",
        [
            (
                names.team_name(c.team),
                c.score,
                names.color(c.team),
                f"{c.kept} kept ({c.kept_verified} verified), {c.broken} broken",
            )
            for c in rows
        ],
    )
    body = table(
        ("Team", "Kept", "Verified", "Broken", "Answering", "Open", "Score", "By round"),
        (
            (
                Cell(names.tag(c.team), "nowrap"),
                num(c.kept),
                num(c.kept_verified),
                num(c.broken),
                num(c.suspended_in_response),
                num(c.open),
                pct(c.score),
                text(
                    " ".join(
                        f"{p.round}: {'–' if p.score is None else f'{p.score:.0%}'}"
                        for p in c.series
                    ),
                    "small",
                ),
            )
            for c in rows
        ),
        widths=(12, 8, 9, 8, 10, 7, 8, 38),
    )
    return f'<div class="figure">{figure(chart)}</div>{body}'


def _preparedness(data: ReportData, names: Names) -> str:
    tell = Teller(data.scenario, data.state)
    rows = [
        (
            Cell(names.team(p.team)),
            num(p.summit_demands),
            num(p.surprises),
            pct(p.prepared),
            text(_ids(p.surprise_demands, tell)),
        )
        for p in data.analytics.preparedness
    ]
    return table(
        ("Team", "At summits", "Surprises", "Prepared", "Surprise demands"),
        rows,
        widths=(24, 12, 12, 12, 40),
    )


def _volatility(data: ReportData, names: Names) -> str:
    rows = [
        (
            Cell(names.team(v.team)),
            num(v.mean_change, "{:.2f}"),
            num(v.max_change, "{:.2f}"),
            text(f"{v.swings}/{v.changes}"),
            pct(v.swing_rate),
            text(" ".join(f"{t.round}: {t.mean_tone:+.1f}" for t in v.rounds), "small"),
        )
        for v in data.analytics.volatility
    ]
    return table(
        ("Team", "Mean change", "Largest", "Swings", "Rate", "Mean tone by round"),
        rows,
        widths=(20, 12, 10, 9, 9, 40),
    )


def _reciprocity(data: ReportData, names: Names) -> str:
    flows = {(r.team, r.partner): r.given for r in data.analytics.reciprocity}
    teams = [t.id for t in data.scenario.teams]
    head = "".join(f'<th class="num">{esc(t.upper())}</th>' for t in teams)
    body = []
    for a in teams:
        cells = []
        for b in teams:
            flow = flows.get((a, b))
            if a == b or flow is None or not flow.total:
                cells.append('<td class="num muted">–</td>')
                continue
            kept = flow.tangible_fulfilled + flow.intangible_fulfilled
            cells.append(f'<td class="num">{flow.total:g} ({kept:g})</td>')
        body.append(f'<tr><td class="nowrap">{names.tag(a)}</td>{"".join(cells)}</tr>')
    return (
        '<table cellspacing="0" cellpadding="3"><thead><tr><th>gave \\ to</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _alignment(data: ReportData, names: Names) -> str:
    pairs: dict[tuple[str, str], list[int]] = {}
    for a in data.analytics.alignment:
        pairs.setdefault((a.team_a, a.team_b), []).append(a.round)
        pairs[(a.team_a, a.team_b)].extend([a.round] * (a.score - 1))
    ranked = sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]
    rows = [
        (
            Cell(f"{names.tag(a)} + {names.tag(b)}", "nowrap"),
            num(len(rounds)),
            text(", ".join(str(r) for r in sorted(set(rounds)))),
        )
        for (a, b), rounds in ranked
    ]
    return table(("Pair", "Acts together", "In rounds"), rows, widths=(40, 20, 40))


def render(data: ReportData, names: Names, figure: Figure) -> str:
    g = data.analytics.graph
    intro = (
        f"<p>{g.commitments} commitments ({g.open} open) among {g.teams} teams; "
        f"{g.conditional} take part in {g.conditions} conditions. "
        + ("" if data.for_control else f"Counted from what {esc(data.viewer_name)} could see.")
        + "</p>"
    )
    return "\n".join(
        [
            intro,
            "<h3>Deadlocks</h3>",
            how("deadlocks"),
            _deadlocks(data, names),
            "<h3>Simultaneous-action bundles and implementation order</h3>",
            how("order"),
            _order(data),
            "<h3>Credibility</h3>",
            how("credibility"),
            _credibility(data, names, figure),
            "<h3>Preparedness</h3>",
            how("preparedness"),
            _preparedness(data, names),
            "<h3>Rhetoric volatility</h3>",
            how("volatility"),
            _volatility(data, names),
            "<h3>Reciprocity</h3>",
            how("reciprocity"),
            _reciprocity(data, names),
            "<h3>Alignment</h3>",
            how("alignment"),
            _alignment(data, names),
        ]
    )
