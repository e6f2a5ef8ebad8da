"""The analytics section: ``engine.graph.analyze``'s answers as tables and a chart.

The numbers are the ``AnalyticsReport`` the data holds, shown as they are: deadlocks and
what would unlock them, bundles and the implementation order, credibility, preparedness,
rhetoric volatility, reciprocity and alignment (definitions: ``docs/analytics.md``).
"""

from __future__ import annotations

from engine.report.data import ReportData
from engine.report.html_parts import Cell, Figure, Names, num, pct, table, text
from engine.report.markup import esc
from engine.report.svg import hbar_chart


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) or "–"


def _deadlocks(data: ReportData, names: Names) -> str:
    report = data.analytics
    if not report.deadlocks:
        return (
            '<p class="muted">No deadlock or stall: no open commitments wait on each other '
            "without moving (agreed cycles still in time are bundles being carried out).</p>"
        )
    rows = []
    for deadlock, unlocks in zip(report.deadlocks, report.unlocking, strict=True):
        kind = "deadlock" if deadlock.kind == "unagreed" else "stall"
        if deadlock.kind == "stall":
            kind += f" (past due: {_ids(deadlock.past_due)})"
        rows.append(
            (
                text(_ids(deadlock.commitments)),
                text(kind),
                Cell(names.teams_list(deadlock.teams)),
                text(_ids(deadlock.blocked)),
                text(unlocks.advice or "–"),
            )
        )
    return table(
        ("Commitments in the cycle", "Kind", "Teams", "Also blocked", "What would unlock it"),
        rows,
    )


def _order(data: ReportData) -> str:
    report = data.analytics
    if not report.order:
        return '<p class="muted">No conditional commitments.</p>'
    bundles = {b.id: b for b in report.bundles}
    rows = []
    for step in report.order:
        parts = []
        for bundle_id in step.bundles:
            bundle = bundles[bundle_id]
            joined = " + ".join((*bundle.commitments, *(f"demand {d}" for d in bundle.demands)))
            item = f"[{joined}]" if bundle.simultaneous else joined
            parts.append(item + (" (done)" if bundle.done else ""))
        simultaneous = sum(1 for b in step.bundles if bundles[b].simultaneous)
        rows.append((num(step.number), text("   ".join(parts)), num(simultaneous)))
    return (
        '<p class="muted small">Bundles in brackets must be carried out together '
        "(simultaneous action); each step waits only on earlier ones.</p>"
        + table(("Step", "Bundles", "Simultaneous bundles"), rows)
    )


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
        (
            "Team",
            "Kept",
            "Verified",
            "Unverified",
            "Broken",
            "Answering a breach",
            "Open",
            "Score",
            "By round",
        ),
        (
            (
                Cell(names.team(c.team)),
                num(c.kept),
                num(c.kept_verified),
                num(c.kept_unverified),
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
    )
    return f'<div class="figure">{figure(chart)}</div>{body}'


def _preparedness(data: ReportData, names: Names) -> str:
    rows = [
        (
            Cell(names.team(p.team)),
            num(p.summit_demands),
            num(p.surprises),
            pct(p.prepared),
            text(_ids(p.surprise_demands)),
        )
        for p in data.analytics.preparedness
    ]
    return (
        '<p class="muted small">A surprise demand is first tabled at a summit, never raised '
        "at an earlier working-level round.</p>"
        + table(("Team", "Demands at summits", "Surprises", "Prepared", "Surprise demands"), rows)
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
    return (
        '<p class="muted small">Mean tone of each team\'s public moves by round, and how far '
        "and how often it swings between rounds.</p>"
        + table(
            ("Team", "Mean change", "Largest change", "Swings", "Swing rate", "Tone by round"), rows
        )
    )


def _reciprocity(data: ReportData, names: Names) -> str:
    def flow(tangible: float, intangible: float) -> Cell:
        return Cell(f"{tangible:g} + {intangible:g}", "num")

    rows = [
        (
            Cell(names.team(r.team)),
            Cell(names.team(r.partner)),
            flow(r.given.tangible, r.given.intangible),
            flow(r.given.tangible_fulfilled, r.given.intangible_fulfilled),
            flow(r.received.tangible, r.received.intangible),
            flow(r.received.tangible_fulfilled, r.received.intangible_fulfilled),
        )
        for r in data.analytics.reciprocity
    ]
    return (
        '<p class="muted small">Commitments given and received between two teams, as '
        "tangible + intangible (withdrawn ones left out).</p>"
        + table(
            ("Team", "Partner", "Given", "Given and kept", "Received", "Received and kept"), rows
        )
    )


def _alignment(data: ReportData, names: Names) -> str:
    rows = []
    for a in data.analytics.alignment:
        what = [f"signed {_ids(a.agreements)}"] if a.agreements else []
        what += [
            f"both asked {names.team_name(t)} for "
            f"{names.issues[i].name if i in names.issues else i}"
            for t, i in a.demands
        ]
        rows.append(
            (
                num(a.round),
                Cell(names.team(a.team_a)),
                Cell(names.team(a.team_b)),
                text("; ".join(what)),
                num(a.score),
            )
        )
    return table(("Round", "Team", "With", "Acting together", "Score"), rows)


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
            _deadlocks(data, names),
            "<h3>Simultaneous-action bundles and implementation order</h3>",
            _order(data),
            "<h3>Credibility</h3>",
            _credibility(data, names, figure),
            "<h3>Preparedness</h3>",
            _preparedness(data, names),
            "<h3>Rhetoric volatility</h3>",
            _volatility(data, names),
            "<h3>Reciprocity</h3>",
            _reciprocity(data, names),
            "<h3>Alignment</h3>",
            _alignment(data, names),
        ]
    )
